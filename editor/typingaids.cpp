#include "editor/typingaids.h"

#include "editor/latexsyntax.h"

#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QTextBlock>

#include <optional>
#include <utility>

namespace coauthor::editor {

namespace {

using Kind = LatexSyntax::Kind;

QChar closerOf(QChar open)
{
    switch (open.unicode()) {
    case u'{': return u'}';
    case u'[': return u']';
    case u'(': return u')';
    case u'$': return u'$';
    default: return {};
    }
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

int previousState(const QTextBlock &block)
{
    const QTextBlock previous = block.previous();
    return previous.isValid() ? previous.userState() : LatexSyntax::InitialState;
}

// The highlighting kind of line[index] when the line follows a line that ended in previousState.
std::optional<Kind> kindAt(const QString &line, int state, int index)
{
    QList<LatexSyntax::Span> spans;
    LatexSyntax::highlightLine(line, state, &spans);
    for (const LatexSyntax::Span &s : std::as_const(spans)) {
        if (index >= s.start && index < s.start + s.length)
            return s.kind;
    }
    return std::nullopt;
}

bool isQuoted(std::optional<Kind> kind)
{
    return kind == Kind::Comment || kind == Kind::Verbatim;
}

// An odd number of backslashes before index: the character there is escaped (\{, \$, \%).
bool escaped(const QString &text, qsizetype index)
{
    int backslashes = 0;
    for (qsizetype i = index - 1; i >= 0 && text.at(i) == u'\\'; --i)
        ++backslashes;
    return backslashes % 2 == 1;
}

QString withoutComment(const QString &line)
{
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == u'%' && !escaped(line, i))
            return line.left(i);
    }
    return line;
}

QString leadingWhitespace(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size() && (text.at(i) == u' ' || text.at(i) == u'\t'))
        ++i;
    return text.left(i);
}

bool isEnvironmentName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (!c.isLetterOrNumber() && c != u'*' && c != u'@' && c != u':' && c != u'-' && c != u'_')
            return false;
    }
    return true;
}

} // namespace

TypingAids::TypingAids(QPlainTextEdit *editor) : QObject(editor), m_editor(editor)
{
    connect(editor, &QPlainTextEdit::cursorPositionChanged, this, &TypingAids::dropStaleClosers);
}

QPlainTextEdit *TypingAids::editor() const
{
    return m_editor;
}

void TypingAids::setEndEnvironments(bool on)
{
    m_endEnvironments = on;
}

void TypingAids::setCloseBrackets(bool on)
{
    m_closeBrackets = on;
}

void TypingAids::setCloseMath(bool on)
{
    m_closeMath = on;
}

