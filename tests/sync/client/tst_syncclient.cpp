// SyncClient end to end against the real server (in-process CoauthorServer and
// the coauthor-server binary, a real redis-server, real SQLite, real
// QWebSocket): concurrent edits with dropped connections converge, 1,000
// offline edits survive a restart of the client (and a kill -9 of the server)
// and merge exactly once, and the working copy folders mirror the project.

#include "sync/client/projectmirror.h"
#include "sync/client/syncclient.h"
#include "sync/docstore/docstore.h"
#include "sync/redis/redisserverprocess.h"
#include "sync/server/coauthorserver.h"
#include "serverprocess.h"
#include "syncclienttestutil.h"
#include "testclient.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>
#include <unistd.h>

using namespace coauthor::sync;
using coauthor::test::readText;
using coauthor::sync::test::converged;
using ot::Component;
using ot::TextOperation;
using coauthor::sync::test::insertLine;

namespace {

TextOperation randomEdit(QRandomGenerator &rng, const QString &text, const QString &tag)
{
    if (text.size() > 20 && rng.bounded(3) == 0) {
        const qsizetype p = rng.bounded(text.size() - 1);
        const qsizetype n = qMin<qsizetype>(1 + rng.bounded(4), text.size() - p);
        return TextOperation({Component::erase(p, text.mid(p, n))});
    }
    return TextOperation({Component::insert(rng.bounded(text.size() + 1), tag)});
}

// What a receiver shows of one collaborator's caret, as the app's overlay
// does: set by each presence, then moved by every later change of the
// receiver's text (remote ops; local edits through moveThrough()), a caret
// staying before text inserted exactly at it.
class ShownCaret
{
public:
    ShownCaret(SyncClient &receiver, const QString &docId)
        : m_receiver(&receiver)
        , m_docId(docId)
    {
        QObject::connect(&receiver, &SyncClient::presenceChanged, &m_context,
                         [this](const QString &userId, const QString &, const QString &, const QString &docId,
                                qint64 position, qint64) {
                             if (userId != m_userId || docId != m_docId)
                                 return;
                             m_position = position;
                             // Whether the receiver had unacked edits of its own then.
                             m_shownWithUnacked = m_receiver->document(docId) && m_receiver->document(docId)->ot().hasUnacked();
                             ++m_presences;
                         });
        QObject::connect(&receiver, &SyncClient::remoteOperation, &m_context,
                         [this](const QString &docId, const TextOperation &op) {
                             if (docId == m_docId) {
                                 moveThrough(op);
                                 ++m_remoteOps;
                             }
                         });
    }

    void setUser(const QString &userId) { m_userId = userId; }
    void moveThrough(const TextOperation &op)
    {
        if (m_position >= 0)
            m_position = ot::transformPosition(m_position, op, false);
    }
    qint64 position() const { return m_position; }
    int presences() const { return m_presences; }
    int remoteOps() const { return m_remoteOps; }
    bool shownWithUnacked() const { return m_shownWithUnacked; }

private:
    QObject m_context; // the connections end with this
    SyncClient *m_receiver;
    QString m_docId;
    QString m_userId;
    qint64 m_position = -1;
    int m_presences = 0;
    int m_remoteOps = 0;
    bool m_shownWithUnacked = false;
};

} // namespace

