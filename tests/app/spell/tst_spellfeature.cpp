// SpellFeature over real EditorTabs (a temporary project folder), Hunspell and
// the Debian dictionaries: the project's dictionary file read and written
// (through its tab when open), the language, and the missing-dictionary message.

#include "app/editors/editortabs.h"
#include "app/spell/spellfeature.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"
#include "editor/spellsquiggles.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;
using coauthor::test::readText;
using coauthor::test::writeText;

namespace {

QStringList squiggledWords(editor::LatexEditor *editor)
{
    QStringList words;
    for (const QTextEdit::ExtraSelection &s : editor->extraSelections()) {
        if (s.format.underlineStyle() == QTextCharFormat::SpellCheckUnderline)
            words.append(s.cursor.selectedText());
    }
    return words;
}

bool settled(editor::LatexEditor *editor)
{
    editor::SpellSquiggles *spell = editor->spellSquiggles();
    return QTest::qWaitFor([spell] { return spell->isIdle() && spell->hasDictionary(); }, 10000);
}

struct Project
{
    Project()
    {
        coauthor::test::isolateUserState(dir.filePath(QStringLiteral("state")));
        root = dir.filePath(QStringLiteral("paper"));
        QDir().mkpath(root);
        writeText(root + QStringLiteral("/paper.tex"), QStringLiteral("We saw teh Coauthorium results.\n"));
        tabs.resize(800, 500);
        tabs.setProjectRoot(root);
        feature.setProjectRoot(root);
        feature.applySettings(true, QStringLiteral("en_US"));
        tabs.show();
    }
    editor::LatexEditor *open(const QString &file)
    {
        tabs.openFile(file);
        return tabs.editorFor(file);
    }
    QString dictionaryText() const { return readText(root + QStringLiteral("/.coauthor-dictionary")); }

    QTemporaryDir dir;
    QString root;
    EditorTabs tabs;
    SpellFeature feature{&tabs};
};

} // namespace

