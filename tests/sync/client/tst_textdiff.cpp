// textDiff: the op it makes turns before into after, touches only what
// differs (as few characters as an edit script can: checked against the
// longest common subsequence on random texts), never splits a surrogate pair,
// and still works past its edit limit.

#include "sync/client/textdiff.h"
#include "sync/ot/operations.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace coauthor::sync;
using ot::TextOperation;

namespace {

qsizetype longestCommonSubsequence(const QString &a, const QString &b)
{
    std::vector<qsizetype> row(size_t(b.size() + 1), 0);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = 0;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype up = row[size_t(j)];
            row[size_t(j)] = a.at(i - 1) == b.at(j - 1) ? diagonal + 1 : qMax(row[size_t(j)], row[size_t(j - 1)]);
            diagonal = up;
        }
    }
    return row[size_t(b.size())];
}

qsizetype charactersTouched(const TextOperation &op)
{
    qsizetype n = 0;
    for (const ot::Component &c : op.components())
        n += c.text.size();
    return n;
}

QString randomText(QRandomGenerator &rng, int maxLength)
{
    QString s;
    const int n = int(rng.bounded(maxLength + 1));
    for (int i = 0; i < n; ++i)
        s.append(QChar(u'a' + rng.bounded(3)));
    return s;
}

} // namespace

class TestTextDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void equalTextsGiveNoOp()
    {
        QVERIFY(textDiff(QStringLiteral("same"), QStringLiteral("same")).isNoop());
        QVERIFY(textDiff(QString(), QString()).isNoop());
    }

    // Two separate changes are two edits, not one replace of all between them:
    // a collaborator's edit in the middle is not overwritten when ours is
    // transformed over it.
    void separateChangesStaySeparate()
    {
        const QString before = QStringLiteral("one two three four five");
        const QString after = QStringLiteral("ONE two three four FIVE");
        const TextOperation op = textDiff(before, after);
        QCOMPARE(ot::apply(before, op).value(), after);
        QCOMPARE(charactersTouched(op), 14);
    }

    void randomPairsGiveMinimalEdits()
    {
        const quint32 seed = 1202;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        for (int round = 0; round < 2000; ++round) {
            const QString a = randomText(rng, 30);
            const QString b = randomText(rng, 30);
            const TextOperation op = textDiff(a, b);
            auto applied = ot::apply(a, op);
            QVERIFY(applied.ok());
            QCOMPARE(applied.value(), b);
            QCOMPARE(charactersTouched(op), a.size() + b.size() - 2 * longestCommonSubsequence(a, b));
        }
    }

    void surrogatePairsAreNeverSplit()
    {
        const QString a = QStringLiteral("x\U0001F600y\U0001F600");
        const QString b = QStringLiteral("x\U0001F601y\U0001F600z");
        const TextOperation op = textDiff(a, b);
        QCOMPARE(ot::apply(a, op).value(), b);
        for (const ot::Component &c : op.components()) {
            QVERIFY(!c.text.front().isLowSurrogate());
            QVERIFY(!c.text.back().isHighSurrogate());
        }
    }

    // Past the limit the middle is replaced as a whole: still right.
    void pastTheEditLimitTheMiddleIsReplaced()
    {
        QRandomGenerator rng(7);
        const QString a = QStringLiteral("start ") + randomText(rng, 400) + QStringLiteral(" end");
        const QString b = QStringLiteral("start ") + randomText(rng, 400) + QStringLiteral(" end");
        const TextOperation op = textDiff(a, b, 10);
        QCOMPARE(ot::apply(a, op).value(), b);
        QVERIFY(op.size() <= 2);
    }

    // A pasted rewrite of a big file (4 MB differing past the edit limit) is one delete and
    // one insert, made in one piece: the op was built a character at a time before, and each
    // deleted character was joined to the front of the delete so far — quadratic, a 4 MB
    // paste hung closing the project (the crash journal's diff). The test's CTest timeout is
    // the bound: it took minutes before.
    void aFourMegabyteRewriteIsOneDeleteAndOneInsert()
    {
        const qsizetype size = 4 * 1024 * 1024;
        QString a(size, u'a');
        QString b(size, u'b');
        a.prepend(QStringLiteral("\\section{Same}\n"));
        b.prepend(QStringLiteral("\\section{Same}\n"));
        const TextOperation op = textDiff(a, b);
        QCOMPARE(op.size(), 2);
        QVERIFY(op.components().at(0).isDelete());
        QCOMPARE(op.components().at(0).text.size(), size);
        QVERIFY(op.components().at(1).isInsert());
        QCOMPARE(ot::apply(a, op).value(), b);
    }
};

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
