// Compiles on the server through SyncClient, end to end: a real redis-server, a real
// coauthor-server and a real coauthor-worker in its sandbox. The request carries the
// versions the client has acked; every member (read-only ones too) sees its steps;
// errors come back as codes. Then the outputs over HTTP (OutputDownload): with the
// token, into a .part renamed when complete, resumed with Range after a drop, refused
// past the size limit, and refused with the server's code for a bad token.
#include "compileserverprocesses.h"
#include "cuttingproxy.h"
#include "syncclienttestutil.h"

#include "sync/client/outputdownload.h"
#include "sync/compilejobs/compilejob.h"

#include "sync/client/certificatepin.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::test;
using coauthor::sync::ot::Component;
using coauthor::sync::ot::TextOperation;

namespace {

struct Step
{
    QString jobId, state, status, worker;
    int pass = 0;
};

QString message(const ServiceError &e)
{
    return e.code + QStringLiteral(": ") + e.message;
}

bool hasStep(const QList<Step> &steps, const QString &jobId, const QString &state)
{
    return std::any_of(steps.begin(), steps.end(), [&](const Step &s) { return s.jobId == jobId && s.state == state; });
}

} // namespace

class TestSyncClientServerCompile : public QObject
{
    Q_OBJECT
private:
    CompileServerProcesses server;
    QTemporaryDir work;
    QString readerToken;
    QString jobId; // the first test's job, whose outputs the download tests fetch
    qint64 pdfBytes = 0;

    std::unique_ptr<SyncClient> open(const QString &token, const QString &folder)
    {
        auto c = openTestClient(QUrl(server.url), server.project.id, token, work.filePath(folder), folder, false);
        if (c && !QTest::qWaitFor([&] { return c->state() == SyncClient::State::Online && c->isSynchronized(); }, 15000))
            return nullptr;
        return c;
    }

    // Runs one OutputDownload to its end.
    std::unique_ptr<OutputDownload> download(const QUrl &url, const QString &token, const QString &target,
                                             qint64 maxBytes = 64 * 1024 * 1024)
    {
        OutputDownload::Request r;
        r.url = url;
        r.token = token;
        r.targetPath = target;
        r.maxBytes = maxBytes;
        auto d = std::make_unique<OutputDownload>(nullptr, r);
        d->start();
        if (!QTest::qWaitFor([&] { return d->isFinished(); }, 30000))
            qWarning() << "download of" << url << "did not finish";
        QTest::qWait(0); // its finished signal
        return d;
    }

