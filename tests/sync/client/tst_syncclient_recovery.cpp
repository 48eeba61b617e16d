// SyncClient never drops local text (issue 12), against a real redis-server and
// the coauthor-server binary: edits made while Redis is down arrive exactly
// once after it is back; a joinDoc that fails is retried; an op the server
// refuses, or a rejoin it cannot answer, is rebased onto the server's text; a
// doc deleted remotely while it holds unsent edits leaves a conflict copy; a
// frozen server is shown offline within ~10 s; an op grown past 1,000
// components is still sent; a copied working copy gets its own clientId.

#include "sync/client/journal.h"
#include "sync/client/syncclient.h"
#include "sync/redis/redisserverprocess.h"

#include "serverprocess.h"
#include "syncclienttestutil.h"
#include "testclient.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace coauthor::sync;
using coauthor::sync::test::converged;
using coauthor::test::readText;
using ot::Component;
using ot::TextOperation;

class TestSyncClientRecovery : public QObject
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

    QString newWorkingCopy() { return m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies)); }

    std::unique_ptr<SyncClient> client(const QString &workingCopy, const QString &name, bool mirror = false)
    {
        return test::openTestClient(m_url, m_projectId, m_token, workingCopy, name, mirror);
    }

    QString createDoc(SyncClient &c, const QString &path, const QString &text)
    {
        c.createDoc(path, text);
        QString id;
        const bool found = QTest::qWaitFor([&] {
            id = c.docIdForPath(path);
            return !id.isEmpty() && c.isSynchronized();
        }, 10000);
        return found ? id : QString();
    }

    // The doc as the server has it, through a raw protocol client.
    QString serverText(const QString &docId)
    {
        test::TestClient raw(m_url.toString(), m_projectId, m_token, QStringLiteral("observer"), QStringLiteral("Observer"));
        raw.connectAndHello();
        if (!raw.joinDoc(docId))
            return QStringLiteral("<no server text>");
        return raw.text();
    }

    // The journal of workingCopy rewritten as if the client believed the
    // server's doc to be `text` at `version`, with `op` typed on it and in
    // flight (seq far above anything sent): the state of a client whose view
    // diverged, or whose server lost versions it had seen.
    static bool writeDivergedJournal(const QString &workingCopy, const QString &docId, const QString &path,
                                     const QString &text, qint64 version, const TextOperation &op)
    {
        Journal journal;
        if (!journal.open(QDir(workingCopy).filePath(QStringLiteral(".coauthor"))))
            return false;
        SharedDocument doc(docId, path, text, version, [&journal] { return journal.nextSequence(); });
        if (!doc.applyLocal(op).ok())
            return false;
        const bool ok = journal.compact(doc.snapshotRecords()).ok();
        journal.close();
        return ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_redis.start(m_dir.filePath(QStringLiteral("redis")), true);
        QVERIFY2(started, started ? "" : qPrintable(started.error()));
        const QString dataDir = m_dir.filePath(QStringLiteral("server"));
        const test::CreatedProject created =
            test::createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Recovery"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        m_projectId = created.id;
        m_token = created.token;
        const quint16 port = test::freeLoopbackPort();
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QVERIFY(test::startServer(m_server, QStringLiteral(COAUTHOR_SERVER_BINARY), port, dataDir,
                                  {QStringLiteral("--redis"), m_redis.url()}));
        m_url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
    }

    void cleanupTestCase()
    {
        ::kill(pid_t(m_server.processId()), SIGCONT);
        m_server.terminate();
        if (!m_server.waitForFinished(20000))
            m_server.kill();
        m_redis.stop();
    }

    // Redis stops while we type: the edits get storage_unavailable and are
    // resent with the same seq until Redis is back, then arrive exactly once.
    void editsRefusedWhileRedisIsDownArriveOnceItIsBack()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"));
        QVERIFY(a);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("redis-down.tex"), QStringLiteral("start\n"));
        QVERIFY(!docId.isEmpty());
        QSignalSpy errors(a.get(), &SyncClient::errorOccurred);
        m_redis.stop();
        auto restartRedis = qScopeGuard([this] {
            if (!m_redis.isRunning())
                m_redis.restart();
        });
        QStringList lines;
        for (int i = 0; i < 20; ++i) {
            const QString line = QStringLiteral("[R%1]\n").arg(i);
            lines.append(line);
            const SharedDocument *doc = a->document(docId);
            QVERIFY2(doc, "the doc was dropped");
            QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::insert(doc->text().size(), line)})).ok());
            QTest::qWait(50);
        }
        QTest::qWait(1000); // resends meet the missing Redis
        auto restarted = m_redis.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error()));
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 30000);
        const QString text = serverText(docId);
        for (const QString &line : std::as_const(lines))
            QCOMPARE(text.count(line), 1);
        QCOMPARE(a->document(docId)->text(), text);
    }

    // A client joins while Redis is down: its joinDoc fails and is retried
    // until the doc loads, without a reconnect.
    void aFailedJoinIsRetriedUntilTheDocLoads()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"));
        QVERIFY(a);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("join-retry.tex"), QStringLiteral("joined\n"));
        QVERIFY(!docId.isEmpty());
        a.reset();
        // Out of Redis, so that loading it needs Redis again.
        m_redis.stop();
        auto restartRedis = qScopeGuard([this] {
            if (!m_redis.isRunning())
                m_redis.restart();
        });
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"));
        QVERIFY(b);
        int offline = 0;
        connect(b.get(), &SyncClient::stateChanged, this, [&offline](SyncClient::State s) {
            offline += s == SyncClient::State::Offline ? 1 : 0;
        });
        QSignalSpy errors(b.get(), &SyncClient::errorOccurred);
        QTRY_VERIFY_WITH_TIMEOUT(b->state() == SyncClient::State::Online && !errors.isEmpty(), 20000);
        QVERIFY(!b->document(docId));
        auto restarted = m_redis.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error()));
        QTRY_VERIFY_WITH_TIMEOUT(b->document(docId), 20000);
        QCOMPARE(b->document(docId)->text(), QStringLiteral("joined\n"));
        QCOMPARE(offline, 0); // no reconnect was needed
    }

    // The client's idea of the server's text is off: its op gets
    // delete_mismatch. The text it typed survives, rebased onto the server's.
    void aRefusedOpIsRebasedOntoTheServersText()
    {
        const QString copy = newWorkingCopy();
        QString docId;
        qint64 version = 0;
        {
            auto a = client(copy, QStringLiteral("Ada"));
            QVERIFY(a);
            QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
            docId = createDoc(*a, QStringLiteral("refused.tex"), QStringLiteral("alpha beta gamma\n"));
            QVERIFY(!docId.isEmpty());
            version = a->document(docId)->version();
        }
        QVERIFY(writeDivergedJournal(copy, docId, QStringLiteral("refused.tex"), QStringLiteral("alpha BETA gamma\n"), version,
                                     TextOperation({Component::erase(6, QStringLiteral("BETA")),
                                                    Component::insert(6, QStringLiteral("delta"))})));
        auto a = client(copy, QStringLiteral("Ada"));
        QVERIFY(a);
        QSignalSpy refused(a.get(), &SyncClient::updateError);
        QSignalSpy kept(a.get(), &SyncClient::localTextKept);
        QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty() && a->isSynchronized(), 20000);
        QCOMPARE(refused.first().at(1).toString(), QStringLiteral("delete_mismatch"));
        const QString text = serverText(docId);
        QCOMPARE(a->document(docId)->text(), text);
        QVERIFY2(text.contains(QStringLiteral("delta")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("gamma")), qPrintable(text));
        QVERIFY(!kept.isEmpty());
        qInfo() << text << kept.first().at(1).toString();
    }

    // The client has seen versions the server no longer has (its rejoin gets
    // version_in_future) and its edit in flight: the edit is kept, exactly once.
    void aFailedRejoinKeepsTheEditsInFlight()
    {
        const QString copy = newWorkingCopy();
        QString docId;
        qint64 version = 0;
        {
            auto a = client(copy, QStringLiteral("Ada"));
            QVERIFY(a);
            QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
            docId = createDoc(*a, QStringLiteral("future.tex"), QStringLiteral("line one\n"));
            QVERIFY(!docId.isEmpty());
            version = a->document(docId)->version();
        }
        QVERIFY(writeDivergedJournal(copy, docId, QStringLiteral("future.tex"), QStringLiteral("line one\n"), version + 5,
                                     TextOperation({Component::insert(9, QStringLiteral("line two\n"))})));
        auto a = client(copy, QStringLiteral("Ada"));
        QVERIFY(a);
        QCOMPARE(a->document(docId)->text(), QStringLiteral("line one\nline two\n"));
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 20000);
        QCOMPARE(a->document(docId)->text(), QStringLiteral("line one\nline two\n"));
        QCOMPARE(serverText(docId), QStringLiteral("line one\nline two\n"));
    }

    // Someone deletes a doc while we are offline with unsent edits in it: on
    // reconnecting, our text is kept as a conflict copy in the project.
    void aDocDeletedRemotelyWithUnsentEditsLeavesAConflictCopy()
    {
        const QString copyA = newWorkingCopy();
        auto a = client(copyA, QStringLiteral("Ada"), true);
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"));
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && b->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("chapters/gone.tex"), QStringLiteral("first\n"));
        QVERIFY(!docId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);
        a->setWorkOffline(true);
        QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::insert(6, QStringLiteral("typed offline\n"))})).ok());
        b->remove(docId);
        QTRY_VERIFY_WITH_TIMEOUT(!b->document(docId), 10000);
        QSignalSpy kept(a.get(), &SyncClient::localTextKept);
        a->setWorkOffline(false);
        QTRY_VERIFY_WITH_TIMEOUT(!kept.isEmpty(), 10000);
        qInfo() << kept.first().at(1).toString();
        QString copyPath;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            for (const SyncClient::Entry &e : b->tree()) {
                if (e.path.startsWith(QStringLiteral("chapters/gone (conflict ")) && e.path.endsWith(QStringLiteral(".tex")))
                    copyPath = e.path;
            }
            return !copyPath.isEmpty();
        }(), 10000);
        const QString copyId = b->docIdForPath(copyPath);
        QTRY_VERIFY_WITH_TIMEOUT(b->document(b->docIdForPath(copyPath)), 10000);
        QCOMPARE(b->document(b->docIdForPath(copyPath))->text(), QStringLiteral("first\ntyped offline\n"));
        QCOMPARE(readText(QDir(copyA).filePath(copyPath)), QStringLiteral("first\ntyped offline\n"));
        Q_UNUSED(copyId);
    }

    // An op the server can never take (the doc would pass 2 MiB) is kept as
    // a conflict copy in the working copy; the doc goes back to the server's.
    void anOpTheServerCannotTakeIsKeptAsAConflictCopy()
    {
        const QString copy = newWorkingCopy();
        auto a = client(copy, QStringLiteral("Ada"));
        QVERIFY(a);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("big.tex"), QStringLiteral("small\n"));
        QVERIFY(!docId.isEmpty());
        QSignalSpy kept(a.get(), &SyncClient::localTextKept);
        const QString huge(2 * 1024 * 1024 + 10, QLatin1Char('x'));
        QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::insert(0, huge)})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(!kept.isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && a->document(docId), 10000);
        QCOMPARE(a->document(docId)->text(), QStringLiteral("small\n"));
        QStringList copies = QDir(copy).entryList({QStringLiteral("big (conflict *).tex")}, QDir::Files);
        QCOMPARE(copies.size(), 1);
        QCOMPARE(readText(QDir(copy).filePath(copies.first())), huge + QStringLiteral("small\n"));
    }

    // A transformed in-flight op grows past the server's 1,000 components
    // (each delete split by concurrent inserts) while we are offline: the
    // resend is within the limit and the deletes are applied.
    void anInFlightOpGrownPastTheComponentLimitIsStillSent()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"));
        QVERIFY(a);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("split.tex"), QString(3000, QLatin1Char('a')));
        QVERIFY(!docId.isEmpty());
        a->setWorkOffline(true);
        QTRY_COMPARE(a->state(), SyncClient::State::Offline);
        TextOperation deletes; // original [14i, 14i + 7)
        for (int i = 0; i < 200; ++i)
            deletes.append(Component::erase(i * 7, QStringLiteral("aaaaaaa")));
        QVERIFY(a->applyLocalEdit(docId, deletes).ok());
        a->journal().flush();
        test::TestClient raw(m_url.toString(), m_projectId, m_token, QStringLiteral("raw-splitter"), QStringLiteral("Raw"));
        raw.connectAndHello();
        QVERIFY(raw.joinDoc(docId));
        // Six inserts inside each deleted range, in ops of 240 components.
        for (int part = 0; part < 5; ++part) {
            TextOperation inserts;
            for (int i = part * 40, n = part * 240; i < (part + 1) * 40; ++i) {
                for (int j = 1; j <= 6; ++j, ++n)
                    inserts.append(Component::insert(14 * i + j + n, QStringLiteral("b")));
            }
            raw.edit(inserts);
            QVERIFY(raw.waitFor([&] { return raw.isIdle(); }));
        }
        QSignalSpy refused(a.get(), &SyncClient::updateError);
        a->setWorkOffline(false);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 20000);
        QVERIFY(refused.isEmpty());
        const QString text = serverText(docId);
        QCOMPARE(a->document(docId)->text(), text);
        QCOMPARE(text.count(QLatin1Char('b')), 1200);
        QCOMPARE(text.count(QLatin1Char('a')), 3000 - 1400);
    }

    // The server process is frozen (SIGSTOP): with the default options the
    // client says Offline within 10 s, and is back Online once it thaws.
    void aFrozenServerIsShownOfflineWithinTenSeconds()
    {
        auto c = std::make_unique<SyncClient>();
        SyncClient::Options o;
        o.url = m_url;
        o.projectId = m_projectId;
        o.token = m_token;
        o.name = QStringLiteral("Ada");
        o.workingCopy = newWorkingCopy();
        o.mirrorFiles = false;
        o.minBackoffMs = 50;
        o.maxBackoffMs = 500;
        QVERIFY(c->open(o).ok());
        QTRY_VERIFY_WITH_TIMEOUT(c->isSynchronized(), 10000);
        QVERIFY(::kill(pid_t(m_server.processId()), SIGSTOP) == 0);
        auto thaw = qScopeGuard([this] { ::kill(pid_t(m_server.processId()), SIGCONT); });
        QElapsedTimer frozen;
        frozen.start();
        QTRY_VERIFY_WITH_TIMEOUT(c->state() != SyncClient::State::Online, 12000);
        qInfo("offline %lld ms after the freeze", frozen.elapsed());
        QVERIFY(frozen.elapsed() <= 10000);
        ::kill(pid_t(m_server.processId()), SIGCONT);
        QTRY_VERIFY_WITH_TIMEOUT(c->isSynchronized(), 20000);
    }

    // A working copy copied with its .coauthor folder gets its own clientId
    // (so the server never sees two clients as one), keeps its unsent edits
    // and sends them; the same folder opened twice is refused.
    void aCopiedWorkingCopyGetsItsOwnClientId()
    {
        const QString original = newWorkingCopy();
        QString docId;
        QString originalId;
        {
            auto a = client(original, QStringLiteral("Ada"));
            QVERIFY(a);
            QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
            docId = createDoc(*a, QStringLiteral("copied.tex"), QStringLiteral("base\n"));
            QVERIFY(!docId.isEmpty());
            originalId = a->clientId();
            auto second = test::openTestClient(m_url, m_projectId, m_token, original, QStringLiteral("Ada again"), false);
            QVERIFY(!second); // in use
            a->setWorkOffline(true);
            QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::insert(5, QStringLiteral("unsent\n"))})).ok());
        }
        const QString copied = newWorkingCopy();
        QVERIFY(QDir().mkpath(copied + QStringLiteral("/.coauthor")));
        QDirIterator files(original + QStringLiteral("/.coauthor"), QDir::Files | QDir::Hidden);
        while (files.hasNext()) {
            const QString from = files.next();
            if (!from.endsWith(QStringLiteral(".lock")))
                QVERIFY(QFile::copy(from, copied + QStringLiteral("/.coauthor/") + QFileInfo(from).fileName()));
        }
        auto b = client(copied, QStringLiteral("Copy"));
        QVERIFY(b);
        QVERIFY(b->clientId() != originalId);
        QVERIFY(!b->journal().copiedFrom().isEmpty());
        QCOMPARE(b->document(docId)->text(), QStringLiteral("base\nunsent\n"));
        QTRY_VERIFY_WITH_TIMEOUT(b->isSynchronized(), 20000);
        QCOMPARE(serverText(docId), QStringLiteral("base\nunsent\n"));
        const QString copyId = b->clientId();
        b.reset();
        // Its id stays its own on the next open; the original keeps its own.
        b = client(copied, QStringLiteral("Copy"));
        QVERIFY(b);
        QCOMPARE(b->clientId(), copyId);
        auto a = client(original, QStringLiteral("Ada"));
        QVERIFY(a);
        QCOMPARE(a->clientId(), originalId);
    }
};

QTEST_GUILESS_MAIN(TestSyncClientRecovery)
#include "tst_syncclient_recovery.moc"
