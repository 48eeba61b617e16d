// ProjectFiles: path validation, tree changes published on the project channel to
// every instance, the upload size limit, and deleted docs leaving Redis.
#include "tests/sync/storetestutil.h"

#include "sync/docstore/docstore.h"
#include "sync/docupdater/documentupdater.h"
#include "sync/docupdater/projectfiles.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::testing;

class TestProjectFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_redis.start(m_redisDir.path());
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
    }

    void validatesPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected"); // empty: invalid
        QTest::newRow("plain") << "main.tex" << "main.tex";
        QTest::newRow("nested") << "a/b/c.tex" << "a/b/c.tex";
        QTest::newRow("trailing slash") << "figures/" << "figures";
        QTest::newRow("unicode") << "kapitel/einführung.tex" << "kapitel/einführung.tex";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("absolute") << "/etc/passwd" << "";
        QTest::newRow("dotdot") << "a/../../x" << "";
        QTest::newRow("dot") << "./x" << "";
        QTest::newRow("empty segment") << "a//b" << "";
        QTest::newRow("backslash") << "a\\b" << "";
        QTest::newRow("control") << QStringLiteral("a\nb") << "";
        QTest::newRow("too long") << QString(1100, QLatin1Char('a')) << "";
    }

    void validatesPaths()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        auto r = ProjectFiles::normalizePath(path);
        if (expected.isEmpty()) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QStringLiteral("invalid_path"));
        } else {
            QCOMPARE(r.value(), expected);
        }
    }

    void treeChangesReachEveryInstance()
    {
        QTemporaryDir data;
        RedisClient redisA, redisB;
        redisA.connectTo(m_redis.url());
        redisB.connectTo(m_redis.url());
        QVERIFY(waitConnected(redisA) && waitConnected(redisB));
        auto storeA = Docstore::open(QString(), data.path()).takeValue();
        auto storeB = Docstore::open(QString(), data.path()).takeValue();
        DocumentUpdater updaterA(&redisA, storeA.get());
        DocumentUpdater updaterB(&redisB, storeB.get());
        ProjectFiles filesA(storeA.get(), &updaterA);
        const QString p = storeA->createProject(QStringLiteral("P")).value().id;

        QSignalSpy subscribedB(&redisB, &RedisClient::subscribed);
        updaterB.subscribeProject(p);
        QTRY_VERIFY(!subscribedB.isEmpty());
        QSignalSpy seenByB(&updaterB, &DocumentUpdater::projectMessage);

        auto doc = filesA.createDoc(p, QStringLiteral("chapters/intro.tex"), QStringLiteral("Hello"));
        QVERIFY(doc.ok());
        QCOMPARE(filesA.createDoc(p, QStringLiteral("chapters/intro.tex")).error().code, QStringLiteral("path_exists"));
        QCOMPARE(filesA.createDoc(p, QStringLiteral("../x.tex")).error().code, QStringLiteral("invalid_path"));
        auto folder = storeA->entries(p).value().at(0);
        QCOMPARE(folder.path, QStringLiteral("chapters"));
        QVERIFY(filesA.rename(p, folder.id, QStringLiteral("parts")).ok());
        const QByteArray image(1000, '\x42');
        auto file = filesA.uploadFile(p, QStringLiteral("figures/plot.png"), image);
        QVERIFY(file.ok());
        QCOMPARE(filesA.downloadFile(p, file.value().id).value(), image);
        filesA.setMaxFileBytes(100);
        QCOMPARE(filesA.uploadFile(p, QStringLiteral("big.png"), image).error().code, QStringLiteral("file_too_large"));
        QVERIFY(filesA.remove(p, doc.value().id).ok());

        QTRY_COMPARE(seenByB.size(), 4);
        auto message = [&](int i) { return seenByB.at(i).at(1).toJsonObject(); };
        QCOMPARE(seenByB.at(0).at(0).toString(), p);
        QCOMPARE(message(0).value(QStringLiteral("type")).toString(), QStringLiteral("treeChanged"));
        QCOMPARE(message(0).value(QStringLiteral("change")).toString(), QStringLiteral("created"));
        QCOMPARE(message(0).value(QStringLiteral("entries")).toArray().at(0).toObject().value(QStringLiteral("path")).toString(),
                 QStringLiteral("chapters/intro.tex"));
        QCOMPARE(message(1).value(QStringLiteral("change")).toString(), QStringLiteral("renamed"));
        QCOMPARE(message(1).value(QStringLiteral("oldPath")).toString(), QStringLiteral("chapters"));
        QCOMPARE(message(2).value(QStringLiteral("entries")).toArray().at(0).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("file"));
        QCOMPARE(message(3).value(QStringLiteral("change")).toString(), QStringLiteral("removed"));

        // The removed doc is gone for the updater too.
        auto joined = await<DocJoin>([&](auto cb) { updaterB.joinDoc(p, doc.value().id, std::nullopt, cb); });
        QVERIFY(joined && !joined->ok());
        QCOMPARE(joined->error().code, QStringLiteral("unknown_doc"));
    }

private:
    QTemporaryDir m_redisDir;
    RedisServerProcess m_redis;
};

QTEST_GUILESS_MAIN(TestProjectFiles)
#include "tst_projectfiles.moc"
