// HostCertificate: the self-signed certificate "Host on this computer" serves
// wss:// with, made on first use in the host's data folder and kept, so that
// the fingerprint in earlier invitations stays true (docs/security.md,
// "Encryption").
#pragma once

#include "sync/common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace coauthor::app {

class HostCertificate
{
    Q_DECLARE_TR_FUNCTIONS(HostCertificate)

public:
    QString certificateFile; // PEM
    QString keyFile;         // PEM, mode 0600
    QByteArray sha256;       // of the certificate (sync::CertificatePin)

    // <dataDir>/tls/certificate.pem and key.pem: loaded when both are there,
    // else made with the openssl command (an ECDSA P-256 key, ten years).
    static sync::Result<HostCertificate, QString> ensure(const QString &dataDir);
    // Always a new pair in dir (used by ensure and by the tests' CA-less cases).
    static sync::Result<HostCertificate, QString> create(const QString &dir);

private:
    static sync::Result<HostCertificate, QString> load(const QString &certificateFile, const QString &keyFile);
};

} // namespace coauthor::app
