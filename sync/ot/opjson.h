#pragma once

// JSON form of a TextOperation: [{"p": 3, "i": "x"}, {"p": 0, "d": "ab"}], with the
// strict validation the server applies to everything a client sends.

#include "sync/ot/operations.h"
#include "sync/ot/oterror.h"
#include "sync/common/result.h"
#include "sync/ot/textoperation.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>

namespace coauthor::sync::ot {

QJsonArray toJson(const TextOperation &op);

// The same limits validate() applies (the name predates validate()).
using JsonLimits = OpLimits;

// Strict: an array of objects with exactly {"p": non-negative integer, "i": string}
// or {"p", "d": string}. Unknown fields, wrong types, fractional or negative
// positions, empty strings, lone surrogates and exceeded limits are errors.
Result<TextOperation, OtError> operationFromJson(const QJsonValue &json, const JsonLimits &limits = {});

// Same, from JSON text; unparseable text is InvalidJson.
Result<TextOperation, OtError> operationFromJsonText(const QByteArray &json, const JsonLimits &limits = {});

} // namespace coauthor::sync::ot
