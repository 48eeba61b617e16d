#include "sync/client/conflictcopy.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace coauthor::sync::conflictcopy {

QString pathFor(const QString &path, const QDateTime &when, const std::function<bool(const QString &)> &taken)
{
    const QFileInfo info(path);
    const QString dir = info.path() == QLatin1String(".") ? QString() : info.path() + QLatin1Char('/');
    const QString stamp = when.toString(QStringLiteral("yyyy-MM-dd HHmm"));
    const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    for (int n = 1;; ++n) {
        const QString number = n > 1 ? QStringLiteral(" %1").arg(n) : QString();
        const QString candidate = dir + info.completeBaseName() + QStringLiteral(" (conflict %1%2)").arg(stamp, number) + suffix;
        if (!taken(candidate))
            return candidate;
    }
}

Result<void, QString> write(const QString &root, const QString &path, const QString &text)
{
    using R = Result<void, QString>;
    const QString absolute = QDir(root).filePath(path);
    QDir().mkpath(QFileInfo(absolute).path());
    QSaveFile out(absolute);
    // commit() fsyncs before renaming: the copy is durable once this returns.
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit())
        return R::failure(out.errorString());
    return R::success();
}

} // namespace coauthor::sync::conflictcopy
