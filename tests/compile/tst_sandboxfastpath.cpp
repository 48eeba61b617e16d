// The fast path of incremental compiles inside the compile workers' sandbox (real bwrap,
// real TeX Live): the engine passes, the preamble dump and the format's check run confined,
// give the PDF latexmk gives, and what an untrusted project tries on the fast path and
// while its preamble is dumped stays inside, each with a positive control.
#include "compile/compiler.h"
#include "compile/sandbox.h"
#include "pdftext.h"
#include "testproject.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <unistd.h>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

namespace {

using Strategy = Compiler::RecompileStrategy;

QString describe(const CompileResult &result)
{
    QString lines;
    for (const QByteArray &line : result.stdOut.split('\n')) {
        if (line.startsWith("Coauthor:") || line.startsWith("Running '"))
            lines += QString::fromUtf8(line.left(200)) + u'\n';
    }
    return statusName(result.status) + QLatin1String(": ") + result.message + u'\n' + lines;
}

bool ranDirect(const CompileResult &result)
{
    return result.stdOut.contains("Run number 1 of rule 'pdflatex' (direct") && !result.stdOut.contains("latexmk decides");
}

bool usedFormat(const CompileResult &result)
{
    return result.stdOut.contains("(direct, preamble format)");
}

bool dumpedFormat(const CompileResult &result)
{
    return result.stdOut.contains("Coauthor: preamble dumped into");
}

bool verifiedFormat(const CompileResult &result)
{
    return result.stdOut.contains("the preamble format gives the same PDF");
}

struct Step
{
    CompileResult result;
    QString text;
    int pages = 0;
    bool synctex = false; // read before later compiles prune the build
};

// A document whose preamble and body each read /etc/passwd and, with full shell escape,
// write outside the compile directory: to /tmp, to the compile directory's parent, into the
// preamble format's folder (the dump may write only its own dump/), and one file inside.
QByteArray probingDocument(const QString &marker, const QString &preambleFolder)
{
    const QByteArray m = marker.toUtf8();
    const QByteArray folder = QFileInfo(preambleFolder).absoluteFilePath().toUtf8();
    return "\\documentclass{article}\n\\usepackage{amsmath}\n"
           "\\newread\\pw \\openin\\pw=/etc/passwd \\ifeof\\pw \\def\\pwline{NOPASSWD}\\else"
           " \\readline\\pw to\\pwline \\fi\n"
           "\\immediate\\write18{echo x > /tmp/coauthor-dump-" + m + "; echo x > ../escaped-dump-" + m
        + "; echo x > " + folder + "/planted-" + m + "; echo ran > " + folder + "/dump/shell-ran}\n"
           "\\begin{document}\n"
           "Preamble read PW:\\detokenize\\expandafter{\\pwline}.\n\n"
           "\\newread\\bodypw \\openin\\bodypw=/etc/passwd \\ifeof\\bodypw BODYNOPASSWD\\else"
           " \\readline\\bodypw to\\bodyline BODYREAD:\\detokenize\\expandafter{\\bodyline}\\fi.\n\n"
           "\\immediate\\write18{echo x > /tmp/coauthor-body-" + m + "; echo x > ../escaped-body-" + m
        + "; echo ok > inside.txt}\n"
           "EDIT\n\\end{document}\n";
}

} // namespace

