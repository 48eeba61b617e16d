#include "sync/ot/oterror.h"

namespace coauthor::sync::ot {

QString codeName(OtError::Code code)
{
    switch (code) {
    case OtError::Code::PositionOutOfRange: return QStringLiteral("position_out_of_range");
    case OtError::Code::DeleteMismatch: return QStringLiteral("delete_mismatch");
    case OtError::Code::InvalidJson: return QStringLiteral("invalid_json");
    case OtError::Code::UnknownField: return QStringLiteral("unknown_field");
    case OtError::Code::MissingField: return QStringLiteral("missing_field");
    case OtError::Code::WrongType: return QStringLiteral("wrong_type");
    case OtError::Code::NegativePosition: return QStringLiteral("negative_position");
    case OtError::Code::LoneSurrogate: return QStringLiteral("lone_surrogate");
    case OtError::Code::EmptyComponent: return QStringLiteral("empty_component");
    case OtError::Code::TooManyComponents: return QStringLiteral("too_many_components");
    case OtError::Code::TextTooLong: return QStringLiteral("text_too_long");
    }
    return QStringLiteral("unknown");
}

} // namespace coauthor::sync::ot
