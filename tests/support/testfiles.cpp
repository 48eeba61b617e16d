#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace coauthor::test {

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString readText(const QString &path)
{
    return QString::fromUtf8(readBytes(path));
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

bool writeText(const QString &path, const QString &text)
{
    return writeBytes(path, text.toUtf8());
}

} // namespace coauthor::test
