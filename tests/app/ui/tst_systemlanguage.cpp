// The UI follows the system language (LANGUAGE / LC_ALL, as a desktop session
// sets them), and the language setting overrides it. The environment is set in
// main(), before QLocale::system() first reads it.
#include "apptestsupport.h"

#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/translationloader.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;

class SystemLanguageTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    static QString firstMenuTitle()
    {
        MainWindow window;
        return window.menuBar()->actions().value(0)->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
    }

    void systemLanguageIsFollowed()
    {
        const QString chosen = TranslationLoader::chooseLanguage(QString(), QString());
        QCOMPARE(chosen, QStringLiteral("de"));
        QVERIFY(TranslationLoader::install(chosen));
        QCOMPARE(firstMenuTitle(), QStringLiteral("&Datei"));
    }

    void settingOverridesSystemLanguage()
    {
        const QString chosen = TranslationLoader::chooseLanguage(QString(), QStringLiteral("ja"));
        QCOMPARE(chosen, QStringLiteral("ja"));
        QVERIFY(TranslationLoader::install(chosen));
        QCOMPARE(firstMenuTitle(), QStringLiteral("ファイル(&F)"));
        // "English" in the settings is a choice too, not "follow the system".
        QCOMPARE(TranslationLoader::chooseLanguage(QString(), QStringLiteral("en")), QStringLiteral("en"));
        QVERIFY(TranslationLoader::install(QStringLiteral("en")));
        QCOMPARE(firstMenuTitle(), QStringLiteral("&File"));
    }
};

int main(int argc, char **argv)
{
    qputenv("LANGUAGE", "de_DE:de");
    qputenv("LC_ALL", "de_DE.UTF-8");
    QApplication app(argc, argv);
    SystemLanguageTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_systemlanguage.moc"
