// Docstore::compactHistory on both backends: a random history of several docs and
// two authors (fixed seed), with labels inside and between changes, a rename and a
// removed doc; after compacting per change and then per day, the text of every doc
// and the tree at every kept version (each change's ends, each label) equal what
// the history gave before, labels are all there, the ops are fewer, later edits
// still append, and a second compaction changes nothing.
#include "sync/docstore/docstore.h"
#include "sync/docstore/sqlcompaction_p.h"
#include "sync/history/historyreader.h"
#include "sync/ot/operations.h"
#include "tests/support/docstorebackend.h"

#include <QRandomGenerator>
#include <QTest>

using namespace coauthor::sync;
using namespace coauthor::sync::history;
namespace ot = coauthor::sync::ot;

namespace {

constexpr qint64 T0 = 1'700'000'000'000;
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;

// A doc of the project, storing ops as a flush does.
struct Doc
{
    QString id;
    QString text = {};
    qint64 version = 0;
    QList<StoredOp> pending = {};
};

// What the history said at a version, before compaction: every text file's text.
using Texts = QMap<QString, QString>;

} // namespace

class TestSqlCompaction : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Docstore> openStore()
    {
        auto where = coauthor::test::DocstoreBackend::fresh();
        if (!where.ok()) {
            qWarning() << where.error();
            return nullptr;
        }
        auto store = where.value().open();
        if (!store.ok())
            qWarning() << store.error();
        return store.ok() ? store.takeValue() : nullptr;
    }

    QString m_project;
    QString m_alice;
    QString m_bob;
    QList<Doc> m_docs;
    QList<qint64> m_labels;

    void flushAll(Docstore &store)
    {
        for (Doc &d : m_docs) {
            if (d.pending.isEmpty())
                continue;
            auto stored = store.storeDoc(m_project, d.id, d.text, d.version, d.pending);
            QVERIFY2(stored.ok(), stored.ok() ? "" : qPrintable(stored.error().message));
            d.pending.clear();
        }
    }

    // Edits: typing runs, typos taken back, deletions, at random places; sessions
    // of each author separated by pauses over a few days.
    void writeRandomHistory(Docstore &store, QRandomGenerator &random)
    {
        m_project = store.createProject(QStringLiteral("P")).value().id;
        m_alice = store.createInvitation(m_project, QStringLiteral("Alice"), Role::ReadWrite).value().invitation.id;
        m_bob = store.createInvitation(m_project, QStringLiteral("Bob"), Role::ReadWrite).value().invitation.id;
        QVERIFY(store.bindClientId(m_project, QStringLiteral("ca"), m_alice).ok());
        QVERIFY(store.bindClientId(m_project, QStringLiteral("cb"), m_bob).ok());
        m_docs.clear();
        m_labels.clear();
        for (const char *path : {"main.tex", "intro.tex", "old.tex"}) {
            auto created = store.createDoc(m_project, QString::fromLatin1(path), QStringLiteral("\\section{x}\n"), Actor{m_alice, T0});
            QVERIFY(created.ok());
            m_docs.append(Doc{created.value().id, QStringLiteral("\\section{x}\n")});
        }
        qint64 time = T0;
        for (int session = 0; session < 24; ++session) {
            time += (session % 4 == 0 ? Day : 20 * Minute);
            const bool alice = random.bounded(3) != 0;
            const QString client = alice ? QStringLiteral("ca") : QStringLiteral("cb");
            const int edits = 20 + int(random.bounded(60));
            for (int e = 0; e < edits; ++e) {
                time += 1000 + random.bounded(3000);
                Doc &d = m_docs[random.bounded(session == 23 ? 2 : 3)];
                const qsizetype at = random.bounded(int(d.text.size() + 1));
                ot::TextOperation op;
                const int kind = random.bounded(10);
                if (kind < 6) {
                    op = ot::TextOperation({ot::Component::insert(at, QStringLiteral("word%1 ").arg(random.bounded(100)))});
                } else if (kind < 8 && d.text.size() > at + 3) {
                    op = ot::TextOperation({ot::Component::erase(at, d.text.mid(at, 1 + random.bounded(3)))});
                } else {
                    // A typo typed and taken back a keystroke at a time.
                    const QString typed = QStringLiteral("teh");
                    for (int k = 0; k < 3; ++k) {
                        d.text.insert(at + k, typed.at(k));
                        ++d.version;
                        d.pending.append(StoredOp{d.version, ot::TextOperation({ot::Component::insert(at + k, QString(typed.at(k)))}),
                                                  client, d.version, time});
                    }
                    for (int k = 2; k >= 0; --k) {
                        d.text.remove(at + k, 1);
                        ++d.version;
                        d.pending.append(StoredOp{d.version, ot::TextOperation({ot::Component::erase(at + k, QString(typed.at(k)))}),
                                                  client, d.version, time});
                    }
                    op = ot::TextOperation({ot::Component::insert(at, QStringLiteral("the"))});
                }
                auto applied = ot::apply(d.text, op);
                QVERIFY(applied.ok());
                d.text = applied.takeValue();
                ++d.version;
                d.pending.append(StoredOp{d.version, op, client, d.version, time});
                if (random.bounded(7) == 0)
                    flushAll(store);
                if (random.bounded(40) == 0) {
                    flushAll(store);
                    auto label = store.addLabel(m_project, QStringLiteral("label %1").arg(m_labels.size()), -1, Actor{m_alice, time});
                    QVERIFY(label.ok());
                    m_labels.append(label.value().projectVersion);
                }
            }
            flushAll(store);
            if (session == 10)
                QVERIFY(store.moveEntry(m_project, m_docs[1].id, QStringLiteral("chapters/intro.tex"), Actor{m_alice, time}).ok());
            if (session == 22)
                QVERIFY(store.removeEntry(m_project, m_docs[2].id, Actor{m_bob, time}).ok());
        }
        flushAll(store);
    }

    // The versions a compaction keeps exact: each change's ends and each label.
    QList<qint64> keptVersions(Docstore &store)
    {
        QList<qint64> out = m_labels;
        auto changes = store.changes(m_project, {}, 0, 10000);
        for (const StoredChange &c : changes.value())
            out << c.fromVersion << c.toVersion;
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    Texts textsAt(HistoryReader &reader, qint64 version)
    {
        Texts out;
        auto tree = reader.treeAt(m_project, version);
        if (!tree.ok()) {
            qWarning() << tree.error().message;
            return out;
        }
        for (const VersionEntry &e : tree.value().entries) {
            if (e.kind != TreeEntry::Kind::Doc)
                continue;
            auto text = reader.textAt(m_project, e.path, version);
            out.insert(e.path, text.ok() ? text.value() : QStringLiteral("<error: %1>").arg(text.error().message));
        }
        return out;
    }

    qint64 opCount(Docstore &store)
    {
        qint64 n = 0;
        for (const Doc &d : std::as_const(m_docs))
            n += store.historyOps(m_project, d.id, 0, -1).value().size();
        return n;
    }

    void compareAt(HistoryReader &reader, const QList<qint64> &versions, const QMap<qint64, Texts> &before)
    {
        for (qint64 v : versions) {
            const Texts now = textsAt(reader, v);
            if (now != before.value(v)) {
                for (auto it = before.value(v).cbegin(); it != before.value(v).cend(); ++it)
                    QCOMPARE(now.value(it.key()), it.value());
                QCOMPARE(now.keys(), before.value(v).keys());
            }
        }
    }

private Q_SLOTS:
    void initTestCase_data() { coauthor::test::DocstoreBackend::addRows(); }

    void aTypoTypedAndTakenBackLeavesNothingInTheComposedOp()
    {
        QList<ot::TextOperation> ops;
        for (int k = 0; k < 3; ++k)
            ops.append(ot::TextOperation({ot::Component::insert(5 + k, QString(QStringLiteral("teh").at(k)))}));
        for (int k = 2; k >= 0; --k)
            ops.append(ot::TextOperation({ot::Component::erase(5 + k, QString(QStringLiteral("teh").at(k)))}));
        ops.append(ot::TextOperation({ot::Component::insert(5, QStringLiteral("the"))}));
        const ot::TextOperation squashed = SqlCompaction::squash(ops);
        QCOMPARE(squashed, ot::TextOperation({ot::Component::insert(5, QStringLiteral("the"))}));

        // Backspacing past the start of what was typed deletes the text before it too.
        const QString text = QStringLiteral("Hello world");
        QList<ot::TextOperation> past{ot::TextOperation({ot::Component::insert(5, QStringLiteral("ab"))}),
                                      ot::TextOperation({ot::Component::erase(3, QStringLiteral("loab"))})};
        QString replayed = text;
        for (const ot::TextOperation &op : past)
            replayed = ot::apply(replayed, op).value();
        QCOMPARE(ot::apply(text, SqlCompaction::squash(past)).value(), replayed);
        QCOMPARE(SqlCompaction::squash(past), ot::TextOperation({ot::Component::erase(3, QStringLiteral("lo"))}));
    }

    void textAtEveryKeptVersionEqualsTheReplayBeforeCompaction()
    {
        auto store = openStore();
        QVERIFY(store);
        QRandomGenerator random(16);
        writeRandomHistory(*store, random);
        if (QTest::currentTestFailed())
            return;
        HistoryReader reader(*store);
        const qint64 current = store->projectVersion(m_project).value();
        // Before: the texts at every version a compaction keeps (those of a per-day
        // compaction are among those of a per-change one).
        const QList<qint64> kept = keptVersions(*store);
        QMap<qint64, Texts> before;
        for (qint64 v : kept)
            before.insert(v, textsAt(reader, v));
        const auto changesBefore = store->changes(m_project, {}, 0, 10000).value();
        const qint64 opsBefore = opCount(*store);

        // Per change: all but the last day.
        const qint64 cut = changesBefore.at(4).toVersion; // the changes are newest first
        auto perChange = store->compactHistory(m_project, {0, cut, 0, 0});
        QVERIFY2(perChange.ok(), perChange.ok() ? "" : qPrintable(perChange.error().message));
        QCOMPARE(perChange.value().changesAfter, perChange.value().changesBefore);
        QVERIFY(perChange.value().opsAfter < perChange.value().opsBefore / 3);
        QCOMPARE(opCount(*store), opsBefore - (perChange.value().opsBefore - perChange.value().opsAfter));
        compareAt(reader, kept, before);
        // The changes list the same versions, files and words.
        const auto changesAfter = store->changes(m_project, {}, 0, 10000).value();
        QCOMPARE(changesAfter.size(), changesBefore.size());
        for (qsizetype i = 0; i < changesAfter.size(); ++i) {
            QCOMPARE(changesAfter.at(i).fromVersion, changesBefore.at(i).fromVersion);
            QCOMPARE(changesAfter.at(i).files.size(), changesBefore.at(i).files.size());
            for (qsizetype f = 0; f < changesAfter.at(i).files.size(); ++f)
                QCOMPARE(changesAfter.at(i).files.at(f).wordsAdded, changesBefore.at(i).files.at(f).wordsAdded);
        }
        // Each change's diff of a file still ends at the file's text.
        for (const StoredChange &c : changesAfter) {
            for (const StoredChangeFile &f : c.files) {
                if (f.entryKind != TreeEntry::Kind::Doc || !before.value(c.toVersion).contains(f.path))
                    continue;
                auto diff = reader.diff(m_project, f.path, c.fromVersion, c.toVersion);
                QVERIFY2(diff.ok(), diff.ok() ? "" : qPrintable(diff.error().message));
                QString shown;
                for (const DiffSegment &s : diff.value().segments) {
                    if (s.kind != DiffSegment::Kind::Deleted)
                        shown += s.text;
                }
                QCOMPARE(shown, before.value(c.toVersion).value(f.path));
            }
        }

        // Then per day: fewer changes, every remaining boundary and label still exact.
        auto perDay = store->compactHistory(m_project, {0, cut, Day, 0});
        QVERIFY2(perDay.ok(), perDay.ok() ? "" : qPrintable(perDay.error().message));
        QVERIFY(perDay.value().changesAfter < perDay.value().changesBefore);
        QVERIFY(perDay.value().opsAfter < perDay.value().opsBefore);
        compareAt(reader, keptVersions(*store), before);
        QCOMPARE(store->projectVersion(m_project).value(), current);
        // Every doc's ops are still 1, 2, 3, … and its stored version is their count.
        for (const Doc &d : std::as_const(m_docs)) {
            const auto ops = store->historyOps(m_project, d.id, 0, -1).value();
            for (qsizetype i = 0; i < ops.size(); ++i)
                QCOMPARE(ops.at(i).version, i + 1);
            if (d.id != m_docs.at(2).id)
                QCOMPARE(store->loadDoc(m_project, d.id).value().version, ops.size());
        }

        // A second run has nothing left to do.
        auto again = store->compactHistory(m_project, {0, cut, Day, 0});
        QVERIFY(again.ok());
        QCOMPARE(again.value().opsAfter, again.value().opsBefore);
        QCOMPARE(again.value().changesAfter, again.value().changesBefore);
        QCOMPARE(again.value().docsRewritten, 0);
    }

    void labelsSurviveCompaction()
    {
        auto store = openStore();
        QVERIFY(store);
        QRandomGenerator random(1522);
        writeRandomHistory(*store, random);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(m_labels.size() >= 3);
        HistoryReader reader(*store);
        QMap<qint64, Texts> before;
        for (qint64 v : std::as_const(m_labels))
            before.insert(v, textsAt(reader, v));
        const auto labelsBefore = store->labels(m_project).value();
        const qint64 current = store->projectVersion(m_project).value();

        // Everything, per day: the labels inside the merged days must stay exact.
        auto done = store->compactHistory(m_project, {0, current, Day, 0});
        QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
        QVERIFY(done.value().changesAfter < done.value().changesBefore);
        const auto labelsAfter = store->labels(m_project).value();
        QCOMPARE(labelsAfter.size(), labelsBefore.size());
        for (qsizetype i = 0; i < labelsAfter.size(); ++i) {
            QCOMPARE(labelsAfter.at(i).name, labelsBefore.at(i).name);
            QCOMPARE(labelsAfter.at(i).projectVersion, labelsBefore.at(i).projectVersion);
        }
        compareAt(reader, m_labels, before);
        // A label on a change boundary keeps it one.
        const auto changes = store->changes(m_project, {}, 0, 10000).value();
        QList<qint64> ends;
        for (const StoredChange &c : changes)
            ends << c.toVersion;
        for (qint64 v : std::as_const(m_labels)) {
            const bool wasEnd = std::any_of(changes.cbegin(), changes.cend(), [&](const StoredChange &c) { return c.fromVersion == v; });
            if (wasEnd)
                QVERIFY(ends.contains(v));
        }
    }

    void editsAfterACompactionAppendAsBefore()
    {
        auto store = openStore();
        QVERIFY(store);
        QRandomGenerator random(7);
        writeRandomHistory(*store, random);
        if (QTest::currentTestFailed())
            return;
        const qint64 current = store->projectVersion(m_project).value();
        auto done = store->compactHistory(m_project, {0, current, 0, 0});
        QVERIFY(done.ok());
        // The doc's version is its op count now; the next op is the one after it.
        Doc &d = m_docs[0];
        const StoredDoc stored = store->loadDoc(m_project, d.id).value();
        QCOMPARE(stored.text, d.text);
        QVERIFY(stored.version < d.version);
        d.version = stored.version;
        const ot::TextOperation op({ot::Component::insert(0, QStringLiteral("% after\n"))});
        d.text = ot::apply(d.text, op).value();
        auto seq = store->lastSeq(m_project, d.id, QStringLiteral("ca")).value().value_or(0) + 1;
        ++d.version;
        QVERIFY(store->storeDoc(m_project, d.id, d.text, d.version, {StoredOp{d.version, op, QStringLiteral("ca"), seq, T0 + 100 * Day}}).ok());
        HistoryReader reader(*store);
        QCOMPARE(reader.textAt(m_project, QStringLiteral("main.tex"), -1).value(), d.text);
        QCOMPARE(reader.textAt(m_project, QStringLiteral("main.tex"), current).value(), ot::apply(d.text, ot::invert(op)).value());
    }
};

QTEST_GUILESS_MAIN(TestSqlCompaction)
#include "tst_sqlcompaction.moc"
