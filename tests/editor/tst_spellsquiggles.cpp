// SpellSquiggles in a LatexEditor with the real Hunspell and the Debian
// dictionaries: squiggles after the background pass, not on keys, the context
// menu's actions (tested by their effect), the language and the message when
// no dictionary is installed.

#include "editor/documentbridge.h"
#include "editor/latexeditor.h"
#include "editor/sharedundostack.h"
#include "editor/spellsquiggles.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace coauthor::editor;

namespace {

// The words under the editor's spell-check extra selections.
QStringList squiggledWords(LatexEditor &editor)
{
    QStringList words;
    for (const QTextEdit::ExtraSelection &s : editor.extraSelections()) {
        if (s.format.underlineStyle() == QTextCharFormat::SpellCheckUnderline)
            words.append(s.cursor.selectedText());
    }
    return words;
}

bool waitIdle(SpellSquiggles *spell)
{
    return QTest::qWaitFor([spell] { return spell->isIdle() && spell->hasDictionary(); }, 10000);
}

struct Fixture
{
    explicit Fixture(const QString &text, const QString &language = QStringLiteral("en_US"))
    {
        editor.resize(800, 400);
        editor.setPlainText(text);
        editor.show();
        spell = editor.spellSquiggles();
        spell->setLanguage(language);
        spell->setEnabled(true);
    }
    LatexEditor editor;
    SpellSquiggles *spell = nullptr;
};

int positionOf(LatexEditor &editor, const QString &needle, int from = 0)
{
    return int(editor.toPlainText().indexOf(needle, from));
}

} // namespace

