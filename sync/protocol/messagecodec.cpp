#include "sync/protocol/messagecodec.h"

#include "sync/ot/opjson.h"
#include "sync/protocol/fieldreader_p.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

namespace coauthor::sync {

namespace {

using DecodeResult = Result<ClientMessage, ProtocolError>;
using detail::FieldReader;

const QHash<QString, ClientMessage::Type> &typesByName()
{
    static const QHash<QString, ClientMessage::Type> types = {
        {QStringLiteral("hello"), ClientMessage::Type::Hello},
        {QStringLiteral("joinProject"), ClientMessage::Type::JoinProject},
        {QStringLiteral("joinDoc"), ClientMessage::Type::JoinDoc},
        {QStringLiteral("leaveDoc"), ClientMessage::Type::LeaveDoc},
        {QStringLiteral("applyUpdate"), ClientMessage::Type::ApplyUpdate},
        {QStringLiteral("cursor"), ClientMessage::Type::Cursor},
        {QStringLiteral("createDoc"), ClientMessage::Type::CreateDoc},
        {QStringLiteral("createFolder"), ClientMessage::Type::CreateFolder},
        {QStringLiteral("rename"), ClientMessage::Type::Rename},
        {QStringLiteral("delete"), ClientMessage::Type::Delete},
        {QStringLiteral("uploadFile"), ClientMessage::Type::UploadFile},
        {QStringLiteral("downloadFile"), ClientMessage::Type::DownloadFile},
        {QStringLiteral("ping"), ClientMessage::Type::Ping},
        {QStringLiteral("restoreLost"), ClientMessage::Type::RestoreLost},
        {QStringLiteral("historyChanges"), ClientMessage::Type::HistoryChanges},
        {QStringLiteral("historyText"), ClientMessage::Type::HistoryText},
        {QStringLiteral("historyDiff"), ClientMessage::Type::HistoryDiff},
        {QStringLiteral("historyTree"), ClientMessage::Type::HistoryTree},
        {QStringLiteral("historyFile"), ClientMessage::Type::HistoryFile},
        {QStringLiteral("historySearch"), ClientMessage::Type::HistorySearch},
        {QStringLiteral("historyLabels"), ClientMessage::Type::HistoryLabels},
        {QStringLiteral("addLabel"), ClientMessage::Type::AddLabel},
        {QStringLiteral("restoreDeleted"), ClientMessage::Type::RestoreDeleted},
        {QStringLiteral("compile"), ClientMessage::Type::Compile},
    };
    return types;
}

bool isValidClientId(const QString &id)
{
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_'
            || u == '.' || u == ':' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

QString opErrorCode(ot::OtError::Code code)
{
    switch (code) {
    case ot::OtError::Code::TooManyComponents:
        return QStringLiteral("too_many_components");
    case ot::OtError::Code::TextTooLong:
        return QStringLiteral("doc_too_large");
    case ot::OtError::Code::PositionOutOfRange:
        return QStringLiteral("op_out_of_range");
    case ot::OtError::Code::DeleteMismatch:
        return QStringLiteral("delete_mismatch");
    default:
        return QStringLiteral("invalid_op");
    }
}

} // namespace

QString MessageCodec::typeName(ClientMessage::Type type)
{
    const auto &types = typesByName();
    for (auto it = types.cbegin(); it != types.cend(); ++it) {
        if (it.value() == type)
            return it.key();
    }
    return {};
}

DecodeResult MessageCodec::decode(const QString &frame)
{
    auto object = detail::parseFrameObject(frame);
    if (!object)
        return DecodeResult::failure(object.error());
    return decode(object.value());
}

DecodeResult MessageCodec::decode(const QJsonObject &object)
{
    ProtocolError error;
    FieldReader r(object, error);
    ClientMessage m;

    // rid first, so that every later error can be answered to the right request.
    m.rid = r.optionalInteger(QStringLiteral("rid"));
    if (r.failed())
        return DecodeResult::failure(error);
    error.rid = m.rid;

    const QJsonValue typeValue = object.value(QLatin1String("type"));
    if (!typeValue.isString()) {
        error.code = QStringLiteral("unknown_type");
        error.message = typeValue.isUndefined() ? QStringLiteral("\"type\" is required") : QStringLiteral("\"type\" must be a string");
        return DecodeResult::failure(error);
    }
    const auto typeIt = typesByName().constFind(typeValue.toString());
    if (typeIt == typesByName().constEnd()) {
        error.code = QStringLiteral("unknown_type");
        error.message = QStringLiteral("unknown message type \"%1\"").arg(typeValue.toString().left(64));
        return DecodeResult::failure(error);
    }
    m.type = *typeIt;
    error.type = typeIt.key();

    using T = ClientMessage::Type;
    switch (m.type) {
    case T::Hello: {
        m.protocolVersion = int(qMin<qint64>(r.integer(QStringLiteral("protocolVersion")), 1 << 30));
        m.projectId = r.string(QStringLiteral("projectId"), maxIdLength);
        m.token = r.string(QStringLiteral("token"), 512);
        m.clientId = r.string(QStringLiteral("clientId"), maxClientIdLength);
        m.name = r.optionalString(QStringLiteral("name"), maxNameLength).value_or(QString());
        if (!r.failed() && !isValidClientId(m.clientId))
            r.fail(QStringLiteral("invalid_message"), QStringLiteral("\"clientId\" may hold only letters, digits and _ . : -"));
        break;
    }
    case T::JoinProject:
    case T::Ping:
        break;
    case T::JoinDoc:
        m.doc = r.string(QStringLiteral("doc"), maxIdLength);
        m.fromVersion = r.optionalInteger(QStringLiteral("fromVersion"));
        m.epoch = r.optionalString(QStringLiteral("epoch"), maxIdLength).value_or(QString());
        break;
    case T::LeaveDoc:
        m.doc = r.string(QStringLiteral("doc"), maxIdLength);
        break;
    case T::RestoreLost: {
        m.doc = r.string(QStringLiteral("doc"), maxIdLength);
        m.epoch = r.string(QStringLiteral("epoch"), maxIdLength);
        m.version = r.integer(QStringLiteral("v"));
        if (r.failed())
            break;
        const QJsonValue ops = object.value(QLatin1String("ops"));
        if (!ops.isArray() || ops.toArray().isEmpty() || ops.toArray().size() > maxLostOps) {
            r.fail(QStringLiteral("invalid_message"), QStringLiteral("\"ops\" must be an array of 1 to %1 ops").arg(maxLostOps));
            break;
        }
        for (const QJsonValue &item : ops.toArray()) {
            const QJsonObject o = item.toObject();
            auto op = ot::operationFromJson(o.value(QLatin1String("op")));
            const QString clientId = o.value(QLatin1String("clientId")).toString();
            if (!item.isObject() || !op || !o.value(QLatin1String("seq")).isDouble() || clientId.size() > maxClientIdLength
                || !isValidClientId(clientId)) {
                r.fail(QStringLiteral("invalid_message"), QStringLiteral("each of \"ops\" is {op, clientId, seq}"));
                break;
            }
            m.lostOps.append(ClientMessage::LostOp{op.takeValue(), clientId, qint64(o.value(QLatin1String("seq")).toDouble())});
        }
        break;
    }
    case T::ApplyUpdate: {
        // doc and seq are read first so that an updateError can name them.
        m.doc = r.string(QStringLiteral("doc"), maxIdLength);
        error.doc = m.doc;
        m.seq = r.integer(QStringLiteral("seq"));
        if (!r.failed())
            error.seq = m.seq;
        m.version = r.integer(QStringLiteral("v"));
        m.clientId = r.optionalString(QStringLiteral("clientId"), maxClientIdLength).value_or(QString());
        m.madeAt = r.optionalInteger(QStringLiteral("t"));
        m.typedOnVersion = r.optionalInteger(QStringLiteral("tv"));
        if (m.typedOnVersion && (*m.typedOnVersion < 0 || *m.typedOnVersion > m.version))
            r.fail(QStringLiteral("invalid_message"), QStringLiteral("\"tv\" must be a version from 0 to \"v\""));
        if (r.failed())
            break;
        if (!object.contains(QLatin1String("op"))) {
            r.fail(QStringLiteral("missing_field"), QStringLiteral("\"op\" is required"));
            break;
        }
        auto op = ot::operationFromJson(object.value(QLatin1String("op")));
        if (!op) {
            r.fail(opErrorCode(op.error().code), QStringLiteral("invalid op (%1): %2").arg(ot::codeName(op.error().code), op.error().message));
            break;
        }
        m.op = op.takeValue();
        break;
    }
    case T::Cursor:
        m.doc = r.string(QStringLiteral("doc"), maxIdLength);
        m.position = r.integer(QStringLiteral("position"));
        m.anchor = r.optionalInteger(QStringLiteral("anchor")).value_or(m.position);
        m.cursorVersion = r.optionalInteger(QStringLiteral("v"));
        break;
    case T::CreateDoc:
        m.path = r.string(QStringLiteral("path"), maxPathLength);
        // Empty, not null: storage layers tell a null QString from an empty one.
        m.text = r.optionalString(QStringLiteral("text"), -1).value_or(QStringLiteral(""));
        break;
    case T::CreateFolder:
        m.path = r.string(QStringLiteral("path"), maxPathLength);
        break;
    case T::Rename:
        m.id = r.string(QStringLiteral("id"), maxIdLength);
        m.path = r.string(QStringLiteral("path"), maxPathLength);
        break;
    case T::Delete:
    case T::DownloadFile:
        m.id = r.string(QStringLiteral("id"), maxIdLength);
        break;
    case T::UploadFile: {
        m.path = r.string(QStringLiteral("path"), maxPathLength);
        const QString data = r.string(QStringLiteral("data"), -1, true);
        if (r.failed())
            break;
        auto decoded = QByteArray::fromBase64Encoding(data.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            r.fail(QStringLiteral("wrong_type"), QStringLiteral("\"data\" must be base64"));
            break;
        }
        m.data = std::move(decoded.decoded);
        m.replace = r.optionalBool(QStringLiteral("replace")).value_or(false);
        break;
    }
    case T::HistoryChanges:
        m.path = r.optionalString(QStringLiteral("path"), maxPathLength).value_or(QString());
        m.before = r.optionalInteger(QStringLiteral("before")).value_or(0);
        m.limit = int(qMin<qint64>(r.optionalInteger(QStringLiteral("limit")).value_or(50), 1 << 20));
        break;
    case T::HistoryText:
        m.path = r.string(QStringLiteral("path"), maxPathLength);
        m.atVersion = r.optionalInteger(QStringLiteral("version"));
        break;
    case T::HistoryDiff:
        m.path = r.string(QStringLiteral("path"), maxPathLength);
        m.sinceVersion = r.integer(QStringLiteral("from"));
        m.atVersion = r.optionalInteger(QStringLiteral("to"));
        break;
    case T::HistoryTree:
        m.atVersion = r.optionalInteger(QStringLiteral("version"));
        break;
    case T::HistoryFile:
        m.sha256 = r.string(QStringLiteral("sha256"), 64);
        break;
    case T::HistorySearch:
        m.text = r.string(QStringLiteral("text"), maxSearchLength);
        m.caseSensitive = r.optionalBool(QStringLiteral("caseSensitive")).value_or(false);
        m.sinceVersion = r.optionalInteger(QStringLiteral("from")).value_or(0);
        m.atVersion = r.optionalInteger(QStringLiteral("to"));
        break;
    case T::HistoryLabels:
        break;
    case T::AddLabel:
        m.name = r.string(QStringLiteral("name"), maxLabelLength);
        m.atVersion = r.optionalInteger(QStringLiteral("version"));
        break;
    case T::RestoreDeleted:
        m.path = r.string(QStringLiteral("path"), maxPathLength);
        m.atVersion = r.integer(QStringLiteral("version"));
        break;
    case T::Compile: {
        m.path = r.string(QStringLiteral("root"), maxPathLength);
        m.engine = r.optionalString(QStringLiteral("engine"), 32).value_or(QString());
        m.draft = r.optionalBool(QStringLiteral("draft")).value_or(false);
        if (r.failed() || !r.contains(QStringLiteral("versions")))
            break;
        const QJsonValue versions = object.value(QLatin1String("versions"));
        if (!versions.isObject() || versions.toObject().size() > maxCompileDocs) {
            r.fail(QStringLiteral("wrong_type"), QStringLiteral("\"versions\" must be an object of at most %1 doc id -> version")
                                                    .arg(maxCompileDocs));
            break;
        }
        const QJsonObject byDoc = versions.toObject();
        for (auto it = byDoc.begin(); it != byDoc.end(); ++it) {
            const double v = it.value().toDouble(-1);
            if (it.key().isEmpty() || it.key().size() > maxIdLength || !it.value().isDouble() || v < 0 || v > 9e15
                || v != double(qint64(v))) {
                r.fail(QStringLiteral("wrong_type"), QStringLiteral("\"versions\" maps doc ids to versions (integers >= 0)"));
                break;
            }
            m.versions.insert(it.key(), qint64(v));
        }
        break;
    }
    }

    if (r.failed())
        return DecodeResult::failure(error);
    return DecodeResult::success(std::move(m));
}

QJsonObject MessageCodec::toJson(const ClientMessage &m)
{
    QJsonObject o;
    o.insert(QLatin1String("type"), typeName(m.type));
    if (m.rid)
        o.insert(QLatin1String("rid"), double(*m.rid));
    using T = ClientMessage::Type;
    switch (m.type) {
    case T::Hello:
        o.insert(QLatin1String("protocolVersion"), m.protocolVersion);
        o.insert(QLatin1String("projectId"), m.projectId);
        o.insert(QLatin1String("token"), m.token);
        o.insert(QLatin1String("clientId"), m.clientId);
        o.insert(QLatin1String("name"), m.name);
        break;
    case T::JoinProject:
    case T::Ping:
        break;
    case T::JoinDoc:
        o.insert(QLatin1String("doc"), m.doc);
        if (m.fromVersion)
            o.insert(QLatin1String("fromVersion"), double(*m.fromVersion));
        if (!m.epoch.isEmpty())
            o.insert(QLatin1String("epoch"), m.epoch);
        break;
    case T::LeaveDoc:
        o.insert(QLatin1String("doc"), m.doc);
        break;
    case T::RestoreLost: {
        o.insert(QLatin1String("doc"), m.doc);
        o.insert(QLatin1String("epoch"), m.epoch);
        o.insert(QLatin1String("v"), double(m.version));
        QJsonArray ops;
        for (const ClientMessage::LostOp &lost : m.lostOps)
            ops.append(QJsonObject{{QLatin1String("op"), ot::toJson(lost.op)},
                                   {QLatin1String("clientId"), lost.clientId},
                                   {QLatin1String("seq"), double(lost.seq)}});
        o.insert(QLatin1String("ops"), ops);
        break;
    }
    case T::ApplyUpdate:
        o.insert(QLatin1String("doc"), m.doc);
        o.insert(QLatin1String("v"), double(m.version));
        o.insert(QLatin1String("op"), ot::toJson(m.op));
        if (!m.clientId.isEmpty())
            o.insert(QLatin1String("clientId"), m.clientId);
        o.insert(QLatin1String("seq"), double(m.seq));
        if (m.madeAt)
            o.insert(QLatin1String("t"), double(*m.madeAt));
        if (m.typedOnVersion)
            o.insert(QLatin1String("tv"), double(*m.typedOnVersion));
        break;
    case T::Cursor:
        o.insert(QLatin1String("doc"), m.doc);
        o.insert(QLatin1String("position"), double(m.position));
        o.insert(QLatin1String("anchor"), double(m.anchor));
        if (m.cursorVersion)
            o.insert(QLatin1String("v"), double(*m.cursorVersion));
        break;
    case T::CreateDoc:
        o.insert(QLatin1String("path"), m.path);
        o.insert(QLatin1String("text"), m.text);
        break;
    case T::CreateFolder:
        o.insert(QLatin1String("path"), m.path);
        break;
    case T::Rename:
        o.insert(QLatin1String("id"), m.id);
        o.insert(QLatin1String("path"), m.path);
        break;
    case T::Delete:
    case T::DownloadFile:
        o.insert(QLatin1String("id"), m.id);
        break;
    case T::UploadFile:
        o.insert(QLatin1String("path"), m.path);
        o.insert(QLatin1String("data"), QString::fromLatin1(m.data.toBase64()));
        if (m.replace)
            o.insert(QLatin1String("replace"), true);
        break;
    case T::HistoryChanges:
        if (!m.path.isEmpty())
            o.insert(QLatin1String("path"), m.path);
        if (m.before > 0)
            o.insert(QLatin1String("before"), double(m.before));
        o.insert(QLatin1String("limit"), m.limit);
        break;
    case T::HistoryText:
    case T::HistoryTree:
    case T::AddLabel:
    case T::RestoreDeleted:
        if (m.type == T::HistoryText || m.type == T::RestoreDeleted)
            o.insert(QLatin1String("path"), m.path);
        if (m.type == T::AddLabel)
            o.insert(QLatin1String("name"), m.name);
        if (m.atVersion)
            o.insert(QLatin1String("version"), double(*m.atVersion));
        break;
    case T::HistoryDiff:
    case T::HistorySearch:
        if (m.type == T::HistoryDiff)
            o.insert(QLatin1String("path"), m.path);
        else
            o.insert(QLatin1String("text"), m.text);
        if (m.caseSensitive)
            o.insert(QLatin1String("caseSensitive"), true);
        o.insert(QLatin1String("from"), double(m.sinceVersion));
        if (m.atVersion)
            o.insert(QLatin1String("to"), double(*m.atVersion));
        break;
    case T::HistoryFile:
        o.insert(QLatin1String("sha256"), m.sha256);
        break;
    case T::HistoryLabels:
        break;
    case T::Compile: {
        o.insert(QLatin1String("root"), m.path);
        if (!m.engine.isEmpty())
            o.insert(QLatin1String("engine"), m.engine);
        if (m.draft)
            o.insert(QLatin1String("draft"), true);
        QJsonObject versions;
        for (auto it = m.versions.begin(); it != m.versions.end(); ++it)
            versions.insert(it.key(), double(it.value()));
        if (!versions.isEmpty())
            o.insert(QLatin1String("versions"), versions);
        break;
    }
    }
    return o;
}

QString MessageCodec::encode(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace coauthor::sync
