#include "editor/latexeditor.h"

#include "editor/bracketmatcher.h"
#include "editor/completioncontext.h"
#include "editor/completiondelegate.h"
#include "editor/completionmodel.h"
#include "editor/latexdocumentlayout.h"
#include "editor/latexhighlighter.h"
#include "editor/latexvocabulary.h"
#include "editor/linenumberarea.h"
#include "editor/projectindex.h"
#include "editor/spellsquiggles.h"
#include "editor/typingaids.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>
#include <QToolTip>

#ifdef COAUTHOR_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

#include <algorithm>
#include <limits>

namespace coauthor::editor {

namespace {

QColor severityColor(Diagnostic::Severity severity)
{
    switch (severity) {
    case Diagnostic::Severity::Error: return QColor(0xe0, 0x30, 0x1e);
    case Diagnostic::Severity::Warning: return QColor(0xe8, 0x9a, 0x00);
    case Diagnostic::Severity::BadBox: return QColor(0x3a, 0x7b, 0xd5);
    }
    return Qt::red;
}

// Lower is more severe: the gutter shows the worst marker of a line.
int severityRank(Diagnostic::Severity severity)
{
    return static_cast<int>(severity);
}

// Icons drawn in code so the editor needs no image files and follows the
// gutter size: a red disc with a cross, an orange triangle with "!", a
// blue square with a box outline.
void paintSeverityIcon(QPainter &p, const QRectF &r, Diagnostic::Severity severity)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QColor color = severityColor(severity);
    const qreal s = std::min(r.width(), r.height());
    const QRectF box(r.center().x() - s / 2, r.center().y() - s / 2, s, s);
    QPen white(Qt::white, std::max<qreal>(1.2, s / 8), Qt::SolidLine, Qt::RoundCap);
    switch (severity) {
    case Diagnostic::Severity::Error: {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(box);
        p.setPen(white);
        const qreal m = s * 0.3;
        p.drawLine(box.topLeft() + QPointF(m, m), box.bottomRight() - QPointF(m, m));
        p.drawLine(box.topRight() + QPointF(-m, m), box.bottomLeft() + QPointF(m, -m));
        break;
    }
    case Diagnostic::Severity::Warning: {
        QPainterPath path;
        path.moveTo(box.center().x(), box.top());
        path.lineTo(box.right(), box.bottom());
        path.lineTo(box.left(), box.bottom());
        path.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawPath(path);
        p.setPen(white);
        p.drawLine(QPointF(box.center().x(), box.top() + s * 0.35), QPointF(box.center().x(), box.top() + s * 0.65));
        p.drawPoint(QPointF(box.center().x(), box.top() + s * 0.82));
        break;
    }
    case Diagnostic::Severity::BadBox: {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(box.adjusted(s * 0.05, s * 0.05, -s * 0.05, -s * 0.05), s * 0.2, s * 0.2);
        p.setPen(QPen(Qt::white, std::max<qreal>(1.0, s / 10)));
        p.setBrush(Qt::NoBrush);
        p.drawRect(box.adjusted(s * 0.3, s * 0.3, -s * 0.3, -s * 0.3));
        break;
    }
    }
    p.restore();
}

#ifdef COAUTHOR_HAVE_KSYNTAXHIGHLIGHTING
// One repository (the syntax definitions and themes) for all editors: loading it reads many files.
KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

KSyntaxHighlighting::Theme syntaxTheme(bool dark)
{
    return syntaxRepository().defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                : KSyntaxHighlighting::Repository::LightTheme);
}
#endif

QString leadingWhitespace(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size() && (text.at(i) == u' ' || text.at(i) == u'\t'))
        ++i;
    return text.left(i);
}

} // namespace

struct LatexEditor::Private
{
    LineNumberArea *gutter = nullptr;
    QPointer<ProjectIndex> index;
    QObject *highlighter = nullptr;
    SpellSquiggles *spell = nullptr;
    QCompleter *completer = nullptr;
    CompletionModel *completionModel = nullptr;
    TypingAids *aids = nullptr;
    bool citationDetails = true;
    CompletionContext completionContext;
    QStringList completionSource; // the candidates, unsorted, that completionModel holds sorted

    QList<Diagnostic> diagnostics;
    // Parallel to diagnostics; the cursors follow edits, so markers stay on
    // their text while the user types above them.
    QList<QTextEdit::ExtraSelection> diagnosticSelections;
    QList<QTextEdit::ExtraSelection> matchSelections;

