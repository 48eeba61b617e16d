#include "compile/buildoutputs.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>

namespace coauthor::compile {

namespace {

const QString outputNames[] = {QStringLiteral("output.pdf"), QStringLiteral("output.log"),
                               QStringLiteral("output.synctex.gz"), QStringLiteral("output.blg")};

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// Build ids compare by their timestamp first (hex strings of different lengths do not
// sort lexically), then by the random part.
bool olderBuild(const QString &a, const QString &b)
{
    bool okA = false;
    bool okB = false;
    const qint64 ta = a.section(u'-', 0, 0).toLongLong(&okA, 16);
    const qint64 tb = b.section(u'-', 0, 0).toLongLong(&okB, 16);
    if (okA != okB)
        return !okA;
    if (ta != tb)
        return ta < tb;
    return a < b;
}

} // namespace

BuildOutputs::BuildOutputs(const QString &buildsRoot)
    : m_buildsRoot(buildsRoot)
{
}

QString BuildOutputs::newBuildId()
{
    const quint64 random = QRandomGenerator::system()->generate64();
    return QString::number(QDateTime::currentMSecsSinceEpoch(), 16) + u'-'
        + QStringLiteral("%1").arg(random, 16, 16, QLatin1Char('0'));
}

std::optional<BuildOutputs::Build> BuildOutputs::publish(const QString &outputDir, const QByteArray &stdOut,
                                                         const QByteArray &stdErr, QString *error) const
{
    Build build;
    build.id = newBuildId();
    build.dir = m_buildsRoot + u'/' + build.id;
    if (!QDir().mkpath(build.dir)) {
        *error = QStringLiteral("cannot create %1").arg(build.dir);
        return std::nullopt;
    }
    for (const QString &name : outputNames) {
        const QString source = outputDir + u'/' + name;
        const QFileInfo info(source);
        // Only what TeX wrote as a plain file is published; a symlink planted in the
        // compile directory could otherwise publish any file of the user's.
        if (info.isSymLink() || !info.isFile())
            continue;
        const QString target = build.dir + u'/' + name;
        if (!QFile::copy(source, target)) {
            *error = QStringLiteral("cannot copy %1 to %2").arg(source, build.dir);
            QDir(build.dir).removeRecursively();
            return std::nullopt;
        }
        if (name == QLatin1String("output.pdf") && info.size() > 0)
            build.pdfPath = target;
        else if (name == QLatin1String("output.log"))
            build.logPath = target;
        else if (name == QLatin1String("output.synctex.gz"))
            build.synctexPath = target;
    }
    if (!writeFile(build.dir + QLatin1String("/output.stdout"), stdOut)
        || !writeFile(build.dir + QLatin1String("/output.stderr"), stdErr)) {
        *error = QStringLiteral("cannot write to %1").arg(build.dir);
        QDir(build.dir).removeRecursively();
        return std::nullopt;
    }
    return build;
}

void BuildOutputs::prune(int keep) const
{
    QStringList builds = QDir(m_buildsRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(builds.begin(), builds.end(), olderBuild);
    for (qsizetype i = 0; i + keep < builds.size(); ++i)
        QDir(m_buildsRoot + u'/' + builds.at(i)).removeRecursively();
}

} // namespace coauthor::compile
