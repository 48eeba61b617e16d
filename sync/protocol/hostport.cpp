#include "sync/protocol/hostport.h"

namespace coauthor::sync {

std::optional<HostPort> HostPort::parse(const QString &text)
{
    // The last colon: an IPv6 host has colons of its own.
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535 || host.isEmpty())
        return std::nullopt;
    return HostPort{host, quint16(port)};
}

QString HostPort::toString() const
{
    const QString h = host.contains(u':') ? u'[' + host + u']' : host;
    return h + u':' + QString::number(port);
}

} // namespace coauthor::sync
