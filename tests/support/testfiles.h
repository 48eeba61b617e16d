#pragma once

// Reading and writing whole files in tests: fixtures, golden files, working
// copies. One place instead of a copy in every test file.

#include <QByteArray>
#include <QString>

namespace coauthor::test {

// The file's bytes; empty when it cannot be read.
QByteArray readBytes(const QString &path);
// The file as UTF-8 text; empty when it cannot be read.
QString readText(const QString &path);

// Replaces the file with bytes, creating its parent folders; false unless every
// byte was written.
bool writeBytes(const QString &path, const QByteArray &bytes);
// writeBytes of text encoded as UTF-8.
bool writeText(const QString &path, const QString &text);

} // namespace coauthor::test
