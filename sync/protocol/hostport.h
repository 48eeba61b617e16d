#pragma once

// HostPort: an address as "host:port", the form coauthor-server's --listen takes
// and a hosted share link keeps (IPv6 hosts in brackets: "[::1]:7420"). One
// parser and one formatter for the server, the app that hosts it and the tests.

#include <QString>

#include <optional>

namespace coauthor::sync {

struct HostPort
{
    QString host; // without brackets
    quint16 port = 0;

    // Empty host or a port that is not a number up to 65535 gives nullopt; the
    // host itself is not checked here (a caller that needs an IP checks it).
    static std::optional<HostPort> parse(const QString &text);
    QString toString() const;
};

} // namespace coauthor::sync
