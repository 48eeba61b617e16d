#include "app/project/textcodec.h"

#include <QStringDecoder>

namespace coauthor::app {

DecodedText decodeText(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString text = utf8(bytes);
    if (!utf8.hasError())
        return {text, TextEncoding::Utf8};
    return {QString::fromLatin1(bytes), TextEncoding::Latin1};
}

std::optional<QByteArray> encodeText(const QString &text, TextEncoding encoding, QString *unencodable)
{
    if (encoding == TextEncoding::Utf8)
        return text.toUtf8();
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).unicode() > 0xff) {
            if (unencodable) {
                const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size();
                *unencodable = text.mid(i, pair ? 2 : 1);
            }
            return std::nullopt;
        }
    }
    return text.toLatin1();
}

QString encodingName(TextEncoding encoding)
{
    return encoding == TextEncoding::Utf8 ? QStringLiteral("UTF-8") : QStringLiteral("ISO 8859-1 (Latin-1)");
}

} // namespace coauthor::app
