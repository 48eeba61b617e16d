// ServerCompile: the compile feature's compiles on the server's workers, for a shared
// project: it sends the compile (with the doc versions the app has, once its edits are
// acknowledged), follows the job's progress over the WebSocket, then downloads the job's
// record, PDF and SyncTeX data over HTTP into the local cache (sync::OutputDownload) and
// hands one CompileOutcome on, as a local compile would. fetchLatest() does the last
// part for the project's latest finished compile, whoever asked for it.
#pragma once

#include "app/compile/compileoutcome.h"
#include "app/project/project.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace coauthor::sync {
class OutputDownload;
class SyncClient;
struct CompileOutcome;
} // namespace coauthor::sync

namespace coauthor::app {

class ServerCompile : public QObject
{
    Q_OBJECT
public:
    // What the app downloads at most: the worker keeps at most 64 MiB of outputs per job.
    static constexpr qint64 maxOutputBytes = 64 * 1024 * 1024;
    static constexpr qint64 maxRecordBytes = 8 * 1024 * 1024; // the record holds at most 1 MiB of log
    // How long unacknowledged edits are waited for before the compile is sent without them.
    static constexpr int syncWaitMs = 5000;
    // A job still not done after this long is given up (the worker's timeout is 5 min).
    static constexpr int jobTimeoutMs = 10 * 60 * 1000;
    // While a job runs, its record is also looked for this often (progress missed while offline).
    static constexpr int recordPollMs = 10 * 1000;

    explicit ServerCompile(QObject *parent = nullptr);
    ~ServerCompile() override;

    // Where the open shared project's client is; returns nullptr when the project is not shared.
    void setClientSource(std::function<sync::SyncClient *()> client) { m_clientSource = std::move(client); }
    // The project (a new one forgets the job in progress); downloads go to cacheRoot/server/…,
    // the PDF shown is copied to previewPdfPath.
    void setProject(const Project &project, const QString &cacheRoot, const QString &previewPdfPath);
    sync::SyncClient *client() const;
    // A shared project's client is there (online or not).
    bool isShared() const { return client() != nullptr; }
    bool isBusy() const { return m_phase != Phase::Idle; }
    QString jobId() const { return m_jobId; }

    // Compiles rootDocument on the server (engine as compile/ names it). While a job is
    // in progress, one more compile is made when it ends (with the texts as they are then).
    void compile(const QString &rootDocument, const QString &engine, bool draft);
    // Shows the project's latest compile on the server (anyone's).
    void fetchLatest(const QString &rootDocument);
    // Forgets the job in progress (it still finishes on the server).
    void cancel();

    // The user's sentence for an error code of the compile request or of a download.
    static QString errorSentence(const QString &code, const QString &message);

Q_SIGNALS:
    void started();
    // Where the job is, for the status label ("Queued on the server…").
    void progressed(const QString &text);
    void finished(const coauthor::app::CompileOutcome &outcome);
    void failed(const QString &sentence);

private:
    enum class Phase { Idle, WaitingForSync, Requesting, Compiling, Downloading };

    void send();
    void onProgress(const QString &jobId, const QString &state, int pass, const QString &status, const QString &worker);
    void showState(const QString &state, int pass, const QString &worker);
    // Downloads the record of jobId (latest: "latest"), then its outputs.
    void fetchRecord(const QString &job, bool polling);
    void onRecord(const QByteArray &json);
    void downloadOutputs(std::shared_ptr<sync::CompileOutcome> record);
    void downloadNext(std::shared_ptr<sync::CompileOutcome> record, QStringList files);
    void buildOutcome(std::shared_ptr<sync::CompileOutcome> record);
    void fail(const QString &sentence);
    void endJob();
    QUrl apiUrl(const QString &tail) const;
    sync::OutputDownload *newDownload(const QUrl &url, const QString &target, qint64 maxBytes);

    std::function<sync::SyncClient *()> m_clientSource;
    QPointer<sync::SyncClient> m_connected; // whose compileProgress we follow
    QNetworkAccessManager *m_network;
    Project m_project;
    QString m_cacheRoot;
    QString m_previewPdf;
    QString m_root;
    QString m_engine;
    bool m_draft = false;
    Phase m_phase = Phase::Idle;
    QString m_jobId;
    quint64 m_generation = 0; // a new job or project: answers for an older one are dropped
    bool m_again = false;     // compile once more when this job ends
    QHash<QString, QString> m_early; // job id -> state, progress that came before its compileQueued
    QPointer<sync::OutputDownload> m_download;
    QTimer m_syncWait;
    QTimer m_jobTimeout;
    QTimer m_recordPoll;
    // Builds each outcome (log parse, SyncTeX read). Declared last: its destructor waits for
    // that job while the members it reports to are still alive.
    QThreadPool m_pool;
};

} // namespace coauthor::app
