#pragma once

// ServerMessages: builds the JSON of every message the server sends
// (docs/protocol.md, "Wire protocol"), so field names live in one place.

#include "sync/ot/textoperation.h"
#include "sync/protocol/protocolerror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace coauthor::sync {

class ServerMessages
{
public:
    using Rid = std::optional<qint64>;

    static QJsonObject welcome(Rid rid, const QString &serverVersion, const QString &userId, const QString &role, const QString &colour);
    static QJsonObject rejected(Rid rid, const QString &code, const QString &message);
    static QJsonObject error(Rid rid, const QString &code, const QString &message);
    static QJsonObject error(const ProtocolError &error);
    static QJsonObject ok(Rid rid, const QJsonObject &entry = {});
    static QJsonObject pong(Rid rid);

    static QJsonObject project(Rid rid, const QString &projectId, const QJsonArray &tree, const QJsonArray &users);
    static QJsonObject docSnapshot(Rid rid, const QString &doc, const QString &path, const QString &text, qint64 version);
    // ops: entries made with opEntry().
    static QJsonObject docOps(Rid rid, const QString &doc, const QString &path, qint64 version, const QJsonArray &ops);
    static QJsonObject opEntry(qint64 version, const ot::TextOperation &op, const QString &clientId, qint64 seq);

    static QJsonObject ack(Rid rid, const QString &doc, qint64 version, qint64 seq, bool duplicate);
    // The ack as a frame (what MessageCodec::encode(ack(...)) gives, numbers written
    // as integers): sent once per op, so built without QJsonDocument.
    static QString ackFrame(Rid rid, const QString &doc, qint64 version, qint64 seq, bool duplicate);
    static QJsonObject update(const QString &doc, qint64 version, const ot::TextOperation &op, const QString &clientId, qint64 seq);
    static QJsonObject updateError(Rid rid, const QString &doc, std::optional<qint64> seq, const QString &code, const QString &message);

    static QJsonObject user(const QString &userId, const QString &name, const QString &colour);
    // version: the doc version position and anchor refer to ("v"; left out when the sender gave none).
    static QJsonObject presence(const QString &userId, const QString &name, const QString &colour, const QString &doc, qint64 position, qint64 anchor,
                                std::optional<qint64> version = std::nullopt);
    static QJsonObject userJoined(const QString &userId, const QString &name, const QString &colour);
    static QJsonObject userLeft(const QString &userId);

    // change: "created", "renamed" or "deleted"; oldPath only for renames.
    static QJsonObject treeChanged(const QString &change, const QJsonObject &entry, const QString &oldPath = {});
    static QJsonObject file(Rid rid, const QString &id, const QString &path, const QByteArray &data);
};

} // namespace coauthor::sync
