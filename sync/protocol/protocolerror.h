#pragma once

// ProtocolError: why a frame was refused by the codec, with the stable snake_case
// code that goes on the wire (docs/protocol.md, "Errors") and what the reply needs.

#include <QString>

#include <optional>

namespace coauthor::sync {

struct ProtocolError
{
    QString code;    // e.g. "missing_field", "invalid_op"
    QString message; // for humans
    // What could be read of the frame before it failed, so the reply can echo it.
    std::optional<qint64> rid;
    QString type;
    QString doc;
    std::optional<qint64> seq;
};

} // namespace coauthor::sync
