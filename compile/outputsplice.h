#pragma once

#include <QList>
#include <QString>

namespace coauthor::compile {

// A complete build's PDF (and SyncTeX) with some of its pages replaced by pages of a partial
// build (one typeset with \includeonly) of the same document.
struct OutputSplice
{
    QString basePdf, partPdf, outPdf;              // out written via a temp file + rename
    QString baseSyncTex, partSyncTex, outSyncTex;  // .synctex.gz; all empty = no SyncTeX
    // For each page of the partial build (index 0 = its page 1): the page (1-based) of the
    // complete build it stands for (front and back matter map to their counterparts).
    QList<int> partToBasePage;
    // Pages (1-based) of the partial build that replace their counterparts in the base.
    QList<int> replacingPartPages;
};

// True and both outputs written, or false, *error set, and no output file left behind.
// Files already at the output paths are replaced only on success (an output may be one
// of the inputs: the splice reads everything before it writes). Reentrant: no shared state,
// so it may run on any thread, several splices at once. Tens of milliseconds on a 30-page
// book (tst_outputsplice reports the figure).
bool spliceOutputs(const OutputSplice &splice, QString *error);

} // namespace coauthor::compile
