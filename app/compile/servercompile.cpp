#include "app/compile/servercompile.h"

#include "app/compile/serverbuild.h"
#include "sync/client/outputdownload.h"
#include "sync/client/syncclient.h"
#include "sync/compilejobs/compilejob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>

namespace coauthor::app {

ServerCompile::ServerCompile(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<CompileOutcome>();
    m_pool.setMaxThreadCount(1);
    m_syncWait.setSingleShot(true);
    m_syncWait.setInterval(syncWaitMs);
    connect(&m_syncWait, &QTimer::timeout, this, &ServerCompile::send);
    m_jobTimeout.setSingleShot(true);
    m_jobTimeout.setInterval(jobTimeoutMs);
    connect(&m_jobTimeout, &QTimer::timeout, this,
            [this] { fail(tr("The server did not finish the compile in %n minute(s).", nullptr, jobTimeoutMs / 60000)); });
    m_recordPoll.setInterval(recordPollMs);
    connect(&m_recordPoll, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::Compiling && !m_download)
            fetchRecord(m_jobId, true);
    });
}

ServerCompile::~ServerCompile() = default;

sync::SyncClient *ServerCompile::client() const
{
    return m_clientSource ? m_clientSource() : nullptr;
}

void ServerCompile::setProject(const Project &project, const QString &cacheRoot, const QString &previewPdfPath)
{
    cancel();
    m_project = project;
    m_cacheRoot = cacheRoot;
    m_previewPdf = previewPdfPath;
}

void ServerCompile::cancel()
{
    ++m_generation;
    m_again = false;
    endJob();
}

void ServerCompile::endJob()
{
    m_phase = Phase::Idle;
    m_jobId.clear();
    m_early.clear();
    m_syncWait.stop();
    m_jobTimeout.stop();
    m_recordPoll.stop();
    if (m_download) {
        m_download->disconnect(this);
        m_download->deleteLater();
        m_download = nullptr;
    }
}

void ServerCompile::compile(const QString &rootDocument, const QString &engine, bool draft)
{
    sync::SyncClient *c = client();
    if (!c || !m_project.isValid())
        return;
    m_root = rootDocument;
    m_engine = engine;
    m_draft = draft;
    if (m_phase != Phase::Idle) {
        m_again = true; // the newest texts, once this job has given its PDF
        return;
    }
    if (c != m_connected) {
        if (m_connected)
            m_connected->disconnect(this);
        m_connected = c;
        connect(c, &sync::SyncClient::compileProgress, this, &ServerCompile::onProgress);
        connect(c, &sync::SyncClient::synchronized, this, [this] {
            if (m_phase == Phase::WaitingForSync)
                send();
        });
    }
    ++m_generation;
    Q_EMIT started();
    // The compile has the versions the server acknowledged: our last edits should be among them.
    if (!c->isSynchronized() && c->state() == sync::SyncClient::State::Online) {
        m_phase = Phase::WaitingForSync;
        Q_EMIT progressed(tr("Sending your last edits to the server…"));
        m_syncWait.start();
        return;
    }
    send();
}

void ServerCompile::send()
{
    m_syncWait.stop();
    sync::SyncClient *c = client();
    if (!c) {
        fail(errorSentence(QStringLiteral("offline"), {}));
        return;
    }
    m_phase = Phase::Requesting;
    Q_EMIT progressed(tr("Sending the compile to the server…"));
    const quint64 generation = m_generation;
    c->compileOnServer(m_root, m_engine, m_draft, [this, generation](sync::Result<QString, sync::ServiceError> queued) {
        if (generation != m_generation)
            return;
        if (!queued) {
            fail(errorSentence(queued.error().code, queued.error().message));
            return;
        }
        m_jobId = queued.value();
        m_phase = Phase::Compiling;
        m_jobTimeout.start();
        m_recordPoll.start();
        showState(QStringLiteral("queued"), 0, {});
        const QString early = m_early.value(m_jobId);
        m_early.clear();
        if (early == QLatin1String("done"))
            fetchRecord(m_jobId, false);
        else if (!early.isEmpty())
            showState(early, 0, {});
    });
}

void ServerCompile::onProgress(const QString &jobId, const QString &state, int pass, const QString &status,
                               const QString &worker)
{
    Q_UNUSED(status)
    if (m_phase == Phase::Requesting) {
        m_early.insert(jobId, state); // its compileQueued may still be on its way
        return;
    }
    if (m_phase != Phase::Compiling || jobId != m_jobId)
        return; // a collaborator's compile: Fetch Latest Server PDF shows it
    if (state == QLatin1String("done")) {
        fetchRecord(m_jobId, false);
        return;
    }
    showState(state, pass, worker);
}

