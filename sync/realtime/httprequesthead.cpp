#include "sync/realtime/httprequesthead.h"

#include <algorithm>

namespace coauthor::sync {

namespace {

// RFC 9110 tchar: what a method and a field name are made of.
bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

// Visible ASCII only: no spaces, no controls, no bytes above 0x7e in a target.
bool isVisible(const QByteArray &text)
{
    for (const char c : text)
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return false;
    return true;
}

// A field value: visible characters, spaces and tabs, and obs-text (0x80 and up).
bool isFieldValue(const QByteArray &text)
{
    for (const char c : text)
        if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
            return false;
    return true;
}

HttpRequestHead::Parsed failed(HttpRequestHead::State state, const QString &error)
{
    return HttpRequestHead::Parsed{state, error};
}

} // namespace

QByteArray HttpRequestHead::field(const QByteArray &name) const
{
    for (const auto &[n, value] : fields)
        if (n == name)
            return value;
    return {};
}

bool HttpRequestHead::isWebSocketUpgrade() const
{
    // Upgrade may list several protocols ("websocket, h2c").
    for (const auto &[name, value] : fields) {
        if (name != "upgrade")
            continue;
        for (const QByteArray &protocol : value.split(','))
            if (protocol.trimmed().toLower() == "websocket")
                return true;
    }
    return false;
}

QByteArray HttpRequestHead::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

HttpRequestHead::Parsed HttpRequestHead::parse(const QByteArray &bytes, HttpRequestHead *head)
{
    *head = HttpRequestHead{};
    const QByteArray window = bytes.left(maxBytes);
    // The head ends at an empty line; LF alone is accepted as a line end (RFC 9112 2.2).
    qsizetype end = -1;
    qsizetype endLength = 0;
    for (qsizetype i = window.indexOf('\n'); i >= 0; i = window.indexOf('\n', i + 1)) {
        if (i + 1 < window.size() && window.at(i + 1) == '\n') {
            end = i + 1;
            endLength = 1;
            break;
        }
        if (i + 2 < window.size() && window.at(i + 1) == '\r' && window.at(i + 2) == '\n') {
            end = i + 1;
            endLength = 2;
            break;
        }
    }
    if (end < 0) {
        // Said early: what can never become a request is not waited for.
        const qsizetype firstLine = window.indexOf('\n');
        const QByteArray start = (firstLine < 0 ? window : window.left(firstLine)).trimmed();
        const qsizetype space = start.indexOf(' ');
        if (!start.isEmpty() && !isToken(space < 0 ? start : start.left(space)))
            return failed(State::Malformed, QStringLiteral("not an HTTP request"));
        if (window.size() >= maxBytes)
            return failed(State::TooLarge, QStringLiteral("the request head is longer than %1 bytes").arg(maxBytes));
        return Parsed{};
    }
    head->size = end + endLength;

    QList<QByteArray> lines = window.left(end - 1).split('\n'); // without the last field's line end
    for (QByteArray &line : lines)
        if (line.endsWith('\r'))
            line.chop(1);
    // The request line: METHOD SP TARGET SP VERSION, single spaces.
    const QList<QByteArray> parts = lines.takeFirst().split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || !isVisible(parts.at(1)) || parts.at(2).isEmpty())
        return failed(State::Malformed, QStringLiteral("the request line is not METHOD TARGET HTTP/1.1"));
    if (!parts.at(2).startsWith("HTTP/"))
        return failed(State::Malformed, QStringLiteral("the request line does not end in an HTTP version"));
    if (parts.at(2) != "HTTP/1.1" && parts.at(2) != "HTTP/1.0")
        return failed(State::UnsupportedVersion, QStringLiteral("only HTTP/1.1 and HTTP/1.0 are spoken here"));
    if (!parts.at(1).startsWith('/'))
        return failed(State::Malformed, QStringLiteral("the target must be a path (origin-form)"));
    head->method = parts.at(0);
    head->target = parts.at(1);
    head->version = parts.at(2);

    if (lines.size() > maxFields)
        return failed(State::TooLarge, QStringLiteral("more than %1 header fields").arg(maxFields));
    for (const QByteArray &line : std::as_const(lines)) {
        // No obsolete line folding, no space before the colon (RFC 9112 5.1, 5.2).
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return failed(State::Malformed, QStringLiteral("a header line without a field name and a colon"));
        const QByteArray name = line.left(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (!isToken(name) || !isFieldValue(value))
            return failed(State::Malformed, QStringLiteral("a header field with characters HTTP does not allow there"));
        head->fields.append({name.toLower(), value});
    }
    const bool hasHost = std::any_of(head->fields.cbegin(), head->fields.cend(), [](const auto &f) { return f.first == "host"; });
    if (head->version == "HTTP/1.1" && !hasHost)
        return failed(State::Malformed, QStringLiteral("an HTTP/1.1 request without a Host field"));
    return Parsed{State::Complete, {}};
}

} // namespace coauthor::sync
