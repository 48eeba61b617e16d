// TextCodec: how a project's text file's bytes become editor text and back.
// UTF-8 when the bytes are valid UTF-8 (a byte-order mark is kept); otherwise
// ISO 8859-1, which maps every byte to one character, so older sources written
// for \usepackage[latin1]{inputenc} open with their accents and are saved byte
// for byte as they were, instead of having them replaced by U+FFFD.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace coauthor::app {

enum class TextEncoding { Utf8, Latin1 };

struct DecodedText
{
    QString text;
    TextEncoding encoding = TextEncoding::Utf8;
};

DecodedText decodeText(const QByteArray &bytes);

// The bytes of text in that encoding, or nothing when it holds a character the
// encoding cannot (then *unencodable, when given, is the first such character).
std::optional<QByteArray> encodeText(const QString &text, TextEncoding encoding, QString *unencodable = nullptr);

QString encodingName(TextEncoding encoding); // "UTF-8", "ISO 8859-1 (Latin-1)"

} // namespace coauthor::app
