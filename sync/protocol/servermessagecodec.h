#pragma once

// ServerMessageCodec: the one encoder and decoder of server messages (and of the
// messages instances exchange on a project's channel). The server builds every
// frame it sends here; clients, tests and the server's channel reader decode here,
// strictly: an unknown type, a missing or wrongly typed field is an error with the
// codes of docs/protocol.md, "Errors". Pure: no I/O.

#include "sync/common/result.h"
#include "sync/protocol/protocolerror.h"
#include "sync/protocol/servermessage.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace coauthor::sync {

class ServerMessageCodec
{
public:
    using DecodeResult = Result<ServerMessage, ProtocolError>;

    static QJsonObject toJson(const ServerMessage &message);
    // One compact frame, the JSON of toJson. An ack (one per op) is written without
    // QJsonDocument; it says exactly what toJson says.
    static QString encode(const ServerMessage &message);

    static DecodeResult decode(const QString &frame);
    static DecodeResult decode(const QJsonObject &object);

    // "welcome", "ack", ...: the "type" of the message's body.
    static QString typeName(const ServerMessage::Body &body);
    // Every type, in the order of ServerMessage::Body.
    static QStringList typeNames();

    // The reply to a frame the client codec refused: updateError for an
    // applyUpdate (naming its doc and seq when they could be read), else error.
    static ServerMessage errorReply(const ProtocolError &error);

    // Channel messages: the client message with "instance" (and "announce") added,
    // or {"type":"usersAlive","userIds":[...]}.
    static QJsonObject toJson(const ProjectChannelMessage &message);
    static Result<ProjectChannelMessage, ProtocolError> decodeChannel(const QJsonObject &object);
};

} // namespace coauthor::sync