class TestSyncClient : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    std::unique_ptr<CoauthorServer> m_server;
    QString m_projectId;
    QString m_token;
    QUrl m_url;
    int m_copies = 0;

    std::unique_ptr<SyncClient> client(const QString &workingCopy, const QString &name, bool mirror = true)
    {
        return test::openTestClient(m_url, m_projectId, m_token, workingCopy, name, mirror);
    }

    QString newWorkingCopy()
    {
        return m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies));
    }

    // Creates a doc through c and waits until c has it.
    QString createDoc(SyncClient &c, const QString &path, const QString &text)
    {
        c.createDoc(path, text);
        QString id;
        const bool found = QTest::qWaitFor([&] {
            id = c.docIdForPath(path);
            return !id.isEmpty();
        }, 10000);
        return found ? id : QString();
    }

    // The doc as the server has it, through a fresh client.
    QString serverText(const QString &docId)
    {
        auto observer = client(newWorkingCopy(), QStringLiteral("observer"), false);
        if (!observer || !QTest::qWaitFor([&] { return observer->isSynchronized() && observer->document(docId); }, 20000))
            return QStringLiteral("<no server text>");
        return observer->document(docId)->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_redis.start(m_dir.filePath(QStringLiteral("redis")), true);
        QVERIFY2(started, started ? "" : qPrintable(started.error()));
        ServerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(QStringLiteral("server"));
        config.redisUrl = m_redis.url();
        m_server = std::make_unique<CoauthorServer>();
        auto running = m_server->start(config);
        QVERIFY2(running, running ? "" : qPrintable(running.error()));
        auto project = m_server->docstore()->createProject(QStringLiteral("Client test"));
        QVERIFY(project);
        m_projectId = project.value().id;
        m_token = m_server->docstore()->createToken(m_projectId, Role::ReadWrite).value();
        m_url = QUrl(m_server->url());
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->stop(5000);
        m_redis.stop();
    }

    void diffIsOneReplace()
    {
        const QString before = QStringLiteral("hello brave world");
        const QString after = QStringLiteral("hello new world");
        auto applied = ot::apply(before, ProjectMirror::diff(before, after));
        QVERIFY(applied.ok());
        QCOMPARE(applied.value(), after);
        QVERIFY(ProjectMirror::diff(before, before).isNoop());
        // A surrogate pair is never split.
        const QString a = QStringLiteral("x\U0001F600y");
        const QString b = QStringLiteral("x\U0001F601y");
        const TextOperation op = ProjectMirror::diff(a, b);
        QCOMPARE(ot::apply(a, op).value(), b);
        QCOMPARE(op.components().first().text.size(), 2);
    }

    void randomEditsWithDisconnectsConverge()
    {
        const quint32 seed = 31337;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"));
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"));
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->state() == SyncClient::State::Online && b->state() == SyncClient::State::Online, 10000);
        const QString docId = createDoc(*a, QStringLiteral("random.tex"), QStringLiteral("\\section{Random}\n"));
        QVERIFY(!docId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);

        int disconnects = 0;
        for (int i = 0; i < 400; ++i) {
            SyncClient &c = rng.bounded(2) ? *a : *b;
            const SharedDocument *doc = c.document(docId);
            if (doc) {
                const QString tag = QStringLiteral("%1%2 ").arg(&c == a.get() ? QLatin1Char('a') : QLatin1Char('b')).arg(i);
                QVERIFY(c.applyLocalEdit(docId, randomEdit(rng, doc->text(), tag)).ok());
            }
            if (rng.bounded(60) == 0) {
                c.abortConnection();
                ++disconnects;
            }
            if (rng.bounded(4) == 0)
                QTest::qWait(rng.bounded(15));
            else
                QCoreApplication::processEvents();
        }
        qInfo("%d forced disconnects", disconnects);
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 60000);
        const QString text = a->document(docId)->text();
        QCOMPARE(serverText(docId), text);
        // Both working copies hold the text on disk too.
        QTRY_COMPARE_WITH_TIMEOUT(readText(a->journal().directory() + QStringLiteral("/../random.tex")), text, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(readText(b->journal().directory() + QStringLiteral("/../random.tex")), text, 5000);
    }

    void thousandOfflineEditsSurviveClientRestart()
    {
        const quint32 seed = 4242;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        const QString copyA = newWorkingCopy();
        auto a = client(copyA, QStringLiteral("Ada"));
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"));
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->state() == SyncClient::State::Online && b->state() == SyncClient::State::Online, 10000);
        const QString docId = createDoc(*a, QStringLiteral("offline.tex"), QStringLiteral("start\n"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);

        QStringList lines;
        a->setWorkOffline(true);
        QTRY_COMPARE(a->state(), SyncClient::State::Offline);
        for (int i = 0; i < 1000; ++i) {
            const QString line = QStringLiteral("[A%1]").arg(i);
            lines.append(line);
            QVERIFY(a->applyLocalEdit(docId, insertLine(rng, a->document(docId)->text(), line)).ok());
        }
        for (int i = 0; i < 100; ++i) {
            const QString line = QStringLiteral("[B%1]").arg(i);
            lines.append(line);
            QVERIFY(b->applyLocalEdit(docId, insertLine(rng, b->document(docId)->text(), line)).ok());
            if (i % 10 == 0)
                QCoreApplication::processEvents();
        }
        const QString offlineText = a->document(docId)->text();
        a.reset(); // quit the app while offline

        a = client(copyA, QStringLiteral("Ada"));
        QVERIFY(a);
        QVERIFY(a->document(docId));
        QCOMPARE(a->document(docId)->text(), offlineText); // restored before any connection
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 60000);
        const QString text = a->document(docId)->text();
        for (const QString &line : std::as_const(lines))
            QCOMPARE(text.count(line + QLatin1Char('\n')), 1);
        QCOMPARE(serverText(docId), text);
    }

    void binaryFilesAndTreeChangesAreMirrored()
    {
        const QString copyA = newWorkingCopy();
        const QString copyB = newWorkingCopy();
        auto a = client(copyA, QStringLiteral("Ada"));
        auto b = client(copyB, QStringLiteral("Bo"));
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->state() == SyncClient::State::Online && b->state() == SyncClient::State::Online, 10000);

        QByteArray png(40000, Qt::Uninitialized);
        QRandomGenerator rng(9);
        for (char &c : png)
            c = char(rng.bounded(256));
        a->uploadFile(QStringLiteral("figures/plot.png"), png);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(copyB + QStringLiteral("/figures/plot.png")).size() == png.size(), 10000);
        QFile f(copyB + QStringLiteral("/figures/plot.png"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), png);

        const QString docId = createDoc(*a, QStringLiteral("chapters/one.tex"), QStringLiteral("One\n"));
        QTRY_COMPARE_WITH_TIMEOUT(readText(copyB + QStringLiteral("/chapters/one.tex")), QStringLiteral("One\n"), 10000);
        a->rename(docId, QStringLiteral("chapters/first.tex"));
        QTRY_COMPARE_WITH_TIMEOUT(readText(copyB + QStringLiteral("/chapters/first.tex")), QStringLiteral("One\n"), 10000);
        QVERIFY(!QFileInfo::exists(copyB + QStringLiteral("/chapters/one.tex")));

        // Another program edits the file in B's folder: A gets the edit.
        {
            QFile out(copyB + QStringLiteral("/chapters/first.tex"));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write("One, edited elsewhere\n");
        }
        QTRY_COMPARE_WITH_TIMEOUT(a->document(docId)->text(), QStringLiteral("One, edited elsewhere\n"), 10000);

        a->remove(docId);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(copyB + QStringLiteral("/chapters/first.tex")), 10000);
        QVERIFY(!b->document(docId));
    }

    void presenceReachesOthers()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"), false);
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"), false);
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && b->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("presence.tex"), QStringLiteral("Some text here\n"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);
        QSignalSpy presence(b.get(), &SyncClient::presenceChanged);
        a->sendCursor(docId, 9, 5);
        QTRY_VERIFY_WITH_TIMEOUT(!presence.isEmpty(), 10000);
        const QList<QVariant> args = presence.takeLast();
        QCOMPARE(args.at(0).toString(), a->userId());
        QCOMPARE(args.at(1).toString(), QStringLiteral("Ada"));
        QCOMPARE(args.at(3).toString(), docId);
        QCOMPARE(args.at(4).toLongLong(), 9);
        QCOMPARE(args.at(5).toLongLong(), 5);
        QSignalSpy left(b.get(), &SyncClient::userLeft);
        const QString userA = a->userId();
        a.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!left.isEmpty(), 10000);
        QCOMPARE(left.first().first().toString(), userA);
    }

    // A types "x" and sends its caret at once: the caret must not be shown
    // where it was before the insert reached the receiver. Then a raw protocol
    // client sends its cursor at the version its update will make before the
    // update is applied (the server handles cursors at once, updates after a
    // Redis round trip): the receiver holds it until it has that version.
    void presenceOvertakingAnUpdateLandsAfterTheTypedText()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"), false);
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"), false);
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && b->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("overtake.tex"), QStringLiteral("0123456789abcdefghij\n"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);

        ShownCaret shownA(*b, docId);
        shownA.setUser(a->userId());
        for (int round = 0; round < 5; ++round) {
            const qint64 at = 10 + round;
            QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::insert(at, QStringLiteral("x"))})).ok());
            a->sendCursor(docId, at + 1, at + 1);
            QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId) && shownA.presences() == round + 1, 10000);
            QTest::qWait(50); // anything late would land now
            QCOMPARE(shownA.position(), at + 1);
        }
        QCOMPARE(b->document(docId)->text().mid(10, 6), QStringLiteral("xxxxxa"));

        test::TestClient raw(m_url.toString(), m_projectId, m_token, QStringLiteral("raw-overtaker"), QStringLiteral("Raw"));
        const QJsonObject welcome = raw.connectAndHello();
        QCOMPARE(welcome.value(QStringLiteral("type")).toString(), QStringLiteral("welcome"));
        QVERIFY(raw.joinDoc(docId));
        ShownCaret shownRaw(*b, docId);
        shownRaw.setUser(welcome.value(QStringLiteral("userId")).toString());
        for (int round = 0; round < 3; ++round) {
            const qint64 v = raw.version();
            raw.edit(TextOperation({Component::insert(3, QStringLiteral("yy"))}));
            raw.sendObject(QJsonObject{{QStringLiteral("type"), QStringLiteral("cursor")},
                                       {QStringLiteral("doc"), docId},
                                       {QStringLiteral("position"), 5},
                                       {QStringLiteral("anchor"), 5},
                                       {QStringLiteral("v"), double(v + 1)}});
            QTRY_VERIFY_WITH_TIMEOUT(shownRaw.presences() == round + 1 && b->document(docId)->version() == v + 1, 10000);
            QVERIFY(raw.waitFor([&] { return raw.isIdle(); }));
            QTest::qWait(50);
            QCOMPARE(shownRaw.position(), 5);
            QCOMPARE(b->document(docId)->text().mid(3, 2), QStringLiteral("yy"));
        }
    }

    // The receiver has unacked edits before the collaborator's caret when the
    // caret arrives (here in joinProject's users list, right after a
    // reconnect and before its edit is resent): the caret lands on the same
    // character as the collaborator's.
    void presenceLandsRightDespiteOurUnackedEdits()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"), false);
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"), false);
        auto observer = client(newWorkingCopy(), QStringLiteral("Observer"), false);
        QVERIFY(a && b && observer);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && b->isSynchronized() && observer->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("unacked.tex"), QStringLiteral("The quick brown fox\n"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId) && observer->document(docId), 10000);

        b->setWorkOffline(true);
        QTRY_COMPARE(b->state(), SyncClient::State::Offline);
        QVERIFY(b->applyLocalEdit(docId, TextOperation({Component::insert(4, QStringLiteral("very "))})).ok());
        QVERIFY(b->applyLocalEdit(docId, TextOperation({Component::insert(0, QStringLiteral(">> "))})).ok());
        QSignalSpy seen(observer.get(), &SyncClient::presenceChanged);
        a->sendCursor(docId, 11, 15); // "rown" selected, the caret after the "b"
        QTRY_VERIFY_WITH_TIMEOUT(!seen.isEmpty(), 10000); // the server has it

        ShownCaret shownA(*b, docId);
        shownA.setUser(a->userId());
        QSignalSpy presence(b.get(), &SyncClient::presenceChanged);
        b->setWorkOffline(false);
        QTRY_VERIFY_WITH_TIMEOUT(shownA.presences() == 1, 10000);
        QVERIFY(shownA.shownWithUnacked());
        QCOMPARE(shownA.position(), 19);
        QCOMPARE(presence.first().at(5).toLongLong(), 23);
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);
        QCOMPARE(b->document(docId)->text(), QStringLiteral(">> The very quick brown fox\n"));
        QCOMPARE(b->document(docId)->text().mid(shownA.position(), 4), QStringLiteral("rown"));
    }

    // A caret made at a version we are past (others' ops and our own acked
    // ops came since) is moved through the server ops since that version; one
    // older than the history kept is only kept inside the text.
    void presenceFromAnOlderVersionIsMovedThroughLaterOps()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"), false);
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"), false);
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && b->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("history.tex"), QStringLiteral("alpha beta gamma\n"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);
        test::TestClient raw(m_url.toString(), m_projectId, m_token, QStringLiteral("raw-late"), QStringLiteral("Raw"));
        const QJsonObject welcome = raw.connectAndHello();
        QVERIFY(raw.joinDoc(docId));
        const qint64 v = raw.version();
        ShownCaret shown(*b, docId);
        shown.setUser(welcome.value(QStringLiteral("userId")).toString());
        const auto sendRawCursor = [&](qint64 position, qint64 version) {
            raw.sendObject(QJsonObject{{QStringLiteral("type"), QStringLiteral("cursor")},
                                       {QStringLiteral("doc"), docId},
                                       {QStringLiteral("position"), double(position)},
                                       {QStringLiteral("anchor"), double(position)},
                                       {QStringLiteral("v"), double(version)}});
        };

        // Our own acked op, someone else's, ours again: all before "gamma".
        QVERIFY(b->applyLocalEdit(docId, TextOperation({Component::insert(0, QStringLiteral("1 "))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);
        QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::erase(2, QStringLiteral("alpha "))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);
        QVERIFY(b->applyLocalEdit(docId, TextOperation({Component::insert(2, QStringLiteral("22 "))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);
        QCOMPARE(b->document(docId)->version(), v + 3);
        sendRawCursor(11, v); // before "gamma" in "alpha beta gamma"
        QTRY_COMPARE_WITH_TIMEOUT(shown.presences(), 1, 10000);
        QCOMPARE(b->document(docId)->text().mid(shown.position(), 5), QStringLiteral("gamma"));

        // Past the history kept (each op acked before the next, so that they
        // are separate server ops): as sent, kept inside the text.
        for (qsizetype i = 0; i < SyncClient::historyLength; ++i) {
            raw.edit(TextOperation({Component::insert(0, QStringLiteral("."))}));
            QVERIFY(raw.waitFor([&] { return raw.isIdle(); }));
        }
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 20000);
        sendRawCursor(11, v);
        QTRY_COMPARE_WITH_TIMEOUT(shown.presences(), 2, 10000);
        QCOMPARE(shown.position(), 11);
        sendRawCursor(1000000, v);
        QTRY_COMPARE_WITH_TIMEOUT(shown.presences(), 3, 10000);
        QCOMPARE(shown.position(), b->document(docId)->text().size());
    }

    // Both type with random delays, each sending its caret after every edit
    // (the app throttles; the client holds a caret until its edits are acked).
    // Once quiet, each shows the other's caret exactly where it is.
    void randomTypingShowsExactCarets()
    {
        const quint32 seed = 20261123;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"), false);
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"), false);
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && b->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("carets.tex"), QStringLiteral("Two people typing at once.\n"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);

        struct Side
        {
            SyncClient *client;
            qint64 caret = 0; // the real caret: past what it types, before what others insert at it
        };
        Side sides[2] = {{a.get(), 0}, {b.get(), 20}};
        ShownCaret shownAatB(*b, docId);
        shownAatB.setUser(a->userId());
        ShownCaret shownBatA(*a, docId);
        shownBatA.setUser(b->userId());
        ShownCaret *shownOnSide[2] = {&shownBatA, &shownAatB};
        QObject context;
        for (Side &side : sides) {
            QObject::connect(side.client, &SyncClient::remoteOperation, &context,
                             [&side, docId](const QString &id, const TextOperation &op) {
                                 if (id == docId)
                                     side.caret = ot::transformPosition(side.caret, op, false);
                             });
        }
        for (int i = 0; i < 120; ++i) {
            const int who = int(rng.bounded(2));
            Side &side = sides[who];
            const QString text = side.client->document(docId)->text();
            if (rng.bounded(5) == 0)
                side.caret = rng.bounded(int(text.size()) + 1);
            TextOperation op;
            if (side.caret > 0 && rng.bounded(4) == 0) {
                const qint64 n = qMin<qint64>(1 + rng.bounded(3), side.caret);
                op = TextOperation({Component::erase(side.caret - n, text.mid(side.caret - n, n))});
                side.caret -= n;
            } else {
                const QString typed = QStringLiteral("%1%2 ").arg(who ? QLatin1Char('b') : QLatin1Char('a')).arg(i);
                op = TextOperation({Component::insert(side.caret, typed)});
                side.caret += typed.size();
            }
            QVERIFY(side.client->applyLocalEdit(docId, op).ok());
            shownOnSide[who]->moveThrough(op);
            side.client->sendCursor(docId, side.caret, side.caret);
            QTest::qWait(int(rng.bounded(25)));
        }
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(shownAatB.position(), sides[0].caret, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(shownBatA.position(), sides[1].caret, 5000);
        QTest::qWait(100); // nothing late moves them
        QCOMPARE(shownAatB.position(), sides[0].caret);
        QCOMPARE(shownBatA.position(), sides[1].caret);
        qInfo("%d and %d presences shown", shownAatB.presences(), shownBatA.presences());
    }

    // An op the server refuses (the doc would pass 2 MiB): the client reports
    // it, keeps its text as a conflict copy (tst_syncclient_recovery) and
    // reloads the doc, so it never carries on diverged.
    void rejectedUpdateReloadsDoc()
    {
        auto a = client(newWorkingCopy(), QStringLiteral("Ada"), false);
        QVERIFY(a);
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
        const QString docId = createDoc(*a, QStringLiteral("big.tex"), QStringLiteral("small\n"));
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && a->document(docId), 10000);
        QSignalSpy rejected(a.get(), &SyncClient::updateError);
        QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::insert(0, QString(2 * 1024 * 1024 + 10, QLatin1Char('x')))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(!rejected.isEmpty(), 10000);
        qInfo() << "rejected with" << rejected.first().at(1).toString();
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && a->document(docId), 10000);
        QCOMPARE(a->document(docId)->text(), QStringLiteral("small\n"));
        // Still usable afterwards.
        QVERIFY(a->applyLocalEdit(docId, TextOperation({Component::insert(0, QStringLiteral("% "))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
        QCOMPARE(serverText(docId), QStringLiteral("% small\n"));
    }

    // A server that accepts the TCP connection and then says nothing: the dead
    // connection timeout drops it and the client keeps retrying with backoff;
    // its docs stay editable offline meanwhile.
    void silentServerIsDroppedAndRetried()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        int connections = 0;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (silent.hasPendingConnections()) {
                silent.nextPendingConnection()->setParent(&silent);
                ++connections;
            }
        });
        SyncClient c;
        SyncClient::Options o;
        o.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(silent.serverPort()));
        o.projectId = m_projectId;
        o.token = m_token;
        o.workingCopy = newWorkingCopy();
        o.deadTimeoutMs = 300;
        o.minBackoffMs = 50;
        o.maxBackoffMs = 200;
        QSignalSpy states(&c, &SyncClient::stateChanged);
        QVERIFY(c.open(o).ok());
        QTRY_VERIFY_WITH_TIMEOUT(connections >= 3, 10000);
        QVERIFY(states.contains(QVariantList{QVariant::fromValue(SyncClient::State::Offline)}));
        QVERIFY(c.state() != SyncClient::State::Online);
    }

    // The client process is killed (-9) right after 500 offline edits were
    // made (journaled): a new client on the same working copy merges them all.
    void offlineEditsSurviveClientKill()
    {
        const QString copy = newWorkingCopy();
        QString docId;
        {
            auto a = client(copy, QStringLiteral("Ada"));
            QVERIFY(a);
            QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized(), 10000);
            docId = createDoc(*a, QStringLiteral("killed.tex"), QStringLiteral("start\n"));
            QTRY_VERIFY_WITH_TIMEOUT(a->isSynchronized() && a->document(docId), 10000);
        }
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COAUTHOR_SYNCCLIENT_CHILD"), copy + QLatin1Char('\n') + docId);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        auto a = client(copy, QStringLiteral("Ada"));
        QVERIFY(a);
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"), false);
        QVERIFY(b);
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 60000);
        const QString text = b->document(docId)->text();
        for (int i = 0; i < 500; ++i)
            QCOMPARE(text.count(QStringLiteral("[K%1]\n").arg(i)), 1);
    }

    // The same offline session, with the server process killed (-9) while the
    // client is away and restarted on the same data and Redis.
    void offlineEditsSurviveServerKill()
    {
        const quint32 seed = 777;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        const QString dataDir = m_dir.filePath(QStringLiteral("server-binary"));
        // Its own Redis: a server flushes every doc it finds in Redis on exit.
        RedisServerProcess redis;
        auto redisStarted = redis.start(m_dir.filePath(QStringLiteral("redis-binary")), true);
        QVERIFY2(redisStarted, redisStarted ? "" : qPrintable(redisStarted.error()));
        const test::CreatedProject created =
            test::createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("Killed"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        const QString projectId = created.id;
        const QString token = created.token;

        const quint16 port = test::freeLoopbackPort();
        auto startServer = [&] {
            auto p = std::make_unique<QProcess>();
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            if (!test::startServer(*p, QStringLiteral(COAUTHOR_SERVER_BINARY), port, dataDir, {QStringLiteral("--redis"), redis.url()}))
                return std::unique_ptr<QProcess>();
            return p;
        };
        auto server = startServer();
        QVERIFY(server);

        const QUrl savedUrl = m_url;
        const QString savedProject = m_projectId;
        const QString savedToken = m_token;
        m_url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
        m_projectId = projectId;
        m_token = token;
        auto restore = qScopeGuard([&] {
            m_url = savedUrl;
            m_projectId = savedProject;
            m_token = savedToken;
        });

        const QString copyA = newWorkingCopy();
        auto a = client(copyA, QStringLiteral("Ada"));
        auto b = client(newWorkingCopy(), QStringLiteral("Bo"));
        QVERIFY(a && b);
        QTRY_VERIFY_WITH_TIMEOUT(a->state() == SyncClient::State::Online && b->state() == SyncClient::State::Online, 10000);
        const QString docId = createDoc(*a, QStringLiteral("main.tex"), QStringLiteral("start\n"));
        QVERIFY(!docId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 10000);

        QStringList lines;
        a->setWorkOffline(true);
        for (int i = 0; i < 1000; ++i) {
            const QString line = QStringLiteral("[A%1]").arg(i);
            lines.append(line);
            QVERIFY(a->applyLocalEdit(docId, insertLine(rng, a->document(docId)->text(), line)).ok());
        }
        a.reset();
        // B keeps editing; some of its ops are in flight at the kill.
        for (int i = 0; i < 60; ++i) {
            const QString line = QStringLiteral("[B%1]").arg(i);
            lines.append(line);
            QVERIFY(b->applyLocalEdit(docId, insertLine(rng, b->document(docId)->text(), line)).ok());
            QTest::qWait(i < 50 ? 5 : 0);
        }
        // Acked ops are in Redis's AOF (fsync every second) before the kill.
        QTest::qWait(1200);
        server->kill();
        server->waitForFinished(5000);
        for (int i = 60; i < 80; ++i) {
            const QString line = QStringLiteral("[B%1]").arg(i);
            lines.append(line);
            QVERIFY(b->applyLocalEdit(docId, insertLine(rng, b->document(docId)->text(), line)).ok());
        }
        server = startServer();
        QVERIFY(server);
        a = client(copyA, QStringLiteral("Ada"));
        QVERIFY(a);
        QTRY_VERIFY_WITH_TIMEOUT(converged(*a, *b, docId), 60000);
        const QString text = a->document(docId)->text();
        for (const QString &line : std::as_const(lines))
            QCOMPARE(text.count(line + QLatin1Char('\n')), 1);
        QCOMPARE(serverText(docId), text);
        a.reset();
        b.reset();
        server->terminate();
        server->waitForFinished(20000);
    }
};

// The child of offlineEditsSurviveClientKill: offline edits, then SIGKILL.
static int crashingChild(const QString &spec)
{
    const QStringList parts = spec.split(QLatin1Char('\n'));
    SyncClient c;
    c.setWorkOffline(true);
    SyncClient::Options o;
    o.url = QUrl(QStringLiteral("ws://127.0.0.1:1/"));
    o.workingCopy = parts.at(0);
    if (!c.open(o).ok() || !c.document(parts.at(1)))
        return 2;
    QRandomGenerator rng(11);
    for (int i = 0; i < 500; ++i) {
        const QString line = QStringLiteral("[K%1]").arg(i);
        if (!c.applyLocalEdit(parts.at(1), insertLine(rng, c.document(parts.at(1))->text(), line)).ok())
            return 3;
    }
    c.journal().flush(); // the edits are made
    ::kill(::getpid(), SIGKILL);
    return 4;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString child = qEnvironmentVariable("COAUTHOR_SYNCCLIENT_CHILD");
    if (!child.isEmpty())
        return crashingChild(child);
    TestSyncClient test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_syncclient.moc"
