#include "sync/protocol/servermessagecodec.h"

#include "sync/ot/opjson.h"
#include "sync/protocol/fieldreader_p.h"
#include "sync/protocol/historywire_p.h"
#include "sync/protocol/messagecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>
#include <type_traits>

namespace coauthor::sync {

namespace {

using detail::FieldReader;
using M = ServerMessage;
using DecodeResult = ServerMessageCodec::DecodeResult;

// Ops from the server were validated there (and transform may have split their
// components since); read them back without the client-side limits.
const ot::JsonLimits serverOpLimits{std::numeric_limits<qsizetype>::max(), std::numeric_limits<qsizetype>::max()};

// The wire names, in the order of ServerMessage::Body.
const char *const typeNamesByIndex[] = {"welcome", "rejected", "error", "ok", "pong", "project", "doc", "ack",
                                        "update", "updateError", "presence", "userJoined", "userLeft",
                                        "treeChanged", "file", "historyChanges", "historyText", "historyDiff",
                                        "historyTree", "historyFile", "historySearch", "historyLabels", "label"};
static_assert(std::size(typeNamesByIndex) == std::variant_size_v<M::Body>);

// The position of T in ServerMessage::Body, for switching on a decoded type.
template <typename T, typename... Ts>
constexpr int indexIn(const std::variant<Ts...> *)
{
    int i = 0;
    int found = -1;
    ((std::is_same_v<T, Ts> ? found = i++ : i++), ...);
    return found;
}
template <typename T>
constexpr int bodyIndex = indexIn<T>(static_cast<const M::Body *>(nullptr));

const QLatin1String usersAliveType("usersAlive");
const QLatin1String clientTakenOverType("clientTakenOver");

QJsonObject message(const QString &type, std::optional<qint64> rid)
{
    QJsonObject o;
    o.insert(QLatin1String("type"), type);
    if (rid)
        o.insert(QLatin1String("rid"), double(*rid));
    return o;
}

// ---- encoding ---------------------------------------------------------------
// Field for field what the server always sent; numbers are doubles except where
// they always were ints (protocolVersion) or qint64 (entry sizes).

QJsonObject entryJson(const M::Entry &e)
{
    QJsonObject o{{QStringLiteral("id"), e.id},
                  {QStringLiteral("path"), e.path},
                  {QStringLiteral("kind"), e.kind},
                  {QStringLiteral("size"), e.size}};
    if (!e.sha256.isEmpty())
        o.insert(QLatin1String("sha256"), e.sha256);
    return o;
}

QJsonArray entriesJson(const QList<M::Entry> &entries)
{
    QJsonArray list;
    for (const M::Entry &e : entries)
        list.append(entryJson(e));
    return list;
}

void insertUser(QJsonObject &o, const QString &userId, const QString &name, const QString &colour)
{
    o.insert(QLatin1String("userId"), userId);
    o.insert(QLatin1String("name"), name);
    o.insert(QLatin1String("colour"), colour);
}

void insertCursor(QJsonObject &o, const M::Cursor &c)
{
    o.insert(QLatin1String("doc"), c.doc);
    o.insert(QLatin1String("position"), double(c.position));
    o.insert(QLatin1String("anchor"), double(c.anchor));
    if (c.version)
        o.insert(QLatin1String("v"), double(*c.version));
}

void insertOp(QJsonObject &o, const M::AppliedOp &op)
{
    o.insert(QLatin1String("v"), double(op.version));
    o.insert(QLatin1String("op"), ot::toJson(op.op));
    o.insert(QLatin1String("clientId"), op.clientId);
    o.insert(QLatin1String("seq"), double(op.seq));
}

struct BodyEncoder
{
    QJsonObject &o;

