#include "sync/protocol/servermessages.h"

#include "sync/ot/opjson.h"
#include "sync/protocol/messagecodec.h"

namespace coauthor::sync {

namespace {

QJsonObject message(const char *type, ServerMessages::Rid rid = std::nullopt)
{
    QJsonObject o;
    o.insert(QLatin1String("type"), QLatin1String(type));
    if (rid)
        o.insert(QLatin1String("rid"), double(*rid));
    return o;
}

} // namespace

QJsonObject ServerMessages::welcome(Rid rid, const QString &serverVersion, const QString &userId, const QString &role, const QString &colour)
{
    QJsonObject o = message("welcome", rid);
    o.insert(QLatin1String("protocolVersion"), MessageCodec::protocolVersion);
    o.insert(QLatin1String("serverVersion"), serverVersion);
    o.insert(QLatin1String("userId"), userId);
    o.insert(QLatin1String("role"), role);
    o.insert(QLatin1String("colour"), colour);
    return o;
}

QJsonObject ServerMessages::rejected(Rid rid, const QString &code, const QString &text)
{
    QJsonObject o = message("rejected", rid);
    o.insert(QLatin1String("code"), code);
    o.insert(QLatin1String("message"), text);
    return o;
}

QJsonObject ServerMessages::error(Rid rid, const QString &code, const QString &text)
{
    QJsonObject o = message("error", rid);
    o.insert(QLatin1String("code"), code);
    o.insert(QLatin1String("message"), text);
    return o;
}

QJsonObject ServerMessages::error(const ProtocolError &e)
{
    if (e.type == QLatin1String("applyUpdate"))
        return updateError(e.rid, e.doc, e.seq, e.code, e.message);
    if (e.type == QLatin1String("hello"))
        return rejected(e.rid, e.code, e.message);
    return error(e.rid, e.code, e.message);
}

QJsonObject ServerMessages::ok(Rid rid, const QJsonObject &entry)
{
    QJsonObject o = message("ok", rid);
    if (!entry.isEmpty())
        o.insert(QLatin1String("entry"), entry);
    return o;
}

QJsonObject ServerMessages::pong(Rid rid)
{
    return message("pong", rid);
}

QJsonObject ServerMessages::project(Rid rid, const QString &projectId, const QJsonArray &tree, const QJsonArray &users)
{
    QJsonObject o = message("project", rid);
    o.insert(QLatin1String("projectId"), projectId);
    o.insert(QLatin1String("tree"), tree);
    o.insert(QLatin1String("users"), users);
    return o;
}

QJsonObject ServerMessages::docSnapshot(Rid rid, const QString &doc, const QString &path, const QString &text, qint64 version)
{
    QJsonObject o = message("doc", rid);
    o.insert(QLatin1String("doc"), doc);
    o.insert(QLatin1String("path"), path);
    o.insert(QLatin1String("text"), text);
    o.insert(QLatin1String("version"), double(version));
    return o;
}

QJsonObject ServerMessages::docOps(Rid rid, const QString &doc, const QString &path, qint64 version, const QJsonArray &ops)
{
    QJsonObject o = message("doc", rid);
    o.insert(QLatin1String("doc"), doc);
    o.insert(QLatin1String("path"), path);
    o.insert(QLatin1String("version"), double(version));
    o.insert(QLatin1String("ops"), ops);
    return o;
}

QJsonObject ServerMessages::opEntry(qint64 version, const ot::TextOperation &op, const QString &clientId, qint64 seq)
{
    QJsonObject o;
    o.insert(QLatin1String("v"), double(version));
    o.insert(QLatin1String("op"), ot::toJson(op));
    o.insert(QLatin1String("clientId"), clientId);
    o.insert(QLatin1String("seq"), double(seq));
    return o;
}

QJsonObject ServerMessages::ack(Rid rid, const QString &doc, qint64 version, qint64 seq, bool duplicate)
{
    QJsonObject o = message("ack", rid);
    o.insert(QLatin1String("doc"), doc);
    o.insert(QLatin1String("v"), double(version));
    o.insert(QLatin1String("seq"), double(seq));
    if (duplicate)
        o.insert(QLatin1String("duplicate"), true);
    return o;
}

QString ServerMessages::ackFrame(Rid rid, const QString &doc, qint64 version, qint64 seq, bool duplicate)
{
    // Doc ids are UUIDs; anything that JSON would have to escape takes the general way.
    bool plain = !doc.isEmpty();
    for (QChar c : doc)
        plain &= c.unicode() < 0x80 && (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('.'));
    if (!plain)
        return MessageCodec::encode(ack(rid, doc, version, seq, duplicate));
    QString out = QLatin1String("{\"doc\":\"") + doc + QLatin1Char('"');
    if (duplicate)
        out += QLatin1String(",\"duplicate\":true");
    if (rid)
        out += QLatin1String(",\"rid\":") + QString::number(*rid);
    out += QLatin1String(",\"seq\":") + QString::number(seq) + QLatin1String(",\"type\":\"ack\",\"v\":") + QString::number(version)
        + QLatin1Char('}');
    return out;
}

QJsonObject ServerMessages::update(const QString &doc, qint64 version, const ot::TextOperation &op, const QString &clientId, qint64 seq)
{
    QJsonObject o = opEntry(version, op, clientId, seq);
    o.insert(QLatin1String("type"), QLatin1String("update"));
    o.insert(QLatin1String("doc"), doc);
    return o;
}

QJsonObject ServerMessages::updateError(Rid rid, const QString &doc, std::optional<qint64> seq, const QString &code, const QString &text)
{
    QJsonObject o = message("updateError", rid);
    o.insert(QLatin1String("doc"), doc);
    if (seq)
        o.insert(QLatin1String("seq"), double(*seq));
    o.insert(QLatin1String("code"), code);
    o.insert(QLatin1String("message"), text);
    return o;
}

QJsonObject ServerMessages::user(const QString &userId, const QString &name, const QString &colour)
{
    QJsonObject o;
    o.insert(QLatin1String("userId"), userId);
    o.insert(QLatin1String("name"), name);
    o.insert(QLatin1String("colour"), colour);
    return o;
}

QJsonObject ServerMessages::presence(const QString &userId, const QString &name, const QString &colour, const QString &doc, qint64 position, qint64 anchor,
                                     std::optional<qint64> version)
{
    QJsonObject o = user(userId, name, colour);
    o.insert(QLatin1String("type"), QLatin1String("presence"));
    o.insert(QLatin1String("doc"), doc);
    o.insert(QLatin1String("position"), double(position));
    o.insert(QLatin1String("anchor"), double(anchor));
    if (version)
        o.insert(QLatin1String("v"), double(*version));
    return o;
}

QJsonObject ServerMessages::userJoined(const QString &userId, const QString &name, const QString &colour)
{
    QJsonObject o = user(userId, name, colour);
    o.insert(QLatin1String("type"), QLatin1String("userJoined"));
    return o;
}

QJsonObject ServerMessages::userLeft(const QString &userId)
{
    QJsonObject o = message("userLeft");
    o.insert(QLatin1String("userId"), userId);
    return o;
}

QJsonObject ServerMessages::treeChanged(const QString &change, const QJsonObject &entry, const QString &oldPath)
{
    QJsonObject o = message("treeChanged");
    o.insert(QLatin1String("change"), change);
    o.insert(QLatin1String("entry"), entry);
    if (!oldPath.isEmpty())
        o.insert(QLatin1String("oldPath"), oldPath);
    return o;
}

QJsonObject ServerMessages::file(Rid rid, const QString &id, const QString &path, const QByteArray &data)
{
    QJsonObject o = message("file", rid);
    o.insert(QLatin1String("id"), id);
    o.insert(QLatin1String("path"), path);
    o.insert(QLatin1String("size"), double(data.size()));
    o.insert(QLatin1String("data"), QString::fromLatin1(data.toBase64()));
    return o;
}

} // namespace coauthor::sync
