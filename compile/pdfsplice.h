#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace coauthor::compile {

// The PDF half of spliceOutputs (outputsplice.h), through libqpdf: the base document with
// the replacing pages of the partial build in place of their counterparts, its catalog
// (outlines, page labels, names) kept, named destinations of the new pages taken from the
// partial build, every reference to a replaced page moved to its replacement.
// Returns the new file's bytes; the mapping is checked against both documents' page counts.
std::optional<QByteArray> splicePdf(const QString &basePdf, const QString &partPdf,
                                    const QList<int> &partToBasePage, const QList<int> &replacingPartPages,
                                    QString *error);

} // namespace coauthor::compile
