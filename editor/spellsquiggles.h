// SpellSquiggles: spell check as the user sees it in an editor: misspelled
// prose underlined with red waves (extra selections in
// QTextCharFormat::SpellCheckUnderline, so it combines with whichever
// highlighter colours the text, the built-in one or KSyntaxHighlighting,
// without touching their formats), and the context-menu entries on such a
// word (suggestions, Add to Dictionary, Ignore).
//
// The word being typed (the caret at its end, right after the edit) is marked
// once it is finished: after a space or when the caret moves away.
//
// It never works on a keystroke: an edit only updates the tokenizer's
// per-line states (the lines it touched, until they converge); the lines on
// screen (and half a screen around) are checked after a pause in typing or
// scrolling, in slices of a few milliseconds, with every line's result cached
// by its text and start state, and every word's answer cached by the checker.
// The dictionary is loaded on a worker thread (SpellDictionaries).
#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTextEdit>

#include <memory>
#include <optional>

class QMenu;
class QPlainTextEdit;
class QTextDocument;
class QTimer;

namespace coauthor::spell {
class SpellChecker;
} // namespace coauthor::spell

namespace coauthor::editor {

class SpellSquiggles : public QObject
{
    Q_OBJECT
public:
    explicit SpellSquiggles(QPlainTextEdit *editor);
    ~SpellSquiggles() override;

    // Off: no squiggles and no work (the default until the app turns it on).
    void setEnabled(bool on);
    bool isEnabled() const;
    // The document's language ("en_US", "de_DE"), from the project or the app's
    // default. A `% !TEX spellcheck = de_DE` comment in the first lines wins.
    void setLanguage(const QString &language);
    QString language() const;
    QString effectiveLanguage() const;
    // Whether the effective language's dictionary is loaded (false while loading).
    bool hasDictionary() const;

    // Words that are right in this document (the project's dictionary).
    void setProjectWords(const QStringList &words);
    QStringList projectWords() const;
    // Right for the rest of this session, in this editor.
    void ignoreWord(const QString &word);

    QList<QTextEdit::ExtraSelection> selections() const { return m_selections; }

    struct Misspelling
    {
        int position = -1; // in the document
        int length = 0;    // of the source (accent commands included)
        QString word;      // as checked
    };
    // The misspelled word at a document position (checked now, on or off screen).
    std::optional<Misspelling> misspellingAt(int position);
    QStringList suggestions(const QString &word, int max = 7) const;

    // The context menu's actions, usable without the menu:
    // replaces the word with one undoable edit through the editor's document
    // (a shared doc sends it like any edit); false when the text there changed.
    bool replace(const Misspelling &misspelling, const QString &replacement);
    // Right in this document now, and wordAdded for the project's dictionary.
    void addToDictionary(const QString &word);

    // Puts the spelling entries for a document position at the top of menu:
    // up to seven suggestions, Add to Dictionary, Ignore. Nothing when the word
    // there is not misspelled.
    void addContextActions(QMenu *menu, int position);

    // No check pending and every line's state known (tests and benchmarks wait for this).
    bool isIdle() const;
    // The pass over the lines on screen, now and to the end (tests, screenshots).
    void checkVisibleNow();

Q_SIGNALS:
    void selectionsChanged();
    void wordAdded(const QString &word);
    // Once per language and editor: none installed, or it could not be read.
    void dictionaryMissing(const QString &language, const QString &message);
    void languageChanged(const QString &effectiveLanguage);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onContentsChange(int position, int removed, int added);
    void advanceStates(int from, int mustReach, int convergeEnd, qint64 budgetNs);
    void continueStates();
    int stateBefore(int blockNumber);
    void scheduleCheck(int delayMs);
    void runCheck(bool toTheEnd = false);
    QList<std::pair<int, int>> misspelledRanges(const QString &text, int state);
    bool isRight(const QString &word) const;
    void updateEffectiveLanguage();
    void loadChecker();
    void clearSelections();
    void forgetResults();

    QPointer<QPlainTextEdit> m_editor;
    QPointer<QTextDocument> m_document;
    bool m_enabled = false;
    QString m_language;
    QString m_effective;
    QString m_magic;
    std::shared_ptr<spell::SpellChecker> m_checker;
    int m_loadGeneration = 0;
    bool m_loading = false;
    QSet<QString> m_missingReported;
    QSet<QString> m_projectWords;
    QSet<QString> m_ignored;

    // The tokenizer's state at the end of each block; [0, m_validUntil) are exact.
    QList<int> m_states;
    QList<size_t> m_hashes; // of each block's text, to tell a format-only change from an edit
    int m_validUntil = 0;
    QTimer *m_stateTimer = nullptr;

    QTimer *m_checkTimer = nullptr;
    int m_resumeBlock = -1; // the pass in progress: next block, or -1
    int m_passLast = -1;
    int m_lastEditEnd = -1;  // where the last edit ended: a word typed up to the caret waits
    bool m_heldBack = false; // the last pass left such a word unmarked
    QList<QTextEdit::ExtraSelection> m_pending;
    QList<QTextEdit::ExtraSelection> m_selections;
    QTextCharFormat m_format;

    struct LineKey
    {
        int state;
        QString text;
        bool operator==(const LineKey &) const = default;
    };
    friend size_t qHash(const LineKey &key, size_t seed) { return qHashMulti(seed, key.state, key.text); }
    QHash<LineKey, QList<std::pair<int, int>>> m_lineResults; // (start, length) of the misspellings
};

} // namespace coauthor::editor
