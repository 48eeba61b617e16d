#include "serverprocess.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpServer>

namespace coauthor::sync::test {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

CreatedProject createProject(const QString &binary, const QString &dataDir, const QString &name, const QStringList &extra)
{
    QProcess admin;
    admin.setProcessChannelMode(QProcess::MergedChannels); // an error message goes into output
    admin.start(binary, QStringList{QStringLiteral("project"), QStringLiteral("create"), name, QStringLiteral("--data"), dataDir} + extra);
    admin.waitForFinished(20000);
    CreatedProject created;
    created.output = QString::fromUtf8(admin.readAll());
    created.id = QRegularExpression(QStringLiteral("project id: (\\S+)")).match(created.output).captured(1);
    created.token = QRegularExpression(QStringLiteral("token \\(read-write\\): (\\S+)")).match(created.output).captured(1);
    return created;
}

bool startServer(QProcess &process, const QString &binary, quint16 port, const QString &dataDir, const QStringList &extra)
{
    process.start(binary, QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                                      QStringLiteral("--data"), dataDir}
                              + extra);
    return process.waitForStarted(10000) && process.waitForReadyRead(20000); // "listening on …"
}

} // namespace coauthor::sync::test