    QUrl api(const QString &tail, quint16 port = 0) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/api/projects/%2/compiles/%3")
                        .arg(port ? port : server.port)
                        .arg(server.project.id, tail));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(server.start(QStringLiteral(COAUTHOR_SERVER_BINARY), QStringLiteral(COAUTHOR_WORKER_BINARY), &error),
                 qPrintable(error));
        readerToken = server.createToken(true);
        QVERIFY(!readerToken.isEmpty());
        QVERIFY(work.isValid());
    }

    void theHttpBaseFollowsTheWebSocketScheme()
    {
        QCOMPARE(OutputDownload::httpBase(QUrl(QStringLiteral("ws://h.example:7000/"))), QUrl(QStringLiteral("http://h.example:7000/")));
        QCOMPARE(OutputDownload::httpBase(QUrl(QStringLiteral("wss://h.example:7443/x?y"))), QUrl(QStringLiteral("https://h.example:7443/")));
    }

    void aCompileCarriesTheAckedVersionsAndEveryMemberSeesItsSteps()
    {
        auto author = open(server.project.token, QStringLiteral("author"));
        QVERIFY(author);
        auto reader = open(readerToken, QStringLiteral("reader"));
        QVERIFY(reader);
        QCOMPARE(reader->role(), QStringLiteral("read_only"));
        author->createDoc(QStringLiteral("main.tex"),
                          QStringLiteral("\\documentclass{article}\n\\begin{document}\nCompiled by a worker.\n"));
        QVERIFY(QTest::qWaitFor([&] { return !author->docIdForPath(QStringLiteral("main.tex")).isEmpty() && author->isSynchronized(); }, 15000));
        const QString doc = author->docIdForPath(QStringLiteral("main.tex"));
        QVERIFY(QTest::qWaitFor([&] { return author->document(doc) != nullptr; }, 15000));
        QVERIFY(author->applyLocalEdit(doc, TextOperation({Component::insert(author->document(doc)->text().size(),
                                                                             QStringLiteral("A second line.\n\\end{document}\n"))}))
                    .ok());
        QVERIFY(QTest::qWaitFor([&] { return author->isSynchronized(); }, 15000));
        const qint64 version = author->document(doc)->version();
        QCOMPARE(author->acknowledgedVersions().value(doc, -1), version);

        QList<Step> authorSteps, readerSteps;
        auto record = [](QList<Step> *into) {
            return [into](const QString &job, const QString &state, int pass, const QString &status, const QString &worker) {
                *into << Step{job, state, status, worker, pass};
            };
        };
        connect(author.get(), &SyncClient::compileProgress, this, record(&authorSteps));
        connect(reader.get(), &SyncClient::compileProgress, this, record(&readerSteps));
        QStringList queuedSignals;
        connect(author.get(), &SyncClient::compileQueued, this, [&](const QString &job) { queuedSignals << job; });
        std::optional<Result<QString, ServiceError>> queued;
        author->compileOnServer(QStringLiteral("main.tex"), QStringLiteral("pdflatex"), false,
                                [&](Result<QString, ServiceError> r) { queued.emplace(std::move(r)); });
        QVERIFY(QTest::qWaitFor([&] { return queued.has_value(); }, 15000));
        QVERIFY2(queued->ok(), queued->ok() ? "" : qPrintable(message(queued->error())));
        jobId = queued->value();
        QCOMPARE(queuedSignals, QStringList{jobId});
        QVERIFY(QTest::qWaitFor([&] { return hasStep(authorSteps, jobId, QStringLiteral("done")); }, 90000));
        QVERIFY(QTest::qWaitFor([&] { return hasStep(readerSteps, jobId, QStringLiteral("done")); }, 5000));
        for (const QString &state : {QStringLiteral("running"), QStringLiteral("pass")})
            QVERIFY2(hasStep(readerSteps, jobId, state), qPrintable(state));
        const auto done = std::find_if(authorSteps.begin(), authorSteps.end(),
                                       [&](const Step &s) { return s.jobId == jobId && s.state == QLatin1String("done"); });
        QCOMPARE(done->status, QStringLiteral("success"));
        QCOMPARE(done->worker, QStringLiteral("w1"));
        const auto pass = std::find_if(authorSteps.begin(), authorSteps.end(),
                                       [&](const Step &s) { return s.jobId == jobId && s.state == QLatin1String("pass"); });
        QVERIFY(pass->pass >= 1);

        // A read-only member may compile too (it changes nothing).
        std::optional<Result<QString, ServiceError>> readers;
        reader->compileOnServer(QStringLiteral("main.tex"), {}, false, [&](Result<QString, ServiceError> r) { readers.emplace(std::move(r)); });
        QVERIFY(QTest::qWaitFor([&] { return readers.has_value(); }, 15000));
        QVERIFY2(readers->ok(), readers->ok() ? "" : qPrintable(message(readers->error())));
        QVERIFY(QTest::qWaitFor([&] { return hasStep(readerSteps, readers->value(), QStringLiteral("done")); }, 90000));
    }

    void aRequestOfflineOrForABadRootFailsWithItsCode()
    {
        SyncClient offline;
        std::optional<Result<QString, ServiceError>> answer;
        offline.compileOnServer(QStringLiteral("main.tex"), {}, false, [&](Result<QString, ServiceError> r) { answer.emplace(std::move(r)); });
        QVERIFY(!answer); // never inside the call
        QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, 5000));
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().code, QStringLiteral("offline"));

        auto client = open(server.project.token, QStringLiteral("bad"));
        QVERIFY(client);
        answer.reset();
        client->compileOnServer(QStringLiteral("../etc/passwd"), {}, false, [&](Result<QString, ServiceError> r) { answer.emplace(std::move(r)); });
        QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, 15000));
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().code, QStringLiteral("invalid_path"));
    }

    void theOutputsDownloadWithTheTokenThroughAPartFile()
    {
        QVERIFY(!jobId.isEmpty());
        auto latest = download(api(QStringLiteral("latest")), readerToken, {});
        QVERIFY2(latest->succeeded(), qPrintable(message(latest->error())));
        const auto record = CompileOutcome::fromJson(latest->body());
        QVERIFY(record);
        QCOMPARE(record->status, QStringLiteral("success"));
        QVERIFY(record->pdfBytes > 0 && record->synctexBytes > 0);
        auto one = download(api(record->jobId), readerToken, {});
        QVERIFY(one->succeeded());
        QCOMPARE(CompileOutcome::fromJson(one->body())->jobId, record->jobId);
        pdfBytes = record->pdfBytes;
        jobId = record->jobId; // the latest: the reader's compile; its PDF is the one fetched below

        const QString target = work.filePath(QStringLiteral("out/output.pdf"));
        QList<qint64> progress;
        OutputDownload::Request r;
        r.url = api(record->jobId + QStringLiteral("/output.pdf"));
        r.token = readerToken;
        r.targetPath = target;
        OutputDownload pdf(nullptr, r);
        connect(&pdf, &OutputDownload::progressed, this, [&](qint64 received, qint64) { progress << received; });
        pdf.start();
        QVERIFY(QTest::qWaitFor([&] { return pdf.isFinished(); }, 30000));
        QVERIFY2(pdf.succeeded(), qPrintable(message(pdf.error())));
        QCOMPARE(QFileInfo(target).size(), record->pdfBytes);
        QVERIFY(!QFileInfo::exists(target + QStringLiteral(".part")));
        QVERIFY(!progress.isEmpty() && progress.last() == record->pdfBytes);
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");

        const QString synctex = work.filePath(QStringLiteral("out/output.synctex.gz"));
        auto gz = download(api(record->jobId + QStringLiteral("/output.synctex.gz")), readerToken, synctex);
        QVERIFY2(gz->succeeded(), qPrintable(message(gz->error())));
        QCOMPARE(QFileInfo(synctex).size(), record->synctexBytes);
    }

    void aDroppedDownloadResumesWithARangeRequest()
    {
        QVERIFY(pdfBytes > 2000);
        const QString whole = work.filePath(QStringLiteral("out/output.pdf"));
        QFile original(whole);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray expected = original.readAll();
        // The first two connections are cut after 1,500 bytes of the answer (its head included).
        CuttingProxy proxy(server.port, 1500, 2);
        QVERIFY(proxy.port() != 0);
        const QString target = work.filePath(QStringLiteral("resumed/output.pdf"));
        auto d = download(api(jobId + QStringLiteral("/output.pdf"), proxy.port()), readerToken, target);
        QVERIFY2(d->succeeded(), qPrintable(message(d->error())));
        QCOMPARE(proxy.cuts(), 2);
        QCOMPARE(d->resumes(), 2);
        QFile resumed(target);
        QVERIFY(resumed.open(QIODevice::ReadOnly));
        QCOMPARE(resumed.readAll(), expected);

        // A .part an earlier run left is resumed from where it stopped, not fetched again.
        const QString again = work.filePath(QStringLiteral("left/output.pdf"));
        QDir().mkpath(QFileInfo(again).absolutePath());
        QFile part(again + QStringLiteral(".part"));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(expected.left(1000));
        part.close();
        QList<qint64> progress;
        OutputDownload::Request r;
        r.url = api(jobId + QStringLiteral("/output.pdf"));
        r.token = readerToken;
        r.targetPath = again;
        OutputDownload rest(nullptr, r);
        connect(&rest, &OutputDownload::progressed, this, [&](qint64 received, qint64) { progress << received; });
        rest.start();
        QVERIFY(QTest::qWaitFor([&] { return rest.isFinished(); }, 30000));
        QVERIFY2(rest.succeeded(), qPrintable(message(rest.error())));
        QCOMPARE(rest.httpStatus(), 206);
        QVERIFY(progress.first() > 1000);
        QFile done(again);
        QVERIFY(done.open(QIODevice::ReadOnly));
        QCOMPARE(done.readAll(), expected);

        // A .part that is already whole (a run that stopped before its rename): 416, then renamed.
        const QString whole2 = work.filePath(QStringLiteral("whole/output.pdf"));
        QDir().mkpath(QFileInfo(whole2).absolutePath());
        QFile full(whole2 + QStringLiteral(".part"));
        QVERIFY(full.open(QIODevice::WriteOnly));
        full.write(expected);
        full.close();
        auto renamed = download(api(jobId + QStringLiteral("/output.pdf")), readerToken, whole2);
        QVERIFY2(renamed->succeeded(), qPrintable(message(renamed->error())));
        QFile kept(whole2);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), expected);
        QVERIFY(!QFileInfo::exists(whole2 + QStringLiteral(".part")));
    }

    void overTlsOnlyThePinnedCertificateIsAccepted()
    {
        // A second instance of the server, on wss:// with a self-signed certificate, on the same
        // Redis and docstore: it serves the same outputs.
        const QString cert = work.filePath(QStringLiteral("tls/cert.pem"));
        const QString key = work.filePath(QStringLiteral("tls/key.pem"));
        QDir().mkpath(work.filePath(QStringLiteral("tls")));
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=coauthor-test"), QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
        QVERIFY(openssl.waitForFinished(30000));
        QVERIFY2(openssl.exitCode() == 0, openssl.readAll().constData());
        const QByteArray pin = CertificatePin::sha256(QSslCertificate::fromPath(cert).value(0));
        QCOMPARE(pin.size(), 32);
        QProcess tls;
        tls.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const quint16 port = freeLoopbackPort();
        QVERIFY(startServer(tls, QStringLiteral(COAUTHOR_SERVER_BINARY), port, server.dir.filePath(QStringLiteral("data")),
                            {QStringLiteral("--redis"), server.redis.url(), QStringLiteral("--tls-cert"), cert,
                             QStringLiteral("--tls-key"), key}));
        const auto stop = qScopeGuard([&] {
            tls.terminate();
            if (!tls.waitForFinished(10000))
                tls.kill();
        });
        QUrl url = api(jobId + QStringLiteral("/output.pdf"), port);
        url.setScheme(QStringLiteral("https"));
        QCOMPARE(OutputDownload::httpBase(QUrl(QStringLiteral("wss://127.0.0.1:%1/").arg(port))).port(), int(port));
        auto fetch = [&](const QByteArray &withPin, const QString &target) {
            OutputDownload::Request r;
            r.url = url;
            r.token = readerToken;
            r.certificateSha256 = withPin;
            r.targetPath = target;
            auto d = std::make_unique<OutputDownload>(nullptr, r);
            d->start();
            if (!QTest::qWaitFor([&] { return d->isFinished(); }, 30000))
                qWarning() << "the TLS download did not finish";
            return d;
        };
        auto pinned = fetch(pin, work.filePath(QStringLiteral("tls/pinned.pdf")));
        QVERIFY2(pinned->succeeded(), qPrintable(message(pinned->error())));
        QCOMPARE(QFileInfo(work.filePath(QStringLiteral("tls/pinned.pdf"))).size(), pdfBytes);
        // Positive control above; without the pin, or with another one, nothing is read.
        for (const QByteArray &other : {QByteArray(), QByteArray(32, 'x')}) {
            auto refused = fetch(other, work.filePath(QStringLiteral("tls/refused.pdf")));
            QVERIFY(!refused->succeeded());
            QCOMPARE(refused->error().code, QStringLiteral("certificate_untrusted"));
            QVERIFY(!QFileInfo::exists(work.filePath(QStringLiteral("tls/refused.pdf"))));
        }
    }

    void anOutputOverTheLimitIsRefusedAndLeavesNothing()
    {
        const QString target = work.filePath(QStringLiteral("small/output.pdf"));
        auto d = download(api(jobId + QStringLiteral("/output.pdf")), readerToken, target, 1000);
        QVERIFY(!d->succeeded());
        QCOMPARE(d->error().code, QStringLiteral("too_large"));
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(!QFileInfo::exists(target + QStringLiteral(".part")));
    }

    void aBadTokenIsRefusedWithTheServersCodeAndWritesNothing()
    {
        const QString target = work.filePath(QStringLiteral("refused/output.pdf"));
        auto d = download(api(jobId + QStringLiteral("/output.pdf")), QStringLiteral("not-a-token"), target);
        QVERIFY(!d->succeeded());
        QCOMPARE(d->httpStatus(), 401);
        QCOMPARE(d->error().code, QStringLiteral("unauthorized"));
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(!QFileInfo::exists(target + QStringLiteral(".part")));
        auto unknown = download(api(QStringLiteral("no-such-job")), readerToken, {});
        QCOMPARE(unknown->error().code, QStringLiteral("not_found"));
    }
};

QTEST_GUILESS_MAIN(TestSyncClientServerCompile)
#include "tst_syncclient_servercompile.moc"
