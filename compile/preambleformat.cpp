#include "compile/preambleformat.h"

#include "compile/recorderlog.h"

#include <QCryptographicHash>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>

#include <zlib.h>

namespace coauthor::compile {

namespace {

constexpr int recordVersion = 1;
const char writesFileMarker[] = "Coauthor: the preamble writes a file";

// Where mylatexformat dumps: just past the first line that has \begin{document} or
// \endofdump outside a comment. -1 when there is none.
qsizetype preambleEnd(const QByteArray &text)
{
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        QByteArray line = text.mid(start, end - start);
        for (qsizetype i = 0; i < line.size(); ++i) {
            if (line.at(i) == '%' && (i == 0 || line.at(i - 1) != '\\')) {
                line.truncate(i);
                break;
            }
        }
        if (line.contains("\\begin{document}") || line.contains("\\endofdump"))
            return std::min(end + 1, text.size());
        start = end + 1;
    }
    return -1;
}

// The test the driver adds around mylatexformat: a \closeout in the preamble means a file
// was written there (filecontents, a package's own file), which a format would lose (the
// format run skips the preamble, and mylatexformat reopens, i.e. empties, the file).
// The dump then ends without a format.
QString dumpDriver(const QString &rootFile, const CompileOptions &options)
{
    // The log echoes this line: the marker is only in the log when \\write expands \\coauthor@what.
    QString driver = QStringLiteral(
        "\\catcode`\\@=11 \\def\\coauthor@what{writes a file}\\let\\coauthor@closeout\\closeout"
        "\\def\\closeout{\\global\\let\\coauthor@wrotefile\\relax\\coauthor@closeout}"
        "\\let\\coauthor@dump\\dump"
        "\\def\\dump{\\let\\closeout\\coauthor@closeout\\ifx\\coauthor@wrotefile\\relax"
        "\\immediate\\write17{Coauthor: the preamble \\coauthor@what; it is not dumped}\\expandafter\\@@end"
        "\\else\\expandafter\\coauthor@dump\\fi}\\catcode`\\@=12 ");
    if (options.draft)
        driver += QStringLiteral("\\PassOptionsToPackage{draft}{graphicx}\\PassOptionsToPackage{draft}{graphics}");
    return driver + QStringLiteral("\\input mylatexformat.ltx ") + rootFile;
}

bool mylatexformatInstalled()
{
    static const bool installed = [] {
        QProcess kpsewhich;
        kpsewhich.start(QStringLiteral("kpsewhich"), {QStringLiteral("mylatexformat.ltx")});
        return kpsewhich.waitForFinished(10000) && kpsewhich.exitCode() == 0
            && !kpsewhich.readAllStandardOutput().trimmed().isEmpty();
    }();
    return installed;
}

// web2c dumps formats gzip-compressed and reads them back with gzread, which reads a plain
// file as well: decompressed once here, the format loads without being inflated on every
// pass (on the benchmark thesis 60 of 250 ms of CPU per pass).
bool decompressInPlace(const QString &path)
{
    gzFile in = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!in)
        return false;
    QSaveFile out(path);
    bool ok = out.open(QIODevice::WriteOnly);
    char buffer[1 << 16];
    int read = 0;
    while (ok && (read = gzread(in, buffer, sizeof buffer)) > 0)
        ok = out.write(buffer, read) == read;
    ok = ok && read == 0;
    gzclose(in);
    return ok && out.commit();
}

std::optional<QByteArray> fileSha256(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return std::nullopt;
    return hash.result().toHex();
}

QString stateName(PreambleFormat::State state)
{
    switch (state) {
    case PreambleFormat::State::Unverified:
        return QStringLiteral("unverified");
    case PreambleFormat::State::Verified:
        return QStringLiteral("verified");
    case PreambleFormat::State::Rejected:
        return QStringLiteral("rejected");
    case PreambleFormat::State::None:
        break;
    }
    return QStringLiteral("none");
}

} // namespace

PreambleFormat::PreambleFormat(const QString &folder)
    : m_folder(folder)
{
    load();
}

