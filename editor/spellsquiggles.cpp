#include "editor/spellsquiggles.h"

#include "editor/spell/spellchecker.h"
#include "editor/spell/spelldictionaries.h"
#include "editor/spell/spelltokenizer.h"

#include <QAction>
#include <QElapsedTimer>
#include <QEvent>
#include <QFutureWatcher>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>

#include <limits>

namespace coauthor::editor {

using spell::SpellTokenizer;

namespace {

// A pause in typing this long before the lines on screen are checked again.
constexpr int EditPauseMs = 400;
// After scrolling or resizing: short, the results of most lines are cached.
constexpr int ScrollPauseMs = 60;
// The slices of work on the GUI thread.
constexpr qint64 SliceNs = 3'000'000;
constexpr qint64 EditBudgetNs = 1'000'000;
// A jump this far past the states known so far estimates the start state
// (text) instead of scanning up to there at once; the background pass fixes it.
constexpr int CatchUpLimit = 50000;
constexpr qsizetype LineResultLimit = 20000;

} // namespace

SpellSquiggles::SpellSquiggles(QPlainTextEdit *editor)
    : QObject(editor), m_editor(editor), m_document(editor->document())
{
    m_format.setUnderlineStyle(QTextCharFormat::SpellCheckUnderline);
    m_format.setUnderlineColor(QColor(0xe0, 0x1b, 0x24));
    m_format.setProperty(QTextFormat::UserProperty + 7, true); // marks ours among the editor's selections

    m_stateTimer = new QTimer(this);
    m_stateTimer->setSingleShot(true);
    m_stateTimer->setInterval(0);
    connect(m_stateTimer, &QTimer::timeout, this, &SpellSquiggles::continueStates);
    m_checkTimer = new QTimer(this);
    m_checkTimer->setSingleShot(true);
    connect(m_checkTimer, &QTimer::timeout, this, [this] { runCheck(); });

    connect(m_document, &QTextDocument::contentsChange, this, &SpellSquiggles::onContentsChange);
    connect(editor->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] { scheduleCheck(ScrollPauseMs); });
    connect(editor, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        // The caret left the word that was held back: mark it now.
        if (m_heldBack && m_editor && m_editor->textCursor().position() != m_lastEditEnd) {
            m_heldBack = false;
            m_lastEditEnd = -1;
            scheduleCheck(0);
        }
    });
    editor->viewport()->installEventFilter(this);
}

SpellSquiggles::~SpellSquiggles() = default;

bool SpellSquiggles::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize)
        scheduleCheck(ScrollPauseMs);
    return QObject::eventFilter(watched, event);
}

// ---- Settings ---------------------------------------------------------------

void SpellSquiggles::setEnabled(bool on)
{
    if (on == m_enabled)
        return;
    m_enabled = on;
    if (!on) {
        m_stateTimer->stop();
        m_checkTimer->stop();
        m_resumeBlock = -1;
        ++m_loadGeneration;
        m_loading = false;
        m_checker.reset();
        clearSelections();
        return;
    }
    // States were not followed while off: from the top, in the background.
    m_states.fill(SpellTokenizer::InitialState, m_document ? m_document->blockCount() : 0);
    m_hashes.fill(0, m_states.size());
    m_validUntil = 0;
    m_stateTimer->start();
    updateEffectiveLanguage();
    loadChecker();
}

bool SpellSquiggles::isEnabled() const
{
    return m_enabled;
}

void SpellSquiggles::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    updateEffectiveLanguage();
}

QString SpellSquiggles::language() const
{
    return m_language;
}

QString SpellSquiggles::effectiveLanguage() const
{
    return m_magic.isEmpty() ? m_language : m_magic;
}

bool SpellSquiggles::hasDictionary() const
{
    return m_checker != nullptr;
}

void SpellSquiggles::updateEffectiveLanguage()
{
    if (!m_document)
        return;
    QString head;
    QTextBlock block = m_document->begin();
    for (int n = 0; block.isValid() && n < SpellTokenizer::MagicCommentLines; ++n, block = block.next())
        head += block.text() + u'\n';
    m_magic = SpellTokenizer::magicLanguage(head);
    const QString effective = effectiveLanguage();
    if (effective == m_effective)
        return;
    m_effective = effective;
    Q_EMIT languageChanged(effective);
    loadChecker();
}

