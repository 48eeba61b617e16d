#include "compile/sandbox.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <mutex>
#include <sys/resource.h>
#include <unistd.h>

namespace coauthor::compile {

namespace {

// What of /etc TeX needs: texmf.cnf and its friends, fontconfig for XeTeX/LuaTeX, the
// dynamic linker's cache, the alternatives some /usr/bin names point through, the time
// zone and the paper size. Not passwd, group, shadow, hosts, ssl, nor anything else: a
// project can \input or \openin any file it can see.
const char *const etcReadOnly[] = {
    "/etc/texmf", "/etc/fonts", "/etc/ld.so.cache", "/etc/alternatives", "/etc/localtime", "/etc/papersize",
};

// Variables that reach the sandbox: kpathsea's and TeX's own settings, the time and
// language. The worker's environment stays out (it may hold a database password, and
// /proc/self/environ can be read into a PDF).
bool passesIntoSandbox(const QString &name)
{
    static const QRegularExpression allowed(QStringLiteral(
        "^(openout_any|openin_any|shell_escape|shell_escape_commands|max_print_line|error_line|half_error_line"
        "|SOURCE_DATE_EPOCH|FORCE_SOURCE_DATE|TZ|LANG|LC_ALL|TEXMF[A-Z]*|[A-Z]*INPUTS|BIBINPUTS|BSTINPUTS)$"));
    return allowed.match(name).hasMatch();
}

void setLimit(int resource, rlim_t value)
{
    const struct rlimit limit{value, value};
    if (::setrlimit(resource, &limit) != 0)
        ::_exit(126);
}

// The rlim_t of a byte count; non-positive means no limit.
rlim_t bytesLimit(qint64 bytes)
{
    return bytes > 0 ? rlim_t(bytes) : RLIM_INFINITY;
}

// Gives a tree to uid:gid without following symbolic links (lchown), so that the
// sandbox's unprivileged uid can write where root synced the files.
bool giveTree(const QString &dir, uint uid, uint gid, QString *error)
{
    auto give = [&](const QString &path) {
        if (::lchown(QFile::encodeName(path).constData(), uid, gid) == 0)
            return true;
        if (error)
            *error = QStringLiteral("cannot give %1 to the sandbox's user").arg(path);
        return false;
    };
    if (!give(dir))
        return false;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (!give(it.next()))
            return false;
    }
    return true;
}

// Keeps a sandbox's uid leased for as long as its QProcess lives (a child of it): the
// runners wait for the process and destroy it after, when nothing of the sandbox is left.
class UidLeaseHolder : public QObject
{
public:
    UidLeaseHolder(std::unique_ptr<SandboxUidLease> lease, QObject *process)
        : QObject(process), m_lease(std::move(lease))
    {
    }

private:
    std::unique_ptr<SandboxUidLease> m_lease;
};

} // namespace

Sandbox::Sandbox(const SandboxLimits &limits)
    : m_limits(limits)
{
}

QString Sandbox::homeDir()
{
    return QStringLiteral("/home/coauthor");
}

