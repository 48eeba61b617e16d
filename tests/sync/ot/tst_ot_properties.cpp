// Randomized properties of the OT core on random texts with non-BMP characters:
// convergence of transform (both Side pairings, and ties broken by author
// against ops of several authors), compose == sequential apply,
// invert round-trips, normalize keeps the effect, and transformPosition moves a
// cursor like the text around it. The seed is printed; COAUTHOR_OT_SEED replays
// it and COAUTHOR_OT_PAIRS changes the number of convergence pairs.

#include "sync/ot/operations.h"

#include "tests/sync/ot/randomops.h"

#include <QTest>

using namespace coauthor::sync::ot;
using namespace coauthor::sync::ot::testing;
using namespace Qt::StringLiterals;

namespace {

constexpr quint32 DefaultSeed = 20261123;

QString describe(const TextOperation &op)
{
    QStringList parts;
    for (const Component &c : op.components())
        parts << QStringLiteral("%1%2:\"%3\"").arg(c.isInsert() ? u'+' : u'-').arg(c.position).arg(c.text);
    return u"["_s + parts.join(u", "_s) + u"]"_s;
}

// apply() that turns a failure into a marker, so QCOMPARE shows what happened.
QString applied(const QString &text, const TextOperation &op)
{
    auto result = apply(text, op);
    return result.ok() ? result.takeValue() : u"<failed: "_s + result.error().message + u">"_s;
}

// Applies op to a list of character ids (inserted characters get -1), so a test
// can see where each original code unit went.
QList<int> appliedToIds(QList<int> ids, const TextOperation &op)
{
    for (const Component &c : op.components()) {
        if (c.isInsert())
            ids.insert(c.position, c.length(), -1);
        else
            ids.remove(c.position, c.length());
    }
    return ids;
}

} // namespace

class TestOtProperties : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void transformConverges();
    void tieBreakIsAnOrderOfThePair();
    void authorTiesConvergeAgainstOpsOfSeveralAuthors();
    void composeIsSequentialApply();
    void invertRoundTrips();
    void normalizeKeepsEffect();
    void transformPositionFollowsText();
    void transformedInsertMatchesTransformPosition();

private:
    quint32 m_seed = DefaultSeed;
};

void TestOtProperties::initTestCase()
{
    m_seed = seedFromEnvironment(DefaultSeed);
    qInfo("seed %u (set COAUTHOR_OT_SEED to replay)", m_seed);
}

void TestOtProperties::transformConverges()
{
    const int pairs = countFromEnvironment("COAUTHOR_OT_PAIRS", 100000);
    qInfo("%d random pairs", pairs);
    RandomOps random(m_seed);
    for (int i = 0; i < pairs; ++i) {
        const QString text = random.text(12);
        const TextOperation a = random.operation(text, 4);
        const TextOperation b = random.operation(text, 4);
        const QString afterA = applied(text, a);
        const QString afterB = applied(text, b);
        // The server applied a and transforms b with Right; b's author transforms a with Left.
        const TextOperation bOnA = transform(b, a, Side::Right);
        const TextOperation aOnB = transform(a, b, Side::Left);
        const QString server = applied(afterA, bOnA);
        const QString client = applied(afterB, aOnB);
        if (server != client || server.startsWith(u"<failed"_s)) {
            qWarning("pair %d: text \"%s\" a %s b %s\n  b' %s a' %s", i, qPrintable(text), qPrintable(describe(a)),
                     qPrintable(describe(b)), qPrintable(describe(bOnA)), qPrintable(describe(aOnB)));
            QCOMPARE(server, client);
            QFAIL("transformed op failed to apply");
        }
        // The other pairing converges as well (ties simply go the other way).
        QCOMPARE(applied(afterA, transform(b, a, Side::Left)), applied(afterB, transform(a, b, Side::Right)));
    }
}

void TestOtProperties::tieBreakIsAnOrderOfThePair()
{
    const QStringList ids{u"c-1"_s, u"c-2"_s, u"c-10"_s, u"A"_s, u"a"_s, QString()};
    for (const QString &x : ids) {
        for (const QString &y : ids) {
            for (const Side same : {Side::Left, Side::Right}) {
                if (x == y)
                    QCOMPARE(tieBreak(x, y, same), same);
                else
                    QCOMPARE(tieBreak(x, y, same), opposite(tieBreak(y, x, same)));
            }
        }
    }
    QCOMPARE(tieBreak(u"alice"_s, u"bob"_s, Side::Right), Side::Left);
}

