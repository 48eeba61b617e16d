// Files in a shared project, end to end: window A hosts the bundled
// coauthor-server (its embedded redis-server), window B has joined; files put
// into A's working copy by another program (plain QFile writes, as a plotting
// script or a file manager would), by Add Files… and by a drop onto the tree
// reach B's working copy byte for byte, without a restart. Proves: a copied-in
// figure appears at B; a regenerated one reaches B as a new version of the same
// entry; a rename is a rename (a folder's too); a delete is a delete; a new .tex is a doc; a
// file over the server's limit is refused with the limit named; the mirror's
// own writes never come back (uploads counted); a file made while B was closed
// is uploaded on the next open, and one the server deleted meanwhile is not;
// New File does not nest its folder; PDFs open in the PDF view, EPS not as text.

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/compile/compilecontroller.h"
#include "app/editors/editortabs.h"
#include "app/pdf/pdfview.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/projecttree.h"
#include "apptestsupport.h"
#include "sync/client/projectmirror.h"
#include "sync/client/syncclient.h"

#include <QBuffer>
#include <QDir>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QImage>
#include <QLocale>
#include <QMimeData>
#include <QPainter>
#include <QPdfWriter>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;
using sync::SyncClient;

namespace {

QByteArray png(int size, QColor colour)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Written the way a script does it: in place, no rename.
bool writeInPlace(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class CollabFilesTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_local; // A's project, shared
    QString m_copy;  // B's working copy
    std::unique_ptr<MainWindow> m_a;
    std::unique_ptr<MainWindow> m_b;
    ShareLink m_link;

    static CollaborationSession *session(MainWindow &w) { return w.collaboration(); }
    static SyncClient *client(MainWindow &w) { return w.collaboration()->client(); }

    static const SyncClient::Entry *entry(MainWindow &w, const QString &path)
    {
        static SyncClient::Entry found;
        for (const SyncClient::Entry &e : client(w)->tree()) {
            if (e.path == path) {
                found = e;
                return &found;
            }
        }
        return nullptr;
    }

    static QStringList kinds(const QSignalSpy &spy)
    {
        QStringList out;
        for (const QList<QVariant> &args : spy)
            out.append(args.at(0).toString() + QLatin1Char(' ') + args.at(1).toString());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("state/data"))));
        QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("Ada"));

        m_local = m_tmp.filePath(QStringLiteral("thesis"));
        QVERIFY(test::writeText(m_local + QStringLiteral("/main.tex"),
                                QStringLiteral("\\documentclass{article}\n\\begin{document}\nHi.\n\\end{document}\n")));
        QVERIFY(writeInPlace(m_local + QStringLiteral("/figures/dot.png"), png(8, Qt::red)));
        m_local = QFileInfo(m_local).canonicalFilePath();
        m_copy = m_tmp.filePath(QStringLiteral("Documents/Coauthor/thesis"));
        for (auto *w : {&m_a, &m_b}) {
            *w = std::make_unique<MainWindow>(m_tmp.filePath(QStringLiteral("compiles")));
            AppSettings settings = (*w)->settings();
            settings.autoCompile = false;
            (*w)->applySettings(settings);
            (*w)->resize(1000, 700);
            (*w)->show();
        }
        QVERIFY(QTest::qWaitForWindowExposed(m_a.get()));
        m_a->serverHost()->setDataDir(m_tmp.filePath(QStringLiteral("server")));
    }

    void cleanupTestCase()
    {
        m_b.reset();
        m_a.reset();
    }

    // Before sharing, Add Files… only copies (nothing to upload to).
    void addFilesIntoAnUnsharedProjectJustCopies()
    {
        QVERIFY(m_a->openProject(m_local));
        const QString outside = m_tmp.filePath(QStringLiteral("outside/logo.png"));
        QVERIFY(writeInPlace(outside, png(6, Qt::green)));
        QSignalSpy added(m_a->projectTree(), &ProjectTree::pathsAdded);
        const QStringList copied = m_a->projectTree()->addFiles({outside}, QStringLiteral("figures"), false);
        QCOMPARE(copied, QStringList{QStringLiteral("figures/logo.png")});
        QCOMPARE(added.size(), 1);
        QCOMPARE(test::readBytes(m_local + QStringLiteral("/figures/logo.png")), test::readBytes(outside));
        QVERIFY(!session(*m_a)->isActive());
    }

    void sharingAndJoining()
    {
        ShareDialog dialog(m_a->serverHost(), m_a->project().name(),
                           [this](const ShareLink &link) { return m_a->collabFeature()->shareProject(link); }, m_a.get());
        dialog.setHostOnThisComputer(true);
        dialog.setListenHost(QStringLiteral("127.0.0.1"));
        QVERIFY2(dialog.share(), qPrintable(dialog.errorText()));
        m_link = dialog.link();
        QTRY_VERIFY_WITH_TIMEOUT(client(*m_a)->isSynchronized(), 10000);
        ShareLink link = m_link;
        link.name = QStringLiteral("Bo");
        auto opened = m_b->collabFeature()->openSharedProject(m_copy, link);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        QTRY_VERIFY_WITH_TIMEOUT(client(*m_b)->isSynchronized(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(test::readBytes(m_copy + QStringLiteral("/figures/logo.png")),
                                  test::readBytes(m_local + QStringLiteral("/figures/logo.png")), 10000);
        // The server says how large a file may be.
        QCOMPARE(client(*m_a)->maxFileBytes(), qint64(5 * 1024 * 1024));
    }

    // A plotting script saves a figure into A's folder: B has it, byte for
    // byte, and neither side sent anything back (the mirror knows what it wrote).
    void aFigureCopiedInByAnotherProgramAppearsAtTheCollaborator()
    {
        QSignalSpy sentByA(client(*m_a), &SyncClient::localChangePublished);
        QSignalSpy sentByB(client(*m_b), &SyncClient::localChangePublished);
        const QByteArray plot = png(32, Qt::blue);
        QElapsedTimer took;
        took.start();
        QVERIFY(writeInPlace(m_local + QStringLiteral("/figures/plot.png"), plot));
        QTRY_COMPARE_WITH_TIMEOUT(test::readBytes(m_copy + QStringLiteral("/figures/plot.png")), plot, 15000);
        qInfo("written at A to on disk at B: %lld ms", took.elapsed());
        QVERIFY(entry(*m_b, QStringLiteral("figures/plot.png")));
        QCOMPARE(entry(*m_b, QStringLiteral("figures/plot.png"))->kind, QStringLiteral("file"));
        // Two periodic scans later, still one upload and nothing from B.
        QTest::qWait(2 * sync::ProjectMirror::periodicScanMs + 500);
        QCOMPARE(kinds(sentByA), QStringList{QStringLiteral("uploadFile figures/plot.png")});
        QCOMPARE(kinds(sentByB), QStringList());
    }

    // Build → Keep a Copy of the PDF next to the Main Document in a shared project: main.pdf
    // appears beside main.tex at A and is never uploaded; a PDF another program writes there
    // at the same time is (the control).
    void theKeptPdfCopyIsNeverUploaded()
    {
        QSignalSpy sentByA(client(*m_a), &SyncClient::localChangePublished);
        QSignalSpy finished(m_a->compileController(), &CompileController::finished);
        m_a->actions()->keepPdfCopy->setChecked(true);
        m_a->compileController()->compile();
        QVERIFY(finished.wait(90000));
        QVERIFY(QFileInfo(m_local + QStringLiteral("/main.pdf")).isFile());
        QVERIFY(writeInPlace(m_local + QStringLiteral("/figures/scan.pdf"), "%PDF-1.4 a scanned page"));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_copy + QStringLiteral("/figures/scan.pdf")), 15000);
        QTest::qWait(2 * sync::ProjectMirror::periodicScanMs + 500);
        QCOMPARE(kinds(sentByA), QStringList{QStringLiteral("uploadFile figures/scan.pdf")});
        QVERIFY(!entry(*m_a, QStringLiteral("main.pdf")));
        QVERIFY(!QFileInfo::exists(m_copy + QStringLiteral("/main.pdf")));
        m_a->actions()->keepPdfCopy->setChecked(false);
    }

    // The script runs again: same name, same size, other pixels. B gets the new
    // bytes as a new version of the same entry; still nothing bounces.
    void aRegeneratedFigureReachesTheCollaborator()
    {
        QSignalSpy sentByA(client(*m_a), &SyncClient::localChangePublished);
        QSignalSpy sentByB(client(*m_b), &SyncClient::localChangePublished);
        const QString id = entry(*m_b, QStringLiteral("figures/plot.png"))->id;
        const QByteArray before = test::readBytes(m_local + QStringLiteral("/figures/plot.png"));
        QByteArray again = png(32, Qt::darkCyan);
        QVERIFY(again != before);
        QVERIFY(writeInPlace(m_local + QStringLiteral("/figures/plot.png"), again));
        QTRY_COMPARE_WITH_TIMEOUT(test::readBytes(m_copy + QStringLiteral("/figures/plot.png")), again, 15000);
        QCOMPARE(entry(*m_b, QStringLiteral("figures/plot.png"))->id, id);
        QTest::qWait(sync::ProjectMirror::periodicScanMs + 500);
        QCOMPARE(kinds(sentByA), QStringList{QStringLiteral("replaceFile figures/plot.png")});
        QCOMPARE(kinds(sentByB), QStringList());
    }

    // A file manager renames it: one rename for everyone, not a delete and an upload.
    void aRenamedFigureIsRenamedAtTheCollaborator()
    {
        QSignalSpy sentByA(client(*m_a), &SyncClient::localChangePublished);
        const QString id = entry(*m_a, QStringLiteral("figures/plot.png"))->id;
        QVERIFY(QFile::rename(m_local + QStringLiteral("/figures/plot.png"), m_local + QStringLiteral("/figures/plot-v2.png")));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_copy + QStringLiteral("/figures/plot-v2.png"))
                                     && !QFileInfo::exists(m_copy + QStringLiteral("/figures/plot.png")),
                                 15000);
        QCOMPARE(test::readBytes(m_copy + QStringLiteral("/figures/plot-v2.png")),
                 test::readBytes(m_local + QStringLiteral("/figures/plot-v2.png")));
        QCOMPARE(entry(*m_b, QStringLiteral("figures/plot-v2.png"))->id, id);
        QCOMPARE(kinds(sentByA), QStringList{QStringLiteral("rename figures/plot-v2.png")});
    }

    void aDeletedFileIsDeletedAtTheCollaborator()
    {
        QVERIFY(QFile::remove(m_local + QStringLiteral("/figures/plot-v2.png")));
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(m_copy + QStringLiteral("/figures/plot-v2.png")), 15000);
        QVERIFY(!entry(*m_b, QStringLiteral("figures/plot-v2.png")));
    }

    // A .tex written by another program becomes a doc B can edit.
    void aTextFileCreatedByAnotherProgramBecomesADoc()
    {
        const QString text = QStringLiteral("\\chapter{Results}\nMade by a script.\n");
        QVERIFY(test::writeText(m_local + QStringLiteral("/chapters/results.tex"), text));
        QTRY_VERIFY_WITH_TIMEOUT(!client(*m_b)->docIdForPath(QStringLiteral("chapters/results.tex")).isEmpty(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(test::readText(m_copy + QStringLiteral("/chapters/results.tex")), text, 10000);
        QCOMPARE(entry(*m_b, QStringLiteral("chapters"))->kind, QStringLiteral("folder"));
    }

    // A folder renamed, then deleted, by a file manager: one rename (the doc
    // inside keeps its id), then one delete.
    void aFolderRenamedAndDeletedElsewhereIsRenamedAndDeletedAtTheCollaborator()
    {
        const QString docId = client(*m_b)->docIdForPath(QStringLiteral("chapters/results.tex"));
        QVERIFY(!docId.isEmpty());
        QSignalSpy sentByA(client(*m_a), &SyncClient::localChangePublished);
        QVERIFY(QDir(m_local).rename(QStringLiteral("chapters"), QStringLiteral("parts")));
        QTRY_COMPARE_WITH_TIMEOUT(client(*m_b)->docIdForPath(QStringLiteral("parts/results.tex")), docId, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_copy + QStringLiteral("/parts/results.tex"))
                                     && !QFileInfo::exists(m_copy + QStringLiteral("/chapters")),
                                 10000);
        QCOMPARE(kinds(sentByA), QStringList{QStringLiteral("rename parts")});
        QVERIFY(QDir(m_local + QStringLiteral("/parts")).removeRecursively());
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(m_copy + QStringLiteral("/parts")), 15000);
        QVERIFY(client(*m_b)->docIdForPath(QStringLiteral("parts/results.tex")).isEmpty());
    }

    // Over the server's limit: not sent, and the user reads why, with the limit.
    void aFileOverTheLimitIsRefusedWithTheLimitNamed()
    {
        QSignalSpy errors(session(*m_a), &CollaborationSession::errorOccurred);
        QSignalSpy sentByA(client(*m_a), &SyncClient::localChangePublished);
        QByteArray big(6 * 1024 * 1024, '\0');
        QRandomGenerator rng(14);
        for (qsizetype i = 0; i < big.size(); i += 4)
            *reinterpret_cast<quint32 *>(big.data() + i) = rng.generate();
        QVERIFY(writeInPlace(m_local + QStringLiteral("/data/scan.tif"), big));
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 15000);
        const QString message = errors.first().first().toString();
        qInfo() << message;
        QVERIFY(message.contains(QStringLiteral("data/scan.tif")));
        QVERIFY(message.contains(QLocale().formattedDataSize(5 * 1024 * 1024)));
        // Said once, not retried while the file stays as it is.
        QTest::qWait(sync::ProjectMirror::periodicScanMs + 1000);
        QCOMPARE(errors.size(), 1);
        QVERIFY(!kinds(sentByA).contains(QStringLiteral("uploadFile data/scan.tif")));
        QVERIFY(!entry(*m_b, QStringLiteral("data/scan.tif")));
        QVERIFY(QFile::remove(m_local + QStringLiteral("/data/scan.tif")));
    }

    // A name Windows cannot store is reported, not sent over and over.
    void aPathTheProjectCannotHoldIsReportedOnce()
    {
        QSignalSpy errors(session(*m_a), &CollaborationSession::errorOccurred);
        QVERIFY(writeInPlace(m_local + QStringLiteral("/figures/a:b.png"), png(4, Qt::yellow)));
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 15000);
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("figures/a:b.png")));
        QTest::qWait(sync::ProjectMirror::periodicScanMs + 1000);
        QCOMPARE(errors.size(), 1);
        QVERIFY(!entry(*m_a, QStringLiteral("figures/a:b.png")));
        QVERIFY(QFile::remove(m_local + QStringLiteral("/figures/a:b.png")));
    }

    // Add Files… (the File menu's and the tree's) copies into the folder and uploads.
    void addFilesCopiesAndUploads()
    {
        const QString outside = m_tmp.filePath(QStringLiteral("outside/histogram.png"));
        const QByteArray bytes = png(20, Qt::magenta);
        QVERIFY(writeInPlace(outside, bytes));
        QSignalSpy sentByA(client(*m_a), &SyncClient::localChangePublished);
        QCOMPARE(m_a->projectTree()->addFiles({outside}, QStringLiteral("figures"), false),
                 QStringList{QStringLiteral("figures/histogram.png")});
        QTRY_COMPARE_WITH_TIMEOUT(test::readBytes(m_copy + QStringLiteral("/figures/histogram.png")), bytes, 15000);
        QTest::qWait(sync::ProjectMirror::periodicScanMs + 500);
        // Once, though the scan also sees the new file.
        QCOMPARE(kinds(sentByA), QStringList{QStringLiteral("uploadFile figures/histogram.png")});
    }

    // A figure dragged from a file manager onto the tree's figures folder.
    void aDropOnTheTreeCopiesAndUploads()
    {
        const QString outside = m_tmp.filePath(QStringLiteral("outside/dropped.png"));
        const QByteArray bytes = png(28, Qt::darkGreen);
        QVERIFY(writeInPlace(outside, bytes));
        ProjectTree *tree = m_a->projectTree();
        const QModelIndex figures = tree->fileSystemModel()->index(m_local + QStringLiteral("/figures"));
        QVERIFY(figures.isValid());
        QTRY_VERIFY_WITH_TIMEOUT(!tree->visualRect(figures).isEmpty(), 5000);
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(outside)});
        const QPointF at = tree->visualRect(figures).center();
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(tree->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(tree->viewport(), &drop);
        QVERIFY(drop.isAccepted());
        delete mime;
        QCOMPARE(test::readBytes(m_local + QStringLiteral("/figures/dropped.png")), bytes);
        QTRY_COMPARE_WITH_TIMEOUT(test::readBytes(m_copy + QStringLiteral("/figures/dropped.png")), bytes, 15000);
        // A drop of something already in the project is not a copy.
        auto *inside = new QMimeData;
        inside->setUrls({QUrl::fromLocalFile(m_local + QStringLiteral("/main.tex"))});
        QDragEnterEvent refused(at.toPoint(), Qt::CopyAction, inside, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(tree->viewport(), &refused);
        QVERIFY(!refused.isAccepted());
        delete inside;
    }

    // B closed: a figure saved into B's folder meanwhile is uploaded when B opens
    // again; a figure A deleted meanwhile is deleted at B, not uploaded again.
    void filesChangedWhileTheAppWasClosedAreSettledOnTheNextOpen()
    {
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_copy + QStringLiteral("/figures/histogram.png")), 10000);
        QVERIFY(m_b->closeProject());
        const QByteArray offline = png(12, Qt::gray);
        QVERIFY(writeInPlace(m_copy + QStringLiteral("/figures/offline.png"), offline));
        QVERIFY(QFile::remove(m_local + QStringLiteral("/figures/histogram.png")));
        QTRY_VERIFY_WITH_TIMEOUT(!entry(*m_a, QStringLiteral("figures/histogram.png")), 15000);

        QVERIFY(m_b->openProject(m_copy));
        QTRY_VERIFY_WITH_TIMEOUT(session(*m_b)->isActive() && client(*m_b)->isSynchronized(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(test::readBytes(m_local + QStringLiteral("/figures/offline.png")), offline, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(m_copy + QStringLiteral("/figures/histogram.png")), 10000);
        QTest::qWait(sync::ProjectMirror::periodicScanMs + 500);
        QVERIFY(!entry(*m_a, QStringLiteral("figures/histogram.png")));
        QVERIFY(!QFileInfo::exists(m_local + QStringLiteral("/figures/histogram.png")));
    }

    void newFileDoesNotNestItsFolderTwice()
    {
        QCOMPARE(ProjectTree::newEntryPath(QStringLiteral("Chapter1"), QStringLiteral("intro.tex")),
                 QStringLiteral("Chapter1/intro.tex"));
        QCOMPARE(ProjectTree::newEntryPath(QStringLiteral("Chapter1"), QStringLiteral("Chapter1/intro.tex")),
                 QStringLiteral("Chapter1/intro.tex"));
        QCOMPARE(ProjectTree::newEntryPath(QString(), QStringLiteral("a/b.tex")), QStringLiteral("a/b.tex"));
        QCOMPARE(ProjectTree::newEntryPath(QStringLiteral("Chapter1"), QStringLiteral(" notes.tex ")),
                 QStringLiteral("Chapter1/notes.tex"));
    }

    // A PDF figure in the tree opens in the PDF view; an EPS figure is not opened as text.
    void aPdfOpensInThePdfViewAndEpsIsNotText()
    {
        const QString pdf = m_local + QStringLiteral("/figures/chart.pdf");
        {
            QPdfWriter writer(pdf);
            QPainter painter(&writer);
            painter.drawText(100, 100, QStringLiteral("chart"));
        }
        m_a->openLocation(QStringLiteral("figures/chart.pdf"), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_a->pdfView()->documentPath(), pdf, 5000);
        QVERIFY(!m_a->editorTabs()->openFiles().contains(QStringLiteral("figures/chart.pdf")));

        QVERIFY(test::writeText(m_local + QStringLiteral("/figures/old.eps"),
                                QStringLiteral("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath\n")));
        m_a->openLocation(QStringLiteral("figures/old.eps"), 0);
        QVERIFY(!m_a->editorTabs()->editorFor(QStringLiteral("figures/old.eps")));
        QVERIFY(!m_a->editorTabs()->openFiles().contains(QStringLiteral("figures/old.eps")));
    }
};

QTEST_MAIN(CollabFilesTest)
#include "tst_collab_files.moc"
