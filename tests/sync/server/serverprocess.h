#pragma once

// coauthor-server run as its own process, the way an operator runs it: a project
// created through its command line, then `--listen` on a free loopback port. For
// the tests that kill it (-9), that must keep it out of their own process limits,
// and for the load benchmark.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace coauthor::sync::test {

// A port nothing listens on at the moment (another process may take it before use).
quint16 freeLoopbackPort();

struct CreatedProject
{
    QString id;
    QString token;  // read-write
    QString output; // what the command printed, for a failure message
    bool ok() const { return !id.isEmpty() && !token.isEmpty(); }
};

// Runs `BINARY project create NAME --data DATA_DIR EXTRA…` (e.g. --docstore URL)
// and reads the project id and the read-write token it prints.
CreatedProject createProject(const QString &binary, const QString &dataDir, const QString &name,
                             const QStringList &extra = {});

// Starts `BINARY --listen 127.0.0.1:PORT --data DATA_DIR EXTRA…` in process (whose
// channel setup is the caller's) and waits for its "listening on" line.
bool startServer(QProcess &process, const QString &binary, quint16 port, const QString &dataDir,
                 const QStringList &extra = {});

} // namespace coauthor::sync::test
