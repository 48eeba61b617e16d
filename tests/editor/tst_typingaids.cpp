// LatexEditor's typing conveniences (TypingAids) through real key events:
// \end{env} after \begin{env} + Enter and after completing \begin{…};
// auto-closed { [ ( $ with type-over and empty-pair deletion, left alone in
// comments, verbatim, before words and after a backslash; a completion's "}"
// typed over; the \cite popup's author, year and title; each insertion one
// undo step; each one off when turned off.

#include "editor/completionmodel.h"
#include "editor/latexeditor.h"
#include "editor/projectindex.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QTest>
#include <QTextBlock>

using namespace coauthor::editor;

class TestTypingAids : public QObject
{
    Q_OBJECT
private:
    ProjectIndex *m_index = nullptr;
    LatexEditor *m_editor = nullptr;

    void type(const QString &keys) { QTest::keyClicks(m_editor, keys); }
    QString text() const { return m_editor->toPlainText(); }
    int caret() const { return m_editor->textCursor().position(); }
    void setText(const QString &text, int caretAt = -1)
    {
        m_editor->setPlainText(text);
        QTextCursor c = m_editor->textCursor();
        c.setPosition(caretAt < 0 ? int(text.size()) : caretAt);
        m_editor->setTextCursor(c);
    }

private Q_SLOTS:
    void init()
    {
        m_index = new ProjectIndex(this);
        m_index->setFile(QStringLiteral("main.tex"), QStringLiteral("\\section{Results}\\label{sec:results}\n"));
        m_index->setFile(QStringLiteral("refs.bib"),
                         QStringLiteral("@book{knuth84, author = {Knuth, Donald E.}, title = {The {\\TeX}book}, year = 1984}\n"
                                        "@article{lamport94, author = {Leslie Lamport and Tom Smith and Ann Other},"
                                        " title = {LaTeX}, year = {1994}}\n@misc{bare, note = {nothing else}}\n"));
        m_editor = new LatexEditor;
        m_editor->setProjectIndex(m_index);
        m_editor->setCloseBrackets(true);
        m_editor->setCloseMath(true);
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

    void enterAfterBeginInsertsTheEndWithTheCursorInside()
    {
        m_editor->setCompletionEnabled(false);
        setText(QStringLiteral("  \\begin{itemize}"));
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(text(), QStringLiteral("  \\begin{itemize}\n      \n  \\end{itemize}"));
        QCOMPARE(m_editor->currentLine(), 2);
        QCOMPARE(m_editor->currentColumn(), 7);
        // With arguments after the name, too.
        setText(QStringLiteral("\\begin{tabular}{ll}"));
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(text(), QStringLiteral("\\begin{tabular}{ll}\n    \n\\end{tabular}"));
        // One undo step gives the line back as it was.
        m_editor->undo();
        QCOMPARE(text(), QStringLiteral("\\begin{tabular}{ll}"));
    }

    void enterAfterBeginLeavesAnEnvironmentThatIsClosedFurtherDown()
    {
        m_editor->setCompletionEnabled(false);
        setText(QStringLiteral("\\begin{document}\nHello\n\\begin{itemize}\\end{itemize}\n\\end{document}"), 16);
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(text(), QStringLiteral("\\begin{document}\n\nHello\n\\begin{itemize}\\end{itemize}\n\\end{document}"));
        // A nested one of the same name above the outer end is still open.
        setText(QStringLiteral("\\begin{itemize}\n\\item a\n\\begin{itemize}\n\\end{itemize}"), 15);
        QTest::keyClick(m_editor, Qt::Key_Return);
        QVERIFY2(text().startsWith(QStringLiteral("\\begin{itemize}\n    \n\\end{itemize}\n\\item a")), qPrintable(text()));
        // Commented, closed on the line, or with text after the cursor: a plain new line.
        setText(QStringLiteral("% \\begin{figure}"));
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(text(), QStringLiteral("% \\begin{figure}\n"));
        setText(QStringLiteral("\\begin{center}x\\end{center}"));
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(text(), QStringLiteral("\\begin{center}x\\end{center}\n"));
        setText(QStringLiteral("\\begin{center} text"), 14);
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(text(), QStringLiteral("\\begin{center}\n text"));
    }

    void completingBeginInsertsTheEndUnlessTurnedOff()
    {
        type(QStringLiteral("\\begin{enum"));
        QVERIFY(m_editor->completer()->popup()->isVisible());
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(text(), QStringLiteral("\\begin{enumerate}\n    \n\\end{enumerate}"));
        QCOMPARE(m_editor->currentLine(), 2);

        m_editor->clear();
        m_editor->setEndEnvironments(false);
        type(QStringLiteral("\\begin{enum"));
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(text(), QStringLiteral("\\begin{enumerate}"));
        QTest::keyClick(m_editor, Qt::Key_Return);
        QCOMPARE(text(), QStringLiteral("\\begin{enumerate}\n"));
    }

    void openersAreClosedAndTheirClosersTypedOver_data()
    {
        QTest::addColumn<QString>("open");
        QTest::addColumn<QString>("close");
        QTest::newRow("brace") << QStringLiteral("{") << QStringLiteral("}");
        QTest::newRow("bracket") << QStringLiteral("[") << QStringLiteral("]");
        QTest::newRow("parenthesis") << QStringLiteral("(") << QStringLiteral(")");
        QTest::newRow("dollar") << QStringLiteral("$") << QStringLiteral("$");
    }

    void openersAreClosedAndTheirClosersTypedOver()
    {
        QFETCH(QString, open);
        QFETCH(QString, close);
        m_editor->setCompletionEnabled(false);
        setText(QStringLiteral("See "));
        type(open);
        QCOMPARE(text(), QStringLiteral("See ") + open + close);
        QCOMPARE(caret(), 5);
        type(QStringLiteral("x"));
        type(close);
        QCOMPARE(text(), QStringLiteral("See ") + open + u'x' + close);
        QCOMPARE(caret(), 7);
        if (open == u"$")
            return; // another "$" here opens math again (and is closed like the first)
        // Once past it, the closer is the user's own again: typing it adds one.
        type(close);
        QCOMPARE(text(), QStringLiteral("See ") + open + u'x' + close + close);
    }

    void backspaceDeletesAnEmptyPairAsOneStep()
    {
        m_editor->setCompletionEnabled(false);
        setText(QStringLiteral("a "));
        type(QStringLiteral("("));
        QCOMPARE(text(), QStringLiteral("a ()"));
        QTest::keyClick(m_editor, Qt::Key_Backspace);
        QCOMPARE(text(), QStringLiteral("a "));
        m_editor->undo();
        QCOMPARE(text(), QStringLiteral("a ()"));
        m_editor->undo();
        QCOMPARE(text(), QStringLiteral("a "));
        // A pair with something in it loses only what Backspace reaches.
        type(QStringLiteral("{x"));
        QTest::keyClick(m_editor, Qt::Key_Backspace);
        QCOMPARE(text(), QStringLiteral("a {}"));
    }

    void nothingIsClosedInCommentsVerbatimBeforeAWordOrAfterABackslash()
    {
        m_editor->setCompletionEnabled(false);
        setText(QStringLiteral("% a comment "));
        type(QStringLiteral("{($"));
        QCOMPARE(text(), QStringLiteral("% a comment {($"));
        setText(QStringLiteral("\\begin{verbatim}\n"));
        type(QStringLiteral("{["));
        QCOMPARE(text(), QStringLiteral("\\begin{verbatim}\n{["));
        setText(QStringLiteral("word"), 0);
        type(QStringLiteral("("));
        QCOMPARE(text(), QStringLiteral("(word"));
        setText(QStringLiteral("50\\"));
        type(QStringLiteral("{"));
        QCOMPARE(text(), QStringLiteral("50\\{"));
        // A "$" that closes math typed without the aid stays single.
        setText(QStringLiteral("Energy $E = mc^2"));
        type(QStringLiteral("$"));
        QCOMPARE(text(), QStringLiteral("Energy $E = mc^2$"));
    }

    void aSelectionIsEnclosed()
    {
        setText(QStringLiteral("make this bold"));
        QTextCursor c = m_editor->textCursor();
        c.setPosition(5);
        c.setPosition(9, QTextCursor::KeepAnchor);
        m_editor->setTextCursor(c);
        type(QStringLiteral("{"));
        QCOMPARE(text(), QStringLiteral("make {this} bold"));
        QCOMPARE(m_editor->textCursor().selectedText(), QStringLiteral("this"));
        m_editor->undo();
        QCOMPARE(text(), QStringLiteral("make this bold"));
    }

    void typingTheBraceAfterACompletionDoesNotDoubleIt()
    {
        // The completion appends "}" and leaves the cursor after it.
        type(QStringLiteral("\\ref"));
        m_editor->setCloseBrackets(false);
        type(QStringLiteral("{sec:r"));
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(text(), QStringLiteral("\\ref{sec:results}"));
        type(QStringLiteral("}"));
        QCOMPARE(text(), QStringLiteral("\\ref{sec:results}"));
        // A second one is the user's own.
        type(QStringLiteral("}"));
        QCOMPARE(text(), QStringLiteral("\\ref{sec:results}}"));

        // With auto-closing, the "}" is already there and the cursor before it.
        m_editor->clear();
        m_editor->setCloseBrackets(true);
        type(QStringLiteral("\\cite{kn"));
        QCOMPARE(text(), QStringLiteral("\\cite{kn}"));
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(text(), QStringLiteral("\\cite{knuth84}"));
        type(QStringLiteral("} and"));
        QCOMPARE(text(), QStringLiteral("\\cite{knuth84} and"));

        // A command's empty argument: typed into, then typed over.
        m_editor->clear();
        type(QStringLiteral("\\subsec"));
        QTest::keyClick(m_editor, Qt::Key_Tab);
        QCOMPARE(text(), QStringLiteral("\\subsection{}"));
        type(QStringLiteral("Setup}"));
        QCOMPARE(text(), QStringLiteral("\\subsection{Setup}"));
        QCOMPARE(caret(), int(text().size()));
    }

    void citePopupShowsAuthorYearAndTitle()
    {
        type(QStringLiteral("\\cite{"));
        QVERIFY(m_editor->completer()->popup()->isVisible());
        QAbstractItemModel *model = m_editor->completer()->completionModel();
        QHash<QString, QString> details;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            details.insert(index.data().toString(), index.data(CompletionModel::DetailRole).toString());
        }
        QCOMPARE(details.value(QStringLiteral("knuth84")), QStringLiteral("Knuth (1984) · The TeXbook"));
        QCOMPARE(details.value(QStringLiteral("lamport94")), QStringLiteral("Lamport et al. (1994) · LaTeX"));
        QVERIFY(details.contains(QStringLiteral("bare")));
        QCOMPARE(details.value(QStringLiteral("bare")), QString());
        // The popup is wide enough for the details.
        QVERIFY(m_editor->completer()->popup()->width()
                > m_editor->fontMetrics().horizontalAdvance(QStringLiteral("knuth84 Knuth (1984) · The TeXbook")));

        // Other popups have no details, and turned off neither has this one.
        QTest::keyClick(m_editor, Qt::Key_Escape);
        m_editor->clear();
        m_editor->setCitationDetails(false);
        type(QStringLiteral("\\cite{kn"));
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("knuth84"));
        QVERIFY(model->index(0, 0).data(CompletionModel::DetailRole).isNull());
    }

    void turnedOffTheyLeaveTypingAlone()
    {
        m_editor->setCompletionEnabled(false);
        m_editor->setCloseBrackets(false);
        m_editor->setCloseMath(false);
        m_editor->setEndEnvironments(false);
        type(QStringLiteral("\\begin{x}"));
        QTest::keyClick(m_editor, Qt::Key_Return);
        type(QStringLiteral("{[($"));
        QTest::keyClick(m_editor, Qt::Key_Backspace);
        QCOMPARE(text(), QStringLiteral("\\begin{x}\n{[("));
        // Math off, brackets on: only the brackets close.
        m_editor->clear();
        m_editor->setCloseBrackets(true);
        type(QStringLiteral("$"));
        type(QStringLiteral("{"));
        QCOMPARE(text(), QStringLiteral("${}"));
    }
};

QTEST_MAIN(TestTypingAids)
#include "tst_typingaids.moc"