void SpellSquiggles::loadChecker()
{
    if (!m_enabled)
        return;
    const int generation = ++m_loadGeneration;
    m_checker.reset();
    forgetResults();
    const QString language = effectiveLanguage();
    if (language.isEmpty()) {
        m_loading = false;
        clearSelections();
        return;
    }
    m_loading = true;
    auto *watcher = new QFutureWatcher<spell::SpellDictionaries::Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_loadGeneration)
            return;
        m_loading = false;
        const spell::SpellDictionaries::Loaded loaded = watcher->result();
        m_checker = loaded.checker;
        forgetResults();
        if (!m_checker) {
            clearSelections();
            if (!m_missingReported.contains(loaded.language)) {
                m_missingReported.insert(loaded.language);
                Q_EMIT dictionaryMissing(loaded.language, loaded.error);
            }
            return;
        }
        scheduleCheck(0);
    });
    watcher->setFuture(spell::SpellDictionaries::load(language));
}

void SpellSquiggles::setProjectWords(const QStringList &words)
{
    const QSet<QString> set(words.begin(), words.end());
    if (set == m_projectWords)
        return;
    m_projectWords = set;
    forgetResults();
    scheduleCheck(0);
}

QStringList SpellSquiggles::projectWords() const
{
    QStringList words(m_projectWords.begin(), m_projectWords.end());
    words.sort();
    return words;
}

void SpellSquiggles::ignoreWord(const QString &word)
{
    m_ignored.insert(word);
    forgetResults();
    scheduleCheck(0);
}

void SpellSquiggles::addToDictionary(const QString &word)
{
    if (word.isEmpty())
        return;
    m_projectWords.insert(word);
    forgetResults();
    scheduleCheck(0);
    Q_EMIT wordAdded(word);
}

bool SpellSquiggles::isRight(const QString &word) const
{
    if (m_projectWords.contains(word) || m_ignored.contains(word))
        return true;
    // A word added in lower case is right at the start of a sentence too.
    if (word.at(0).isUpper()) {
        const QString lower = word.at(0).toLower() + word.mid(1);
        if (m_projectWords.contains(lower) || m_ignored.contains(lower))
            return true;
    }
    return !m_checker || m_checker->isCorrect(word);
}

void SpellSquiggles::forgetResults()
{
    m_lineResults.clear();
}

// ---- Per-line states --------------------------------------------------------

void SpellSquiggles::onContentsChange(int position, int removed, int added)
{
    if (!m_enabled || !m_document)
        return;
    const int count = m_document->blockCount();
    const int delta = count - int(m_states.size());
    if (removed == added && delta != 0) {
        // A highlighter's format change (markContentsDirty) reported from
        // inside the handling of an edit that added or removed lines: the
        // edit's own notification follows. Should it not, continueStates
        // starts over.
        m_stateTimer->start();
        return;
    }
    const QTextBlock firstBlock = m_document->findBlock(position);
    const int first = firstBlock.isValid() ? firstBlock.blockNumber() : 0;
    const QTextBlock lastBlock = m_document->findBlock(position + added);
    const int last = lastBlock.isValid() ? lastBlock.blockNumber() : count - 1;
    if (removed == added && delta == 0) {
        // Only formats, when no line's text changed (highlighting in slices).
        bool same = true;
        QTextBlock block = firstBlock;
        for (int n = first; block.isValid() && n <= last && n < m_validUntil; ++n, block = block.next()) {
            if (qHash(block.text()) != m_hashes.at(n)) {
                same = false;
                break;
            }
        }
        if (same)
            return;
    }
    if (delta > 0) {
        m_states.insert(first + 1, delta, -1);
        m_hashes.insert(first + 1, delta, 0);
    } else if (delta < 0) {
        m_states.remove(first + 1, -delta);
        m_hashes.remove(first + 1, -delta);
    }
    if (first < m_validUntil) {
        const int shiftedValid = m_validUntil + delta;
        m_validUntil = first;
        advanceStates(first, last, shiftedValid > last ? shiftedValid : -1, EditBudgetNs);
    }
    if (m_validUntil < count)
        m_stateTimer->start();
    if (first < SpellTokenizer::MagicCommentLines)
        updateEffectiveLanguage();
    // Typing or Backspace (not a paste, a replacement or an undo of one).
    m_lastEditEnd = (removed + added <= 2) ? position + added : -1;
    scheduleCheck(EditPauseMs);
}

void SpellSquiggles::advanceStates(int from, int mustReach, int convergeEnd, qint64 budgetNs)
{
    QTextBlock block = m_document->findBlockByNumber(from);
    int state = from > 0 ? m_states.at(from - 1) : SpellTokenizer::InitialState;
    QElapsedTimer timer;
    timer.start();
    int n = from;
    while (block.isValid()) {
        const QString text = block.text();
        const int end = SpellTokenizer::tokenizeLine(text, state, nullptr);
        const bool changed = m_states.at(n) != end;
        m_states[n] = end;
        m_hashes[n] = qHash(text);
        state = end;
        block = block.next();
        // Past the edited lines, a line that ends as before leaves the exact
        // states after it as they are.
        if (n >= mustReach && !changed && n + 1 <= convergeEnd) {
            m_validUntil = convergeEnd;
            return;
        }
        ++n;
        if ((n & 63) == 0 && timer.nsecsElapsed() > budgetNs) {
            m_validUntil = n;
            return;
        }
    }
    m_validUntil = n;
}

