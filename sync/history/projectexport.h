#pragma once
// The project as it was at a version, as a .zip (docs as UTF-8 text, files as
// their bytes then, empty folders kept): `coauthor-server export` and the app's
// "Download this version".
#include "sync/history/historyreader.h"

namespace coauthor::sync::history {

// version < 0: the latest. The archive's entries carry the version's time.
HistoryReader::Result<QByteArray> projectZip(HistoryReader &reader, const QString &projectId, qint64 version);

} // namespace coauthor::sync::history
