// ServerHost: runs the bundled coauthor-server on this computer for "Host on
// this computer": creates a project and its tokens through the server's command
// line, starts it (with its embedded Redis) and stops it with SIGTERM so it
// flushes. The server never outlives the app.
#pragma once

#include "sync/common/result.h"

#include <QObject>
#include <QUrl>

class QProcess;

namespace coauthor::app {

class ServerHost : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ServerHost)

public:
    // What the host gives to the people it writes with.
    struct Invitation
    {
        QString projectId;
        QString readWriteToken;
        QString readOnlyToken;
    };

    // One person's invitation to a hosted project (coauthor-server invite list).
    struct Guest
    {
        QString id;
        QString name;
        bool readOnly = false;
        bool revoked = false;
    };

    explicit ServerHost(QObject *parent = nullptr);
    ~ServerHost() override; // stops the server

    // coauthor-server beside the app's executable.
    static QString defaultProgram();
    // QStandardPaths::AppDataLocation/server.
    static QString defaultDataDir();
    void setProgram(const QString &program) { m_program = program; }
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    QString dataDir() const { return m_dataDir; }

    // A new project with a read-write and a read-only token. Runs the server's
    // admin commands (quick; they write the docstore in dataDir).
    sync::Result<Invitation, QString> createProject(const QString &name);

    // Invitations, one per person (coauthor-server invite create / list / revoke):
    // the server takes the person's name and identity from the token it returns.
    // A running server closes a revoked person's connections within a second.
    sync::Result<QString, QString> invite(const QString &projectId, const QString &name, bool readOnly); // the token
    sync::Result<QList<Guest>, QString> invitations(const QString &projectId);
    sync::Result<void, QString> revoke(const QString &projectId, const QString &invitationId);

    // Starts the server listening on host:port (port 0: a free one) and waits
    // until it accepts connections. Beyond loopback it serves wss:// with the
    // host's self-signed certificate (HostCertificate, made on first use):
    // tokens and text never cross a network in clear.
    sync::Result<void, QString> start(const QString &host, quint16 port, int timeoutMs = 20000);
    // SIGTERM, then waits for it to flush and exit (killed after timeoutMs).
    void stop(int timeoutMs = 10000);
    bool isRunning() const;

    // host:port as given to --listen.
    QString listenAddress() const;
    // The address others connect to: for 0.0.0.0 this computer's first
    // non-loopback IPv4 address, else the listen host.
    QUrl publicUrl() const;
    // The address this app connects to (loopback when listening everywhere).
    QUrl localUrl() const;

    static quint16 freePort(const QString &host);

    // wss:// (listening beyond loopback); then certificateSha256() is what
    // invitations carry for the joining app to pin.
    bool isEncrypted() const { return !m_certificateSha256.isEmpty(); }
    QByteArray certificateSha256() const { return m_certificateSha256; }

Q_SIGNALS:
    // The server exited without stop() being called.
    void exitedUnexpectedly(const QString &output);

private:
    sync::Result<QString, QString> runAdmin(const QStringList &arguments);

    QString m_program;
    QString m_dataDir;
    QString m_host;
    quint16 m_port = 0;
    QProcess *m_process = nullptr;
    QByteArray m_output;
    bool m_stopping = false;
    QByteArray m_certificateSha256;
};

} // namespace coauthor::app
