// flood: a coauthor-server process (embedded Redis) with one member flooding it —
// applyUpdate as fast as its socket takes them (resending what is rate_limited), or
// cursor messages — while a probe member on the same doc types one letter at a time
// and times each ack. Prints the probe's ack median / p99 / max, what the flooder got
// through, and the server's RSS before and after. docs/benchmarks.md, "flood".
#include "serverprocess.h"
#include "testclient.h"

#include "sync/ot/operations.h"
#include "sync/ot/opjson.h"

#include <QAbstractEventDispatcher>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <functional>

using namespace coauthor::sync;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;
using coauthor::sync::test::TestClient;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// Blocks between events (see server_load: spinning on one of two cores starves the server).
bool blockUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer wake;
    wake.start(5);
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        dispatcher->processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    return QRegularExpression(QStringLiteral("VmRSS:\\s+(\\d+)")).match(QString::fromLatin1(status.readAll())).captured(1).toLongLong();
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The flooder: a bare WebSocket that keeps its socket's buffer full.
class Flooder : public QObject
{
public:
    Flooder(const QString &url, const QString &projectId, const QString &token, const QString &doc, bool cursors)
        : m_doc(doc), m_cursors(cursors)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Flooder::onText);
        connect(&m_socket, &QWebSocket::connected, this, [this, projectId, token] {
            m_socket.sendTextMessage(compact({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("rid"), 1},
                                              {QStringLiteral("protocolVersion"), 1}, {QStringLiteral("projectId"), projectId},
                                              {QStringLiteral("token"), token}, {QStringLiteral("clientId"), QStringLiteral("flooder")}}));
            m_socket.sendTextMessage(compact({{QStringLiteral("type"), QStringLiteral("joinDoc")}, {QStringLiteral("rid"), 2},
                                              {QStringLiteral("doc"), m_doc}}));
        });
        // Closed for flooding: back at once, as an attacker would.
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            m_joined = false;
            ++m_reconnects;
            QTimer::singleShot(0, this, [this] { m_socket.open(QUrl(m_url)); });
        });
        m_url = url;
        m_pump.setInterval(0);
        connect(&m_pump, &QTimer::timeout, this, &Flooder::pump);
        m_socket.open(QUrl(url));
    }
    bool joined() const { return m_joined; }
    void start() { m_pump.start(); m_clock.start(); }
    void stop()
    {
        m_pump.stop();
        QObject::disconnect(&m_socket, &QWebSocket::disconnected, this, nullptr);
    }
    qint64 sent() const { return m_sent; }
    qint64 acked() const { return m_acked; }
    qint64 rateLimited() const { return m_rateLimited; }
    int reconnects() const { return m_reconnects; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    void pump()
    {
        if (!m_joined)
            return;
        // As fast as the connection takes them, without growing our own memory.
        for (int i = 0; i < 200 && m_socket.bytesToWrite() < 256 * 1024; ++i) {
            ++m_sent;
            if (m_cursors) {
                m_socket.sendTextMessage(compact({{QStringLiteral("type"), QStringLiteral("cursor")}, {QStringLiteral("doc"), m_doc},
                                                  {QStringLiteral("position"), 0}, {QStringLiteral("anchor"), 0}}));
                continue;
            }
            if (!m_resend.isEmpty()) {
                m_socket.sendTextMessage(m_resend.takeFirst());
                continue;
            }
            const qint64 seq = ++m_seq;
            // Made on version 0: the server transforms it over everything since.
            m_socket.sendTextMessage(compact({{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("rid"), double(seq + 100)},
                                              {QStringLiteral("doc"), m_doc}, {QStringLiteral("v"), 0},
                                              {QStringLiteral("op"), ot::toJson(TextOperation({Component::insert(0, QStringLiteral("x"))}))},
                                              {QStringLiteral("seq"), double(seq)}}));
        }
    }
    void onText(const QString &frame)
    {
        const QJsonObject m = QJsonDocument::fromJson(frame.toUtf8()).object();
        const QString type = m.value(QLatin1String("type")).toString();
        if (type == QLatin1String("doc"))
            m_joined = true;
        else if (type == QLatin1String("ack"))
            ++m_acked;
        else if (type == QLatin1String("updateError")) {
            // Pushed back: this op again later, under a new seq when a later one got in first.
            if (m.value(QLatin1String("code")).toString() == QLatin1String("rate_limited"))
                ++m_rateLimited;
            const qint64 seq = ++m_seq;
            if (m_resend.size() < 10000)
                m_resend.append(compact({{QStringLiteral("type"), QStringLiteral("applyUpdate")}, {QStringLiteral("rid"), double(seq + 100)},
                                         {QStringLiteral("doc"), m_doc}, {QStringLiteral("v"), 0},
                                         {QStringLiteral("op"), ot::toJson(TextOperation({Component::insert(0, QStringLiteral("x"))}))},
                                         {QStringLiteral("seq"), double(seq)}}));
        }
    }

    QWebSocket m_socket;
    QString m_url;
    int m_reconnects = 0;
    QTimer m_pump;
    QElapsedTimer m_clock;
    QString m_doc;
    bool m_cursors;
    bool m_joined = false;
    qint64 m_seq = 0;
    qint64 m_sent = 0;
    qint64 m_acked = 0;
    qint64 m_rateLimited = 0;
    QStringList m_resend;
};

