#include "sync/ot/opjson.h"

#include "sync/ot/utf16_p.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace coauthor::sync::ot {

namespace {

using Code = OtError::Code;

Result<TextOperation, OtError> fail(Code code, const QString &message)
{
    return Result<TextOperation, OtError>::failure({code, message});
}

QString at(qsizetype index)
{
    return QStringLiteral("component %1: ").arg(index);
}

// Largest integer a JSON number (an IEEE double) holds exactly.
constexpr double MaxSafeInteger = 9007199254740991.0;

} // namespace

QJsonArray toJson(const TextOperation &op)
{
    QJsonArray array;
    for (const Component &c : op.components()) {
        QJsonObject object;
        object.insert(QLatin1String("p"), qint64(c.position));
        object.insert(c.isInsert() ? QLatin1String("i") : QLatin1String("d"), c.text);
        array.append(object);
    }
    return array;
}

Result<TextOperation, OtError> operationFromJson(const QJsonValue &json, const JsonLimits &limits)
{
    if (!json.isArray())
        return fail(Code::WrongType, QStringLiteral("an operation must be a JSON array of components"));
    const QJsonArray array = json.toArray();
    if (array.size() > limits.maxComponents)
        return fail(Code::TooManyComponents, QStringLiteral("%1 components, at most %2 allowed")
                                                 .arg(array.size()).arg(limits.maxComponents));
    QList<Component> components;
    components.reserve(array.size());
    qsizetype textLength = 0;
    // Values are read through QJsonValueConstRef (iterators), not copied into
    // QJsonValues: this is the server's per-op path, and each copy costs.
    qsizetype index = 0;
    for (auto value = array.constBegin(); value != array.constEnd(); ++value, ++index) {
        if (!value->isObject())
            return fail(Code::WrongType, at(index) % QStringLiteral("a component must be a JSON object"));
        const QJsonObject object = value->toObject();
        const auto end = object.constEnd();
        const auto pIt = object.constFind(QLatin1String("p"));
        const auto iIt = object.constFind(QLatin1String("i"));
        const auto dIt = object.constFind(QLatin1String("d"));
        const bool isInsert = iIt != end;
        const bool isDelete = dIt != end;
        // Only when some key is none of p, i, d are the keys walked (to name it):
        // the common case allocates no key strings.
        if (object.size() != qsizetype(pIt != end) + qsizetype(isInsert) + qsizetype(isDelete)) {
            for (auto it = object.constBegin(); it != end; ++it) {
                const QString key = it.key();
                if (key != QLatin1String("p") && key != QLatin1String("i") && key != QLatin1String("d"))
                    return fail(Code::UnknownField, at(index) % QStringLiteral("unknown field \"%1\"").arg(key));
            }
        }
        if (pIt == end)
            return fail(Code::MissingField, at(index) % QStringLiteral("missing \"p\""));
        const QJsonValueConstRef p = pIt.value();
        if (!p.isDouble())
            return fail(Code::WrongType, at(index) % QStringLiteral("\"p\" must be a number"));
        const double position = p.toDouble();
        if (position < 0)
            return fail(Code::NegativePosition, at(index) % QStringLiteral("\"p\" is negative"));
        if (!std::isfinite(position) || position != std::floor(position) || position > MaxSafeInteger)
            return fail(Code::WrongType, at(index) % QStringLiteral("\"p\" must be an integer"));
        if (isInsert && isDelete)
            return fail(Code::UnknownField, at(index) % QStringLiteral("a component has \"i\" or \"d\", not both"));
        if (!isInsert && !isDelete)
            return fail(Code::MissingField, at(index) % QStringLiteral("missing \"i\" or \"d\""));
        const QJsonValueConstRef textValue = isInsert ? iIt.value() : dIt.value();
        if (!textValue.isString())
            return fail(Code::WrongType, at(index) % QStringLiteral("\"%1\" must be a string").arg(isInsert ? u'i' : u'd'));
        QString text = textValue.toString();
        if (text.isEmpty())
            return fail(Code::EmptyComponent, at(index) % QStringLiteral("empty text"));
        textLength += text.size();
        if (textLength > limits.maxTextLength)
            return fail(Code::TextTooLong, QStringLiteral("the operation's text exceeds %1 UTF-16 code units")
                                               .arg(limits.maxTextLength));
        if (detail::hasLoneSurrogate(text))
            return fail(Code::LoneSurrogate, at(index) % QStringLiteral("text holds a lone surrogate"));
        const auto pos = qsizetype(position);
        components.append(isInsert ? Component::insert(pos, std::move(text)) : Component::erase(pos, std::move(text)));
    }
    return Result<TextOperation, OtError>::success(TextOperation(std::move(components)));
}

Result<TextOperation, OtError> operationFromJsonText(const QByteArray &json, const JsonLimits &limits)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(Code::InvalidJson, QStringLiteral("invalid JSON at offset %1: %2")
                                           .arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isArray())
        return fail(Code::WrongType, QStringLiteral("an operation must be a JSON array of components"));
    return operationFromJson(document.array(), limits);
}

} // namespace coauthor::sync::ot