QString PreambleFormat::unsupportedReason(const QByteArray &rootText, const CompileOptions &options)
{
    if (options.engine != Engine::PdfLaTeX)
        return QStringLiteral("preamble formats are made for pdfLaTeX only");
    if (rootText.startsWith("%&"))
        return QStringLiteral("the root document names its own format (%&-line)");
    if (preambleEnd(rootText) < 0)
        return QStringLiteral("the root document has no \\begin{document} line");
    if (!mylatexformatInstalled())
        return QStringLiteral("mylatexformat.ltx is not installed (Debian package texlive-latex-extra)");
    return QString();
}

QByteArray PreambleFormat::keyFor(const QByteArray &rootText, const CompileOptions &options)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayLiteral("coauthor preamble v1\n"));
    hash.addData(engineName(options.engine).toUtf8());
    hash.addData(options.draft ? QByteArrayLiteral("\ndraft") : QByteArrayLiteral("\nfinal"));
    hash.addData(options.shellEscape == ShellEscape::Full ? QByteArrayLiteral("\nshell:full")
                                                          : QByteArrayLiteral("\nshell:restricted"));
    hash.addData(QByteArray("\nday:" + QDate::currentDate().toString(Qt::ISODate).toLatin1() + '\n'));
    const qsizetype end = preambleEnd(rootText);
    hash.addData(rootText.left(end < 0 ? rootText.size() : end));
    return hash.result().toHex();
}

QString PreambleFormat::formatFile() const
{
    // Absolute: a relative -fmt would be looked up by kpathsea (and mktexfmt run for it).
    return QFileInfo(m_folder + QLatin1String("/dump/output.fmt")).absoluteFilePath();
}

PreambleFormat::State PreambleFormat::state(const QByteArray &key)
{
    if (m_state == State::None || m_key != key)
        return State::None;
    bool restated = false;
    for (Dependency &dependency : m_dependencies) {
        const QFileInfo info(dependency.path);
        if (!info.isFile())
            return State::None;
        const qint64 modified = info.lastModified().toMSecsSinceEpoch();
        if (info.size() == dependency.size && modified == dependency.modifiedMs)
            continue;
        // Rewritten (a full compile writes every project file again): the content decides.
        if (fileSha256(dependency.path) != dependency.sha256)
            return State::None;
        dependency.size = info.size();
        dependency.modifiedMs = modified;
        restated = true;
    }
    if (restated)
        save();
    if (m_state != State::Rejected && !QFileInfo(formatFile()).isFile())
        return State::None;
    return m_state;
}

