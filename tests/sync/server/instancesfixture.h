#pragma once

// InstancesFixture: Coauthor deployed as on several machines, on this one: an
// external redis-server with a password, a PostgreSQL database (the test's PostgresCluster), and
// any number of coauthor-server processes sharing both, each with its own data
// folder, behind a TcpBalancer, as an operator's load balancer. Clients connect to
// url() (the balancer) or to one instance's instanceUrl(i).
//
// Other processes join the same deployment with redisUrl() and docstoreUrl():
// startProcess() runs one (the compile workers of tst_server_instances, as
// `startProcess("w0", WORKER_BINARY, {"--redis", redisUrl(), "--docstore",
// docstoreUrl(), ...})`), logs its stderr like an instance's and kills it with the
// fixture; startInstance() takes extra arguments for the instances.

#include "serverprocess.h"
#include "tcpbalancer.h"

#include "sync/redis/redisserverprocess.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace coauthor::sync::test {

class InstancesFixture
{
public:
    // binary: coauthor-server. lockTtlMs: --lock-ttl-ms of every instance (how long
    // a doc stays locked by an instance killed while holding the lock).
    explicit InstancesFixture(const QString &binary, int lockTtlMs = 2000);
    ~InstancesFixture();

    // Redis, a fresh PostgreSQL database, a project (through the command line on
    // that database) and `instances` servers behind the balancer. The error names
    // what failed.
    bool start(int instances, QString *error);

    // Starts instance i again (after kill or stop) on its port and data folder.
    bool startInstance(int i, const QStringList &extra = {});
    void killInstance(int i);  // SIGKILL: no flush, no goodbye
    void stopInstance(int i);  // SIGTERM: flushes to the docstore, then exits
    bool isRunning(int i) const;
    int instances() const { return int(m_instances.size()); }

    // Starts program with args next to the instances (its stderr in log(name));
    // nullptr when it does not start. Killed (SIGKILL) when the fixture goes.
    QProcess *startProcess(const QString &name, const QString &program, const QStringList &args,
                           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    QString log(const QString &name) const;

    QString url() const;                // ws:// through the balancer
    QString instanceUrl(int i) const;   // ws:// of one instance
    TcpBalancer &balancer() { return *m_balancer; }
    // With a password, as an operator's shared Redis has (AUTH on every connection).
    QString redisUrl() const;
    // The same without it, for a process given $COAUTHOR_REDIS_PASSWORD.
    QString redisUrlWithoutPassword() const;
    static QString redisPassword() { return QStringLiteral("instances-share-this"); }
    QString docstoreUrl() const { return m_docstoreUrl; }
    QString projectId() const { return m_project.id; }
    QString token() const { return m_project.token; }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // What instance i wrote to stderr, for a failure message.
    QString log(int i) const;

private:
    struct Instance
    {
        quint16 port = 0;
        QString dataDir;
        std::unique_ptr<QProcess> process;
    };

    QString m_binary;
    int m_lockTtlMs;
    QTemporaryDir m_dir;
    RedisServerProcess m_redis;
    QString m_docstoreUrl;
    CreatedProject m_project;
    std::vector<Instance> m_instances;
    std::vector<std::unique_ptr<QProcess>> m_processes; // startProcess()
    std::unique_ptr<TcpBalancer> m_balancer;
};

} // namespace coauthor::sync::test