QStringList Sandbox::bwrapArguments(const QString &writableDir, const QString &workDir,
                                    const QStringList &readOnlyPaths, bool asRoot) const
{
    QStringList args{
        QStringLiteral("--unshare-ipc"), QStringLiteral("--unshare-pid"), QStringLiteral("--unshare-net"),
        QStringLiteral("--unshare-uts"), QStringLiteral("--unshare-cgroup-try"),
        QStringLiteral("--hostname"), QStringLiteral("sandbox"),
        QStringLiteral("--die-with-parent"),
        // Its own session: no TIOCSTI into a terminal, and the sandbox is not in the
        // outer process group, so the runner's kill(-pgid) hits bwrap, whose death
        // (--die-with-parent) ends the pid namespace and everything in it.
        QStringLiteral("--new-session"),
        QStringLiteral("--ro-bind"), QStringLiteral("/usr"), QStringLiteral("/usr"),
        // Debian's merged /usr.
        QStringLiteral("--symlink"), QStringLiteral("usr/bin"), QStringLiteral("/bin"),
        QStringLiteral("--symlink"), QStringLiteral("usr/sbin"), QStringLiteral("/sbin"),
        QStringLiteral("--symlink"), QStringLiteral("usr/lib"), QStringLiteral("/lib"),
        QStringLiteral("--symlink"), QStringLiteral("usr/lib64"), QStringLiteral("/lib64"),
        // The TeX tree: formats, ls-R, the LuaTeX cache.
        QStringLiteral("--ro-bind-try"), QStringLiteral("/var/lib/texmf"), QStringLiteral("/var/lib/texmf"),
    };
    if (asRoot) {
        // Privileged bwrap makes the mounts (it can reach directories only root may
        // enter), then setpriv drops to the sandbox's uid: these two capabilities are
        // all the sandbox starts with, and setuid clears them.
        args << QStringLiteral("--cap-add") << QStringLiteral("CAP_SETUID") << QStringLiteral("--cap-add")
             << QStringLiteral("CAP_SETGID");
    } else {
        // A user namespace (bwrap cannot do without one unprivileged), and none of the
        // sandbox's own inside it: less of the kernel within reach.
        args << QStringLiteral("--unshare-user") << QStringLiteral("--disable-userns");
    }
    for (const char *path : etcReadOnly)
        args << QStringLiteral("--ro-bind-try") << QString::fromLatin1(path) << QString::fromLatin1(path);
    args << QStringLiteral("--proc") << QStringLiteral("/proc") << QStringLiteral("--dev") << QStringLiteral("/dev");
    const QString tmpfsSize = QString::number(m_limits.tmpfsBytes > 0 ? m_limits.tmpfsBytes : 64LL << 20);
    args << QStringLiteral("--size") << tmpfsSize << QStringLiteral("--tmpfs") << QStringLiteral("/tmp");
    args << QStringLiteral("--size") << tmpfsSize << QStringLiteral("--tmpfs") << homeDir();
    for (const QString &path : readOnlyPaths)
        args << QStringLiteral("--ro-bind") << path << path;
    // Last, so that nothing above can shadow it.
    args << QStringLiteral("--bind") << writableDir << writableDir;
    // The folders bwrap made to hold the binds (and the two tmpfs) are root's 0700/0755
    // in privileged mode: let the sandbox's uid pass through them (inside only).
    args << QStringLiteral("--chmod") << QStringLiteral("1777") << QStringLiteral("/tmp");
    args << QStringLiteral("--chmod") << QStringLiteral("1777") << homeDir();
    // The host's folders and files bound in (/tmp and HOME are the sandbox's own tmpfs).
    QStringList mounts = QStringList(readOnlyPaths) << writableDir << QStringLiteral("/usr")
                                                    << QStringLiteral("/var/lib/texmf") << QStringLiteral("/proc")
                                                    << QStringLiteral("/dev");
    for (const char *path : etcReadOnly)
        mounts << QString::fromLatin1(path);
    auto isMounted = [&mounts](const QString &dir) {
        return std::any_of(mounts.begin(), mounts.end(), [&dir](const QString &mount) {
            return dir == mount || dir.startsWith(mount + u'/');
        });
    };
    QStringList ancestors;
    const QStringList holders = QStringList(mounts) << homeDir();
    for (const QString &path : holders) {
        for (QString dir = QFileInfo(path).path(); dir.size() > 1; dir = QFileInfo(dir).path()) {
            // Only folders bwrap made itself (/etc, /var, the folders above the binds),
            // never a mount: inside a bind, a chmod would change the host's folder.
            if (!isMounted(dir) && dir != QLatin1String("/tmp") && !ancestors.contains(dir))
                ancestors << dir;
        }
    }
    for (const QString &dir : std::as_const(ancestors))
        args << QStringLiteral("--dir") << dir << QStringLiteral("--chmod") << QStringLiteral("0755") << dir;
    args << QStringLiteral("--chdir") << workDir;
    return args;
}