// The server transforms an incoming op of one author against the ops applied
// since its base, by several authors, each with tieBreak; the author's client
// transforms each of those ops against its op with the opposite sides. Both
// reach the same text, and the op the client keeps in flight is the op the
// server applied (its ack carries no op).
void TestOtProperties::authorTiesConvergeAgainstOpsOfSeveralAuthors()
{
    const int runs = countFromEnvironment("COAUTHOR_OT_PAIRS", 100000) / 5;
    const QStringList authors{u"c-a"_s, u"c-b"_s, u"c-c"_s, QString()};
    RandomOps random(m_seed + 1);
    for (int i = 0; i < runs; ++i) {
        const QString text = random.text(10);
        const QString mine = authors.at(random.bounded(3));
        const TextOperation op = random.operation(text, 3);
        QString server = text;
        TextOperation onServer = op;
        QString client = applied(text, op);
        TextOperation inFlight = op;
        for (int k = random.bounded(4); k >= 0; --k) {
            const QString author = authors.at(random.bounded(int(authors.size())));
            if (author == mine)
                continue; // one author's ops are never concurrent
            const TextOperation other = random.operation(server, 3);
            server = applied(server, other);
            onServer = transform(onServer, other, tieBreak(mine, author, Side::Right));
            const Side theirs = tieBreak(author, mine, Side::Left);
            client = applied(client, transform(other, inFlight, theirs));
            inFlight = transform(inFlight, other, opposite(theirs));
        }
        if (applied(server, onServer) != client || inFlight != onServer) {
            qWarning("run %d: text \"%s\" op %s", i, qPrintable(text), qPrintable(describe(op)));
            QCOMPARE(applied(server, onServer), client);
            QCOMPARE(describe(inFlight), describe(onServer));
        }
    }
}

void TestOtProperties::composeIsSequentialApply()
{
    RandomOps random(m_seed + 1);
    for (int i = 0; i < 20000; ++i) {
        const QString text = random.text(12);
        const TextOperation a = random.operation(text, 4);
        const QString afterA = applied(text, a);
        const TextOperation b = random.operation(afterA, 4);
        QCOMPARE(applied(text, compose(a, b)), applied(afterA, b));
    }
}

void TestOtProperties::invertRoundTrips()
{
    RandomOps random(m_seed + 2);
    for (int i = 0; i < 20000; ++i) {
        const QString text = random.text(12);
        const TextOperation a = random.operation(text, 5);
        const QString afterA = applied(text, a);
        QCOMPARE(applied(afterA, invert(a)), text);
        QCOMPARE(applied(text, invert(invert(a))), afterA);
    }
}

void TestOtProperties::normalizeKeepsEffect()
{
    RandomOps random(m_seed + 3);
    for (int i = 0; i < 20000; ++i) {
        const QString text = random.text(12);
        const TextOperation a = random.operation(text, 6);
        const TextOperation n = normalize(a);
        QCOMPARE(applied(text, n), applied(text, a));
        QCOMPARE(normalize(n), n);
        QVERIFY(n.size() <= a.size());
        for (const Component &c : n.components())
            QVERIFY(!c.text.isEmpty());
    }
}

void TestOtProperties::transformPositionFollowsText()
{
    // A cursor just before a character that survives stays just before it when
    // inserts at its position push it (moveOnInsertAtPos); a cursor just after a
    // surviving character stays just after it otherwise.
    RandomOps random(m_seed + 4);
    for (int i = 0; i < 20000; ++i) {
        const QString text = random.text(12);
        const TextOperation op = random.operation(text, 4);
        QList<int> ids(text.size());
        std::iota(ids.begin(), ids.end(), 0);
        const QList<int> after = appliedToIds(ids, op);
        for (qsizetype pos = 0; pos <= text.size(); ++pos) {
            if (pos < text.size()) {
                const qsizetype right = after.indexOf(int(pos));
                if (right >= 0)
                    QCOMPARE(transformPosition(pos, op, true), right);
            }
            if (pos > 0) {
                const qsizetype left = after.indexOf(int(pos - 1));
                if (left >= 0)
                    QCOMPARE(transformPosition(pos, op, false), left + 1);
            }
        }
    }
}

void TestOtProperties::transformedInsertMatchesTransformPosition()
{
    // A one-character insert made at a cursor lands where transformPosition puts
    // the cursor: Right moves on a tie like moveOnInsertAtPos, Left does not.
    RandomOps random(m_seed + 5);
    for (int i = 0; i < 20000; ++i) {
        const QString text = random.text(12);
        const TextOperation op = random.operation(text, 4);
        const qsizetype pos = random.boundary(text);
        const TextOperation cursor({Component::insert(pos, u"|"_s)});
        for (const bool right : {false, true}) {
            const TextOperation moved = transform(cursor, op, right ? Side::Right : Side::Left);
            QCOMPARE(moved.size(), 1);
            QCOMPARE(moved.components().first().position, transformPosition(pos, op, right));
        }
    }
}

QTEST_GUILESS_MAIN(TestOtProperties)
#include "tst_ot_properties.moc"
