// The mirror's view of the working copy as other programs change it (no
// server): its own writes are never reported, a new file once it stops
// changing, a move as one rename, a rewrite in place as a replace, local-only
// names never; and across runs the state file tells a file the server deleted
// while we were away from one created here.
#include "sync/client/projectmirror.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;

namespace {

bool write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

ServerMessage::Entry fileEntry(const QString &id, const QString &path, const QByteArray &content)
{
    return ServerMessage::Entry{id, path, QStringLiteral("file"), content.size(),
                                QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex())};
}

// Every report of the mirror, in order, as "kind path".
class Reports
{
public:
    explicit Reports(ProjectMirror &m)
    {
        QObject::connect(&m, &ProjectMirror::createdOnDisk, &m, [this](const QString &p, bool folder) {
            list << (folder ? QStringLiteral("folder ") : QStringLiteral("created ")) + p;
        });
        QObject::connect(&m, &ProjectMirror::replacedOnDisk, &m, [this](const QString &p) { list << QStringLiteral("replaced ") + p; });
        QObject::connect(&m, &ProjectMirror::removedOnDisk, &m, [this](const QString &p) { list << QStringLiteral("removed ") + p; });
        QObject::connect(&m, &ProjectMirror::renamedOnDisk, &m, [this](const QString &a, const QString &b) {
            list << QStringLiteral("renamed ") + a + QStringLiteral(" ") + b;
        });
    }
    QStringList list;
};

} // namespace

class TestWorkingCopyWatch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    QString root;

    // Two scans: the first sees a change, the second that it has settled.
    static void settle(ProjectMirror &m)
    {
        m.scanNow();
        QTest::qWait(20);
        m.scanNow();
    }

