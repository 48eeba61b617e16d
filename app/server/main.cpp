// The coauthor-server executable: the real-time + document-updater server.
#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("coauthor-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COAUTHOR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Coauthor's collaboration server."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
