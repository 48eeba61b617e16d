// SyncClient on a full disk (RLIMIT_FSIZE in this process; the coauthor-server
// binary and redis-server run in their own processes, started before the
// limit): the journal's failure is reported once, edits made meanwhile still
// reach the server and another client, the journal recovers once there is
// room, and a restart then loses and duplicates nothing. A binary file that
// cannot be written into the working copy arrives once there is room.

#include "sync/client/projectmirror.h"
#include "sync/client/syncclient.h"
#include "sync/redis/redisserverprocess.h"
#include "tests/sync/client/filesizelimit.h"

#include "serverprocess.h"
#include "syncclienttestutil.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <memory>

using namespace coauthor::sync;
using coauthor::test::readBytes;
using coauthor::sync::test::converged;
using ot::Component;
using ot::TextOperation;
using coauthor::sync::test::insertLine;

class TestSyncClientFullDisk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    QProcess m_server;
    QUrl m_url;
    QString m_projectId;
    QString m_token;
    int m_copies = 0;

    std::unique_ptr<SyncClient> client(const QString &workingCopy, const QString &name, bool mirror = true)
    {
        return test::openTestClient(m_url, m_projectId, m_token, workingCopy, name, mirror);
    }

    QString newWorkingCopy() { return m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies)); }

    static qint64 journalSize(SyncClient &c) { return QFileInfo(c.journal().directory() + QStringLiteral("/journal")).size(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_redis.start(m_dir.filePath(QStringLiteral("redis")), true);
        QVERIFY2(started, started ? "" : qPrintable(started.error()));
        const QString dataDir = m_dir.filePath(QStringLiteral("server"));
        const test::CreatedProject created =
            test::createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Full disk"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        m_projectId = created.id;
        m_token = created.token;
        // Its own process: the file size limit of this one never reaches it.
        const quint16 port = test::freeLoopbackPort();
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QVERIFY(test::startServer(m_server, QStringLiteral(COAUTHOR_SERVER_BINARY), port, dataDir,
                                  {QStringLiteral("--redis"), m_redis.url()}));
        QVERIFY(m_server.processId() != QCoreApplication::applicationPid());
        m_url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        m_server.waitForFinished(20000);
        m_redis.stop();
    }

    void editsWhileJournalFailsReachServerAndSurviveRestart()
    {
        const quint32 seed = 9001;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        const QString copyA = newWorkingCopy();
        auto a = client(copyA, QStringLiteral("Ada"));
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"));
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->state() == SyncClient::State::Online && b->state() == SyncClient::State::Online, 10000);
        a->createDoc(QStringLiteral("main.tex"), QStringLiteral("start\n"));
        QString docId;
        QTRY_VERIFY_WITH_TIMEOUT(!(docId = a->docIdForPath(QStringLiteral("main.tex"))).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);

        QStringList lines;
        for (int i = 0; i < 150; ++i) {
            lines.append(QStringLiteral("[A%1]").arg(i));
            QVERIFY(a->applyLocalEdit(docId, insertLine(rng, a->document(docId)->text(), lines.last())).ok());
            if (i % 10 == 0)
                QTest::qWait(5);
        }
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 20000);
        a->flushMirror();
        b->flushMirror();

        // The disk is full for both clients (as on one machine), for their
        // journals, a rewrite of them and the working copies' files alike.
        QSignalSpy errors(a.get(), &SyncClient::errorOccurred);
        QSignalSpy recovered(a.get(), &SyncClient::journalRecovered);
        QSignalSpy mirrorRecovered(a.get(), &SyncClient::mirrorRecovered);
        QSignalSpy recoveredB(b.get(), &SyncClient::journalRecovered);
        auto journalErrors = [&errors] {
            int n = 0;
            for (const QList<QVariant> &e : std::as_const(errors))
                n += e.at(0).toString() == QLatin1String("journal_write_failed") ? 1 : 0;
            return n;
        };
        const qint64 sizeA = journalSize(*a);
        QVERIFY(sizeA > 4096);
        FileSizeLimit full(512);
        QVERIFY(full.isActive());
        for (int i = 0; i < 40; ++i) {
            lines.append(QStringLiteral("[F%1]").arg(i));
            QVERIFY(a->applyLocalEdit(docId, insertLine(rng, a->document(docId)->text(), lines.last())).ok());
            QTest::qWait(i % 4 == 0 ? 10 : 0);
        }
        QVERIFY(!a->isJournalHealthy());
        QCOMPARE(a->journalFailure(), qt_error_string(EFBIG));
        // Sent without waiting for a durability that cannot come: B has them.
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);
        QCOMPARE(journalSize(*a), sizeA); // cut back to its last whole record
        // Still full after a retry: reported once, with the file and the reason.
        QTest::qWait(Journal::retryIntervalMs + 300);
        QVERIFY(!a->isJournalHealthy());
        QVERIFY(!b->isJournalHealthy());
        QCOMPARE(journalErrors(), 1);
        const QString message = errors.first().at(1).toString();
        QCOMPARE(errors.first().at(0).toString(), QStringLiteral("journal_write_failed"));
        QVERIFY2(message.contains(QStringLiteral("journal")) && message.contains(qt_error_string(EFBIG)), qPrintable(message));
        QVERIFY(recovered.isEmpty());
        // The working copy's main.tex could not be written either.
        QCOMPARE(errors.count(), 2);
        QCOMPARE(errors.at(1).at(0).toString(), QStringLiteral("mirror_write_failed"));
        QVERIFY2(errors.at(1).at(1).toString().contains(qt_error_string(EFBIG)), qPrintable(errors.at(1).at(1).toString()));

        full.lift();
        QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, Journal::retryIntervalMs + 3000);
        QTRY_COMPARE_WITH_TIMEOUT(recoveredB.count(), 1, Journal::retryIntervalMs + 3000);
        QTRY_COMPARE_WITH_TIMEOUT(mirrorRecovered.count(), 1, ProjectMirror::retryIntervalMs + 3000);
        QVERIFY(a->isJournalHealthy());
        QVERIFY(a->journalFailure().isEmpty());
        QCOMPARE(errors.count(), 2);
        QCOMPARE(QString::fromUtf8(readBytes(copyA + QStringLiteral("/main.tex"))), a->document(docId)->text());

        // Offline edits after the recovery are journaled again.
        a->setWorkOffline(true);
        QTRY_COMPARE(a->state(), SyncClient::State::Offline);
        for (int i = 0; i < 20; ++i) {
            lines.append(QStringLiteral("[R%1]").arg(i));
            QVERIFY(a->applyLocalEdit(docId, insertLine(rng, a->document(docId)->text(), lines.last())).ok());
        }
        const QString beforeQuit = a->document(docId)->text();
        a.reset();
        a = client(copyA, QStringLiteral("Ada"));
        QVERIFY(a);
        QVERIFY(a->document(docId));
        QCOMPARE(a->document(docId)->text(), beforeQuit);
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 20000);
        const QString text = a->document(docId)->text();
        for (const QString &line : std::as_const(lines))
            QCOMPARE(text.count(line + QLatin1Char('\n')), 1);
        QCOMPARE(text.count(QLatin1Char('\n')), lines.size() + 1);
    }

    void unwritableFileIsWrittenOnceThereIsRoom()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"));
        const QString copyB = newWorkingCopy();
        auto b = client(copyB, QStringLiteral("Bo"));
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && b->isSynchronized(), 10000);
        QSignalSpy errors(b.get(), &SyncClient::errorOccurred);
        QSignalSpy recovered(b.get(), &SyncClient::mirrorRecovered);
        QByteArray image(64 * 1024, '\0');
        for (qsizetype i = 0; i < image.size(); ++i)
            image[i] = char(i * 7);
        {
            // Room for journals and small files, not for the image.
            FileSizeLimit full(16 * 1024);
            QVERIFY(full.isActive());
            a->uploadFile(QStringLiteral("figures/big.png"), image);
            QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
            QCOMPARE(errors.first().at(0).toString(), QStringLiteral("mirror_write_failed"));
            QVERIFY2(errors.first().at(1).toString().contains(QStringLiteral("figures/big.png"))
                         && errors.first().at(1).toString().contains(qt_error_string(EFBIG)),
                     qPrintable(errors.first().at(1).toString()));
            QVERIFY(!QFileInfo::exists(copyB + QStringLiteral("/figures/big.png")));
            QTest::qWait(ProjectMirror::retryIntervalMs + 300);
            QCOMPARE(errors.count(), 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, ProjectMirror::retryIntervalMs + 3000);
        QCOMPARE(readBytes(copyB + QStringLiteral("/figures/big.png")), image);
    }
};

QTEST_GUILESS_MAIN(TestSyncClientFullDisk)
#include "tst_syncclient_fulldisk.moc"
