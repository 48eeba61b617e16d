// The history protocol end to end: a real CoauthorServer (real Redis, SQLite),
// SyncClients asking for changes, texts, diffs, the tree, a binary file's old
// version, search and labels, with the roles' rules (a read-only member reads the
// history, only a read-write one adds labels) and bad requests answered clearly.
#include "serverfixture.h"
#include "syncclienttestutil.h"

#include <QJsonDocument>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using namespace coauthor::sync::history;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

// Calls start(done) and waits for done's answer.
template <typename T>
std::optional<Result<T, ServiceError>> ask(const std::function<void(SyncClient::HistoryDone<T>)> &start)
{
    std::optional<Result<T, ServiceError>> out;
    start([&](Result<T, ServiceError> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
        qWarning() << "no answer within 15 s";
    return out;
}

QString message(const ServiceError &e)
{
    return e.code + QStringLiteral(": ") + e.message;
}

} // namespace

class TestSyncClientHistory : public QObject
{
    Q_OBJECT
private:
    ServerFixture server;
    QTemporaryDir work;
    QString aliceToken, readerToken, aliceId;

    std::unique_ptr<SyncClient> open(const QString &token, const QString &folder)
    {
        auto c = openTestClient(QUrl(server.url()), server.projectId, token, work.filePath(folder), folder, false);
        if (c && !QTest::qWaitFor([&] { return c->state() == SyncClient::State::Online && c->isSynchronized(); }, 15000))
            return nullptr;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(server.start(), qPrintable(server.error));
        Docstore *store = server.servers.front()->docstore();
        auto alice = store->createInvitation(server.projectId, QStringLiteral("Alice"), Role::ReadWrite).value();
        aliceToken = alice.token;
        aliceId = alice.invitation.id;
        readerToken = store->createInvitation(server.projectId, QStringLiteral("Reader"), Role::ReadOnly).value().token;
    }

    void theHistoryIsReadThroughTheServerAndLabelsNeedWriteAccess()
    {
        auto alice = open(aliceToken, QStringLiteral("alice"));
        QVERIFY(alice);
        alice->createDoc(QStringLiteral("main.tex"), QStringLiteral("Hello\n"));
        QVERIFY(QTest::qWaitFor([&] { return !alice->docIdForPath(QStringLiteral("main.tex")).isEmpty() && alice->isSynchronized(); }, 15000));
        const QString doc = alice->docIdForPath(QStringLiteral("main.tex"));
        QVERIFY(QTest::qWaitFor([&] { return alice->document(doc) != nullptr; }, 15000));
        for (const QString &line : {QStringLiteral("The first line.\n"), QStringLiteral("A second one.\n")}) {
            QVERIFY(alice->applyLocalEdit(doc, TextOperation({Component::insert(alice->document(doc)->text().size(), line)})).ok());
            QVERIFY(QTest::qWaitFor([&] { return alice->isSynchronized(); }, 15000));
        }
        const QString latest = alice->document(doc)->text();
        // Acked ops not flushed yet are in the answer: the server flushes the project first.
        auto page = ask<ChangePage>([&](auto done) { alice->requestChanges({}, 0, 50, done); });
        QVERIFY(page);
        QVERIFY2(page->ok(), page->ok() ? "" : qPrintable(message(page->error())));
        QCOMPARE(page->value().changes.size(), 1); // one author, no pause
        const Change change = page->value().changes.at(0);
        QCOMPARE(change.authors, (QList<Author>{{aliceId, QStringLiteral("Alice")}}));
        QCOMPARE(change.fromVersion, 0);
        QCOMPARE(change.toVersion, page->value().currentVersion);
        QCOMPARE(change.files.size(), 1);
        QCOMPARE(change.files.at(0).kinds, (QList<FileChange::Kind>{FileChange::Kind::Created, FileChange::Kind::Edited}));
        QCOMPARE(change.files.at(0).wordsAdded, 6); // the typed lines: The first line, A second one
        const qint64 created = 1;

        auto first = ask<QString>([&](auto done) { alice->requestHistoryText(QStringLiteral("main.tex"), created, done); });
        QCOMPARE(first->value(), QStringLiteral("Hello\n"));
        auto now = ask<QString>([&](auto done) { alice->requestHistoryText(QStringLiteral("main.tex"), -1, done); });
        QCOMPARE(now->value(), latest);
        auto diff = ask<Diff>([&](auto done) { alice->requestDiff(QStringLiteral("main.tex"), created, -1, done); });
        QVERIFY2(diff->ok(), diff->ok() ? "" : qPrintable(message(diff->error())));
        QCOMPARE(diff->value().segments.size(), 2);
        QCOMPARE(diff->value().segments.at(0), (DiffSegment{DiffSegment::Kind::Same, QStringLiteral("Hello\n"), {}}));
        QCOMPARE(diff->value().segments.at(1).kind, DiffSegment::Kind::Inserted);
        QCOMPARE(diff->value().segments.at(1).memberId, aliceId);
        QCOMPARE(diff->value().authors.at(0).name, QStringLiteral("Alice"));
        auto missing = ask<QString>([&](auto done) { alice->requestHistoryText(QStringLiteral("nope.tex"), -1, done); });
        QCOMPARE(missing->error().code, QStringLiteral("not_found"));
        auto future = ask<ProjectTree>([&](auto done) { alice->requestTreeAt(1'000'000, done); });
        QCOMPARE(future->error().code, QStringLiteral("version_in_future"));

        // A binary file's two versions, both retrievable by hash.
        const QByteArray v1("\x89PNG first", 10), v2("\x89PNG second", 11);
        alice->uploadFile(QStringLiteral("plot.png"), v1);
        QVERIFY(QTest::qWaitFor([&] { return !alice->docIdForPath(QStringLiteral("plot.png")).isEmpty()
                                              || std::any_of(alice->tree().cbegin(), alice->tree().cend(), [](const auto &e) {
                                                     return e.path == QLatin1String("plot.png");
                                                 }); }, 15000));
        auto before = ask<ProjectTree>([&](auto done) { alice->requestTreeAt(-1, done); });
        QVERIFY(before->ok());
        alice->uploadFile(QStringLiteral("plot.png"), v2, true);
        QVERIFY(QTest::qWaitFor([&] {
            for (const auto &e : alice->tree())
                if (e.path == QLatin1String("plot.png") && e.size == v2.size())
                    return true;
            return false;
        }, 15000));
        auto after = ask<ProjectTree>([&](auto done) { alice->requestTreeAt(-1, done); });
        QVERIFY(after->ok());
        QCOMPARE(after->value().entries.size(), 2);
        QCOMPARE(after->value().entries.at(1).path, QStringLiteral("plot.png"));
        const QByteArray oldSha = before->value().entries.at(1).sha256, newSha = after->value().entries.at(1).sha256;
        QVERIFY(oldSha != newSha);
        QCOMPARE(ask<QByteArray>([&](auto done) { alice->requestHistoryFile(oldSha, done); })->value(), v1);
        QCOMPARE(ask<QByteArray>([&](auto done) { alice->requestHistoryFile(newSha, done); })->value(), v2);
        QCOMPARE(after->value().entries.at(0).docVersion, alice->document(doc)->version());

        // A read-only member reads the history, searches it, lists labels, adds none.
        auto reader = open(readerToken, QStringLiteral("reader"));
        QVERIFY(reader);
        auto found = ask<SearchResult>([&](auto done) { reader->searchHistory(QStringLiteral("second ONE"), {}, done); });
        QVERIFY2(found->ok(), found->ok() ? "" : qPrintable(message(found->error())));
        QCOMPARE(found->value().hits.size(), 1);
        QCOMPARE(found->value().hits.at(0).path, QStringLiteral("main.tex"));
        QVERIFY(found->value().hits.at(0).presentNow);
        auto refused = ask<Label>([&](auto done) { reader->addLabel(QStringLiteral("Mine"), -1, done); });
        QCOMPARE(refused->error().code, QStringLiteral("read_only"));
        auto label = ask<Label>([&](auto done) { alice->addLabel(QStringLiteral("Submitted"), -1, done); });
        QVERIFY2(label->ok(), label->ok() ? "" : qPrintable(message(label->error())));
        QCOMPARE(label->value().author.name, QStringLiteral("Alice"));
        auto labels = ask<QList<Label>>([&](auto done) { reader->requestLabels(done); });
        QCOMPARE(labels->value().size(), 1);
        QCOMPARE(labels->value().at(0).name, QStringLiteral("Submitted"));
        QCOMPARE(labels->value().at(0).version, label->value().version);
        auto changesOfPlot = ask<ChangePage>([&](auto done) { reader->requestChanges(QStringLiteral("plot.png"), 0, 10, done); });
        QVERIFY(changesOfPlot->ok());
        QVERIFY(!changesOfPlot->value().changes.isEmpty());
    }

    void badHistoryRequestsGetClearErrors()
    {
        auto c = server.client(QStringLiteral("raw"), 0, aliceToken);
        QVERIFY(!c->connectAndHello().isEmpty());
        auto wrongType = c->request(QJsonObject{{QStringLiteral("type"), QStringLiteral("historyChanges")},
                                                {QStringLiteral("limit"), QStringLiteral("ten")}});
        QCOMPARE(wrongType.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QCOMPARE(wrongType.value(QLatin1String("code")).toString(), QStringLiteral("wrong_type"));
        auto noPath = c->request(QJsonObject{{QStringLiteral("type"), QStringLiteral("historyDiff")}, {QStringLiteral("from"), 0}});
        QCOMPARE(noPath.value(QLatin1String("code")).toString(), QStringLiteral("missing_field"));
        auto tooLong = c->request(QJsonObject{{QStringLiteral("type"), QStringLiteral("historySearch")},
                                              {QStringLiteral("text"), QString(5000, QLatin1Char('x'))}});
        QCOMPARE(tooLong.value(QLatin1String("code")).toString(), QStringLiteral("wrong_type"));
        auto badHash = c->request(QJsonObject{{QStringLiteral("type"), QStringLiteral("historyFile")},
                                              {QStringLiteral("sha256"), QString(64, QLatin1Char('0'))}});
        QCOMPARE(badHash.value(QLatin1String("code")).toString(), QStringLiteral("not_found"));
        // A huge page size is clamped, not refused.
        auto page = c->request(QJsonObject{{QStringLiteral("type"), QStringLiteral("historyChanges")},
                                           {QStringLiteral("limit"), 1e9}});
        QCOMPARE(page.value(QLatin1String("type")).toString(), QStringLiteral("historyChanges"));
    }

    void aRequestWhileOfflineFailsAtOnce()
    {
        SyncClient offline;
        auto answer = ask<ChangePage>([&](auto done) { offline.requestChanges({}, 0, 10, done); });
        QVERIFY(answer);
        QCOMPARE(answer->error().code, QStringLiteral("offline"));
    }
};

QTEST_GUILESS_MAIN(TestSyncClientHistory)
#include "tst_syncclient_history.moc"
