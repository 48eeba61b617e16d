#pragma once

// Trace: an editing trace in the automerge-perf format ({startContent, endContent,
// txns: [{patches: [[pos, delCount, insText]]}]}, positions in code points), loaded
// from a .json.gz file and converted to UTF-16 ops of the OT core.

#include "sync/ot/textoperation.h"

#include <QString>

#include <vector>

namespace coauthor::bench {

// One patch in UTF-16 units, with the deleted text filled in.
struct Patch
{
    qsizetype position = 0;
    QString deleted;
    QString inserted;
    qsizetype sizeBefore = 0; // document length before the patch
};

struct Trace
{
    QString startContent;
    QString endContent;
    std::vector<Patch> patches;

    // Reads and converts path; on failure returns false and sets error.
    static bool load(const QString &path, Trace *trace, QString *error);
};

// The patch as an op: a delete then an insert at the same position.
sync::ot::TextOperation toOperation(const Patch &patch);

} // namespace coauthor::bench
