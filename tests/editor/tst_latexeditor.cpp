// LatexEditor through real key events: completion from the project index
// (\ref keys from other files, \cite keys from .bib files, commands,
// environments), matching, comments, diagnostics, navigation, indentation.

#include "editor/latexeditor.h"
#include "editor/projectindex.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QSet>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolTip>

using namespace coauthor::editor;

namespace {

QStringList completionCandidates(LatexEditor &editor)
{
    QStringList out;
    QAbstractItemModel *model = editor.completer()->completionModel();
    for (int i = 0; i < model->rowCount(); ++i)
        out.append(model->index(i, 0).data().toString());
    return out;
}

} // namespace

class TestLatexEditor : public QObject
{
    Q_OBJECT
private:
    ProjectIndex *m_index = nullptr;
    LatexEditor *m_editor = nullptr;

private Q_SLOTS:
    void init()
    {
        m_index = new ProjectIndex(this);
        m_index->setFile(QStringLiteral("main.tex"), QStringLiteral("\\input{chapters/results}\n"));
        m_index->setFile(QStringLiteral("chapters/results.tex"),
                         QStringLiteral("\\section{Results}\\label{sec:results}\n"
                                        "\\begin{figure}\\caption{x}\\label{fig:setup}\\end{figure}\n"
                                        "% \\label{sec:commented}\n"
                                        "\\newcommand{\\mymacro}{m}\n\\newenvironment{myproof}{}{}\n"));
        m_index->setFile(QStringLiteral("refs.bib"),
                         QStringLiteral("@book{knuth84, title={The TeXbook}}\n@article{lamport94,title={LaTeX}}\n"));
        m_editor = new LatexEditor;
        m_editor->setProjectIndex(m_index);
        m_editor->resize(700, 400);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor));
        m_editor->setFocus();
    }

    void cleanup()
    {
        delete m_editor;
        m_editor = nullptr;
        delete m_index;
        m_index = nullptr;
    }

    void referenceCompletionOffersLabelsFromOtherFiles()
    {
        QTest::keyClicks(m_editor, QStringLiteral("See \\ref{"));
        QVERIFY(m_editor->completer()->popup()->isVisible());
        const QStringList offered = completionCandidates(*m_editor);
        QVERIFY2(offered.contains(QStringLiteral("sec:results")), qPrintable(offered.join(u',')));
        QVERIFY(offered.contains(QStringLiteral("fig:setup")));
        QVERIFY(!offered.contains(QStringLiteral("sec:commented")));
        QTest::keyClicks(m_editor, QStringLiteral("sec:r"));
        QCOMPARE(completionCandidates(*m_editor), QStringList{QStringLiteral("sec:results")});
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QVERIFY(!m_editor->completer()->popup()->isVisible());
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("See \\ref{sec:results}"));
        QCOMPARE(m_editor->textCursor().position(), m_editor->toPlainText().size());
    }

    void referenceCompletionFollowsIndexChanges()
    {
        m_index->setFile(QStringLiteral("chapters/new.tex"), QStringLiteral("\\label{eq:new}"));
        QTest::keyClicks(m_editor, QStringLiteral("\\eqref{eq:"));
        QCOMPARE(completionCandidates(*m_editor), QStringList{QStringLiteral("eq:new")});
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("\\eqref{eq:new}"));
    }

    void citationCompletionFromBibFiles()
    {
        QTest::keyClicks(m_editor, QStringLiteral("\\citep[p.~3]{kn"));
        QVERIFY(m_editor->completer()->popup()->isVisible());
        QCOMPARE(completionCandidates(*m_editor), QStringList{QStringLiteral("knuth84")});
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("\\citep[p.~3]{knuth84}"));

        // After a comma in a multi-key citation.
        m_editor->clear();
        QTest::keyClicks(m_editor, QStringLiteral("\\parencite{knuth84, "));
        QVERIFY(m_editor->completer()->popup()->isVisible());
        QTest::keyClicks(m_editor, QStringLiteral("la"));
        QCOMPARE(completionCandidates(*m_editor), QStringList{QStringLiteral("lamport94")});
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("\\parencite{knuth84, lamport94}"));
    }

    void environmentCompletionInsertsEnd()
    {
        QTest::keyClicks(m_editor, QStringLiteral("  \\begin{itemi"));
        QVERIFY(completionCandidates(*m_editor).contains(QStringLiteral("itemize")));
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("  \\begin{itemize}\n      \n  \\end{itemize}"));
        QCOMPARE(m_editor->currentLine(), 2);
        QCOMPARE(m_editor->currentColumn(), 7);
        // User environments from the project are offered too.
        m_editor->clear();
        QTest::keyClicks(m_editor, QStringLiteral("\\begin{mypr"));
        QCOMPARE(completionCandidates(*m_editor), QStringList{QStringLiteral("myproof")});
    }

    void commandCompletion()
    {
        QTest::keyClick(m_editor, Qt::Key_Backslash);
        QVERIFY(m_editor->completer()->popup()->isVisible());
        QVERIFY(completionCandidates(*m_editor).size() > 300);
        QTest::keyClicks(m_editor, QStringLiteral("subsubsec"));
        QTest::keyClick(m_editor, Qt::Key_Tab);
        // The first candidate, "subsubsection{}", with the cursor in the braces.
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("\\subsubsection{}"));
        QCOMPARE(m_editor->currentColumn(), 16);
        QTest::keyClicks(m_editor, QStringLiteral("Title"));
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("\\subsubsection{Title}"));

        m_editor->clear();
        QTest::keyClicks(m_editor, QStringLiteral("\\mymac"));
        QCOMPARE(completionCandidates(*m_editor), QStringList{QStringLiteral("mymacro")});
        QTest::keyClick(m_editor, Qt::Key_Escape);
        QVERIFY(!m_editor->completer()->popup()->isVisible());
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("\\mymac"));
    }

    void noCompletionInComments()
    {
        QTest::keyClicks(m_editor, QStringLiteral("% \\ref{"));
        QVERIFY(!m_editor->completer()->popup()->isVisible());
    }

    void bracketMatchingSelectsPartner()
    {
        m_editor->setPlainText(QStringLiteral("\\frac{a}{b}\n\\begin{center}\nx\n\\end{center}"));
        QTextCursor c = m_editor->textCursor();
        c.setPosition(5); // before the first '{'
        m_editor->setTextCursor(c);
        auto hasSelection = [this](int start, int end) {
            for (const QTextEdit::ExtraSelection &s : m_editor->extraSelections()) {
                if (s.cursor.selectionStart() == start && s.cursor.selectionEnd() == end)
                    return true;
            }
            return false;
        };
        QVERIFY(hasSelection(5, 6));
        QVERIFY(hasSelection(7, 8));
        c.setPosition(14); // inside \begin{center}
        m_editor->setTextCursor(c);
        QVERIFY(hasSelection(12, 26));
        const int end = int(m_editor->toPlainText().indexOf(QStringLiteral("\\end")));
        QVERIFY(hasSelection(end, end + 12));
    }

    void toggleCommentOnSelectedLines()
    {
        m_editor->setPlainText(QStringLiteral("a\n  b\n\nc"));
        QTextCursor c = m_editor->textCursor();
        c.setPosition(0);
        c.setPosition(5, QTextCursor::KeepAnchor); // a, b
        m_editor->setTextCursor(c);
        QTest::keyClick(m_editor, Qt::Key_Slash, Qt::ControlModifier);
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("% a\n%   b\n\nc"));
        m_editor->toggleComment();
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("a\n  b\n\nc"));
        m_editor->undo();
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("% a\n%   b\n\nc"));
        m_editor->undo();
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("a\n  b\n\nc"));

        // Without a selection: the current line only; indented comments keep indentation.
        m_editor->setPlainText(QStringLiteral("x\n    \\item y"));
        m_editor->goToLine(2, 3);
        m_editor->toggleComment();
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("x\n    % \\item y"));
        m_editor->toggleComment();
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("x\n    \\item y"));
    }

    void diagnosticsMarkTheirLine()
    {
        m_editor->setPlainText(QStringLiteral("first\n  second line\nthird"));
        m_editor->setDiagnostics({{Diagnostic::Severity::Error, 2, QStringLiteral("Undefined control sequence.")},
                                  {Diagnostic::Severity::Warning, 3, QStringLiteral("Reference undefined.")},
                                  {Diagnostic::Severity::BadBox, 99, QStringLiteral("out of range")}});
        int underlined = 0;
        for (const QTextEdit::ExtraSelection &s : m_editor->extraSelections()) {
            if (s.format.underlineStyle() != QTextCharFormat::WaveUnderline)
                continue;
            ++underlined;
            if (s.cursor.blockNumber() == 1) {
                QCOMPARE(s.cursor.selectedText(), QStringLiteral("second line"));
                QCOMPARE(s.format.underlineColor().red() > 200, true);
            } else {
                QCOMPARE(s.cursor.blockNumber(), 2);
            }
        }
        QCOMPARE(underlined, 2);
        QCOMPARE(m_editor->diagnosticText(2), QStringLiteral("Undefined control sequence."));
        QVERIFY(m_editor->diagnosticText(1).isEmpty());

        // Tooltip over the line.
        const QRect lineRect = m_editor->cursorRect(QTextCursor(m_editor->document()->findBlockByNumber(1)));
        const QPoint pos = lineRect.center() + QPoint(20, 0);
        QHelpEvent help(QEvent::ToolTip, pos, m_editor->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(m_editor->viewport(), &help);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("Undefined control sequence."));
        QToolTip::hideText();

        // Markers follow their text when lines are inserted above.
        m_editor->goToLine(1);
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(m_editor->diagnosticText(3), QStringLiteral("Undefined control sequence."));
        QVERIFY(m_editor->diagnosticText(2).isEmpty());
        // The gutter shows the error icon (a red disc) beside line 3, and nothing red beside line 1.
        const QImage shot = m_editor->grab().toImage();
        auto redInGutter = [&](int blockNumber) {
            const QRect line = m_editor->cursorRect(QTextCursor(m_editor->document()->findBlockByNumber(blockNumber)))
                                   .translated(m_editor->viewport()->pos());
            const qreal dpr = shot.devicePixelRatio();
            for (int y = line.top(); y <= line.bottom(); ++y) {
                for (int x = 0; x < m_editor->viewport()->x(); ++x) {
                    const QColor c = shot.pixelColor(int(x * dpr), int(y * dpr));
                    if (c.red() > 180 && c.green() < 110 && c.blue() < 110)
                        return true;
                }
            }
            return false;
        };
        QVERIFY(redInGutter(2));
        QVERIFY(!redInGutter(0));

        m_editor->setDiagnostics({});
        for (const QTextEdit::ExtraSelection &s : m_editor->extraSelections())
            QVERIFY(s.format.underlineStyle() != QTextCharFormat::WaveUnderline);
    }

    void goToLineAndCursorSignal()
    {
        m_editor->setPlainText(QStringLiteral("one\ntwo\nthree three\nfour"));
        QSignalSpy moved(m_editor, &LatexEditor::cursorMoved);
        m_editor->goToLine(3, 7);
        QCOMPARE(m_editor->currentLine(), 3);
        QCOMPARE(m_editor->currentColumn(), 7);
        QCOMPARE(m_editor->textCursor().block().text(), QStringLiteral("three three"));
        QVERIFY(!moved.isEmpty());
        QCOMPARE(moved.last().at(0).toInt(), 3);
        QCOMPARE(moved.last().at(1).toInt(), 7);
        // The current line is highlighted across the whole width, and follows the cursor.
        auto currentLineHighlight = [this]() -> int {
            for (const QTextEdit::ExtraSelection &s : m_editor->extraSelections()) {
                if (s.format.boolProperty(QTextFormat::FullWidthSelection))
                    return s.cursor.blockNumber() + 1;
            }
            return 0;
        };
        QCOMPARE(currentLineHighlight(), 3);
        m_editor->goToLine(2);
        QCOMPARE(currentLineHighlight(), 2);
        // The gutter widens for a fifth digit of line numbers.
        const int narrow = m_editor->lineNumberAreaWidth();
        m_editor->setPlainText(QString(u'\n').repeated(12000));
        QVERIFY(m_editor->lineNumberAreaWidth() > narrow);
        QCOMPARE(m_editor->viewport()->x(), m_editor->lineNumberAreaWidth() + m_editor->frameWidth());
        m_editor->setPlainText(QStringLiteral("one\ntwo\nthree three\nfour"));
        m_editor->goToLine(100, 100);
        QCOMPARE(m_editor->currentLine(), 4);
        QCOMPARE(m_editor->currentColumn(), 5);
        m_editor->goToLine(0);
        QCOMPARE(m_editor->currentLine(), 1);
    }

    void autoIndentAndTabs()
    {
        QTest::keyClicks(m_editor, QStringLiteral("    \\item a"));
        QTest::keyClick(m_editor, Qt::Key_Return);
        QTest::keyClicks(m_editor, QStringLiteral("b"));
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("    \\item a\n    b"));
        m_editor->clear();
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QTest::keyClicks(m_editor, QStringLiteral("x"));
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("    x"));
        m_editor->setTabWidth(2);
        m_editor->clear();
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QTest::keyClick(m_editor, Qt::Key_Backspace);
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("  "));
        m_editor->setIndentWithSpaces(false);
        m_editor->clear();
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(m_editor->toPlainText(), QStringLiteral("\t"));
    }

    // Whichever highlighter the build uses (ours, or KSyntaxHighlighting's when
    // KF6SyntaxHighlighting was found), the editor colours LaTeX: a command, its
    // argument and a comment do not all look like plain text.
    void editorHighlightsLatex()
    {
        QVERIFY(m_editor->highlighter());
        m_editor->setPlainText(QStringLiteral("\\section{Intro} text $x^2$ % a comment\nplain words"));
        m_editor->grab(); // the visible lines are highlighted before they are painted
        QTRY_VERIFY(!m_editor->document()->firstBlock().layout()->formats().isEmpty());
        QSet<QRgb> colours;
        for (const QTextLayout::FormatRange &range : m_editor->document()->firstBlock().layout()->formats()) {
            if (range.format.hasProperty(QTextFormat::ForegroundBrush))
                colours.insert(range.format.foreground().color().rgb());
        }
        QVERIFY2(colours.size() >= 2, qPrintable(QString::number(colours.size())));
    }

    void softWrapAndFont()
    {
        QVERIFY(!m_editor->softWrap());
        m_editor->setSoftWrap(true);
        QVERIFY(m_editor->softWrap());
        QCOMPARE(m_editor->lineWrapMode(), QPlainTextEdit::WidgetWidth);
        QFont f = m_editor->editorFont();
        f.setPointSize(17);
        m_editor->setEditorFont(f);
        QCOMPARE(m_editor->editorFont().pointSize(), 17);
        QVERIFY(m_editor->lineNumberAreaWidth() > 0);
    }
};

QTEST_MAIN(TestLatexEditor)
#include "tst_latexeditor.moc"
