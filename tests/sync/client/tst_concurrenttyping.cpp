// Typing at the same place at the same moment: two and three people type runs
// of words at one position, each in a real LatexEditor bound through a
// DocumentBridge to a real SyncClient, against the real server (in process,
// real redis-server, real SQLite), each over its own DelayingProxy so that
// ops cross on the way and arrive batched. Every round checks that all
// replicas and the server converged and that each typist's run of typing
// (typos and their corrections included) stands in one piece in the text.
// Randomized: the seed of each round is printed; COAUTHOR_TYPING_SEED sets
// the first one. A seed fixes what is typed and the delays, not the machine's
// timing; tst_otclient's typingRunsAtOnePlaceStayWhole is the deterministic
// twin that replays a failure exactly.

#include "delayingproxy.h"
#include "syncclienttestutil.h"

#include "editor/documentbridge.h"
#include "editor/latexeditor.h"
#include "sync/client/syncclient.h"
#include "sync/docstore/docstore.h"
#include "sync/redis/redisserverprocess.h"
#include "sync/server/coauthorserver.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

using namespace coauthor::sync;
using coauthor::editor::DocumentBridge;
using coauthor::editor::LatexEditor;
using coauthor::sync::test::DelayingProxy;

namespace {

// One person at one editor of one doc: types `run` at the caret in batches of
// one to three keys (as a fast typist whose keys arrive between two turns of
// the event loop), now and then (once the run has begun) a wrong letter taken
// back with Backspace.
class Typist : public QObject
{
public:
    Typist(SyncClient &client, const QString &docId, QString run, quint32 seed)
        : m_client(client), m_docId(docId), m_run(std::move(run)), m_rng(seed)
    {
        m_editor.setCompletionEnabled(false);
        m_editor.setPlainText(client.document(docId)->text());
        m_editor.show();
        m_bridge = std::make_unique<DocumentBridge>(m_editor.document());
        m_bridge->setEditor(&m_editor);
        // As the app's CollaborationSession binds a tab to its doc.
        connect(m_bridge.get(), &DocumentBridge::localOperation, this, [this](const ot::TextOperation &op) {
            if (auto sent = m_client.applyLocalEdit(m_docId, op); !sent)
                m_error = sent.error();
        });
        connect(&m_client, &SyncClient::remoteOperation, this, [this](const QString &docId, const ot::TextOperation &op) {
            if (docId != m_docId)
                return;
            if (auto applied = m_bridge->applyRemote(op); !applied)
                m_error = applied.error().message;
        });
    }

    void start(int position, int afterMs)
    {
        QTextCursor c = m_editor.textCursor();
        c.setPosition(position);
        m_editor.setTextCursor(c);
        QTimer::singleShot(afterMs, Qt::PreciseTimer, this, &Typist::typeSome);
    }

    bool done() const { return m_typed == m_run.size() && !m_typo; }
    const QString &run() const { return m_run; }
    QString editorText() const { return m_editor.toPlainText(); }
    const QString &error() const { return m_error; }

private:
    void typeSome()
    {
        for (int keys = 1 + int(m_rng.bounded(3)); keys > 0 && !done(); --keys) {
            if (m_typo) {
                QTest::keyClick(&m_editor, Qt::Key_Backspace);
                m_typo = false;
            } else if (m_typed > 0 && m_rng.bounded(12) == 0) { // see docs/protocol.md on an empty run
                QTest::keyClicks(&m_editor, QStringLiteral("q"));
                m_typo = true;
            } else {
                QTest::keyClicks(&m_editor, m_run.mid(m_typed++, 1));
            }
        }
        if (!done())
            QTimer::singleShot(int(m_rng.bounded(12)), Qt::PreciseTimer, this, &Typist::typeSome);
    }

    SyncClient &m_client;
    QString m_docId;
    QString m_run;
    QRandomGenerator m_rng;
    LatexEditor m_editor;
    std::unique_ptr<DocumentBridge> m_bridge;
    qsizetype m_typed = 0;
    bool m_typo = false;
    QString m_error;
};

// The runs people type; the letters of different runs overlap on purpose, so a
// run survives only if it is really contiguous.
const QStringList runs{
    QStringLiteral("alice types her sentence here "),
    QStringLiteral("bob types his own sentence "),
    QStringLiteral("carol types a third line "),
};

} // namespace

