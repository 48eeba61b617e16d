// TexCounter against TeXcount: the documents in data/ (a multi-file thesis, a
// paper with math, floats and footnotes, a German text with umlauts) counted as
// `texcount -inc -brief` counts them, and the installed texcount run live on them.
#include "tests/support/testfiles.h"
#include "wordcount/texcounter.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using coauthor::wordcount::DocumentCount;
using coauthor::wordcount::TexCounter;
using coauthor::wordcount::WordCounts;

Q_DECLARE_METATYPE(WordCounts)

namespace {

QString dataDir()
{
    return QStringLiteral(COAUTHOR_WORDCOUNT_DATA_DIR);
}

TexCounter::TextSource folderSource(const QString &folder)
{
    return [folder](const QString &path) -> std::optional<QString> {
        const QString absolute = QDir(folder).filePath(path);
        if (!QFileInfo(absolute).isFile())
            return std::nullopt;
        return coauthor::test::readText(absolute);
    };
}

// TeXcount's brief line "text+headers+captions (headers/floats/inlines/displayed)".
WordCounts brief(int text, int headers, int captions, int h, int f, int i, int d)
{
    WordCounts c;
    c.textWords = text;
    c.headerWords = headers;
    c.captionWords = captions;
    c.headers = h;
    c.floats = f;
    c.inlineMath = i;
    c.displayMath = d;
    return c;
}

QString briefText(const WordCounts &c)
{
    return QStringLiteral("%1+%2+%3 (%4/%5/%6/%7)")
        .arg(c.textWords).arg(c.headerWords).arg(c.captionWords)
        .arg(c.headers).arg(c.floats).arg(c.inlineMath).arg(c.displayMath);
}

// `texcount -inc -brief ROOT` run in the root's folder: per file, by project-relative path.
QList<std::pair<QString, WordCounts>> runTexcount(const QString &folder, const QString &root)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    process.start(QStringLiteral("texcount"), {QStringLiteral("-inc"), QStringLiteral("-brief"), root});
    if (!process.waitForFinished(60000))
        return {};
    static const QRegularExpression line(
        QStringLiteral("^(\\d+)\\+(\\d+)\\+(\\d+) \\((\\d+)/(\\d+)/(\\d+)/(\\d+)\\) (?:Included )?[Ff]ile: (?:\\./)?(.+)$"));
    QList<std::pair<QString, WordCounts>> files;
    for (const QString &text : QString::fromUtf8(process.readAllStandardOutput()).split(u'\n')) {
        const QRegularExpressionMatch m = line.match(text.trimmed());
        if (m.hasMatch()) {
            files.append({m.captured(8), brief(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(),
                                               m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(),
                                               m.captured(7).toInt())});
        }
    }
    return files;
}

// Within tolerance: words within 2 % or 2 words of TeXcount (whichever is larger), the
// headers, floats and formulas exactly. The rules are TeXcount's, ported; what may still
// differ are Perl's and PCRE2's Unicode letter classes and TeXcount's line-based
// regular expressions at a few edges (an option split over lines), a word here and there.
bool closeTo(const WordCounts &ours, const WordCounts &theirs)
{
    auto near = [](int a, int b) { return std::abs(a - b) <= std::max(2, b / 50); };
    return near(ours.textWords, theirs.textWords) && near(ours.headerWords, theirs.headerWords)
        && near(ours.captionWords, theirs.captionWords) && ours.headers == theirs.headers
        && ours.floats == theirs.floats && ours.inlineMath == theirs.inlineMath
        && ours.displayMath == theirs.displayMath;
}

} // namespace