PreambleFormat::Dump PreambleFormat::dump(const QString &workDir, const QString &rootFile, const QString &rootPath,
                                          const CompileOptions &options, const QByteArray &key, qint64 timeoutMs,
                                          const std::atomic_bool *cancel, TexProcess::Confinement confinement)
{
    Dump result;
    const QString dumpDir = m_folder + QLatin1String("/dump");
    QDir(dumpDir).removeRecursively();
    m_key = key;
    m_dependencies.clear();
    m_state = State::None;
    if (rootFile.contains(u' ') || !QDir().mkpath(dumpDir)) {
        markRejected(QStringLiteral("cannot dump %1").arg(rootFile));
        result.message = m_reason;
        return result;
    }
    const QStringList args{QStringLiteral("-ini"),
                           QStringLiteral("-interaction=batchmode"),
                           QStringLiteral("-file-line-error"),
                           options.shellEscape == ShellEscape::Full ? QStringLiteral("-shell-escape")
                                                                    : QStringLiteral("-shell-restricted"),
                           QStringLiteral("-recorder"),
                           QStringLiteral("-jobname=output"),
                           QStringLiteral("-output-directory=") + QFileInfo(dumpDir).absoluteFilePath(),
                           QStringLiteral("&pdflatex"),
                           dumpDriver(rootFile, options)};
    confinement.writableDir = QFileInfo(dumpDir).absoluteFilePath();
    result.run = TexProcess::run(QStringLiteral("pdftex"), args, workDir, options.shellEscape, timeoutMs, cancel,
                                 confinement);

    // Every file the dump read, but the root document (its preamble is in the key; its
    // body is what changes) and the dump's own files.
    // Canonical, as TeX's recorder writes them (its PWD line is the real working directory).
    const QString ownFiles = QFileInfo(m_folder).canonicalFilePath() + u'/';
    const QString root = QFileInfo(rootPath).canonicalFilePath();
    if (const auto recorded = RecorderLog::read(dumpDir + QLatin1String("/output.fls"))) {
        for (const QString &path : recorded->inputs()) {
            if (path == root || path.startsWith(ownFiles) || QFileInfo(path).isDir())
                continue;
            const QFileInfo info(path);
            const auto sha = fileSha256(path);
            if (!sha)
                continue; // a file TeX looked for (\IfFileExists) and that was not there
            m_dependencies.append({path, info.size(), info.lastModified().toMSecsSinceEpoch(), *sha});
        }
    }

    QFile log(dumpDir + QLatin1String("/output.log"));
    const QByteArray logText = log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
    if (result.run.end != TexProcess::Run::End::Finished) {
        result.message = QStringLiteral("the preamble dump did not finish");
        m_key.clear(); // a timeout or a cancel says nothing about the preamble
        save();
        return result;
    }
    if (logText.contains(writesFileMarker))
        markRejected(QStringLiteral("the preamble writes a file"));
    else if (result.run.exitCode != 0 || !QFileInfo(formatFile()).isFile())
        markRejected(QStringLiteral("the preamble cannot be dumped (see %1)").arg(log.fileName()));
    else if (!decompressInPlace(formatFile()))
        markRejected(QStringLiteral("cannot decompress %1").arg(formatFile()));
    else {
        m_state = State::Unverified;
        m_reason.clear();
        save();
        result.ok = true;
        result.message = QStringLiteral("preamble dumped into %1 (%2 files it loads)")
                             .arg(formatFile())
                             .arg(m_dependencies.size());
        return result;
    }
    result.message = m_reason;
    return result;
}

void PreambleFormat::markVerified()
{
    m_state = State::Verified;
    m_reason.clear();
    save();
}

void PreambleFormat::markRejected(const QString &reason)
{
    m_state = State::Rejected;
    m_reason = reason;
    QFile::remove(formatFile());
    save();
}

bool PreambleFormat::load()
{
    QFile file(m_folder + QLatin1String("/format.json"));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    if (object.value(QLatin1String("version")).toInt() != recordVersion)
        return false;
    const QString state = object.value(QLatin1String("state")).toString();
    for (State candidate : {State::Unverified, State::Verified, State::Rejected}) {
        if (stateName(candidate) == state)
            m_state = candidate;
    }
    m_key = object.value(QLatin1String("key")).toString().toLatin1();
    m_reason = object.value(QLatin1String("reason")).toString();
    for (const QJsonValue &value : object.value(QLatin1String("files")).toArray()) {
        const QJsonObject dependency = value.toObject();
        m_dependencies.append({dependency.value(QLatin1String("path")).toString(),
                               qint64(dependency.value(QLatin1String("size")).toDouble()),
                               qint64(dependency.value(QLatin1String("modified")).toDouble()),
                               dependency.value(QLatin1String("sha256")).toString().toLatin1()});
    }
    return true;
}

bool PreambleFormat::save() const
{
    QJsonArray files;
    for (const Dependency &dependency : m_dependencies)
        files.append(QJsonObject{{QStringLiteral("path"), dependency.path},
                                 {QStringLiteral("size"), double(dependency.size)},
                                 {QStringLiteral("modified"), double(dependency.modifiedMs)},
                                 {QStringLiteral("sha256"), QString::fromLatin1(dependency.sha256)}});
    const QJsonObject object{{QStringLiteral("version"), recordVersion},
                             {QStringLiteral("key"), QString::fromLatin1(m_key)},
                             {QStringLiteral("state"), stateName(m_state)},
                             {QStringLiteral("reason"), m_reason},
                             {QStringLiteral("files"), files}};
    if (!QDir().mkpath(m_folder))
        return false;
    QSaveFile file(m_folder + QLatin1String("/format.json"));
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(object).toJson(QJsonDocument::Compact)) > 0
        && file.commit();
}

} // namespace coauthor::compile
