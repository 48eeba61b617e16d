#pragma once

#include <QString>

#include <memory>

namespace coauthor::compile {

// The uids a root-run sandbox may drop to: one per sandbox running at once on the machine,
// so that RLIMIT_NPROC (which counts the processes of a uid, machine-wide) is a limit per
// sandbox. A uid is taken by an exclusive flock on <lockDir>/uid-<n>.lock, which every
// worker of the machine shares; the kernel drops the lock when its holder exits, so a
// worker killed -9 frees its uid at once.
//
// Why uids and not cgroups: a cgroup pids/memory limit needs a writable cgroup tree, which
// depends on the machine: this one (a container) has cgroup v1 pids and memory writable by
// root and a cgroup v2 hierarchy without those controllers; a Debian 12 host has cgroup v2
// only, writable by a service only with systemd's Delegate=yes. A uid per sandbox works the
// same everywhere root can setuid, and RLIMIT_NPROC counts exactly that sandbox's processes.
// (Memory stays a per-process RLIMIT_AS; a per-sandbox memory cap would need the cgroup.)
struct SandboxUidRange
{
    // 0x70000000: above the ranges Debian and systemd allocate (users, DynamicUser,
    // nspawn containers; systemd.io/UIDS-GIDS) and below 2^31. Each is used as the gid too.
    uint first = 0x70000000u;
    int count = 64;                                      // sandboxes at once on the machine
    QString lockDir = QStringLiteral("/run/coauthor-sandbox");
};

// A uid of the range held for one sandbox; released when destroyed.
class SandboxUidLease
{
public:
    ~SandboxUidLease();
    SandboxUidLease(const SandboxUidLease &) = delete;
    SandboxUidLease &operator=(const SandboxUidLease &) = delete;

    uint uid() const { return m_uid; }

    // The first free uid of range, or nullptr with *error (the lock folder cannot be made,
    // or every uid is held: more sandboxes at once than the range has uids).
    static std::unique_ptr<SandboxUidLease> acquire(const SandboxUidRange &range, QString *error);

private:
    SandboxUidLease(uint uid, int fd) : m_uid(uid), m_fd(fd) {}

    uint m_uid;
    int m_fd;
};

} // namespace coauthor::compile
