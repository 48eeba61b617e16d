#include "app/project/projecttemplate.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

// Q_INIT_RESOURCE must be used outside any namespace; a static library's resources
// are otherwise dropped by the linker.
static void initTemplates()
{
    Q_INIT_RESOURCE(templates);
}

namespace coauthor::app {

namespace {

// The texts are marked with QT_TRANSLATE_NOOP at each use, so lupdate finds them.
QString trTemplate(const char *text)
{
    return QCoreApplication::translate("coauthor::app::ProjectTemplate", text);
}

} // namespace

QList<ProjectTemplate> projectTemplates()
{
    initTemplates();
    return {
        {QStringLiteral("article"), trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "Article")),
         trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "A paper: sections, an equation, a table and a bibliography (BibTeX)."))},
        {QStringLiteral("thesis"), trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "Thesis")),
         trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "A report with a title page, abstract, contents and one file per chapter."))},
        {QStringLiteral("beamer"), trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "Presentation (Beamer)")),
         trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "Slides in 16:9 with a title frame, an outline, columns and overlays."))},
        {QStringLiteral("letter"), trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "Letter")),
         trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "A letter, e.g. the cover letter of a submission."))},
    };
}

QString escapeLatex(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\': out += QLatin1String("\\textbackslash{}"); break;
        case '~': out += QLatin1String("\\textasciitilde{}"); break;
        case '^': out += QLatin1String("\\textasciicircum{}"); break;
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            out += u'\\';
            out += c;
            break;
        case '\n': case '\r': out += u' '; break; // a title is one line
        default: out += c;
        }
    }
    return out;
}

QString createProjectFromTemplate(const QString &templateId, const QString &folder, const QString &title,
                                  const QString &author)
{
    initTemplates();
    const QString source = QStringLiteral(":/templates/") + templateId;
    if (templateId.isEmpty() || templateId.contains(u'/') || !QFileInfo(source).isDir())
        return trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "There is no template “%1”.")).arg(templateId);
    const QFileInfo target(folder);
    const bool existed = target.exists();
    if (existed && (!target.isDir() || !QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)))
        return trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "“%1” already exists and is not an empty folder.")).arg(QDir::toNativeSeparators(folder));
    if (!QDir().mkpath(folder))
        return trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "Cannot create the folder “%1”.")).arg(QDir::toNativeSeparators(folder));
    auto undo = [&] {
        if (existed) {
            const QDir dir(folder);
            for (const QString &entry : dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
                if (QFileInfo(dir.filePath(entry)).isDir())
                    QDir(dir.filePath(entry)).removeRecursively();
                else
                    QFile::remove(dir.filePath(entry));
            }
        } else {
            QDir(folder).removeRecursively();
        }
    };
    const QString titleTex = escapeLatex(title.trimmed());
    const QString authorTex = escapeLatex(author.trimmed());
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString relative = from.mid(source.size() + 1);
        const QString to = QDir(folder).filePath(relative);
        QFile in(from);
        if (!in.open(QIODevice::ReadOnly)) {
            undo();
            return trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "Cannot read the template file %1.")).arg(relative);
        }
        QString text = QString::fromUtf8(in.readAll());
        text.replace(QLatin1String("@TITLE@"), titleTex);
        text.replace(QLatin1String("@AUTHOR@"), authorTex);
        QDir().mkpath(QFileInfo(to).absolutePath());
        QFile out(to);
        const QByteArray bytes = text.toUtf8();
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly) || out.write(bytes) != bytes.size() || !out.flush()) {
            const QString why = out.errorString();
            out.close();
            undo();
            return trTemplate(QT_TRANSLATE_NOOP("coauthor::app::ProjectTemplate", "Cannot write %1: %2")).arg(QDir::toNativeSeparators(to), why);
        }
    }
    return {};
}

} // namespace coauthor::app
