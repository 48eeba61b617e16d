// Writing together in the desktop app, end to end: the bundled coauthor-server
// (real binary, its embedded redis-server, SQLite) hosted by one window, a
// second window that opens the shared project, and a headless SyncClient,
// all typing at once. Proves: sharing uploads docs and a binary image; opening
// a shared project mirrors them into a new working copy; typing through key
// events converges with a collaborator; remote inserts leave the caret on its
// text; presence shows carets in the right tab; undo takes back only ours;
// reopening the folder reconnects; the hosted server stops with the window.

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/collaboratorspanel.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/collab/syncstatuslabel.h"
#include "app/editors/editortabs.h"
#include "app/search/findinfilespanel.h"
#include "app/search/searchfeature.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "editor/documentbridge.h"
#include "editor/latexeditor.h"
#include "editor/outlineentry.h"
#include "editor/projectindex.h"
#include "editor/remotecursors.h"
#include "sync/client/syncclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSettings>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;
using sync::SyncClient;
using sync::ot::Component;
using sync::ot::TextOperation;

namespace {

const QString mainTex = QStringLiteral("\\documentclass{article}\n"
                                       "\\usepackage{graphicx}\n"
                                       "\\begin{document}\n"
                                       "Shared paper.\n"
                                       "\\input{sections/intro}\n"
                                       "\\includegraphics{figures/dot.png}\n"
                                       "\\end{document}\n");
const QString introTex = QStringLiteral("\\section{Introduction}\nWe write together.\n");

} // namespace

class CollabTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_local;  // the project shared by window A
    QString m_copy;   // window B's working copy
    QByteArray m_png; // the binary file
    std::unique_ptr<MainWindow> m_a;
    std::unique_ptr<MainWindow> m_b;
    std::unique_ptr<SyncClient> m_c; // a headless collaborator
    ShareLink m_link;
    QString m_readOnlyToken;

    static CollaborationSession *session(MainWindow &w) { return w.collaboration(); }

    static QString docText(SyncClient &c, const QString &path)
    {
        const auto *doc = c.document(c.docIdForPath(path));
        return doc ? doc->text() : QString();
    }

    std::unique_ptr<SyncClient> headlessClient(const QString &name)
    {
        auto c = std::make_unique<SyncClient>();
        SyncClient::Options o;
        o.url = m_link.url;
        o.projectId = m_link.projectId;
        o.token = m_link.token;
        o.name = name;
        o.workingCopy = m_tmp.filePath(name);
        o.mirrorFiles = false;
        o.minBackoffMs = 50;
        o.maxBackoffMs = 500;
        if (!c->open(o))
            return nullptr;
        return c;
    }

    editor::LatexEditor *open(MainWindow &w, const QString &file)
    {
        w.openLocation(file, 0);
        auto *e = w.editorTabs()->editorFor(file);
        // Bound: its text is the shared doc's.
        if (!e || !QTest::qWaitFor([&] { return session(w)->bridgeFor(file) != nullptr; }, 10000))
            return nullptr;
        return e;
    }

    // main.tex is mangled by the random typing: look at the file itself.
    static bool outlineHas(MainWindow &w, const QString &title)
    {
        const QList<editor::OutlineEntry> entries = w.projectIndex()->fileOutline(QStringLiteral("sections/intro.tex"));
        return std::any_of(entries.begin(), entries.end(), [&](const editor::OutlineEntry &e) { return e.title == title; });
    }

    // All three hold the same text of main.tex, and it is the server's.
    bool converged(const QString &file)
    {
        auto *ea = m_a->editorTabs()->editorFor(file);
        auto *eb = m_b->editorTabs()->editorFor(file);
        SyncClient *ca = session(*m_a)->client();
        SyncClient *cb = session(*m_b)->client();
        return ea && eb && ca->isSynchronized() && cb->isSynchronized() && m_c->isSynchronized()
            && docText(*ca, file) == docText(*m_c, file) && docText(*cb, file) == docText(*m_c, file)
            && ca->document(ca->docIdForPath(file))->version() == m_c->document(m_c->docIdForPath(file))->version()
            && ea->toPlainText() == docText(*m_c, file) && eb->toPlainText() == docText(*m_c, file);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("state/data"))));
        QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("Ada"));

        m_local = m_tmp.filePath(QStringLiteral("paper"));
        QVERIFY(QDir().mkpath(m_local + QStringLiteral("/sections")));
        QVERIFY(test::writeText(m_local + QStringLiteral("/main.tex"), mainTex));
        QVERIFY(test::writeText(m_local + QStringLiteral("/sections/intro.tex"), introTex));
        QImage image(24, 24, QImage::Format_RGB32);
        image.fill(QColor(200, 40, 40));
        QDir().mkpath(m_local + QStringLiteral("/figures"));
        QVERIFY(image.save(m_local + QStringLiteral("/figures/dot.png")));
        m_png = test::readBytes(m_local + QStringLiteral("/figures/dot.png"));
        QVERIFY(m_png.contains('\0')); // really binary
        m_local = QFileInfo(m_local).canonicalFilePath();
        m_copy = m_tmp.filePath(QStringLiteral("Documents/Coauthor/paper"));

        for (auto *w : {&m_a, &m_b}) {
            *w = std::make_unique<MainWindow>(m_tmp.filePath(QStringLiteral("compiles")));
            AppSettings settings = (*w)->settings();
            settings.autoCompile = false;
            (*w)->applySettings(settings);
            (*w)->resize(1000, 700);
            (*w)->show();
        }
        QVERIFY(QTest::qWaitForWindowExposed(m_a.get()));
        m_a->serverHost()->setDataDir(m_tmp.filePath(QStringLiteral("server")));
    }

    void cleanupTestCase()
    {
        if (m_c)
            m_c->close();
        m_b.reset();
        m_a.reset();
    }

    // Share Project… → Host on this computer: the bundled server starts, the
    // project with its docs and image is uploaded, the folder goes live.
    void sharingHostsAndUploadsTheProject()
    {
        QVERIFY(m_a->openProject(m_local));
        QCOMPARE(m_a->collabFeature()->syncStatusText(), SyncStatusLabel::tr("Not shared"));
        ShareDialog dialog(m_a->serverHost(), m_a->project().name(),
                           [this](const ShareLink &link) { return m_a->collabFeature()->shareProject(link); }, m_a.get());
        dialog.setHostOnThisComputer(true);
        dialog.setListenHost(QStringLiteral("127.0.0.1"));
        QVERIFY2(dialog.share(), qPrintable(dialog.errorText()));
        QVERIFY(m_a->serverHost()->isRunning());
        m_link = dialog.link();
        QVERIFY(m_link.isValid());
        QVERIFY(!m_link.hostListen.isEmpty());
        QVERIFY(dialog.invitation().contains(m_link.projectId));
        QVERIFY(dialog.invitation().contains(m_link.token));
        QVERIFY(dialog.invitation().contains(m_a->serverHost()->publicUrl().toString()));
        QCOMPARE(dialog.invitation().count(u'\n'), 3); // address, project, read-write and read-only tokens
        m_readOnlyToken = dialog.invitation().section(u'\n', 3).section(u' ', -1);
        QVERIFY(!m_readOnlyToken.isEmpty());
        // The link is remembered in the working copy, not in the compile's files.
        QVERIFY(ShareLink::load(m_local).has_value());
        QVERIFY(!m_a->project().files().contains(QStringLiteral(".coauthor/link.json")));

        CollaborationSession *s = session(*m_a);
        QVERIFY(s->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(s->client()->isSynchronized(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_a->collabFeature()->syncStatusText(), SyncStatusLabel::tr("Online"), 5000);
        // The open tab of main.tex is bound to its doc.
        QTRY_VERIFY_WITH_TIMEOUT(s->bridgeFor(QStringLiteral("main.tex")) != nullptr, 5000);
        QVERIFY(m_a->editorTabs()->isShared(QStringLiteral("main.tex")));

        // A collaborator sees exactly what was on disk.
        m_c = headlessClient(QStringLiteral("Cy"));
        QVERIFY(m_c);
        QTRY_VERIFY_WITH_TIMEOUT(m_c->isSynchronized(), 10000);
        QCOMPARE(docText(*m_c, QStringLiteral("main.tex")), mainTex);
        QCOMPARE(docText(*m_c, QStringLiteral("sections/intro.tex")), introTex);
        bool image = false;
        for (const SyncClient::Entry &e : m_c->tree())
            image |= e.path == QLatin1String("figures/dot.png") && e.kind == QLatin1String("file") && e.size == m_png.size();
        QVERIFY(image);
    }

    // A wrong token is refused with the server's reason; nothing is created, nothing closed.
    void aWrongTokenIsRefusedClearly()
    {
        QVERIFY(m_b->openProject(m_local + QStringLiteral("/sections"))); // something open to keep
        ShareLink wrong = m_link;
        wrong.token = QStringLiteral("not-a-token");
        const QString folder = m_tmp.filePath(QStringLiteral("wrong"));
        auto opened = m_b->collabFeature()->openSharedProject(folder, wrong);
        QVERIFY(!opened);
        QVERIFY2(!opened.error().isEmpty(), "no reason given");
        qInfo() << "refused:" << opened.error();
        QVERIFY(!QFileInfo::exists(folder));
        QVERIFY(m_b->project().isValid());
        QVERIFY(!session(*m_b)->isActive());
        QVERIFY(m_b->closeProject());
    }

    // Open Shared Project…: a new folder gets the docs and the image, and the window shows them.
    void openingASharedProjectMirrorsItsFiles()
    {
        ShareLink link = m_link;
        link.name = QStringLiteral("Bo");
        auto opened = m_b->collabFeature()->openSharedProject(m_copy, link);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        QCOMPARE(test::readText(m_copy + QStringLiteral("/main.tex")), mainTex);
        QCOMPARE(test::readText(m_copy + QStringLiteral("/sections/intro.tex")), introTex);
        QCOMPARE(test::readBytes(m_copy + QStringLiteral("/figures/dot.png")), m_png);
        QCOMPARE(m_b->project().rootPath(), QFileInfo(m_copy).canonicalFilePath());
        // Joining never hosts a server of its own.
        QVERIFY(!m_b->serverHost()->isRunning());
        QVERIFY(ShareLink::load(m_copy)->hostListen.isEmpty());
        QVERIFY(m_b->project().files().contains(QStringLiteral("figures/dot.png")));
        QCOMPARE(m_b->editorTabs()->currentFile(), QStringLiteral("main.tex"));
        QTRY_VERIFY_WITH_TIMEOUT(session(*m_b)->bridgeFor(QStringLiteral("main.tex")) != nullptr, 5000);
        QCOMPARE(m_b->editorTabs()->currentEditor()->toPlainText(), mainTex);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->collabFeature()->syncStatusText(), SyncStatusLabel::tr("Online"), 5000);
        // The image opens in a tab of its own.
        m_b->openLocation(QStringLiteral("figures/dot.png"), 0);
        QCOMPARE(m_b->editorTabs()->currentFile(), QStringLiteral("figures/dot.png"));
        m_b->openLocation(QStringLiteral("main.tex"), 0);
    }

    // Window A types through key events while the headless client edits the
    // same doc: everyone ends with the server's text.
    void typingInTheAppConvergesWithAHeadlessClient()
    {
        const quint32 seed = 20261123;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        auto *ea = open(*m_a, QStringLiteral("main.tex"));
        QVERIFY(ea);
        QVERIFY(open(*m_b, QStringLiteral("main.tex")));
        ea->setFocus();
        const QString docId = m_c->docIdForPath(QStringLiteral("main.tex"));
        const qsizetype before = ea->toPlainText().size();
        qsizetype added = 0;
        for (int i = 0; i < 40; ++i) {
            // A: somewhere in the text, a few keys.
            QTextCursor c = ea->textCursor();
            c.setPosition(rng.bounded(ea->document()->characterCount() - 1));
            ea->setTextCursor(c);
            QTest::keyClicks(ea, QStringLiteral("a%1 ").arg(i));
            added += QStringLiteral("a%1 ").arg(i).size();
            if (i % 7 == 3) {
                QTest::keyClick(ea, Qt::Key_Backspace);
                --added;
            }
            // C: an insert at a random place, at the same time.
            const QString text = docText(*m_c, QStringLiteral("main.tex"));
            const qsizetype at = rng.bounded(int(text.size()) + 1);
            QVERIFY(m_c->applyLocalEdit(docId, TextOperation({Component::insert(at, QStringLiteral("c%1 ").arg(i))})).ok());
            added += QStringLiteral("c%1 ").arg(i).size();
            QTest::qWait(rng.bounded(15));
        }
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("main.tex")), 15000);
        // Every key and every insert made it, once (each backspace took one character).
        const QString final = docText(*m_c, QStringLiteral("main.tex"));
        QCOMPARE(final.size(), before + added);
        // A's tab is never "modified": the mirror writes the file.
        QVERIFY(!m_a->editorTabs()->isModified(QStringLiteral("main.tex")));
        QTRY_COMPARE_WITH_TIMEOUT(test::readText(m_local + QStringLiteral("/main.tex")), final, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(test::readText(m_copy + QStringLiteral("/main.tex")), final, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(session(*m_a)->unsynchronizedEdits() == 0, 5000);
    }

    // A collaborator inserts a line before our caret: the caret stays on its text.
    void aRemoteInsertBeforeTheCaretLeavesItOnItsText()
    {
        auto *ea = m_a->editorTabs()->editorFor(QStringLiteral("main.tex"));
        QVERIFY(ea);
        ea->goToLine(4, 3);
        QTextCursor c = ea->textCursor();
        c.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, 4); // a selection too
        ea->setTextCursor(c);
        const int position = c.position();
        const int anchor = c.anchor();
        const QString selected = c.selectedText();
        const int line = ea->currentLine();
        const int column = ea->currentColumn();
        const int scroll = ea->verticalScrollBar()->value();
        const QString inserted = QStringLiteral("% a comment from Cy\n");
        const QString docId = m_c->docIdForPath(QStringLiteral("main.tex"));
        QVERIFY(m_c->applyLocalEdit(docId, TextOperation({Component::insert(0, inserted)})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(ea->toPlainText().startsWith(inserted), 5000);
        QCOMPARE(ea->textCursor().position(), position + inserted.size());
        QCOMPARE(ea->textCursor().anchor(), anchor + inserted.size());
        QCOMPARE(ea->textCursor().selectedText(), selected);
        QCOMPARE(ea->currentLine(), line + 1);
        QCOMPARE(ea->currentColumn(), column);
        QCOMPARE(ea->verticalScrollBar()->value(), scroll);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("main.tex")), 10000);
    }

    // B's caret shows in A's tab of the same doc with B's name, and follows B to another file.
    void presenceFollowsTheCollaborator()
    {
        auto *eb = m_b->editorTabs()->editorFor(QStringLiteral("main.tex"));
        QVERIFY(eb);
        m_b->editorTabs()->setCurrentWidget(eb);
        QTextCursor c = eb->textCursor();
        c.setPosition(10);
        eb->setTextCursor(c);
        const QString bId = session(*m_b)->client()->userId();
        QVERIFY(!bId.isEmpty());
        editor::RemoteCursors *cursors = session(*m_a)->remoteCursorsFor(QStringLiteral("main.tex"));
        QVERIFY(cursors);
        QTRY_COMPARE_WITH_TIMEOUT(cursors->position(bId), 10, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_a->collaboratorsPanel()->count() >= 2, 5000); // Bo and Cy
        bool listed = false;
        for (int i = 0; i < m_a->collaboratorsPanel()->count(); ++i)
            listed |= m_a->collaboratorsPanel()->rowText(i).contains(QStringLiteral("Bo"))
                      && m_a->collaboratorsPanel()->rowText(i).contains(QStringLiteral("main.tex"));
        QVERIFY(listed);

        // B goes to the introduction: the caret leaves A's main.tex and shows in A's intro tab.
        auto *introB = open(*m_b, QStringLiteral("sections/intro.tex"));
        QVERIFY(introB);
        QTextCursor ci = introB->textCursor();
        ci.setPosition(5);
        introB->setTextCursor(ci);
        QTRY_COMPARE_WITH_TIMEOUT(cursors->position(bId), -1, 5000);
        auto *introA = open(*m_a, QStringLiteral("sections/intro.tex"));
        QVERIFY(introA);
        QTRY_COMPARE_WITH_TIMEOUT(session(*m_a)->remoteCursorsFor(QStringLiteral("sections/intro.tex"))->position(bId), 5, 5000);
        m_a->openLocation(QStringLiteral("main.tex"), 0);
        m_b->openLocation(QStringLiteral("main.tex"), 0);
    }

    // A types before the headless collaborator's caret (its edits unacked
    // while C's caret arrives) as C types and moves: A shows C's caret exactly
    // where C has it.
    void aCollaboratorsCaretIsShownExactlyWhereItIs()
    {
        auto *ea = m_a->editorTabs()->editorFor(QStringLiteral("main.tex"));
        QVERIFY(ea);
        m_a->editorTabs()->setCurrentWidget(ea);
        ea->setFocus();
        const QString docId = m_c->docIdForPath(QStringLiteral("main.tex"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("main.tex")), 10000);
        qint64 caret = docText(*m_c, QStringLiteral("main.tex")).size() / 2;
        QObject context;
        connect(m_c.get(), &SyncClient::remoteOperation, &context, [&](const QString &id, const TextOperation &op) {
            if (id == docId)
                caret = sync::ot::transformPosition(caret, op, false);
        });
        const QString cId = m_c->userId();
        for (int i = 0; i < 8; ++i) {
            QTextCursor c = ea->textCursor();
            c.setPosition(i);
            ea->setTextCursor(c);
            QTest::keyClicks(ea, QStringLiteral("A%1").arg(i));
            const QString typed = QStringLiteral("C%1 ").arg(i);
            QVERIFY(m_c->applyLocalEdit(docId, TextOperation({Component::insert(caret, typed)})).ok());
            caret += typed.size();
            m_c->sendCursor(docId, caret, caret);
            QTest::qWait(i * 3);
        }
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("main.tex")), 10000);
        editor::RemoteCursors *cursors = session(*m_a)->remoteCursorsFor(QStringLiteral("main.tex"));
        QVERIFY(cursors);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(cursors->position(cId)), caret, 5000);
        QCOMPARE(ea->toPlainText().mid(caret - 3, 3), QStringLiteral("C7 "));
    }

    // Undo in A after a collaborator's edit takes back A's typing only.
    void undoTakesBackOnlyOurEdits()
    {
        auto *ea = open(*m_a, QStringLiteral("main.tex"));
        QVERIFY(ea);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("main.tex")), 10000);
        ea->setFocus();
        ea->moveCursor(QTextCursor::End);
        QTest::qWait(1100); // a new undo step, not a continuation of the earlier typing
        QTest::keyClicks(ea, QStringLiteral("Mine"));
        QTRY_VERIFY_WITH_TIMEOUT(docText(*m_c, QStringLiteral("main.tex")).endsWith(QStringLiteral("Mine")), 5000);
        const QString docId = m_c->docIdForPath(QStringLiteral("main.tex"));
        const QString theirs = QStringLiteral("% Cy was here\n");
        QVERIFY(m_c->applyLocalEdit(docId, TextOperation({Component::insert(0, theirs)})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(ea->toPlainText().startsWith(theirs), 5000);
        QVERIFY(m_a->actions()->undo->isEnabled());
        m_a->actions()->undo->trigger();
        QVERIFY(!ea->toPlainText().endsWith(QStringLiteral("Mine")));
        QVERIFY(ea->toPlainText().startsWith(theirs));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("main.tex")), 10000);
        QVERIFY(docText(*m_c, QStringLiteral("main.tex")).startsWith(theirs));
        QVERIFY(!docText(*m_c, QStringLiteral("main.tex")).endsWith(QStringLiteral("Mine")));
        // And redo brings ours back.
        m_a->actions()->redo->trigger();
        QVERIFY(ea->toPlainText().endsWith(QStringLiteral("Mine")));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("main.tex")), 10000);
    }

    // Replace in Project on a shared doc: the change is an edit like typing,
    // so the collaborator gets it, and one undo takes back the whole file's replacements.
    void replaceInProjectReachesTheCollaboratorAndUndoesInOneStep()
    {
        const QString file = QStringLiteral("sections/intro.tex");
        const QString docId = m_c->docIdForPath(file);
        QVERIFY(!docId.isEmpty());
        QVERIFY(m_c->applyLocalEdit(docId, TextOperation({Component::insert(0, QStringLiteral("% ZetaWord, ZetaWord\n"))})).ok());
        // A's mirror writes it; the search reads files without a tab from disk.
        QTRY_VERIFY_WITH_TIMEOUT(test::readText(m_local + u'/' + file).startsWith(QStringLiteral("% ZetaWord")), 10000);
        SearchFeature *search = m_a->searchFeature();
        search->panel()->findField()->setText(QStringLiteral("ZetaWord"));
        search->panel()->replaceField()->setText(QStringLiteral("Omega"));
        QSignalSpy found(search, &SearchFeature::finished);
        search->search();
        QVERIFY(found.wait(10000));
        QCOMPARE(search->panel()->allMatches().size(), 2);
        QCOMPARE(search->replaceAll(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(docText(*m_c, file).startsWith(QStringLiteral("% Omega, Omega\n")), 10000);
        QVERIFY(!m_a->editorTabs()->isModified(file)); // shared: the mirror writes the file, no Save needed
        auto *e = m_a->editorTabs()->editorFor(file);
        QVERIFY(e);
        QTRY_COMPARE_WITH_TIMEOUT(e->toPlainText(), docText(*m_c, file), 10000);
        m_a->editorTabs()->setCurrentWidget(e);
        e->setFocus();
        QVERIFY(m_a->actions()->undo->isEnabled());
        m_a->actions()->undo->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(docText(*m_c, file).startsWith(QStringLiteral("% ZetaWord, ZetaWord\n")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(e->toPlainText(), docText(*m_c, file), 10000);
    }

    // The compile of a shared project sees the live text.
    void compileSeesTheLiveText()
    {
        const QString docId = m_c->docIdForPath(QStringLiteral("sections/intro.tex"));
        QVERIFY(m_c->applyLocalEdit(docId, TextOperation({Component::insert(0, QStringLiteral("%live\n"))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(docText(*session(*m_a)->client(), QStringLiteral("sections/intro.tex")).startsWith(QStringLiteral("%live")), 5000);
        // Not necessarily written to disk yet, but in what a compile sends.
        QVERIFY(session(*m_a)->documentTexts().value(QStringLiteral("sections/intro.tex")).startsWith(QStringLiteral("%live")));

        // A new section by a collaborator, in a file nobody has open, reaches the outline.
        if (auto *tab = m_a->editorTabs()->editorFor(QStringLiteral("sections/intro.tex")))
            QVERIFY(m_a->editorTabs()->closeTab(m_a->editorTabs()->indexOf(tab))); // no prompt: never modified
        QVERIFY(!m_a->editorTabs()->editorFor(QStringLiteral("sections/intro.tex")));
        const QString introId = m_c->docIdForPath(QStringLiteral("sections/intro.tex"));
        const QString text = docText(*m_c, QStringLiteral("sections/intro.tex"));
        QVERIFY(m_c->applyLocalEdit(introId, TextOperation({Component::insert(text.size(), QStringLiteral("\\section{Remote Section}\n"))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(outlineHas(*m_a, QStringLiteral("Remote Section")), 5000);
    }

    // Another program edits a shared file in B's folder: it is B's edit, shown in
    // B's open tab without a reload prompt, and it reaches A.
    void anEditOnDiskIsSharedAndShownInTheTab()
    {
        const QString intro = QStringLiteral("sections/intro.tex");
        auto *eb = m_b->editorTabs()->editorFor(intro);
        QVERIFY(eb);
        QTRY_VERIFY_WITH_TIMEOUT(test::readText(m_copy + u'/' + intro) == eb->toPlainText(), 5000);
        const QString edited = eb->toPlainText() + QStringLiteral("Added by another program.\n");
        QVERIFY(test::writeText(m_copy + u'/' + intro, edited));
        QTRY_COMPARE_WITH_TIMEOUT(eb->toPlainText(), edited, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(docText(*m_c, intro), edited, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(docText(*session(*m_a)->client(), intro), edited, 5000);
        QVERIFY(!m_b->editorTabs()->isModified(intro));
    }

    // Reopening the working copy (recent projects, session restore) reconnects by itself.
    void reopeningTheWorkingCopyReconnects()
    {
        QVERIFY(m_b->closeProject());
        QVERIFY(!session(*m_b)->isActive());
        QCOMPARE(m_b->collabFeature()->syncStatusText(), SyncStatusLabel::tr("Not shared"));
        QVERIFY(m_b->openProject(m_copy));
        QVERIFY(session(*m_b)->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(session(*m_b)->client()->isSynchronized(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("main.tex")), 10000);
        // Offline by choice, edits keep, and go out once online again.
        m_b->collabFeature()->workOfflineAction()->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->collabFeature()->syncStatusText().startsWith(SyncStatusLabel::tr("Offline")), true, 5000);
        auto *eb = m_b->editorTabs()->editorFor(QStringLiteral("main.tex"));
        eb->moveCursor(QTextCursor::Start);
        QTest::keyClicks(eb, QStringLiteral("offline "));
        QVERIFY(m_b->collabFeature()->syncStatusText().contains(QStringLiteral("8")));
        m_b->collabFeature()->workOfflineAction()->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(docText(*m_c, QStringLiteral("main.tex")).startsWith(QStringLiteral("offline ")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->collabFeature()->syncStatusText(), SyncStatusLabel::tr("Online"), 5000);
    }

    // A read-only token: the tabs follow the others but cannot be edited.
    void aReadOnlyTokenMakesTheTabsReadOnly()
    {
        QVERIFY(m_b->closeProject());
        // The read-only token is another member, who may not use this working copy's
        // clientId (issue 13, item 3: client_id_taken); everything is synchronized, so
        // the copy starts a new journal, as a new member's would.
        QVERIFY(QFile::remove(QDir(m_copy).filePath(QStringLiteral(".coauthor/journal"))));
        ShareLink readOnly = *ShareLink::load(m_copy);
        readOnly.token = m_readOnlyToken;
        QVERIFY(readOnly.save(m_copy));
        QVERIFY(m_b->openProject(m_copy));
        QTRY_VERIFY_WITH_TIMEOUT(session(*m_b)->isReadOnly(), 10000);
        auto *eb = m_b->editorTabs()->editorFor(QStringLiteral("main.tex"));
        QVERIFY(eb);
        QTRY_VERIFY_WITH_TIMEOUT(eb->isReadOnly(), 5000);
        QVERIFY(m_b->collabFeature()->syncStatusText().contains(SyncStatusLabel::tr("%1 · read-only").arg(QString()).mid(1)));
        const QString before = eb->toPlainText();
        eb->setFocus();
        QTest::keyClicks(eb, QStringLiteral("nope"));
        QCOMPARE(eb->toPlainText(), before);
        // Still live.
        const QString docId = m_c->docIdForPath(QStringLiteral("main.tex"));
        QVERIFY(m_c->applyLocalEdit(docId, TextOperation({Component::insert(0, QStringLiteral("%ro\n"))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(eb->toPlainText().startsWith(QStringLiteral("%ro\n")), 5000);
    }

    // The hosted server stops with the window that hosts it. Positive control
    // first: the same probe reaches it while the app runs, so a probe that could
    // never connect (wrong host or port) fails the test instead of passing it.
    // The server says the project's name; the folder the dialog proposed (named after the
    // project id) becomes the name, and the window title with it, instead of a UUID.
    void aJoinedProjectIsNamedAfterTheProjectNotItsId()
    {
        auto probed = CollaborationSession::checkLink(m_link);
        QVERIFY2(probed, probed ? "" : qPrintable(probed.error()));
        QCOMPARE(probed.value(), QStringLiteral("paper"));
        const QString parent = QFileInfo(m_copy).absolutePath();
        ShareLink link = m_link;
        link.name = QStringLiteral("Bo");
        auto opened = m_b->collabFeature()->openSharedProject(parent + u'/' + m_link.projectId, link);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        // "paper" is Bo's first copy already: the next free name.
        QCOMPARE(QFileInfo(m_b->project().rootPath()).fileName(), QStringLiteral("paper (2)"));
        QVERIFY(!QFileInfo::exists(parent + u'/' + m_link.projectId));
        QVERIFY2(m_b->windowTitle().contains(QLatin1String("paper (2)")), qPrintable(m_b->windowTitle()));
        QVERIFY(!m_b->windowTitle().contains(m_link.projectId));
    }

    void theHostedServerStopsWithTheApp()
    {
        const QUrl url = m_link.url;
        QVERIFY(m_a->serverHost()->isRunning());
        QCOMPARE(url.port(), m_a->serverHost()->localUrl().port());
        {
            QTcpSocket running;
            running.connectToHost(url.host(), quint16(url.port()));
            QVERIFY2(running.waitForConnected(5000), qPrintable(running.errorString()));
            running.disconnectFromHost();
        }
        m_b.reset();
        m_a.reset();
        QTcpSocket probe;
        probe.connectToHost(url.host(), quint16(url.port()));
        QVERIFY(!probe.waitForConnected(1000));
    }
};

QTEST_MAIN(CollabTest)
#include "tst_collab.moc"
