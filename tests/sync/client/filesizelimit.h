#pragma once

// FileSizeLimit: a full disk for the tests, without root. Lowers this
// process's RLIMIT_FSIZE so that a write taking any file past `bytes` fails
// with EFBIG (SIGXFSZ ignored), as a write to a full filesystem fails with
// ENOSPC; lift() or the destructor restores the old limit. Child processes
// started while it is active inherit it: start servers before.

#include <QtGlobal>

#include <signal.h>
#include <sys/resource.h>

class FileSizeLimit
{
public:
    explicit FileSizeLimit(qint64 bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_saved);
        m_oldHandler = ::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = m_saved;
        lowered.rlim_cur = rlim_t(bytes);
        m_active = ::setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit() { lift(); }
    Q_DISABLE_COPY(FileSizeLimit)

    bool isActive() const { return m_active; }
    void lift()
    {
        if (!m_active)
            return;
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        ::signal(SIGXFSZ, m_oldHandler);
        m_active = false;
    }

private:
    rlimit m_saved{};
    void (*m_oldHandler)(int) = SIG_DFL;
    bool m_active = false;
};