    int tabWidth = 4;
    bool indentWithSpaces = true;
    bool completionEnabled = true;
    int lastLine = -1;
    int lastColumn = -1;

    QColor currentLineColor;
    QColor matchColor;
    QColor mismatchColor;
    QColor gutterBackground;
    QColor gutterText;
    QColor gutterCurrentText;
};

LatexEditor::LatexEditor(QWidget *parent) : QPlainTextEdit(parent), d(new Private)
{
    d->gutter = new LineNumberArea(this);
    d->aids = new TypingAids(this);
    setSoftWrap(false);
    setCenterOnScroll(false);

#ifdef COAUTHOR_HAVE_KSYNTAXHIGHLIGHTING
    {
        auto *h = new KSyntaxHighlighting::SyntaxHighlighter(document());
        h->setTheme(syntaxTheme(palette().color(QPalette::Base).lightness() < 128));
        h->setDefinition(syntaxRepository().definitionForName(QStringLiteral("LaTeX")));
        d->highlighter = h;
    }
#else
    {
        // Our own document with a layout that keeps a keystroke's repaint to its line.
        auto *doc = new QTextDocument(this);
        auto *layout = new LatexDocumentLayout(doc);
        doc->setDocumentLayout(layout);
        setDocument(doc);
        auto *h = new LatexHighlighter(doc);
        layout->setHighlighter(h);
        d->highlighter = h;
    }
#endif

    setEditorFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    // After the document is final (it is replaced above without KSyntaxHighlighting).
    d->spell = new SpellSquiggles(this);
    connect(d->spell, &SpellSquiggles::selectionsChanged, this, &LatexEditor::updateExtraSelections);

    d->completionModel = new CompletionModel(this);
    d->completionModel->setDetailProvider([this](const QString &candidate) { return completionDetail(candidate); });
    d->completer = new QCompleter(d->completionModel, this);
    d->completer->setWidget(this);
    d->completer->setCompletionMode(QCompleter::PopupCompletion);
    d->completer->setCaseSensitivity(Qt::CaseInsensitive);
    d->completer->setModelSorting(QCompleter::UnsortedModel);
    d->completer->setFilterMode(Qt::MatchStartsWith);
    d->completer->setMaxVisibleItems(12);
    d->completer->setWrapAround(false);
    connect(d->completer, qOverload<const QString &>(&QCompleter::activated), this, &LatexEditor::insertCompletion);
    d->completer->popup()->setItemDelegate(new CompletionDelegate(d->completer->popup()));

    connect(this, &QPlainTextEdit::blockCountChanged, this, &LatexEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &LatexEditor::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &LatexEditor::onCursorPositionChanged);

    applyPaletteColors();
    updateLineNumberAreaWidth();
    updateExtraSelections();
}

LatexEditor::~LatexEditor()
{
    // The base class destructors still send events (hide, update requests); the
    // gutter and our own slots would then reach the deleted d.
    disconnect(this, nullptr, this, nullptr);
    delete d->spell; // it follows the document, which goes with the children below
    d->spell = nullptr;
    delete d->gutter;
    d->gutter = nullptr;
    delete d;
    d = nullptr;
}

void LatexEditor::setProjectIndex(ProjectIndex *index)
{
    d->index = index;
}

ProjectIndex *LatexEditor::projectIndex() const
{
    return d->index;
}

QObject *LatexEditor::highlighter() const
{
    return d->highlighter;
}

QCompleter *LatexEditor::completer() const
{
    return d->completer;
}

SpellSquiggles *LatexEditor::spellSquiggles() const
{
    return d->spell;
}

void LatexEditor::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu(event->pos());
    d->spell->addContextActions(menu, cursorForPosition(event->pos()).position());
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

// ---- Settings ---------------------------------------------------------------

void LatexEditor::setEditorFont(const QFont &font)
{
    setFont(font);
    document()->setDefaultFont(font);
    d->gutter->setFont(font);
    setTabStopDistance(QFontMetricsF(font).horizontalAdvance(u' ') * d->tabWidth);
    updateLineNumberAreaWidth();
}

QFont LatexEditor::editorFont() const
{
    return font();
}

void LatexEditor::setSoftWrap(bool on)
{
    setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
}

bool LatexEditor::softWrap() const
{
    return lineWrapMode() != QPlainTextEdit::NoWrap;
}

void LatexEditor::setTabWidth(int spaces)
{
    d->tabWidth = std::clamp(spaces, 1, 16);
    d->aids->setIndentUnit(d->indentWithSpaces ? QString(d->tabWidth, u' ') : QStringLiteral("\t"));
    setTabStopDistance(QFontMetricsF(font()).horizontalAdvance(u' ') * d->tabWidth);
}

