// The coauthor executable: a command line subcommand, or the desktop app.
#include "app/cli/commandline.h"
#include "app/project/appsettings.h"
#include "app/project/sessionstore.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/translationloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Subcommands run without a GUI, so `coauthor compile` works with no display.
    {
        QStringList arguments;
        for (int i = 1; i < argc; ++i)
            arguments << QString::fromLocal8Bit(argv[i]);
        if (!arguments.isEmpty() && !arguments.first().startsWith(u'-')) {
            QCoreApplication core(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("coauthor"));
            QCoreApplication::setApplicationVersion(QStringLiteral(COAUTHOR_VERSION));
            if (const auto exitCode = coauthor::cli::runSubcommand(arguments))
                return *exitCode;
        }
        // parser.process() below prints these and exits before any window is made.
        if (coauthor::cli::asksForHelpOrVersion(arguments))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coauthor"));
    QApplication::setOrganizationName(QStringLiteral("Coauthor"));
    QApplication::setApplicationDisplayName(QStringLiteral("Coauthor"));
    QApplication::setApplicationVersion(QStringLiteral(COAUTHOR_VERSION));
    coauthor::app::initAppResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/coauthor.svg")));

    // The language is needed before any text is made, so --lang is read ahead of the parser.
    QString language = qEnvironmentVariable("COAUTHOR_LANG");
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--lang") && i + 1 < args.size())
            language = args[i + 1];
        else if (args[i].startsWith(QLatin1String("--lang=")))
            language = args[i].mid(7);
    }
    const coauthor::app::AppSettings settings = coauthor::app::AppSettings::load();
    const QString chosen = coauthor::app::TranslationLoader::chooseLanguage(language, settings.language);
    if (!coauthor::app::TranslationLoader::install(chosen))
        std::fprintf(stderr, "coauthor: no translation for language \"%s\"; using English\n", qPrintable(chosen));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Coauthor, a collaborative LaTeX editor.") + u'\n'
        + coauthor::cli::subcommandHelp());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("lang"),
                      QCoreApplication::translate("main", "User interface language (en, ja, de)."),
                      QStringLiteral("code")});
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QCoreApplication::translate("main", "Project folder to open."),
                                 QStringLiteral("[project]"));
    parser.process(app);

    coauthor::app::MainWindow window;
    window.show();
    const QStringList positional = parser.positionalArguments();
    // With no folder given, carry on where the last session ended; otherwise the welcome page stays.
    QString project = positional.isEmpty() ? coauthor::app::SessionStore::lastProject()
                                           : QFileInfo(positional.first()).absoluteFilePath();
    QString file;
    // `coauthor paper/main.tex` opens the folder with that file in front.
    if (QFileInfo(project).isFile()) {
        file = QFileInfo(project).fileName();
        project = QFileInfo(project).absolutePath();
    }
    if (!project.isEmpty() && window.openProject(project) && !file.isEmpty())
        window.openLocation(file, 0);
    return app.exec();
}
