// Find in Files and Replace in Project: the search rules (plain, case, whole word,
// regular expressions with groups), and the feature over a real project folder and
// real editor tabs: unsaved text is what is searched, a replacement is one undo
// step per file, read-only editors are left alone, binary files are not searched.
#include "app/editors/editortabs.h"
#include "app/project/project.h"
#include "app/search/findinfilespanel.h"
#include "app/search/searchfeature.h"
#include "app/search/textsearch.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace coauthor::app;
using coauthor::test::readText;
using coauthor::test::writeText;

class FindInFilesTest : public QObject
{
    Q_OBJECT

    static QList<SearchMatch> find(const QString &text, const SearchQuery &query)
    {
        return findMatches(QStringLiteral("f.tex"), text, query.pattern());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_state.isValid());
        coauthor::test::isolateUserState(m_state.path());
    }

    void aPlainQueryIgnoresCaseAndGivesLineAndColumn()
    {
        const QList<SearchMatch> m = find(QStringLiteral("First line\n  the Theorem holds\nthe end"),
                                          {QStringLiteral("the"), false, false, false});
        QCOMPARE(m.size(), 3);
        QCOMPARE(m[0].line, 2);
        QCOMPARE(m[0].column, 3);
        QCOMPARE(m[0].lineText, QStringLiteral("  the Theorem holds"));
        QCOMPARE(m[1].matched, QStringLiteral("The"));
        QCOMPARE(m[2].line, 3);
        QCOMPARE(m[2].column, 1);
    }

    void matchCaseAndWholeWordsNarrowIt()
    {
        const QString text = QStringLiteral("the Theorem; other theories. The\\section{x}\\sections");
        QCOMPARE(find(text, {QStringLiteral("the"), false, true, false}).size(), 3); // the, other, theories
        QCOMPARE(find(text, {QStringLiteral("the"), false, false, true}).size(), 2); // the, The
        // A query that begins with a backslash is still a whole word: \section but not \sections.
        const QList<SearchMatch> section = find(text, {QStringLiteral("\\section"), false, false, true});
        QCOMPARE(section.size(), 1);
        QCOMPARE(section[0].matched, QStringLiteral("\\section"));
    }

    void plainQueriesAreLiteralEvenWithRegexCharacters()
    {
        QCOMPARE(find(QStringLiteral("$x^2$ and x2"), {QStringLiteral("x^2"), false, false, false}).size(), 1);
        QCOMPARE(find(QStringLiteral("a.b axb"), {QStringLiteral("a.b"), false, false, false}).size(), 1);
    }

    void columnsCountUtf16LikeTheEditor()
    {
        // An emoji is two UTF-16 units, as QTextCursor counts them.
        const QList<SearchMatch> m = find(QStringLiteral("😀 Größe"), {QStringLiteral("größe"), false, false, false});
        QCOMPARE(m.size(), 1);
        QCOMPARE(m[0].column, 4);
        QCOMPARE(m[0].matched, QStringLiteral("Größe"));
    }

    void aBrokenRegularExpressionIsAnErrorNotAnEmptyResult()
    {
        QString error;
        const SearchQuery query{QStringLiteral("\\textbf{("), true, false, false};
        QVERIFY(!query.pattern(&error).isValid());
        QVERIFY2(error.contains(QLatin1String("regular expression")), qPrintable(error));
        QVERIFY(!SearchQuery{}.pattern(&error).isValid());
    }

    void regexGroupsGoIntoTheReplacementAndOtherBackslashesStay()
    {
        const QString text = QStringLiteral("see \\emph{this} and \\emph{that}");
        const SearchQuery query{QStringLiteral("\\\\emph\\{(\\w+)\\}"), true, true, false};
        const QRegularExpression re = query.pattern();
        const QList<SearchMatch> m = findMatches(QStringLiteral("f.tex"), text, re);
        QCOMPARE(m.size(), 2);
        const QString out = applyReplacements(text, replacementsFor(text, m, re, QStringLiteral("\\textbf{\\1}"), true));
        QCOMPARE(out, QStringLiteral("see \\textbf{this} and \\textbf{that}"));
        // A plain query's replacement is literal, \1 included.
        const SearchQuery plain{QStringLiteral("this"), false, true, false};
        const QString literal = applyReplacements(
            text, replacementsFor(text, findMatches({}, text, plain.pattern()), plain.pattern(), QStringLiteral("\\1"), false));
        QCOMPARE(literal, QStringLiteral("see \\emph{\\1} and \\emph{that}"));
    }

    void aMatchWhoseTextChangedSinceTheSearchIsLeftAlone()
    {
        const SearchQuery query{QStringLiteral("cat"), false, false, false};
        const QRegularExpression re = query.pattern();
        const QString before = QStringLiteral("cat dog cat");
        const QList<SearchMatch> m = findMatches({}, before, re);
        const QString now = QStringLiteral("cow dog cat"); // the first one was edited meanwhile
        const QList<TextReplacement> r = replacementsFor(now, m, re, QStringLiteral("mouse"), false);
        QCOMPARE(r.size(), 1);
        QCOMPARE(applyReplacements(now, r), QStringLiteral("cow dog mouse"));
    }

    void aQueryMatchingEverythingIsCappedNotListedWhole()
    {
        const QString text(50000, u'a');
        QCOMPARE(findMatches({}, text, QRegularExpression(QStringLiteral("a")), 10000).size(), 10000);
    }

    // The feature over a real folder: one file open with unsaved text, one only on disk,
    // a figure, a file in a subfolder.
    void findsUnsavedTextAndFilesOnDiskButNoBinaries()
    {
        Fixture f;
        QVERIFY(f.ready());
        auto *main = qobject_cast<coauthor::editor::LatexEditor *>(f.tabs->openFile(QStringLiteral("main.tex")));
        QVERIFY(main);
        main->moveCursor(QTextCursor::End);
        main->insertPlainText(QStringLiteral("An unsaved gradient.\n"));
        QVERIFY(!readText(f.dir.filePath(QStringLiteral("main.tex"))).contains(QLatin1String("unsaved")));

        f.search(QStringLiteral("gradient"));
        QStringList files;
        for (const SearchMatch &m : f.feature->panel()->allMatches())
            files << m.file + u':' + QString::number(m.line);
        QCOMPARE(files, (QStringList{QStringLiteral("chapters/intro.tex:2"), QStringLiteral("chapters/intro.tex:2"), QStringLiteral("main.tex:5"),
                                     QStringLiteral("refs.bib:3")}));
        QCOMPARE(f.feature->panel()->resultsView()->topLevelItemCount(), 3);
    }

    void replaceAllIsOneUndoStepPerFileAndReachesFilesNotOpen()
    {
        Fixture f;
        QVERIFY(f.ready());
        f.search(QStringLiteral("gradient"));
        f.feature->panel()->replaceField()->setText(QStringLiteral("slope"));
        QSignalSpy researched(f.feature, &SearchFeature::finished);
        QCOMPARE(f.feature->replaceAll(), 3);
        // The search runs again after replacing: nothing is left to find.
        QVERIFY(researched.wait(10000));
        QCOMPARE(f.feature->panel()->allMatches().size(), 0);
        auto *intro = f.tabs->editorFor(QStringLiteral("chapters/intro.tex"));
        QVERIFY2(intro, "the file is opened so that the change is an edit, saved and undone like any other");
        QCOMPARE(intro->toPlainText(), QStringLiteral("\\section{Intro}\nThe slope, and a slope again.\n"));
        QVERIFY(f.tabs->isModified(QStringLiteral("chapters/intro.tex")));
        intro->undo();
        QCOMPARE(intro->toPlainText(), QStringLiteral("\\section{Intro}\nThe gradient, and a Gradient again.\n"));
        QCOMPARE(f.tabs->editorFor(QStringLiteral("refs.bib"))->toPlainText(),
                 QStringLiteral("@book{k,\n  author = {A},\n  title = {On the slope},\n}\n"));
    }

    void aReadOnlyEditorIsNotChanged()
    {
        Fixture f;
        QVERIFY(f.ready());
        auto *bib = qobject_cast<coauthor::editor::LatexEditor *>(f.tabs->openFile(QStringLiteral("refs.bib")));
        QVERIFY(bib);
        bib->setReadOnly(true); // as the collaboration session does for a read-only member
        const QString before = bib->toPlainText();
        f.search(QStringLiteral("gradient"));
        f.feature->panel()->replaceField()->setText(QStringLiteral("slope"));
        QSignalSpy message(f.feature, &SearchFeature::message);
        QCOMPARE(f.feature->replaceAll(), 2);
        QCOMPARE(bib->toPlainText(), before);
        QVERIFY(message.last().first().toString().contains(QLatin1String("refs.bib")));
    }

    void replacingTheSelectedRowsLeavesTheOthers()
    {
        Fixture f;
        QVERIFY(f.ready());
        f.search(QStringLiteral("gradient"));
        QTreeWidget *view = f.feature->panel()->resultsView();
        QTreeWidgetItem *introFile = view->topLevelItem(0);
        QCOMPARE(introFile->text(0), QStringLiteral("chapters/intro.tex"));
        introFile->child(1)->setSelected(true); // "Gradient again"
        f.feature->panel()->replaceField()->setText(QStringLiteral("slope"));
        QCOMPARE(f.feature->replaceSelected(), 1);
        QCOMPARE(f.tabs->editorFor(QStringLiteral("chapters/intro.tex"))->toPlainText(),
                 QStringLiteral("\\section{Intro}\nThe gradient, and a slope again.\n"));
        QVERIFY(!f.tabs->editorFor(QStringLiteral("main.tex")));
    }

    void activatingAResultSelectsTheMatchInItsEditor()
    {
        Fixture f;
        QVERIFY(f.ready());
        f.search(QStringLiteral("Gradient"));
        QTreeWidgetItem *row = f.feature->panel()->resultsView()->topLevelItem(0)->child(1);
        Q_EMIT f.feature->panel()->resultsView()->itemActivated(row, 0);
        auto *intro = f.tabs->editorFor(QStringLiteral("chapters/intro.tex"));
        QVERIFY(intro);
        QCOMPARE(intro->textCursor().selectedText(), QStringLiteral("Gradient"));
        QCOMPARE(intro->textCursor().blockNumber(), 1);
    }