void ServerCompile::showState(const QString &state, int pass, const QString &worker)
{
    if (state == QLatin1String("queued"))
        Q_EMIT progressed(tr("Queued on the server…"));
    else if (state == QLatin1String("running"))
        Q_EMIT progressed(worker.isEmpty() ? tr("Compiling on the server…") : tr("Compiling on the server (%1)…").arg(worker));
    else if (state == QLatin1String("pass"))
        Q_EMIT progressed(tr("Compiling on the server: pass %1…").arg(pass));
}

void ServerCompile::fetchLatest(const QString &rootDocument)
{
    if (!client() || !m_project.isValid())
        return;
    if (m_phase != Phase::Idle)
        return; // the job in progress gives the newest PDF anyway
    ++m_generation;
    m_root = rootDocument;
    m_phase = Phase::Downloading;
    Q_EMIT started();
    fetchRecord(QStringLiteral("latest"), false);
}

QUrl ServerCompile::apiUrl(const QString &tail) const
{
    const sync::SyncClient *c = client();
    QUrl url = c->httpBaseUrl();
    url.setPath(QStringLiteral("/api/projects/%1/compiles/%2")
                    .arg(QString::fromLatin1(QUrl::toPercentEncoding(c->projectId())), tail));
    return url;
}

sync::OutputDownload *ServerCompile::newDownload(const QUrl &url, const QString &target, qint64 maxBytes)
{
    const sync::SyncClient *c = client();
    sync::OutputDownload::Request request;
    request.url = url;
    request.token = c->token();
    request.certificateSha256 = c->certificatePin();
    request.targetPath = target;
    request.maxBytes = maxBytes;
    auto *download = new sync::OutputDownload(m_network, request, this);
    m_download = download;
    return download;
}

void ServerCompile::fetchRecord(const QString &job, bool polling)
{
    if (!client()) {
        if (!polling)
            fail(errorSentence(QStringLiteral("offline"), {}));
        return;
    }
    if (!polling) {
        m_phase = Phase::Downloading;
        m_recordPoll.stop();
        Q_EMIT progressed(tr("Downloading the compile from the server…"));
    }
    if (m_download) {
        m_download->disconnect(this);
        m_download->deleteLater();
    }
    sync::OutputDownload *download = newDownload(apiUrl(job), QString(), maxRecordBytes);
    const quint64 generation = m_generation;
    connect(download, &sync::OutputDownload::finished, this, [this, download, generation, polling, job] {
        download->deleteLater();
        if (m_download == download)
            m_download = nullptr;
        if (generation != m_generation)
            return;
        if (!download->succeeded()) {
            // Polling: not stored yet (404) or the server unreachable: the progress will tell.
            if (polling)
                return;
            const QString code = download->error().code;
            if (code == QLatin1String("not_found") && job == QLatin1String("latest"))
                fail(tr("The server has no compile of this project yet: use Compile on Server."));
            else
                fail(errorSentence(code, download->error().message));
            return;
        }
        onRecord(download->body());
    });
    download->start();
}

void ServerCompile::onRecord(const QByteArray &json)
{
    auto record = sync::CompileOutcome::fromJson(json);
    if (!record) {
        fail(errorSentence(QStringLiteral("invalid_answer"), {}));
        return;
    }
    m_phase = Phase::Downloading;
    m_recordPoll.stop();
    m_jobId = record->jobId;
    downloadOutputs(std::make_shared<sync::CompileOutcome>(std::move(*record)));
}

void ServerCompile::downloadOutputs(std::shared_ptr<sync::CompileOutcome> record)
{
    QStringList files;
    if (record->pdfBytes > 0 && !record->outputsTooLarge)
        files << QStringLiteral("output.pdf");
    if (record->synctexBytes > 0 && !record->outputsTooLarge)
        files << QStringLiteral("output.synctex.gz");
    const QString dir = ServerBuild::outputDir(m_cacheRoot, m_project.projectId(), record->jobId);
    // Already here (fetched before): not again. An output of one job never changes.
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const QString &f) {
                                   const qint64 expected = f.endsWith(QLatin1String(".pdf")) ? record->pdfBytes : record->synctexBytes;
                                   return QFileInfo(QDir(dir).filePath(f)).size() == expected;
                               }),
                files.end());
    downloadNext(std::move(record), files);
}

