#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace coauthor::compile {

// The published results of a project's compiles: one directory per build under
// buildsRoot, named by a build id that sorts by time; only the newest few are kept.
// A viewer may keep reading a build's PDF while the next compile runs.
class BuildOutputs
{
public:
    static constexpr int buildsKept = 3;

    explicit BuildOutputs(const QString &buildsRoot);

    // Hex milliseconds since the epoch + "-" + 16 random hex digits.
    static QString newBuildId();

    struct Build
    {
        QString id;
        QString dir;
        QString pdfPath; // empty when the compile made no (non-empty) PDF
        QString logPath;
        QString synctexPath;
    };
    // Copies output.{pdf,log,synctex.gz,blg} from outputDir (regular files only, never
    // symlinks) and writes latexmk's stdout and stderr beside them.
    std::optional<Build> publish(const QString &outputDir, const QByteArray &stdOut, const QByteArray &stdErr,
                                 QString *error) const;

    // Deletes all but the newest `keep` builds.
    void prune(int keep = buildsKept) const;

private:
    QString m_buildsRoot;
};

} // namespace coauthor::compile
