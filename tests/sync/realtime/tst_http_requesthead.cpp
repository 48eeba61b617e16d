// HttpRequestHead: what the server reads of a connection's first bytes before it knows
// whether it is a WebSocket upgrade or an HTTP request; bounded, and strict where a
// lenient reading would let two parsers disagree (obsolete folding, spaces before colons).
#include "sync/realtime/httprequesthead.h"

#include <QTest>

using namespace coauthor::sync;
using State = HttpRequestHead::State;

class TestHttpRequestHead : public QObject
{
    Q_OBJECT

    static State parse(const QByteArray &bytes, HttpRequestHead *head = nullptr)
    {
        HttpRequestHead scratch;
        return HttpRequestHead::parse(bytes, head ? head : &scratch).state;
    }

private Q_SLOTS:
    void aGetIsReadWithItsFieldsAndSize()
    {
        const QByteArray request = "GET /api/projects/p1/compiles/latest?x=1 HTTP/1.1\r\nHost: h:7420\r\n"
                                   "Authorization:   Bearer t-abc  \r\nRange: bytes=5-\r\n\r\nBODY";
        HttpRequestHead head;
        QCOMPARE(parse(request, &head), State::Complete);
        QCOMPARE(head.method, QByteArray("GET"));
        QCOMPARE(head.path(), QByteArray("/api/projects/p1/compiles/latest"));
        QCOMPARE(head.field("authorization"), QByteArray("Bearer t-abc"));
        QCOMPARE(head.field("range"), QByteArray("bytes=5-"));
        QCOMPARE(head.size, request.indexOf("BODY"));
        QVERIFY(!head.isWebSocketUpgrade());
    }

    void aWebSocketUpgradeIsRecognisedInAnyCase()
    {
        HttpRequestHead head;
        QCOMPARE(parse("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n\r\n", &head), State::Complete);
        QVERIFY(head.isWebSocketUpgrade());
        QCOMPARE(parse("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: h2c, websocket\r\n\r\n", &head), State::Complete);
        QVERIFY(head.isWebSocketUpgrade());
        QCOMPARE(parse("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\n\r\n", &head), State::Complete);
        QVERIFY(!head.isWebSocketUpgrade());
    }

    void aHeadInPiecesIsIncompleteUntilItsEmptyLine()
    {
        const QByteArray request = "GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n";
        for (qsizetype n = 0; n < request.size(); ++n)
            QCOMPARE(parse(request.left(n)), State::Incomplete);
        QCOMPARE(parse(request), State::Complete);
        QCOMPARE(parse("GET /healthz HTTP/1.1\nHost: h\n\n"), State::Complete); // bare LF line ends
    }

    void whatCannotBeARequestIsSaidAtOnce()
    {
        QCOMPARE(parse("\x16\x03\x01\x02\x00"), State::Malformed); // a TLS hello on a plain port
        QCOMPARE(parse("{\"type\":\"hello\""), State::Malformed);
    }

    void malformedHeadsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("state");
        QTest::newRow("no version") << QByteArray("GET /\r\nHost: h\r\n\r\n") << int(State::Malformed);
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: h\r\n\r\n") << int(State::Malformed);
        QTest::newRow("absolute form") << QByteArray("GET http://h/ HTTP/1.1\r\nHost: h\r\n\r\n") << int(State::Malformed);
        QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1\r\nHost: h\r\n\r\n") << int(State::Malformed);
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n") << int(State::Malformed);
        QTest::newRow("folded line") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n  more\r\n\r\n") << int(State::Malformed);
        QTest::newRow("control in value") << QByteArray("GET / HTTP/1.1\r\nHost: h\x01\r\n\r\n") << int(State::Malformed);
        QTest::newRow("no host in 1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << int(State::Malformed);
        QTest::newRow("1.0 without host") << QByteArray("GET / HTTP/1.0\r\n\r\n") << int(State::Complete);
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: h\r\n\r\n") << int(State::UnsupportedVersion);
    }

    void malformedHeadsAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, state);
        QCOMPARE(int(parse(bytes)), state);
    }

    void moreThanTheBoundIsTooLargeWhateverFollows()
    {
        const QByteArray start = "GET / HTTP/1.1\r\nHost: h\r\nX-Long: ";
        QByteArray longHead = start + QByteArray(HttpRequestHead::maxBytes, 'a');
        QCOMPARE(parse(longHead), State::TooLarge);
        longHead += "\r\n\r\n"; // its end comes too late to count
        QCOMPARE(parse(longHead), State::TooLarge);
        QByteArray manyFields = "GET / HTTP/1.1\r\nHost: h\r\n";
        for (int i = 0; i < HttpRequestHead::maxFields; ++i)
            manyFields += "X-" + QByteArray::number(i) + ": 1\r\n";
        QCOMPARE(parse(manyFields + "\r\n"), State::TooLarge);
        // Just inside the bound is fine (a positive control).
        QByteArray fits = start;
        fits += QByteArray(HttpRequestHead::maxBytes - start.size() - 4, 'a') + "\r\n\r\n";
        QCOMPARE(fits.size(), HttpRequestHead::maxBytes);
        QCOMPARE(parse(fits), State::Complete);
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestHead)
#include "tst_http_requesthead.moc"
