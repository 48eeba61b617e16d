#pragma once

// OutputDownload: one HTTP GET from the server's own port (docs/protocol.md, "HTTP"):
// a compile's record (JSON, kept in memory) or one of its outputs (streamed to
// target.part, renamed to target when complete). Authenticated with the project's
// token (Authorization: Bearer), the TLS certificate checked against the pin the
// WebSocket uses (CertificatePin), never redirected (the token would follow), at most
// maxBytes. A transfer that drops or stalls is resumed where it stopped with
// Range: bytes=N- (a server that answers 200 instead is read again from the start);
// a target.part left by an earlier run is resumed too: an output of one job never changes.

#include "sync/common/serviceerror.h"

#include <QByteArray>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace coauthor::sync {

class OutputDownload : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(OutputDownload)

public:
    struct Request
    {
        QUrl url;
        QString token;
        QByteArray certificateSha256; // the pin; empty: normal TLS verification
        QString targetPath;           // empty: the body is kept in memory (body())
        qint64 maxBytes = 64 * 1024 * 1024;
        int maxResumes = 5;
        int stallTimeoutMs = 30 * 1000; // nothing received for this long: dropped, resumed
    };

    // network: shared, not owned (nullptr: one of its own).
    OutputDownload(QNetworkAccessManager *network, Request request, QObject *parent = nullptr);
    ~OutputDownload() override;

    // Starts the transfer; finished is emitted once, later (never inside start()).
    void start();
    void abort();

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_error.code.isEmpty(); }
    // Why it failed: the server's error code and message (unauthorized, forbidden,
    // not_found, rate_limited, …), or offline, network_error, certificate_untrusted,
    // certificate_changed, too_large, write_failed, invalid_answer, aborted.
    const ServiceError &error() const { return m_error; }
    int httpStatus() const { return m_status; }
    QByteArray body() const { return m_body; }
    qint64 received() const { return m_received; }
    // How many times the transfer was resumed after a drop.
    int resumes() const { return m_resumes; }

    // The server's HTTP base for a WebSocket URL: ws://h:p → http://h:p/, wss → https.
    static QUrl httpBase(const QUrl &webSocketUrl);

Q_SIGNALS:
    // received of total bytes (total -1 while unknown).
    void progressed(qint64 received, qint64 total);
    void finished();

private:
    void send();
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    bool checkPin();
    void fail(const QString &code, const QString &message);
    void finish();
    bool writeChunk(const QByteArray &bytes);
    QString partPath() const { return m_request.targetPath + QStringLiteral(".part"); }

    QNetworkAccessManager *m_network;
    Request m_request;
    QPointer<QNetworkReply> m_reply;
    QFile m_part;
    QByteArray m_body;
    QByteArray m_errorBody;
    ServiceError m_error;
    qint64 m_received = 0; // bytes of the output we hold (in memory or in the .part)
    qint64 m_total = -1;
    int m_status = 0;
    int m_resumes = 0;
    bool m_accepting = false; // the current answer's body is the output
    bool m_finished = false;
};

} // namespace coauthor::sync
