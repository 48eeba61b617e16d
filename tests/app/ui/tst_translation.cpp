// Translations: the embedded Japanese and German catalogues load and translate
// the window's menus, and the shipped .ts files have no unfinished entries.
#include "apptestsupport.h"

#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/compile/compilestatuslabel.h"
#include "app/compile/problemmapper.h"
#include "app/project/project.h"
#include "app/ui/mainwindow.h"
#include "app/ui/translationloader.h"
#include "app/collab/servererror.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QDir>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;

class TranslationTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    static QStringList menuTitles(const QString &language)
    {
        if (!TranslationLoader::install(language))
            return {};
        MainWindow window;
        QStringList titles;
        const QList<QAction *> actions = window.menuBar()->actions();
        for (const QAction *action : actions)
            titles << action->text();
        return titles;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
    }

    void cleanup()
    {
        TranslationLoader::install(QStringLiteral("en"));
    }

    void theCommandLineWinsOverTheSettingWhichWinsOverTheSystem()
    {
        QCOMPARE(TranslationLoader::chooseLanguage(QStringLiteral("ja_JP.UTF-8"), QStringLiteral("de")),
                 QStringLiteral("ja"));
        QCOMPARE(TranslationLoader::chooseLanguage(QString(), QStringLiteral("de")), QStringLiteral("de"));
        QVERIFY(!TranslationLoader::chooseLanguage(QString(), QString()).isEmpty());
    }
    void japaneseAndGermanAreShippedAndUnknownLanguagesRefused()
    {
        const QStringList languages = TranslationLoader::availableLanguages();
        QVERIFY(languages.contains(QStringLiteral("ja")));
        QVERIFY(languages.contains(QStringLiteral("de")));
        QVERIFY(!TranslationLoader::install(QStringLiteral("xx")));
    }

    void englishMenusAreTheSourceTexts()
    {
        const QStringList titles = menuTitles(QStringLiteral("en"));
        QCOMPARE(titles.value(0), QStringLiteral("&File"));
        QCOMPARE(titles.value(2), QStringLiteral("&Build"));
    }

    void englishCountsTakeTheirPluralForm()
    {
        QVERIFY(TranslationLoader::install(QStringLiteral("en")));
        CompileStatusLabel label;
        label.setState(CompileStatusLabel::State::Failed, 0, 1);
        QCOMPARE(label.text(), QStringLiteral("Compile failed: 1 error"));
        label.setState(CompileStatusLabel::State::Failed, 0, 2);
        QCOMPARE(label.text(), QStringLiteral("Compile failed: 2 errors"));
    }

    void theMenusSpeakJapanese()
    {
        const QStringList titles = menuTitles(QStringLiteral("ja"));
        QCOMPARE(TranslationLoader::installedLanguage(), QStringLiteral("ja"));
        QCOMPARE(titles.value(0), QStringLiteral("ファイル(&F)"));
        QCOMPARE(titles.value(1), QStringLiteral("編集(&E)"));
        QCOMPARE(titles.value(2), QStringLiteral("ビルド(&B)"));
    }

    void theMenusSpeakGerman()
    {
        const QStringList titles = menuTitles(QStringLiteral("de"));
        QCOMPARE(titles.value(0), QStringLiteral("&Datei"));
        QCOMPARE(titles.value(1), QStringLiteral("&Bearbeiten"));
        QCOMPARE(titles.value(3), QStringLiteral("&Ansicht"));
    }

    // The server's messages are English; the app says what its codes mean in the user's language.
    void theServersErrorCodesSpeakTheUsersLanguage()
    {
        QVERIFY(TranslationLoader::install(QStringLiteral("en")));
        const QString english = serverErrorSentence(QStringLiteral("unauthorized"), QStringLiteral("bad project id or token"));
        QVERIFY2(english.contains(QLatin1String("token")), qPrintable(english));
        QVERIFY(TranslationLoader::install(QStringLiteral("de")));
        const QString german = serverErrorSentence(QStringLiteral("unauthorized"), QStringLiteral("bad project id or token"));
        QVERIFY2(german != english && german.contains(QLatin1String("Token")), qPrintable(german));
        QVERIFY(!german.contains(QLatin1String("bad project id")));
        // Where the server's words are a detail (why a name is refused), they are kept.
        QVERIFY(serverErrorSentence(QStringLiteral("invalid_path"), QStringLiteral("CON is reserved on Windows"))
                    .contains(QLatin1String("CON is reserved on Windows")));
        QVERIFY(TranslationLoader::install(QStringLiteral("ja")));
        QVERIFY(!serverErrorSentence(QStringLiteral("read_only"), QString()).contains(QLatin1String("read")));
        // A code the app does not know: its name and the server's words, not silence.
        const QString unknown = serverErrorSentence(QStringLiteral("some_new_code"), QStringLiteral("details"));
        QVERIFY(unknown.contains(QLatin1String("some_new_code")) && unknown.contains(QLatin1String("details")));
    }

    // The compile layer gives hints as codes (LogEntry::hint); the Problems panel words them in
    // the user's language, with the same arguments, after the log's own (English) message.
    void theCompileLayersHintsSpeakTheUsersLanguage()
    {
        compile::LogEntry entry;
        entry.level = compile::LogEntry::Level::Warning;
        entry.message = QStringLiteral("Package glossaries-extra Warning: No file `output.glstex' on input line 4.");
        entry.hint = compile::LogHint::Bib2glsError;
        entry.hintArguments = {QStringLiteral("output.glg"), QStringLiteral("nosuch.bib (No such file or directory)")};
        const Project noProject;
        QVERIFY(TranslationLoader::install(QStringLiteral("en")));
        QCOMPARE(ProblemMapper::fromLog({entry}, noProject, QString()).value(0).message, compile::messageWithHint(entry));
        QVERIFY(TranslationLoader::install(QStringLiteral("de")));
        QCOMPARE(ProblemMapper::fromLog({entry}, noProject, QString()).value(0).message,
                 entry.message + QStringLiteral(" bib2gls lief, schrieb aber kein Glossar: nosuch.bib (No such file or directory) "
                                                "(sein Protokoll: output.glg)."));
        QVERIFY(TranslationLoader::install(QStringLiteral("ja")));
        entry.hint = compile::LogHint::Bib2glsNeedsFullShellEscape;
        entry.hintArguments.clear();
        const QString japanese = ProblemMapper::fromLog({entry}, noProject, QString()).value(0).message;
        QVERIFY2(japanese.startsWith(entry.message + u' ') && japanese.contains(QStringLiteral("シェルエスケープ")),
                 qPrintable(japanese));
    }

    void standardButtonsSpeakTheLanguageToo_data()
    {
        // Qt's own catalogues (qtbase_*.qm, Debian's qt6-translations-l10n) give these.
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("texts"); // OK, Cancel, Save All, Discard
        QTest::newRow("de") << QStringLiteral("de")
                            << QStringList{QStringLiteral("OK"), QStringLiteral("Abbrechen"),
                                           QStringLiteral("Alles speichern"), QStringLiteral("Verwerfen")};
        QTest::newRow("ja") << QStringLiteral("ja")
                            << QStringList{QStringLiteral("OK"), QStringLiteral("キャンセル"),
                                           QStringLiteral("すべて保存"), QStringLiteral("変更を破棄")};
    }

    void standardButtonsSpeakTheLanguageToo()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, texts);
        QVERIFY(TranslationLoader::install(language));
        QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::SaveAll
                             | QDialogButtonBox::Discard);
        QStringList shown;
        for (const auto which : {QDialogButtonBox::Ok, QDialogButtonBox::Cancel, QDialogButtonBox::SaveAll,
                                 QDialogButtonBox::Discard})
            shown << box.button(which)->text().remove(u'&');
        QCOMPARE(shown, texts);
    }

    void cataloguesAreComplete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("ja") << QStringLiteral("coauthor_ja.ts");
        QTest::newRow("de") << QStringLiteral("coauthor_de.ts");
    }

    void cataloguesAreComplete()
    {
        QFETCH(QString, file);
        const QString ts = test::readText(qEnvironmentVariable("COAUTHOR_SOURCE_DIR") + QStringLiteral("/translations/") + file);
        QVERIFY(ts.contains(QStringLiteral("<message")));
        QCOMPARE(ts.count(QStringLiteral("type=\"unfinished\"")), 0);
        // Every message has a non-empty translation.
        QCOMPARE(ts.count(QRegularExpression(QStringLiteral("<translation>\\s*</translation>"))), 0);
        QCOMPARE(ts.count(QStringLiteral("<translation/>")), 0);
    }
};

QTEST_MAIN(TranslationTest)
#include "tst_translation.moc"
