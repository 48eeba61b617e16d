// HistoryReader over a real SqlDocstore: changes grouped by author and time, a
// doc's text at every version equal to replaying its ops, the tree and binary
// files at a version, attributed diffs, labels, a removed file's history, search,
// and a version-2 docstore migrated to its history.
#include "sync/docstore/docstore.h"
#include "sync/docstore/sqldocstore.h"
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

ot::TextOperation insertOp(qsizetype at, const QString &text)
{
    return ot::TextOperation({ot::Component::insert(at, text)});
}

ot::TextOperation deleteOp(qsizetype at, const QString &text)
{
    return ot::TextOperation({ot::Component::erase(at, text)});
}

// A doc of a project with its text and version, storing ops as the flush does.
struct Writer
{
    Docstore *store = nullptr;
    QString project;
    QString doc;
    QString text = {};
    qint64 version = 0;
    QList<StoredOp> pending = {};

    void op(const ot::TextOperation &o, const QString &clientId, qint64 at)
    {
        auto applied = ot::apply(text, o);
        QVERIFY(applied.ok());
        text = applied.takeValue();
        ++version;
        pending.append(StoredOp{version, o, clientId, version, at});
    }
    void type(const QString &s, const QString &clientId, qint64 at) { op(insertOp(text.size(), s), clientId, at); }
    bool flush()
    {
        auto stored = store->storeDoc(project, doc, text, version, pending);
        if (!stored.ok())
            qWarning() << stored.error().message;
        pending.clear();
        return stored.ok();
    }
};

QString segmentsText(const QList<DiffSegment> &segments, bool includeDeleted)
{
    QString out;
    for (const DiffSegment &s : segments) {
        if (includeDeleted || s.kind != DiffSegment::Kind::Deleted)
            out += s.text;
    }
    return out;
}

} // namespace

class TestHistoryReader : public QObject
{
    Q_OBJECT
private:
    // A new docstore of the running row's backend (SQLite, PostgreSQL), kept open
    // again by reopen() for the tests that reopen it.
    std::optional<coauthor::test::DocstoreLocation> m_location;
    std::unique_ptr<Docstore> openStore()
    {
        auto where = coauthor::test::DocstoreBackend::fresh();
        if (!where.ok()) {
            qWarning() << where.error();
            return nullptr;
        }
        m_location.emplace(where.takeValue());
        return reopen();
    }
    std::unique_ptr<Docstore> reopen()
    {
        auto store = m_location->open();
        if (!store.ok())
            qWarning() << store.error();
        return store.ok() ? store.takeValue() : nullptr;
    }

    // A project with two members whose clients are bound to them.
    struct Project
    {
        QString id;
        QString alice; // member ids
        QString bob;
    };
    Project makeProject(Docstore &store)
    {
        Project p;
        p.id = store.createProject(QStringLiteral("P")).value().id;
        p.alice = store.createInvitation(p.id, QStringLiteral("Alice"), Role::ReadWrite).value().invitation.id;
        p.bob = store.createInvitation(p.id, QStringLiteral("Bob"), Role::ReadWrite).value().invitation.id;
        store.bindClientId(p.id, QStringLiteral("ca"), p.alice);
        store.bindClientId(p.id, QStringLiteral("cb"), p.bob);
        return p;
    }

private Q_SLOTS:
    void initTestCase_data() { coauthor::test::DocstoreBackend::addRows(); }

