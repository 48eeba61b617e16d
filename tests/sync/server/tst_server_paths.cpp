// Paths a collaborator sends are checked by the server (ProjectPath): nothing under
// the app's .coauthor/ or .git/, nothing Windows or macOS cannot store, no case-only
// twins; valid Unicode goes through exactly. And the connection rules around it:
// a failed hello (even one that cannot be decoded) is rejected and closed with the
// documented code, which the client sees (not 1006).
#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace coauthor::sync;
using namespace coauthor::sync::test;

namespace {

QString code(const QJsonObject &reply)
{
    return reply.value(QLatin1String("code")).toString();
}

QString type(const QJsonObject &reply)
{
    return reply.value(QLatin1String("type")).toString();
}

// A raw socket, to see the close code and what arrives before it.
struct RawClient
{
    QWebSocket socket;
    QList<QJsonObject> received;
    int closeCode = -1;

    bool open(const QString &url)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [this](const QString &frame) {
            received.append(QJsonDocument::fromJson(frame.toUtf8()).object());
        });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] { closeCode = int(socket.closeCode()); });
        socket.open(QUrl(url));
        return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }
    bool waitClosed() { return QTest::qWaitFor([&] { return closeCode != -1; }, 10000); }
};

} // namespace

class TestServerPaths : public QObject
{
    Q_OBJECT

private:
    ServerFixture f;
    std::unique_ptr<TestClient> c;

    QJsonObject create(const QString &path, const QString &text = {})
    {
        return c->request({{QStringLiteral("type"), QStringLiteral("createDoc")}, {QStringLiteral("path"), path}, {QStringLiteral("text"), text}});
    }
    QJsonObject renameTo(const QString &id, const QString &path)
    {
        return c->request({{QStringLiteral("type"), QStringLiteral("rename")}, {QStringLiteral("id"), id}, {QStringLiteral("path"), path}});
    }
    static QString idOf(const QJsonObject &ok) { return ok.value(QLatin1String("entry")).toObject().value(QLatin1String("id")).toString(); }
    static QString pathOf(const QJsonObject &ok) { return ok.value(QLatin1String("entry")).toObject().value(QLatin1String("path")).toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(f.start(), qPrintable(f.error));
        c = f.client(QStringLiteral("paths"));
        QCOMPARE(type(c->connectAndHello()), QStringLiteral("welcome"));
    }

    void theAppsMetadataFolderAndGitAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("link file") << ".coauthor/link.json";
        QTest::newRow("the folder") << ".coauthor";
        QTest::newRow("other case") << ".Coauthor/journal";
        QTest::newRow("nested") << "sub/.coauthor/link.json";
        QTest::newRow("git") << ".git/config";
        QTest::newRow("git upper") << ".GIT/hooks/pre-commit";
    }
    void theAppsMetadataFolderAndGitAreRefused()
    {
        QFETCH(QString, path);
        const QJsonObject reply = create(path, QStringLiteral("{\"url\":\"ws://attacker\"}"));
        QCOMPARE(code(reply), QStringLiteral("invalid_path"));
        QVERIFY2(reply.value(QLatin1String("message")).toString().contains(QLatin1String("reserves")),
                 qPrintable(reply.value(QLatin1String("message")).toString()));
        QCOMPARE(code(c->request({{QStringLiteral("type"), QStringLiteral("createFolder")}, {QStringLiteral("path"), path}})),
                 QStringLiteral("invalid_path"));
        const QByteArray data("x");
        QCOMPARE(code(c->request({{QStringLiteral("type"), QStringLiteral("uploadFile")}, {QStringLiteral("path"), path},
                                  {QStringLiteral("data"), QString::fromLatin1(data.toBase64())}})),
                 QStringLiteral("invalid_path"));
    }

    void aDocCannotBeRenamedIntoTheMetadataFolder()
    {
        const QString id = idOf(create(QStringLiteral("harmless.tex")));
        QVERIFY(!id.isEmpty());
        QCOMPARE(code(renameTo(id, QStringLiteral(".coauthor/link.json"))), QStringLiteral("invalid_path"));
        QCOMPARE(code(renameTo(id, QStringLiteral("a/.git/config"))), QStringLiteral("invalid_path"));
    }

    void namesWindowsOrMacOsCannotStoreAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("CON") << "CON";
        QTest::newRow("con.tex") << "con.tex";
        QTest::newRow("nul in folder") << "a/NUL.txt/b.tex";
        QTest::newRow("COM1") << "COM1.log";
        QTest::newRow("LPT9") << "lpt9";
        QTest::newRow("COM superscript") << QStringLiteral("COM\u00B9.txt");
        QTest::newRow("CONIN$") << "conin$";
        QTest::newRow("CON space ext") << "CON .tex";
        QTest::newRow("colon") << "a:b.tex";
        QTest::newRow("star and question") << "a*b?.tex";
        QTest::newRow("angle") << "<x>.tex";
        QTest::newRow("pipe") << "a|b.tex";
        QTest::newRow("quote") << "a\"b.tex";
        QTest::newRow("trailing space") << "main.tex ";
        QTest::newRow("trailing dot") << "main.";
        QTest::newRow("folder trailing dot") << "dir./main.tex";
        QTest::newRow("bidi override") << QStringLiteral("x\u202Egpj.tex");
        QTest::newRow("bidi isolate") << QStringLiteral("x\u2066.tex");
        QTest::newRow("line separator") << QStringLiteral("x\u2028.tex");
        QTest::newRow("control") << QStringLiteral("x\u0001.tex");
        QTest::newRow("backslash") << "a\\b.tex";
        QTest::newRow("long name") << QString(300, QLatin1Char('a'));
    }
    void namesWindowsOrMacOsCannotStoreAreRefused()
    {
        QFETCH(QString, path);
        const QJsonObject reply = create(path);
        QCOMPARE(code(reply), QStringLiteral("invalid_path"));
        QVERIFY(!reply.value(QLatin1String("message")).toString().isEmpty());
    }

    void namesThatOnlyLookReservedAreAccepted_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("COM0") << "COM0.tex";
        QTest::newRow("console") << "console.tex";
        QTest::newRow("aux file") << "build/main.aux";
        QTest::newRow("dot file") << ".latexmkrc";
        QTest::newRow("coauthor prefix") << ".coauthorrc";
        QTest::newRow("gitignore") << ".gitignore";
        QTest::newRow("inner dots") << "v1.2.final.tex";
    }
    void namesThatOnlyLookReservedAreAccepted()
    {
        QFETCH(QString, path);
        const QJsonObject reply = create(path);
        QCOMPARE(type(reply), QStringLiteral("ok"));
        QCOMPARE(pathOf(reply), path);
    }

    void aNameDifferingOnlyInCaseIsRefused()
    {
        QVERIFY(!idOf(create(QStringLiteral("main.tex"))).isEmpty());
        QJsonObject reply = create(QStringLiteral("Main.tex"));
        QCOMPARE(code(reply), QStringLiteral("invalid_path"));
        QVERIFY(reply.value(QLatin1String("message")).toString().contains(QLatin1String("only in case")));
        QVERIFY(!idOf(create(QStringLiteral("Chapters/one.tex"))).isEmpty());
        QCOMPARE(code(create(QStringLiteral("chapters/two.tex"))), QStringLiteral("invalid_path"));
        // Unicode-aware: Ä folds to ä, Σ and ς to σ, É to é; NFD é is NFC é.
        QVERIFY(!idOf(create(QStringLiteral("ärger.tex"))).isEmpty());
        QCOMPARE(code(create(QStringLiteral("ÄRGER.tex"))), QStringLiteral("invalid_path"));
        QVERIFY(!idOf(create(QStringLiteral("Σοφός.tex"))).isEmpty());
        QCOMPARE(code(create(QStringLiteral("σοφόσ.tex"))), QStringLiteral("invalid_path"));
        QVERIFY(!idOf(create(QStringLiteral("\u00C9t\u00E9.tex"))).isEmpty());
        QCOMPARE(code(create(QStringLiteral("e\u0301te\u0301.tex"))), QStringLiteral("invalid_path"));
        // A rename into a twin of another entry is refused; of its own name, not.
        const QString other = idOf(create(QStringLiteral("other.tex")));
        QCOMPARE(code(renameTo(other, QStringLiteral("MAIN.tex"))), QStringLiteral("invalid_path"));
        QCOMPARE(type(renameTo(other, QStringLiteral("Other.tex"))), QStringLiteral("ok"));
        // Inside the project, "chapters" may still be found as "Chapters".
        QCOMPARE(type(create(QStringLiteral("Chapters/two.tex"))), QStringLiteral("ok"));
    }

    void validUnicodeIsAcceptedAndStoredExactly_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("emoji") << QStringLiteral("notes/\U0001F600.tex");
        QTest::newRow("zwj family") << QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467.tex");
        QTest::newRow("accents") << QStringLiteral("kapitel/einf\u00FChrung.tex");
        QTest::newRow("cjk") << QStringLiteral("\u4E2D\u6587/\u6587\u6863.tex");
        QTest::newRow("decomposed") << QStringLiteral("cafe\u0301.tex");
    }
    void validUnicodeIsAcceptedAndStoredExactly()
    {
        QFETCH(QString, path);
        const QString text = QStringLiteral("\U0001F600 ") + path;
        const QJsonObject reply = create(path, text);
        QCOMPARE(type(reply), QStringLiteral("ok"));
        QCOMPARE(pathOf(reply), path);
        const QJsonObject tree = c->request({{QStringLiteral("type"), QStringLiteral("joinProject")}});
        bool found = false;
        for (const QJsonValue &e : tree.value(QLatin1String("tree")).toArray())
            found = found || e.toObject().value(QLatin1String("path")).toString() == path;
        QVERIFY(found);
        QCOMPARE(f.serverDoc(idOf(reply)).first, text);
    }

    void aLoneSurrogateInTheTextIsRefusedNotAltered()
    {
        // As JSON escapes, the way a client that does not check would send it.
        c->sendRaw(QStringLiteral(R"({"type":"createDoc","rid":9001,"path":"lone.tex","text":"a\ud800bc"})"));
        QVERIFY(c->waitFor([&] {
            for (const QJsonObject &m : std::as_const(c->received))
                if (m.value(QLatin1String("rid")).toInteger() == 9001)
                    return true;
            return false;
        }));
        QJsonObject reply;
        for (const QJsonObject &m : std::as_const(c->received))
            if (m.value(QLatin1String("rid")).toInteger() == 9001)
                reply = m;
        if (type(reply) == QLatin1String("ok")) {
            QCOMPARE(f.serverDoc(idOf(reply)).first, QStringLiteral("a\xD800" "bc"));
        } else {
            QCOMPARE(type(reply), QStringLiteral("error"));
            QVERIFY2(code(reply) == QLatin1String("invalid_text") || code(reply) == QLatin1String("wrong_type"), qPrintable(code(reply)));
        }
    }

    void aHelloThatCannotBeDecodedIsRejectedAndClosed()
    {
        RawClient raw;
        QVERIFY(raw.open(f.url()));
        raw.socket.sendTextMessage(QStringLiteral(R"({"type":"hello","rid":4,"protocolVersion":"one","projectId":"p","token":"t","clientId":"x"})"));
        QVERIFY(raw.waitClosed());
        QCOMPARE(raw.received.size(), 1);
        QCOMPARE(type(raw.received.first()), QStringLiteral("rejected"));
        QCOMPARE(raw.received.first().value(QLatin1String("rid")).toInteger(), 4);
        QCOMPARE(code(raw.received.first()), QStringLiteral("wrong_type"));
        QCOMPARE(raw.closeCode, 1008);
    }

    void aRejectedHelloReachesTheClientWithItsCloseCode()
    {
        for (int i = 0; i < 5; ++i) {
            RawClient raw;
            QVERIFY(raw.open(f.url()));
            raw.socket.sendTextMessage(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("rid"), 1},
                                                                  {QStringLiteral("protocolVersion"), 1}, {QStringLiteral("projectId"), f.projectId},
                                                                  {QStringLiteral("token"), QStringLiteral("wrong")}, {QStringLiteral("clientId"), QStringLiteral("r")}})
                                           .toJson(QJsonDocument::Compact));
            // A client that keeps talking must not turn the close into a reset.
            raw.socket.sendTextMessage(QStringLiteral(R"({"type":"ping","rid":2})"));
            QVERIFY(raw.waitClosed());
            QVERIFY(!raw.received.isEmpty());
            QCOMPARE(type(raw.received.first()), QStringLiteral("rejected"));
            QCOMPARE(raw.closeCode, 1008);
        }
    }

    void anOversizedFrameClosesWith1009()
    {
        RawClient raw;
        QVERIFY(raw.open(f.url()));
        raw.socket.sendTextMessage(QString(9 * 1024 * 1024, QLatin1Char('x')));
        QVERIFY(raw.waitClosed());
        QCOMPARE(raw.closeCode, 1009);
    }
};

QTEST_GUILESS_MAIN(TestServerPaths)
#include "tst_server_paths.moc"
