// Spell check in the main window: the preferences' "Check spelling as you type"
// and "Spelling language" (kept across a restart), the message in the status bar
// when the language has no dictionary, and "Add to Dictionary" in a tab writing
// the project's .coauthor-dictionary.

#include "app/editors/editortabs.h"
#include "app/project/appsettings.h"
#include "app/spell/spellfeature.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/mainwindow.h"
#include "app/ui/preferencesdialog.h"
#include "apptestsupport.h"
#include "editor/latexeditor.h"
#include "editor/spellsquiggles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;

class TestSpellWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        initAppResources();
        coauthor::test::isolateUserState(m_dir.filePath(QStringLiteral("state")));
    }

    void theDialogOffersTheInstalledLanguagesAndKeepsTheChoice()
    {
        AppSettings settings = AppSettings::load();
        QVERIFY(settings.spellCheck); // on by default
        QCOMPARE(settings.spellLanguage, QString()); // the system's
        PreferencesDialog dialog(settings);
        auto *check = dialog.findChild<QCheckBox *>(QStringLiteral("spellCheck"));
        auto *language = dialog.findChild<QComboBox *>(QStringLiteral("spellLanguage"));
        QVERIFY(check && language);
        QVERIFY(check->isChecked());
        const int german = language->findData(QStringLiteral("de_DE"));
        QVERIFY2(german > 0, "hunspell-de-de is installed: de_DE is offered");
        QVERIFY(language->itemText(german).contains(QStringLiteral("Deutsch")));
        language->setCurrentIndex(german);
        check->setChecked(false);
        QVERIFY(!language->isEnabled());
        const AppSettings chosen = dialog.settings();
        QVERIFY(!chosen.spellCheck);
        QCOMPARE(chosen.spellLanguage, QStringLiteral("de_DE"));
        chosen.save();
        const AppSettings again = AppSettings::load();
        QVERIFY(!again.spellCheck);
        QCOMPARE(again.spellLanguage, QStringLiteral("de_DE"));
    }

    void aLanguageWhoseDictionaryIsGoneStaysChosenAndSaysSo()
    {
        AppSettings settings;
        settings.spellLanguage = QStringLiteral("xx_XX");
        PreferencesDialog dialog(settings);
        auto *language = dialog.findChild<QComboBox *>(QStringLiteral("spellLanguage"));
        QVERIFY(language);
        QCOMPARE(language->currentData().toString(), QStringLiteral("xx_XX"));
        QVERIFY(language->currentText().contains(QStringLiteral("not installed")));
        QCOMPARE(dialog.settings().spellLanguage, QStringLiteral("xx_XX"));
    }

    void theWindowSaysAMissingDictionaryAndAddsWordsToTheProject()
    {
        const QString project = coauthor::test::isolatedExampleProject(m_dir.filePath(QStringLiteral("window")));
        QVERIFY(!project.isEmpty());
        MainWindow window(m_dir.filePath(QStringLiteral("compiles")));
        AppSettings settings = window.settings();
        settings.autoCompile = false;
        settings.spellCheck = true;
        settings.spellLanguage = QStringLiteral("xx_XX");
        window.applySettings(settings);
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openProject(project));
        QTRY_VERIFY_WITH_TIMEOUT(window.appStatusBar()->currentMessage().contains(QStringLiteral("xx_XX")), 10000);
        QVERIFY(window.appStatusBar()->currentMessage().contains(QStringLiteral("hunspell-xx-xx")));

        settings.spellLanguage = QStringLiteral("en_US");
        window.applySettings(settings);
        editor::LatexEditor *e = window.editorTabs()->currentEditor();
        QVERIFY(e);
        editor::SpellSquiggles *spell = e->spellSquiggles();
        QCOMPARE(spell->effectiveLanguage(), QStringLiteral("en_US"));
        QVERIFY(QTest::qWaitFor([spell] { return spell->isIdle() && spell->hasDictionary(); }, 10000));
        spell->addToDictionary(QStringLiteral("Coauthorium"));
        QCOMPARE(coauthor::test::readText(project + QStringLiteral("/.coauthor-dictionary")),
                 QStringLiteral("Coauthorium\n"));
        QVERIFY(window.spellFeature()->projectWords().contains(QStringLiteral("Coauthorium")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestSpellWindow)
#include "tst_spellwindow.moc"
