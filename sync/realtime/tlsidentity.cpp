#include "sync/realtime/tlsidentity.h"

#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTimer>


namespace coauthor::sync {

namespace {

using R = Result<QSslConfiguration, QString>;

Result<QByteArray, QString> readPem(const QString &path, const char *what)
{
    QFile file(path);
    if (!file.exists())
        return Result<QByteArray, QString>::failure(QStringLiteral("the TLS %1 file %2 does not exist").arg(QLatin1String(what), path));
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray, QString>::failure(
            QStringLiteral("cannot read the TLS %1 file %2: %3").arg(QLatin1String(what), path, file.errorString()));
    return Result<QByteArray, QString>::success(file.readAll());
}

// Qt has no call that says whether a private key belongs to a certificate, and
// the key's algorithm is not in the PEM header of a PKCS#8 key: try each.
QSslKey privateKey(const QByteArray &pem)
{
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

// Whether the key is the certificate's: a TLS handshake with ourselves on a
// loopback port, the server side with this configuration. OpenSSL refuses a key
// that does not certify the certificate's public key, which is the check we want.
bool handshakeSucceeds(const QSslConfiguration &server, QString *why)
{
    QSslServer listener;
    listener.setSslConfiguration(server);
    if (!listener.listen(QHostAddress::LocalHost, 0)) {
        *why = listener.errorString();
        return false;
    }
    QSslSocket client;
    QSslConfiguration clientConfig = QSslConfiguration::defaultConfiguration();
    clientConfig.setPeerVerifyMode(QSslSocket::VerifyNone); // only the key is checked here, not who signed it
    client.setSslConfiguration(clientConfig);
    QEventLoop loop;
    bool serverDone = false;
    bool failed = false;
    auto finish = [&] {
        if (failed || (serverDone && client.isEncrypted()))
            loop.quit();
    };
    QObject::connect(&listener, &QTcpServer::pendingConnectionAvailable, &loop, [&] {
        serverDone = true;
        finish();
    });
    QObject::connect(&listener, &QSslServer::errorOccurred, &loop, [&](QSslSocket *socket, QAbstractSocket::SocketError) {
        *why = socket->errorString();
        failed = true;
        finish();
    });
    QObject::connect(&client, &QSslSocket::encrypted, &loop, finish);
    QObject::connect(&client, &QSslSocket::errorOccurred, &loop, [&] {
        if (why->isEmpty())
            *why = client.errorString();
        failed = true;
        finish();
    });
    QTimer::singleShot(10000, &loop, [&] {
        *why = QStringLiteral("the TLS self-check timed out");
        failed = true;
        loop.quit();
    });
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.serverPort());
    loop.exec();
    client.abort();
    listener.close();
    return !failed;
}

} // namespace

Result<QSslConfiguration, QString> TlsIdentity::load(const QString &certificateFile, const QString &keyFile)
{
    if (!QSslSocket::supportsSsl())
        return R::failure(QStringLiteral("this Qt has no TLS backend (the openssl plugin in plugins/tls is missing)"));
    auto certPem = readPem(certificateFile, "certificate");
    if (!certPem)
        return R::failure(certPem.error());
    auto keyPem = readPem(keyFile, "key");
    if (!keyPem)
        return R::failure(keyPem.error());
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem.value(), QSsl::Pem);
    if (chain.isEmpty() || chain.front().isNull())
        return R::failure(QStringLiteral("%1 holds no PEM certificate").arg(certificateFile));
    const QSslKey key = privateKey(keyPem.value());
    if (key.isNull())
        return R::failure(QStringLiteral("%1 holds no unencrypted PEM private key").arg(keyFile));

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain); // the leaf first, then any intermediates for the client
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with their token, not a certificate
    config.setProtocol(QSsl::TlsV1_2OrLater);
    QString why;
    if (!handshakeSucceeds(config, &why))
        return R::failure(QStringLiteral("the key in %1 does not match the certificate in %2 (%3)").arg(keyFile, certificateFile, why));
    return R::success(config);
}

} // namespace coauthor::sync
