// ProjectSettings: the settings that belong to a project rather than to a user,
// kept in `.coauthor-project.json` at the project root so that they travel with
// it (a shared project syncs the file to every collaborator like any other):
//   {"root": "paper.tex", "engine": "pdflatex", "spellLanguage": "en_GB"}
// Every key is optional; keys this version does not know are kept when it writes.
// The file may come from anyone who shares the project, so it is untrusted: the
// engine only from the known list, the root only a relative path inside the
// project, the language only a language code; anything else is dropped (and named
// in problems()). Nothing here can ask for shell escape or latexmk options.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace coauthor::app {

class ProjectSettings
{
public:
    static QString fileName(); // ".coauthor-project.json"
    static constexpr qint64 maxFileBytes = 64 * 1024;

    // The project's settings; empty ones when the file is missing, and empty ones with a
    // problem when it is unreadable, too large or not a JSON object.
    static ProjectSettings load(const QString &projectRoot);
    static ProjectSettings fromJson(const QByteArray &bytes);
    QByteArray toJson() const;
    // Writes the file atomically; false (and *error) when it could not.
    bool save(const QString &projectRoot, QString *error = nullptr) const;

    QString root() const { return m_root; }
    QString engine() const { return m_engine; }
    QString spellLanguage() const { return m_spellLanguage; }
    // Each setter refuses (returns false, keeps the old value) what the file would refuse;
    // an empty value removes the key.
    bool setRoot(const QString &relativePath);
    bool setEngine(const QString &engine);
    bool setSpellLanguage(const QString &language);

    // What was dropped while reading, one sentence each (for a message or a log).
    QStringList problems() const { return m_problems; }

    static bool isValidRoot(const QString &relativePath);
    static bool isValidEngine(const QString &engine); // pdflatex, xelatex, lualatex
    static bool isValidSpellLanguage(const QString &language); // en, en_GB, de_DE, ...

    bool operator==(const ProjectSettings &other) const;

private:
    QJsonObject m_unknown; // the keys this version does not know, kept as they were
    QString m_root;
    QString m_engine;
    QString m_spellLanguage;
    QStringList m_problems;
};

} // namespace coauthor::app
