// Project templates: the starting points of New Project (article, thesis, beamer
// slides, letter), each a folder of files in the app's resources (resources/templates)
// with @TITLE@ and @AUTHOR@ where the user's title and name go. No widgets: the
// dialog in app/ui asks, this makes the folder.
#pragma once

#include <QList>
#include <QString>

namespace coauthor::app {

struct ProjectTemplate
{
    QString id;          // the resource folder: "article", "thesis", "beamer", "letter"
    QString name;        // shown, translated
    QString description; // one line, translated
};

// The templates in the order New Project lists them.
QList<ProjectTemplate> projectTemplates();

// `text` as LaTeX source that prints it: the ten special characters escaped.
QString escapeLatex(const QString &text);

// Makes `folder` (which must not exist, or be an empty folder) into a new project from
// the template: its files with title and author filled in. Returns an error message,
// empty on success; on failure nothing of the new project is left behind.
QString createProjectFromTemplate(const QString &templateId, const QString &folder, const QString &title,
                                  const QString &author);

} // namespace coauthor::app