int LatexEditor::tabWidth() const
{
    return d->tabWidth;
}

void LatexEditor::setIndentWithSpaces(bool on)
{
    d->indentWithSpaces = on;
    d->aids->setIndentUnit(on ? QString(d->tabWidth, u' ') : QStringLiteral("\t"));
}

bool LatexEditor::indentWithSpaces() const
{
    return d->indentWithSpaces;
}

void LatexEditor::setCompletionEnabled(bool on)
{
    d->completionEnabled = on;
    if (!on)
        d->completer->popup()->hide();
}

bool LatexEditor::completionEnabled() const
{
    return d->completionEnabled;
}

void LatexEditor::setEndEnvironments(bool on)
{
    d->aids->setEndEnvironments(on);
}

bool LatexEditor::endEnvironments() const
{
    return d->aids->endEnvironments();
}

void LatexEditor::setCloseBrackets(bool on)
{
    d->aids->setCloseBrackets(on);
}

bool LatexEditor::closeBrackets() const
{
    return d->aids->closeBrackets();
}

void LatexEditor::setCloseMath(bool on)
{
    d->aids->setCloseMath(on);
}

bool LatexEditor::closeMath() const
{
    return d->aids->closeMath();
}

void LatexEditor::setCitationDetails(bool on)
{
    d->citationDetails = on;
}

bool LatexEditor::citationDetails() const
{
    return d->citationDetails;
}

void LatexEditor::setConveniences(const Conveniences &conveniences)
{
    setEndEnvironments(conveniences.endEnvironments);
    setCloseBrackets(conveniences.closeBrackets);
    setCloseMath(conveniences.closeMath);
    setCitationDetails(conveniences.citationDetails);
}

void LatexEditor::applyPaletteColors()
{
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const bool dark = base.lightness() < 128;
    auto mix = [](const QColor &a, const QColor &b, qreal t) {
        return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                                a.blueF() * (1 - t) + b.blueF() * t);
    };
    d->currentLineColor = mix(base, pal.color(QPalette::Highlight), dark ? 0.18 : 0.08);
    d->matchColor = dark ? QColor(0x2f, 0x6f, 0x4f) : QColor(0xb4, 0xee, 0xb4);
    d->mismatchColor = dark ? QColor(0x8a, 0x2a, 0x2a) : QColor(0xff, 0xb0, 0xb0);
    d->gutterBackground = mix(base, text, 0.04);
    d->gutterText = mix(base, text, 0.45);
    d->gutterCurrentText = text;
#ifdef COAUTHOR_HAVE_KSYNTAXHIGHLIGHTING
    // KSyntaxHighlighting's own light and dark themes follow the palette too.
    if (auto *h = qobject_cast<KSyntaxHighlighting::SyntaxHighlighter *>(d->highlighter)) {
        const KSyntaxHighlighting::Theme theme = syntaxTheme(dark);
        if (h->theme().name() != theme.name()) {
            h->setTheme(theme);
            h->rehighlight();
        }
    }
#else
    if (auto *h = qobject_cast<LatexHighlighter *>(d->highlighter))
        h->setDarkTheme(dark);
#endif
}

void LatexEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPaletteColors();
        updateExtraSelections();
        d->gutter->update();
    } else if (event->type() == QEvent::FontChange) {
        d->gutter->setFont(font());
        updateLineNumberAreaWidth();
    }
}

QList<std::pair<QString, QKeySequence>> LatexEditor::keyBindings()
{
    return {
        {tr("Complete the command, environment, label or citation"), QKeySequence(Qt::CTRL | Qt::Key_Space)},
        {tr("Accept the completion"), QKeySequence(Qt::Key_Tab)},
        {tr("Indent the selected lines"), QKeySequence(Qt::Key_Tab)},
        {tr("New line with the same indentation (after \\begin{…}: the matching \\end{…})"),
         QKeySequence(Qt::Key_Return)},
        {tr("Delete an empty pair of braces, brackets or $"), QKeySequence(Qt::Key_Backspace)},
    };
}

// ---- Cursor -----------------------------------------------------------------

int LatexEditor::currentLine() const
{
    return textCursor().blockNumber() + 1;
}

int LatexEditor::currentColumn() const
{
    return textCursor().positionInBlock() + 1;
}

void LatexEditor::goToLine(int line, int column)
{
    QTextBlock block = document()->findBlockByNumber(std::clamp(line, 1, blockCount()) - 1);
    if (!block.isValid())
        return;
    QTextCursor c(block);
    c.setPosition(block.position() + std::clamp(column, 1, block.length()) - 1);
    setTextCursor(c);
    centerCursor();
}

