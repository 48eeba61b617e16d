#pragma once

// TlsIdentity: coauthor-server's certificate and private key for wss://, loaded
// from PEM files and checked to belong together before the server listens, so
// that a wrong file is a clear error at start instead of a failed handshake for
// every client later (docs/security.md, "Encryption").

#include "sync/common/result.h"

#include <QSslConfiguration>
#include <QString>

namespace coauthor::sync {

class TlsIdentity
{
public:
    // The server side of a TLS configuration (TLS 1.2 or later, no client
    // certificates), or why the files cannot serve: missing, unreadable, not
    // PEM, or a key that is not the certificate's.
    static Result<QSslConfiguration, QString> load(const QString &certificateFile, const QString &keyFile);
};

} // namespace coauthor::sync