private Q_SLOTS:
    void init() { root = dir.filePath(QStringLiteral("wc-%1").arg(QTest::currentTestFunction())); }

    void theMirrorsOwnWritesAreNotReported()
    {
        ProjectMirror m(root);
        Reports r(m);
        QVERIFY(m.adoptServerTree({}).isEmpty());
        m.writeFile(QStringLiteral("figures/plot.png"), "png bytes");
        m.createFolder(QStringLiteral("chapters/empty"));
        m.setDocText(QStringLiteral("d1"), QStringLiteral("chapters/one.tex"), QStringLiteral("One.\n"));
        m.flush();
        m.rename(QStringLiteral("figures/plot.png"), QStringLiteral("figures/plot2.png"));
        settle(m);
        settle(m);
        QCOMPARE(r.list, QStringList());
        m.remove(QStringLiteral("chapters"));
        settle(m);
        settle(m);
        QCOMPARE(r.list, QStringList());
    }

    void aNewFileIsReportedOnceItHasStoppedChanging()
    {
        ProjectMirror m(root);
        Reports r(m);
        m.adoptServerTree({});
        QVERIFY(write(root + QStringLiteral("/figures/plot.png"), "first half"));
        m.scanNow();
        QCOMPARE(r.list, QStringList()); // maybe still being written
        QVERIFY(write(root + QStringLiteral("/figures/plot.png"), "first half, second half"));
        m.scanNow();
        QCOMPARE(r.list, QStringList{QStringLiteral("folder figures")}); // the folder, not the file still growing
        m.scanNow();
        QCOMPARE(r.list, (QStringList{QStringLiteral("folder figures"), QStringLiteral("created figures/plot.png")}));
        settle(m);
        QCOMPARE(r.list.size(), 2);
    }

    void aMoveIsOneRenameAndARewriteInPlaceAReplace()
    {
        ProjectMirror m(root);
        Reports r(m);
        m.adoptServerTree({});
        m.writeFile(QStringLiteral("figures/plot.png"), "pixels");
        settle(m);
        QVERIFY(QDir(root).rename(QStringLiteral("figures/plot.png"), QStringLiteral("plot-final.png")));
        settle(m);
        settle(m);
        QCOMPARE(r.list, QStringList{QStringLiteral("renamed figures/plot.png plot-final.png")});
        r.list.clear();
        QTest::qWait(20); // another modification time
        QVERIFY(write(root + QStringLiteral("/plot-final.png"), "pixels")); // the same bytes again: nothing new
        settle(m);
        QCOMPARE(r.list, QStringList());
        QVERIFY(write(root + QStringLiteral("/plot-final.png"), "other pixels"));
        settle(m);
        QCOMPARE(r.list, QStringList{QStringLiteral("replaced plot-final.png")});
        r.list.clear();
        QVERIFY(QDir(root).rename(QStringLiteral("figures"), QStringLiteral("figs")));
        settle(m);
        settle(m);
        QCOMPARE(r.list, QStringList{QStringLiteral("renamed figures figs")});
    }

    void localOnlyNamesAndTheMetadataFolderAreNeverReported()
    {
        ProjectMirror m(root);
        Reports r(m);
        m.setLocalOnlyRule([](const QString &p) { return p.endsWith(QLatin1String(".aux")) || p.endsWith(u'~'); });
        m.adoptServerTree({});
        QVERIFY(write(root + QStringLiteral("/.coauthor/journal"), "journal"));
        QVERIFY(write(root + QStringLiteral("/.git/config"), "git"));
        QVERIFY(write(root + QStringLiteral("/paper.aux"), "aux"));
        QVERIFY(write(root + QStringLiteral("/paper.tex~"), "backup"));
        settle(m);
        QCOMPARE(r.list, QStringList());
    }

    // The app's copy of the PDF next to the main document (a local output) is never shared,
    // though a PDF is a project file elsewhere; a shared file of that name stays shared.
    void aLocalOutputIsNeverReportedButASharedOneStaysShared()
    {
        ProjectMirror m(root);
        Reports r(m);
        const QByteArray shared = "%PDF- a collaborator's";
        QVERIFY(write(root + QStringLiteral("/plot.pdf"), shared));
        m.adoptServerTree({fileEntry(QStringLiteral("f1"), QStringLiteral("plot.pdf"), shared)});
        QVERIFY(workingcopyscan::setLocalOutput(root, QStringLiteral("thesis.pdf"), true));
        QVERIFY(workingcopyscan::setLocalOutput(root, QStringLiteral("plot.pdf"), true));
        QCOMPARE(workingcopyscan::localOutputs(root),
                 (QSet<QString>{QStringLiteral("thesis.pdf"), QStringLiteral("plot.pdf")}));
        QVERIFY(write(root + QStringLiteral("/thesis.pdf"), "%PDF- this computer's copy"));
        QVERIFY(write(root + QStringLiteral("/other.pdf"), "%PDF- a figure"));
        settle(m);
        QCOMPARE(r.list.join(u','), QStringLiteral("created other.pdf"));
        r.list.clear();
        QVERIFY(write(root + QStringLiteral("/thesis.pdf"), "%PDF- the next compile's copy"));
        QVERIFY(write(root + QStringLiteral("/plot.pdf"), "%PDF- edited here"));
        settle(m);
        QCOMPARE(r.list, QStringList{QStringLiteral("replaced plot.pdf")});

        // Off the list (the option turned off): the next change shares it like any new file.
        QVERIFY(workingcopyscan::setLocalOutput(root, QStringLiteral("thesis.pdf"), false));
        QVERIFY(!workingcopyscan::localOutputs(root).contains(QStringLiteral("thesis.pdf")));
        settle(m);
        QCOMPARE(r.list, (QStringList{QStringLiteral("replaced plot.pdf"), QStringLiteral("created thesis.pdf")}));
    }

    void aPathTheProjectCannotHoldIsRefusedOnce()
    {
        ProjectMirror m(root);
        Reports r(m);
        QSignalSpy refused(&m, &ProjectMirror::localPathRefused);
        m.adoptServerTree({});
        QVERIFY(write(root + QStringLiteral("/CON.png"), "x"));
        settle(m);
        settle(m);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().first().toString(), QStringLiteral("CON.png"));
        QCOMPARE(r.list, QStringList());
    }

    // The last agreed state, kept between runs: unchanged and gone from the
    // server means deleted there; new here means created here.
    void theStateFileTellsDeletedThereFromCreatedHere()
    {
        const QString state = root + QStringLiteral("/.coauthor/mirror-state.json");
        const QByteArray old = "old figure";
        const QByteArray moved = "moved figure";
        QVERIFY(write(root + QStringLiteral("/old.png"), old));
        QVERIFY(write(root + QStringLiteral("/keep.png"), moved));
        {
            ProjectMirror m(root);
            m.setStateFile(state);
            const QStringList downloads = m.adoptServerTree({fileEntry(QStringLiteral("f1"), QStringLiteral("old.png"), old),
                                                             fileEntry(QStringLiteral("f2"), QStringLiteral("keep.png"), moved)});
            QVERIFY(downloads.isEmpty()); // the same bytes are here
        } // saved
        // While closed: a new figure here, keep.png moved to a subfolder; the server deleted old.png.
        QVERIFY(write(root + QStringLiteral("/new.png"), "new figure"));
        QDir().mkpath(root + QStringLiteral("/figs"));
        QVERIFY(QDir(root).rename(QStringLiteral("keep.png"), QStringLiteral("figs/keep.png")));
        ProjectMirror m(root);
        Reports r(m);
        m.setStateFile(state);
        const QStringList downloads = m.adoptServerTree({fileEntry(QStringLiteral("f2"), QStringLiteral("keep.png"), moved)});
        QVERIFY(downloads.isEmpty());
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/old.png")));
        QCOMPARE(r.list, (QStringList{QStringLiteral("folder figs"), QStringLiteral("created new.png"),
                                      QStringLiteral("renamed keep.png figs/keep.png")}));
    }

    // The periodic scan of a thesis-sized folder (2,000 files in 50 folders)
    // takes a few milliseconds: stats only, no hashing when nothing changed.
    void aScanOfAThesisSizedFolderIsCheap()
    {
        for (int f = 0; f < 50; ++f) {
            for (int i = 0; i < 40; ++i)
                QVERIFY(write(root + QStringLiteral("/chapter%1/figure%2.png").arg(f).arg(i), QByteArray(2048, char(i))));
        }
        ProjectMirror m(root);
        Reports r(m);
        m.adoptServerTree({});
        settle(m);
        QCOMPARE(r.list.size(), 50 + 2000); // every folder and file, once
        QElapsedTimer timer;
        timer.start();
        const int scans = 10;
        for (int i = 0; i < scans; ++i)
            m.scanNow();
        const double perScan = double(timer.nsecsElapsed()) / 1e6 / scans;
        qInfo("one scan of 2,050 entries: %.1f ms", perScan);
        QCOMPARE(r.list.size(), 2050);
        QVERIFY2(perScan < 500, "a scan should cost milliseconds");
    }

    // No state (a first open): the server's copy of a differing file wins.
    void withoutAnAgreedStateTheServersCopyIsDownloaded()
    {
        QVERIFY(write(root + QStringLiteral("/plot.png"), "stale"));
        ProjectMirror m(root);
        Reports r(m);
        const QStringList downloads = m.adoptServerTree({fileEntry(QStringLiteral("f1"), QStringLiteral("plot.png"), "fresh!")});
        QCOMPARE(downloads, QStringList{QStringLiteral("f1")});
        QCOMPARE(r.list, QStringList());
    }
};

QTEST_GUILESS_MAIN(TestWorkingCopyWatch)
#include "tst_workingcopywatch.moc"