void LatexEditor::onCursorPositionChanged()
{
    updateExtraSelections();
    const int line = currentLine();
    const int column = currentColumn();
    if (line != d->lastLine) {
        // Only the old and new current-line numbers change their look.
        d->gutter->update();
    }
    if (line != d->lastLine || column != d->lastColumn) {
        d->lastLine = line;
        d->lastColumn = column;
        Q_EMIT cursorMoved(line, column);
    }
    if (d->completer->popup()->isVisible())
        updateCompletionPopup();
}

void LatexEditor::focusInEvent(QFocusEvent *event)
{
    QPlainTextEdit::focusInEvent(event);
}

// ---- Extra selections: current line, diagnostics, matching ------------------

void LatexEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    selections.reserve(d->diagnosticSelections.size() + 3);

    QTextEdit::ExtraSelection currentLine;
    currentLine.format.setBackground(d->currentLineColor);
    currentLine.format.setProperty(QTextFormat::FullWidthSelection, true);
    currentLine.cursor = textCursor();
    currentLine.cursor.clearSelection();
    selections.append(currentLine);

    // Spelling below the compile markers: an error's wave is drawn over a word's.
    selections.append(d->spell->selections());
    selections.append(d->diagnosticSelections);

    d->matchSelections.clear();
    // Matching only at an empty cursor: with a selection the highlight would hide it.
    if (!textCursor().hasSelection()) {
        if (const auto m = BracketMatcher::match(document(), textCursor().position())) {
            if (m->state != BracketMatch::State::Unknown) {
                const bool matched = m->state == BracketMatch::State::Matched;
                auto add = [&](int pos, int len) {
                    QTextEdit::ExtraSelection s;
                    s.format.setBackground(matched ? d->matchColor : d->mismatchColor);
                    s.cursor = QTextCursor(document());
                    s.cursor.setPosition(pos);
                    s.cursor.setPosition(pos + len, QTextCursor::KeepAnchor);
                    d->matchSelections.append(s);
                };
                add(m->position, m->length);
                if (matched)
                    add(m->partnerPosition, m->partnerLength);
            }
        }
    }
    selections.append(d->matchSelections);
    setExtraSelections(selections);
}

void LatexEditor::setDiagnostics(const QList<Diagnostic> &diagnostics)
{
    d->diagnostics = diagnostics;
    rebuildDiagnosticSelections();
    updateExtraSelections();
    d->gutter->update();
}

QList<Diagnostic> LatexEditor::diagnostics() const
{
    return d->diagnostics;
}

void LatexEditor::rebuildDiagnosticSelections()
{
    d->diagnosticSelections.clear();
    // Worst first so that, of several markers on one line, the most severe
    // underline is drawn last (on top).
    QList<Diagnostic> sorted = d->diagnostics;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return severityRank(a.severity) > severityRank(b.severity);
    });
    for (const Diagnostic &diag : std::as_const(sorted)) {
        if (diag.line < 1 || diag.line > blockCount())
            continue;
        const QTextBlock block = document()->findBlockByNumber(diag.line - 1);
        const QString text = block.text();
        const int indent = int(leadingWhitespace(text).size());
        QTextEdit::ExtraSelection s;
        s.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        s.format.setUnderlineColor(severityColor(diag.severity));
        s.format.setToolTip(diag.message);
        s.cursor = QTextCursor(document());
        s.cursor.setPosition(block.position() + (indent < text.size() ? indent : 0));
        s.cursor.setPosition(block.position() + int(text.size()), QTextCursor::KeepAnchor);
        s.format.setProperty(QTextFormat::UserProperty, static_cast<int>(diag.severity));
        s.format.setProperty(QTextFormat::UserProperty + 1, diag.message);
        d->diagnosticSelections.append(s);
    }
}

QString LatexEditor::diagnosticText(int line) const
{
    QStringList messages;
    for (const QTextEdit::ExtraSelection &s : std::as_const(d->diagnosticSelections)) {
        if (s.cursor.blockNumber() + 1 == line)
            messages.prepend(s.format.property(QTextFormat::UserProperty + 1).toString());
    }
    return messages.join(u'\n');
}

bool LatexEditor::showToolTipForLine(int line, const QPoint &globalPos)
{
    const QString text = diagnosticText(line);
    if (text.isEmpty()) {
        QToolTip::hideText();
        return false;
    }
    QToolTip::showText(globalPos, text, this);
    return true;
}

