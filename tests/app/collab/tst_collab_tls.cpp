// wss:// end to end with real TLS handshakes: the host's self-signed
// certificate (made by HostCertificate, as "Host on this computer" makes it)
// pinned by the joining SyncClient, a changed certificate refused, a ws://
// client to a wss:// server, a test CA's chain without a pin, the invitation's
// fingerprint, and the not-encrypted mark.
#include "app/collab/collaborationsession.h"
#include "app/collab/encryptionmark.h"
#include "app/collab/hostcertificate.h"
#include "app/collab/openshareddialog.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "serverfixture.h"
#include "sync/client/certificatepin.h"
#include "sync/client/syncclient.h"
#include "sync/ot/component.h"
#include "sync/realtime/tlsidentity.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace coauthor;
using namespace coauthor::sync;

namespace {

bool runOpenssl(const QStringList &arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(QStringLiteral("openssl"), arguments);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// A test CA and a server certificate it signed for 127.0.0.1 (what a public CA
// gives a server behind a reverse proxy, in miniature).
struct TestCa
{
    QString caCertificate;
    QString certificate;
    QString key;
    bool make(const QString &dir)
    {
        caCertificate = dir + QStringLiteral("/ca.pem");
        const QString caKey = dir + QStringLiteral("/ca-key.pem");
        certificate = dir + QStringLiteral("/server.pem");
        key = dir + QStringLiteral("/server-key.pem");
        const QString request = dir + QStringLiteral("/server.csr");
        const QString extensions = dir + QStringLiteral("/ext.cnf");
        QFile ext(extensions);
        if (!ext.open(QIODevice::WriteOnly)
            || ext.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n") < 0)
            return false;
        ext.close();
        const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
        return runOpenssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec
                          + QStringList{QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=Coauthor Test CA"),
                                        QStringLiteral("-keyout"), caKey, QStringLiteral("-out"), caCertificate})
               && runOpenssl(QStringList{QStringLiteral("req")} + ec
                             + QStringList{QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), key,
                                           QStringLiteral("-out"), request})
               && runOpenssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), request, QStringLiteral("-CA"),
                              caCertificate, QStringLiteral("-CAkey"), caKey, QStringLiteral("-CAcreateserial"), QStringLiteral("-days"),
                              QStringLiteral("2"), QStringLiteral("-extfile"), extensions, QStringLiteral("-out"), certificate});
    }
};

} // namespace

class TestCollabTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    app::HostCertificate host;

    std::unique_ptr<test::ServerFixture> tlsServer(const QString &certificate, const QString &key)
    {
        auto fixture = std::make_unique<test::ServerFixture>();
        ServerConfig config = test::ServerFixture::fastConfig();
        config.tlsCertificateFile = certificate;
        config.tlsKeyFile = key;
        if (!fixture->start(config)) {
            qWarning() << fixture->error;
            return nullptr;
        }
        return fixture;
    }

    std::unique_ptr<SyncClient> client(const QString &url, const test::ServerFixture &fixture, const QByteArray &pin,
                                       const QString &name)
    {
        auto c = std::make_unique<SyncClient>();
        SyncClient::Options options;
        options.url = QUrl(url);
        options.projectId = fixture.projectId;
        options.token = fixture.token;
        options.name = name;
        options.workingCopy = dir.filePath(name);
        options.mirrorFiles = false;
        options.certificateSha256 = pin;
        if (!c->open(options))
            return nullptr;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        auto made = app::HostCertificate::create(dir.filePath(QStringLiteral("host")));
        QVERIFY2(made, made ? "" : qPrintable(made.error()));
        host = made.value();
    }

    void theHostCertificateIsKeptWithAnOwnerOnlyKey()
    {
        QCOMPARE(QFile::permissions(host.keyFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                                      | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        const QSslCertificate certificate = QSslCertificate::fromPath(host.certificateFile).value(0);
        QCOMPARE(CertificatePin::sha256(certificate), host.sha256);
        QCOMPARE(host.sha256.size(), 32);
        // A second ensure() keeps it: earlier invitations stay true.
        const QString data = dir.filePath(QStringLiteral("ensure"));
        auto first = app::HostCertificate::ensure(data);
        auto second = app::HostCertificate::ensure(data);
        QVERIFY(first && second);
        QCOMPARE(second.value().sha256, first.value().sha256);
    }

    void aClientWithThePinnedFingerprintSaysHelloJoinsAndHasAnEditAcked()
    {
        auto server = tlsServer(host.certificateFile, host.keyFile);
        QVERIFY(server);
        QVERIFY2(server->url().startsWith(QLatin1String("wss://")), qPrintable(server->url()));
        auto alice = client(server->url(), *server, host.sha256, QStringLiteral("alice"));
        QVERIFY(alice);
        QSignalSpy pinned(alice.get(), &SyncClient::certificatePinned);
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == SyncClient::State::Online; }, 15000));
        alice->createDoc(QStringLiteral("main.tex"), QStringLiteral("base\n"));
        QVERIFY(QTest::qWaitFor([&] { return !alice->docIds().isEmpty() && alice->isSynchronized(); }, 15000));
        const QString doc = alice->docIds().front();
        QVERIFY(alice->applyLocalEdit(doc, ot::TextOperation({ot::Component::insert(5, QStringLiteral("more\n"))})).ok());
        QVERIFY(QTest::qWaitFor([&] { return alice->isSynchronized(); }, 15000)); // the edit is acked
        QCOMPARE(alice->document(doc)->version(), 1);
        QCOMPARE(pinned.count(), 0); // it had its pin already
    }

    void aChangedCertificateIsRefusedNamingBothFingerprints()
    {
        auto other = app::HostCertificate::create(dir.filePath(QStringLiteral("other")));
        QVERIFY(other);
        auto server = tlsServer(other.value().certificateFile, other.value().keyFile);
        QVERIFY(server);
        auto bob = client(server->url(), *server, host.sha256, QStringLiteral("bob"));
        QVERIFY(bob);
        QSignalSpy refused(bob.get(), &SyncClient::certificateRefused);
        QSignalSpy errors(bob.get(), &SyncClient::errorOccurred);
        QVERIFY(refused.wait(15000));
        QCOMPARE(refused.first().at(0).toByteArray(), host.sha256);
        QCOMPARE(refused.first().at(1).toByteArray(), other.value().sha256);
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.first().at(0).toString(), QStringLiteral("certificate_changed"));
        const QString message = errors.first().at(1).toString();
        QVERIFY2(message.contains(CertificatePin::format(host.sha256)) && message.contains(CertificatePin::format(other.value().sha256)),
                 qPrintable(message));
        const QString shown = app::CollaborationSession::certificateRefusal(host.sha256, other.value().sha256);
        QVERIFY2(shown.contains(CertificatePin::format(host.sha256)) && shown.contains(CertificatePin::format(other.value().sha256)),
                 qPrintable(shown));
        QTest::qWait(500);
        QVERIFY(bob->state() != SyncClient::State::Online);
    }

    void aSelfSignedCertificateSeenFirstIsTrustedAndPinned()
    {
        auto server = tlsServer(host.certificateFile, host.keyFile);
        QVERIFY(server);
        auto carol = client(server->url(), *server, {}, QStringLiteral("carol"));
        QVERIFY(carol);
        QSignalSpy pinned(carol.get(), &SyncClient::certificatePinned);
        QVERIFY(QTest::qWaitFor([&] { return carol->state() == SyncClient::State::Online; }, 15000));
        QCOMPARE(pinned.count(), 1);
        QCOMPARE(pinned.first().at(0).toByteArray(), host.sha256);
    }

    void aPlainWsClientToAWssServerFailsCleanly()
    {
        auto server = tlsServer(host.certificateFile, host.keyFile);
        QVERIFY(server);
        QString plain = server->url();
        plain.replace(QStringLiteral("wss://"), QStringLiteral("ws://"));
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        socket.open(QUrl(plain));
        QVERIFY(disconnected.wait(15000)); // the server drops what is not a TLS handshake
        QCOMPARE(connected.count(), 0);
        // ... and still serves a TLS client.
        auto dave = client(server->url(), *server, host.sha256, QStringLiteral("dave"));
        QVERIFY(dave);
        QVERIFY(QTest::qWaitFor([&] { return dave->state() == SyncClient::State::Online; }, 15000));
    }

    void aCertificateFromATrustedCaWorksWithoutAPin()
    {
        TestCa ca;
        QVERIFY(ca.make(dir.path()));
        auto server = tlsServer(ca.certificate, ca.key);
        QVERIFY(server);
        const QSslConfiguration before = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = before;
        trusting.addCaCertificates(ca.caCertificate);
        QSslConfiguration::setDefaultConfiguration(trusting);
        auto erin = client(server->url(), *server, {}, QStringLiteral("erin"));
        QVERIFY(erin);
        QSignalSpy pinned(erin.get(), &SyncClient::certificatePinned);
        const bool online = QTest::qWaitFor([&] { return erin->state() == SyncClient::State::Online; }, 15000);
        erin.reset();
        QSslConfiguration::setDefaultConfiguration(before);
        QVERIFY2(online, "a CA-signed certificate was refused");
        QCOMPARE(pinned.count(), 0); // verified normally: nothing to pin
    }

    void anUntrustedCaChainIsRefusedWithoutAPin()
    {
        TestCa ca;
        QTemporaryDir caDir;
        QVERIFY(ca.make(caDir.path()));
        auto server = tlsServer(ca.certificate, ca.key);
        QVERIFY(server);
        auto frank = client(server->url(), *server, {}, QStringLiteral("frank")); // the CA is not trusted here
        QVERIFY(frank);
        QSignalSpy errors(frank.get(), &SyncClient::errorOccurred);
        QVERIFY(errors.wait(15000));
        QCOMPARE(errors.first().at(0).toString(), QStringLiteral("certificate_untrusted"));
        QVERIFY(frank->state() != SyncClient::State::Online);
    }

    void missingUnreadableOrMismatchedFilesAreClearErrors()
    {
        auto missing = TlsIdentity::load(dir.filePath(QStringLiteral("nope.pem")), host.keyFile);
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(QLatin1String("does not exist")), qPrintable(missing.error()));
        auto other = app::HostCertificate::create(dir.filePath(QStringLiteral("mismatch")));
        QVERIFY(other);
        auto mismatched = TlsIdentity::load(host.certificateFile, other.value().keyFile);
        QVERIFY(!mismatched);
        QVERIFY2(mismatched.error().contains(QLatin1String("does not match")), qPrintable(mismatched.error()));
        auto notPem = TlsIdentity::load(host.keyFile, host.keyFile);
        QVERIFY(!notPem);
        QVERIFY2(notPem.error().contains(QLatin1String("no PEM certificate")), qPrintable(notPem.error()));
        // The server refuses to start rather than serve a broken TLS.
        test::ServerFixture fixture;
        ServerConfig config = test::ServerFixture::fastConfig();
        config.tlsCertificateFile = host.certificateFile;
        config.tlsKeyFile = other.value().keyFile;
        QVERIFY(!fixture.start(config));
        QVERIFY2(fixture.error.contains(QLatin1String("does not match")), qPrintable(fixture.error));
    }

    void hostingOnTheNetworkEncryptsAndTheInvitationCarriesTheFingerprint()
    {
        app::ServerHost server;
        server.setProgram(QStringLiteral(COAUTHOR_SERVER_BINARY));
        server.setDataDir(dir.filePath(QStringLiteral("hosted")));
        auto invitation = server.createProject(QStringLiteral("Paper"));
        QVERIFY2(invitation, invitation ? "" : qPrintable(invitation.error()));
        auto started = server.start(QStringLiteral("0.0.0.0"), 0);
        QVERIFY2(started, started ? "" : qPrintable(started.error()));
        QVERIFY(server.isEncrypted());
        QCOMPARE(server.localUrl().scheme(), QStringLiteral("wss"));
        QCOMPARE(server.publicUrl().scheme(), QStringLiteral("wss"));
        auto kept = app::HostCertificate::ensure(server.dataDir());
        QVERIFY(kept);
        QCOMPARE(server.certificateSha256(), kept.value().sha256);

        const QString text = app::ShareDialog::invitationText(server.publicUrl(), invitation.value().projectId,
                                                              invitation.value().readWriteToken, invitation.value().readOnlyToken,
                                                              server.certificateSha256());
        QVERIFY2(text.contains(CertificatePin::format(server.certificateSha256())), qPrintable(text));
        app::OpenSharedDialog dialog;
        QVERIFY(dialog.fillFromInvitation(text));
        const app::ShareLink link = dialog.link();
        QCOMPARE(link.certificateSha256, server.certificateSha256());
        QCOMPARE(link.projectId, invitation.value().projectId);
        QCOMPARE(link.token, invitation.value().readWriteToken);

        // The joining app, with the pin from the invitation, reaches the hosted server.
        SyncClient guest;
        SyncClient::Options options;
        options.url = server.localUrl();
        options.projectId = link.projectId;
        options.token = link.token;
        options.name = QStringLiteral("guest");
        options.workingCopy = dir.filePath(QStringLiteral("guest"));
        options.mirrorFiles = false;
        options.certificateSha256 = link.certificateSha256;
        QVERIFY(guest.open(options));
        QVERIFY(QTest::qWaitFor([&] { return guest.state() == SyncClient::State::Online; }, 15000));
        guest.close();

        // This computer only: plain ws://, nothing crosses a network.
        server.stop();
        started = server.start(QStringLiteral("127.0.0.1"), 0);
        QVERIFY(started);
        QVERIFY(!server.isEncrypted());
        QCOMPARE(server.localUrl().scheme(), QStringLiteral("ws"));
    }

    void theNotEncryptedMarkShowsOnlyForWsOverANetwork()
    {
        QVERIFY(app::EncryptionMark::isUnencryptedOverNetwork(QUrl(QStringLiteral("ws://192.168.1.5:7420/"))));
        QVERIFY(app::EncryptionMark::isUnencryptedOverNetwork(QUrl(QStringLiteral("ws://coauthor.example.org/"))));
        QVERIFY(!app::EncryptionMark::isUnencryptedOverNetwork(QUrl(QStringLiteral("wss://192.168.1.5:7420/"))));
        QVERIFY(!app::EncryptionMark::isUnencryptedOverNetwork(QUrl(QStringLiteral("ws://127.0.0.1:7420/"))));
        QVERIFY(!app::EncryptionMark::isUnencryptedOverNetwork(QUrl(QStringLiteral("ws://localhost:7420/"))));
        QVERIFY(!app::EncryptionMark::isUnencryptedOverNetwork(QUrl(QStringLiteral("ws://[::1]:7420/"))));
        QWidget window;
        auto *mark = new app::EncryptionMark(&window);
        window.show();
        mark->setServer(QUrl(QStringLiteral("ws://192.168.1.5:7420/")));
        QVERIFY(mark->isVisible());
        QVERIFY(mark->text().contains(QLatin1String("Not encrypted")));
        mark->setServer(QUrl(QStringLiteral("wss://192.168.1.5:7420/")));
        QVERIFY(!mark->isVisible());
        mark->setServer(QUrl(QStringLiteral("ws://127.0.0.1:7420/")));
        QVERIFY(!mark->isVisible());
    }
};

QTEST_MAIN(TestCollabTls)
#include "tst_collab_tls.moc"
