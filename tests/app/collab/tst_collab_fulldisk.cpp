// The app on a full disk (RLIMIT_FSIZE in this process; coauthor-server and
// redis-server run in their own processes, started before): while the working
// copy's journal and files cannot be written the status bar says so, in red,
// with the system's reason, until writing works again; typing still reaches
// the server, and quitting would warn about edits only in memory.

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/syncstatuslabel.h"
#include "app/editors/editortabs.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"
#include "sync/client/journal.h"
#include "sync/client/syncclient.h"
#include "sync/redis/redisserverprocess.h"
#include "tests/sync/client/filesizelimit.h"
#include "tests/sync/server/serverprocess.h"

#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <memory>

using namespace coauthor;
using namespace coauthor::app;
using sync::SyncClient;

class CollabFullDiskTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    sync::RedisServerProcess m_redis;
    QProcess m_server;
    ShareLink m_link;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        auto started = m_redis.start(m_tmp.filePath(QStringLiteral("redis")), true);
        QVERIFY2(started, started ? "" : qPrintable(started.error()));
        const QString dataDir = m_tmp.filePath(QStringLiteral("server"));
        const sync::test::CreatedProject created =
            sync::test::createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Full"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        m_link.projectId = created.id;
        m_link.token = created.token;
        const quint16 port = sync::test::freeLoopbackPort();
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QVERIFY(sync::test::startServer(m_server, QStringLiteral(COAUTHOR_SERVER_BINARY), port, dataDir,
                                        {QStringLiteral("--redis"), m_redis.url()}));
        m_link.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
        m_link.name = QStringLiteral("Ada");
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        m_server.waitForFinished(20000);
        m_redis.stop();
    }

    void aFullDiskIsShownUntilThereIsRoom()
    {
        // A collaborator creates the doc; its text is larger than the limit below.
        SyncClient other;
        SyncClient::Options o;
        o.url = m_link.url;
        o.projectId = m_link.projectId;
        o.token = m_link.token;
        o.name = QStringLiteral("Bo");
        o.workingCopy = m_tmp.filePath(QStringLiteral("bo"));
        o.mirrorFiles = false;
        QVERIFY(other.open(o).ok());
        QTRY_VERIFY_WITH_TIMEOUT(other.isSynchronized(), 10000);
        QString text = QStringLiteral("\\documentclass{article}\n\\begin{document}\n");
        for (int i = 0; i < 40; ++i)
            text += QStringLiteral("A paragraph that fills the doc, line %1.\n").arg(i);
        text += QStringLiteral("\\end{document}\n");
        other.createDoc(QStringLiteral("main.tex"), text);
        QTRY_VERIFY_WITH_TIMEOUT(!other.docIdForPath(QStringLiteral("main.tex")).isEmpty() && other.isSynchronized(), 10000);
        const QString docId = other.docIdForPath(QStringLiteral("main.tex"));

        MainWindow w(m_tmp.filePath(QStringLiteral("compiles")));
        AppSettings settings = w.settings();
        settings.autoCompile = false;
        w.applySettings(settings);
        w.show();
        const QString copy = m_tmp.filePath(QStringLiteral("copy"));
        auto opened = w.collabFeature()->openSharedProject(copy, m_link);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        w.openLocation(QStringLiteral("main.tex"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.collaboration()->bridgeFor(QStringLiteral("main.tex")) != nullptr, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(w.collabFeature()->syncStatusText(), SyncStatusLabel::tr("Online"), 5000);
        auto *editor = w.editorTabs()->editorFor(QStringLiteral("main.tex"));
        QVERIFY(editor);

        const QString reason = qt_error_string(EFBIG);
        const QString journalProblem = CollaborationSession::tr("edits not saved on this computer: %1").arg(reason);
        {
            FileSizeLimit full(512);
            QVERIFY(full.isActive());
            editor->moveCursor(QTextCursor::Start);
            QTest::keyClicks(editor, QStringLiteral("% typed on a full disk "));
            QTRY_VERIFY_WITH_TIMEOUT(w.collabFeature()->syncStatusText().contains(journalProblem), 5000);
            QVERIFY(w.collabFeature()->syncStatusText().startsWith(SyncStatusLabel::tr("Online")));
            // The working copy's main.tex cannot be written either; both are named.
            QTRY_VERIFY_WITH_TIMEOUT(
                w.collabFeature()->syncStatusText().contains(CollaborationSession::tr("project folder not updated: %1").arg(QString()).left(20)),
                5000);
            // In red, with what it means in the tooltip.
            const QList<QLabel *> labels = w.appStatusBar()->findChildren<QLabel *>();
            const auto shown = std::find_if(labels.begin(), labels.end(),
                                            [&](QLabel *l) { return l->text() == w.collabFeature()->syncStatusText(); });
            QVERIFY(shown != labels.end());
            QVERIFY((*shown)->styleSheet().contains(QStringLiteral("#cf222e")));
            QVERIFY(!(*shown)->toolTip().isEmpty());
            // Typed while the journal fails, and still shared.
            QTRY_VERIFY_WITH_TIMEOUT(other.document(docId)->text().startsWith(QStringLiteral("% typed on a full disk ")), 10000);
            QTRY_VERIFY_WITH_TIMEOUT(w.collaboration()->client()->isSynchronized(), 10000);
            // Offline, new edits would be only in memory: quitting must ask.
            QVERIFY(!w.collaboration()->hasEditsOnlyInMemory());
            w.collaboration()->client()->setWorkOffline(true);
            QTest::keyClicks(editor, QStringLiteral("x"));
            QVERIFY(w.collaboration()->hasEditsOnlyInMemory());
            w.collaboration()->client()->setWorkOffline(false);
        }
        // Room again: the warning goes away by itself.
        QTRY_COMPARE_WITH_TIMEOUT(w.collabFeature()->syncStatusText(), SyncStatusLabel::tr("Online"),
                                  sync::Journal::retryIntervalMs + 5000);
        QVERIFY(w.collaboration()->storageProblem().isEmpty());
        QVERIFY(!w.collaboration()->hasEditsOnlyInMemory());
        QTRY_COMPARE_WITH_TIMEOUT(other.document(docId)->text(), editor->toPlainText(), 10000);
        QCOMPARE(test::readText(copy + QStringLiteral("/main.tex")), editor->toPlainText());
        other.close();
        QVERIFY(w.closeProject());
    }
};

QTEST_MAIN(CollabFullDiskTest)
#include "tst_collab_fulldisk.moc"
