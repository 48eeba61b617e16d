#include "app/collab/hostcertificate.h"

#include "sync/client/certificatepin.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>

#include <sys/stat.h>

namespace coauthor::app {

sync::Result<HostCertificate, QString> HostCertificate::load(const QString &certificateFile, const QString &keyFile)
{
    using R = sync::Result<HostCertificate, QString>;
    QFile file(certificateFile);
    if (!file.open(QIODevice::ReadOnly))
        return R::failure(tr("Cannot read “%1”: %2").arg(certificateFile, file.errorString()));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        return R::failure(tr("“%1” holds no certificate.").arg(certificateFile));
    HostCertificate c;
    c.certificateFile = certificateFile;
    c.keyFile = keyFile;
    c.sha256 = sync::CertificatePin::sha256(certificates.front());
    return R::success(c);
}

sync::Result<HostCertificate, QString> HostCertificate::ensure(const QString &dataDir)
{
    const QDir dir(QDir(dataDir).filePath(QStringLiteral("tls")));
    const QString certificate = dir.filePath(QStringLiteral("certificate.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    if (QFile::exists(certificate) && QFile::exists(key))
        return load(certificate, key);
    return create(dir.path());
}

sync::Result<HostCertificate, QString> HostCertificate::create(const QString &directory)
{
    using R = sync::Result<HostCertificate, QString>;
    if (!QDir().mkpath(directory))
        return R::failure(tr("Cannot create the folder “%1”.").arg(directory));
    const QDir dir(directory);
    const QString certificate = dir.filePath(QStringLiteral("certificate.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    const QString newCertificate = certificate + QStringLiteral(".new");
    const QString newKey = key + QStringLiteral(".new");
    QFile::remove(newCertificate);
    QFile::remove(newKey);
    // Qt 6.4 cannot make certificates. The openssl command (Debian's openssl,
    // in dev.sh) does it in one call, and keeps libssl out of our link: Qt loads
    // its TLS backend as a plugin at run time, so linking libssl ourselves would
    // pin a second copy (and its headers) into the app for this one call.
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    // The key is born owner-only: no moment in which others could read it.
    openssl.setChildProcessModifier([] { ::umask(077); });
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-sha256"), QStringLiteral("-days"), QStringLiteral("3650"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=Coauthor host"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"),
                   QStringLiteral("-keyout"), newKey, QStringLiteral("-out"), newCertificate});
    if (!openssl.waitForStarted(10000))
        return R::failure(tr("Cannot run “openssl” to make the server's certificate: %1").arg(openssl.errorString()));
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        openssl.kill();
        return R::failure(tr("“openssl” could not make the server's certificate: %1")
                              .arg(QString::fromLocal8Bit(openssl.readAll()).trimmed()));
    }
    QFile::setPermissions(newKey, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // The key first: a certificate without its key is never left behind as a pair.
    QFile::remove(key);
    QFile::remove(certificate);
    if (!QFile::rename(newKey, key) || !QFile::rename(newCertificate, certificate))
        return R::failure(tr("Cannot write the server's certificate into “%1”.").arg(directory));
    return load(certificate, key);
}

} // namespace coauthor::app
