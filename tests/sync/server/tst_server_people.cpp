// People, not shared passwords: each invitation is one person, and the server takes
// who a connection is from its token — the name others see, the member behind its
// presence id, the clientIds it may use — and closes a revoked person's connections.
// Against a real redis-server and real SQLite; the command line through the real
// coauthor-server binary.
#include "serverfixture.h"
#include "serverprocess.h"

#include "sync/ot/opjson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QWebSocket>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

QString type(const QJsonObject &message)
{
    return message.value(QLatin1String("type")).toString();
}

QString code(const QJsonObject &message)
{
    return message.value(QLatin1String("code")).toString();
}

// A bare WebSocket that says hello, to see the close code the server gives it.
class RawConnection
{
public:
    RawConnection(const QString &url, const QString &projectId, const QString &token, const QString &clientId)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &frame) {
            frames.append(QJsonDocument::fromJson(frame.toUtf8()).object());
        });
        QObject::connect(&socket, &QWebSocket::disconnected, [this] { disconnected = true; });
        socket.open(QUrl(url));
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000))
            return;
        const QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("rid"), 1},
                                {QStringLiteral("protocolVersion"), 1}, {QStringLiteral("projectId"), projectId},
                                {QStringLiteral("token"), token}, {QStringLiteral("clientId"), clientId},
                                {QStringLiteral("name"), QStringLiteral("raw")}};
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
        [[maybe_unused]] const bool answered = QTest::qWaitFor([&] { return !frames.isEmpty() || disconnected; }, 10000);
    }
    QString answer() const { return frames.isEmpty() ? QString() : type(frames.first()); }
    bool received(const QString &errorCode) const
    {
        for (const QJsonObject &f : frames)
            if (code(f) == errorCode)
                return true;
        return false;
    }

    QWebSocket socket;
    QList<QJsonObject> frames;
    bool disconnected = false;
};

} // namespace

