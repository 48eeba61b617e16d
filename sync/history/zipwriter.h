#pragma once
// ZipWriter: a project version as a .zip (PKWARE APPNOTE: local headers, central
// directory, UTF-8 names; each file deflated through zlib, or stored when that is
// not smaller). Qt 6.4 has no public zip writer (QZipWriter is private to QtGui),
// and the server must not run /usr/bin/zip. No ZIP64: at most 65,535 entries and
// 4 GiB, else the error says so. Written to a QSaveFile: all or nothing.
#include "sync/common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace coauthor::sync::history {

class ZipWriter
{
public:
    // modified: the time every entry carries (the version's time).
    explicit ZipWriter(QDateTime modified = QDateTime::currentDateTimeUtc());

    // path: '/' separated, relative; a folder is added with addFolder (also implied by files).
    void addFile(const QString &path, const QByteArray &content);
    void addFolder(const QString &path);

    // The archive's bytes, or why it cannot be written.
    Result<QByteArray, QString> archive() const;
    Result<void, QString> write(const QString &fileName) const;

private:
    struct Item
    {
        QString path;
        QByteArray data; // stored or deflated
        quint32 crc = 0;
        qint64 size = 0;
        bool deflated = false;
        bool folder = false;
    };
    QList<Item> m_items;
    quint16 m_dosTime = 0;
    quint16 m_dosDate = 0;
};

} // namespace coauthor::sync::history
