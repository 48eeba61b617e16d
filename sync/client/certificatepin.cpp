#include "sync/client/certificatepin.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslError>

namespace coauthor::sync {

QString CertificatePin::format(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

QByteArray CertificatePin::parse(const QString &text)
{
    QString hex = text.trimmed();
    static const QRegularExpression paired(QStringLiteral("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$"));
    static const QRegularExpression plain(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (paired.match(hex).hasMatch())
        hex.remove(u':');
    else if (!plain.match(hex).hasMatch())
        return {};
    return QByteArray::fromHex(hex.toLatin1());
}

QByteArray CertificatePin::sha256(const QSslCertificate &certificate)
{
    return certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256);
}

bool CertificatePin::acceptsErrors(const QByteArray &pin, const QSslCertificate &peer, const QList<QSslError> &errors)
{
    if (pin.size() != 32 || sha256(peer) != pin)
        return false;
    for (const QSslError &e : errors) {
        switch (e.error()) {
        case QSslError::SelfSignedCertificate: // the host's certificate signs itself
        case QSslError::CertificateUntrusted:  // ... so no CA vouches for it
        case QSslError::HostNameMismatch:      // and it cannot name every address the host is reached by
            break;
        default:
            return false; // expired, revoked, a chain ... : not what the pin vouches for
        }
        if (!e.certificate().isNull() && sha256(e.certificate()) != pin)
            return false;
    }
    return true;
}

} // namespace coauthor::sync
