#include "compile/sandboxuid.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace coauthor::compile {

SandboxUidLease::~SandboxUidLease()
{
    ::close(m_fd); // drops the flock
}

std::unique_ptr<SandboxUidLease> SandboxUidLease::acquire(const SandboxUidRange &range, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return nullptr;
    };
    if (range.count <= 0)
        return fail(QStringLiteral("the sandbox's uid range is empty"));
    if (!QDir().mkpath(range.lockDir))
        return fail(QStringLiteral("cannot create %1 (the sandbox's uid locks)").arg(range.lockDir));
    for (int i = 0; i < range.count; ++i) {
        const uint uid = range.first + uint(i);
        const QByteArray path = QFile::encodeName(range.lockDir + QStringLiteral("/uid-%1.lock").arg(uid));
        // Each open is its own open file description, so two leases in one process
        // exclude each other as leases in two processes do.
        const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0)
            return fail(QStringLiteral("cannot open %1: %2").arg(QFile::decodeName(path), QString::fromLocal8Bit(::strerror(errno))));
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            return std::unique_ptr<SandboxUidLease>(new SandboxUidLease(uid, fd));
        ::close(fd);
    }
    return fail(QStringLiteral("all %1 sandbox uids from %2 are in use (more compiles at once than the range has uids)")
                    .arg(range.count)
                    .arg(range.first));
}

} // namespace coauthor::compile
