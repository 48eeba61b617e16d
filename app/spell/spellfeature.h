// SpellFeature: spell check across the project's editor tabs. Each LatexEditor
// the tabs open is checked (SpellSquiggles) in the project's language, or the
// user's default; "Add to Dictionary" writes the project's `.coauthor-dictionary`
// (through its tab when it is open, so that in a shared project the word is an
// edit like any other; else the file itself); a missing dictionary is said once.
#pragma once

#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>

namespace coauthor::editor {
class LatexEditor;
} // namespace coauthor::editor

namespace coauthor::app {

class EditorTabs;

class SpellFeature : public QObject
{
    Q_OBJECT
public:
    explicit SpellFeature(EditorTabs *tabs, QObject *parent = nullptr);

    // The user's preferences: on or off, and the default language (empty: defaultLanguage()).
    void applySettings(bool enabled, const QString &defaultLanguage);
    // The project's language (ProjectSettings::spellLanguage); empty: the default.
    void setProjectLanguage(const QString &language);
    // The language editors are checked in unless a magic comment says otherwise.
    QString language() const;
    // The project folder (empty: none); reads its dictionary. Forgets the
    // project's language (set it after this).
    void setProjectRoot(const QString &root);
    // A project file that changed without its tab (on disk, by a collaborator).
    void projectFileChanged(const QString &relativePath);

    QStringList projectWords() const { return m_words; }
    // Adds a word to the project's dictionary and to every editor's checker.
    bool addProjectWord(const QString &word, QString *error = nullptr);

    // The system's language when a dictionary for it is installed, else en_US.
    static QString defaultLanguage();
    // Files of prose: .tex, .ltx, .latex, .txt, .md. Not .bib (keys, names), .sty,
    // .cls, .dtx (code) nor the dictionary itself.
    static bool isChecked(const QString &relativePath);

Q_SIGNALS:
    void message(const QString &text);
    // The dictionary file was created by us (not through a tab): for the tree and sharing.
    void projectFileCreated(const QString &relativePath);

private:
    void configure(const QString &relativePath, editor::LatexEditor *editor);
    void forEachEditor(const std::function<void(const QString &, editor::LatexEditor *)> &apply) const;
    void reloadWords();
    void reportMissing(const QString &language, const QString &detail);
    QString dictionaryPath() const;

    EditorTabs *m_tabs;
    QString m_root;
    bool m_enabled = true;
    QString m_defaultLanguage;
    QString m_projectLanguage;
    QStringList m_words;
    QSet<QString> m_reported; // languages whose missing dictionary was said
};

} // namespace coauthor::app