void SpellSquiggles::continueStates()
{
    if (!m_enabled || !m_document)
        return;
    const int count = m_document->blockCount();
    if (m_states.size() != count) { // an edit whose lines could not be followed: start over
        m_states.fill(SpellTokenizer::InitialState, count);
        m_hashes.fill(0, count);
        m_validUntil = 0;
        forgetResults();
        scheduleCheck(0);
    }
    if (m_validUntil >= count)
        return;
    advanceStates(m_validUntil, m_validUntil, -1, SliceNs);
    if (m_validUntil < count)
        m_stateTimer->start();
}

int SpellSquiggles::stateBefore(int blockNumber)
{
    if (blockNumber <= 0 || !m_document)
        return SpellTokenizer::InitialState;
    if (m_states.size() != m_document->blockCount())
        continueStates();
    if (blockNumber - 1 >= m_validUntil && blockNumber - m_validUntil <= CatchUpLimit)
        advanceStates(m_validUntil, blockNumber - 1, -1, std::numeric_limits<qint64>::max());
    if (blockNumber - 1 < m_validUntil)
        return m_states.at(blockNumber - 1);
    return SpellTokenizer::InitialState; // far ahead: estimated, redone when the pass gets there
}

// ---- Checking what is on screen ---------------------------------------------

void SpellSquiggles::scheduleCheck(int delayMs)
{
    if (!m_enabled || !m_checker)
        return;
    m_resumeBlock = -1;
    m_checkTimer->start(delayMs);
}

QList<std::pair<int, int>> SpellSquiggles::misspelledRanges(const QString &text, int state)
{
    LineKey key{state, text};
    if (const auto it = m_lineResults.constFind(key); it != m_lineResults.constEnd())
        return *it;
    QList<SpellTokenizer::Word> words;
    SpellTokenizer::tokenizeLine(text, state, &words);
    QList<std::pair<int, int>> ranges;
    for (const SpellTokenizer::Word &w : std::as_const(words)) {
        if (!isRight(w.text))
            ranges.append({w.start, w.length});
    }
    if (m_lineResults.size() >= LineResultLimit)
        m_lineResults.clear();
    m_lineResults.insert(std::move(key), ranges);
    return ranges;
}

void SpellSquiggles::runCheck(bool toTheEnd)
{
    if (!m_enabled || !m_checker || !m_editor || !m_document) {
        clearSelections();
        return;
    }
    if (m_resumeBlock < 0) {
        m_heldBack = false;
        const int first = m_editor->cursorForPosition(QPoint(0, 0)).blockNumber();
        const int last = m_editor->cursorForPosition(QPoint(0, m_editor->viewport()->height())).blockNumber();
        const int margin = (last - first) / 2 + 1;
        m_resumeBlock = std::max(0, first - margin);
        m_passLast = std::min(m_document->blockCount() - 1, last + margin);
        m_pending.clear();
    }
    QElapsedTimer timer;
    timer.start();
    int n = m_resumeBlock;
    QTextBlock block = m_document->findBlockByNumber(n);
    int state = stateBefore(n);
    // The word just typed, with the caret at its end, is not marked until it is
    // finished (a space, a move of the caret): it is usually not complete yet.
    const int caret = m_editor->textCursor().position();
    const int typedEnd = caret == m_lastEditEnd ? caret : -1;
    while (block.isValid() && n <= m_passLast) {
        const QString text = block.text();
        for (const auto &[start, length] : misspelledRanges(text, state)) {
            if (block.position() + start + length == typedEnd) {
                m_heldBack = true;
                continue;
            }
            QTextEdit::ExtraSelection s;
            s.format = m_format;
            s.cursor = QTextCursor(m_document);
            s.cursor.setPosition(block.position() + start);
            s.cursor.setPosition(block.position() + start + length, QTextCursor::KeepAnchor);
            m_pending.append(s);
        }
        state = n < m_validUntil ? m_states.at(n) : SpellTokenizer::tokenizeLine(text, state, nullptr);
        block = block.next();
        ++n;
        if (!toTheEnd && timer.nsecsElapsed() > SliceNs && block.isValid() && n <= m_passLast) {
            m_resumeBlock = n;
            m_checkTimer->start(0);
            return;
        }
    }
    m_resumeBlock = -1;
    const bool same = m_pending.size() == m_selections.size()
        && std::equal(m_pending.begin(), m_pending.end(), m_selections.begin(), [](const auto &a, const auto &b) {
               return a.cursor.anchor() == b.cursor.anchor() && a.cursor.position() == b.cursor.position();
           });
    m_selections = std::exchange(m_pending, {});
    if (!same)
        Q_EMIT selectionsChanged();
}

