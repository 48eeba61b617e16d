// HostPort: the "host:port" of coauthor-server's --listen and of a hosted share
// link, parsed and formatted in one place.
#include "sync/protocol/hostport.h"

#include <QTest>

using namespace coauthor::sync;

class TestHostPort : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anIpv4OrNamedHostAndAPortAreRead()
    {
        const auto local = HostPort::parse(QStringLiteral("127.0.0.1:7420"));
        QVERIFY(local);
        QCOMPARE(local->host, QStringLiteral("127.0.0.1"));
        QCOMPARE(local->port, quint16(7420));
        const auto named = HostPort::parse(QStringLiteral("paper.example.org:0"));
        QVERIFY(named);
        QCOMPARE(named->host, QStringLiteral("paper.example.org"));
        QCOMPARE(named->port, quint16(0));
    }

    void anIpv6HostIsReadWithOrWithoutBracketsAndWrittenWithThem()
    {
        const auto bracketed = HostPort::parse(QStringLiteral("[::1]:7420"));
        QVERIFY(bracketed);
        QCOMPARE(bracketed->host, QStringLiteral("::1"));
        QCOMPARE(bracketed->port, quint16(7420));
        const auto bare = HostPort::parse(QStringLiteral("::1:7420")); // the last colon is the port's
        QVERIFY(bare);
        QCOMPARE(bare->host, QStringLiteral("::1"));
        QCOMPARE(bracketed->toString(), QStringLiteral("[::1]:7420"));
        QCOMPARE((HostPort{QStringLiteral("0.0.0.0"), 80}.toString()), QStringLiteral("0.0.0.0:80"));
        QCOMPARE(HostPort::parse(bracketed->toString())->host, QStringLiteral("::1"));
    }

    void aMissingHostOrABadPortIsRefused()
    {
        QVERIFY(!HostPort::parse(QString()));
        QVERIFY(!HostPort::parse(QStringLiteral("7420")));
        QVERIFY(!HostPort::parse(QStringLiteral(":7420")));
        QVERIFY(!HostPort::parse(QStringLiteral("[]:7420")));
        QVERIFY(!HostPort::parse(QStringLiteral("localhost:")));
        QVERIFY(!HostPort::parse(QStringLiteral("localhost:port")));
        QVERIFY(!HostPort::parse(QStringLiteral("localhost:65536")));
        QVERIFY(!HostPort::parse(QStringLiteral("localhost:-1")));
    }
};

QTEST_GUILESS_MAIN(TestHostPort)
#include "tst_hostport.moc"
