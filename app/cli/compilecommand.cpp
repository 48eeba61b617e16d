#include "app/cli/compilecommand.h"

#include "app/project/projectsettings.h"
#include "app/project/rootdocument.h"
#include "compile/compiler.h"
#include "compile/logparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace coauthor::cli {

namespace {

using namespace coauthor::compile;

QString tr(const char *text)
{
    return QCoreApplication::translate("coauthor::cli::CompileCommand", text);
}

// Every regular file of the project below `root`, skipping hidden folders (.git) and
// symlinks that lead out of the project.
QList<Resource> collectResources(const QString &root, QStringList *skipped)
{
    QList<Resource> resources;
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    QDirIterator it(root, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        if (relative.startsWith(u'.') || relative.contains(QLatin1String("/.")))
            continue;
        const QFileInfo info(path);
        const QString target = info.canonicalFilePath();
        if (target.isEmpty() || !QString(target + u'/').startsWith(QString(canonicalRoot + u'/')) || !QFileInfo(target).isFile()) {
            *skipped << relative;
            continue;
        }
        resources.append({relative, QByteArray(), target});
    }
    return resources;
}

QJsonObject toJson(const LogEntry &entry)
{
    return {{QStringLiteral("level"), levelName(entry.level)},
            {QStringLiteral("file"), entry.file},
            {QStringLiteral("line"), entry.line},
            {QStringLiteral("message"), messageWithHint(entry)}};
}

} // namespace

QString CompileCommand::help()
{
    return tr("compile DIR [--main FILE] [--engine pdflatex|xelatex|lualatex|uplatex] [--full] [--json] [--timeout S]  "
              "Compile a project folder and print diagnostics.");
}

int CompileCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Compile a LaTeX project folder with latexmk."));
    const QCommandLineOption mainOption(QStringLiteral("main"), tr("Root document (default: its %!TEX root, the project's setting, else the one found)."), tr("file"));
    const QCommandLineOption engineOption(
        QStringLiteral("engine"),
        tr("pdflatex, xelatex, lualatex or uplatex (default: the document's %!TEX program, else the project's setting, else pdflatex)."),
        tr("engine"));
    const QCommandLineOption fullOption(QStringLiteral("full"), tr("Clean the compile directory first."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the result as JSON."));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"), tr("Stop after S seconds (default 180, at most 600)."),
                                           tr("seconds"), QStringLiteral("180"));
    const QCommandLineOption cacheOption(QStringLiteral("cache-dir"), tr("Where compiles are kept."), tr("dir"));
    parser.addOptions({mainOption, engineOption, fullOption, jsonOption, timeoutOption, cacheOption});
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("dir"), tr("The project folder."));

    if (!parser.parse(QStringList{QStringLiteral("coauthor compile")} + arguments)) {
        err << parser.errorText() << u'\n';
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << tr("usage: coauthor %1").arg(help()) << u'\n';
        return Usage;
    }
    std::optional<Engine> engine;
    if (parser.isSet(engineOption)) {
        engine = engineFromName(parser.value(engineOption));
        if (!engine) {
            err << tr("unknown engine: %1").arg(parser.value(engineOption)) << u'\n';
            return Usage;
        }
    }
    bool timeoutOk = false;
    const int timeout = parser.value(timeoutOption).toInt(&timeoutOk);
    if (!timeoutOk || timeout < 1 || timeout > 600) {
        err << tr("--timeout takes 1 to 600 seconds") << u'\n';
        return Usage;
    }
    const QFileInfo dirInfo(positional.first());
    if (!dirInfo.isDir()) {
        err << tr("not a folder: %1").arg(positional.first()) << u'\n';
        return Usage;
    }
    const QString root = dirInfo.canonicalFilePath();

    QStringList skipped;
    CompileRequest request;
    request.resources = collectResources(root, &skipped);
    for (const QString &path : std::as_const(skipped))
        err << tr("skipped %1: it leads out of the project").arg(path) << u'\n';
    // The same rule as the app: the named file's %!TEX root, the project's setting, the guess.
    const app::ProjectSettings settings = app::ProjectSettings::load(root);
    for (const QString &problem : settings.problems())
        err << problem << u'\n';
    if (parser.isSet(mainOption)) {
        const QString named = QDir::cleanPath(parser.value(mainOption));
        app::RootHints hints;
        hints.currentFile = named;
        const QString followed = app::findRootDocument(root, {}, hints);
        request.rootDocument = followed.isEmpty() ? named : followed;
    } else {
        QStringList files;
        for (const Resource &resource : std::as_const(request.resources))
            files << resource.path;
        app::RootHints hints;
        hints.setting = settings.root();
        request.rootDocument = app::findRootDocument(root, files, hints, app::RootSearch::TopFolderOnly);
    }
    if (request.rootDocument.isEmpty()) {
        err << tr("no root document found; name it with --main") << u'\n';
        return Usage;
    }
    if (!engine) {
        QFile rootFile(QDir(root).filePath(request.rootDocument));
        const QString program = rootFile.open(QIODevice::ReadOnly)
            ? app::magicProgramEngine(app::readMagicComments(QString::fromUtf8(rootFile.read(8192))).program)
            : QString();
        engine = engineFromName(program.isEmpty() ? settings.engine() : program);
    }
    request.projectId = QString::fromLatin1(
        QCryptographicHash::hash(root.toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
    request.options.engine = engine.value_or(Engine::PdfLaTeX);
    request.options.timeoutSeconds = timeout;
    request.syncType = parser.isSet(fullOption) ? SyncType::Full : SyncType::Incremental;

    Compiler compiler(parser.value(cacheOption));
    CompileResult result = compiler.run(request);
    if (result.status == CompileStatus::Conflict) {
        // The folder changed since the last compile (or there was none): start clean.
        request.syncType = SyncType::Full;
        result = compiler.run(request);
    }

    const QList<LogEntry> entries = LogParser::parseBuild(result, root); // a missing package found in the folder's sources
    bool hasErrors = false;
    for (const LogEntry &entry : entries)
        hasErrors = hasErrors || entry.level == LogEntry::Level::Error;

    int exitCode = Success;
    switch (result.status) {
    case CompileStatus::Success:
        exitCode = hasErrors ? CompileErrors : Success;
        break;
    case CompileStatus::Failure:
    case CompileStatus::StoppedOnFirstError:
        exitCode = CompileErrors;
        break;
    case CompileStatus::TimedOut:
        exitCode = TimedOut;
        break;
    default:
        exitCode = CannotCompile;
        break;
    }

    if (parser.isSet(jsonOption)) {
        QJsonArray diagnostics;
        for (const LogEntry &entry : entries)
            diagnostics.append(toJson(entry));
        const QJsonObject object{{QStringLiteral("status"), statusName(result.status)},
                                 {QStringLiteral("ok"), exitCode == Success},
                                 {QStringLiteral("message"), result.message},
                                 {QStringLiteral("buildId"), result.buildId},
                                 {QStringLiteral("pdf"), result.pdfPath},
                                 {QStringLiteral("log"), result.logPath},
                                 {QStringLiteral("synctex"), result.synctexPath},
                                 {QStringLiteral("elapsedMs"), result.elapsedMs},
                                 {QStringLiteral("root"), request.rootDocument},
                                 {QStringLiteral("engine"), engineName(request.options.engine)},
                                 {QStringLiteral("diagnostics"), diagnostics}};
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return exitCode;
    }

    for (const LogEntry &entry : entries) {
        out << (entry.file.isEmpty() ? request.rootDocument : entry.file) << u':' << entry.line << QLatin1String(": ")
            << levelName(entry.level) << QLatin1String(": ") << messageWithHint(entry) << u'\n';
    }
    out << tr("status: %1").arg(statusName(result.status));
    if (!result.message.isEmpty())
        out << QLatin1String(" (") << result.message << u')';
    out << u'\n';
    if (!result.pdfPath.isEmpty())
        out << tr("PDF: %1").arg(result.pdfPath) << u'\n';
    return exitCode;
}

} // namespace coauthor::cli
