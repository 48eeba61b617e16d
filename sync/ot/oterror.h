#pragma once

// OtError: why an operation was rejected (bad JSON, or an op that does not fit
// the document). The code is stable and goes on the wire via codeName().

#include <QString>

namespace coauthor::sync::ot {

struct OtError
{
    enum class Code {
        PositionOutOfRange, // p beyond the document, or p / p+len splits a surrogate pair
        DeleteMismatch,     // the text a delete carries is not the text at p
        InvalidJson,        // not parseable JSON at all
        UnknownField,       // a component has a key other than p, i, d (or both i and d)
        MissingField,       // a component lacks p, or lacks both i and d
        WrongType,          // not an array / object / string, or p not an integer
        NegativePosition,   // p < 0
        LoneSurrogate,      // inserted or deleted text holds an unpaired UTF-16 surrogate
        EmptyComponent,     // i or d is the empty string
        TooManyComponents,  // more than JsonLimits::maxComponents
        TextTooLong,        // the op's texts add up to more than JsonLimits::maxTextLength
    };
    Code code;
    QString message;

    bool operator==(const OtError &) const = default;
};

// Stable snake_case name of a code for the wire, e.g. "position_out_of_range".
QString codeName(OtError::Code code);

} // namespace coauthor::sync::ot
