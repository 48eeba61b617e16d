#include "app/spell/spellfeature.h"

#include "app/editors/editortabs.h"
#include "editor/latexeditor.h"
#include "editor/spell/projectdictionary.h"
#include "editor/spell/spelldictionaries.h"
#include "editor/spellsquiggles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QTextCursor>
#include <QTextDocument>

namespace coauthor::app {

using spell::ProjectDictionary;

SpellFeature::SpellFeature(EditorTabs *tabs, QObject *parent) : QObject(parent), m_tabs(tabs)
{
    m_defaultLanguage = defaultLanguage();
    connect(tabs, &EditorTabs::editorOpened, this,
            [this](const QString &path, editor::LatexEditor *editor) { configure(path, editor); });
    // The dictionary's own tab: what it holds is the project's words, saved or not.
    connect(tabs, &EditorTabs::bufferEdited, this, [this](const QString &path) {
        if (path == ProjectDictionary::fileName())
            reloadWords();
    });
    connect(tabs, &EditorTabs::fileReloaded, this, &SpellFeature::projectFileChanged);
    connect(tabs, &EditorTabs::editorClosing, this, [this](const QString &path, editor::LatexEditor *) {
        if (path == ProjectDictionary::fileName())
            QMetaObject::invokeMethod(this, &SpellFeature::reloadWords, Qt::QueuedConnection); // from disk again
    });
}

QString SpellFeature::defaultLanguage()
{
    const QString system = QLocale::system().name();
    if (spell::SpellDictionaries::find(system))
        return system;
    return QStringLiteral("en_US");
}

void SpellFeature::applySettings(bool enabled, const QString &defaultLanguage)
{
    m_enabled = enabled;
    m_defaultLanguage = defaultLanguage.isEmpty() ? SpellFeature::defaultLanguage() : defaultLanguage;
    forEachEditor([this](const QString &path, editor::LatexEditor *e) { configure(path, e); });
}

void SpellFeature::setProjectLanguage(const QString &language)
{
    m_projectLanguage = language;
    forEachEditor([this](const QString &path, editor::LatexEditor *e) { configure(path, e); });
}

QString SpellFeature::language() const
{
    return m_projectLanguage.isEmpty() ? m_defaultLanguage : m_projectLanguage;
}

void SpellFeature::setProjectRoot(const QString &root)
{
    m_root = root;
    m_projectLanguage.clear();
    reloadWords();
}

QString SpellFeature::dictionaryPath() const
{
    return m_root.isEmpty() ? QString() : QDir(m_root).filePath(ProjectDictionary::fileName());
}

void SpellFeature::projectFileChanged(const QString &relativePath)
{
    if (relativePath == ProjectDictionary::fileName())
        reloadWords();
}

void SpellFeature::reloadWords()
{
    QString text;
    if (editor::LatexEditor *tab = m_tabs->editorFor(ProjectDictionary::fileName())) {
        text = tab->toPlainText();
    } else if (!m_root.isEmpty()) {
        QFile file(dictionaryPath());
        if (file.open(QIODevice::ReadOnly))
            text = QString::fromUtf8(file.read(16 * 1024 * 1024));
    }
    const QStringList words = ProjectDictionary::parse(text);
    if (words == m_words)
        return;
    m_words = words;
    forEachEditor([this](const QString &, editor::LatexEditor *e) { e->spellSquiggles()->setProjectWords(m_words); });
}

void SpellFeature::forEachEditor(const std::function<void(const QString &, editor::LatexEditor *)> &apply) const
{
    for (const QString &path : m_tabs->openFiles()) {
        if (editor::LatexEditor *e = m_tabs->editorFor(path))
            apply(path, e);
    }
}

bool SpellFeature::isChecked(const QString &relativePath)
{
    static const QStringList prose = {QStringLiteral("tex"), QStringLiteral("ltx"), QStringLiteral("latex"),
                                      QStringLiteral("txt"), QStringLiteral("md")};
    return prose.contains(QFileInfo(relativePath).suffix().toLower());
}

void SpellFeature::configure(const QString &relativePath, editor::LatexEditor *editor)
{
    editor::SpellSquiggles *spell = editor->spellSquiggles();
    spell->setProjectWords(m_words);
    spell->setLanguage(language());
    spell->setEnabled(m_enabled && isChecked(relativePath));
    if (spell->property("coauthorSpellFeature").toBool())
        return;
    spell->setProperty("coauthorSpellFeature", true); // connected once
    connect(spell, &editor::SpellSquiggles::wordAdded, this, [this](const QString &word) {
        QString error;
        if (!addProjectWord(word, &error))
            Q_EMIT message(error);
    });
    connect(spell, &editor::SpellSquiggles::dictionaryMissing, this, &SpellFeature::reportMissing);
}

void SpellFeature::reportMissing(const QString &language, const QString &detail)
{
    if (m_reported.contains(language))
        return;
    m_reported.insert(language);
    const bool installed = spell::SpellDictionaries::find(language).has_value();
    const QString package = QStringLiteral("hunspell-") + language.toLower().replace(u'_', u'-');
    Q_EMIT message(installed
                       ? tr("Spell check is off: the %1 dictionary cannot be read (%2).").arg(language, detail)
                       : tr("Spell check is off: no %1 dictionary is installed. Install one (on Debian or Ubuntu: "
                            "apt install %2) or choose another language in Preferences.")
                             .arg(language, package));
}

bool SpellFeature::addProjectWord(const QString &word, QString *error)
{
    const QString trimmed = word.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(u'\n'))
        return false;
    if (m_root.isEmpty()) {
        if (error)
            *error = tr("“%1” is accepted until Coauthor closes: there is no project to keep it in.").arg(trimmed);
        return false;
    }
    const QString name = ProjectDictionary::fileName();
    if (editor::LatexEditor *tab = m_tabs->editorFor(name)) {
        // One edit in the open document: in a shared project it reaches the
        // others as any edit does; in a local one the file is saved at once.
        bool newline = false;
        const int at = ProjectDictionary::insertionPoint(tab->toPlainText(), trimmed, &newline);
        if (at >= 0) {
            QTextCursor c(tab->document());
            c.setPosition(at);
            c.insertText(QString(newline ? QStringLiteral("\n") : QString()) + trimmed + u'\n');
        }
        if (!m_tabs->isShared(name) && !m_tabs->save(name, error))
            return false;
        reloadWords();
        return true;
    }
    const QString path = dictionaryPath();
    const bool existed = QFileInfo::exists(path);
    QString text;
    if (existed) {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("Cannot add “%1” to %2: %3").arg(trimmed, name, in.errorString());
            return false;
        }
        text = QString::fromUtf8(in.readAll());
    }
    bool newline = false;
    const int at = ProjectDictionary::insertionPoint(text, trimmed, &newline);
    if (at >= 0) {
        text.insert(at, QString(newline ? QStringLiteral("\n") : QString()) + trimmed + u'\n');
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
            if (error)
                *error = tr("Cannot add “%1” to %2: %3").arg(trimmed, name, out.errorString());
            return false;
        }
    }
    reloadWords();
    if (!existed)
        Q_EMIT projectFileCreated(name);
    return true;
}

} // namespace coauthor::app