qint64 percentile(QList<qint64> sorted, double p)
{
    if (sorted.isEmpty())
        return -1;
    const qsizetype i = std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size())));
    return sorted.at(i);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("mode"), QStringLiteral("ops or cursor"), QStringLiteral("mode"), QStringLiteral("ops")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("flood duration"), QStringLiteral("s"), QStringLiteral("8")});
    parser.addOption({QStringLiteral("server"), QStringLiteral("coauthor-server binary"), QStringLiteral("path"), QStringLiteral(COAUTHOR_SERVER_BINARY)});
    parser.process(app);
    const bool cursors = parser.value(QStringLiteral("mode")) == QLatin1String("cursor");
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    const QString binary = parser.value(QStringLiteral("server"));

    QTemporaryDir dir(QStringLiteral("/tmp/flood-XXXXXX"));
    const QString data = dir.filePath(QStringLiteral("d"));
    const test::CreatedProject created = test::createProject(binary, data, QStringLiteral("flood"));
    if (!created.ok()) {
        out() << "cannot create the project: " << created.output << Qt::endl;
        return 1;
    }
    const quint16 port = test::freeLoopbackPort();
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    if (!test::startServer(server, binary, port, data)) {
        out() << "cannot start " << binary << Qt::endl;
        return 1;
    }
    const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(port);
    TestClient probe(url, created.id, created.token, QStringLiteral("probe"));
    probe.connectAndHello();
    const QString doc = probe.createDoc(QStringLiteral("main.tex"), QStringLiteral("hello\n"));
    probe.joinDoc(doc);
    const qint64 rssBefore = rssKiB(server.processId());

    Flooder flooder(url, created.id, created.token, doc, cursors);
    if (!blockUntil([&] { return flooder.joined(); }, 10000)) {
        out() << "the flooder could not join" << Qt::endl;
        return 1;
    }
    flooder.start();
    QList<qint64> acks;
    qint64 peakRss = rssBefore;
    int lost = 0;
    QElapsedTimer run;
    run.start();
    while (run.elapsed() < seconds * 1000) {
        QElapsedTimer ack;
        ack.start();
        probe.edit(TextOperation({Component::insert(0, QStringLiteral("p"))}));
        if (!blockUntil([&] { return probe.isIdle(); }, 30000))
            ++lost;
        acks.append(ack.elapsed());
        peakRss = std::max(peakRss, rssKiB(server.processId()));
        blockUntil([] { return false; }, 20); // a typist, not a second flooder
    }
    flooder.stop();
    const qint64 floodMs = flooder.elapsedMs();
    std::sort(acks.begin(), acks.end());
    out() << "mode=" << (cursors ? "cursor" : "ops") << " server=" << binary << Qt::endl;
    out() << "flooder: sent " << flooder.sent() << " messages in " << floodMs << " ms ("
          << (flooder.sent() * 1000 / std::max<qint64>(1, floodMs)) << "/s), acked " << flooder.acked() << ", rate_limited "
          << flooder.rateLimited() << ", closed and reconnected " << flooder.reconnects() << " times" << Qt::endl;
    out() << "probe: " << acks.size() << " acks, median " << percentile(acks, 0.5) << " ms, p99 " << percentile(acks, 0.99)
          << " ms, max " << (acks.isEmpty() ? -1 : acks.last()) << " ms, not acked within 30 s " << lost << Qt::endl;
    out() << "server rss: before " << rssBefore / 1024 << " MB, peak " << peakRss / 1024 << " MB" << Qt::endl;
    server.terminate();
    server.waitForFinished(30000);
    return 0;
}