class TestSandboxFastPath : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;

    // A full compile, then one incremental compile per body text (replacing EDIT).
    QList<Step> compileWithEdits(Compiler &compiler, const QString &projectId, const QByteArray &document,
                                 const QList<QByteArray> &edits, ShellEscape shellEscape = ShellEscape::Restricted)
    {
        CompileRequest request = makeRequest(projectId, {{QStringLiteral("main.tex"), document}});
        request.options.shellEscape = shellEscape;
        QList<Step> steps;
        const auto compile = [&] {
            const CompileResult result = compiler.run(request);
            steps.append({result, pdfText(result.pdfPath), pdfPageCount(result.pdfPath), QFileInfo::exists(result.synctexPath)});
            return result.status == CompileStatus::Success;
        };
        if (!compile())
            return steps;
        request.syncType = SyncType::Incremental;
        for (const QByteArray &edit : edits) {
            setDoc(request, QStringLiteral("main.tex"), QByteArray(document).replace("EDIT", edit));
            if (!compile())
                break;
        }
        return steps;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString reason = Sandbox::unavailableReason();
        if (!reason.isEmpty())
            QFAIL(qPrintable(reason));
        QVERIFY(m_cache.isValid());
    }

    // Cross references that move, a table of contents, hyperref: the direct passes (a rerun
    // among them) and then the verified preamble format, all in the sandbox, give at every
    // step the text and page count that latexmk gives.
    void aFastRecompileInTheSandboxGivesThePdfLatexmkGives()
    {
        const QByteArray document = "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{hyperref}\n"
                                    "\\begin{document}\n\\tableofcontents\n"
                                    "EDIT\n"
                                    "\\section{Alpha}\\label{sec:alpha}\nSee Section~\\ref{sec:beta} on page~\\pageref{sec:beta}.\n"
                                    "\\begin{equation}E = mc^2\\label{eq:e}\\end{equation}\n"
                                    "\\section{Beta}\\label{sec:beta}\nBack to Section~\\ref{sec:alpha} and (\\ref{eq:e}).\n"
                                    "\\end{document}\n";
        const QList<QByteArray> edits{"First words.", "\\section{Zero}\\label{sec:zero}\nNew first section.",
                                      "\\section{Zero}\\label{sec:zero}\nNew first section, edited."};
        Compiler reference(m_cache.filePath(QStringLiteral("latexmk")));
        reference.setRecompileStrategy(Strategy::Latexmk);
        const QList<Step> slow = compileWithEdits(reference, QStringLiteral("same"), document, edits);
        Compiler sandboxed(m_cache.filePath(QStringLiteral("sandboxed")));
        sandboxed.setSandbox(std::make_shared<Sandbox>());
        const QList<Step> fast = compileWithEdits(sandboxed, QStringLiteral("same"), document, edits);
        QCOMPARE(slow.size(), edits.size() + 1);
        QCOMPARE(fast.size(), slow.size());
        for (qsizetype i = 0; i < slow.size(); ++i) {
            QVERIFY2(slow[i].result.status == CompileStatus::Success, qPrintable(describe(slow[i].result)));
            QVERIFY2(fast[i].result.status == CompileStatus::Success, qPrintable(describe(fast[i].result)));
            QCOMPARE(fast[i].pages, slow[i].pages);
            QCOMPARE(fast[i].text, slow[i].text);
            QVERIFY(fast[i].synctex);
        }
        // The first edit runs pdflatex directly and dumps the format beside it; the check
        // of the format passes; the next edits run on it, the second one rerunning.
        QVERIFY2(ranDirect(fast[1].result) && dumpedFormat(fast[1].result) && verifiedFormat(fast[1].result),
                 qPrintable(describe(fast[1].result)));
        QVERIFY2(ranDirect(fast[2].result) && usedFormat(fast[2].result), qPrintable(describe(fast[2].result)));
        QVERIFY2(fast[2].result.stdOut.contains("Coauthor: rerun: "), qPrintable(describe(fast[2].result)));
        QVERIFY2(ranDirect(fast[3].result) && usedFormat(fast[3].result), qPrintable(describe(fast[3].result)));
        QVERIFY2(fast[3].text.contains(QLatin1String("See Section 3 on page 1")), qPrintable(fast[3].text));
        // The dump ran as the sandbox's user (root's sandbox runs as a uid of its range): it made its folder its own.
        if (::geteuid() == 0) {
            const QString dumpDir = QFileInfo(fast[1].result.compileDir).path() + QLatin1String("/preamble/dump");
            const uint owner = QFileInfo(dumpDir).ownerId();
            const SandboxUidRange uids = SandboxLimits().uidsWhenRoot;
            QVERIFY2(owner >= uids.first && owner - uids.first < uint(uids.count), qPrintable(QString::number(owner)));
        }
    }

    // With full shell escape (the sandbox, not TeX's restrictions, holds the line): the
    // preamble dump and the direct passes read no /etc/passwd and write nothing outside
    // their places: not /tmp, not the compile directory's parent, not the format's record.
    void theFastPathAndThePreambleDumpStayInTheSandbox()
    {
        const QString marker = QUuid::createUuid().toString(QUuid::Id128);
        Compiler sandboxed(m_cache.filePath(QStringLiteral("probe")));
        sandboxed.setSandbox(std::make_shared<Sandbox>());
        const QString projectRoot = m_cache.filePath(QStringLiteral("probe/probe"));
        const QString preambleFolder = projectRoot + QLatin1String("/preamble");
        const QByteArray document = probingDocument(marker, preambleFolder);
        const QList<Step> steps = compileWithEdits(sandboxed, QStringLiteral("probe"), document,
                                                   {"Edited once.", "Edited twice."}, ShellEscape::Full);
        QCOMPARE(steps.size(), 3);
        for (const Step &step : steps) {
            QVERIFY2(step.result.status == CompileStatus::Success, qPrintable(describe(step.result)));
            QVERIFY2(step.text.contains(QLatin1String("PW:NOPASSWD")) && step.text.contains(QLatin1String("BODYNOPASSWD")),
                     qPrintable(step.text));
            QVERIFY2(!step.text.contains(QLatin1String("root:")), qPrintable(step.text));
            QVERIFY(!step.result.stdOut.contains("root:x:0:0"));
        }
        QVERIFY2(ranDirect(steps[1].result) && dumpedFormat(steps[1].result) && verifiedFormat(steps[1].result),
                 qPrintable(describe(steps[1].result)));
        QVERIFY2(ranDirect(steps[2].result) && usedFormat(steps[2].result), qPrintable(describe(steps[2].result)));
        QVERIFY(steps[2].text.contains(QLatin1String("Edited twice.")));

        // Positive controls: full shell escape ran in the passes (a file inside the compile
        // directory) and in the dump (a file in the dump's own folder).
        QVERIFY(QFile::exists(steps[2].result.compileDir + QLatin1String("/inside.txt")));
        QVERIFY(QFile::exists(preambleFolder + QLatin1String("/dump/shell-ran")));
        for (const QString &path : QStringList{QStringLiteral("/tmp/coauthor-dump-") + marker, QStringLiteral("/tmp/coauthor-body-") + marker,
                                    projectRoot + QLatin1String("/escaped-dump-") + marker,
                                    projectRoot + QLatin1String("/escaped-body-") + marker,
                                    preambleFolder + QLatin1String("/planted-") + marker})
            QVERIFY2(!QFile::exists(path), qPrintable(path));
        // The format's record is the service's: the sandboxed dump could not write it.
        QFile record(preambleFolder + QLatin1String("/format.json"));
        QVERIFY(record.open(QIODevice::ReadOnly));
        QVERIFY(record.readAll().contains("\"verified\""));
    }

    // Positive control of the dump's confinement: the same preamble dumped outside a sandbox
    // reads /etc/passwd into the format (so a sandboxed dump would show it if it could).
    void withoutTheSandboxTheDumpReadsPasswd()
    {
        const QByteArray document = "\\documentclass{article}\n"
                                    "\\newread\\pw \\openin\\pw=/etc/passwd \\ifeof\\pw \\def\\pwline{NOPASSWD}\\else"
                                    " \\readline\\pw to\\pwline \\fi\n"
                                    "\\begin{document}\nPreamble read PW:\\detokenize\\expandafter{\\pwline}.\nEDIT\n"
                                    "\\end{document}\n";
        Compiler plain(m_cache.filePath(QStringLiteral("plain")));
        const QList<Step> steps = compileWithEdits(plain, QStringLiteral("plain"), document, {"Once.", "Twice."});
        QCOMPARE(steps.size(), 3);
        QVERIFY2(usedFormat(steps[2].result), qPrintable(describe(steps[2].result)));
        QVERIFY2(steps[2].text.contains(QLatin1String("PW:root:x:0:0")), qPrintable(steps[2].text));
    }
};

QTEST_GUILESS_MAIN(TestSandboxFastPath)
#include "tst_sandboxfastpath.moc"
