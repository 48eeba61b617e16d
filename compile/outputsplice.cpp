#include "compile/outputsplice.h"

#include "compile/pdfsplice.h"
#include "compile/synctexsplice.h"

#include <QFile>
#include <QSaveFile>

#include <optional>

namespace coauthor::compile {

namespace {

// Writes data to path through a temporary file renamed over it on commit (QSaveFile).
bool prepare(QSaveFile &file, const QByteArray &data, QString *error)
{
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()) {
        *error = QStringLiteral("Cannot write %1: %2.").arg(file.fileName(), file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

} // namespace

bool spliceOutputs(const OutputSplice &splice, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    const bool anySyncTex = !splice.baseSyncTex.isEmpty() || !splice.partSyncTex.isEmpty() || !splice.outSyncTex.isEmpty();
    if (anySyncTex && (splice.baseSyncTex.isEmpty() || splice.partSyncTex.isEmpty() || splice.outSyncTex.isEmpty())) {
        *error = QStringLiteral("A SyncTeX splice needs the base's, the partial build's and the output's paths.");
        return false;
    }
    if (splice.outPdf.isEmpty()) {
        *error = QStringLiteral("The spliced PDF has no output path.");
        return false;
    }
    // Both results are made in memory before either file is touched: an output path may be
    // an input, and a failure of either half leaves no output at all.
    const std::optional<QByteArray> pdf =
        splicePdf(splice.basePdf, splice.partPdf, splice.partToBasePage, splice.replacingPartPages, error);
    if (!pdf)
        return false;
    std::optional<QByteArray> syncTex;
    if (anySyncTex) {
        syncTex = spliceSyncTex(splice.baseSyncTex, splice.partSyncTex, splice.partToBasePage,
                                splice.replacingPartPages, error);
        if (!syncTex)
            return false;
    }

    QSaveFile pdfFile(splice.outPdf);
    QSaveFile syncTexFile(splice.outSyncTex);
    if (!prepare(pdfFile, *pdf, error) || (syncTex && !prepare(syncTexFile, *syncTex, error))) {
        pdfFile.cancelWriting();
        return false;
    }
    if (!pdfFile.commit()) {
        *error = QStringLiteral("Cannot write %1: %2.").arg(splice.outPdf, pdfFile.errorString());
        syncTexFile.cancelWriting();
        return false;
    }
    if (syncTex && !syncTexFile.commit()) {
        // The PDF is already in place; without its SyncTeX it would be half a result.
        QFile::remove(splice.outPdf);
        *error = QStringLiteral("Cannot write %1: %2.").arg(splice.outSyncTex, syncTexFile.errorString());
        return false;
    }
    return true;
}

} // namespace coauthor::compile