class TestServerPeople : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Issue 13, item 3: while the victim is offline with 30 edits, the attacker
    // (another member) says hello with the victim's clientId and sends its next 100
    // seqs. Before, the server took them (a clientId was nobody's) and the victim's
    // resent edits were taken for resends of the attacker's ops: acked, never applied.
    void anotherMemberCannotUseTheVictimsClientIdSoNoneOfTheVictimsEditsIsLost()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString victimToken = f.servers.front()->docstore()->createToken(f.projectId, Role::ReadWrite).value();
        const QString attackerToken = f.servers.front()->docstore()->createToken(f.projectId, Role::ReadWrite).value();
        const QString doc = f.createDoc(QStringLiteral("main.tex"), QStringLiteral("start\n"));
        QVERIFY(!doc.isEmpty());

        TestClient victim(f.url(), f.projectId, victimToken, QStringLiteral("c-victim"), QStringLiteral("Victim"));
        QCOMPARE(type(victim.connectAndHello()), QStringLiteral("welcome"));
        QVERIFY(victim.joinDoc(doc));
        victim.edit(TextOperation({Component::insert(0, QStringLiteral("v0;"))}));
        QVERIFY(victim.waitFor([&] { return victim.isIdle(); }));

        // The victim goes offline and writes 30 edits; they wait under its next seqs.
        victim.abort();
        QVERIFY(victim.waitFor([&] { return !victim.isConnected(); }));
        const qint64 victimsNextSeq = victim.nextSeq();
        for (int i = 1; i <= 30; ++i)
            victim.edit(TextOperation({Component::insert(victim.text().size(), QStringLiteral("v%1;").arg(i))}));

        TestClient attacker(f.url(), f.projectId, attackerToken, QStringLiteral("c-victim"), QStringLiteral("Victim"));
        const QJsonObject answer = attacker.connectAndHello();
        if (type(answer) == QLatin1String("welcome") && attacker.joinDoc(doc)) {
            // What the old server let through: the victim's next 100 seqs, applied.
            for (qint64 seq = victimsNextSeq; seq < victimsNextSeq + 100; ++seq)
                attacker.request({{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("doc"), doc},
                                  {QStringLiteral("v"), double(attacker.version())},
                                  {QStringLiteral("op"), ot::toJson(TextOperation({Component::insert(0, QStringLiteral("x"))}))},
                                  {QStringLiteral("seq"), double(seq)}});
            attacker.close();
        } else {
            QCOMPARE(type(answer), QStringLiteral("rejected"));
            QCOMPARE(code(answer), QStringLiteral("client_id_taken"));
        }

        // Back online: the victim rejoins from its version and sends what it wrote.
        QCOMPARE(type(victim.connectAndHello()), QStringLiteral("welcome"));
        QVERIFY(victim.joinDoc(doc, true));
        victim.flush();
        QVERIFY(victim.waitFor([&] { return victim.isIdle(); }));
        const QString text = f.serverDoc(doc).first;
        int applied = 0;
        for (int i = 1; i <= 30; ++i)
            applied += text.contains(QStringLiteral("v%1;").arg(i)) ? 1 : 0;
        QCOMPARE(applied, 30);
        QCOMPARE(victim.duplicateAcks(), 0);
    }

    // The binding is the member's for good: after the owner leaves, the clientId
    // still belongs to it, and the owner may come back with it.
    void aClientIdStaysItsMembersAfterItDisconnects()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const QString ada = f.servers.front()->docstore()->createInvitation(f.projectId, QStringLiteral("Ada"), Role::ReadWrite).value().token;
        const QString bob = f.servers.front()->docstore()->createInvitation(f.projectId, QStringLiteral("Bob"), Role::ReadWrite).value().token;
        {
            TestClient owner(f.url(), f.projectId, ada, QStringLiteral("c-ada"));
            QCOMPARE(type(owner.connectAndHello()), QStringLiteral("welcome"));
            owner.close();
        }
        TestClient other(f.url(), f.projectId, bob, QStringLiteral("c-ada"));
        QCOMPARE(code(other.connectAndHello()), QStringLiteral("client_id_taken"));
        TestClient back(f.url(), f.projectId, ada, QStringLiteral("c-ada"));
        QCOMPARE(type(back.connectAndHello()), QStringLiteral("welcome"));
    }

    // The name others see is the invitation's, whatever the hello says; the
    // presence id names the member.
    void thePresenceNameComesFromTheInvitationNotTheHello()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const IssuedInvitation ada =
            f.servers.front()->docstore()->createInvitation(f.projectId, QStringLiteral("Ada Lovelace"), Role::ReadWrite).value();
        auto observer = f.client(QStringLiteral("observer"));
        QCOMPARE(type(observer->connectAndHello()), QStringLiteral("welcome"));

        TestClient impostor(f.url(), f.projectId, ada.token, QStringLiteral("c-ada"), QStringLiteral("Charles Babbage"));
        const QJsonObject welcome = impostor.connectAndHello();
        QCOMPARE(type(welcome), QStringLiteral("welcome"));
        QVERIFY(welcome.value(QLatin1String("userId")).toString().startsWith(ada.invitation.id + QLatin1Char('/')));

        QVERIFY(observer->waitFor([&] { return observer->countOfType(QStringLiteral("userJoined")) > 0; }));
        QCOMPARE(observer->lastOfType(QStringLiteral("userJoined")).value(QLatin1String("name")).toString(), QStringLiteral("Ada Lovelace"));
        const QJsonObject project = observer->request({{QStringLiteral("type"), QStringLiteral("joinProject")}});
        QStringList names;
        for (const QJsonValue &u : project.value(QLatin1String("users")).toArray())
            names.append(u.toObject().value(QLatin1String("name")).toString());
        QCOMPARE(names, QStringList{QStringLiteral("Ada Lovelace")});
    }

    // Revoked in the docstore by another process (as `invite revoke` does): the
    // person's connection is closed within a second with 4403, and the token is refused.
    void revokingClosesThePersonsConnectionAtOnceAndRefusesTheToken()
    {
        ServerFixture f;
        QVERIFY2(f.start(), qPrintable(f.error));
        const IssuedInvitation bob =
            f.servers.front()->docstore()->createInvitation(f.projectId, QStringLiteral("Bob"), Role::ReadWrite).value();
        auto other = f.client(QStringLiteral("stays"));
        QCOMPARE(type(other->connectAndHello()), QStringLiteral("welcome"));
        RawConnection connection(f.url(), f.projectId, bob.token, QStringLiteral("c-bob"));
        QCOMPARE(connection.answer(), QStringLiteral("welcome"));

        auto cli = Docstore::open(QString(), f.config.dataDir); // a second process's view of the same SQLite file
        QVERIFY(cli.ok());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(cli.value()->revokeInvitation(f.projectId, QString(), QStringLiteral("Bob")).ok());
        QVERIFY(QTest::qWaitFor([&] { return connection.disconnected; }, 3000));
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QStringLiteral("closed after %1 ms").arg(clock.elapsed())));
        QCOMPARE(int(connection.socket.closeCode()), 4403);
        QCOMPARE(connection.socket.closeReason(), QStringLiteral("revoked"));
        QVERIFY(connection.received(QStringLiteral("revoked")));
        QVERIFY(other->isConnected()); // only that person

        RawConnection again(f.url(), f.projectId, bob.token, QStringLiteral("c-bob"));
        QCOMPARE(again.answer(), QStringLiteral("rejected"));
        QVERIFY(again.received(QStringLiteral("unauthorized")));
    }

    // invite create / list / revoke through the coauthor-server binary, a running
    // server that closes the revoked person, and tokens that are not in the SQLite file.
    void inviteCreateListAndRevokeThroughTheCommandLine()
    {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("data"));
        const QString binary = QStringLiteral(COAUTHOR_SERVER_BINARY);
        auto run = [&](const QStringList &args, int *exitCode = nullptr) {
            QProcess p;
            p.start(binary, args + QStringList{QStringLiteral("--data"), dataDir});
            p.waitForFinished(20000);
            if (exitCode)
                *exitCode = p.exitCode();
            return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        };
        const CreatedProject project = createProject(binary, dataDir, QStringLiteral("Thesis"));
        QVERIFY2(project.ok(), qPrintable(project.output));
        const QStringList inProject{QStringLiteral("--project"), project.id};

        int exit = -1;
        const QString grace = run(QStringList{QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--name"),
                                              QStringLiteral("Grace Hopper")} + inProject, &exit);
        QCOMPARE(exit, 0);
        const QString graceToken = QRegularExpression(QStringLiteral("token: (\\S+)")).match(grace).captured(1);
        const QString graceId = QRegularExpression(QStringLiteral("invitation: (\\S+)")).match(grace).captured(1);
        QVERIFY2(graceToken.size() >= 40 && graceId.startsWith(QLatin1String("u-")), qPrintable(grace));
        const QString ken = run(QStringList{QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--name"),
                                            QStringLiteral("Ken"), QStringLiteral("--read-only")} + inProject, &exit);
        QCOMPARE(exit, 0);
        const QString kenToken = QRegularExpression(QStringLiteral("token: (\\S+)")).match(ken).captured(1);
        run(QStringList{QStringLiteral("invite"), QStringLiteral("create")} + inProject, &exit);
        QVERIFY(exit != 0); // a name is required

        const QStringList listed = run(QStringList{QStringLiteral("invite"), QStringLiteral("list")} + inProject)
                                       .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(listed.size(), 3); // project create's token, Grace, Ken
        QVERIFY(listed.at(1).startsWith(graceId) && listed.at(1).contains(QLatin1String("read_write"))
                && listed.at(1).contains(QLatin1String("active")) && listed.at(1).endsWith(QLatin1String("Grace Hopper")));
        QVERIFY(listed.at(2).contains(QLatin1String("read_only")) && listed.at(2).endsWith(QLatin1String("Ken")));

        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const quint16 port = freeLoopbackPort();
        QVERIFY(startServer(server, binary, port, dataDir));
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
        {
            RawConnection connection(url, project.id, graceToken, QStringLiteral("c-grace"));
            QCOMPARE(connection.answer(), QStringLiteral("welcome"));
            QCOMPARE(connection.frames.first().value(QLatin1String("role")).toString(), QStringLiteral("read_write"));
            RawConnection reader(url, project.id, kenToken, QStringLiteral("c-ken"));
            QCOMPARE(reader.frames.value(0).value(QLatin1String("role")).toString(), QStringLiteral("read_only"));

            const QString revoked = run(QStringList{QStringLiteral("invite"), QStringLiteral("revoke"), QStringLiteral("--name"),
                                                    QStringLiteral("Grace Hopper")} + inProject, &exit);
            QCOMPARE(exit, 0);
            QVERIFY2(revoked.contains(graceId), qPrintable(revoked));
            QVERIFY(QTest::qWaitFor([&] { return connection.disconnected; }, 3000));
            QCOMPARE(int(connection.socket.closeCode()), 4403);
            QVERIFY(!reader.disconnected);
            RawConnection again(url, project.id, graceToken, QStringLiteral("c-grace"));
            QCOMPARE(again.answer(), QStringLiteral("rejected"));
        }
        QVERIFY(run(QStringList{QStringLiteral("invite"), QStringLiteral("list")} + inProject)
                    .split(QLatin1Char('\n')).at(1).contains(QLatin1String("revoked")));
        run(QStringList{QStringLiteral("invite"), QStringLiteral("revoke"), QStringLiteral("--id"), QStringLiteral("u-nobody")} + inProject, &exit);
        QVERIFY(exit != 0);
        server.terminate();
        QVERIFY(server.waitForFinished(30000));

        // The docstore holds SHA-256 of each token, never the token.
        QByteArray everything;
        for (const QString &name : QDir(dataDir).entryList({QStringLiteral("docstore.sqlite*")}, QDir::Files)) {
            QFile file(QDir(dataDir).filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            everything += file.readAll();
        }
        QVERIFY(!everything.isEmpty());
        QStringList hashes;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
            db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("docstore.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT token_hash FROM invitations")));
            while (q.next())
                hashes.append(q.value(0).toString());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
        QCOMPARE(hashes.size(), 3);
        for (const QString &token : {project.token, graceToken, kenToken}) {
            QVERIFY(!everything.contains(token.toLatin1()));
            QVERIFY(hashes.contains(QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex())));
        }
    }
};

QTEST_GUILESS_MAIN(TestServerPeople)
#include "tst_server_people.moc"
