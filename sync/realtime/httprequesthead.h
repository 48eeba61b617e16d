#pragma once

// HttpRequestHead: the request line and header fields of one HTTP/1.1 request, read
// from the first bytes of a connection on the server's port (docs/protocol.md,
// "HTTP"). Pure and bounded: at most maxBytes and maxFields are looked at, so a peer
// cannot make the server buffer or parse more than that before it is answered.

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace coauthor::sync {

struct HttpRequestHead
{
    static constexpr qsizetype maxBytes = 8 * 1024; // request line + fields + the empty line
    static constexpr int maxFields = 64;

    enum class State {
        Incomplete,         // no empty line yet within the bytes given: read more (up to maxBytes)
        Complete,
        Malformed,          // 400
        TooLarge,           // 431: no end of the head within maxBytes, or too many fields
        UnsupportedVersion, // 505: not HTTP/1.0 or HTTP/1.1
    };

    QByteArray method;  // as sent (methods are case-sensitive)
    QByteArray target;  // origin-form: "/path?query"
    QByteArray version; // "HTTP/1.1"
    QList<std::pair<QByteArray, QByteArray>> fields; // names in lower case, values trimmed
    qsizetype size = 0; // bytes of the head, its empty line included

    // The value of the first field with that (lower-case) name; empty if none.
    QByteArray field(const QByteArray &name) const;
    // "Upgrade: websocket" (any case): the WebSocket server's, not ours.
    bool isWebSocketUpgrade() const;
    // The target's path, without the query; not percent-decoded.
    QByteArray path() const;

    struct Parsed
    {
        State state = State::Incomplete;
        QString error; // for Malformed, TooLarge and UnsupportedVersion: what was wrong
    };
    // Parses the head at the start of bytes (more bytes after it are left alone).
    static Parsed parse(const QByteArray &bytes, HttpRequestHead *head);
};

} // namespace coauthor::sync
