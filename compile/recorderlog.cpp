#include "compile/recorderlog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace coauthor::compile {

std::optional<RecorderLog> RecorderLog::read(const QString &flsPath)
{
    QFile file(flsPath);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return parse(file.readAll(), QFileInfo(flsPath).absolutePath());
}

RecorderLog RecorderLog::parse(const QByteArray &text, const QString &defaultDir)
{
    RecorderLog log;
    QString pwd = defaultDir;
    const auto absolute = [&pwd](const QByteArray &path) {
        const QString name = QString::fromUtf8(path);
        return QDir::cleanPath(QFileInfo(name).isAbsolute() ? name : pwd + u'/' + name);
    };
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("PWD "))
            pwd = QString::fromUtf8(line.mid(4));
        else if (line.startsWith("INPUT "))
            log.m_inputs.insert(absolute(line.mid(6)));
        else if (line.startsWith("OUTPUT "))
            log.m_outputs.insert(absolute(line.mid(7)));
    }
    return log;
}

} // namespace coauthor::compile
