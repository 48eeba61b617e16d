// The project's settings travel with a shared project: two windows through the
// bundled coauthor-server. Window A hosts the issue-14 folder (paper.tex includes
// the others; a cover letter stands alone); window B joins. "Set as Main Document"
// in A creates .coauthor-project.json, which is uploaded as a doc and mirrored into
// B's working copy, where the settings are read again and B compiles the same
// document; a later change (an edit of the existing file) reaches B too.
#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/compile/compilecontroller.h"
#include "app/project/projectsettingswatcher.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/projecttree.h"
#include "apptestsupport.h"
#include "sync/client/syncclient.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;

class CollabProjectSettingsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_local;
    QString m_copy;
    std::unique_ptr<MainWindow> m_a;
    std::unique_ptr<MainWindow> m_b;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("state/data"))));
        QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("Ada"));
        m_local = m_tmp.filePath(QStringLiteral("paper"));
        QVERIFY(test::writeText(m_local + QStringLiteral("/paper.tex"),
                                QStringLiteral("\\documentclass{article}\n\\begin{document}\nThe paper.\n"
                                               "\\input{sections/intro}\n\\end{document}\n")));
        QVERIFY(test::writeText(m_local + QStringLiteral("/sections/intro.tex"), QStringLiteral("Intro.\n")));
        QVERIFY(test::writeText(m_local + QStringLiteral("/cover-letter.tex"),
                                QStringLiteral("\\documentclass{article}\n\\begin{document}\nDear editor.\n\\end{document}\n")));
        m_local = QFileInfo(m_local).canonicalFilePath();
        m_copy = m_tmp.filePath(QStringLiteral("Documents/Coauthor/paper"));
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

    void bothWindowsCompileTheSameDocumentAfterSetAsMainDocument()
    {
        QVERIFY(m_a->openProject(m_local));
        QCOMPARE(m_a->compileController()->rootDocument(), QStringLiteral("paper.tex"));
        ShareDialog dialog(m_a->serverHost(), m_a->project().name(),
                           [this](const ShareLink &link) { return m_a->collabFeature()->shareProject(link); }, m_a.get());
        dialog.setHostOnThisComputer(true);
        dialog.setListenHost(QStringLiteral("127.0.0.1"));
        QVERIFY2(dialog.share(), qPrintable(dialog.errorText()));
        ShareLink link = dialog.link();
        QTRY_VERIFY_WITH_TIMEOUT(m_a->collaboration()->client()->isSynchronized(), 10000);

        link.name = QStringLiteral("Bo");
        auto opened = m_b->collabFeature()->openSharedProject(m_copy, link);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        QTRY_VERIFY_WITH_TIMEOUT(m_b->collaboration()->client()->isSynchronized(), 10000);
        QCOMPARE(m_b->compileController()->rootDocument(), QStringLiteral("paper.tex"));

        // A new settings file: created in A's folder, uploaded as a doc, mirrored into B's.
        Q_EMIT m_a->projectTree()->setAsRootRequested(QStringLiteral("cover-letter.tex"));
        QCOMPARE(m_a->compileController()->rootDocument(), QStringLiteral("cover-letter.tex"));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_copy + QStringLiteral("/.coauthor-project.json")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->compileController()->rootDocument(), QStringLiteral("cover-letter.tex"), 10000);
        QCOMPARE(m_b->projectSettings()->settings().root(), QStringLiteral("cover-letter.tex"));
        QCOMPARE(m_b->projectTree()->mainDocument(), QStringLiteral("cover-letter.tex"));
        sync::SyncClient *b = m_b->collaboration()->client();
        QVERIFY(!b->docIdForPath(QStringLiteral(".coauthor-project.json")).isEmpty());

        // The existing file changed again: an edit on disk in A, an edit of the doc for B.
        Q_EMIT m_a->projectTree()->setAsRootRequested(QStringLiteral("paper.tex"));
        QTRY_COMPARE_WITH_TIMEOUT(m_b->compileController()->rootDocument(), QStringLiteral("paper.tex"), 10000);
        QCOMPARE(m_b->projectSettings()->settings().root(), QStringLiteral("paper.tex"));
        m_a->compileController()->stop();
        m_b->compileController()->stop();
    }
};

QTEST_MAIN(CollabProjectSettingsTest)
#include "tst_collab_projectsettings.moc"