bool LatexEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QTextCursor c = cursorForPosition(help->pos());
        showToolTipForLine(c.blockNumber() + 1, help->globalPos());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

// ---- Gutter -----------------------------------------------------------------

void LatexEditor::setPlainText(const QString &text)
{
    const int width = lineNumberAreaWidth(int(std::min<qsizetype>(text.count(u'\n') + 1, std::numeric_limits<int>::max())));
    if (width != viewportMargins().left())
        setViewportMargins(width, 0, 0, 0); // while the document is still the old, small one
    QPlainTextEdit::setPlainText(text);
}

int LatexEditor::lineNumberAreaWidth() const
{
    return lineNumberAreaWidth(blockCount());
}

int LatexEditor::lineNumberAreaWidth(int lines) const
{
    int digits = 2;
    for (int max = std::max(1, lines); max >= 100; max /= 10)
        ++digits;
    const QFontMetrics fm(font());
    const int icon = fm.height();
    return icon + 4 + fm.horizontalAdvance(u'9') * digits + 8;
}

void LatexEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    const QRect cr = contentsRect();
    d->gutter->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void LatexEditor::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0)
        d->gutter->scroll(0, dy);
    else
        d->gutter->update(0, rect.y(), d->gutter->width(), rect.height());
}

void LatexEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    d->gutter->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void LatexEditor::paintEvent(QPaintEvent *event)
{
#ifndef COAUTHOR_HAVE_KSYNTAXHIGHLIGHTING
    // The highlighter works ahead in the background; make sure what is
    // about to be painted has its colours.
    if (auto *h = qobject_cast<LatexHighlighter *>(d->highlighter); h && !h->isComplete()) {
        QTextBlock block = firstVisibleBlock();
        const int first = block.blockNumber();
        int last = first;
        qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
        const int height = viewport()->height();
        while (block.isValid() && top <= height) {
            last = block.blockNumber();
            top += blockBoundingRect(block).height();
            block = block.next();
        }
        h->ensureHighlighted(first, last);
    }
#endif
    QPlainTextEdit::paintEvent(event);
}

void LatexEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter p(d->gutter);
    p.fillRect(event->rect(), d->gutterBackground);

    // Worst severity per line, from the live selection cursors.
    QHash<int, Diagnostic::Severity> markers;
    for (const QTextEdit::ExtraSelection &s : std::as_const(d->diagnosticSelections)) {
        const auto severity = static_cast<Diagnostic::Severity>(s.format.property(QTextFormat::UserProperty).toInt());
        const int line = s.cursor.blockNumber();
        const auto it = markers.constFind(line);
        if (it == markers.constEnd() || severityRank(severity) < severityRank(*it))
            markers.insert(line, severity);
    }

    const QFontMetrics fm(font());
    const int iconSize = fm.height() - 4;
    const int numberRight = d->gutter->width() - 6;
    const int current = textCursor().blockNumber();
    QFont bold = font();
    bold.setBold(true);

    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    qreal bottom = top + blockBoundingRect(block).height();
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const bool isCurrent = number == current;
            p.setFont(isCurrent ? bold : font());
            p.setPen(isCurrent ? d->gutterCurrentText : d->gutterText);
            p.drawText(QRectF(0, top, numberRight, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                       QString::number(number + 1));
            if (const auto it = markers.constFind(number); it != markers.constEnd())
                paintSeverityIcon(p, QRectF(2, top + 2, iconSize, iconSize), *it);
        }
        block = block.next();
        top = bottom;
        bottom = top + blockBoundingRect(block).height();
        ++number;
    }
}

bool LatexEditor::lineNumberAreaEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return false;
    auto *help = static_cast<QHelpEvent *>(event);
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= d->gutter->height()) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (help->pos().y() >= top && help->pos().y() < bottom) {
            showToolTipForLine(block.blockNumber() + 1, help->globalPos());
            return true;
        }
        block = block.next();
        top = bottom;
    }
    QToolTip::hideText();
    return true;
}

// ---- Editing ----------------------------------------------------------------