void SpellSquiggles::clearSelections()
{
    m_pending.clear();
    if (m_selections.isEmpty())
        return;
    m_selections.clear();
    Q_EMIT selectionsChanged();
}

bool SpellSquiggles::isIdle() const
{
    return !m_enabled
        || (!m_loading && !m_checkTimer->isActive() && m_resumeBlock < 0 && !m_stateTimer->isActive());
}

void SpellSquiggles::checkVisibleNow()
{
    m_checkTimer->stop();
    m_resumeBlock = -1;
    runCheck(true);
}

// ---- The word under the mouse -----------------------------------------------

std::optional<SpellSquiggles::Misspelling> SpellSquiggles::misspellingAt(int position)
{
    if (!m_enabled || !m_checker || !m_document)
        return std::nullopt;
    const QTextBlock block = m_document->findBlock(position);
    if (!block.isValid())
        return std::nullopt;
    QList<SpellTokenizer::Word> words;
    SpellTokenizer::tokenizeLine(block.text(), stateBefore(block.blockNumber()), &words);
    const int column = position - block.position();
    for (const SpellTokenizer::Word &w : std::as_const(words)) {
        if (column >= w.start && column <= w.start + w.length)
            return isRight(w.text) ? std::nullopt
                                   : std::optional<Misspelling>(Misspelling{block.position() + w.start, w.length, w.text});
    }
    return std::nullopt;
}

QStringList SpellSquiggles::suggestions(const QString &word, int max) const
{
    return m_checker ? m_checker->suggestions(word, max) : QStringList();
}

bool SpellSquiggles::replace(const Misspelling &misspelling, const QString &replacement)
{
    if (!m_document || !m_editor || m_editor->isReadOnly())
        return false;
    const std::optional<Misspelling> now = misspellingAt(misspelling.position);
    if (!now || now->position != misspelling.position || now->length != misspelling.length
        || now->word != misspelling.word)
        return false;
    QTextCursor c(m_document);
    c.setPosition(misspelling.position);
    c.setPosition(misspelling.position + misspelling.length, QTextCursor::KeepAnchor);
    c.beginEditBlock();
    c.insertText(replacement);
    c.endEditBlock();
    m_editor->setTextCursor(c);
    scheduleCheck(0);
    return true;
}

void SpellSquiggles::addContextActions(QMenu *menu, int position)
{
    const std::optional<Misspelling> found = misspellingAt(position);
    if (!found)
        return;
    const Misspelling m = *found;
    QAction *before = menu->actions().value(0);
    const QStringList candidates = suggestions(m.word);
    QList<QAction *> actions;
    if (candidates.isEmpty()) {
        auto *none = new QAction(tr("No Suggestions"), menu);
        none->setEnabled(false);
        actions.append(none);
    }
    for (const QString &candidate : candidates) {
        auto *a = new QAction(candidate, menu);
        a->setObjectName(QStringLiteral("spellSuggestion"));
        QFont bold = a->font();
        bold.setBold(true);
        a->setFont(bold);
        a->setEnabled(m_editor && !m_editor->isReadOnly()); // a read-only member sees them, cannot apply them
        connect(a, &QAction::triggered, this, [this, m, candidate] { replace(m, candidate); });
        actions.append(a);
    }
    auto *add = new QAction(tr("Add to Dictionary"), menu);
    add->setToolTip(tr("Adds “%1” to the project's dictionary (.coauthor-dictionary)").arg(m.word));
    connect(add, &QAction::triggered, this, [this, word = m.word] { addToDictionary(word); });
    auto *ignore = new QAction(tr("Ignore"), menu);
    ignore->setToolTip(tr("Accepts “%1” in this editor until the app closes").arg(m.word));
    connect(ignore, &QAction::triggered, this, [this, word = m.word] { ignoreWord(word); });
    add->setObjectName(QStringLiteral("spellAddToDictionary"));
    ignore->setObjectName(QStringLiteral("spellIgnore"));
    actions << add << ignore;
    menu->insertActions(before, actions);
    menu->insertSeparator(add);
    if (before)
        menu->insertSeparator(before);
}

} // namespace coauthor::editor
