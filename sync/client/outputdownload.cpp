#include "sync/client/outputdownload.h"

#include "sync/client/certificatepin.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QTimer>

namespace coauthor::sync {

Q_LOGGING_CATEGORY(lcOutputDownload, "coauthor.sync.download")

namespace {

constexpr qint64 maxErrorBodyBytes = 64 * 1024;

// Errors after which the same request may simply be made again from where it stopped.
bool isDrop(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the stall timeout (setTransferTimeout)
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return false;
    }
}

QString codeForStatus(int status)
{
    switch (status) {
    case 401:
        return QStringLiteral("unauthorized");
    case 403:
        return QStringLiteral("forbidden");
    case 404:
        return QStringLiteral("not_found");
    case 429:
        return QStringLiteral("rate_limited");
    case 503:
        return QStringLiteral("storage_unavailable");
    default:
        return QStringLiteral("http_error");
    }
}

} // namespace

OutputDownload::OutputDownload(QNetworkAccessManager *network, Request request, QObject *parent)
    : QObject(parent)
    , m_network(network ? network : new QNetworkAccessManager(this))
    , m_request(std::move(request))
{
}

OutputDownload::~OutputDownload()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QUrl OutputDownload::httpBase(const QUrl &webSocketUrl)
{
    QUrl url = webSocketUrl;
    url.setScheme(webSocketUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https") : QStringLiteral("http"));
    url.setPath(QStringLiteral("/"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void OutputDownload::start()
{
    if (!m_request.targetPath.isEmpty()) {
        // What an earlier try (this run's or another's) received is kept and resumed.
        m_part.setFileName(partPath());
        m_received = QFileInfo(partPath()).isFile() ? QFileInfo(partPath()).size() : 0;
    }
    send();
}

void OutputDownload::abort()
{
    if (!m_finished)
        fail(QStringLiteral("aborted"), QStringLiteral("the download was cancelled"));
}

void OutputDownload::send()
{
    QNetworkRequest request(m_request.url);
    request.setRawHeader("Authorization", "Bearer " + m_request.token.toUtf8());
    // A redirect would carry the token elsewhere; the server never sends one.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false); // the server speaks HTTP/1.1
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(m_request.stallTimeoutMs);
    if (m_received > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_received) + '-');
    m_accepting = false;
    m_status = 0;
    m_errorBody.clear();
    m_reply = m_network->get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        // Never a blanket ignore: only the errors a self-signed pinned certificate raises.
        if (CertificatePin::acceptsErrors(m_request.certificateSha256, reply->sslConfiguration().peerCertificate(), errors))
            reply->ignoreSslErrors(errors);
    });
    connect(reply, &QNetworkReply::encrypted, this, [this] { checkPin(); });
    connect(reply, &QNetworkReply::metaDataChanged, this, &OutputDownload::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &OutputDownload::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &OutputDownload::onReplyFinished);
}

bool OutputDownload::checkPin()
{
    // A pinned server that now shows a certificate some CA vouches for raises no sslErrors.
    if (m_request.certificateSha256.isEmpty() || !m_reply)
        return true;
    const QByteArray seen = CertificatePin::sha256(m_reply->sslConfiguration().peerCertificate());
    if (seen == m_request.certificateSha256)
        return true;
    fail(QStringLiteral("certificate_changed"),
         QStringLiteral("the server's certificate changed: expected %1, got %2")
             .arg(CertificatePin::format(m_request.certificateSha256), CertificatePin::format(seen)));
    return false;
}

void OutputDownload::onMetaData()
{
    if (!m_reply || m_finished)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_status = status.toInt();
    const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).isValid()
        ? m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
        : -1;
    if (m_status == 206) {
        // Content-Range: bytes <first>-<last>/<total>: the rest from where we are, or nothing of use.
        static const QRegularExpression range(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+|\\*)$"));
        const auto match = range.match(QString::fromLatin1(m_reply->rawHeader("Content-Range")).trimmed());
        if (!match.hasMatch() || match.captured(1).toLongLong() != m_received) {
            fail(QStringLiteral("invalid_answer"), QStringLiteral("the server resumed the download at the wrong place"));
            return;
        }
        m_total = match.captured(3) == QLatin1String("*") ? -1 : match.captured(3).toLongLong();
    } else if (m_status == 200) {
        // The whole output again (a server that ignores Range): start over.
        if (m_received > 0) {
            m_received = 0;
            if (QFileInfo::exists(partPath()) && !m_part.resize(0)) {
                fail(QStringLiteral("write_failed"), m_part.errorString());
                return;
            }
            m_body.clear();
        }
        m_total = length;
    } else {
        return; // an error answer: its body is the reason (onReplyFinished)
    }
    if (m_total > m_request.maxBytes) {
        fail(QStringLiteral("too_large"), QStringLiteral("the output is %1 bytes, more than the %2 this client takes")
                                              .arg(m_total)
                                              .arg(m_request.maxBytes));
        return;
    }
    // Opened only for the output itself: an error answer leaves no file behind.
    if (!m_request.targetPath.isEmpty() && !m_part.isOpen()) {
        QDir().mkpath(QFileInfo(m_request.targetPath).absolutePath());
        if (!m_part.open(QIODevice::ReadWrite | QIODevice::Append) || !m_part.resize(m_received)) {
            fail(QStringLiteral("write_failed"),
                 QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(partPath()), m_part.errorString()));
            return;
        }
    }
    m_accepting = true;
}