class TestSpellFeature : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The tabs' icons are the app's resources, which this test does not link.
        QLoggingCategory::setFilterRules(QStringLiteral("qt.svg.warning=false"));
    }

    void anOpenedEditorIsCheckedInTheProjectsLanguage()
    {
        Project p;
        editor::LatexEditor *e = p.open(QStringLiteral("paper.tex"));
        QVERIFY(e);
        QVERIFY(e->spellSquiggles()->isEnabled());
        QCOMPARE(e->spellSquiggles()->effectiveLanguage(), QStringLiteral("en_US"));
        QVERIFY(settled(e));
        QCOMPARE(squiggledWords(e), QStringList({QStringLiteral("teh"), QStringLiteral("Coauthorium")}));
        p.feature.setProjectLanguage(QStringLiteral("de_DE"));
        QCOMPARE(e->spellSquiggles()->effectiveLanguage(), QStringLiteral("de_DE"));
    }

    void aBibliographyOrAPackageIsNotChecked()
    {
        Project p;
        writeText(p.root + QStringLiteral("/refs.bib"), QStringLiteral("@article{knuth84, author={Knuth}}\n"));
        writeText(p.root + QStringLiteral("/mystyle.sty"), QStringLiteral("\\newcommand{\\foo}{barr}\n"));
        writeText(p.root + QStringLiteral("/notes.md"), QStringLiteral("Som notes.\n"));
        QVERIFY(!p.open(QStringLiteral("refs.bib"))->spellSquiggles()->isEnabled());
        QVERIFY(!p.open(QStringLiteral("mystyle.sty"))->spellSquiggles()->isEnabled());
        QVERIFY(p.open(QStringLiteral("notes.md"))->spellSquiggles()->isEnabled());
        QVERIFY(p.open(QStringLiteral("paper.tex"))->spellSquiggles()->isEnabled());
    }

    void addToDictionaryWritesTheProjectFileSorted()
    {
        Project p;
        writeText(p.root + QStringLiteral("/.coauthor-dictionary"), QStringLiteral("alpha\nzeta\n"));
        p.feature.setProjectRoot(p.root);
        QSignalSpy created(&p.feature, &SpellFeature::projectFileCreated);
        editor::LatexEditor *e = p.open(QStringLiteral("paper.tex"));
        QVERIFY(settled(e));
        e->spellSquiggles()->addToDictionary(QStringLiteral("Coauthorium"));
        QCOMPARE(p.dictionaryText(), QStringLiteral("Coauthorium\nalpha\nzeta\n")); // by code point
        QCOMPARE(created.size(), 0); // it was there already
        QVERIFY(p.feature.projectWords().contains(QStringLiteral("Coauthorium")));
        QVERIFY(settled(e));
        QCOMPARE(squiggledWords(e), QStringList({QStringLiteral("teh")}));
    }

    void theFirstWordCreatesTheFileAndSaysSo()
    {
        Project p;
        QSignalSpy created(&p.feature, &SpellFeature::projectFileCreated);
        editor::LatexEditor *e = p.open(QStringLiteral("paper.tex"));
        QVERIFY(settled(e));
        e->spellSquiggles()->addToDictionary(QStringLiteral("Coauthorium"));
        QCOMPARE(p.dictionaryText(), QStringLiteral("Coauthorium\n"));
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.at(0).at(0).toString(), QStringLiteral(".coauthor-dictionary"));
    }

    void withTheDictionaryOpenTheWordIsAnEditOfItsTab()
    {
        Project p;
        writeText(p.root + QStringLiteral("/.coauthor-dictionary"), QStringLiteral("alpha\nzeta\n"));
        p.feature.setProjectRoot(p.root);
        editor::LatexEditor *dictionary = p.open(QStringLiteral(".coauthor-dictionary"));
        QVERIFY(dictionary);
        QSignalSpy edits(dictionary->document(), &QTextDocument::contentsChange);
        editor::LatexEditor *e = p.open(QStringLiteral("paper.tex"));
        QVERIFY(settled(e));
        e->spellSquiggles()->addToDictionary(QStringLiteral("beta"));
        QCOMPARE(dictionary->toPlainText(), QStringLiteral("alpha\nbeta\nzeta\n"));
        QCOMPARE(edits.size(), 1); // one edit, as a collaborator's session would send it
        QVERIFY(!dictionary->document()->isModified()); // a local project's tab is saved at once
        QCOMPARE(p.dictionaryText(), QStringLiteral("alpha\nbeta\nzeta\n"));
        // Words typed into the tab count at once, saved or not.
        QTextCursor c(dictionary->document());
        c.movePosition(QTextCursor::End);
        c.insertText(QStringLiteral("Coauthorium\n"));
        QVERIFY(p.feature.projectWords().contains(QStringLiteral("Coauthorium")));
        QVERIFY(e->spellSquiggles()->projectWords().contains(QStringLiteral("Coauthorium")));
    }

    void wordsInTheFileAreRightAndFollowItsChanges()
    {
        Project p;
        writeText(p.root + QStringLiteral("/.coauthor-dictionary"), QStringLiteral("Coauthorium\n"));
        p.feature.setProjectRoot(p.root);
        editor::LatexEditor *e = p.open(QStringLiteral("paper.tex"));
        QVERIFY(settled(e));
        QCOMPARE(squiggledWords(e), QStringList({QStringLiteral("teh")}));
        // A collaborator (or another program) adds "teh" to the file.
        writeText(p.root + QStringLiteral("/.coauthor-dictionary"), QStringLiteral("Coauthorium\nteh\n"));
        p.feature.projectFileChanged(QStringLiteral(".coauthor-dictionary"));
        QVERIFY(settled(e));
        QCOMPARE(squiggledWords(e), QStringList());
    }

    void aMissingDictionaryIsSaidOnceWithWhatToInstall()
    {
        Project p;
        writeText(p.root + QStringLiteral("/other.tex"), QStringLiteral("More text.\n"));
        QSignalSpy messages(&p.feature, &SpellFeature::message);
        p.feature.applySettings(true, QStringLiteral("xx_XX"));
        editor::LatexEditor *e = p.open(QStringLiteral("paper.tex"));
        p.open(QStringLiteral("other.tex"));
        QTRY_COMPARE(messages.size(), 1);
        QTest::qWait(100);
        QCOMPARE(messages.size(), 1);
        const QString text = messages.at(0).at(0).toString();
        QVERIFY2(text.contains(QStringLiteral("xx_XX")) && text.contains(QStringLiteral("hunspell-xx-xx")),
                 qPrintable(text));
        QCOMPARE(squiggledWords(e), QStringList());
    }

    void turnedOffInThePreferencesNothingIsChecked()
    {
        Project p;
        editor::LatexEditor *e = p.open(QStringLiteral("paper.tex"));
        QVERIFY(settled(e));
        QCOMPARE(squiggledWords(e).size(), 2);
        p.feature.applySettings(false, QStringLiteral("en_US"));
        QVERIFY(!e->spellSquiggles()->isEnabled());
        QCOMPARE(squiggledWords(e), QStringList());
    }
};

QTEST_MAIN(TestSpellFeature)
#include "tst_spellfeature.moc"