class TestConcurrentTyping : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    std::unique_ptr<CoauthorServer> m_server;
    QString m_projectId;
    QString m_token;
    int m_copies = 0;
    int m_docs = 0;
    quint32 m_seed = 20261202;

    std::unique_ptr<SyncClient> client(quint16 port, const QString &name)
    {
        QUrl url(m_server->url());
        url.setPort(port);
        return test::openTestClient(url, m_projectId, m_token, m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies)),
                                    name, false);
    }

    // The doc as the server has it, through a fresh client without a proxy.
    QString serverText(const QString &docId)
    {
        auto observer = client(quint16(QUrl(m_server->url()).port()), QStringLiteral("observer"));
        if (!observer || !QTest::qWaitFor([&] { return observer->isSynchronized() && observer->document(docId); }, 20000))
            return QStringLiteral("<no server text>");
        return observer->document(docId)->text();
    }

    // people clients, each behind its own proxy, type their runs at one place
    // in rounds fresh docs, each round with its own seed.
    void typeTogether(int people, int rounds)
    {
        const quint16 serverPort = quint16(QUrl(m_server->url()).port());
        std::vector<std::unique_ptr<DelayingProxy>> proxies;
        std::vector<std::unique_ptr<SyncClient>> clients;
        for (int i = 0; i < people; ++i) {
            proxies.push_back(std::make_unique<DelayingProxy>(serverPort, m_seed * 31 + quint32(people * 7 + i), 2, 40));
            QVERIFY(proxies.back()->port() != 0);
            clients.push_back(client(proxies.back()->port(), runs.at(i).section(QLatin1Char(' '), 0, 0)));
            QVERIFY(clients.back());
        }
        auto allSynchronized = [&] {
            for (const auto &c : clients) {
                if (!c->isSynchronized())
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allSynchronized(), 10000);

        for (int round = 0; round < rounds; ++round) {
            const quint32 seed = m_seed + quint32(people * 1000 + round);
            qInfo("%d people, round %d: seed %u", people, round, seed);
            QRandomGenerator rng(seed);
            const QString path = QStringLiteral("typing%1.tex").arg(++m_docs);
            const QString before = QStringLiteral("Before the place. ");
            clients.front()->createDoc(path, before + QStringLiteral("After it.\n"));
            QString docId;
            QTRY_VERIFY_WITH_TIMEOUT(!(docId = clients.front()->docIdForPath(path)).isEmpty(), 10000);
            QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(), [&](const auto &c) {
                return c->isSynchronized() && c->document(docId);
            }), 10000);

            std::vector<std::unique_ptr<Typist>> typists;
            for (int i = 0; i < people; ++i)
                typists.push_back(std::make_unique<Typist>(*clients[i], docId, runs.at(i), rng.generate()));
            for (auto &t : typists)
                t->start(int(before.size()), int(rng.bounded(20)));
            QTRY_VERIFY_WITH_TIMEOUT(std::all_of(typists.begin(), typists.end(), [](const auto &t) { return t->done(); }),
                                     20000);
            QTRY_VERIFY_WITH_TIMEOUT(allSynchronized(), 20000);
            QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(), [&](const auto &c) {
                return c->document(docId)->version() == clients.front()->document(docId)->version();
            }), 10000);

            const QString text = clients.front()->document(docId)->text();
            const QString context = QStringLiteral("seed %1, text \"%2\"").arg(seed).arg(text);
            for (int i = 0; i < people; ++i) {
                QVERIFY2(typists[i]->error().isEmpty(), qPrintable(typists[i]->error()));
                QVERIFY2(clients[i]->document(docId)->text() == text, qPrintable(QStringLiteral("replica %1 differs: ").arg(i) + context));
                QVERIFY2(typists[i]->editorText() == text, qPrintable(QStringLiteral("editor %1 differs: ").arg(i) + context));
                QVERIFY2(text.count(typists[i]->run()) == 1,
                         qPrintable(QStringLiteral("the run \"%1\" is not in one piece: ").arg(typists[i]->run()) + context));
            }
            QVERIFY2(text.startsWith(before) && text.endsWith(QStringLiteral("After it.\n")), qPrintable(context));
            QCOMPARE(serverText(docId), text);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The server's log of every join and batch would bury the seeds.
        QLoggingCategory::setFilterRules(QStringLiteral("coauthor.*.info=false\ncoauthor.*.debug=false"));
        if (const QByteArray seed = qgetenv("COAUTHOR_TYPING_SEED"); !seed.isEmpty())
            m_seed = seed.toUInt();
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
        auto project = m_server->docstore()->createProject(QStringLiteral("Typing test"));
        QVERIFY(project);
        m_projectId = project.value().id;
        m_token = m_server->docstore()->createToken(m_projectId, Role::ReadWrite).value();
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->stop(5000);
        m_redis.stop();
    }

    void twoPeopleTypingAtOnePlaceKeepTheirRunsWhole()
    {
        typeTogether(2, 6);
    }

    void threePeopleTypingAtOnePlaceKeepTheirRunsWhole()
    {
        typeTogether(3, 4);
    }
};

QTEST_MAIN(TestConcurrentTyping)
#include "tst_concurrenttyping.moc"
