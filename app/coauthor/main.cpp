// The coauthor executable: a command line subcommand, or the desktop app.
#include "app/cli/commandline.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMainWindow>

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
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coauthor"));
    QApplication::setOrganizationName(QStringLiteral("Coauthor"));
    QApplication::setApplicationDisplayName(QStringLiteral("Coauthor"));
    QApplication::setApplicationVersion(QStringLiteral(COAUTHOR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Coauthor, a collaborative LaTeX editor.") + u'\n'
        + coauthor::cli::subcommandHelp());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QCoreApplication::translate("main", "Project folder to open."),
                                 QStringLiteral("[project]"));
    parser.process(app);

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Coauthor"));
    window.resize(1200, 800);
    window.show();
    return app.exec();
}