void LatexEditor::toggleComment()
{
    QTextCursor c = textCursor();
    QTextDocument *doc = document();
    const QTextBlock first = doc->findBlock(c.selectionStart());
    QTextBlock last = doc->findBlock(c.selectionEnd());
    // A selection that ends at the start of a line does not include that line.
    if (c.hasSelection() && last != first && c.selectionEnd() == last.position())
        last = last.previous();

    bool allCommented = true;
    bool anyText = false;
    qsizetype minIndent = std::numeric_limits<qsizetype>::max();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        const QString text = b.text();
        const QString trimmed = text.trimmed();
        if (!trimmed.isEmpty()) {
            anyText = true;
            minIndent = std::min(minIndent, leadingWhitespace(text).size());
            if (!trimmed.startsWith(u'%'))
                allCommented = false;
        }
        if (b == last)
            break;
    }
    if (!anyText)
        return;

    QTextCursor edit(doc);
    edit.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        const QString text = b.text();
        if (!text.trimmed().isEmpty()) {
            if (allCommented) {
                const qsizetype at = leadingWhitespace(text).size();
                const int remove = (at + 1 < text.size() && text.at(at + 1) == u' ') ? 2 : 1;
                edit.setPosition(b.position() + int(at));
                edit.setPosition(b.position() + int(at) + remove, QTextCursor::KeepAnchor);
                edit.removeSelectedText();
            } else {
                edit.setPosition(b.position() + int(minIndent));
                edit.insertText(QStringLiteral("% "));
            }
        }
        if (b == last)
            break;
    }
    edit.endEditBlock();

    // Keep the toggled lines selected so the command can be repeated.
    if (c.hasSelection()) {
        QTextCursor sel(doc);
        sel.setPosition(first.position());
        sel.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
        setTextCursor(sel);
    }
}

void LatexEditor::insertNewlineWithIndent()
{
    QTextCursor c = textCursor();
    const QString before = c.block().text().left(c.positionInBlock());
    c.beginEditBlock();
    c.insertText(u'\n' + leadingWhitespace(before));
    c.endEditBlock();
    setTextCursor(c);
    ensureCursorVisible();
}

void LatexEditor::insertTab()
{
    QTextCursor c = textCursor();
    const QTextBlock first = document()->findBlock(c.selectionStart());
    const QTextBlock last = document()->findBlock(c.selectionEnd());
    const QString unit = d->indentWithSpaces ? QString(d->tabWidth, u' ') : QStringLiteral("\t");
    if (c.hasSelection() && first != last) {
        // Indent every selected line.
        c.beginEditBlock();
        for (QTextBlock b = first; b.isValid(); b = b.next()) {
            if (b == last && c.selectionEnd() == b.position())
                break;
            QTextCursor e(b);
            e.insertText(unit);
            if (b == last)
                break;
        }
        c.endEditBlock();
        return;
    }
    if (d->indentWithSpaces) {
        const int col = c.positionInBlock();
        c.insertText(QString(d->tabWidth - col % d->tabWidth, u' '));
    } else {
        c.insertText(QStringLiteral("\t"));
    }
    setTextCursor(c);
}

bool LatexEditor::backspaceIndent()
{
    // In leading spaces, Backspace goes back to the previous tab stop.
    QTextCursor c = textCursor();
    if (!d->indentWithSpaces || c.hasSelection())
        return false;
    const int col = c.positionInBlock();
    const QString before = c.block().text().left(col);
    if (col == 0 || before.size() != leadingWhitespace(before).size() || before.contains(u'\t'))
        return false;
    const int remove = (col - 1) % d->tabWidth + 1;
    c.setPosition(c.position() - remove, QTextCursor::KeepAnchor);
    c.removeSelectedText();
    setTextCursor(c);
    return true;
}

void LatexEditor::keyPressEvent(QKeyEvent *event)
{
    if (handleCompletionKey(event))
        return;

    const Qt::KeyboardModifiers mods = event->modifiers();
    if ((mods & Qt::ControlModifier) && (event->key() == Qt::Key_Slash || event->key() == Qt::Key_Percent)) {
        toggleComment();
        return;
    }
    if ((mods & Qt::ControlModifier) && event->key() == Qt::Key_Space) {
        showCompletion();
        return;
    }
    if (d->aids->keyPress(event)) {
        followTyping(event);
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && !(mods & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier))) {
        insertNewlineWithIndent();
        return;
    }
    if (event->key() == Qt::Key_Tab && !(mods & (Qt::ControlModifier | Qt::AltModifier))) {
        insertTab();
        return;
    }
    if (event->key() == Qt::Key_Backspace && mods == Qt::NoModifier && backspaceIndent()) {
        if (d->completer->popup()->isVisible())
            updateCompletionPopup();
        return;
    }

    QPlainTextEdit::keyPressEvent(event);
    followTyping(event);
}

