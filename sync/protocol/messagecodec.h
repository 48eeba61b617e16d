#pragma once

// MessageCodec: turns WebSocket text frames into ClientMessages with strict
// validation, and builds the JSON of every client message (ServerMessageCodec
// does the same for the other direction). Pure: no I/O.

#include "sync/common/result.h"
#include "sync/protocol/clientmessage.h"
#include "sync/protocol/projectpath.h"
#include "sync/protocol/protocolerror.h"

#include <QJsonObject>
#include <QString>

namespace coauthor::sync {

class MessageCodec
{
public:
    static constexpr int protocolVersion = 1;
    static constexpr qint64 maxFrameBytes = 8 * 1024 * 1024;
    static constexpr qsizetype maxClientIdLength = 64;
    static constexpr qsizetype maxNameLength = 100;
    static constexpr qsizetype maxIdLength = 200;
    static constexpr qsizetype maxPathLength = ProjectPath::maxLength; // longer is wrong_type; the rest of the rule is the server's (invalid_path)
    static constexpr qsizetype maxLostOps = 1000; // restoreLost: a replica keeps the last 200
    static constexpr qsizetype maxSearchLength = 1000; // historySearch's text
    static constexpr qsizetype maxLabelLength = 200;   // addLabel's name

    // Strict decode of a client frame: an unknown type, a missing or wrongly typed
    // field and an invalid op are errors with the codes of docs/protocol.md.
    static Result<ClientMessage, ProtocolError> decode(const QString &frame);
    static Result<ClientMessage, ProtocolError> decode(const QJsonObject &object);

    // The JSON form of a client message (used by clients and tests).
    static QJsonObject toJson(const ClientMessage &message);

    static QString typeName(ClientMessage::Type type);

    // One compact JSON text for a frame.
    static QString encode(const QJsonObject &object);
};

} // namespace coauthor::sync
