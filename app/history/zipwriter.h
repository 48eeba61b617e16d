// ZipWriter: a .zip archive of files given in memory (a project version for
// Download), deflated with zlib, names in UTF-8. No ZIP64: an archive stays under
// 4 GB, far above any project. Written through QSaveFile: a failed write leaves no
// half archive behind.
#pragma once

#include "sync/common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace coauthor::app {

class ZipWriter
{
public:
    struct Entry
    {
        QString path; // '/'-separated, relative
        QByteArray content;
    };
    static sync::Result<void, QString> write(const QString &file, const QList<Entry> &entries,
                                             const QDateTime &modified = QDateTime::currentDateTime());
};

} // namespace coauthor::app