void OutputDownload::onReadyRead()
{
    if (!m_reply || m_finished)
        return;
    if (m_status == 0)
        onMetaData();
    if (m_finished)
        return;
    const QByteArray bytes = m_reply->readAll();
    if (!m_accepting) {
        if (m_errorBody.size() < maxErrorBodyBytes)
            m_errorBody += bytes.left(maxErrorBodyBytes - m_errorBody.size());
        return;
    }
    if (m_received + bytes.size() > m_request.maxBytes) {
        fail(QStringLiteral("too_large"),
             QStringLiteral("the output is more than the %1 bytes this client takes").arg(m_request.maxBytes));
        return;
    }
    if (!writeChunk(bytes))
        return;
    m_received += bytes.size();
    Q_EMIT progressed(m_received, m_total);
}

bool OutputDownload::writeChunk(const QByteArray &bytes)
{
    if (m_request.targetPath.isEmpty()) {
        m_body += bytes;
        return true;
    }
    if (m_part.write(bytes) == bytes.size())
        return true;
    fail(QStringLiteral("write_failed"),
         QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(partPath()), m_part.errorString()));
    return false;
}

void OutputDownload::onReplyFinished()
{
    if (!m_reply || m_finished)
        return;
    onReadyRead(); // what is still buffered
    if (m_finished)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    QNetworkReply::NetworkError error = reply->error();
    if (m_status == 416 && m_received > 0) {
        // Nothing after what we hold: the .part is the whole output (a run that stopped before
        // its rename), or longer than it (not this output): then it is fetched again.
        static const QRegularExpression length(QStringLiteral("^bytes \\*/(\\d+)$"));
        const auto match = length.match(QString::fromLatin1(reply->rawHeader("Content-Range")).trimmed());
        if (match.hasMatch() && match.captured(1).toLongLong() == m_received) {
            m_total = m_received;
            m_status = 206;
            error = QNetworkReply::NoError;
        } else if (m_resumes < m_request.maxResumes) {
            ++m_resumes;
            m_received = 0;
            QFile::remove(partPath());
            send();
            return;
        }
    }
    if (m_status >= 400 || (m_status > 0 && m_status != 200 && m_status != 206)) {
        const QJsonObject body = QJsonDocument::fromJson(m_errorBody).object();
        QString code = body.value(QLatin1String("error")).toString();
        QString message = body.value(QLatin1String("message")).toString();
        if (code.isEmpty())
            code = codeForStatus(m_status);
        if (message.isEmpty())
            message = QStringLiteral("the server answered HTTP %1").arg(m_status);
        fail(code, message);
        return;
    }
    const bool complete = error == QNetworkReply::NoError && (m_total < 0 || m_received == m_total);
    if (!complete) {
        const bool dropped = isDrop(error) || error == QNetworkReply::NoError;
        if (dropped && m_resumes < m_request.maxResumes) {
            ++m_resumes;
            qCInfo(lcOutputDownload) << "download of" << m_request.url.path() << "dropped at" << m_received << "bytes ("
                                     << reply->errorString() << "), resuming";
            // A moment later: a server restarting, or a balancer moving us, needs one.
            QTimer::singleShot(100 * m_resumes, this, [this] {
                if (!m_finished)
                    send();
            });
            return;
        }
        const bool offline = error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError;
        if (error == QNetworkReply::SslHandshakeFailedError)
            fail(QStringLiteral("certificate_untrusted"), QStringLiteral("the server's certificate is not trusted: %1").arg(reply->errorString()));
        else
            fail(offline ? QStringLiteral("offline") : QStringLiteral("network_error"), reply->errorString());
        return;
    }
    if (!m_request.targetPath.isEmpty()) {
        if (!m_part.isOpen() && !m_part.open(QIODevice::ReadWrite | QIODevice::Append)) { // empty, or whole already
            fail(QStringLiteral("write_failed"), m_part.errorString());
            return;
        }
        if (!m_part.flush()) {
            fail(QStringLiteral("write_failed"), m_part.errorString());
            return;
        }
        m_part.close();
        QFile::remove(m_request.targetPath);
        if (!QFile::rename(partPath(), m_request.targetPath)) {
            fail(QStringLiteral("write_failed"),
                 QStringLiteral("cannot rename %1 to %2").arg(QDir::toNativeSeparators(partPath()),
                                                              QDir::toNativeSeparators(m_request.targetPath)));
            return;
        }
    }
    finish();
}

void OutputDownload::fail(const QString &code, const QString &message)
{
    if (m_finished)
        return;
    m_error = ServiceError{code, message};
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    // The .part stays for a later resume unless it cannot be what we want (or holds nothing).
    if (!m_request.targetPath.isEmpty()) {
        m_part.close();
        if (code == QLatin1String("too_large") || code == QLatin1String("not_found") || code == QLatin1String("invalid_answer")
            || QFileInfo(partPath()).size() == 0)
            QFile::remove(partPath());
    }
    finish();
}

void OutputDownload::finish()
{
    m_finished = true;
    // Never inside the caller's start() or abort(): the same order as a network answer.
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
}

} // namespace coauthor::sync
