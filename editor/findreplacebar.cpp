#include "editor/findreplacebar.h"

#include <QCheckBox>
#include <QGuiApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>

namespace coauthor::editor {

FindReplaceBar::FindReplaceBar(QWidget *parent) : QWidget(parent)
{
    m_find = new QLineEdit(this);
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_replace = new QLineEdit(this);
    m_replace->setPlaceholderText(tr("Replace with"));
    m_case = new QCheckBox(tr("Match case"), this);
    m_word = new QCheckBox(tr("Whole words"), this);
    m_regex = new QCheckBox(tr("Regular expression"), this);
    m_count = new QLabel(this);
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(tr("9999 of 9999")));

    auto makeButton = [this](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    auto *previous = makeButton(tr("Previous"), tr("Find previous (Shift+Enter)"));
    auto *nextButton = makeButton(tr("Next"), tr("Find next (Enter)"));
    auto *close = makeButton(QStringLiteral("\u2715"), tr("Close (Esc)"));
    auto *replaceOne = makeButton(tr("Replace"), tr("Replace this match and find the next"));
    auto *replaceEvery = makeButton(tr("Replace All"), tr("Replace every match in the document"));

    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    findRow->addWidget(previous);
    findRow->addWidget(nextButton);
    findRow->addWidget(m_count);
    findRow->addWidget(m_case);
    findRow->addWidget(m_word);
    findRow->addWidget(m_regex);
    findRow->addWidget(close);

    m_replaceRow = new QWidget(this);
    auto *replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replace, 1);
    replaceRow->addWidget(replaceOne);
    replaceRow->addWidget(replaceEvery);
    replaceRow->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    // Counting every match of a pattern in a large document is not free:
    // do it once typing in the field pauses.
    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(150);
    connect(m_countTimer, &QTimer::timeout, this, &FindReplaceBar::updateMatchCount);

    connect(m_find, &QLineEdit::textChanged, this, [this] {
        // Incremental search: move to the first match from the selection start.
        if (m_editor && !m_find->text().isEmpty()) {
            QTextCursor c = m_editor->textCursor();
            c.setPosition(c.selectionStart());
            m_editor->setTextCursor(c);
            find(false);
        }
        m_countTimer->start();
    });
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)
            findPrevious();
        else
            findNext();
    });
    connect(m_replace, &QLineEdit::returnPressed, this, &FindReplaceBar::replace);
    connect(previous, &QToolButton::clicked, this, &FindReplaceBar::findPrevious);
    connect(nextButton, &QToolButton::clicked, this, &FindReplaceBar::findNext);
    connect(replaceOne, &QToolButton::clicked, this, &FindReplaceBar::replace);
    connect(replaceEvery, &QToolButton::clicked, this, &FindReplaceBar::replaceAll);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    for (QCheckBox *box : {m_case, m_word, m_regex})
        connect(box, &QCheckBox::toggled, m_countTimer, qOverload<>(&QTimer::start));

    setFocusProxy(m_find);
    hide();
}

void FindReplaceBar::setEditor(QPlainTextEdit *editor)
{
    if (m_editor)
        disconnect(m_editor->document(), nullptr, m_countTimer, nullptr);
    m_editor = editor;
    if (m_editor) {
        connect(m_editor->document(), &QTextDocument::contentsChanged, m_countTimer, [this] {
            if (isVisible())
                m_countTimer->start();
        });
    }
    m_countTimer->start();
}

QPlainTextEdit *FindReplaceBar::editor() const
{
    return m_editor;
}

void FindReplaceBar::showFind()
{
    updateReplaceVisible(false);
    if (m_editor) {
        const QString selected = m_editor->textCursor().selectedText();
        // A multi-line selection is not a useful pattern (U+2029 separates paragraphs).
        if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator)) {
            const QSignalBlocker blocker(m_find);
            m_find->setText(m_regex->isChecked() ? QRegularExpression::escape(selected) : selected);
        }
    }
    show();
    m_find->setFocus();
    m_find->selectAll();
    updateMatchCount();
}

void FindReplaceBar::showReplace()
{
    showFind();
    updateReplaceVisible(true);
}

void FindReplaceBar::updateReplaceVisible(bool visible)
{
    m_replaceRow->setVisible(visible);
}

void FindReplaceBar::setFindText(const QString &text)
{
    const QSignalBlocker blocker(m_find);
    m_find->setText(text);
    updateMatchCount();
}

QString FindReplaceBar::findText() const
{
    return m_find->text();
}

void FindReplaceBar::setReplaceText(const QString &text)
{
    m_replace->setText(text);
}

void FindReplaceBar::setCaseSensitive(bool on)
{
    m_case->setChecked(on);
}

void FindReplaceBar::setWholeWords(bool on)
{
    m_word->setChecked(on);
}

void FindReplaceBar::setRegularExpression(bool on)
{
    m_regex->setChecked(on);
}

QRegularExpression FindReplaceBar::pattern() const
{
    QString p = m_regex->isChecked() ? m_find->text() : QRegularExpression::escape(m_find->text());
    if (m_word->isChecked())
        p = u"\\b(?:" + p + u")\\b";
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (!m_case->isChecked())
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(p, options);
}

