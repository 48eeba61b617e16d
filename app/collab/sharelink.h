// ShareLink: how a working copy reaches its shared project (server address,
// project id, token, the name shown to others, and whether this computer hosts
// the server). Kept in the working copy's .coauthor folder, beside the offline
// journal, so that reopening the folder reconnects by itself.
#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace coauthor::app {

struct ShareLink
{
    QUrl url; // ws://host:port/ or wss://host:port/
    QString projectId;
    QString token;
    QString name;
    // Set when this app hosts the server itself: the address it listens on
    // (host:port), so that reopening the folder starts the server again.
    QString hostListen;
    // wss:// with a self-signed certificate: its SHA-256 (sync::CertificatePin),
    // from the invitation or the first connection; a changed one is refused.
    QByteArray certificateSha256;

    bool isValid() const { return url.isValid() && !url.host().isEmpty() && !projectId.isEmpty() && !token.isEmpty(); }

    // <workingCopy>/.coauthor/link.json; hidden folders never reach the compile.
    static QString filePath(const QString &workingCopy);
    static std::optional<ShareLink> load(const QString &workingCopy);
    // Written readable by the user only: the token is a password.
    bool save(const QString &workingCopy, QString *error = nullptr) const;

    // "ws://host:port/" from what a user types ("host:port", "ws://host:port", ...).
    static QUrl urlFromText(const QString &text);
};

} // namespace coauthor::app
