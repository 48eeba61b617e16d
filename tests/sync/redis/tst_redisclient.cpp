// RedisClient against a real redis-server: commands, binary safety, errors,
// scripts, pub/sub, and re-subscription after the server restarts.
#include "tests/sync/storetestutil.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::testing;

class TestRedisClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_redis.start(m_dir.path());
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
        QVERIFY(m_redis.pid() > 0);
        QVERIFY(m_redis.url().startsWith(QLatin1String("redis://127.0.0.1:")));
    }

    void commandsAreBinarySafe()
    {
        RedisClient client;
        client.connectTo(m_redis.url());
        QVERIFY(waitConnected(client));
        const QByteArray value("a\0b\r\nc\xff", 7);
        QVERIFY(redisCommand(client, {"SET", "bin", value}).ok());
        auto got = redisCommand(client, {"GET", "bin"});
        QVERIFY(got.ok());
        QCOMPARE(got.value().string, value);
        auto missing = redisCommand(client, {"GET", "nothing-here"});
        QVERIFY(missing.ok());
        QVERIFY(missing.value().isNil());
        auto n = redisCommand(client, {"INCRBY", "counter", "5"});
        QCOMPARE(n.value().toInteger(), 5);
        auto list = redisCommand(client, {"RPUSH", "l", "x", "y"});
        QVERIFY(list.ok());
        auto range = redisCommand(client, {"LRANGE", "l", "0", "-1"});
        QCOMPARE(range.value().elements.size(), 2);
        QCOMPARE(range.value().elements.at(1).string, QByteArray("y"));
    }

    void errorReplyIsInternalError()
    {
        RedisClient client;
        client.connectTo(m_redis.url());
        QVERIFY(waitConnected(client));
        QVERIFY(redisCommand(client, {"SET", "str", "x"}).ok());
        auto wrong = redisCommand(client, {"LPUSH", "str", "y"});
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, QStringLiteral("internal"));
        QVERIFY(wrong.error().message.contains(QLatin1String("WRONGTYPE")));
    }

    void evalLoadsScriptOnce()
    {
        RedisClient client;
        client.connectTo(m_redis.url());
        QVERIFY(waitConnected(client));
        QVERIFY(redisCommand(client, {"SCRIPT", "FLUSH"}).ok());
        const QByteArray script = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
        for (int i = 1; i <= 3; ++i) {
            auto r = await<RedisReply>([&](auto cb) { client.eval(script, {"evalkey"}, {"2"}, cb); });
            QVERIFY(r && r->ok());
            QCOMPARE(r->value().toInteger(), 2 * i);
        }
    }

    void commandWhileDownFailsAsUnavailable()
    {
        RedisClient client;
        client.connectTo(QStringLiteral("redis://127.0.0.1:1")); // nothing listens there
        QTest::qWait(50);
        auto r = redisCommand(client, {"PING"});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("storage_unavailable"));
    }

    void pubSubResubscribesAfterRestart()
    {
        RedisClient publisher;
        RedisClient subscriber;
        publisher.connectTo(m_redis.url());
        subscriber.connectTo(m_redis.url());
        QVERIFY(waitConnected(publisher));
        QSignalSpy subscribed(&subscriber, &RedisClient::subscribed);
        QSignalSpy messages(&subscriber, &RedisClient::message);
        subscriber.subscribe("chan-a");
        subscriber.subscribe("chan-b");
        QTRY_VERIFY_WITH_TIMEOUT(!subscribed.isEmpty() && subscribed.size() >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(redisCommand(publisher, {"PUBSUB", "NUMSUB", "chan-b"}).value().elements.value(1).toInteger() == 1, 5000);
        QVERIFY(redisCommand(publisher, {"PUBLISH", "chan-b", "hello"}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, 5000);
        QCOMPARE(messages.at(0).at(0).toByteArray(), QByteArray("chan-b"));
        QCOMPARE(messages.at(0).at(1).toByteArray(), QByteArray("hello"));

        // Restart Redis on the same port: both connections drop and come back, and
        // the subscriber subscribes again by itself.
        QSignalSpy lost(&publisher, &RedisClient::disconnected);
        subscribed.clear();
        auto restarted = m_redis.restart();
        QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error()));
        QTRY_VERIFY_WITH_TIMEOUT(!lost.isEmpty(), 5000);
        QVERIFY(waitConnected(publisher));
        QTRY_VERIFY_WITH_TIMEOUT(!subscribed.isEmpty(), 10000);
        QVERIFY(redisCommand(publisher, {"PUBLISH", "chan-a", "again"}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 2, 5000);
        QCOMPARE(messages.at(1).at(1).toByteArray(), QByteArray("again"));

        subscriber.unsubscribe("chan-a");
        QTRY_VERIFY_WITH_TIMEOUT(redisCommand(publisher, {"PUBSUB", "NUMSUB", "chan-a"}).value().elements.value(1).toInteger() == 0, 5000);
    }

    // A Redis with a password (an operator's, shared by instances on several
    // machines): the URL's password is sent as AUTH on both connections and again
    // after every reconnect; a wrong one fails the commands with Redis' reason.
    void aPasswordInTheUrlIsSentOnEveryConnection()
    {
        QTemporaryDir dir;
        RedisServerProcess redis;
        QVERIFY(redis.start(dir.path()).ok());
        {
            RedisClient admin;
            admin.connectTo(redis.url());
            QVERIFY(waitConnected(admin));
            QVERIFY(redisCommand(admin, {"CONFIG", "SET", "requirepass", "s3cr:t/@%"}).ok());
        }
        const QString withPassword = QStringLiteral("redis://:s3cr%3At%2F%40%25@127.0.0.1:%1").arg(redis.port());
        RedisClient publisher;
        RedisClient subscriber;
        publisher.connectTo(withPassword);
        subscriber.connectTo(withPassword);
        QVERIFY(waitConnected(publisher));
        QSignalSpy subscribed(&subscriber, &RedisClient::subscribed);
        QSignalSpy messages(&subscriber, &RedisClient::message);
        subscriber.subscribe("chan");
        QTRY_VERIFY_WITH_TIMEOUT(!subscribed.isEmpty(), 5000);
        auto ping = redisCommand(publisher, {"PING"});
        QVERIFY2(ping.ok(), qPrintable(ping.ok() ? QString() : ping.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(redisCommand(publisher, {"PUBSUB", "NUMSUB", "chan"}).value().elements.value(1).toInteger() == 1, 5000);
        QVERIFY(redisCommand(publisher, {"PUBLISH", "chan", "one"}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, 5000);

        // Every connection cut: both come back, authenticated again.
        QSignalSpy lost(&publisher, &RedisClient::disconnected);
        subscribed.clear();
        redisCommand(publisher, {"CLIENT", "KILL", "TYPE", "pubsub"});
        redisCommand(publisher, {"CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no"}); // itself too
        QTRY_VERIFY_WITH_TIMEOUT(!lost.isEmpty(), 5000);
        QVERIFY(waitConnected(publisher));
        QTRY_VERIFY_WITH_TIMEOUT(!subscribed.isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(redisCommand(publisher, {"PUBSUB", "NUMSUB", "chan"}).value().elements.value(1).toInteger() == 1, 5000);
        QVERIFY(redisCommand(publisher, {"PUBLISH", "chan", "two"}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 2, 5000);

        for (const QString &url : {QStringLiteral("redis://:wrong@127.0.0.1:%1").arg(redis.port()), redis.url()}) {
            RedisClient refused;
            refused.connectTo(url);
            QVERIFY(waitConnected(refused));
            auto r = redisCommand(refused, {"PING"});
            QVERIFY(!r.ok());
            QVERIFY2(r.error().message.contains(QLatin1String("NOAUTH")), qPrintable(r.error().message));
        }
    }

    void serverProcessStops()
    {
        QTemporaryDir dir;
        RedisServerProcess redis;
        QVERIFY(redis.start(dir.path()).ok());
        QVERIFY(redis.isRunning());
        redis.stop();
        QVERIFY(!redis.isRunning());
    }

    // The embedded server's Redis: reachable through a socket only its owner may open,
    // and through nothing else; after a kill it comes back on a new socket, so a
    // predecessor that removes its own socket file cannot take the new one's.
    void unixSocketOnlyServer()
    {
        QTemporaryDir dir;
        RedisServerProcess redis;
        redis.setUnixSocketOnly(true);
        auto started = redis.start(dir.path());
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
        QCOMPARE(redis.port(), quint16(0));
        QCOMPARE(redis.url(), QStringLiteral("unix://") + redis.unixSocketPath());
        const QFileInfo socket(redis.unixSocketPath());
        QVERIFY(socket.exists());
        QCOMPARE(socket.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());

        RedisClient client;
        client.connectTo(redis.url());
        QVERIFY(waitConnected(client));
        QVERIFY(redisCommand(client, {"SET", "k", "v"}).ok());
        auto port = redisCommand(client, {"CONFIG", "GET", "port"});
        QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().message));
        QCOMPARE(port.value().elements.value(1).string, QByteArray("0"));

        redis.kill();
        const QString oldSocket = redis.unixSocketPath();
        auto restarted = redis.restart();
        QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error()));
        QVERIFY(redis.unixSocketPath() != oldSocket);
        QCOMPARE(QFileInfo(redis.unixSocketPath()).path(), QFileInfo(oldSocket).path());
        client.connectTo(redis.url());
        QVERIFY(waitConnected(client));
        const auto valueOfK = [&client] {
            auto got = redisCommand(client, {"GET", "k"});
            return got.ok() ? got.value().string : QByteArray();
        };
        QTRY_COMPARE_WITH_TIMEOUT(valueOfK(), QByteArray("v"), 5000);
    }

private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
};

QTEST_GUILESS_MAIN(TestRedisClient)
#include "tst_redisclient.moc"
