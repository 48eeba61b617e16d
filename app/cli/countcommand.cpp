#include "app/cli/countcommand.h"

#include "app/project/project.h"
#include "app/project/projectsettings.h"
#include "app/project/rootdocument.h"
#include "app/project/textcodec.h"
#include "wordcount/texcounter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

namespace coauthor::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coauthor::cli::CountCommand", text);
}

// TeXcount's brief line: "text+headers+captions (headers/floats/inlines/displayed)".
QString brief(const wordcount::WordCounts &c)
{
    return QStringLiteral("%1+%2+%3 (%4/%5/%6/%7)")
        .arg(c.textWords).arg(c.headerWords).arg(c.captionWords)
        .arg(c.headers).arg(c.floats).arg(c.inlineMath).arg(c.displayMath);
}

} // namespace

QString CountCommand::help()
{
    return tr("count PATH [--main FILE] [--json]  Count words (as TeXcount does), per file and in total.");
}

int CountCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Count the words of a LaTeX document as TeXcount does (texcount -inc)."));
    const QCommandLineOption mainOption(QStringLiteral("main"), tr("Root document, relative to the project folder."),
                                        tr("file"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the counts as JSON."));
    parser.addOptions({mainOption, jsonOption});
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("path"), tr("The project folder or a .tex file."));
    if (!parser.parse(QStringList{QStringLiteral("coauthor count")} + arguments)) {
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
    const QFileInfo pathInfo(positional.first());
    if (!pathInfo.exists()) {
        err << tr("no such file or folder: %1").arg(positional.first()) << u'\n';
        return Usage;
    }
    // A file names its folder as the project and itself as the file being counted.
    const QString root = pathInfo.isDir() ? pathInfo.canonicalFilePath() : pathInfo.canonicalPath();
    app::RootHints hints;
    if (!pathInfo.isDir())
        hints.currentFile = pathInfo.fileName();
    if (parser.isSet(mainOption))
        hints.currentFile = QDir::cleanPath(parser.value(mainOption));
    QString document;
    if (!hints.currentFile.isEmpty()) {
        // A named file is counted unless its %!TEX root names another document.
        document = app::findRootDocument(root, {}, hints);
        if (document.isEmpty() && QFileInfo(QDir(root).filePath(hints.currentFile)).isFile()
            && app::resolveMagicRoot(QString(), hints.currentFile) == hints.currentFile)
            document = hints.currentFile;
    } else {
        hints.setting = app::ProjectSettings::load(root).root();
        document = app::findRootDocument(root, app::Project(root).files(), hints, app::RootSearch::TopFolderOnly);
    }
    if (document.isEmpty()) {
        err << tr("no root document found; name it with --main") << u'\n';
        return Usage;
    }

    const wordcount::DocumentCount count = wordcount::TexCounter::countDocument(
        document, [&root](const QString &path) -> std::optional<QString> {
            QFile file(QDir(root).filePath(path));
            if (!QFileInfo(file).isFile() || !file.open(QIODevice::ReadOnly))
                return std::nullopt;
            return app::decodeText(file.readAll()).text;
        });

    if (parser.isSet(jsonOption)) {
        QJsonObject object = count.toJson();
        object.insert(QStringLiteral("root"), document);
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return Success;
    }
    for (const QString &missing : count.missing)
        err << tr("not found: %1").arg(missing) << u'\n';
    out << tr("text+headers+captions (#headers/#floats/#inlines/#displayed)") << u'\n';
    for (const wordcount::FileCount &file : count.files)
        out << brief(file.counts) << QLatin1String(" File: ") << file.path << u'\n';
    out << brief(count.total) << QLatin1String(" Total") << u'\n';
    out << tr("Words: %1").arg(count.total.words()) << u'\n';
    return Success;
}

} // namespace coauthor::cli
