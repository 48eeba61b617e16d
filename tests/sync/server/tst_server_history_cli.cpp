// coauthor-server history and export through the real binary: a project edited by
// a client through a running server (real Redis, SQLite), stopped (SIGTERM flushes
// it), then its changes and labels listed as text and JSON, and the project written
// as a zip at an old and at the latest version, read back with unzip.
#include "serverprocess.h"
#include "testclient.h"

#include "sync/docstore/docstore.h"
#include "sync/redis/redisserverprocess.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

class TestServerHistoryCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir dir;
    RedisServerProcess redis;
    QString dataDir;
    QString projectId;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run admin(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(COAUTHOR_SERVER_BINARY), args + QStringList{QStringLiteral("--data"), dataDir});
        p.waitForFinished(30000);
        return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    // unzip -p: one file of the archive.
    static QByteArray unzipped(const QString &zip, const QString &path)
    {
        QProcess p;
        p.start(QStringLiteral("unzip"), {QStringLiteral("-p"), zip, path});
        p.waitForFinished(10000);
        return p.readAllStandardOutput();
    }
    static QString listing(const QString &zip)
    {
        QProcess p;
        p.start(QStringLiteral("unzip"), {QStringLiteral("-l"), zip});
        p.waitForFinished(10000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        auto r = redis.start(dir.filePath(QStringLiteral("redis")), true);
        QVERIFY2(r, r ? "" : qPrintable(r.error()));
        dataDir = dir.filePath(QStringLiteral("data"));
        const CreatedProject created = createProject(QStringLiteral(COAUTHOR_SERVER_BINARY), dataDir, QStringLiteral("History"));
        QVERIFY2(created.ok(), qPrintable(created.output));
        projectId = created.id;
        const Run invited = admin({QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--project"), projectId,
                                   QStringLiteral("--name"), QStringLiteral("Alice")});
        QCOMPARE(invited.code, 0);
        const QString token = QRegularExpression(QStringLiteral("token[^:]*: (\\S+)")).match(invited.out).captured(1);
        QVERIFY2(!token.isEmpty(), qPrintable(invited.out));

        const quint16 port = freeLoopbackPort();
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QVERIFY(startServer(server, QStringLiteral(COAUTHOR_SERVER_BINARY), port, dataDir, {QStringLiteral("--redis"), redis.url()}));
        {
            TestClient alice(QStringLiteral("ws://127.0.0.1:%1/").arg(port), projectId, token, QStringLiteral("alice"));
            QVERIFY(!alice.connectAndHello().isEmpty());
            const QString doc = alice.createDoc(QStringLiteral("chapters/intro.tex"), QStringLiteral("First draft.\n")); // 1 folder, 2 doc
            QVERIFY(!doc.isEmpty());
            QVERIFY(alice.joinDoc(doc));
            alice.edit(TextOperation({Component::insert(13, QStringLiteral("More words here.\n"))})); // 3
            QVERIFY(alice.waitFor([&] { return alice.isIdle(); }));
            const QByteArray png("\x89PNG\r\n\x1a\nfigure", 14);
            auto uploaded = alice.request(QJsonObject{{QStringLiteral("type"), QStringLiteral("uploadFile")},
                                                      {QStringLiteral("path"), QStringLiteral("fig.png")},
                                                      {QStringLiteral("data"), QString::fromLatin1(png.toBase64())}}); // 4
            QCOMPARE(uploaded.value(QLatin1String("type")).toString(), QStringLiteral("ok"));
            auto label = alice.request(QJsonObject{{QStringLiteral("type"), QStringLiteral("addLabel")},
                                                   {QStringLiteral("name"), QStringLiteral("First submission")},
                                                   {QStringLiteral("version"), 2}});
            QCOMPARE(label.value(QLatin1String("type")).toString(), QStringLiteral("label"));
        }
        server.terminate();
        QVERIFY(server.waitForFinished(20000));
    }

    void cleanupTestCase() { redis.stop(); }

    void historyListsTheChangesAndLabels()
    {
        const Run text = admin({QStringLiteral("history"), QStringLiteral("--project"), projectId});
        QVERIFY2(text.code == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(QStringLiteral("at version 4: 1 changes, 1 labels")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("chapters/intro.tex  created,edited  +3 -0 words")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("fig.png  created")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("Alice")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("\"First submission\"  version 2")), qPrintable(text.out));

        const Run json = admin({QStringLiteral("history"), QStringLiteral("--project"), projectId, QStringLiteral("--doc"),
                                QStringLiteral("fig.png"), QStringLiteral("--json")});
        QVERIFY2(json.code == 0, qPrintable(json.err));
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o.value(QLatin1String("currentVersion")).toInt(), 4);
        const QJsonArray changes = o.value(QLatin1String("changes")).toArray();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).toObject().value(QLatin1String("authors")).toArray().at(0).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("Alice"));
        QCOMPARE(o.value(QLatin1String("labels")).toArray().at(0).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("First submission"));

        const Run unknown = admin({QStringLiteral("history"), QStringLiteral("--project"), QStringLiteral("nope")});
        QCOMPARE(unknown.code, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("no project")), qPrintable(unknown.err));
        const Run noDoc = admin({QStringLiteral("history"), QStringLiteral("--project"), projectId, QStringLiteral("--doc"),
                                 QStringLiteral("missing.tex")});
        QCOMPARE(noDoc.code, 1);
    }

    void exportWritesTheProjectAsItWas()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
            QSKIP("unzip is not installed (the test reads the archive back with it)");
        const QString latest = dir.filePath(QStringLiteral("latest.zip"));
        const Run now = admin({QStringLiteral("export"), QStringLiteral("--project"), projectId, latest});
        QVERIFY2(now.code == 0, qPrintable(now.err));
        const QString list = listing(latest);
        QVERIFY2(list.contains(QStringLiteral("chapters/intro.tex")) && list.contains(QStringLiteral("fig.png")), qPrintable(list));
        QCOMPARE(unzipped(latest, QStringLiteral("chapters/intro.tex")), QByteArray("First draft.\nMore words here.\n"));
        QCOMPARE(unzipped(latest, QStringLiteral("fig.png")), QByteArray("\x89PNG\r\n\x1a\nfigure", 14));

        const QString old = dir.filePath(QStringLiteral("v2.zip"));
        const Run then = admin({QStringLiteral("export"), QStringLiteral("--project"), projectId, QStringLiteral("--version"),
                                QStringLiteral("2"), old});
        QVERIFY2(then.code == 0, qPrintable(then.err));
        QVERIFY2(!listing(old).contains(QStringLiteral("fig.png")), qPrintable(listing(old)));
        QCOMPARE(unzipped(old, QStringLiteral("chapters/intro.tex")), QByteArray("First draft.\n"));
        QProcess test;
        test.start(QStringLiteral("unzip"), {QStringLiteral("-t"), old});
        QVERIFY(test.waitForFinished(10000));
        QCOMPARE(test.exitCode(), 0);

        const Run future = admin({QStringLiteral("export"), QStringLiteral("--project"), projectId, QStringLiteral("--version"),
                                  QStringLiteral("99"), dir.filePath(QStringLiteral("x.zip"))});
        QCOMPARE(future.code, 1);
        QVERIFY2(future.err.contains(QStringLiteral("version")), qPrintable(future.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.zip"))));
    }
};

QTEST_GUILESS_MAIN(TestServerHistoryCli)
#include "tst_server_history_cli.moc"
