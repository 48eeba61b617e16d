#pragma once

// PostgresCluster: a private PostgreSQL server for the tests, the way they start
// redis-server: initdb in a temporary directory, a free loopback port, the unix
// socket inside that directory, one login role with a password and a database per
// caller, stopped and removed on destruction. PostgreSQL refuses to run as root, so
// under root the server (and initdb) run as the `postgres` system user; otherwise as
// the current user. Started without fsync: the tests kill servers that use it, never
// the machine, and a commit then costs no disk flush.

#include "sync/common/result.h"

#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace coauthor::test {

class PostgresCluster
{
public:
    PostgresCluster();
    ~PostgresCluster(); // fast shutdown, then the directory is removed
    Q_DISABLE_COPY_MOVE(PostgresCluster)

    // initdb, start, wait until it accepts connections (a second or two); the
    // error names what failed and ends with the server's log.
    sync::Result<void, QString> start();
    void stop();
    // Stops it (fast shutdown: every client connection is cut) and starts it again
    // on the same port and data, as an operator's restart or a failover does.
    sync::Result<void, QString> restart();
    bool isRunning() const;

    // The cluster every test of this executable shares, started on first use and
    // stopped when the application object goes away (also after a failed test; if
    // the test process dies, the server gets SIGQUIT from the kernel). A failure to
    // start is returned each time, with the reason.
    static sync::Result<PostgresCluster *, QString> shared();

    // A new, empty database owned by the login role; returns its URL in the form
    // Docstore::open takes: postgresql://USER:PASSWORD@127.0.0.1:PORT/NAME.
    sync::Result<QString, QString> createDatabase();
    // Runs SQL through psql as the superuser on database (unaligned, tuples only);
    // returns what psql printed.
    sync::Result<QString, QString> psql(const QString &database, const QString &sql);

    quint16 port() const { return m_port; }
    QString user() const { return QStringLiteral("coauthor"); }
    QString password() const { return m_password; }
    QString url(const QString &database) const;
    QString directory() const;
    QString log() const; // the server's output so far
    // The folder with initdb, postgres, psql: $COAUTHOR_POSTGRES_BINDIR, else the
    // newest /usr/lib/postgresql/N/bin (Debian, Ubuntu), else the folder of initdb
    // on PATH; empty when none is found.
    static QString binDir();

private:
    sync::Result<void, QString> launch(bool samePort);
    sync::Result<QString, QString> run(const QString &program, const QStringList &args, int timeoutMs);
    void runAsServerUser(QProcess &process) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_server;
    QString m_binDir;
    QString m_password;
    quint16 m_port = 0;
    int m_databases = 0;
    // The account the server runs as: -1 for the current user (not root).
    int m_uid = -1;
    int m_gid = -1;
};

} // namespace coauthor::test
