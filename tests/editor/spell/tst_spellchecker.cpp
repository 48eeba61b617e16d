// SpellChecker and SpellDictionaries with the real Hunspell and the Debian
// dictionaries (hunspell-en-us, hunspell-en-gb, hunspell-de-de, hunspell-fr),
// and the project's word list file.

#include "editor/spell/projectdictionary.h"
#include "editor/spell/spellchecker.h"
#include "editor/spell/spelldictionaries.h"
#include "tests/support/testfiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::spell;

namespace {

std::unique_ptr<SpellChecker> loadChecker(const QString &language)
{
    const auto files = SpellDictionaries::find(language);
    if (!files)
        return nullptr;
    QString error;
    auto checker = SpellChecker::load(language, files->aff, files->dic, &error);
    if (!checker)
        qWarning("%s", qPrintable(error));
    return checker;
}

} // namespace

class TestSpellChecker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theSystemDictionariesAreFound()
    {
        const QStringList languages = SpellDictionaries::availableLanguages();
        for (const char *language : {"en_US", "en_GB", "de_DE"})
            QVERIFY2(languages.contains(QLatin1String(language)), qPrintable(languages.join(u' ')));
        QVERIFY(SpellDictionaries::find(QStringLiteral("de-DE")).has_value());
        // fr_FR is a link to fr.dic on Debian; a bare "de" finds a German one.
        QVERIFY(SpellDictionaries::find(QStringLiteral("fr_FR")).has_value());
        QCOMPARE(SpellDictionaries::find(QStringLiteral("de"))->language, QStringLiteral("de_DE"));
        QCOMPARE(SpellDictionaries::find(QStringLiteral("en"))->language, QStringLiteral("en_US"));
        QVERIFY(!SpellDictionaries::find(QStringLiteral("xx_XX")).has_value());
        QVERIFY(!SpellDictionaries::find(QStringLiteral("../etc/passwd")).has_value());
    }

    void tehIsWrongAndTheIsRightInAmericanEnglish()
    {
        auto checker = loadChecker(QStringLiteral("en_US"));
        QVERIFY(checker);
        QCOMPARE(checker->encoding(), QStringLiteral("UTF-8"));
        QVERIFY(!checker->isCorrect(QStringLiteral("teh")));
        QVERIFY(checker->isCorrect(QStringLiteral("the")));
        QVERIFY(checker->isCorrect(QStringLiteral("don't")));
        QVERIFY(checker->suggestions(QStringLiteral("teh")).contains(QStringLiteral("the")));
        QVERIFY(checker->suggestions(QStringLiteral("teh"), 3).size() <= 3);
        QVERIFY(!checker->isCorrect(QStringLiteral("colour")) || checker->language() != u"en_US");
    }

    void hausIsRightInGermanWithItsUmlauts()
    {
        auto checker = loadChecker(QStringLiteral("de_DE"));
        QVERIFY(checker);
        QVERIFY(checker->isCorrect(QStringLiteral("Haus")));
        QVERIFY(checker->isCorrect(QStringLiteral("Übergröße")));
        QVERIFY(!checker->isCorrect(QStringLiteral("Hauss")));
    }

    void anAddedWordIsRightFromThenOn()
    {
        auto checker = loadChecker(QStringLiteral("en_GB"));
        QVERIFY(checker);
        QVERIFY(checker->isCorrect(QStringLiteral("colour")));
        QVERIFY(!checker->isCorrect(QStringLiteral("Coauthorish")));
        checker->addWord(QStringLiteral("Coauthorish"));
        QVERIFY(checker->isCorrect(QStringLiteral("Coauthorish")));
    }

    void aLatin1DictionaryIsReadInItsOwnEncoding()
    {
        // A dictionary in ISO8859-1 (as older myspell ones are): its words are
        // converted, so "café" (é = 0xE9 in the file) is right.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(coauthor::test::writeBytes(dir.filePath(QStringLiteral("xx_LT.aff")), QByteArray("SET ISO8859-1\nTRY ae\n")));
        QVERIFY(coauthor::test::writeBytes(dir.filePath(QStringLiteral("xx_LT.dic")), QByteArray("2\ncaf\xe9\nna\xefve\n")));
        QString error;
        auto checker = SpellChecker::load(QStringLiteral("xx_LT"), dir.filePath(QStringLiteral("xx_LT.aff")),
                                          dir.filePath(QStringLiteral("xx_LT.dic")), &error);
        QVERIFY2(checker, qPrintable(error));
        QCOMPARE(checker->encoding(), QStringLiteral("ISO8859-1"));
        QVERIFY(checker->isCorrect(QStringLiteral("café")));
        QVERIFY(checker->isCorrect(QStringLiteral("naïve")));
        QVERIFY(!checker->isCorrect(QStringLiteral("cafe")));
        QCOMPARE(checker->suggestions(QStringLiteral("cafe")).value(0), QStringLiteral("café"));
        // Letters the encoding cannot hold are not this language's words.
        QVERIFY(checker->isCorrect(QStringLiteral("Кошка")));
    }

    void aMissingDictionaryFileIsAnErrorNotACrash()
    {
        QString error;
        QVERIFY(!SpellChecker::load(QStringLiteral("none"), QStringLiteral("/nonexistent/none.aff"),
                                    QStringLiteral("/nonexistent/none.dic"), &error));
        QVERIFY(error.contains(QStringLiteral("none.aff")));
    }

    void theProjectDictionaryIsSortedOneWordALine()
    {
        QCOMPARE(ProjectDictionary::serialize({QStringLiteral("zeta"), QStringLiteral("Alpha"), QStringLiteral("beta"),
                                               QStringLiteral("beta")}),
                 QStringLiteral("Alpha\nbeta\nzeta\n"));
        QCOMPARE(ProjectDictionary::parse(QStringLiteral("# comment\nbeta\n\n  Alpha \nbeta")),
                 QStringList({QStringLiteral("beta"), QStringLiteral("Alpha")}));
        bool newline = false;
        QCOMPARE(ProjectDictionary::insertionPoint(QStringLiteral("alpha\ngamma\n"), QStringLiteral("beta"), &newline), 6);
        QVERIFY(!newline);
        QCOMPARE(ProjectDictionary::insertionPoint(QStringLiteral("alpha\ngamma\n"), QStringLiteral("gamma"), &newline), -1);
        QCOMPARE(ProjectDictionary::insertionPoint(QStringLiteral("alpha"), QStringLiteral("beta"), &newline), 5);
        QVERIFY(newline);
    }
};

QTEST_GUILESS_MAIN(TestSpellChecker)
#include "tst_spellchecker.moc"