class TestTexCounter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Expected counts: `texcount -inc -brief` (TeXcount 3.2) on the same files; exact.
    void theThesisIsCountedPerFileFollowingInputAndInclude()
    {
        const DocumentCount count = TexCounter::countDocument(QStringLiteral("thesis.tex"),
                                                              folderSource(dataDir() + QStringLiteral("/thesis")));
        const QStringList order{QStringLiteral("thesis.tex"), QStringLiteral("chapters/introduction.tex"),
                                QStringLiteral("chapters/background.tex"), QStringLiteral("chapters/method.tex"),
                                QStringLiteral("chapters/conclusion.tex")};
        const QList<WordCounts> expected{brief(37, 8, 0, 2, 0, 0, 0), brief(116, 3, 6, 3, 0, 0, 0),
                                         brief(74, 7, 7, 3, 1, 5, 1), brief(50, 1, 6, 1, 1, 1, 1),
                                         brief(42, 1, 0, 1, 0, 0, 0)};
        QCOMPARE(count.files.size(), order.size());
        for (qsizetype i = 0; i < order.size(); ++i) {
            QCOMPARE(count.files[i].path, order[i]);
            QCOMPARE(briefText(count.files[i].counts), briefText(expected[i]));
        }
        QCOMPARE(briefText(count.total), QStringLiteral("319+20+19 (10/2/6/2)"));
        QCOMPARE(count.total.words(), 358);
        // \bibliography{references}: not a TeX include (TeXcount counts .bbl only with -incbib).
        QVERIFY(count.missing.isEmpty());
    }

    void mathFloatsAndFootnotesAreCountedApart()
    {
        const DocumentCount count = TexCounter::countDocument(QStringLiteral("paper.tex"),
                                                              folderSource(dataDir() + QStringLiteral("/physics")));
        QCOMPARE(count.files.size(), 1);
        QCOMPARE(briefText(count.total), QStringLiteral("89+8+32 (4/2/10/3)"));
    }

    void germanUmlautsAndAccentMacrosAreLettersOfOneWord()
    {
        const DocumentCount count = TexCounter::countDocument(QStringLiteral("arbeit.tex"),
                                                              folderSource(dataDir() + QStringLiteral("/german")));
        QCOMPARE(briefText(count.total), QStringLiteral("98+3+14 (3/1/0/0)"));
        // "Größe", "Übungen" and \"Ubung are one word each, as is Stra\ss e's "Stra\ss".
        QCOMPARE(TexCounter::countText(QStringLiteral("Größe Übungen \\\"Ubung")).textWords, 3);
    }

    void aSelectionIsCountedAsText()
    {
        const WordCounts counts = TexCounter::countText(
            QStringLiteral("Some \\emph{emphasised} words, $x^2$ and a\n\\section{Short title} % not this\n"));
        QCOMPARE(counts.textWords, 5);
        QCOMPARE(counts.headerWords, 2);
        QCOMPARE(counts.headers, 1);
        QCOMPARE(counts.inlineMath, 1);
    }

    void japaneseCharactersCountOneWordEach()
    {
        // TeXcount counts logograms (Han, kana) one word per character.
        QCOMPARE(TexCounter::countText(QStringLiteral("日本語の文章 and English")).textWords, 8);
    }

    void anIncludeCycleEndsAndMissingFilesAreNamed()
    {
        const QHash<QString, QString> files{
            {QStringLiteral("main.tex"), QStringLiteral("\\documentclass{article}\\begin{document}One \\input{a} \\input{gone}\\end{document}")},
            {QStringLiteral("a.tex"), QStringLiteral("Two words \\input{main}")},
        };
        const DocumentCount count = TexCounter::countDocument(QStringLiteral("main.tex"), [&](const QString &path) {
            return files.contains(path) ? std::optional<QString>(files.value(path)) : std::nullopt;
        });
        QCOMPARE(count.files.size(), 2);
        QCOMPARE(count.total.textWords, 3);
        QCOMPARE(count.missing, QStringList{QStringLiteral("gone")});
    }

    void includesNeverLeaveTheProject()
    {
        bool askedOutside = false;
        const DocumentCount count = TexCounter::countDocument(QStringLiteral("main.tex"), [&](const QString &path) {
            if (path == QLatin1String("main.tex"))
                return std::optional<QString>(QStringLiteral("\\input{../secret} \\input{/etc/passwd}"));
            askedOutside = true;
            return std::optional<QString>();
        });
        QVERIFY(!askedOutside);
        QCOMPARE(count.missing.size(), 2);
    }

    // The same documents, and the app's example project, through the texcount installed here.
    void agreesWithTheInstalledTexcount_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("root");
        QTest::newRow("thesis") << dataDir() + QStringLiteral("/thesis") << QStringLiteral("thesis.tex");
        QTest::newRow("physics") << dataDir() + QStringLiteral("/physics") << QStringLiteral("paper.tex");
        QTest::newRow("german") << dataDir() + QStringLiteral("/german") << QStringLiteral("arbeit.tex");
        QTest::newRow("example") << qEnvironmentVariable("COAUTHOR_SOURCE_DIR") + QStringLiteral("/resources/example")
                                 << QStringLiteral("main.tex");
    }

    void agreesWithTheInstalledTexcount()
    {
        QFETCH(QString, folder);
        QFETCH(QString, root);
        if (QStandardPaths::findExecutable(QStringLiteral("texcount")).isEmpty())
            QSKIP("texcount is not installed (texlive-extra-utils)");
        const QList<std::pair<QString, WordCounts>> theirs = runTexcount(folder, root);
        QVERIFY(!theirs.isEmpty());
        const DocumentCount ours = TexCounter::countDocument(root, folderSource(folder));
        QCOMPARE(ours.files.size(), theirs.size());
        for (qsizetype i = 0; i < theirs.size(); ++i) {
            QCOMPARE(ours.files[i].path, QDir::cleanPath(theirs[i].first));
            QVERIFY2(closeTo(ours.files[i].counts, theirs[i].second),
                     qPrintable(theirs[i].first + QStringLiteral(": ours ") + briefText(ours.files[i].counts)
                                + QStringLiteral(", texcount ") + briefText(theirs[i].second)));
        }
    }
};

QTEST_GUILESS_MAIN(TestTexCounter)
#include "tst_texcounter.moc"
