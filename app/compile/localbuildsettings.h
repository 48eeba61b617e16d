// LocalBuildSettings: how this computer compiles a project, chosen by its local user:
// full shell escape (for minted and the like) and a copy of the PDF kept next to the main
// document. Kept in the project's own .coauthor/
// folder, which is never synced (the server refuses .coauthor paths, the mirror never
// writes there) and never in .coauthor-project.json or any other project file, so
// nothing a collaborator or the server sends can switch it on (issue 13, item 9).
#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace coauthor::app {

class LocalBuildSettings
{
public:
    // <projectRoot>/.coauthor/build.json
    static QString filePath(const QString &projectRoot);

    // Off when the file is missing, unreadable or says anything but true.
    static bool fullShellEscape(const QString &projectRoot);
    // Written readable by the user only. False (and *error) when it cannot be written.
    static bool setFullShellEscape(const QString &projectRoot, bool on, QString *error = nullptr);

    // "Keep a copy of the PDF next to the main document": off unless the file says true.
    static bool keepPdfCopy(const QString &projectRoot);
    static bool setKeepPdfCopy(const QString &projectRoot, bool on, QString *error = nullptr);

    // The copy last written (project-relative path, size and modification time), so that
    // only that copy is ever replaced, never a file of the same name someone else put there.
    struct PdfCopy
    {
        QString path;
        qint64 size = 0;
        qint64 mtimeMs = 0;
    };
    static std::optional<PdfCopy> lastPdfCopy(const QString &projectRoot);
    static bool setLastPdfCopy(const QString &projectRoot, const std::optional<PdfCopy> &copy, QString *error = nullptr);

private:
    static bool setValue(const QString &projectRoot, const QString &key, const QJsonValue &value, QString *error);
};

} // namespace coauthor::app
