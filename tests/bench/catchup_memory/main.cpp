// catchup_memory: how much memory coauthor-server needs to bring a client up to
// date from version 0 of a doc with a ~100 MB history (docs/protocol.md, "Catch-up
// in pages"). The history is written straight into the docstore, then the server
// process is started on it and one client rejoins from 0, page by page; the
// server's VmHWM (peak RSS) is read from /proc before and after.
#include "serverprocess.h"
#include "testclient.h"

#include "sync/docstore/docstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <cstdio>

using namespace coauthor::sync;

namespace {

qint64 statusKb(qint64 pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("megabytes"), QStringLiteral("Size of the history."), QStringLiteral("n"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("op-bytes"), QStringLiteral("Text per op."), QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("server"), QStringLiteral("coauthor-server binary."), QStringLiteral("path"), QStringLiteral(COAUTHOR_SERVER_BINARY)});
    parser.process(app);
    const qint64 opBytes = parser.value(QStringLiteral("op-bytes")).toLongLong();
    const qint64 opCount = parser.value(QStringLiteral("megabytes")).toLongLong() * 1000 * 1000 / opBytes;
    const QString binary = parser.value(QStringLiteral("server"));

    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const test::CreatedProject project = test::createProject(binary, data, QStringLiteral("catch-up"));
    if (!project.ok()) {
        std::fprintf(stderr, "cannot create a project: %s\n", qPrintable(project.output));
        return 1;
    }

    // Insert a block, delete it, insert the next: the text stays small, the history grows.
    QElapsedTimer timer;
    timer.start();
    QString docId;
    {
        auto store = Docstore::open(QString(), data).takeValue();
        docId = store->createDoc(project.id, QStringLiteral("main.tex"), QString()).value().id;
        QString text;
        QList<StoredOp> batch;
        for (qint64 v = 1; v <= opCount; ++v) {
            ot::TextOperation op;
            if (v % 2) {
                text = QString(opBytes, QChar(char16_t(u'a' + v % 26)));
                op = ot::TextOperation({ot::Component::insert(0, text)});
            } else {
                op = ot::TextOperation({ot::Component::erase(0, text)});
                text.clear();
            }
            batch.append(StoredOp{v, op, QStringLiteral("writer"), v, v});
            if (batch.size() == 2000 || v == opCount) {
                auto stored = store->storeDoc(project.id, docId, text, v, batch);
                if (!stored.ok()) {
                    std::fprintf(stderr, "cannot store the history: %s\n", qPrintable(stored.error().message));
                    return 1;
                }
                batch.clear();
            }
        }
    }
    std::printf("history: %lld ops of %lld chars (%.0f MB) written in %.1f s\n", opCount, opBytes,
                double(opCount * opBytes) / 1e6, timer.elapsed() / 1000.0);

    QProcess server;
    server.setProcessChannelMode(QProcess::SeparateChannels);
    server.setStandardErrorFile(dir.filePath(QStringLiteral("server.log")));
    const quint16 port = test::freeLoopbackPort();
    if (!test::startServer(server, binary, port, data)) {
        std::fprintf(stderr, "the server did not start\n");
        return 1;
    }
    const qint64 pid = server.processId();
    test::TestClient client(QStringLiteral("ws://127.0.0.1:%1/").arg(port), project.id, project.token, QStringLiteral("reader"));
    if (client.connectAndHello().isEmpty())
        return 1;
    const qint64 rssBefore = statusKb(pid, "VmHWM:");

    timer.restart();
    qint64 from = 0, ops = 0, pages = 0, largestPage = 0;
    bool more = true;
    while (more) {
        const QJsonObject page = client.request(
            {{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("doc"), docId}, {QStringLiteral("fromVersion"), double(from)}},
            60000);
        client.received.clear();
        if (page.value(QLatin1String("type")).toString() != QLatin1String("doc")) {
            std::fprintf(stderr, "rejoin from %lld failed: %s\n", from, qPrintable(page.value(QLatin1String("code")).toString()));
            return 1;
        }
        const qint64 n = page.value(QLatin1String("ops")).toArray().size();
        ops += n;
        ++pages;
        largestPage = qMax(largestPage, n);
        from = page.value(QLatin1String("version")).toInteger();
        more = page.value(QLatin1String("more")).toBool();
    }
    const double seconds = timer.elapsed() / 1000.0;
    const qint64 rssAfter = statusKb(pid, "VmHWM:");
    std::printf("catch-up: %lld ops in %lld pages (at most %lld ops each) in %.1f s; reached version %lld of %lld\n", ops, pages,
                largestPage, seconds, from, opCount);
    std::printf("server peak RSS (VmHWM): %lld MB before the catch-up, %lld MB after\n", rssBefore / 1024, rssAfter / 1024);
    server.terminate();
    server.waitForFinished(30000);
    return from == opCount ? 0 : 1;
}
