// The spell-check preferences: the dialog's "Check spelling as you type" and
// "Spelling language" entries, kept in AppSettings across a restart.

#include "app/project/appsettings.h"
#include "app/ui/preferencesdialog.h"
#include "apptestsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;

class TestSpellPreferences : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { coauthor::test::isolateUserState(m_dir.filePath(QStringLiteral("state"))); }

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

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestSpellPreferences)
#include "tst_spellpreferences.moc"