bool TypingAids::keyPress(QKeyEvent *event)
{
    if (!m_editor || m_editor->isReadOnly())
        return false;
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    const int key = event->key();
    if ((key == Qt::Key_Return || key == Qt::Key_Enter) && mods == Qt::NoModifier)
        return newlineAfterBegin();
    if (key == Qt::Key_Backspace && mods == Qt::NoModifier)
        return deleteEmptyPair();
    const QString text = event->text();
    if (text.size() != 1 || (mods & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return false;
    const QChar ch = text.at(0);

    // The "}" a completion put behind the caret: typing it next does not double it.
    QTextCursor behind = std::exchange(m_behind, QTextCursor());
    const QTextCursor caret = m_editor->textCursor();
    if (!behind.isNull() && !caret.hasSelection() && behind.selectionEnd() == caret.position()
        && behind.selectedText() == QString(ch))
        return true;

    if ((ch == u'}' || ch == u']' || ch == u')' || ch == u'$') && typeOver(ch))
        return true;
    if (((ch == u'{' || ch == u'[' || ch == u'(') && m_closeBrackets) || (ch == u'$' && m_closeMath))
        return openPair(ch);
    return false;
}

void TypingAids::noteCloser(int position)
{
    if (!m_editor)
        return;
    QTextCursor closer(m_editor->document());
    closer.setPosition(position);
    closer.setPosition(position + 1, QTextCursor::KeepAnchor);
    const int caret = m_editor->textCursor().position();
    if (caret <= position)
        m_closers.append(closer);
    else if (caret == position + 1)
        m_behind = closer;
}

bool TypingAids::typeOver(const QChar &ch)
{
    QTextCursor c = m_editor->textCursor();
    if (c.hasSelection())
        return false;
    for (qsizetype i = 0; i < m_closers.size(); ++i) {
        const QTextCursor &closer = m_closers.at(i);
        if (closer.selectionStart() == c.position() && closer.selectedText() == QString(ch)) {
            m_closers.removeAt(i);
            c.movePosition(QTextCursor::NextCharacter);
            m_editor->setTextCursor(c);
            return true;
        }
    }
    return false;
}

bool TypingAids::openPair(const QChar &open)
{
    QTextCursor c = m_editor->textCursor();
    const QChar close = closerOf(open);
    const QTextBlock block = c.block();
    const QString line = block.text();
    const int at = c.positionInBlock();

    if (c.hasSelection()) {
        // Around a selection on one line: the selected text, enclosed, stays selected.
        const int start = c.selectionStart();
        const int end = c.selectionEnd();
        if (m_editor->document()->findBlock(end) != m_editor->document()->findBlock(start))
            return false;
        if (isQuoted(kindAt(line, previousState(block), start - block.position())))
            return false;
        const QString inner = c.selectedText();
        c.beginEditBlock();
        c.insertText(open + inner + close);
        c.endEditBlock();
        c.setPosition(start + 1);
        c.setPosition(end + 1, QTextCursor::KeepAnchor);
        m_editor->setTextCursor(c);
        return true;
    }

    if (at < line.size() && isWordChar(line.at(at)))
        return false; // "(" before a word is usually meant to stay alone
    if (escaped(line, at))
        return false; // \{ \[ \( \$ are not pairs the user typed
    const QString typed = line.left(at) + open + u'x' + line.mid(at);
    const int state = previousState(block);
    if (isQuoted(kindAt(typed, state, at)))
        return false;
    if (open == u'$') {
        // A "$" that closes math (the character after it would not be math) stays single.
        const auto after = kindAt(typed, state, at + 1);
        if (after != Kind::Math && after != Kind::MathCommand)
            return false;
    }
    c.beginEditBlock();
    c.insertText(QString(open) + close);
    c.endEditBlock();
    c.movePosition(QTextCursor::PreviousCharacter);
    m_editor->setTextCursor(c);
    noteCloser(c.position());
    return true;
}

bool TypingAids::deleteEmptyPair()
{
    QTextCursor c = m_editor->textCursor();
    if (c.hasSelection() || c.position() == 0)
        return false;
    const int pos = c.position();
    QTextDocument *doc = m_editor->document();
    const QChar before = doc->characterAt(pos - 1);
    const QChar after = doc->characterAt(pos);
    if (closerOf(before).isNull() || closerOf(before) != after)
        return false;
    for (qsizetype i = 0; i < m_closers.size(); ++i) {
        if (m_closers.at(i).selectionStart() == pos) {
            m_closers.removeAt(i);
            c.beginEditBlock();
            c.setPosition(pos - 1);
            c.setPosition(pos + 1, QTextCursor::KeepAnchor);
            c.removeSelectedText();
            c.endEditBlock();
            m_editor->setTextCursor(c);
            return true;
        }
    }
    return false;
}

bool TypingAids::newlineAfterBegin()
{
    if (!m_endEnvironments)
        return false;
    QTextCursor c = m_editor->textCursor();
    if (c.hasSelection())
        return false;
    const QTextBlock block = c.block();
    if (!block.text().mid(c.positionInBlock()).trimmed().isEmpty())
        return false;
    const QString name = environmentOpenedBefore(block, c.positionInBlock());
    if (name.isEmpty() || environmentIsClosed(block, c.positionInBlock(), name))
        return false;
    insertEnvironmentBody(c, name);
    m_editor->setTextCursor(c);
    m_editor->ensureCursorVisible();
    return true;
}

void TypingAids::insertEnvironmentBody(QTextCursor &c, const QString &name) const
{
    const QString indent = leadingWhitespace(c.block().text());
    c.beginEditBlock();
    c.movePosition(QTextCursor::EndOfBlock);
    c.insertText(u'\n' + indent + m_indentUnit);
    const int inside = c.position();
    c.insertText(u'\n' + indent + QStringLiteral("\\end{") + name + u'}');
    c.setPosition(inside);
    c.endEditBlock();
}

QString TypingAids::environmentOpenedBefore(const QTextBlock &block, int positionInBlock)
{
    const QString before = block.text().left(positionInBlock);
    const qsizetype begin = before.lastIndexOf(QLatin1String("\\begin{"));
    if (begin < 0)
        return {};
    const qsizetype open = begin + 7;
    const qsizetype close = before.indexOf(u'}', open);
    if (close < 0)
        return {};
    const QString name = before.mid(open, close - open).trimmed();
    if (!isEnvironmentName(name))
        return {};
    if (before.indexOf(QStringLiteral("\\end{") + name + u'}', close) >= 0)
        return {}; // opened and closed on this line
    if (isQuoted(kindAt(block.text(), previousState(block), int(begin))))
        return {};
    return name;
}

bool TypingAids::environmentIsClosed(const QTextBlock &block, int positionInBlock, const QString &name)
{
    const QString begin = QStringLiteral("\\begin{") + name + u'}';
    const QString end = QStringLiteral("\\end{") + name + u'}';
    // A \begin typed above a long document that already ends it: counting stops
    // somewhere; past that an unclosed environment is assumed (an extra \end is
    // easier to see and delete than a missing one).
    constexpr int MaxBlocks = 20000;
    int depth = 1;
    int scanned = 0;
    for (QTextBlock b = block; b.isValid() && scanned < MaxBlocks; b = b.next(), ++scanned) {
        QString text = withoutComment(b.text());
        if (b == block)
            text = text.mid(positionInBlock);
        qsizetype i = 0;
        while (true) {
            const qsizetype nextBegin = text.indexOf(begin, i);
            const qsizetype nextEnd = text.indexOf(end, i);
            if (nextBegin < 0 && nextEnd < 0)
                break;
            if (nextEnd < 0 || (nextBegin >= 0 && nextBegin < nextEnd)) {
                ++depth;
                i = nextBegin + begin.size();
            } else {
                if (--depth == 0)
                    return true;
                i = nextEnd + end.size();
            }
        }
    }
    return false;
}

void TypingAids::dropStaleClosers()
{
    if (!m_editor)
        return;
    const QTextCursor caret = m_editor->textCursor();
    const int pos = caret.position();
    const int blockNumber = caret.blockNumber();
    m_closers.removeIf([&](const QTextCursor &closer) {
        return closer.selectionEnd() - closer.selectionStart() != 1 || closer.blockNumber() != blockNumber
            || closer.selectionStart() < pos;
    });
    if (!m_behind.isNull() && m_behind.selectionEnd() != pos)
        m_behind = QTextCursor();
}

} // namespace coauthor::editor
