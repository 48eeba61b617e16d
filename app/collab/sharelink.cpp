#include "app/collab/sharelink.h"

#include "sync/client/certificatepin.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace coauthor::app {

QString ShareLink::filePath(const QString &workingCopy)
{
    return QDir(workingCopy).filePath(QStringLiteral(".coauthor/link.json"));
}

std::optional<ShareLink> ShareLink::load(const QString &workingCopy)
{
    QFile file(filePath(workingCopy));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    ShareLink link;
    link.url = QUrl(o.value(QStringLiteral("url")).toString());
    link.projectId = o.value(QStringLiteral("projectId")).toString();
    link.token = o.value(QStringLiteral("token")).toString();
    link.name = o.value(QStringLiteral("name")).toString();
    link.hostListen = o.value(QStringLiteral("hostListen")).toString();
    link.certificateSha256 = sync::CertificatePin::parse(o.value(QStringLiteral("certificateSha256")).toString());
    if (!link.isValid())
        return std::nullopt;
    return link;
}

bool ShareLink::save(const QString &workingCopy, QString *error) const
{
    const QString path = filePath(workingCopy);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QJsonObject o{{QStringLiteral("url"), url.toString()},
                  {QStringLiteral("projectId"), projectId},
                  {QStringLiteral("token"), token},
                  {QStringLiteral("name"), name}};
    if (!hostListen.isEmpty())
        o.insert(QStringLiteral("hostListen"), hostListen);
    if (!certificateSha256.isEmpty())
        o.insert(QStringLiteral("certificateSha256"), sync::CertificatePin::format(certificateSha256));
    QSaveFile file(path);
    const QByteArray bytes = QJsonDocument(o).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("ShareLink", "Cannot write “%1”: %2").arg(path, file.errorString());
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

QUrl ShareLink::urlFromText(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    if (!t.contains(QLatin1String("://")))
        t.prepend(QStringLiteral("ws://"));
    QUrl url(t, QUrl::StrictMode);
    if (url.scheme() == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (url.scheme() == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss")))
        return {};
    return url;
}

} // namespace coauthor::app