void LatexEditor::followTyping(QKeyEvent *event)
{
    if (!d->completionEnabled)
        return;
    const QString typed = event->text();
    const bool inserting =
        !typed.isEmpty() && typed.at(0).isPrint() && !(event->modifiers() & Qt::ControlModifier);
    if (d->completer->popup()->isVisible())
        updateCompletionPopup();
    if (!d->completer->popup()->isVisible() && inserting) {
        const QChar ch = typed.back();
        // Open automatically after "\", "\begin{", "\ref{", "\cite{" or a
        // comma in a key list — not on every letter of ordinary text.
        const CompletionContext ctx =
            CompletionContext::at(textCursor().block().text().left(textCursor().positionInBlock()));
        if (ctx.kind != CompletionContext::Kind::None
            && (ch == u'\\' || ch == u'{' || ch == u',' || ctx.prefix.size() >= 1))
            showCompletion();
    }
}

// ---- Completion -------------------------------------------------------------

bool LatexEditor::handleCompletionKey(QKeyEvent *event)
{
    QAbstractItemView *popup = d->completer->popup();
    if (!popup->isVisible())
        return false;
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Tab: {
        QModelIndex current = popup->currentIndex();
        if (!current.isValid())
            current = d->completer->completionModel()->index(0, 0);
        popup->hide();
        if (current.isValid())
            insertCompletion(current.data(Qt::DisplayRole).toString());
        event->accept();
        return true;
    }
    case Qt::Key_Escape:
        popup->hide();
        event->accept();
        return true;
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        // Reached here when the key was sent to the editor directly (the
        // completer's own filter handles the popup's keys otherwise).
        const int rows = d->completer->completionModel()->rowCount();
        if (rows == 0)
            return false;
        int row = popup->currentIndex().isValid() ? popup->currentIndex().row() : -1;
        const int step = (event->key() == Qt::Key_PageUp || event->key() == Qt::Key_PageDown) ? 10 : 1;
        row += (event->key() == Qt::Key_Up || event->key() == Qt::Key_PageUp) ? -step : step;
        popup->setCurrentIndex(d->completer->completionModel()->index(std::clamp(row, 0, rows - 1), 0));
        event->accept();
        return true;
    }
    default:
        return false;
    }
}

bool LatexEditor::showCompletion()
{
    if (!d->completionEnabled || isReadOnly())
        return false;
    const QTextCursor c = textCursor();
    const CompletionContext ctx = CompletionContext::at(c.block().text().left(c.positionInBlock()));
    d->completionContext = ctx;
    QStringList words;
    switch (ctx.kind) {
    case CompletionContext::Kind::None:
        d->completer->popup()->hide();
        return false;
    case CompletionContext::Kind::Command:
        words = LatexVocabulary::commands();
        if (d->index)
            words += d->index->userCommands();
        break;
    case CompletionContext::Kind::Environment:
        words = LatexVocabulary::environments();
        if (d->index)
            words += d->index->userEnvironments();
        break;
    case CompletionContext::Kind::Reference:
        if (d->index)
            words = d->index->labels();
        break;
    case CompletionContext::Kind::Citation:
        if (d->index)
            words = d->index->citationKeys();
        break;
    }
    // This runs on every key typed in a command name: sort only when the
    // candidates changed (another kind, or the project index was updated).
    if (words != d->completionSource) {
        d->completionSource = words;
        words.removeDuplicates();
        // Case-insensitive order, with a starred form after its plain one;
        // each sort key is made once, not on every comparison.
        QList<std::pair<QString, QString>> keyed;
        keyed.reserve(words.size());
        for (const QString &word : std::as_const(words))
            keyed.append({QString(word).replace(u'*', QChar(0xffff)), word});
        std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) {
            const int c = a.first.compare(b.first, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a.first < b.first;
        });
        words.clear();
        for (const auto &pair : std::as_const(keyed))
            words.append(pair.second);
        d->completionModel->setStringList(words);
    }
    updateCompletionPopup();
    return d->completer->popup()->isVisible();
}

void LatexEditor::updateCompletionPopup()
{
    const QTextCursor c = textCursor();
    const CompletionContext ctx = CompletionContext::at(c.block().text().left(c.positionInBlock()));
    QAbstractItemView *popup = d->completer->popup();
    if (ctx.kind == CompletionContext::Kind::None || ctx.kind != d->completionContext.kind) {
        popup->hide();
        return;
    }
    d->completionContext = ctx;
    d->completer->setCompletionPrefix(ctx.prefix);
    const int count = d->completer->completionCount();
    // Nothing to offer, or the only candidate is exactly what is typed.
    if (count == 0
        || (count == 1 && LatexVocabulary::name(d->completer->currentCompletion()) == ctx.prefix
            && d->completer->currentCompletion().size() == ctx.prefix.size())) {
        popup->hide();
        return;
    }
    QRect rect = cursorRect();
    rect.setWidth(popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width() + 8);
    rect.translate(viewportMargins().left(), 0);
    d->completer->complete(rect);
    popup->setCurrentIndex(d->completer->completionModel()->index(0, 0));
}