    void changesAreGroupedByAuthorAndPause()
    {
        auto store = openStore();
        QVERIFY(store);
        const Project p = makeProject(*store);
        const QString doc = store->createDoc(p.id, QStringLiteral("main.tex"), QString(), Actor{p.alice, T0}).value().id;
        Writer w{store.get(), p.id, doc};
        // Alice types; Bob joins 20 s later: one change with both (they interleave within a minute).
        w.type(QStringLiteral("Hello"), QStringLiteral("ca"), T0 + 1000);
        w.type(QStringLiteral(" world"), QStringLiteral("ca"), T0 + 10'000);
        w.type(QStringLiteral("!"), QStringLiteral("cb"), T0 + 30'000);
        QVERIFY(w.flush());
        // 20 minutes later Alice again: a pause of 5 minutes or more starts a change.
        w.type(QStringLiteral(" Again"), QStringLiteral("ca"), T0 + 20 * Minute);
        w.type(QStringLiteral("."), QStringLiteral("ca"), T0 + 21 * Minute);
        // Bob two minutes after her last op: another author, not within a minute.
        w.type(QStringLiteral(" Bob"), QStringLiteral("cb"), T0 + 23 * Minute);
        QVERIFY(w.flush());

        HistoryReader reader(*store);
        QCOMPARE(reader.currentVersion(p.id).value(), 7); // the creation and six ops
        auto page = reader.changes(p.id, {}, 0, 10);
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
        const QList<Change> &changes = page.value().changes;
        QCOMPARE(changes.size(), 3);
        QCOMPARE(changes.at(0).fromVersion, 6);
        QCOMPARE(changes.at(0).toVersion, 7);
        QCOMPARE(changes.at(0).authors, (QList<Author>{{p.bob, QStringLiteral("Bob")}}));
        QCOMPARE(changes.at(1).fromVersion, 4);
        QCOMPARE(changes.at(1).toVersion, 6);
        QCOMPARE(changes.at(1).authors, (QList<Author>{{p.alice, QStringLiteral("Alice")}}));
        QCOMPARE(changes.at(1).startedAt, T0 + 20 * Minute);
        QCOMPARE(changes.at(1).endedAt, T0 + 21 * Minute);
        QCOMPARE(changes.at(2).fromVersion, 0);
        QCOMPARE(changes.at(2).toVersion, 4);
        QCOMPARE(changes.at(2).id, 1);
        QCOMPARE(changes.at(2).authors, (QList<Author>{{p.alice, QStringLiteral("Alice")}, {p.bob, QStringLiteral("Bob")}}));
        QCOMPARE(changes.at(2).files.size(), 1);
        const FileChange &f = changes.at(2).files.at(0);
        QCOMPARE(f.path, QStringLiteral("main.tex"));
        QCOMPARE(f.kinds, (QList<FileChange::Kind>{FileChange::Kind::Created, FileChange::Kind::Edited}));
        QCOMPARE(f.docVersionFrom, 0);
        QCOMPARE(f.docVersionTo, 3);
        QCOMPARE(f.wordsAdded, 2); // "Hello", "world"
        QCOMPARE(changes.at(1).files.at(0).docVersionFrom, 3);
        QCOMPARE(changes.at(1).files.at(0).docVersionTo, 5);

        // Paged: one at a time, newest first, nextBefore leading to the older ones.
        auto first = reader.changes(p.id, {}, 0, 1).value();
        QCOMPARE(first.changes.size(), 1);
        QCOMPARE(first.changes.at(0).id, 7);
        auto second = reader.changes(p.id, {}, first.nextBefore, 1).value();
        QCOMPARE(second.changes.at(0).id, 5);
        auto third = reader.changes(p.id, {}, second.nextBefore, 1).value();
        QCOMPARE(third.changes.at(0).id, 1);
        QCOMPARE(third.nextBefore, 0);
        // The grouping is configurable (tests of shorter pauses).
        store->setChangeGrouping(ChangeGrouping{1000, 100});
        w.type(QStringLiteral("x"), QStringLiteral("cb"), T0 + 23 * Minute + 500);
        w.type(QStringLiteral("y"), QStringLiteral("cb"), T0 + 23 * Minute + 2000);
        QVERIFY(w.flush());
        QCOMPARE(reader.changes(p.id, {}, 0, 10).value().changes.size(), 4);
    }

    void aDocsTextAtEveryVersionEqualsReplayingItsOpsAndDiffsHoldBothEnds()
    {
        const quint32 seed = 20261203;
        QRandomGenerator random(seed);
        auto store = openStore();
        QVERIFY(store);
        const Project p = makeProject(*store);
        const QString initial = QStringLiteral("\\documentclass{article}\n");
        const QString doc = store->createDoc(p.id, QStringLiteral("a.tex"), initial).value().id;
        Writer w{store.get(), p.id, doc, initial};
        QStringList texts{initial};
        const int ops = 2600; // past two snapshots
        for (int i = 0; i < ops; ++i) {
            const qsizetype at = random.bounded(int(w.text.size() + 1));
            if (w.text.size() > 20 && random.bounded(3) == 0) {
                const qsizetype length = std::min<qsizetype>(1 + random.bounded(5), w.text.size() - at);
                if (length > 0) {
                    w.op(deleteOp(at, w.text.mid(at, length)), QStringLiteral("ca"), T0 + i);
                    texts.append(w.text);
                    continue;
                }
            }
            w.op(insertOp(at, QString(QChar(u'a' + random.bounded(26))) + (random.bounded(5) == 0 ? QStringLiteral(" ") : QString())),
                 random.bounded(2) ? QStringLiteral("ca") : QStringLiteral("cb"), T0 + i);
            texts.append(w.text);
            if (random.bounded(97) == 0)
                QVERIFY(w.flush());
        }
        QVERIFY(w.flush());
        HistoryReader reader(*store);
        for (qint64 v = 0; v <= ops; ++v) {
            auto text = reader.docText(p.id, doc, v);
            QVERIFY2(text.ok(), qPrintable(QStringLiteral("seed %1 version %2: %3").arg(seed).arg(v)
                                               .arg(text.ok() ? QString() : text.error().message)));
            QVERIFY2(text.value() == texts.at(v), qPrintable(QStringLiteral("seed %1: version %2 differs").arg(seed).arg(v)));
        }
        QCOMPARE(reader.docText(p.id, doc, ops + 1).error().code, QStringLiteral("version_in_future"));
        // The diff between any two versions holds both: same + inserted is the later
        // text, same + deleted the earlier (project version = doc version + 1).
        for (int i = 0; i < 60; ++i) {
            const int a = random.bounded(ops + 1), b = random.bounded(ops + 1);
            const int from = std::min(a, b), to = std::max(a, b);
            auto diff = reader.diff(p.id, QStringLiteral("a.tex"), from + 1, to + 1);
            QVERIFY2(diff.ok(), qPrintable(QStringLiteral("seed %1 diff %2..%3").arg(seed).arg(from).arg(to)));
            QVERIFY2(segmentsText(diff.value().segments, false) == texts.at(to),
                     qPrintable(QStringLiteral("seed %1: diff %2..%3 does not end at the later text").arg(seed).arg(from).arg(to)));
            QString earlier;
            for (const DiffSegment &segment : diff.value().segments) {
                if (segment.kind != DiffSegment::Kind::Inserted)
                    earlier += segment.text;
                QVERIFY(segment.kind == DiffSegment::Kind::Same || !segment.memberId.isEmpty());
            }
            QVERIFY2(earlier == texts.at(from),
                     qPrintable(QStringLiteral("seed %1: diff %2..%3 does not start at the earlier text").arg(seed).arg(from).arg(to)));
        }
        // Project version v + 1 is doc version v (the creation is project version 1).
        QCOMPARE(reader.textAt(p.id, QStringLiteral("a.tex"), 1001).value(), texts.at(1000));
        QCOMPARE(reader.textAt(p.id, QStringLiteral("a.tex"), -1).value(), w.text);
        QCOMPARE(reader.textAt(p.id, QStringLiteral("b.tex"), -1).error().code, QStringLiteral("not_found"));
    }

    // A long diff takes each one-author change whole (the text diff of its ends):
    // both texts stay exact, every run is credited to a member who edited in the
    // range, and almost every character of the later text gets the label (same, or
    // inserted by whom) the op-by-op replay gives it — only where a change deleted and
    // retyped equal characters may the shortest edit line them up differently. This
    // text is the worst case for that (words "w<digits> " cut by deletes of 1-8
    // characters: digits everywhere to line up): 92 % agree on this seed.
    void aLongDiffTakesOneAuthorChangesWholeAndAgreesWithTheExactReplay()
    {
        const quint32 seed = 1612;
        QRandomGenerator random(seed);
        auto store = openStore();
        QVERIFY(store);
        const Project p = makeProject(*store);
        const QString initial = QStringLiteral("\\documentclass{article}\n\\begin{document}\n\\end{document}\n");
        const QString doc = store->createDoc(p.id, QStringLiteral("a.tex"), initial).value().id;
        Writer w{store.get(), p.id, doc, initial};
        QStringList texts{initial};
        qint64 time = T0;
        const int sessions = 24;
        for (int session = 0; session < sessions; ++session) {
            // Sessions of one author (6 minutes apart: a change each), every fifth one
            // both at once (a change of two authors: replayed op by op).
            const bool both = session % 5 == 4;
            const QString client = session % 2 ? QStringLiteral("cb") : QStringLiteral("ca");
            const int ops = 20 + random.bounded(700);
            qsizetype around = random.bounded(int(w.text.size() + 1));
            time += 6 * Minute;
            for (int i = 0; i < ops; ++i) {
                time += 200;
                const QString who = both && random.bounded(2) ? QStringLiteral("cb") : both ? QStringLiteral("ca") : client;
                around = std::clamp<qsizetype>(around + random.bounded(21) - 10, 0, w.text.size());
                if (w.text.size() > 40 && random.bounded(4) == 0) {
                    const qsizetype length = std::min<qsizetype>(1 + random.bounded(8), w.text.size() - around);
                    if (length > 0) {
                        w.op(deleteOp(around, w.text.mid(around, length)), who, time);
                        texts.append(w.text);
                        continue;
                    }
                }
                const QString word = QStringLiteral("w%1 ").arg(random.bounded(100000));
                w.op(insertOp(around, word), who, time);
                around += word.size();
                texts.append(w.text);
                if (random.bounded(100) == 0)
                    QVERIFY(w.flush());
            }
            QVERIFY(w.flush());
        }
        HistoryReader reader(*store);
        const qint64 last = w.version;
        auto labels = [](const QList<DiffSegment> &segments) {
            QStringList out; // per character of the later text
            for (const DiffSegment &s : segments) {
                if (s.kind != DiffSegment::Kind::Deleted)
                    for (qsizetype i = 0; i < s.text.size(); ++i)
                        out.append(s.kind == DiffSegment::Kind::Same ? QStringLiteral("=") : s.memberId);
            }
            return out;
        };
        qsizetype agreeing = 0, characters = 0;
        for (int i = 0; i < 25; ++i) {
            const int a = random.bounded(int(last + 1)), b = random.bounded(int(last + 1));
            const int from = i == 0 ? 0 : std::min(a, b), to = i == 0 ? int(last) : std::max(a, b);
            const QString where = QStringLiteral("seed %1 diff %2..%3").arg(seed).arg(from).arg(to);
            auto fast = reader.diff(p.id, QStringLiteral("a.tex"), from + 1, to + 1, 50);
            auto exact = reader.diff(p.id, QStringLiteral("a.tex"), from + 1, to + 1, -1);
            QVERIFY2(fast.ok() && exact.ok(), qPrintable(where));
            QVERIFY2(segmentsText(fast.value().segments, false) == texts.at(to), qPrintable(where + QStringLiteral(": later text")));
            QString earlier;
            for (const DiffSegment &s : std::as_const(fast.value().segments)) {
                if (s.kind != DiffSegment::Kind::Inserted)
                    earlier += s.text;
                QVERIFY2(s.kind == DiffSegment::Kind::Same || s.memberId == p.alice || s.memberId == p.bob,
                         qPrintable(where + QStringLiteral(": a run credited to '%1'").arg(s.memberId)));
            }
            QVERIFY2(earlier == texts.at(from), qPrintable(where + QStringLiteral(": earlier text")));
            const QStringList got = labels(fast.value().segments), want = labels(exact.value().segments);
            QCOMPARE(got.size(), want.size());
            for (qsizetype c = 0; c < got.size(); ++c)
                agreeing += got.at(c) == want.at(c);
            characters += got.size();
        }
        const double agreement = double(agreeing) / double(std::max<qsizetype>(characters, 1));
        qInfo("seed %u: %.3f of %lld characters labelled as the replay does", seed, agreement, qlonglong(characters));
        QVERIFY2(agreement >= 0.9, qPrintable(QStringLiteral("seed %1: %2 of the characters labelled as the replay does")
                                                   .arg(seed).arg(agreement)));
    }

    // "Compare with the version submitted months ago": past 20,000 ops (the server's
    // exact bound) the diff is answered, not refused, with each author's work theirs.
    void aDiffAcrossMoreThanTwentyThousandOpsIsAnsweredWithItsAuthors()
    {
        auto store = openStore();
        QVERIFY(store);
        const Project p = makeProject(*store);
        const QString submitted = QStringLiteral("Submitted abstract. A sentence the referee disliked. Conclusion.\n");
        const QString doc = store->createDoc(p.id, QStringLiteral("paper.tex"), submitted).value().id;
        Writer w{store.get(), p.id, doc, submitted};
        qint64 time = T0;
        // Alice types 22,000 characters in 22 sessions; then Bob deletes the sentence.
        for (int session = 0; session < 22; ++session) {
            time += 10 * Minute;
            for (int i = 0; i < 1000; ++i) {
                w.type(QString(QChar(u'a' + (i * 7 + session) % 26)), QStringLiteral("ca"), time += 100);
                if (w.pending.size() == 100)
                    QVERIFY(w.flush());
            }
        }
        time += 10 * Minute;
        const QString sentence = QStringLiteral("A sentence the referee disliked. ");
        w.op(deleteOp(submitted.indexOf(sentence), sentence), QStringLiteral("cb"), time);
        QVERIFY(w.flush());
        HistoryReader reader(*store);
        auto diff = reader.diff(p.id, QStringLiteral("paper.tex"), 1, -1, HistoryReader::ExactReplayOps);
        QVERIFY2(diff.ok(), qPrintable(diff.ok() ? QString() : diff.error().code));
        QCOMPARE(segmentsText(diff.value().segments, false), w.text);
        QList<DiffSegment> changed;
        for (const DiffSegment &s : std::as_const(diff.value().segments)) {
            if (s.kind != DiffSegment::Kind::Same)
                changed.append(s);
        }
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(0).kind, DiffSegment::Kind::Deleted);
        QCOMPARE(changed.at(0).text, sentence);
        QCOMPARE(changed.at(0).memberId, p.bob);
        QCOMPARE(changed.at(1).kind, DiffSegment::Kind::Inserted);
        QCOMPARE(changed.at(1).text.size(), 22'000);
        QCOMPARE(changed.at(1).memberId, p.alice);
        QCOMPARE(diff.value().authors.size(), 2);
    }

    // A copied or moved AttributedText used to keep a finger into the other's list:
    // a diff from a version where the doc was empty read freed memory.
    void aDiffFromAnEmptyVersionCreditsEveryInsertion()
    {
        auto store = openStore();
        QVERIFY(store);
        const Project p = makeProject(*store);
        const QString doc = store->createDoc(p.id, QStringLiteral("empty.tex"), QString()).value().id;
        Writer w{store.get(), p.id, doc};
        w.type(QStringLiteral("Hello"), QStringLiteral("ca"), T0);
        w.type(QStringLiteral(" world"), QStringLiteral("cb"), T0 + 1);
        QVERIFY(w.flush());
        HistoryReader reader(*store);
        auto diff = reader.diff(p.id, QStringLiteral("empty.tex"), 1, -1);
        QVERIFY(diff.ok());
        QCOMPARE(diff.value().segments.size(), 2);
        QCOMPARE(diff.value().segments.at(0).text, QStringLiteral("Hello"));
        QCOMPARE(diff.value().segments.at(0).memberId, p.alice);
        QCOMPARE(diff.value().segments.at(1).text, QStringLiteral(" world"));
        QCOMPARE(diff.value().segments.at(1).memberId, p.bob);
    }

    void theTreeAndBinaryFilesAtAVersion()
    {
        auto store = openStore();
        QVERIFY(store);
        const Project p = makeProject(*store);
        const Actor alice{p.alice, T0};
        const QByteArray v1("\x89PNG one", 8), v2("\x89PNG two!", 9);
        const QString main = store->createDoc(p.id, QStringLiteral("main.tex"), QStringLiteral("A"), alice).value().id; // 1
        const QString fig = store->createFile(p.id, QStringLiteral("figs/plot.png"), v1, alice).value().id;          // 2 folder, 3 file
        QVERIFY(store->replaceFile(p.id, fig, v2, alice).ok());                                                      // 4
        QVERIFY(store->moveEntry(p.id, main, QStringLiteral("paper.tex"), alice).ok());                              // 5
        const QString folder = store->entries(p.id).value().at(0).id;
        QCOMPARE(store->entries(p.id).value().at(0).path, QStringLiteral("figs"));
        QVERIFY(store->removeEntry(p.id, folder, alice).ok());                                                       // 6 file, 7 folder
        HistoryReader reader(*store);
        QCOMPARE(reader.currentVersion(p.id).value(), 7);

        auto at3 = reader.treeAt(p.id, 3).value();
        QCOMPARE(at3.entries.size(), 3);
        QCOMPARE(at3.entries.at(0).path, QStringLiteral("figs"));
        QCOMPARE(at3.entries.at(1).path, QStringLiteral("figs/plot.png"));
        QCOMPARE(at3.entries.at(2).path, QStringLiteral("main.tex"));
        QCOMPARE(reader.fileContent(p.id, at3.entries.at(1).sha256).value(), v1);
        auto at5 = reader.treeAt(p.id, 5).value();
        QCOMPARE(at5.entries.at(1).size, 9);
        QCOMPARE(reader.fileContent(p.id, at5.entries.at(1).sha256).value(), v2);
        QCOMPARE(at5.entries.at(2).path, QStringLiteral("paper.tex"));
        auto now = reader.treeAt(p.id, -1).value();
        QCOMPARE(now.entries.size(), 1);
        QCOMPARE(now.entries.at(0).path, QStringLiteral("paper.tex"));
        QCOMPARE(reader.treeAt(p.id, 8).error().code, QStringLiteral("version_in_future"));
        // Both versions of the removed file are still there, and its history lists them.
        QCOMPARE(reader.fileContent(p.id, at3.entries.at(1).sha256).value(), v1);
        auto history = reader.changes(p.id, QStringLiteral("figs/plot.png"), 0, 10).value();
        QCOMPARE(history.changes.size(), 1); // one author, no pause: one change
        const FileChange file = history.changes.at(0).files.at(1);
        QCOMPARE(file.path, QStringLiteral("figs/plot.png"));
        QCOMPARE(file.kinds, (QList<FileChange::Kind>{FileChange::Kind::Created, FileChange::Kind::FileVersion,
                                                      FileChange::Kind::Deleted}));
        QCOMPARE(reader.fileContent(p.id, QByteArray(64, 'a')).error().code, QStringLiteral("not_found"));
        // Another project cannot read this one's files by hash.
        const QString other = store->createProject(QStringLiteral("Q")).value().id;
        QCOMPARE(reader.fileContent(other, at3.entries.at(1).sha256).error().code, QStringLiteral("not_found"));
        // The binary diff gives both hashes.
        auto diff = reader.diff(p.id, QStringLiteral("figs/plot.png"), 3, 5).value();
        QVERIFY(diff.binary);
        QCOMPARE(diff.sha256From, at3.entries.at(1).sha256);
        QCOMPARE(diff.sha256To, at5.entries.at(1).sha256);
    }

    void aDiffShowsInsertionsAndDeletionsWithTheirAuthors()
    {
        auto store = openStore();
        QVERIFY(store);
        const Project p = makeProject(*store);
        const QString doc = store->createDoc(p.id, QStringLiteral("main.tex"), QStringLiteral("The cat sat."), Actor{p.alice, T0})
                                .value().id; // 1
        Writer w{store.get(), p.id, doc, QStringLiteral("The cat sat.")};
        w.op(deleteOp(4, QStringLiteral("cat")), QStringLiteral("ca"), T0 + 1);      // 2 "The  sat."
        w.op(insertOp(4, QStringLiteral("dog")), QStringLiteral("cb"), T0 + 2);      // 3 "The dog sat."
        w.op(insertOp(12, QStringLiteral(" Then")), QStringLiteral("ca"), T0 + 3);   // 4
        w.op(insertOp(12, QStringLiteral("!!")), QStringLiteral("cb"), T0 + 4);      // 5 "The dog sat.!! Then"
        w.op(deleteOp(12, QStringLiteral("!!")), QStringLiteral("cb"), T0 + 5);      // 6 (in neither version)
        QVERIFY(w.flush());
        HistoryReader reader(*store);
        auto diff = reader.diff(p.id, QStringLiteral("main.tex"), 1, 6);
        QVERIFY2(diff.ok(), diff.ok() ? "" : qPrintable(diff.error().message));
        using K = DiffSegment::Kind;
        const QList<DiffSegment> expected{{K::Same, QStringLiteral("The "), {}},
                                          {K::Deleted, QStringLiteral("cat"), p.alice},
                                          {K::Inserted, QStringLiteral("dog"), p.bob},
                                          {K::Same, QStringLiteral(" sat."), {}},
                                          {K::Inserted, QStringLiteral(" Then"), p.alice}};
        QCOMPARE(diff.value().segments, expected);
        QCOMPARE(segmentsText(diff.value().segments, false), w.text);
        QCOMPARE(diff.value().authors.size(), 2);
        QCOMPARE(diff.value().authors.at(0).name, QStringLiteral("Alice"));
        // From before the doc existed: its whole text inserted, the creation by Alice.
        auto created = reader.diff(p.id, QStringLiteral("main.tex"), 0, 2).value();
        QCOMPARE(created.segments.size(), 1);
        QCOMPARE(created.segments.at(0), (DiffSegment{K::Inserted, QStringLiteral("The  sat."), p.alice}));
        QCOMPARE(reader.diff(p.id, QStringLiteral("main.tex"), 5, 2).error().code, QStringLiteral("invalid_version"));
        QCOMPARE(reader.diff(p.id, QStringLiteral("nope.tex"), 0, 5).error().code, QStringLiteral("not_found"));
    }

    void labelsStayThroughSnapshotsAndReopening()
    {
        QString project, doc;
        {
            auto store = openStore();
            QVERIFY(store);
            const Project p = makeProject(*store);
            project = p.id;
            doc = store->createDoc(p.id, QStringLiteral("main.tex"), QString()).value().id;
            HistoryReader reader(*store);
            auto label = reader.addLabel(p.id, QStringLiteral("Submitted to the journal"), -1, p.alice);
            QVERIFY2(label.ok(), label.ok() ? "" : qPrintable(label.error().message));
            QCOMPARE(label.value().version, 1);
            QCOMPARE(label.value().author.name, QStringLiteral("Alice"));
            Writer w{store.get(), p.id, doc};
            for (int i = 0; i < 1500; ++i)
                w.type(QStringLiteral("x"), QStringLiteral("ca"), T0 + i);
            QVERIFY(w.flush());
            QVERIFY(reader.addLabel(p.id, QStringLiteral("Revised"), 1001, p.bob).ok());
            QCOMPARE(reader.addLabel(p.id, QStringLiteral("  "), -1, p.bob).error().code, QStringLiteral("invalid_name"));
            QCOMPARE(reader.addLabel(p.id, QString(201, QLatin1Char('x')), -1, p.bob).error().code, QStringLiteral("invalid_name"));
            QCOMPARE(reader.addLabel(p.id, QStringLiteral("Later"), 5000, p.bob).error().code, QStringLiteral("version_in_future"));
        }
        auto store = reopen();
        HistoryReader reader(*store);
        auto labels = reader.labels(project).value();
        QCOMPARE(labels.size(), 2);
        QCOMPARE(labels.at(0).name, QStringLiteral("Submitted to the journal"));
        QCOMPARE(labels.at(1).name, QStringLiteral("Revised"));
        QCOMPARE(labels.at(1).version, 1001);
        QCOMPARE(labels.at(1).author.name, QStringLiteral("Bob"));
        // The labelled version still opens (a snapshot at doc version 1000 and no replay).
        QCOMPARE(reader.textAt(project, QStringLiteral("main.tex"), labels.at(1).version).value(), QString(1000, QLatin1Char('x')));
    }

    void aRemovedDocKeepsItsHistoryAndSearchFindsItsSentence()
    {
        auto store = openStore();
        QVERIFY(store);
        const Project p = makeProject(*store);
        const QString doc = store->createDoc(p.id, QStringLiteral("notes.tex"), QStringLiteral("Intro.\n"), Actor{p.alice, T0})
                                .value().id; // 1
        Writer w{store.get(), p.id, doc, QStringLiteral("Intro.\n")};
        const QString sentence = QStringLiteral("The proof is left to the reader.");
        for (QChar c : sentence)
            w.type(QString(c), QStringLiteral("ca"), T0 + 1000); // 2 .. 33: letter i at version 2 + i
        w.op(deleteOp(7, sentence.left(4)), QStringLiteral("cb"), T0 + 2000); // 34: gone
        w.op(insertOp(7, QStringLiteral("The ")), QStringLiteral("cb"), T0 + 3000); // 35: back
        QVERIFY(w.flush());
        QVERIFY(store->removeEntry(p.id, doc, Actor{p.bob, T0 + 4000}).ok()); // 36
        HistoryReader reader(*store);
        auto history = reader.changes(p.id, QStringLiteral("notes.tex"), 0, 10);
        QVERIFY2(history.ok(), history.ok() ? "" : qPrintable(history.error().message));
        QCOMPARE(history.value().changes.size(), 1);
        QVERIFY(history.value().changes.at(0).files.at(0).has(FileChange::Kind::Deleted));
        QCOMPARE(reader.textAt(p.id, QStringLiteral("notes.tex"), 35).value(), QStringLiteral("Intro.\n") + sentence);
        QCOMPARE(reader.textAt(p.id, QStringLiteral("notes.tex"), 36).error().code, QStringLiteral("not_found"));
        auto diff = reader.diff(p.id, QStringLiteral("notes.tex"), 35, 36).value();
        QCOMPARE(diff.segments.size(), 1);
        QVERIFY(diff.segments.at(0).kind == DiffSegment::Kind::Deleted);
        QCOMPARE(diff.segments.at(0).memberId, p.bob);

        auto found = reader.search(p.id, QStringLiteral("proof is LEFT"));
        QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error().message));
        QCOMPARE(found.value().hits.size(), 1);
        const SearchHit hit = found.value().hits.at(0);
        QCOMPARE(hit.path, QStringLiteral("notes.tex"));
        QCOMPARE(hit.appearsAt, (QList<qint64>{2 + 16})); // with the t of "left"
        QCOMPARE(hit.disappearsAt, (QList<qint64>{36}));
        QVERIFY(!hit.presentNow);
        QVERIFY(hit.context.contains(QStringLiteral("proof is left")));
        auto the = reader.search(p.id, QStringLiteral("The proof"), SearchOptions{true});
        QCOMPARE(the.value().hits.at(0).appearsAt, (QList<qint64>{2 + 8, 35}));
        QCOMPARE(the.value().hits.at(0).disappearsAt, (QList<qint64>{34, 36}));
        QVERIFY(reader.search(p.id, QStringLiteral("never written")).value().hits.isEmpty());
        QCOMPARE(reader.search(p.id, QString()).error().code, QStringLiteral("invalid_request"));
    }

