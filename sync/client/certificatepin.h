#pragma once

// CertificatePin: trust on first use for a self-signed wss:// server, as Gobby
// and Syncthing do. The pin is the SHA-256 digest of the server's certificate
// (from the invitation, or the first one seen); a connection is accepted past
// TLS verification errors only when those are the ones a self-signed
// certificate causes and the certificate is the pinned one. Without a pin,
// normal verification applies (a public CA's certificate just works).

#include <QByteArray>
#include <QList>
#include <QString>

class QSslCertificate;
class QSslError;

namespace coauthor::sync {

class CertificatePin
{
public:
    // "AB:CD:…" (32 pairs, upper case), as in invitations and `openssl x509 -fingerprint -sha256`.
    static QString format(const QByteArray &sha256);
    // The 32 bytes of a fingerprint written as above, or as 64 hex digits; empty when it is neither.
    static QByteArray parse(const QString &text);
    static QByteArray sha256(const QSslCertificate &certificate);

    // Whether to ignore these verification errors of the given peer certificate
    // with this pin: the pin matches the certificate and every error is one a
    // self-signed certificate for an address it does not name would raise.
    static bool acceptsErrors(const QByteArray &pin, const QSslCertificate &peer, const QList<QSslError> &errors);
};

} // namespace coauthor::sync