class TestSpellSquiggles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aMisspelledWordIsSquiggledAfterTheBackgroundPassButNotInsideRef()
    {
        Fixture f(QStringLiteral("We saw teh result in Section~\\ref{teh} and \\cite{teh}.\n"
                                 "\\emph{Anothr} word, and $teh$ in math."));
        QVERIFY(f.spell->selections().isEmpty()); // nothing before the pass
        QVERIFY(waitIdle(f.spell));
        QTRY_COMPARE(squiggledWords(f.editor), QStringList({QStringLiteral("teh"), QStringLiteral("Anothr")}));
        const QTextEdit::ExtraSelection first = f.spell->selections().value(0);
        QCOMPARE(first.cursor.selectionStart(), positionOf(f.editor, QStringLiteral("teh")));
    }

    void aKeystrokeDoesNotCheckButThePauseAfterItDoes()
    {
        Fixture f(QStringLiteral("Some text here.\n"));
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor), QStringList());
        QTextCursor c(f.editor.document());
        c.movePosition(QTextCursor::End);
        f.editor.setTextCursor(c);
        QTest::keyClicks(&f.editor, QStringLiteral("wrng tpyed"));
        QCOMPARE(squiggledWords(f.editor), QStringList()); // typing is never held up by a check
        QVERIFY(!f.spell->isIdle());
        QVERIFY(waitIdle(f.spell));
        // The finished word is marked; the one the caret is still at the end of waits.
        QCOMPARE(squiggledWords(f.editor), QStringList({QStringLiteral("wrng")}));
        QTest::keyClick(&f.editor, Qt::Key_Home);
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor), QStringList({QStringLiteral("wrng"), QStringLiteral("tpyed")}));
    }

    void aMathEnvironmentOpenedAboveTheScreenIsFollowed()
    {
        // The state comes from the lines above (an equation open since line 1).
        QString text = QStringLiteral("\\begin{equation}\n");
        for (int i = 0; i < 200; ++i)
            text += QStringLiteral("  xyzzyq + wvutsq \\\\\n");
        text += QStringLiteral("\\end{equation}\nThen teh prose.\n");
        Fixture f(text);
        QVERIFY(waitIdle(f.spell));
        f.editor.goToLine(100);
        f.spell->checkVisibleNow();
        QCOMPARE(squiggledWords(f.editor), QStringList());
        f.editor.goToLine(203);
        f.spell->checkVisibleNow();
        QCOMPARE(squiggledWords(f.editor), QStringList({QStringLiteral("teh")}));
        // Closing the equation early: the lines after it are prose now.
        QTextCursor c(f.editor.document()->findBlockByNumber(1));
        c.insertText(QStringLiteral("\\end{equation}\n"));
        f.spell->checkVisibleNow();
        QVERIFY(squiggledWords(f.editor).contains(QStringLiteral("xyzzyq")));
    }

    void aSuggestionReplacesTheWordAsOneUndoableEdit()
    {
        Fixture f(QStringLiteral("We saw teh result.\n"));
        QVERIFY(waitIdle(f.spell));
        const int at = positionOf(f.editor, QStringLiteral("teh")) + 1;
        const auto m = f.spell->misspellingAt(at);
        QVERIFY(m);
        QCOMPARE(m->word, QStringLiteral("teh"));
        QMenu menu;
        menu.addAction(QStringLiteral("Copy"));
        f.spell->addContextActions(&menu, at);
        QList<QAction *> suggestions;
        for (QAction *a : menu.actions()) {
            if (a->objectName() == u"spellSuggestion")
                suggestions.append(a);
        }
        QVERIFY(!suggestions.isEmpty());
        QVERIFY(suggestions.size() <= 7);
        QAction *the = nullptr;
        for (QAction *a : suggestions) {
            if (a->text() == u"the")
                the = a;
        }
        QVERIFY(the);
        QCOMPARE(menu.actions().constLast()->text(), QStringLiteral("Copy")); // ours come first
        the->trigger();
        QCOMPARE(f.editor.toPlainText(), QStringLiteral("We saw the result.\n"));
        f.editor.undo();
        QCOMPARE(f.editor.toPlainText(), QStringLiteral("We saw teh result.\n"));
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor), QStringList({QStringLiteral("teh")}));
    }

    void inASharedDocTheReplacementIsOneOperationForTheOthersAndOneUndoStep()
    {
        // A shared doc: the bridge turns document changes into the ops sent to
        // the server, and the shared undo stack undoes our own edits.
        Fixture f(QStringLiteral("We saw teh result.\n"));
        DocumentBridge bridge(f.editor.document());
        bridge.setEditor(&f.editor);
        SharedUndoStack undo(&bridge, &f.editor);
        QSignalSpy ops(&bridge, &DocumentBridge::localOperation);
        QVERIFY(waitIdle(f.spell));
        const auto m = f.spell->misspellingAt(positionOf(f.editor, QStringLiteral("teh")));
        QVERIFY(m);
        QVERIFY(f.spell->replace(*m, QStringLiteral("the")));
        QCOMPARE(ops.size(), 1);
        QCOMPARE(bridge.text(), QStringLiteral("We saw the result.\n"));
        undo.undo();
        QCOMPARE(f.editor.toPlainText(), QStringLiteral("We saw teh result.\n"));
        QCOMPARE(bridge.text(), f.editor.toPlainText());
    }

    void aChangedWordIsNotReplaced()
    {
        Fixture f(QStringLiteral("We saw teh result.\n"));
        QVERIFY(waitIdle(f.spell));
        const auto m = f.spell->misspellingAt(positionOf(f.editor, QStringLiteral("teh")));
        QVERIFY(m);
        QTextCursor c(f.editor.document());
        c.setPosition(m->position + 1);
        c.insertText(QStringLiteral("x")); // a collaborator typed into it meanwhile
        QVERIFY(!f.spell->replace(*m, QStringLiteral("the")));
        QCOMPARE(f.editor.toPlainText(), QStringLiteral("We saw txeh result.\n"));
    }

    void addToDictionaryMakesTheWordRightAndSaysSo()
    {
        Fixture f(QStringLiteral("Our Coauthorium method and the coauthorium.\n"));
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor), QStringList({QStringLiteral("Coauthorium"), QStringLiteral("coauthorium")}));
        QSignalSpy added(f.spell, &SpellSquiggles::wordAdded);
        QMenu menu;
        f.spell->addContextActions(&menu, positionOf(f.editor, QStringLiteral("coauthorium.")));
        QAction *add = menu.findChild<QAction *>(QStringLiteral("spellAddToDictionary"));
        QVERIFY(add);
        add->trigger();
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.at(0).at(0).toString(), QStringLiteral("coauthorium"));
        QVERIFY(f.spell->projectWords().contains(QStringLiteral("coauthorium")));
        QVERIFY(waitIdle(f.spell));
        // Its capitalised form at the start of a sentence is right too.
        QCOMPARE(squiggledWords(f.editor), QStringList());
    }

    void ignoreAcceptsTheWordInThisEditorOnly()
    {
        Fixture f(QStringLiteral("A frobnicatorx here.\n"));
        Fixture other(QStringLiteral("A frobnicatorx there.\n"));
        QVERIFY(waitIdle(f.spell));
        QVERIFY(waitIdle(other.spell));
        QMenu menu;
        f.spell->addContextActions(&menu, positionOf(f.editor, QStringLiteral("frobnicatorx")));
        QAction *ignore = menu.findChild<QAction *>(QStringLiteral("spellIgnore"));
        QVERIFY(ignore);
        ignore->trigger();
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor), QStringList());
        QCOMPARE(squiggledWords(other.editor), QStringList({QStringLiteral("frobnicatorx")}));
    }

    void aRightWordGetsNoSpellingEntriesInTheMenu()
    {
        Fixture f(QStringLiteral("The right words.\n"));
        QVERIFY(waitIdle(f.spell));
        QMenu menu;
        menu.addAction(QStringLiteral("Copy"));
        f.spell->addContextActions(&menu, 1);
        QCOMPARE(menu.actions().size(), 1);
    }

    void theMagicCommentSwitchesToGerman()
    {
        Fixture f(QStringLiteral("% !TEX spellcheck = de_DE\nDas Haus ist grün, the house.\n"));
        QCOMPARE(f.spell->effectiveLanguage(), QStringLiteral("de_DE"));
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor), QStringList({QStringLiteral("the"), QStringLiteral("house")}));
        // Removing the comment falls back to the language that was set.
        QSignalSpy changed(f.spell, &SpellSquiggles::languageChanged);
        QTextCursor c(f.editor.document()->firstBlock());
        c.select(QTextCursor::BlockUnderCursor);
        c.removeSelectedText();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(f.spell->effectiveLanguage(), QStringLiteral("en_US"));
        QVERIFY(waitIdle(f.spell));
        QVERIFY(squiggledWords(f.editor).contains(QStringLiteral("Haus")));
    }

    void setLanguageChecksInTheNewLanguage()
    {
        Fixture f(QStringLiteral("Das Haus.\n"));
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor), QStringList({QStringLiteral("Das"), QStringLiteral("Haus")}));
        f.spell->setLanguage(QStringLiteral("de_DE"));
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor), QStringList());
    }

    void aMissingDictionaryIsReportedOnceNotSilently()
    {
        LatexEditor editor;
        editor.setPlainText(QStringLiteral("Some text.\n"));
        SpellSquiggles *spell = editor.spellSquiggles();
        QSignalSpy missing(spell, &SpellSquiggles::dictionaryMissing);
        spell->setLanguage(QStringLiteral("xx_XX"));
        spell->setEnabled(true);
        QTRY_COMPARE(missing.size(), 1);
        QCOMPARE(missing.at(0).at(0).toString(), QStringLiteral("xx_XX"));
        QVERIFY(missing.at(0).at(1).toString().contains(QStringLiteral("xx_XX")));
        QVERIFY(!spell->hasDictionary());
        spell->setLanguage(QStringLiteral("en_US"));
        spell->setLanguage(QStringLiteral("xx_XX"));
        QTest::qWait(50);
        QCOMPARE(missing.size(), 1); // once per language, not on every switch
    }

    void turnedOffThereAreNoSquiggles()
    {
        Fixture f(QStringLiteral("We saw teh result.\n"));
        QVERIFY(waitIdle(f.spell));
        QCOMPARE(squiggledWords(f.editor).size(), 1);
        f.spell->setEnabled(false);
        QCOMPARE(squiggledWords(f.editor), QStringList());
        QVERIFY(!f.spell->misspellingAt(positionOf(f.editor, QStringLiteral("teh"))));
    }
};

QTEST_MAIN(TestSpellSquiggles)
#include "tst_spellsquiggles.moc"
