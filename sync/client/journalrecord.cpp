#include "sync/client/journalrecord.h"

#include "sync/ot/opjson.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace coauthor::sync {

namespace {

struct KindName
{
    JournalRecord::Kind kind;
    QLatin1StringView name;
};

constexpr KindName kindNames[] = {
    {JournalRecord::Kind::Meta, QLatin1StringView("meta")},     {JournalRecord::Kind::Base, QLatin1StringView("base")},
    {JournalRecord::Kind::Local, QLatin1StringView("local")},   {JournalRecord::Kind::Sent, QLatin1StringView("sent")},
    {JournalRecord::Kind::Remote, QLatin1StringView("remote")}, {JournalRecord::Kind::Ack, QLatin1StringView("ack")},
    {JournalRecord::Kind::Forget, QLatin1StringView("forget")}, {JournalRecord::Kind::Epoch, QLatin1StringView("epoch")},
    {JournalRecord::Kind::History, QLatin1StringView("history")},
};

} // namespace

QByteArray JournalRecord::toJson() const
{
    QJsonObject o;
    for (const KindName &k : kindNames) {
        if (k.kind == kind)
            o.insert(QStringLiteral("t"), QString(k.name));
    }
    if (!docId.isEmpty())
        o.insert(QStringLiteral("doc"), docId);
    if (version != 0)
        o.insert(QStringLiteral("v"), version);
    // Sequence numbers stay far below 2^53, so a JSON double holds them exactly.
    if (seq != 0)
        o.insert(QStringLiteral("seq"), qint64(seq));
    if (time != 0)
        o.insert(QStringLiteral("at"), time);
    if (typedOn >= 0)
        o.insert(QStringLiteral("on"), typedOn);
    if (kind == Kind::Local || kind == Kind::Remote || kind == Kind::History)
        o.insert(QStringLiteral("op"), ot::toJson(op));
    if (kind == Kind::Base) {
        o.insert(QStringLiteral("text"), text);
        o.insert(QStringLiteral("path"), path);
    }
    if (kind == Kind::Meta) {
        o.insert(QStringLiteral("path"), path);
        o.insert(QStringLiteral("machine"), machine);
    }
    if (!clientId.isEmpty())
        o.insert(QStringLiteral("client"), clientId);
    if (!epoch.isEmpty())
        o.insert(QStringLiteral("epoch"), epoch);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<JournalRecord> JournalRecord::fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument d = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !d.isObject())
        return std::nullopt;
    const QJsonObject o = d.object();
    JournalRecord r;
    const QString t = o.value(QStringLiteral("t")).toString();
    bool known = false;
    for (const KindName &k : kindNames) {
        if (t == k.name) {
            r.kind = k.kind;
            known = true;
        }
    }
    if (!known)
        return std::nullopt;
    r.docId = o.value(QStringLiteral("doc")).toString();
    r.version = o.value(QStringLiteral("v")).toInteger();
    r.seq = quint64(o.value(QStringLiteral("seq")).toInteger());
    r.time = o.value(QStringLiteral("at")).toInteger();
    r.typedOn = o.value(QStringLiteral("on")).toInteger(-1);
    r.text = o.value(QStringLiteral("text")).toString();
    r.path = o.value(QStringLiteral("path")).toString();
    r.clientId = o.value(QStringLiteral("client")).toString();
    r.epoch = o.value(QStringLiteral("epoch")).toString();
    r.machine = o.value(QStringLiteral("machine")).toString();
    if (r.kind == Kind::Local || r.kind == Kind::Remote || r.kind == Kind::History) {
        // Journal ops are our own, written whole; no size limits on reading them back.
        auto op = ot::operationFromJson(o.value(QStringLiteral("op")),
                                        ot::JsonLimits{std::numeric_limits<qsizetype>::max(),
                                                       std::numeric_limits<qsizetype>::max()});
        if (!op)
            return std::nullopt;
        r.op = op.takeValue();
    }
    if (r.kind != Kind::Meta && r.docId.isEmpty())
        return std::nullopt;
    return r;
}

} // namespace coauthor::sync