QString LatexEditor::completionDetail(const QString &candidate) const
{
    if (!d->citationDetails || !d->index || d->completionContext.kind != CompletionContext::Kind::Citation)
        return {};
    const auto entry = d->index->bibEntry(candidate);
    if (!entry)
        return {};
    QString who;
    if (entry->authors.size() == 1)
        who = entry->authors.first();
    else if (entry->authors.size() == 2)
        who = tr("%1 and %2", "two authors in the citation popup").arg(entry->authors.at(0), entry->authors.at(1));
    else if (entry->authors.size() > 2)
        who = tr("%1 et al.", "three or more authors in the citation popup").arg(entry->authors.first());
    QStringList parts;
    if (!who.isEmpty() && !entry->year.isEmpty())
        parts << tr("%1 (%2)", "author (year)").arg(who, entry->year);
    else if (!who.isEmpty() || !entry->year.isEmpty())
        parts << (who.isEmpty() ? entry->year : who);
    if (!entry->title.isEmpty())
        parts << entry->title;
    return parts.join(QStringLiteral(" · "));
}

void LatexEditor::insertCompletion(const QString &completion)
{
    if (completion.isEmpty())
        return;
    const CompletionContext ctx = d->completionContext;
    QTextCursor c = textCursor();
    const QTextBlock block = c.block();
    const int blockPos = block.position();
    c.beginEditBlock();
    c.setPosition(blockPos + ctx.prefixStart);
    c.setPosition(textCursor().position(), QTextCursor::KeepAnchor);
    const QString after = block.text().mid(textCursor().positionInBlock());

    // The closers this completion put in (or stepped over): typing them next
    // moves over them instead of doubling them.
    QList<int> closers;
    switch (ctx.kind) {
    case CompletionContext::Kind::Command: {
        const int start = c.selectionStart();
        c.insertText(completion);
        // Put the cursor in the first empty argument the entry brought along.
        int firstPair = -1;
        for (qsizetype i = 0; i + 1 < completion.size(); ++i) {
            if ((completion.at(i) == u'{' && completion.at(i + 1) == u'}')
                || (completion.at(i) == u'[' && completion.at(i + 1) == u']')) {
                if (firstPair < 0)
                    firstPair = int(i);
                closers.append(start + int(i) + 1);
            }
        }
        if (firstPair >= 0)
            c.setPosition(start + firstPair + 1);
        break;
    }
    case CompletionContext::Kind::Environment: {
        c.insertText(completion);
        if (after.startsWith(u'}'))
            c.movePosition(QTextCursor::NextCharacter);
        else
            c.insertText(QStringLiteral("}"));
        const QString rest = after.startsWith(u'}') ? after.mid(1) : after;
        if (ctx.command == u"begin" && d->aids->endEnvironments() && rest.trimmed().isEmpty()
            && !TypingAids::environmentIsClosed(c.block(), c.positionInBlock(), completion))
            d->aids->insertEnvironmentBody(c, completion);
        else
            closers.append(c.position() - 1);
        break;
    }
    case CompletionContext::Kind::Reference:
    case CompletionContext::Kind::Citation: {
        // Replace the whole key under the cursor, not only its typed part.
        qsizetype keyEnd = 0;
        while (keyEnd < after.size() && after.at(keyEnd) != u'}' && after.at(keyEnd) != u','
               && !after.at(keyEnd).isSpace())
            ++keyEnd;
        c.setPosition(c.position() + int(keyEnd), QTextCursor::KeepAnchor);
        c.insertText(completion);
        if (keyEnd >= after.size() || (after.at(keyEnd) != u'}' && after.at(keyEnd) != u',')) {
            c.insertText(QStringLiteral("}"));
            closers.append(c.position() - 1);
        } else if (after.at(keyEnd) == u'}') {
            closers.append(c.position());
        }
        break;
    }
    case CompletionContext::Kind::None:
        break;
    }
    c.endEditBlock();
    setTextCursor(c);
    for (const int closer : std::as_const(closers))
        d->aids->noteCloser(closer);
    d->completer->popup()->hide();
}

} // namespace coauthor::editor
