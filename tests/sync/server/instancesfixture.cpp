#include "instancesfixture.h"

#include "tests/support/postgrescluster.h"

#include <QFile>

namespace coauthor::sync::test {

InstancesFixture::InstancesFixture(const QString &binary, int lockTtlMs) : m_binary(binary), m_lockTtlMs(lockTtlMs) {}

InstancesFixture::~InstancesFixture()
{
    for (auto &p : m_processes) {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    m_balancer.reset();
    for (int i = 0; i < instances(); ++i)
        killInstance(i);
    m_redis.stop();
}

bool InstancesFixture::start(int instances, QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    auto redis = m_redis.start(m_dir.filePath(QStringLiteral("redis")), true);
    if (!redis) {
        *error = QStringLiteral("redis-server: %1").arg(redis.error());
        return false;
    }
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"), {QStringLiteral("-p"), QString::number(m_redis.port()), QStringLiteral("CONFIG"),
                                            QStringLiteral("SET"), QStringLiteral("requirepass"), redisPassword()});
    if (!cli.waitForFinished(10000) || cli.exitCode() != 0 || !cli.readAll().startsWith("OK")) {
        *error = QStringLiteral("redis-cli CONFIG SET requirepass failed");
        return false;
    }
    auto cluster = coauthor::test::PostgresCluster::shared();
    if (!cluster) {
        *error = QStringLiteral("PostgreSQL: %1").arg(cluster.error());
        return false;
    }
    auto database = cluster.value()->createDatabase();
    if (!database) {
        *error = QStringLiteral("PostgreSQL: %1").arg(database.error());
        return false;
    }
    m_docstoreUrl = database.value();
    m_project = createProject(m_binary, m_dir.filePath(QStringLiteral("admin")), QStringLiteral("Shared"),
                              {QStringLiteral("--docstore"), m_docstoreUrl});
    if (!m_project.ok()) {
        *error = QStringLiteral("project create: %1").arg(m_project.output);
        return false;
    }
    QList<quint16> ports;
    for (int i = 0; i < instances; ++i) {
        Instance instance;
        instance.port = freeLoopbackPort();
        instance.dataDir = m_dir.filePath(QStringLiteral("instance-%1").arg(i));
        ports.append(instance.port);
        m_instances.push_back(std::move(instance));
        if (!startInstance(i)) {
            *error = QStringLiteral("instance %1 did not start: %2").arg(i).arg(log(i));
            return false;
        }
    }
    m_balancer = std::make_unique<TcpBalancer>(ports);
    if (m_balancer->port() == 0) {
        *error = QStringLiteral("the balancer cannot listen");
        return false;
    }
    return true;
}

bool InstancesFixture::startInstance(int i, const QStringList &extra)
{
    Instance &instance = m_instances.at(size_t(i));
    instance.process = std::make_unique<QProcess>();
    instance.process->setStandardErrorFile(m_dir.filePath(QStringLiteral("instance-%1.log").arg(i)), QIODevice::Append);
    // The Redis password in the URL for even instances, from the environment
    // (kept off the command line) for odd ones: both ways an operator gives it.
    QString redis = redisUrl();
    if (i % 2 == 1) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("COAUTHOR_REDIS_PASSWORD"), redisPassword());
        instance.process->setProcessEnvironment(environment);
        redis = redisUrlWithoutPassword();
    }
    return startServer(*instance.process, m_binary, instance.port, instance.dataDir,
                       QStringList{QStringLiteral("--redis"), redis, QStringLiteral("--docstore"), m_docstoreUrl,
                                   QStringLiteral("--lock-ttl-ms"), QString::number(m_lockTtlMs)}
                           + extra);
}

void InstancesFixture::killInstance(int i)
{
    QProcess *p = m_instances.at(size_t(i)).process.get();
    if (p && p->state() != QProcess::NotRunning) {
        p->kill();
        p->waitForFinished(10000);
    }
}

void InstancesFixture::stopInstance(int i)
{
    QProcess *p = m_instances.at(size_t(i)).process.get();
    if (p && p->state() != QProcess::NotRunning) {
        p->terminate();
        if (!p->waitForFinished(20000)) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
}

bool InstancesFixture::isRunning(int i) const
{
    const QProcess *p = m_instances.at(size_t(i)).process.get();
    return p && p->state() != QProcess::NotRunning;
}

QString InstancesFixture::redisUrlWithoutPassword() const
{
    return QStringLiteral("redis://default@127.0.0.1:%1").arg(m_redis.port());
}

QString InstancesFixture::redisUrl() const
{
    return QStringLiteral("redis://default:%1@127.0.0.1:%2").arg(redisPassword()).arg(m_redis.port());
}

QString InstancesFixture::url() const
{
    return QStringLiteral("ws://127.0.0.1:%1/").arg(m_balancer->port());
}

QString InstancesFixture::instanceUrl(int i) const
{
    return QStringLiteral("ws://127.0.0.1:%1/").arg(m_instances.at(size_t(i)).port);
}

QString InstancesFixture::log(int i) const
{
    return log(QStringLiteral("instance-%1").arg(i));
}

QProcess *InstancesFixture::startProcess(const QString &name, const QString &program, const QStringList &args,
                                         const QProcessEnvironment &environment)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment);
    process->setStandardErrorFile(m_dir.filePath(name + QStringLiteral(".log")), QIODevice::Append);
    process->start(program, args);
    if (!process->waitForStarted(10000))
        return nullptr;
    m_processes.push_back(std::move(process));
    return m_processes.back().get();
}

QString InstancesFixture::log(const QString &name) const
{
    QFile file(m_dir.filePath(name + QStringLiteral(".log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(4000)) : QString();
}

} // namespace coauthor::sync::test
