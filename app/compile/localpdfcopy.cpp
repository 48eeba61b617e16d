#include "app/compile/localpdfcopy.h"

#include "app/compile/localbuildsettings.h"
#include "app/project/project.h"
#include "sync/client/workingcopyscan.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace coauthor::app {

QString LocalPdfCopy::pathFor(const QString &rootDocument)
{
    const QFileInfo root(rootDocument);
    const QString name = root.completeBaseName() + QStringLiteral(".pdf");
    return root.path() == QLatin1String(".") ? name : root.path() + u'/' + name;
}

LocalPdfCopy::Result LocalPdfCopy::write(const Project &project, const QString &rootDocument, const QString &pdfPath)
{
    Result result;
    if (!project.isValid() || rootDocument.isEmpty())
        return result;
    result.path = pathFor(rootDocument);
    const QString target = project.absolutePath(result.path);
    const QFileInfo existing(target);
    if (existing.exists() || existing.isSymLink()) {
        // Ours when it is where and as we left it; anything else (a collaborator's PDF, one the
        // user put there, a link) is not replaced.
        const auto last = LocalBuildSettings::lastPdfCopy(project.rootPath());
        const bool ours = last && last->path == result.path && !existing.isSymLink() && existing.isFile()
            && existing.size() == last->size && existing.lastModified().toMSecsSinceEpoch() == last->mtimeMs;
        if (!ours) {
            result.error = tr("“%1” is already there and is not the copy Coauthor made, so it was not replaced.")
                               .arg(result.path);
            return result;
        }
    }
    // Listed before it exists, so the mirror of a shared project never sees it unlisted.
    if (!sync::workingcopyscan::setLocalOutput(project.rootPath(), result.path, true)) {
        result.error = tr("Cannot keep a copy of the PDF: the project's .coauthor folder cannot be written.");
        return result;
    }
    QString error;
    if (!copyThroughPart(pdfPath, target, &error)) {
        result.error = error.isEmpty() ? tr("Cannot write “%1”.").arg(result.path)
                                       : tr("Cannot write “%1”: %2").arg(result.path, error);
        return result;
    }
    const QFileInfo written(target);
    LocalBuildSettings::setLastPdfCopy(project.rootPath(),
                                       LocalBuildSettings::PdfCopy{result.path, written.size(),
                                                                   written.lastModified().toMSecsSinceEpoch()});
    result.written = true;
    return result;
}

bool LocalPdfCopy::copyThroughPart(const QString &source, const QString &target, QString *error)
{
    const QString partial = target + QStringLiteral(".part");
    QFile::remove(partial);
    QFile file(source);
    if (!file.copy(partial)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QFile::remove(target);
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        if (error)
            error->clear();
        return false;
    }
    return true;
}

} // namespace coauthor::app
