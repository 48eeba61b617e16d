// LogParser against real logs (golden files, as KSyntaxHighlighting tests its
// highlighter): data/logs/NAME.log|.blg in, NAME.expected out, one entry per line as
// "level|file|line|message". COAUTHOR_REGENERATE_GOLDEN=1 rewrites the expected files.
#include "compile/builtinrules.h"
#include "compile/logparser.h"
#include "compile/missingfile.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace coauthor::compile;
using coauthor::test::readText;

namespace {

QString format(const QList<LogEntry> &entries)
{
    QString out;
    for (const LogEntry &entry : entries)
        out += levelName(entry.level) + u'|' + entry.file + u'|' + QString::number(entry.line) + u'|' + entry.message
            + u'\n';
    return out;
}

QList<LogEntry> parse(const QString &path)
{
    const QString text = readText(path);
    if (path.endsWith(QLatin1String(".log")))
        return LogParser::parseLatexLog(text);
    if (QFileInfo(path).fileName().startsWith(QLatin1String("biber")))
        return LogParser::parseBiberLog(text);
    return LogParser::parseBibtexLog(text);
}

// The entry for glossaries-extra's "No file `output.glstex'".
LogEntry glstexEntry(const QList<LogEntry> &entries)
{
    const auto it = std::find_if(entries.begin(), entries.end(), [](const LogEntry &entry) {
        return entry.message.contains(QLatin1String("No file `output.glstex'"));
    });
    return it == entries.end() ? LogEntry{} : *it;
}

bool contains(const QList<LogEntry> &entries, LogEntry::Level level, const QString &file, int line,
              const QString &messagePart)
{
    for (const LogEntry &entry : entries) {
        if (entry.level == level && entry.file == file && entry.line == line && entry.message.contains(messagePart))
            return true;
    }
    return false;
}

} // namespace

class TestLogParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("input");
        const QDir dir(QStringLiteral(COAUTHOR_LOG_DATA_DIR));
        const QStringList inputs = dir.entryList({QStringLiteral("*.log"), QStringLiteral("*.blg")}, QDir::Files, QDir::Name);
        QVERIFY(inputs.size() >= 10);
        for (const QString &input : inputs)
            QTest::newRow(qPrintable(input)) << dir.filePath(input);
    }

    void golden()
    {
        QFETCH(QString, input);
        const QString actual = format(parse(input));
        const QString expectedPath = input.left(input.lastIndexOf(u'.')) + QLatin1String(".expected");
        if (qEnvironmentVariableIsSet("COAUTHOR_REGENERATE_GOLDEN")) {
            QFile file(expectedPath);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(actual.toUtf8());
            return;
        }
        QVERIFY2(QFile::exists(expectedPath), qPrintable(expectedPath));
        QCOMPARE(actual, readText(expectedPath));
    }

    // The same run logged with TeX's 79-column wrapping and without it gives the same entries.
    void wrappedAndUnwrappedAgree()
    {
        const QString dir = QStringLiteral(COAUTHOR_LOG_DATA_DIR "/");
        QCOMPARE(format(parse(dir + QLatin1String("multi-wrapped.log"))), format(parse(dir + QLatin1String("multi-file-line.log"))));
        QCOMPARE(format(parse(dir + QLatin1String("warnings-wrapped.log"))),
                 format(parse(dir + QLatin1String("warnings-file-line.log"))));
    }

    // The facts the golden files must hold, stated once more so that a careless
    // regeneration cannot bless a wrong answer.
    void keyEntries()
    {
        const QString dir = QStringLiteral(COAUTHOR_LOG_DATA_DIR "/");
        const auto multi = parse(dir + QLatin1String("multi-file-line.log"));
        QVERIFY(contains(multi, LogEntry::Level::Error, QStringLiteral("sub/chapter.tex"), 3, QStringLiteral("Undefined control sequence \\")));
        QVERIFY(contains(multi, LogEntry::Level::Error, QStringLiteral("sub/part.tex"), 2, QStringLiteral("Undefined control sequence \\")));
        QVERIFY(contains(multi, LogEntry::Level::Warning, QStringLiteral("main.tex"), 5, QStringLiteral("Reference `sec:missing'")));
        QVERIFY(contains(multi, LogEntry::Level::Warning, QStringLiteral("main.tex"), 5, QStringLiteral("Citation `nokey'")));
        QVERIFY(contains(multi, LogEntry::Level::Warning, QStringLiteral("sub/part.tex"), 2, QStringLiteral("Reference `sec:intro'")));
        QVERIFY(contains(multi, LogEntry::Level::Typesetting, QStringLiteral("main.tex"), 8, QStringLiteral("Overfull \\hbox")));

        // Without -file-line-error: "! ..." plus "l.N" in the innermost open file.
        const auto bang = parse(dir + QLatin1String("multi-bang-wrapped.log"));
        QVERIFY(contains(bang, LogEntry::Level::Error, QStringLiteral("sub/chapter.tex"), 3, QStringLiteral("Undefined control sequence \\")));

        // A file name wrapped at column 79 is re-joined.
        const auto warnings = parse(dir + QLatin1String("warnings-wrapped.log"));
        QVERIFY(contains(warnings, LogEntry::Level::Error,
                         QStringLiteral("chapters/a-rather-long-folder-name-for-wrapping/and-another-long-subfolder-name/"
                                        "the-chapter-file-with-a-long-name.tex"),
                         2, QStringLiteral("Undefined control sequence \\")));
        QVERIFY(contains(warnings, LogEntry::Level::Warning, QStringLiteral("main.tex"), 5,
                         QStringLiteral("Token not allowed in a PDF string (Unicode): removing `math shift' on input line 5.")));
        QVERIFY(contains(warnings, LogEntry::Level::Typesetting, QStringLiteral("main.tex"), 13, QStringLiteral("Underfull \\vbox")));

        // A class's warning, continued on a "(thesis)" line and wrapped at column 79.
        const auto classWarning = parse(dir + QLatin1String("class-warning.log"));
        QVERIFY(contains(classWarning, LogEntry::Level::Warning, QStringLiteral("main.tex"), 5,
                         QStringLiteral("Class thesis Warning: No faculty given for supervisor Ada Lovelace; "
                                        "the title page will leave the faculty line empty on input line 5.")));
        QVERIFY(contains(classWarning, LogEntry::Level::Warning, QStringLiteral("main.tex"), 0,
                         QStringLiteral("Class thesis Warning: The abstract is missing.")));

        const auto missing = parse(dir + QLatin1String("missing-package.log"));
        QVERIFY(contains(missing, LogEntry::Level::Error, QStringLiteral("main.tex"), 0, QStringLiteral("File `nosuchpackage.sty' not found.")));

        const auto bibtex = parse(dir + QLatin1String("bibtex-missing-database.blg"));
        QVERIFY(contains(bibtex, LogEntry::Level::Error, QStringLiteral("output.aux"), 6, QStringLiteral("I couldn't open database file missingdb.bib")));
        QVERIFY(contains(bibtex, LogEntry::Level::Error, QStringLiteral("refs.bib"), 13, QStringLiteral("Repeated entry")));
        QVERIFY(contains(bibtex, LogEntry::Level::Warning, QString(), 0, QStringLiteral("I didn't find a database entry for \"nokey\"")));

        const auto biber = parse(dir + QLatin1String("biber-errors.blg"));
        QVERIFY(contains(biber, LogEntry::Level::Error, QStringLiteral("refs.bib"), 12, QStringLiteral("syntax error")));
        const auto biberWarnings = parse(dir + QLatin1String("biber-warnings.blg"));
        QVERIFY(contains(biberWarnings, LogEntry::Level::Warning, QString(), 0, QStringLiteral("I didn't find a database entry for 'nokey'")));
    }

    // "Undefined control sequence." names the macro from the first context line, typed in
    // the text or inside a macro's expansion; the context lines stay in the entry's raw text.
    void undefinedControlSequenceNamesTheMacro()
    {
        const auto entries = parse(QStringLiteral(COAUTHOR_LOG_DATA_DIR "/undefined-macro.log"));
        QVERIFY(contains(entries, LogEntry::Level::Error, QStringLiteral("main.tex"), 6,
                         QStringLiteral("Undefined control sequence \\undefinedmacro")));
        QVERIFY(contains(entries, LogEntry::Level::Error, QStringLiteral("main.tex"), 8,
                         QStringLiteral("Undefined control sequence \\innerundefined")));
        for (const LogEntry &entry : entries) {
            if (entry.line == 6)
                QVERIFY2(entry.raw.contains(QLatin1String("l.6 More text \\undefinedmacro\n")) && entry.raw.contains(QLatin1String("{} here.")),
                         qPrintable(entry.raw));
        }
    }

    // In batch mode a missing package ends with "Emergency stop." at the next line TeX
    // read: that is the same error, kept in its context, not a second one at a wrong line.
    void aMissingPackageIsOneErrorWithTheStopInItsContext()
    {
        const auto entries = parse(QStringLiteral(COAUTHOR_LOG_DATA_DIR "/missing-package-line.log"));
        QCOMPARE(entries.size(), 1);
        QVERIFY(entries.first().message.contains(QLatin1String("File `nosuchpackage.sty' not found.")));
        QVERIFY(entries.first().raw.contains(QLatin1String("Emergency stop.")));
        QCOMPARE(MissingFile::fromMessage(entries.first().message), QStringLiteral("nosuchpackage.sty"));
    }

    void theUsepackageLineOfAMissingFile()
    {
        const QString source = QStringLiteral("\\documentclass[a4paper]{thesisclass}\n"
                                              "% \\usepackage{foo}\n"
                                              "\\usepackage{amsmath}\n"
                                              "\\usepackage[opt]{graphicx,\n"
                                              "   foo}\n"
                                              "\\RequirePackage{bar}\n");
        QCOMPARE(MissingFile::lineOfUse(source, QStringLiteral("foo.sty")), 5);
        QCOMPARE(MissingFile::lineOfUse(source, QStringLiteral("bar.sty")), 6);
        QCOMPARE(MissingFile::lineOfUse(source, QStringLiteral("thesisclass.cls")), 1);
        QCOMPARE(MissingFile::lineOfUse(source, QStringLiteral("thesisclass.sty")), 0); // a class is no package
        QCOMPARE(MissingFile::lineOfUse(source, QStringLiteral("amsmat.sty")), 0);
    }

    // The table is dpkg's file lists of Debian 12's texlive-* packages.
    void theDebianPackageOfCommonStyles()
    {
        QCOMPARE(MissingFile::debianPackage(QStringLiteral("siunitx.sty")), QStringLiteral("texlive-science"));
        QCOMPARE(MissingFile::debianPackage(QStringLiteral("tikz.sty")), QStringLiteral("texlive-pictures"));
        QCOMPARE(MissingFile::debianPackage(QStringLiteral("nomencl.sty")), QStringLiteral("texlive-latex-extra"));
        QCOMPARE(MissingFile::debianPackage(QStringLiteral("fontspec.sty")), QStringLiteral("texlive-latex-recommended"));
        QCOMPARE(MissingFile::debianPackage(QStringLiteral("nosuchpackage.sty")), QString());
    }

    // glossaries-extra's record option needs bib2gls, which runs only with the local user's
    // full shell escape (and when it and Java are installed): without it the glossary is
    // silently empty, so the log's "No file `output.glstex'" gets a hint saying why, as a code
    // the app words in the user's language (English on the command line).
    void aGlossaryThatBib2glsDidNotBuildSaysWhy()
    {
        QTemporaryDir compileDir;
        QVERIFY(compileDir.isValid());
        CompileResult result;
        result.logPath = QStringLiteral(COAUTHOR_LOG_DATA_DIR "/bib2gls-not-run.log");
        result.compileDir = compileDir.path();
        result.stdOut = "Latexmk: applying rule 'pdflatex'...\nRun number 1 of rule 'pdflatex'\n";
        const LogEntry notRun = glstexEntry(LogParser::parseBuild(result));
        QCOMPARE(notRun.message, QStringLiteral("Package glossaries-extra Warning: No file `output.glstex' on input line 4."));
        QCOMPARE(notRun.hint, BuiltInRules::bib2glsInstalled() ? LogHint::Bib2glsNeedsFullShellEscape
                                                               : LogHint::Bib2glsNotInstalled);
        QVERIFY(notRun.hintArguments.isEmpty());
        const QString english = messageWithHint(notRun);
        QVERIFY2(english.startsWith(notRun.message + u' '), qPrintable(english));
        QVERIFY2(english.contains(BuiltInRules::bib2glsInstalled() ? QLatin1String("full shell escape")
                                                                   : QLatin1String("not installed")),
                 qPrintable(english));

        // latexmk ran bib2gls's rule, which left no transcript: see where its log would be.
        result.stdOut += "Latexmk: applying rule 'cusdep aux glstex output'...\n";
        const LogEntry ruleRan = glstexEntry(LogParser::parseBuild(result));
        QCOMPARE(ruleRan.hint, LogHint::Bib2glsFailed);
        QCOMPARE(ruleRan.hintArguments, QStringList{QStringLiteral("output.glg")});
        QVERIFY2(messageWithHint(ruleRan).endsWith(QLatin1String("see its log, output.glg.")), qPrintable(messageWithHint(ruleRan)));

        // Any other missing file is left as it is.
        const QList<LogEntry> other = LogParser::parseLatexLog(QStringLiteral("Package foo Warning: No file `output.xyz' on input line 4.\n"));
        QCOMPARE(other.size(), 1);
        QCOMPARE(other.first().hint, LogHint::None);
        QCOMPARE(messageWithHint(other.first()), other.first().message);
    }

    // Whether bib2gls ran is read from the transcript it leaves, output.glg (named after the
    // log's output.glstex), not only from latexmk's rule names: a compile latexmk did not run
    // (the fast path runs the engine itself) is read right, and the hint gives bib2gls's error.
    // The .glg below is what bib2gls 3.2 wrote for \GlsXtrLoadResources[src={nosuch}].
    void bib2glssOwnTranscriptSaysItRanAndWhyItFailed()
    {
        QTemporaryDir compileDir;
        QVERIFY(compileDir.isValid());
        CompileResult result;
        result.logPath = QStringLiteral(COAUTHOR_LOG_DATA_DIR "/bib2gls-not-run.log");
        result.compileDir = compileDir.path();
        QVERIFY(QFile::copy(QStringLiteral(COAUTHOR_LOG_DATA_DIR "/bib2gls-no-bib.glg"), compileDir.filePath(QStringLiteral("output.glg"))));
        const LogEntry failed = glstexEntry(LogParser::parseBuild(result)); // no latexmk transcript at all
        QCOMPARE(failed.hint, LogHint::Bib2glsError);
        QCOMPARE(failed.hintArguments,
                 (QStringList{QStringLiteral("output.glg"), QStringLiteral("nosuch.bib (No such file or directory)")}));
        QCOMPARE(messageWithHint(failed),
                 failed.message + QStringLiteral(" bib2gls ran but wrote no glossary: nosuch.bib (No such file or directory) "
                                                 "(its log: output.glg)."));

        // A transcript with no "Error:" line: bib2gls ran, its log says the rest.
        QVERIFY(QFile::remove(compileDir.filePath(QStringLiteral("output.glg"))));
        QTemporaryDir buildDir; // the build directory is looked in too
        result.buildDir = buildDir.path();
        QFile glg(buildDir.filePath(QStringLiteral("output.glg")));
        QVERIFY(glg.open(QIODevice::WriteOnly));
        glg.write("bib2gls 3.2 (2022-11-24)\nReading output.aux\n");
        glg.close();
        const LogEntry ran = glstexEntry(LogParser::parseBuild(result));
        QCOMPARE(ran.hint, LogHint::Bib2glsFailed);
        QCOMPARE(ran.hintArguments, QStringList{QStringLiteral("output.glg")});

        // An argument is filled in once: a "%1" in bib2gls's error stays as it is.
        LogEntry percent = failed;
        percent.hintArguments = {QStringLiteral("output.glg"), QStringLiteral("100%1 wrong")};
        QVERIFY2(hintText(percent).contains(QLatin1String("100%1 wrong (its log: output.glg)")), qPrintable(hintText(percent)));
        // The app's translation is used when given, with the same arguments.
        QCOMPARE(hintText(failed, QStringLiteral("[%1|%2]")), QStringLiteral("[output.glg|nosuch.bib (No such file or directory)]"));
    }

    void unbalancedTextDoesNotCrash()
    {
        // Never crash on bad input: stray parentheses, lone markers, truncated errors.
        const QString junk = QStringLiteral("))))(((\n! \nl.\n./x.tex:: \nOverfull \\hbox (\nLaTeX Warning: \n(\"unterminated\n");
        const auto entries = LogParser::parseLatexLog(junk);
        QVERIFY(entries.size() >= 1);
        QVERIFY(LogParser::parseBibtexLog(junk).isEmpty());
        QVERIFY(LogParser::parseBiberLog(junk).isEmpty());
        QVERIFY(LogParser::parseLatexLog(QString()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLogParser)
#include "tst_logparser.moc"