    void aVersionTwoDocstoreGetsItsHistory()
    {
        auto where = coauthor::test::DocstoreBackend::fresh();
        QVERIFY2(where.ok(), where.ok() ? "" : qPrintable(where.error()));
        m_location.emplace(where.takeValue());
        const QString blob = m_location->isPostgres() ? QStringLiteral("BYTEA") : QStringLiteral("BLOB");
        for (const QString &sql : {
                 QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
                 QStringLiteral("INSERT INTO schema_version (version) VALUES (2)"),
                 QStringLiteral("CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL)"),
                 QStringLiteral("INSERT INTO projects VALUES ('p', 'Old', 100)"),
                 QStringLiteral("CREATE TABLE client_ids (project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, "
                                "client_id TEXT NOT NULL, member_id TEXT NOT NULL, PRIMARY KEY (project_id, client_id))"),
                 QStringLiteral("INSERT INTO client_ids VALUES ('p', 'c1', 'u-one')"),
                 QStringLiteral("CREATE TABLE files (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, content %1 NOT NULL)").arg(blob),
                 QStringLiteral("CREATE TABLE entries (id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) "
                                "ON DELETE CASCADE, path TEXT NOT NULL, kind TEXT NOT NULL, file_sha256 TEXT REFERENCES "
                                "files(sha256), size BIGINT NOT NULL DEFAULT 0, UNIQUE (project_id, path))"),
                 QStringLiteral("INSERT INTO entries VALUES ('d1', 'p', 'b.tex', 'doc', NULL, 0)"),
                 QStringLiteral("INSERT INTO entries VALUES ('d2', 'p', 'a.tex', 'doc', NULL, 0)"),
                 QStringLiteral("CREATE TABLE docs (entry_id TEXT PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE, "
                                "text TEXT NOT NULL, version BIGINT NOT NULL)"),
                 QStringLiteral("INSERT INTO docs VALUES ('d1', 'start+xy', 2)"),
                 QStringLiteral("INSERT INTO docs VALUES ('d2', 'A', 1)"),
                 QStringLiteral("CREATE TABLE doc_ops (doc_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE, "
                                "version BIGINT NOT NULL, op TEXT NOT NULL, client_id TEXT NOT NULL, seq BIGINT NOT NULL, "
                                "ts BIGINT NOT NULL, PRIMARY KEY (doc_id, version), UNIQUE (doc_id, client_id, seq))"),
                 QStringLiteral("INSERT INTO doc_ops VALUES ('d1', 1, '[{\"p\":5,\"i\":\"+x\"}]', 'c1', 1, 1000000)"),
                 QStringLiteral("INSERT INTO doc_ops VALUES ('d1', 2, '[{\"p\":7,\"i\":\"y\"}]', 'c1', 2, 1003000)"),
                 QStringLiteral("INSERT INTO doc_ops VALUES ('d2', 1, '[{\"p\":0,\"i\":\"A\"}]', 'c1', 3, 1002000)"),
             }) {
            auto done = m_location->sql(sql);
            QVERIFY2(done.ok(), qPrintable(sql + (done.ok() ? QString() : done.error())));
        }
        auto opened = m_location->open();
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error()));
        auto store = opened.takeValue();
        HistoryReader reader(*store);
        // Creations by path (a.tex 1, b.tex 2), then the ops by time: d1 v1 (3), d2 v1 (4), d1 v2 (5).
        QCOMPARE(reader.currentVersion(QStringLiteral("p")).value(), 5);
        QCOMPARE(reader.textAt(QStringLiteral("p"), QStringLiteral("b.tex"), 2).value(), QStringLiteral("start"));
        QCOMPARE(reader.textAt(QStringLiteral("p"), QStringLiteral("b.tex"), 4).value(), QStringLiteral("start+x"));
        QCOMPARE(reader.textAt(QStringLiteral("p"), QStringLiteral("a.tex"), 3).value(), QString());
        QCOMPARE(reader.textAt(QStringLiteral("p"), QStringLiteral("a.tex"), 4).value(), QStringLiteral("A"));
        auto changes = reader.changes(QStringLiteral("p"), {}, 0, 10).value().changes;
        QCOMPARE(changes.size(), 2); // the creations (no author), then u-one's ops 16 minutes later
        QCOMPARE(changes.at(0).authors.at(0).memberId, QStringLiteral("u-one"));
        QCOMPARE(changes.at(0).fromVersion, 2);
        // The old store keeps working: a new op gets the next version.
        QVERIFY(store->storeDoc(QStringLiteral("p"), QStringLiteral("d2"), QStringLiteral("AB"), 2,
                                {StoredOp{2, insertOp(1, QStringLiteral("B")), QStringLiteral("c1"), 4, 1004000}}).ok());
        QCOMPARE(reader.currentVersion(QStringLiteral("p")).value(), 6);
        QCOMPARE(reader.textAt(QStringLiteral("p"), QStringLiteral("a.tex"), 6).value(), QStringLiteral("AB"));
    }
};

QTEST_GUILESS_MAIN(TestHistoryReader)
#include "tst_historyreader.moc"