    void operator()(const M::Welcome &m)
    {
        o.insert(QLatin1String("protocolVersion"), m.protocolVersion);
        o.insert(QLatin1String("serverVersion"), m.serverVersion);
        o.insert(QLatin1String("userId"), m.userId);
        o.insert(QLatin1String("role"), m.role);
        o.insert(QLatin1String("colour"), m.colour);
        if (m.maxFileBytes > 0)
            o.insert(QLatin1String("maxFileBytes"), double(m.maxFileBytes));
    }
    void operator()(const M::Rejected &m)
    {
        o.insert(QLatin1String("code"), m.code);
        o.insert(QLatin1String("message"), m.message);
    }
    void operator()(const M::Error &m)
    {
        o.insert(QLatin1String("code"), m.code);
        o.insert(QLatin1String("message"), m.message);
    }
    void operator()(const M::Ok &m)
    {
        if (m.entry)
            o.insert(QLatin1String("entry"), entryJson(*m.entry));
    }
    void operator()(const M::Pong &) {}
    void operator()(const M::Project &m)
    {
        o.insert(QLatin1String("projectId"), m.projectId);
        if (!m.name.isEmpty())
            o.insert(QLatin1String("name"), m.name);
        o.insert(QLatin1String("tree"), entriesJson(m.tree));
        QJsonArray users;
        for (const M::User &u : m.users) {
            QJsonObject user;
            insertUser(user, u.userId, u.name, u.colour);
            if (u.cursor)
                insertCursor(user, *u.cursor);
            users.append(user);
        }
        o.insert(QLatin1String("users"), users);
    }
    void operator()(const M::Doc &m)
    {
        o.insert(QLatin1String("doc"), m.doc);
        o.insert(QLatin1String("path"), m.path);
        o.insert(QLatin1String("version"), double(m.version));
        if (!m.epoch.isEmpty())
            o.insert(QLatin1String("epoch"), m.epoch);
        if (m.lostAfter) {
            o.insert(QLatin1String("lostAfter"), double(*m.lostAfter));
            o.insert(QLatin1String("baseText"), m.baseText);
        }
        if (m.ops) {
            QJsonArray ops;
            for (const M::AppliedOp &op : *m.ops) {
                QJsonObject entry;
                insertOp(entry, op);
                ops.append(entry);
            }
            o.insert(QLatin1String("ops"), ops);
            if (m.more)
                o.insert(QLatin1String("more"), true);
        } else {
            o.insert(QLatin1String("text"), m.text);
        }
    }
    void operator()(const M::Ack &m)
    {
        o.insert(QLatin1String("doc"), m.doc);
        o.insert(QLatin1String("v"), double(m.version));
        o.insert(QLatin1String("seq"), double(m.seq));
        if (m.duplicate)
            o.insert(QLatin1String("duplicate"), true);
    }
    void operator()(const M::Update &m)
    {
        o.insert(QLatin1String("doc"), m.doc);
        insertOp(o, m.applied);
    }
    void operator()(const M::UpdateError &m)
    {
        o.insert(QLatin1String("doc"), m.doc);
        if (m.seq)
            o.insert(QLatin1String("seq"), double(*m.seq));
        o.insert(QLatin1String("code"), m.code);
        o.insert(QLatin1String("message"), m.message);
    }
    void operator()(const M::Presence &m)
    {
        insertUser(o, m.userId, m.name, m.colour);
        insertCursor(o, m.cursor);
    }
    void operator()(const M::UserJoined &m) { insertUser(o, m.userId, m.name, m.colour); }
    void operator()(const M::UserLeft &m) { o.insert(QLatin1String("userId"), m.userId); }
    void operator()(const M::TreeChanged &m)
    {
        o.insert(QLatin1String("change"), m.change);
        o.insert(QLatin1String("entries"), entriesJson(m.entries));
        if (!m.oldPath.isEmpty())
            o.insert(QLatin1String("oldPath"), m.oldPath);
    }
    void operator()(const M::File &m)
    {
        o.insert(QLatin1String("id"), m.id);
        o.insert(QLatin1String("path"), m.path);
        o.insert(QLatin1String("size"), double(m.data.size()));
        o.insert(QLatin1String("data"), QString::fromLatin1(m.data.toBase64()));
    }
    template <typename History>
        requires requires(QJsonObject &json, const History &h) { detail::writeHistory(json, h); }
    void operator()(const History &m)
    {
        detail::writeHistory(o, m);
    }
};

// The ack as QJsonDocument would write it (keys sorted, integers as integers).
// Doc ids are UUIDs; anything that JSON would have to escape takes the general way.
std::optional<QString> plainAckFrame(std::optional<qint64> rid, const M::Ack &ack)
{
    bool plain = !ack.doc.isEmpty();
    for (QChar c : ack.doc)
        plain &= c.unicode() < 0x80 && (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('.'));
    if (!plain)
        return std::nullopt;
    QString out = QLatin1String("{\"doc\":\"") + ack.doc + QLatin1Char('"');
    if (ack.duplicate)
        out += QLatin1String(",\"duplicate\":true");
    if (rid)
        out += QLatin1String(",\"rid\":") + QString::number(*rid);
    out += QLatin1String(",\"seq\":") + QString::number(ack.seq) + QLatin1String(",\"type\":\"ack\",\"v\":")
        + QString::number(ack.version) + QLatin1Char('}');
    return out;
}

// ---- decoding ---------------------------------------------------------------

// Reads a nested object (an entry, a user, an op) into the same error as its message.
std::optional<QJsonObject> nestedObject(FieldReader &r, const QJsonValue &value, const QString &what)
{
    if (!value.isObject()) {
        r.fail(QStringLiteral("wrong_type"), QStringLiteral("%1 must be an object").arg(what));
        return std::nullopt;
    }
    return value.toObject();
}

M::Entry readEntry(FieldReader &outer, const QJsonValue &value, ProtocolError &error)
{
    M::Entry e;
    const auto object = nestedObject(outer, value, QStringLiteral("a tree entry"));
    if (!object)
        return e;
    FieldReader r(*object, error);
    e.id = r.string(QStringLiteral("id"));
    e.path = r.string(QStringLiteral("path"));
    e.kind = r.string(QStringLiteral("kind"));
    e.size = r.integer(QStringLiteral("size"));
    e.sha256 = r.optionalString(QStringLiteral("sha256"), 64).value_or(QString());
    return e;
}

QList<M::Entry> readEntries(FieldReader &r, const QJsonArray &array, ProtocolError &error)
{
    QList<M::Entry> entries;
    for (const QJsonValue &v : array) {
        entries.append(readEntry(r, v, error));
        if (r.failed())
            break;
    }
    return entries;
}

M::Cursor readCursor(FieldReader &r)
{
    M::Cursor c;
    c.doc = r.string(QStringLiteral("doc"));
    c.position = r.integer(QStringLiteral("position"));
    c.anchor = r.integer(QStringLiteral("anchor"));
    c.version = r.optionalInteger(QStringLiteral("v"));
    return c;
}

ot::TextOperation readOp(FieldReader &r)
{
    if (!r.contains(QStringLiteral("op"))) {
        r.fail(QStringLiteral("missing_field"), QStringLiteral("\"op\" is required"));
        return {};
    }
    auto op = ot::operationFromJson(r.object().value(QLatin1String("op")), serverOpLimits);
    if (!op) {
        r.fail(QStringLiteral("invalid_op"), QStringLiteral("invalid op (%1): %2").arg(ot::codeName(op.error().code), op.error().message));
        return {};
    }
    return op.takeValue();
}

M::AppliedOp readAppliedOp(FieldReader &r)
{
    M::AppliedOp a;
    a.version = r.integer(QStringLiteral("v"));
    a.op = readOp(r);
    a.clientId = r.string(QStringLiteral("clientId"), -1, true);
    a.seq = r.integer(QStringLiteral("seq"));
    return a;
}

M::Body readBody(int index, FieldReader &r, ProtocolError &error)
{
    switch (index) {
    case bodyIndex<M::Welcome>: {
        M::Welcome m;
        m.protocolVersion = int(qMin<qint64>(r.integer(QStringLiteral("protocolVersion")), 1 << 30));
        m.serverVersion = r.string(QStringLiteral("serverVersion"), -1, true);
        m.userId = r.string(QStringLiteral("userId"));
        m.role = r.string(QStringLiteral("role"));
        m.colour = r.string(QStringLiteral("colour"), -1, true);
        m.maxFileBytes = r.optionalInteger(QStringLiteral("maxFileBytes")).value_or(0);
        return m;
    }
    case bodyIndex<M::Rejected>:
        return M::Rejected{r.string(QStringLiteral("code")), r.string(QStringLiteral("message"), -1, true)};
    case bodyIndex<M::Error>:
        return M::Error{r.string(QStringLiteral("code")), r.string(QStringLiteral("message"), -1, true)};
    case bodyIndex<M::Ok>: {
        M::Ok m;
        if (const auto entry = r.optionalObject(QStringLiteral("entry")))
            m.entry = readEntry(r, *entry, error);
        return m;
    }
    case bodyIndex<M::Pong>:
        return M::Pong{};
    case bodyIndex<M::Project>: {
        M::Project m;
        m.projectId = r.string(QStringLiteral("projectId"));
        m.name = r.optionalString(QStringLiteral("name"), 1024).value_or(QString());
        m.tree = readEntries(r, r.array(QStringLiteral("tree")), error);
        for (const QJsonValue &v : r.array(QStringLiteral("users"))) {
            if (r.failed())
                break;
            const auto object = nestedObject(r, v, QStringLiteral("a user"));
            if (!object)
                break;
            FieldReader u(*object, error);
            M::User user;
            user.userId = u.string(QStringLiteral("userId"));
            user.name = u.string(QStringLiteral("name"), -1, true);
            user.colour = u.string(QStringLiteral("colour"), -1, true);
            if (u.contains(QStringLiteral("doc")))
                user.cursor = readCursor(u);
            m.users.append(user);
        }
        return m;
    }
    case bodyIndex<M::Doc>: {
        M::Doc m;
        m.doc = r.string(QStringLiteral("doc"));
        m.path = r.string(QStringLiteral("path"), -1, true);
        m.version = r.integer(QStringLiteral("version"));
        m.epoch = r.optionalString(QStringLiteral("epoch")).value_or(QString());
        m.lostAfter = r.optionalInteger(QStringLiteral("lostAfter"));
        if (m.lostAfter)
            m.baseText = r.string(QStringLiteral("baseText"), -1, true);
        if (const auto ops = r.optionalArray(QStringLiteral("ops"))) {
            QList<M::AppliedOp> list;
            for (const QJsonValue &v : *ops) {
                const auto object = nestedObject(r, v, QStringLiteral("an entry of \"ops\""));
                if (!object)
                    break;
                FieldReader o(*object, error);
                list.append(readAppliedOp(o));
                if (o.failed())
                    break;
            }
            m.ops = std::move(list);
            m.more = r.optionalBool(QStringLiteral("more")).value_or(false);
        } else {
            m.text = r.string(QStringLiteral("text"), -1, true);
        }
        return m;
    }
    case bodyIndex<M::Ack>: {
        M::Ack m;
        m.doc = r.string(QStringLiteral("doc"));
        m.version = r.integer(QStringLiteral("v"));
        m.seq = r.integer(QStringLiteral("seq"));
        m.duplicate = r.optionalBool(QStringLiteral("duplicate")).value_or(false);
        return m;
    }
    case bodyIndex<M::Update>: {
        M::Update m;
        m.doc = r.string(QStringLiteral("doc"));
        m.applied = readAppliedOp(r);
        return m;
    }
    case bodyIndex<M::UpdateError>: {
        M::UpdateError m;
        m.doc = r.string(QStringLiteral("doc"), -1, true);
        m.seq = r.optionalInteger(QStringLiteral("seq"));
        m.code = r.string(QStringLiteral("code"));
        m.message = r.string(QStringLiteral("message"), -1, true);
        return m;
    }
    case bodyIndex<M::Presence>: {
        M::Presence m;
        m.userId = r.string(QStringLiteral("userId"));
        m.name = r.string(QStringLiteral("name"), -1, true);
        m.colour = r.string(QStringLiteral("colour"), -1, true);
        m.cursor = readCursor(r);
        return m;
    }
    case bodyIndex<M::UserJoined>:
        return M::UserJoined{r.string(QStringLiteral("userId")), r.string(QStringLiteral("name"), -1, true),
                             r.string(QStringLiteral("colour"), -1, true)};
    case bodyIndex<M::UserLeft>:
        return M::UserLeft{r.string(QStringLiteral("userId"))};
    case bodyIndex<M::TreeChanged>: {
        M::TreeChanged m;
        m.change = r.string(QStringLiteral("change"));
        m.entries = readEntries(r, r.array(QStringLiteral("entries")), error);
        m.oldPath = r.optionalString(QStringLiteral("oldPath")).value_or(QString());
        return m;
    }
    case bodyIndex<M::File>: {
        M::File m;
        m.id = r.string(QStringLiteral("id"));
        m.path = r.string(QStringLiteral("path"));
        const QString data = r.string(QStringLiteral("data"), -1, true);
        if (r.failed())
            return m;
        auto decoded = QByteArray::fromBase64Encoding(data.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            r.fail(QStringLiteral("wrong_type"), QStringLiteral("\"data\" must be base64"));
        else
            m.data = std::move(decoded.decoded);
        return m;
    }
    case bodyIndex<M::HistoryChanges>:
        return detail::readHistoryChanges(r, error);
    case bodyIndex<M::HistoryText>:
        return detail::readHistoryText(r);
    case bodyIndex<M::HistoryDiff>:
        return detail::readHistoryDiff(r, error);
    case bodyIndex<M::HistoryTree>:
        return detail::readHistoryTree(r, error);
    case bodyIndex<M::HistoryFile>:
        return detail::readHistoryFile(r);
    case bodyIndex<M::HistorySearch>:
        return detail::readHistorySearch(r, error);
    case bodyIndex<M::HistoryLabels>:
        return detail::readHistoryLabels(r, error);
    case bodyIndex<M::HistoryLabel>:
        return detail::readHistoryLabel(r, error);
    }
    return M::Pong{};
}

// The rid and the type of a message, or the error that refuses it.
int readHeader(FieldReader &r, ProtocolError &error, std::optional<qint64> &rid)
{
    rid = r.optionalInteger(QStringLiteral("rid"));
    if (r.failed())
        return -1;
    error.rid = rid;
    const QJsonValue typeValue = r.object().value(QLatin1String("type"));
    if (!typeValue.isString()) {
        r.fail(QStringLiteral("unknown_type"), typeValue.isUndefined() ? QStringLiteral("\"type\" is required") : QStringLiteral("\"type\" must be a string"));
        return -1;
    }
    const QString type = typeValue.toString();
    for (int i = 0; i < int(std::size(typeNamesByIndex)); ++i) {
        if (type == QLatin1String(typeNamesByIndex[i])) {
            error.type = type;
            return i;
        }
    }
    r.fail(QStringLiteral("unknown_type"), QStringLiteral("unknown message type \"%1\"").arg(type.left(64)));
    return -1;
}

} // namespace

QString ServerMessageCodec::typeName(const ServerMessage::Body &body)
{
    return QLatin1String(typeNamesByIndex[body.index()]);
}

QStringList ServerMessageCodec::typeNames()
{
    QStringList names;
    for (const char *name : typeNamesByIndex)
        names.append(QLatin1String(name));
    return names;
}

QJsonObject ServerMessageCodec::toJson(const ServerMessage &m)
{
    QJsonObject o = message(typeName(m.body), m.rid);
    std::visit(BodyEncoder{o}, m.body);
    return o;
}

QString ServerMessageCodec::encode(const ServerMessage &m)
{
    if (const auto *ack = std::get_if<M::Ack>(&m.body)) {
        if (auto frame = plainAckFrame(m.rid, *ack))
            return *frame;
    }
    return MessageCodec::encode(toJson(m));
}

DecodeResult ServerMessageCodec::decode(const QString &frame)
{
    auto object = detail::parseFrameObject(frame);
    if (!object)
        return DecodeResult::failure(object.error());
    return decode(object.value());
}

DecodeResult ServerMessageCodec::decode(const QJsonObject &object)
{
    ProtocolError error;
    FieldReader r(object, error);
    ServerMessage m;
    const int index = readHeader(r, error, m.rid);
    if (index < 0)
        return DecodeResult::failure(error);
    m.body = readBody(index, r, error);
    if (r.failed())
        return DecodeResult::failure(error);
    return DecodeResult::success(std::move(m));
}

ServerMessage ServerMessageCodec::errorReply(const ProtocolError &e)
{
    if (e.type == QLatin1String("applyUpdate"))
        return ServerMessage{e.rid, M::UpdateError{e.doc, e.seq, e.code, e.message}};
    return ServerMessage{e.rid, M::Error{e.code, e.message}};
}

QJsonObject ServerMessageCodec::toJson(const ProjectChannelMessage &m)
{
    QJsonObject o;
    if (const auto *alive = std::get_if<ProjectChannelMessage::UsersAlive>(&m.body))
        o = QJsonObject{{QStringLiteral("type"), usersAliveType}, {QStringLiteral("userIds"), QJsonArray::fromStringList(alive->userIds)}};
    else if (const auto *takenOver = std::get_if<ProjectChannelMessage::ClientTakenOver>(&m.body))
        o = QJsonObject{{QStringLiteral("type"), clientTakenOverType}, {QStringLiteral("userId"), takenOver->userId}};
    else
        o = toJson(std::get<ServerMessage>(m.body));
    if (!m.instance.isEmpty())
        o.insert(QLatin1String("instance"), m.instance);
    if (m.announce)
        o.insert(QLatin1String("announce"), true);
    return o;
}

Result<ProjectChannelMessage, ProtocolError> ServerMessageCodec::decodeChannel(const QJsonObject &object)
{
    using Out = Result<ProjectChannelMessage, ProtocolError>;
    ProtocolError error;
    FieldReader r(object, error);
    ProjectChannelMessage m;
    m.instance = r.optionalString(QStringLiteral("instance")).value_or(QString());
    m.announce = r.optionalBool(QStringLiteral("announce")).value_or(false);
    if (object.value(QLatin1String("type")).toString() == usersAliveType) {
        ProjectChannelMessage::UsersAlive alive;
        for (const QJsonValue &id : r.array(QStringLiteral("userIds"))) {
            if (!id.isString()) {
                r.fail(QStringLiteral("wrong_type"), QStringLiteral("\"userIds\" must hold strings"));
                break;
            }
            alive.userIds.append(id.toString());
        }
        m.body = std::move(alive);
    } else if (object.value(QLatin1String("type")).toString() == clientTakenOverType) {
        m.body = ProjectChannelMessage::ClientTakenOver{r.string(QStringLiteral("userId"))};
    } else if (!r.failed()) {
        auto decoded = decode(object);
        if (!decoded)
            return Out::failure(decoded.error());
        m.body = decoded.takeValue();
    }
    if (r.failed())
        return Out::failure(error);
    return Out::success(std::move(m));
}

} // namespace coauthor::sync