bool Sandbox::confine(QProcess &process, const QString &writableDir, const QStringList &readOnlyPaths,
                      QString *error) const
{
    const QString bwrap = QStandardPaths::findExecutable(QStringLiteral("bwrap"));
    if (bwrap.isEmpty()) {
        if (error)
            *error = QStringLiteral("bwrap is not installed (install the Debian package bubblewrap)");
        return false;
    }
    const QString writable = QFileInfo(writableDir).absoluteFilePath();
    const QString workDir = process.workingDirectory().isEmpty() ? writable
                                                                  : QFileInfo(process.workingDirectory()).absoluteFilePath();
    if (workDir != writable && !workDir.startsWith(writable + u'/')) {
        if (error)
            *error = QStringLiteral("the working directory %1 is outside the sandbox's %2").arg(workDir, writable);
        return false;
    }
    QStringList readOnly;
    for (const QString &path : readOnlyPaths)
        readOnly << QFileInfo(path).absoluteFilePath();

    const bool root = ::geteuid() == 0;
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (root && setpriv.isEmpty()) {
        if (error)
            *error = QStringLiteral("setpriv is not installed (install the Debian package util-linux)");
        return false;
    }
    std::unique_ptr<SandboxUidLease> lease;
    if (root) {
        lease = SandboxUidLease::acquire(m_limits.uidsWhenRoot, error);
        if (!lease)
            return false;
    }
    const uint uid = lease ? lease->uid() : 0;
    if (root && !giveTree(writable, uid, uid, error))
        return false;
    if (root) {
        // The sandbox's uid reads them with the host's permissions; a path handed to the
        // sandbox to read is for it to read (QSaveFile writes 0600).
        for (const QString &path : std::as_const(readOnly)) {
            QFile file(path);
            const QFileDevice::Permissions wanted = file.permissions() | QFileDevice::ReadOther
                | (QFileInfo(path).isDir() ? QFileDevice::ExeOther : QFileDevice::Permissions());
            if (wanted != file.permissions() && !file.setPermissions(wanted)) {
                if (error)
                    *error = QStringLiteral("cannot let the sandbox read %1").arg(path);
                return false;
            }
        }
    }

    QProcessEnvironment outer = process.processEnvironment();
    if (outer.isEmpty())
        outer = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment inner;
    for (const QString &name : outer.keys()) {
        if (passesIntoSandbox(name))
            inner.insert(name, outer.value(name));
    }
    inner.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    inner.insert(QStringLiteral("HOME"), homeDir());
    inner.insert(QStringLiteral("TMPDIR"), QStringLiteral("/tmp"));
    if (!inner.contains(QStringLiteral("LANG")))
        inner.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    process.setProcessEnvironment(inner);

    QStringList args = bwrapArguments(writable, workDir, readOnly, root);
    args << QStringLiteral("--");
    if (root) {
        // no-new-privs: a setuid-root program of /usr cannot bring root back.
        args << setpriv << QStringLiteral("--reuid=%1").arg(uid)
             << QStringLiteral("--regid=%1").arg(uid) << QStringLiteral("--clear-groups")
             << QStringLiteral("--inh-caps=-all") << QStringLiteral("--no-new-privs") << QStringLiteral("--");
    }
    args << process.program() << process.arguments();
    process.setProgram(bwrap);
    process.setArguments(args);
    if (lease)
        new UidLeaseHolder(std::move(lease), &process);
    // bwrap resolves --chdir itself; its own cwd must exist for the outer process only.
    process.setWorkingDirectory(writable);

    const SandboxLimits limits = m_limits;
    // Runs in the child between fork and exec: system calls only. The limits hold for
    // bwrap and everything it starts; root is exempt from RLIMIT_NPROC until setpriv
    // has dropped to the sandbox's uid.
    process.setChildProcessModifier([limits] {
        ::setsid();
        setLimit(RLIMIT_CORE, 0);
        if (limits.cpuSeconds > 0)
            setLimit(RLIMIT_CPU, rlim_t(limits.cpuSeconds));
        setLimit(RLIMIT_AS, bytesLimit(limits.addressSpaceBytes));
        setLimit(RLIMIT_FSIZE, bytesLimit(limits.fileSizeBytes));
        if (limits.openFiles > 0)
            setLimit(RLIMIT_NOFILE, rlim_t(limits.openFiles));
        if (limits.processes > 0)
            setLimit(RLIMIT_NPROC, rlim_t(limits.processes));
    });
    return true;
}

QString Sandbox::unavailableReason()
{
    static std::once_flag once;
    static QString reason;
    std::call_once(once, [] {
        QTemporaryDir dir;
        if (!dir.isValid()) {
            reason = QStringLiteral("cannot make a temporary directory to try bwrap");
            return;
        }
        QProcess process;
        process.setProgram(QStringLiteral("/usr/bin/true"));
        process.setWorkingDirectory(dir.path());
        process.setStandardInputFile(QProcess::nullDevice());
        QString error;
        if (!Sandbox().confine(process, dir.path(), {}, &error)) {
            reason = error;
            return;
        }
        process.start();
        if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            reason = QStringLiteral("bwrap cannot make a sandbox here (user namespaces disabled?): %1")
                         .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
            process.kill();
            process.waitForFinished(1000);
        }
    });
    return reason;
}

} // namespace coauthor::compile