private:
    struct Fixture
    {
        QTemporaryDir dir;
        QMainWindow window;
        EditorTabs *tabs = nullptr;
        SearchFeature *feature = nullptr;
        QAction action{QStringLiteral("Find in Files")};

        Fixture()
        {
            writeText(dir.filePath(QStringLiteral("main.tex")),
                      QStringLiteral("\\documentclass{article}\n\\begin{document}\n\\input{chapters/intro}\n\\end{document}\n"));
            QDir(dir.path()).mkpath(QStringLiteral("chapters"));
            writeText(dir.filePath(QStringLiteral("chapters/intro.tex")),
                      QStringLiteral("\\section{Intro}\nThe gradient, and a Gradient again.\n"));
            writeText(dir.filePath(QStringLiteral("refs.bib")),
                      QStringLiteral("@book{k,\n  author = {A},\n  title = {On the gradient},\n}\n"));
            coauthor::test::writeBytes(dir.filePath(QStringLiteral("plot.png")), QByteArray("\x89PNG gradient", 13));
            tabs = new EditorTabs(&window);
            window.setCentralWidget(tabs);
            tabs->setProjectRoot(Project(dir.path()).rootPath());
            feature = new SearchFeature(tabs, &window, &action);
            feature->setProject(Project(dir.path()));
        }
        bool ready() const { return dir.isValid() && Project(dir.path()).isValid(); }
        void search(const QString &text)
        {
            feature->panel()->findField()->setText(text);
            QSignalSpy done(feature, &SearchFeature::finished);
            feature->search();
            QVERIFY(done.wait(10000));
        }
    };

    QTemporaryDir m_state;
};

QTEST_MAIN(FindInFilesTest)
#include "tst_findinfiles.moc"
