#include "app/history/historysource.h"

#include <QPointer>

namespace coauthor::app {

void HistorySource::restoreDeleted(const QString &path, qint64 version, Reply<QString> reply)
{
    Q_UNUSED(path);
    Q_UNUSED(version);
    // Answered later, as every request is.
    QMetaObject::invokeMethod(this, [reply = std::move(reply)] {
        reply(sync::Result<QString, sync::ServiceError>::failure(
            sync::ServiceError::make(QStringLiteral("not_supported"), QStringLiteral("this history cannot bring a file back itself"))));
    }, Qt::QueuedConnection);
}

} // namespace coauthor::app
