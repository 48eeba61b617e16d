#pragma once

// Golden-file tests: an input's output compared with a reference file next to
// it, regenerated instead when COAUTHOR_UPDATE_REFERENCES=1 (then review the diff).

#include <QString>
#include <QStringList>

namespace coauthor::test {

// The files of dir matching pattern ("*.tex"), as full paths, sorted by name.
QStringList goldenInputs(const QString &dir, const QString &pattern);
// The reference of an input: its path with the suffix replaced (".tex" -> ".ref").
QString referencePath(const QString &input, const QString &referenceSuffix);
// Empty when actual equals the reference's text (or the reference was just
// rewritten with it); otherwise what differs first, for QVERIFY2.
QString compareWithReference(const QString &actual, const QString &referencePath);

} // namespace coauthor::test
