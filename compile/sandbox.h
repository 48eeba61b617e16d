#pragma once

#include "compile/sandboxuid.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

class QProcess;

namespace coauthor::compile {

// Resource limits of one sandboxed run. Each is a setrlimit of every process in the
// sandbox (inherited by the children of latexmk), except the tmpfs size. The wall-clock
// timeout is the runner's (LatexmkRunner kills the whole sandbox at it).
struct SandboxLimits
{
    int cpuSeconds = 300;                            // RLIMIT_CPU, per process
    qint64 addressSpaceBytes = 4LL << 30;            // RLIMIT_AS, per process
    int processes = 64;                              // RLIMIT_NPROC: processes of the sandbox (its own uid, as root)
    qint64 fileSizeBytes = 256LL << 20;              // RLIMIT_FSIZE: no file written grows past it
    int openFiles = 256;                             // RLIMIT_NOFILE
    qint64 tmpfsBytes = 64LL << 20;                  // size of each of the fresh /tmp and HOME
    // The uids (and gids) a sandbox runs as when the caller is root (RLIMIT_NPROC is not
    // enforced for root, and root needs no user namespace): each sandbox its own, leased
    // for as long as its process object lives. Ignored for other callers, whose sandbox
    // runs under their own uid in a new user namespace (their process limit is the user's).
    SandboxUidRange uidsWhenRoot;
};

// Runs a compile's processes under bubblewrap (bwrap), for projects whose content is not
// trusted (compile workers): no network, new user/pid/ipc/uts namespaces, /usr, the TeX
// tree (/etc/texmf, /var/lib/texmf) and a few files of /etc read-only (never /etc/passwd),
// a fresh tmpfs /tmp and HOME, the compile directory bound at its own path as the only
// writable place, an environment of TeX's variables only (not the worker's: /proc/self/environ
// is readable inside), rlimits for CPU time, memory, processes, file size and open files,
// and --die-with-parent, so that killing the outer bwrap ends everything inside.
// The seam: a runner sets up its QProcess as usual and calls confine() before start().
class Sandbox
{
public:
    explicit Sandbox(const SandboxLimits &limits = {});

    const SandboxLimits &limits() const { return m_limits; }

    // Empty when bwrap is installed and can make the sandbox here, else why not (with the
    // Debian package to install). Runs bwrap once per process, then answers from memory.
    static QString unavailableReason();

    // Rewrites process (program, arguments, working directory and environment already set)
    // to run inside the sandbox: writableDir (the working directory or a parent of it) is
    // the only writable place, readOnlyPaths are visible read-only at their own paths.
    // Replaces the child process modifier with the sandbox's, which starts a new session
    // (the process is its group's leader: kill(-pid) reaches the outer bwrap), sets the
    // limits. For root, a uid of uidsWhenRoot is leased (held until process is destroyed),
    // bwrap runs privileged and setpriv drops to that uid (no new privileges) before the
    // program, writableDir's tree is given to it first and readOnlyPaths are made readable
    // by others (they are for the sandbox to read).
    // False with *error when it cannot.
    bool confine(QProcess &process, const QString &writableDir, const QStringList &readOnlyPaths,
                 QString *error = nullptr) const;

    // The bwrap arguments for a program run by confine() (without the program "bwrap").
    // asRoot: bwrap runs privileged and the program is started through setpriv.
    QStringList bwrapArguments(const QString &writableDir, const QString &workDir,
                               const QStringList &readOnlyPaths, bool asRoot) const;

    // HOME inside the sandbox (a fresh tmpfs).
    static QString homeDir();

private:
    SandboxLimits m_limits;
};

} // namespace coauthor::compile