void ServerCompile::downloadNext(std::shared_ptr<sync::CompileOutcome> record, QStringList files)
{
    if (files.isEmpty()) {
        buildOutcome(std::move(record));
        return;
    }
    const QString file = files.takeFirst();
    const QString dir = ServerBuild::outputDir(m_cacheRoot, m_project.projectId(), record->jobId);
    sync::OutputDownload *download
        = newDownload(apiUrl(record->jobId + u'/' + file), QDir(dir).filePath(file), maxOutputBytes);
    const bool pdf = file.endsWith(QLatin1String(".pdf"));
    connect(download, &sync::OutputDownload::progressed, this, [this, pdf](qint64 received, qint64 total) {
        if (!pdf)
            return;
        const QString size = QLocale().formattedDataSize(received);
        Q_EMIT progressed(total > 0 ? tr("Downloading the PDF from the server: %1%…").arg(received * 100 / total)
                                    : tr("Downloading the PDF from the server: %1…").arg(size));
    });
    const quint64 generation = m_generation;
    connect(download, &sync::OutputDownload::finished, this, [this, download, generation, record, files] {
        download->deleteLater();
        if (m_download == download)
            m_download = nullptr;
        if (generation != m_generation)
            return;
        if (!download->succeeded()) {
            const QString code = download->error().code;
            fail(code == QLatin1String("not_found")
                     ? tr("The server no longer has the PDF of this compile (it keeps outputs for an hour): compile again.")
                     : errorSentence(code, download->error().message));
            return;
        }
        downloadNext(record, files);
    });
    download->start();
}

void ServerCompile::buildOutcome(std::shared_ptr<sync::CompileOutcome> record)
{
    const QString dir = ServerBuild::outputDir(m_cacheRoot, m_project.projectId(), record->jobId);
    QDir().mkpath(dir);
    ServerBuild::purgeOlder(m_cacheRoot, m_project.projectId(), record->jobId);
    const quint64 generation = m_generation;
    // The log is parsed and the SyncTeX read off the UI thread, as a local compile's are.
    m_pool.start([this, generation, record, dir, root = m_root, project = m_project, preview = m_previewPdf] {
        CompileOutcome outcome = ServerBuild::outcome(*record, dir, root, project, preview);
        QMetaObject::invokeMethod(
            this, [this, generation, outcome = std::move(outcome)] {
                if (generation != m_generation)
                    return;
                const bool again = std::exchange(m_again, false);
                endJob();
                Q_EMIT finished(outcome);
                if (again)
                    compile(m_root, m_engine, m_draft);
            },
            Qt::QueuedConnection);
    });
}

void ServerCompile::fail(const QString &sentence)
{
    const bool again = std::exchange(m_again, false);
    endJob();
    Q_EMIT failed(sentence);
    if (again)
        compile(m_root, m_engine, m_draft);
}

QString ServerCompile::errorSentence(const QString &code, const QString &message)
{
    if (code == QLatin1String("compile_unavailable"))
        return tr("This server cannot compile: it runs without compile workers.");
    if (code == QLatin1String("offline"))
        return tr("Not connected to the server: nothing was compiled there.");
    if (code == QLatin1String("disconnected"))
        return tr("The connection to the server closed before it answered: compile again once it is back.");
    if (code == QLatin1String("invalid_path"))
        return tr("The server cannot compile the main document: it is not a document of the shared project.");
    if (code == QLatin1String("storage_unavailable"))
        return tr("The server’s storage is unavailable: try again in a moment.");
    if (code == QLatin1String("unauthorized"))
        return tr("The server refused this project’s invitation token.");
    if (code == QLatin1String("forbidden"))
        return tr("This invitation is not a member of the project on the server.");
    if (code == QLatin1String("rate_limited"))
        return tr("The server is busy with too many requests: try again in a moment.");
    if (code == QLatin1String("too_large"))
        return tr("The PDF is larger than the %1 this app downloads.").arg(QLocale().formattedDataSize(maxOutputBytes));
    if (code == QLatin1String("certificate_changed") || code == QLatin1String("certificate_untrusted"))
        return tr("The server’s certificate is not the one this project trusts: nothing was downloaded.");
    if (code == QLatin1String("write_failed"))
        return tr("Cannot save the server’s PDF on this computer: %1").arg(message);
    if (code == QLatin1String("invalid_answer") || code == QLatin1String("invalid_message"))
        return tr("The server’s answer could not be read: is it a newer or older version?");
    return tr("The download from the server failed: %1").arg(message.isEmpty() ? code : message);
}

} // namespace coauthor::app
