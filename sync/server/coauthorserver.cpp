#include "sync/server/coauthorserver.h"

#include "sync/docstore/docstore.h"
#include "sync/docupdater/documentupdater.h"
#include "sync/docupdater/projectfiles.h"
#include "sync/realtime/realtimeserver.h"
#include "sync/realtime/tlsidentity.h"
#include "sync/redis/redisclient.h"
#include "sync/redis/redisserverprocess.h"
#include "sync/redis/redissupervisor.h"

#include <QDir>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QTimer>

#include <optional>

namespace coauthor::sync {

Q_DECLARE_LOGGING_CATEGORY(lcServer)

CoauthorServer::CoauthorServer(QObject *parent) : QObject(parent) {}

CoauthorServer::~CoauthorServer()
{
    stop();
}

Result<void, QString> CoauthorServer::start(const ServerConfig &config)
{
    using R = Result<void, QString>;
    if (m_running)
        return R::failure(QStringLiteral("the server is already running"));
    m_config = config;
    if (m_config.dataDir.isEmpty())
        return R::failure(QStringLiteral("no data directory given"));
    if (!QDir().mkpath(m_config.dataDir))
        return R::failure(QStringLiteral("cannot create the data directory %1").arg(m_config.dataDir));

    std::optional<QSslConfiguration> tls;
    if (!m_config.tlsCertificateFile.isEmpty() || !m_config.tlsKeyFile.isEmpty()) {
        if (m_config.tlsCertificateFile.isEmpty() || m_config.tlsKeyFile.isEmpty())
            return R::failure(QStringLiteral("TLS needs both a certificate (--tls-cert) and its key (--tls-key)"));
        auto loaded = TlsIdentity::load(m_config.tlsCertificateFile, m_config.tlsKeyFile);
        if (!loaded)
            return R::failure(loaded.error());
        tls = loaded.takeValue();
    }

    // The password of an external Redis may come from the environment rather than the URL.
    m_redisUrl = RedisClient::withEnvironmentPassword(m_config.redisUrl);
    if (m_redisUrl.isEmpty()) {
        const QString redisDir = QDir(m_config.dataDir).filePath(QStringLiteral("redis"));
        if (!QDir().mkpath(redisDir))
            return R::failure(QStringLiteral("cannot create %1").arg(redisDir));
        m_redisProcess = std::make_unique<RedisServerProcess>();
        m_redisProcess->setUnixSocketOnly(true);
        m_redisProcess->setAppendFsync(m_config.embeddedRedisFsync);
        auto started = m_redisProcess->start(redisDir, true);
        if (!started) {
            m_redisProcess.reset();
            return R::failure(QStringLiteral("cannot start the embedded redis-server: %1").arg(started.error()));
        }
        m_redisUrl = m_redisProcess->localUrl();
        qCInfo(lcServer).noquote() << "embedded redis-server" << m_redisUrl << "pid" << m_redisProcess->pid() << "in" << redisDir;
    }

    auto docstore = Docstore::open(m_config.docstoreUrl, m_config.dataDir);
    if (!docstore) {
        m_redisProcess.reset();
        return R::failure(QStringLiteral("cannot open the docstore: %1").arg(docstore.error().message));
    }
    m_docstore = docstore.takeValue();

    m_redis = std::make_unique<RedisClient>();
    m_redis->connectTo(m_redisUrl);
    if (m_redisProcess) {
        // Each start has its own socket, so the client follows the restarted one.
        m_redisSupervisor = std::make_unique<RedisSupervisor>(m_redisProcess.get());
        connect(m_redisSupervisor.get(), &RedisSupervisor::restarted, this, [this](const QString &url) {
            m_redisUrl = url;
            m_redis->connectTo(url);
        });
    }
    m_updater = std::make_unique<DocumentUpdater>(m_redis.get(), m_docstore.get(), m_config.updater);
    m_files = std::make_unique<ProjectFiles>(m_docstore.get(), m_updater.get());
    m_files->setMaxFileBytes(m_config.maxFileBytes);
    // History reads run on threads of their own, each with its own connection.
    const QString docstoreUrl = m_config.docstoreUrl, dataDir = m_config.dataDir;
    m_realtime = std::make_unique<RealtimeServer>(m_docstore.get(), m_updater.get(), m_files.get(), m_redis.get(),
                                                  [docstoreUrl, dataDir] { return Docstore::open(docstoreUrl, dataDir); },
                                                  m_config.realtime);
    if (tls)
        m_realtime->setTlsConfiguration(*tls);
    auto listening = m_realtime->listen(m_config.listenAddress, m_config.port);
    if (!listening) {
        m_running = true; // so that stop() tears down what was built
        stop(1000);
        return listening;
    }
    m_running = true;
    return R::success();
}

void CoauthorServer::stop(int flushTimeoutMs)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_realtime)
        m_realtime->close();
    if (m_updater) {
        // Everything in Redis reaches the docstore before we go; with an embedded
        // Redis nothing else would ever flush it.
        QEventLoop loop;
        bool finished = false;
        m_updater->flushAll([&](Result<void, ServiceError> result) {
            finished = true;
            if (!result)
                qCWarning(lcServer).noquote() << "flush before exit failed:" << result.error().code << result.error().message;
            else
                qCInfo(lcServer) << "flushed every doc to the docstore";
            loop.quit();
        });
        if (!finished) {
            QTimer::singleShot(flushTimeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (!finished)
            qCWarning(lcServer) << "flush before exit timed out after" << flushTimeoutMs << "ms";
    }
    m_realtime.reset();
    m_files.reset();
    m_updater.reset();
    if (m_redis)
        m_redis->disconnectFromServer();
    m_redis.reset();
    m_docstore.reset();
    m_redisSupervisor.reset(); // stopping Redis is not a crash to recover from
    if (m_redisProcess) {
        m_redisProcess->stop();
        m_redisProcess.reset();
    }
    qCInfo(lcServer) << "server stopped";
}

quint16 CoauthorServer::port() const
{
    return m_realtime ? m_realtime->port() : 0;
}

QString CoauthorServer::url() const
{
    QString host = m_config.listenAddress.toString();
    if (m_config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    const bool secure = m_realtime ? m_realtime->isSecure() : !m_config.tlsCertificateFile.isEmpty();
    return QStringLiteral("%1://%2:%3/").arg(secure ? QStringLiteral("wss") : QStringLiteral("ws"), host).arg(port());
}

QString CoauthorServer::redisUrl() const
{
    return m_redisUrl;
}

} // namespace coauthor::sync