bool FindReplaceBar::find(bool backward)
{
    if (!m_editor || m_find->text().isEmpty())
        return false;
    const QRegularExpression re = pattern();
    if (!re.isValid())
        return false;
    QTextDocument *doc = m_editor->document();
    QTextDocument::FindFlags flags;
    if (backward)
        flags |= QTextDocument::FindBackward;
    QTextCursor from = m_editor->textCursor();
    QTextCursor found = doc->find(re, from, flags);
    // An empty match (e.g. "^") at the cursor would stop us forever: step over it.
    if (!found.isNull() && found.selectionStart() == found.selectionEnd() && found.position() == from.position()) {
        QTextCursor step = from;
        step.movePosition(backward ? QTextCursor::PreviousCharacter : QTextCursor::NextCharacter);
        found = step.position() == from.position() ? QTextCursor() : doc->find(re, step, flags);
    }
    if (found.isNull()) {
        // Wrap around.
        QTextCursor start(doc);
        if (backward)
            start.movePosition(QTextCursor::End);
        found = doc->find(re, start, flags);
    }
    if (found.isNull())
        return false;
    m_editor->setTextCursor(found);
    m_editor->centerCursor();
    return true;
}

bool FindReplaceBar::findNext()
{
    return find(false);
}

bool FindReplaceBar::findPrevious()
{
    return find(true);
}

bool FindReplaceBar::selectionMatches(const QRegularExpression &re) const
{
    const QTextCursor c = m_editor->textCursor();
    if (!c.hasSelection())
        return false;
    const QString selected = c.selectedText();
    const QRegularExpressionMatch m = re.match(selected, 0, QRegularExpression::NormalMatch,
                                               QRegularExpression::AnchorAtOffsetMatchOption);
    return m.hasMatch() && m.capturedLength() == selected.size();
}

namespace {

// The replacement text for one match: with regular expressions, \1..\9 and
// \0 refer to captures (as in most editors); "\\" is a backslash, "\n" a newline.
QString expandReplacement(const QString &replacement, const QRegularExpressionMatch &m, bool regex)
{
    if (!regex)
        return replacement;
    QString out;
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if (c == u'\\' && i + 1 < replacement.size()) {
            const QChar n = replacement.at(i + 1);
            if (n.isDigit()) {
                out += m.captured(n.digitValue());
                ++i;
                continue;
            }
            if (n == u'n') {
                out += u'\n';
                ++i;
                continue;
            }
            if (n == u't') {
                out += u'\t';
                ++i;
                continue;
            }
            if (n == u'\\') {
                out += u'\\';
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace

bool FindReplaceBar::replace()
{
    if (!m_editor || m_editor->isReadOnly() || m_find->text().isEmpty())
        return false;
    const QRegularExpression re = pattern();
    if (!re.isValid())
        return false;
    if (selectionMatches(re)) {
        QTextCursor c = m_editor->textCursor();
        const QRegularExpressionMatch m = re.match(c.selectedText());
        c.insertText(expandReplacement(m_replace->text(), m, m_regex->isChecked()));
        m_editor->setTextCursor(c);
    }
    return findNext();
}

int FindReplaceBar::replaceAll()
{
    if (!m_editor || m_editor->isReadOnly() || m_find->text().isEmpty())
        return 0;
    const QRegularExpression re = pattern();
    if (!re.isValid())
        return 0;
    const bool regex = m_regex->isChecked();
    QTextDocument *doc = m_editor->document();
    int count = 0;
    // Matches are found per block (as QTextDocument::find does), so a
    // pattern never spans a line break. Edits go back to front within a
    // block so earlier positions stay valid; all in one undo step.
    QTextCursor edit(doc);
    edit.beginEditBlock();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        QList<QRegularExpressionMatch> matches;
        QRegularExpressionMatchIterator it = re.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength() > 0)
                matches.append(m);
        }
        const int blockPos = block.position();
        for (qsizetype i = matches.size() - 1; i >= 0; --i) {
            const QRegularExpressionMatch &m = matches.at(i);
            edit.setPosition(blockPos + int(m.capturedStart()));
            edit.setPosition(blockPos + int(m.capturedEnd()), QTextCursor::KeepAnchor);
            edit.insertText(expandReplacement(m_replace->text(), m, regex));
            ++count;
        }
    }
    edit.endEditBlock();
    updateMatchCount();
    return count;
}

int FindReplaceBar::matchCount()
{
    if (!m_editor || m_find->text().isEmpty())
        return 0;
    const QRegularExpression re = pattern();
    if (!re.isValid())
        return -1;
    int count = 0;
    for (QTextBlock block = m_editor->document()->begin(); block.isValid(); block = block.next()) {
        QRegularExpressionMatchIterator it = re.globalMatch(block.text());
        while (it.hasNext()) {
            if (it.next().capturedLength() > 0)
                ++count;
        }
    }
    return count;
}

void FindReplaceBar::updateMatchCount()
{
    if (m_find->text().isEmpty()) {
        m_count->clear();
        return;
    }
    const int n = matchCount();
    if (n < 0)
        m_count->setText(tr("Invalid pattern"));
    else if (n == 0)
        m_count->setText(tr("No matches"));
    else
        m_count->setText(tr("%n match(es)", nullptr, n));
}

void FindReplaceBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void FindReplaceBar::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (m_editor && !event->spontaneous())
        m_editor->setFocus();
    Q_EMIT closed();
}

} // namespace coauthor::editor
