// The local history's writer over a real SQLite docstore in a project folder: an
// edit is an op under the local user with its real time, what changed on disk
// outside the app is found by a scan, an edit that does not apply records nothing,
// and the history is there after reopening.
#include "app/history/localhistory.h"
#include "app/history/localhistorywriter.h"
#include "apptestsupport.h"
#include "sync/docstore/docstore.h"
#include "sync/history/historyreader.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;
using coauthor::test::writeText;

namespace {

sync::ot::TextOperation insert(qsizetype at, const QString &text)
{
    return sync::ot::TextOperation({sync::ot::Component::insert(at, text)});
}

QString storedText(LocalHistoryWriter &writer, const QString &path)
{
    return writer.textOf(path).value_or(QStringLiteral("<none>"));
}

QStringList paths(LocalHistoryWriter &writer)
{
    QStringList out;
    const auto entries = writer.docstore()->entries(writer.projectId());
    for (const sync::TreeEntry &entry : entries.value()) {
        if (entry.kind != sync::TreeEntry::Kind::Folder)
            out << entry.path;
    }
    return out;
}

} // namespace

class LocalHistoryWriterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { coauthor::test::isolateUserState(m_state.path()); }

    void anEditIsAnOpOfTheLocalUserWithItsRealTime()
    {
        QTemporaryDir project;
        LocalHistoryWriter writer;
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada Lovelace")));
        QVERIFY(QFileInfo::exists(LocalHistoryWriter::databasePathFor(project.path())));
        QVERIFY(writer.recordText(QStringLiteral("main.tex"), QStringLiteral("Hello"), 1000));
        QVERIFY(writer.recordOps(QStringLiteral("main.tex"), {{insert(5, QStringLiteral(" world")), 1700000000000}}));
        QCOMPARE(storedText(writer, QStringLiteral("main.tex")), QStringLiteral("Hello world"));

        sync::Docstore *store = writer.docstore();
        const QString docId = store->entries(writer.projectId()).value().first().id;
        const auto ops = store->opsSince(writer.projectId(), docId, 0);
        QVERIFY(ops);
        QCOMPARE(ops.value().size(), 1);
        QCOMPARE(ops.value().first().timestamp, qint64(1700000000000));
        const auto owner = store->clientIdOwner(writer.projectId(), ops.value().first().clientId);
        QVERIFY(owner && owner.value().has_value());
        QCOMPARE(owner.value().value(), writer.memberId());
        const auto invitations = store->invitations(writer.projectId());
        QCOMPARE(invitations.value().size(), 1);
        QCOMPARE(invitations.value().first().name, QStringLiteral("Ada Lovelace"));
    }

    void anEditThatDoesNotApplyRecordsNothing()
    {
        QTemporaryDir project;
        LocalHistoryWriter writer;
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        QVERIFY(writer.recordText(QStringLiteral("a.tex"), QStringLiteral("abc"), 1));
        QVERIFY(!writer.recordOps(QStringLiteral("a.tex"), {{insert(1, QStringLiteral("x")), 2},
                                                            {insert(99, QStringLiteral("y")), 3}}));
        QCOMPARE(storedText(writer, QStringLiteral("a.tex")), QStringLiteral("abc"));
        // The whole text again (what the recorder does then): one diff.
        QVERIFY(writer.recordText(QStringLiteral("a.tex"), QStringLiteral("axbc"), 4));
        QCOMPARE(storedText(writer, QStringLiteral("a.tex")), QStringLiteral("axbc"));
    }

    void aFileRewrittenWholeIsOneDeleteAndOneInsert()
    {
        // Megabytes replaced (a paste over everything, another program's rewrite): one
        // delete and one insert, at once — not a character-by-character script.
        QTemporaryDir project;
        LocalHistoryWriter writer;
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        const QString before = QStringLiteral("Head.\n") + QStringLiteral("old paragraph text\n").repeated(120000) + u'.';
        const QString after = QStringLiteral("Head.\n") + QStringLiteral("new words instead\n").repeated(100000) + u'.';
        QVERIFY(writer.recordText(QStringLiteral("big.tex"), before, 1));
        QVERIFY(writer.recordText(QStringLiteral("big.tex"), after, 2));
        QCOMPARE(storedText(writer, QStringLiteral("big.tex")), after);
        const QString docId = writer.docstore()->entries(writer.projectId()).value().first().id;
        const auto ops = writer.docstore()->opsSince(writer.projectId(), docId, 0);
        QCOMPARE(ops.value().size(), 1);
        QCOMPARE(ops.value().first().op.components().size(), 2);
        // A small change stays the minimal edit.
        QVERIFY(writer.recordText(QStringLiteral("big.tex"), QString(after).replace(6, 3, QStringLiteral("NEW")), 3));
        const auto more = writer.docstore()->opsSince(writer.projectId(), docId, 1);
        QCOMPARE(more.value().first().op.components().size(), 2);
        QCOMPARE(more.value().first().op.components().first().text.size(), 3);
    }

    void aFewEditsScatteredThroughALargeFileAreRecordedAsThoseEdits()
    {
        // Another program changed forty words across 1 MB: forty small edits, not
        // everything between the first and the last replaced (what the history
        // recorded while textDiff was quadratic on large changes).
        QTemporaryDir project;
        LocalHistoryWriter writer;
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        QStringList lines;
        for (int i = 0; i < 25000; ++i)
            lines << QStringLiteral("line %1 of a long thesis chapter").arg(i);
        const QString before = lines.join(u'\n');
        for (int i = 0; i < 40; ++i)
            lines[i * 600 + 7].replace(QStringLiteral("long"), QStringLiteral("short"));
        const QString after = lines.join(u'\n');
        QVERIFY(writer.recordText(QStringLiteral("thesis.tex"), before, 1));
        QVERIFY(writer.recordText(QStringLiteral("thesis.tex"), after, 2));
        QCOMPARE(storedText(writer, QStringLiteral("thesis.tex")), after);
        const QString docId = writer.docstore()->entries(writer.projectId()).value().first().id;
        const auto ops = writer.docstore()->opsSince(writer.projectId(), docId, 0);
        QCOMPARE(ops.value().size(), 1);
        qsizetype touched = 0;
        for (const sync::ot::Component &c : ops.value().first().op.components())
            touched += c.text.size();
        QVERIFY2(touched <= 40 * 9, qPrintable(QString::number(touched)));
    }

    void oldHistoryIsCompactedAndReadsTheSameAfterARestart()
    {
        // Two months of typing, a keystroke a second in sessions (four a day, from
        // 8:00 local time), a label in the middle of a day; then a restart and the
        // compaction: every op of the last day kept, one per change before, one per
        // day after a month (two on the label's day), the texts at those versions
        // and at the label unchanged, and writing goes on after it.
        QTemporaryDir project;
        constexpr qint64 day = 24LL * 3600 * 1000;
        const qint64 start = QDateTime(QDate::currentDate().addDays(-60), QTime(8, 0)).toMSecsSinceEpoch();
        const qint64 now = start + 60 * day + 12 * 3600 * 1000;
        QString text;
        qint64 labelVersion = 0;
        QString labelText;
        {
            LocalHistoryWriter writer;
            QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
            QVERIFY(writer.recordText(QStringLiteral("main.tex"), QString(), start));
            for (int d = 0; d <= 60; ++d) {
                for (int session = 0; session < 4; ++session) {
                    qint64 at = start + d * day + session * 3 * 3600 * 1000;
                    QList<LocalHistoryWriter::TimedOp> ops;
                    for (int k = 0; k < 30; ++k) {
                        const QString typed = k == 29 ? QStringLiteral("\n") : QString(QChar(u'a' + (d + k) % 26));
                        ops.append({insert(text.size(), typed), at += 1000});
                        text += typed;
                    }
                    QVERIFY(writer.recordOps(QStringLiteral("main.tex"), ops));
                    if (d == 10 && session == 1) {
                        auto label = writer.docstore()->addLabel(writer.projectId(), QStringLiteral("Submitted"), -1,
                                                                 sync::Actor{writer.memberId(), at});
                        QVERIFY(label.ok());
                        labelVersion = label.value().projectVersion;
                        labelText = text;
                    }
                }
            }
        }
        LocalHistoryWriter writer;
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        sync::Docstore *store = writer.docstore();
        const QString docId = store->entries(writer.projectId()).value().first().id;
        const qint64 opsBefore = store->historyOps(writer.projectId(), docId, 0, -1).value().size();
        QCOMPARE(opsBefore, 61 * 4 * 30);
        const qint64 sizeBefore = QFileInfo(LocalHistoryWriter::databasePathFor(project.path())).size();

        auto compacted = writer.compact(now);
        QVERIFY2(compacted, compacted ? "" : qPrintable(compacted.error()));
        const auto ops = store->historyOps(writer.projectId(), docId, 0, -1).value();
        // The last day's sessions (4 of them, 30 ops each) whole; 29 days of an op per
        // change (4 a day); the 31 days before, an op a day, and one more at the label.
        QCOMPARE(ops.size(), qsizetype(4 * 30 + 29 * 4 + 31 + 1));
        const auto changes = store->changes(writer.projectId(), {}, 0, 1000).value();
        QCOMPARE(changes.size(), qsizetype(4 + 29 * 4 + 31 + 1));

        // After a restart the history reads the same at every change and at the label.
        writer.close();
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        QCOMPARE(storedText(writer, QStringLiteral("main.tex")), text);
        sync::history::HistoryReader reader(*writer.docstore());
        QCOMPARE(reader.textAt(writer.projectId(), QStringLiteral("main.tex"), labelVersion).value(), labelText);
        qsizetype previousLength = -1;
        const auto compactedChanges = writer.docstore()->changes(writer.projectId(), {}, 0, 1000).value();
        for (const sync::StoredChange &c : compactedChanges) {
            // Newest first, each change's text a prefix of the next one's (typing only).
            const QString at = reader.textAt(writer.projectId(), QStringLiteral("main.tex"), c.toVersion).value();
            QVERIFY(text.startsWith(at));
            QVERIFY(previousLength < 0 || at.size() <= previousLength);
            previousLength = at.size();
        }
        QVERIFY(QFileInfo(LocalHistoryWriter::databasePathFor(project.path())).size() <= sizeBefore);
        // Writing goes on after it, and a second compaction has nothing to do.
        QVERIFY(writer.recordOps(QStringLiteral("main.tex"), {{insert(text.size(), QStringLiteral("end")), now}}));
        QCOMPARE(storedText(writer, QStringLiteral("main.tex")), text + QStringLiteral("end"));
        auto again = writer.compact(now);
        QVERIFY(again);
        QCOMPARE(again.value().opsAfter, again.value().opsBefore);
        QCOMPARE(reader.textAt(writer.projectId(), QStringLiteral("main.tex"), -1).value(), text + QStringLiteral("end"));
    }

    void theLocalHistoryCompactsOnItsOwnThreadWhenItOpens()
    {
        // Typed two days ago, a keystroke at a time: LocalHistory compacts it to one op
        // when it opens, off the UI thread, and the change still reads the same.
        QTemporaryDir project;
        const qint64 then = QDateTime::currentMSecsSinceEpoch() - 2 * 24LL * 3600 * 1000;
        QString text = QStringLiteral("Draft: ");
        {
            LocalHistoryWriter writer;
            QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
            QVERIFY(writer.recordText(QStringLiteral("main.tex"), text, then));
            QList<LocalHistoryWriter::TimedOp> ops;
            for (int k = 0; k < 50; ++k) {
                ops.append({insert(text.size(), QString(QChar(u'a' + k % 26))), then + 1000 * (k + 1)});
                text += QChar(u'a' + k % 26);
            }
            QVERIFY(writer.recordOps(QStringLiteral("main.tex"), ops));
        }
        LocalHistory history;
        QSignalSpy compacted(&history, &LocalHistory::compacted);
        history.open(project.path(), QStringLiteral("Ada"));
        QVERIFY(compacted.wait(10000));
        const auto stats = compacted.first().first().value<sync::Docstore::CompactionStats>();
        QCOMPARE(stats.opsBefore, 50);
        QCOMPARE(stats.opsAfter, 1);
        std::optional<QString> now;
        history.textAt(QStringLiteral("main.tex"), -1, [&now](const auto &r) { now = r ? r.value() : r.error().message; });
        QTRY_VERIFY_WITH_TIMEOUT(now.has_value(), 10000);
        QCOMPARE(*now, text);
        history.close();
    }

    void aScanFindsWhatChangedOutsideTheApp()
    {
        QTemporaryDir project;
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("\\documentclass{article}\n")));
        QVERIFY(writeText(project.filePath(QStringLiteral("sec/intro.tex")), QStringLiteral("Intro\n")));
        QVERIFY(coauthor::test::writeBytes(project.filePath(QStringLiteral("fig.png")), QByteArray("\x89PNG\r\n\x1a\n1", 9)));
        LocalHistoryWriter writer;
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        QVERIFY(writer.scan({}));
        QCOMPARE(paths(writer), (QStringList{QStringLiteral("fig.png"), QStringLiteral("main.tex"),
                                             QStringLiteral("sec/intro.tex")}));
        QCOMPARE(storedText(writer, QStringLiteral("sec/intro.tex")), QStringLiteral("Intro\n"));

        // Another program edits one file, removes another; an open editor's file is skipped.
        QTest::qWait(20); // a new modification time
        QVERIFY(writeText(project.filePath(QStringLiteral("sec/intro.tex")), QStringLiteral("Introduction\n")));
        QVERIFY(writeText(project.filePath(QStringLiteral("main.tex")), QStringLiteral("changed in the editor, not yet recorded\n")));
        QVERIFY(QFile::remove(project.filePath(QStringLiteral("fig.png"))));
        QVERIFY(writer.scan({QStringLiteral("main.tex")}));
        QCOMPARE(storedText(writer, QStringLiteral("sec/intro.tex")), QStringLiteral("Introduction\n"));
        QCOMPARE(storedText(writer, QStringLiteral("main.tex")), QStringLiteral("\\documentclass{article}\n"));
        QCOMPARE(paths(writer), (QStringList{QStringLiteral("main.tex"), QStringLiteral("sec/intro.tex")}));
        // Line ends as an editor has them: a CRLF file is not recorded as changing when a tab saves it.
        QVERIFY(writeText(project.filePath(QStringLiteral("crlf.tex")), QStringLiteral("one\r\ntwo\r\n")));
        QVERIFY(writer.scanOne(QStringLiteral("crlf.tex")));
        QCOMPARE(storedText(writer, QStringLiteral("crlf.tex")), QStringLiteral("one\ntwo\n"));
        QVERIFY(writer.recordRemoved(QStringLiteral("crlf.tex")));
        // The history's own folder is never part of what it records.
        QVERIFY(!paths(writer).join(u' ').contains(QStringLiteral(".coauthor")));
    }

    void aRenameKeepsTheFileAndItsText()
    {
        QTemporaryDir project;
        LocalHistoryWriter writer;
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        QVERIFY(writer.recordText(QStringLiteral("sec/a.tex"), QStringLiteral("A"), 1));
        const QString id = writer.docstore()->entries(writer.projectId()).value().last().id;
        QVERIFY(writer.recordRenamed(QStringLiteral("sec"), QStringLiteral("chapters")));
        QCOMPARE(storedText(writer, QStringLiteral("chapters/a.tex")), QStringLiteral("A"));
        QVERIFY(writer.recordOps(QStringLiteral("chapters/a.tex"), {{insert(1, QStringLiteral("B")), 2}}));
        const auto entry = writer.docstore()->entry(writer.projectId(), id);
        QVERIFY(entry);
        QCOMPARE(entry.value().path, QStringLiteral("chapters/a.tex"));
        QVERIFY(writer.recordRemoved(QStringLiteral("chapters/a.tex")));
        QVERIFY(!writer.textOf(QStringLiteral("chapters/a.tex")));
    }

    void theHistoryIsThereAfterReopening()
    {
        QTemporaryDir project;
        {
            LocalHistoryWriter writer;
            QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
            QVERIFY(writer.recordText(QStringLiteral("main.tex"), QStringLiteral("one"), 1));
            QVERIFY(writer.recordOps(QStringLiteral("main.tex"), {{insert(3, QStringLiteral(" two")), 2}}));
        }
        LocalHistoryWriter writer;
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        QCOMPARE(storedText(writer, QStringLiteral("main.tex")), QStringLiteral("one two"));
        QVERIFY(writer.recordOps(QStringLiteral("main.tex"), {{insert(7, QStringLiteral(" three")), 3}}));
        QCOMPARE(storedText(writer, QStringLiteral("main.tex")), QStringLiteral("one two three"));
        // The same user is the same member; another name is another one.
        const QString ada = writer.memberId();
        writer.close();
        QVERIFY(writer.open(project.path(), QStringLiteral("Ada")));
        QCOMPARE(writer.memberId(), ada);
        writer.close();
        QVERIFY(writer.open(project.path(), QStringLiteral("Grace")));
        QVERIFY(writer.memberId() != ada);
    }

private:
    QTemporaryDir m_state;
};

QTEST_GUILESS_MAIN(LocalHistoryWriterTest)
#include "tst_localhistorywriter.moc"
