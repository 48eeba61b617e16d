// The main document in the window, on the folder of issue 14 (paper.tex includes
// the others; cover-letter.tex and fig-standalone.tex stand alone): the app compiles
// paper.tex; the tree's "Set as Main Document" writes .coauthor-project.json and
// changes what compiles; a collaborator's change to that file is followed; the
// Engine menu chooses per project; a %!TEX root in the file in front is honoured.
#include "apptestsupport.h"

#include "app/compile/compilecontroller.h"
#include "app/compile/compilefeature.h"
#include "app/editors/editortabs.h"
#include "app/project/projectsettingswatcher.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/projecttree.h"

#include <QAction>
#include <QApplication>
#include <QFileSystemModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QProcess>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;

class MainDocumentTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_project;
    std::unique_ptr<MainWindow> m_window;

    CompileController *controller() const { return m_window->compileController(); }

    QJsonObject settingsFile() const
    {
        return QJsonDocument::fromJson(test::readBytes(m_project + QStringLiteral("/.coauthor-project.json"))).object();
    }

    bool replaceSettings(const QByteArray &json)
    {
        QSaveFile file(m_project + QStringLiteral("/.coauthor-project.json"));
        return file.open(QIODevice::WriteOnly) && file.write(json) == json.size() && file.commit();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        initAppResources();
        m_project = m_tmp.filePath(QStringLiteral("issue"));
        QVERIFY(test::writeText(m_project + QStringLiteral("/paper.tex"),
                                QStringLiteral("\\documentclass{article}\n\\usepackage{standalone}\n\\begin{document}\n"
                                               "The paper.\n\\input{sections/intro}\n\\input{fig-standalone}\n\\end{document}\n")));
        QVERIFY(test::writeText(m_project + QStringLiteral("/sections/intro.tex"),
                                QStringLiteral("%!TEX root = ../cover-letter.tex\nAn introduction.\n")));
        QVERIFY(test::writeText(m_project + QStringLiteral("/cover-letter.tex"),
                                QStringLiteral("\\documentclass{article}\n\\begin{document}\nDear editor.\n\\end{document}\n")));
        QVERIFY(test::writeText(m_project + QStringLiteral("/fig-standalone.tex"),
                                QStringLiteral("\\documentclass{standalone}\n\\begin{document}\nA box.\n\\end{document}\n")));
        m_project = QFileInfo(m_project).canonicalFilePath();
        m_window = std::make_unique<MainWindow>(m_tmp.filePath(QStringLiteral("compiles")));
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        AppSettings settings = m_window->settings();
        settings.autoCompile = false;
        settings.engine = QStringLiteral("pdflatex");
        m_window->applySettings(settings);
    }

    // Before, the app picked cover-letter.tex (the first \documentclass file alphabetically).
    void theAppCompilesTheDocumentThatIncludesTheOthers()
    {
        QVERIFY(m_window->openProject(m_project));
        QCOMPARE(controller()->rootDocument(), QStringLiteral("paper.tex"));
        QCOMPARE(m_window->projectTree()->mainDocument(), QStringLiteral("paper.tex"));
        QCOMPARE(controller()->buildRequest(compile::SyncType::Full).rootDocument, QStringLiteral("paper.tex"));
    }

    void setAsMainDocumentInTheTreeChangesWhatCompiles()
    {
        ProjectTree *tree = m_window->projectTree();
        QModelIndex index;
        QTRY_VERIFY((index = tree->fileSystemModel()->index(m_project + QStringLiteral("/cover-letter.tex"))).isValid()
                    && tree->visualRect(index).isValid());
        bool found = false;
        QTimer::singleShot(200, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            if (auto *action = menu->findChild<QAction *>(QStringLiteral("setAsMainDocument"))) {
                found = !action->isChecked();
                action->trigger();
            }
            menu->close();
        });
        Q_EMIT tree->customContextMenuRequested(tree->visualRect(index).center());
        QVERIFY(found);
        QCOMPARE(settingsFile().value(QLatin1String("root")).toString(), QStringLiteral("cover-letter.tex"));
        QCOMPARE(controller()->rootDocument(), QStringLiteral("cover-letter.tex"));
        QCOMPARE(tree->mainDocument(), QStringLiteral("cover-letter.tex"));
        // The compile that follows builds the letter (the one of paper.tex from opening may end first).
        QSignalSpy finished(controller(), &CompileController::finished);
        QByteArray pdf;
        auto lastPdfText = [&] {
            QProcess text;
            text.start(QStringLiteral("pdftotext"),
                       {finished.last().at(0).value<CompileOutcome>().result.pdfPath, QStringLiteral("-")});
            text.waitForFinished(30000);
            return text.readAllStandardOutput();
        };
        QVERIFY(QTest::qWaitFor([&] {
            if (finished.isEmpty())
                return false;
            pdf = lastPdfText();
            if (!pdf.contains("Dear editor"))
                finished.clear();
            return pdf.contains("Dear editor");
        }, 90000));
        QVERIFY2(pdf.contains("Dear editor") && !pdf.contains("The paper"), pdf.constData());
    }

    // A shared project's settings file is written by the sync mirror when a collaborator changes it.
    void aChangeToTheSettingsFileOnDiskIsFollowed()
    {
        QVERIFY(replaceSettings("{\"root\": \"paper.tex\", \"engine\": \"xelatex\"}"));
        QTRY_COMPARE(controller()->rootDocument(), QStringLiteral("paper.tex"));
        QCOMPARE(controller()->engine(), compile::Engine::XeLaTeX);
        QVERIFY(m_window->actions()->xelatex->isChecked());
        QTRY_COMPARE(m_window->projectTree()->mainDocument(), QStringLiteral("paper.tex"));
        // Hostile content is refused: the engine falls back to Preferences'.
        QVERIFY(replaceSettings("{\"root\": \"paper.tex\", \"engine\": \"lualatex --shell-escape\"}"));
        QTRY_COMPARE(controller()->engine(), compile::Engine::PdfLaTeX);
    }

    void theEngineMenuChoosesForTheProjectAndPreferencesStayTheDefault()
    {
        m_window->actions()->lualatex->trigger(); // (XeLaTeX is not installed everywhere: its action may be disabled)
        QCOMPARE(settingsFile().value(QLatin1String("engine")).toString(), QStringLiteral("lualatex"));
        QCOMPARE(controller()->engine(), compile::Engine::LuaLaTeX);
        QCOMPARE(m_window->settings().engine, QStringLiteral("pdflatex")); // the user's default is untouched
        m_window->actions()->defaultEngine->trigger();
        QVERIFY(!settingsFile().contains(QLatin1String("engine")));
        QCOMPARE(controller()->engine(), compile::Engine::PdfLaTeX);
        QCOMPARE(settingsFile().value(QLatin1String("root")).toString(), QStringLiteral("paper.tex"));
        controller()->stop();
    }

    void aMagicRootInTheFileInFrontIsFollowed()
    {
        m_window->openLocation(QStringLiteral("sections/intro.tex"), 0);
        QTRY_COMPARE(controller()->rootDocument(), QStringLiteral("cover-letter.tex"));
        m_window->openLocation(QStringLiteral("fig-standalone.tex"), 0);
        QTRY_COMPARE(controller()->rootDocument(), QStringLiteral("paper.tex"));
        controller()->stop();
    }

    void cleanupTestCase()
    {
        controller()->stop();
        m_window.reset();
    }
};

QTEST_MAIN(MainDocumentTest)
#include "tst_maindocument.moc"
