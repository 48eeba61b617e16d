#pragma once

// FieldReader: reads the fields of one JSON message strictly (present, of the
// right JSON type, in range), remembering the first error, so a decoder checks
// failed() once per message instead of after every field. Shared by the decoders
// of both directions.

#include "sync/protocol/protocolerror.h"

#include "sync/common/result.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cmath>
#include <optional>

namespace coauthor::sync::detail {

class FieldReader
{
public:
    // Integers travel as JSON numbers (doubles); 2^53 is the largest exact one.
    static constexpr double maxExactInteger = 9007199254740992.0;

    FieldReader(const QJsonObject &object, ProtocolError &error) : m_object(object), m_error(error) {}

    bool failed() const { return !m_error.code.isEmpty(); }

    void fail(const QString &code, const QString &message)
    {
        if (!failed()) {
            m_error.code = code;
            m_error.message = message;
        }
    }

    std::optional<qint64> optionalInteger(const QString &key)
    {
        const auto it = m_object.constFind(key);
        if (it == m_object.constEnd() || it->isNull())
            return std::nullopt;
        if (!it->isDouble()) {
            fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be a number").arg(key));
            return std::nullopt;
        }
        const double d = it->toDouble();
        if (!std::isfinite(d) || d != std::floor(d) || d < 0 || d > maxExactInteger) {
            fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be a non-negative integer").arg(key));
            return std::nullopt;
        }
        return qint64(d);
    }

    qint64 integer(const QString &key)
    {
        if (!m_object.contains(key)) {
            fail(QStringLiteral("missing_field"), QStringLiteral("\"%1\" is required").arg(key));
            return 0;
        }
        return optionalInteger(key).value_or(0);
    }

    // maxLength < 0: no limit.
    std::optional<QString> optionalString(const QString &key, qsizetype maxLength = -1, bool allowEmpty = true)
    {
        const auto it = m_object.constFind(key);
        if (it == m_object.constEnd() || it->isNull())
            return std::nullopt;
        if (!it->isString()) {
            fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be a string").arg(key));
            return std::nullopt;
        }
        QString s = it->toString();
        if (maxLength >= 0 && s.size() > maxLength) {
            fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" is longer than %2 characters").arg(key).arg(maxLength));
            return std::nullopt;
        }
        if (!allowEmpty && s.isEmpty()) {
            fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must not be empty").arg(key));
            return std::nullopt;
        }
        return s;
    }

    QString string(const QString &key, qsizetype maxLength = -1, bool allowEmpty = false)
    {
        if (!m_object.contains(key) || m_object.value(key).isNull()) {
            fail(QStringLiteral("missing_field"), QStringLiteral("\"%1\" is required").arg(key));
            return {};
        }
        return optionalString(key, maxLength, allowEmpty).value_or(QString());
    }

    std::optional<bool> optionalBool(const QString &key)
    {
        const auto it = m_object.constFind(key);
        if (it == m_object.constEnd() || it->isNull())
            return std::nullopt;
        if (!it->isBool()) {
            fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be true or false").arg(key));
            return std::nullopt;
        }
        return it->toBool();
    }

    std::optional<QJsonArray> optionalArray(const QString &key)
    {
        const auto it = m_object.constFind(key);
        if (it == m_object.constEnd() || it->isNull())
            return std::nullopt;
        if (!it->isArray()) {
            fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be an array").arg(key));
            return std::nullopt;
        }
        return it->toArray();
    }

    QJsonArray array(const QString &key)
    {
        if (!m_object.contains(key) || m_object.value(key).isNull()) {
            fail(QStringLiteral("missing_field"), QStringLiteral("\"%1\" is required").arg(key));
            return {};
        }
        return optionalArray(key).value_or(QJsonArray());
    }

    std::optional<QJsonObject> optionalObject(const QString &key)
    {
        const auto it = m_object.constFind(key);
        if (it == m_object.constEnd() || it->isNull())
            return std::nullopt;
        if (!it->isObject()) {
            fail(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be an object").arg(key));
            return std::nullopt;
        }
        return it->toObject();
    }

    bool contains(const QString &key) const { return m_object.contains(key) && !m_object.value(key).isNull(); }
    const QJsonObject &object() const { return m_object; }

private:
    const QJsonObject &m_object;
    ProtocolError &m_error;
};

// The JSON object of one frame, or invalid_json: what both decoders do before
// reading any field.
inline Result<QJsonObject, ProtocolError> parseFrameObject(const QString &frame)
{
    using R = Result<QJsonObject, ProtocolError>;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return R::failure({QStringLiteral("invalid_json"), QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset), {}, {}, {}, {}});
    if (!document.isObject())
        return R::failure({QStringLiteral("invalid_json"), QStringLiteral("a message must be a JSON object"), {}, {}, {}, {}});
    return R::success(document.object());
}

} // namespace coauthor::sync::detail
