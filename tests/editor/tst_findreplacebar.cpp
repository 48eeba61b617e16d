// FindReplaceBar on a real QPlainTextEdit: next/previous with wrap-around,
// case, whole words, regular expressions, replace, replace all in one undo
// step, match count, Esc closes.

#include "editor/findreplacebar.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace coauthor::editor;

class TestFindReplaceBar : public QObject
{
    Q_OBJECT
private:
    QWidget *m_window = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    FindReplaceBar *m_bar = nullptr;

private Q_SLOTS:
    void init()
    {
        m_window = new QWidget;
        auto *layout = new QVBoxLayout(m_window);
        m_edit = new QPlainTextEdit(m_window);
        m_bar = new FindReplaceBar(m_window);
        layout->addWidget(m_edit);
        layout->addWidget(m_bar);
        m_bar->setEditor(m_edit);
        m_edit->setPlainText(QStringLiteral("Alpha beta alphabet\nALPHA alpha\n\\section{alpha}"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanup()
    {
        delete m_window;
    }

    void findNextPreviousWrap()
    {
        m_bar->showFind();
        QVERIFY(m_bar->isVisible());
        m_bar->setFindText(QStringLiteral("alpha"));
        QCOMPARE(m_bar->matchCount(), 5);
        QTextCursor c = m_edit->textCursor();
        c.setPosition(0);
        m_edit->setTextCursor(c);
        QVERIFY(m_bar->findNext());
        QCOMPARE(m_edit->textCursor().selectionStart(), 0);
        QVERIFY(m_bar->findNext());
        QCOMPARE(m_edit->textCursor().selectionStart(), 11);
        QVERIFY(m_bar->findPrevious());
        QCOMPARE(m_edit->textCursor().selectionStart(), 0);
        QVERIFY(m_bar->findPrevious()); // wraps to the last one
        QCOMPARE(m_edit->textCursor().selectedText(), QStringLiteral("alpha"));
        QCOMPARE(m_edit->textCursor().blockNumber(), 2);
    }

    void caseWholeWordAndRegex()
    {
        m_bar->setFindText(QStringLiteral("alpha"));
        m_bar->setCaseSensitive(true);
        QCOMPARE(m_bar->matchCount(), 3);
        m_bar->setWholeWords(true);
        QCOMPARE(m_bar->matchCount(), 2);
        m_bar->setCaseSensitive(false);
        QCOMPARE(m_bar->matchCount(), 4);
        m_bar->setWholeWords(false);
        m_bar->setRegularExpression(true);
        m_bar->setFindText(QStringLiteral("\\\\section\\{(\\w+)\\}"));
        QCOMPARE(m_bar->matchCount(), 1);
        m_bar->setFindText(QStringLiteral("("));
        QCOMPARE(m_bar->matchCount(), -1);
        QVERIFY(!m_bar->findNext());
    }

    void replaceAndReplaceAllIsOneUndoStep()
    {
        const QString original = m_edit->toPlainText();
        m_bar->showReplace();
        m_bar->setFindText(QStringLiteral("alpha"));
        m_bar->setWholeWords(true);
        m_bar->setReplaceText(QStringLiteral("gamma"));
        QTextCursor c = m_edit->textCursor();
        c.setPosition(0);
        m_edit->setTextCursor(c);
        QVERIFY(m_bar->findNext());
        QVERIFY(m_bar->replace());
        QVERIFY(m_edit->toPlainText().startsWith(QStringLiteral("gamma beta alphabet")));
        m_edit->undo();
        QCOMPARE(m_edit->toPlainText(), original);

        QCOMPARE(m_bar->replaceAll(), 4);
        QCOMPARE(m_edit->toPlainText(), QStringLiteral("gamma beta alphabet\ngamma gamma\n\\section{gamma}"));
        QCOMPARE(m_bar->matchCount(), 0);
        m_edit->undo();
        QCOMPARE(m_edit->toPlainText(), original);

        // Regex replacement with captures.
        m_bar->setWholeWords(false);
        m_bar->setRegularExpression(true);
        m_bar->setFindText(QStringLiteral("\\\\section\\{(\\w+)\\}"));
        m_bar->setReplaceText(QStringLiteral("\\\\subsection{\\1}"));
        QCOMPARE(m_bar->replaceAll(), 1);
        QVERIFY(m_edit->toPlainText().endsWith(QStringLiteral("\\subsection{alpha}")));
    }

    void escapeCloses()
    {
        QSignalSpy closed(m_bar, &FindReplaceBar::closed);
        m_bar->showFind();
        QVERIFY(m_bar->isVisible());
        QTest::keyClick(m_bar, Qt::Key_Escape);
        QVERIFY(!m_bar->isVisible());
        QCOMPARE(closed.count(), 1);
    }

    void selectionSeedsPattern()
    {
        QTextCursor c = m_edit->textCursor();
        c.setPosition(6);
        c.setPosition(10, QTextCursor::KeepAnchor);
        m_edit->setTextCursor(c);
        m_bar->showFind();
        QCOMPARE(m_bar->findText(), QStringLiteral("beta"));
    }
};

QTEST_MAIN(TestFindReplaceBar)
#include "tst_findreplacebar.moc"
