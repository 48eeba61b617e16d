#include "compile/fastrecompile.h"

#include "compile/enginepass.h"
#include "compile/includesplice.h"
#include "compile/logparser.h"
#include "compile/recorderlog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QThread>

namespace coauthor::compile {

namespace {

// Files a pass may read that the engine itself handles (the sync wrote them): a change in
// any other kind of file (.bib, .bst, .ist, .bbx …) is a tool's input, so latexmk decides.
bool isTypesetInput(const QString &path)
{
    static const QStringList suffixes{
        QStringLiteral("tex"), QStringLiteral("ltx"), QStringLiteral("sty"), QStringLiteral("cls"),
        QStringLiteral("cfg"), QStringLiteral("def"), QStringLiteral("clo"), QStringLiteral("fd"),
        QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("pdf"),
        QStringLiteral("eps"), QStringLiteral("ps"), QStringLiteral("mps"), QStringLiteral("svg"),
        QStringLiteral("csv"), QStringLiteral("dat"), QStringLiteral("txt"), QStringLiteral("tikz"),
        QStringLiteral("pgf"), QStringLiteral("table")};
    return suffixes.contains(QFileInfo(path).suffix().toLower());
}

// What a pass's log says that only a tool run can answer: a tool's output that is not
// there, or biblatex asking for biber/bibtex.
const QRegularExpression &needsToolPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(No file output\.\S+|Please \(re\)run (Biber|BibTeX)[^\n]*)"));
    return pattern;
}

// What a pass's log says when another pass would change the output.
const QRegularExpression &rerunPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(Rerun to get|Please rerun LaTeX|Rerun LaTeX|Label\(s\) may have changed|has changed\. Rerun)"));
    return pattern;
}

// Outputs that are never read back (the PDF can be large): not hashed.
bool isFinalOutput(const QString &path)
{
    for (const char *suffix : {".pdf", ".log", ".synctex.gz", ".synctex", ".xdv", ".dvi", ".fls", ".includes"}) {
        if (path.endsWith(QLatin1String(suffix)))
            return true;
    }
    return false;
}

QSet<QString> readBackCandidates(const RecorderLog &log)
{
    QSet<QString> paths;
    for (const QString &path : log.outputs()) {
        if (!isFinalOutput(path))
            paths.insert(path);
    }
    return paths;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString settingsText(const CompileRequest &request)
{
    const CompileOptions &options = request.options;
    return QStringLiteral("v1\nengine=%1\ndraft=%2\nshell=%3\nstop=%4\nroot=%5\n")
        .arg(engineName(options.engine))
        .arg(options.draft ? 1 : 0)
        .arg(options.shellEscape == ShellEscape::Full ? QStringLiteral("full") : QStringLiteral("restricted"))
        .arg(options.stopOnFirstError ? 1 : 0)
        .arg(request.rootDocument);
}

QString markerPath(const QString &projectRoot)
{
    return projectRoot + QLatin1String("/lastbuild");
}

// The problems a user would see, without the raw text (its file-stack context differs
// between a run with and without a format).
QStringList problems(const QString &logPath)
{
    QStringList list;
    for (const LogEntry &entry : LogParser::parseLatexLog(QString::fromUtf8(readFile(logPath))))
        list << QStringLiteral("%1 %2:%3 %4").arg(levelName(entry.level), entry.file).arg(entry.line).arg(entry.message);
    return list;
}

} // namespace

FastRecompile::FastRecompile(Setup setup)
    : m_setup(std::move(setup))
{
    if (m_setup.compileDir.isEmpty())
        m_setup.compileDir = m_setup.workDir;
}

TexProcess::Confinement FastRecompile::passConfinement(const QStringList &readOnlyPaths) const
{
    return {m_setup.sandbox, readOnlyPaths, m_setup.compileDir};
}

// The PDF's text as pdftotext (poppler-utils) gives it, one form feed per page; nullopt on
// failure. The PDF is the project's: in a sandbox, pdftotext parses it inside it too.
std::optional<QByteArray> FastRecompile::pdfText(const QString &pdfPath, const std::atomic_bool *cancel) const
{
    return TexProcess::pdfText(pdfPath, m_setup.workDir, m_setup.compileDir, passConfinement(), cancel);
}

FastRecompile::~FastRecompile() = default;

QString FastRecompile::rootFile() const
{
    return QFileInfo(m_setup.request.rootDocument).fileName();
}

bool FastRecompile::takeBuildRecord(const QString &projectRoot, const CompileRequest &request)
{
    const bool matches = QString::fromUtf8(readFile(markerPath(projectRoot))) == settingsText(request);
    QFile::remove(markerPath(projectRoot));
    return matches;
}

void FastRecompile::recordBuild(const QString &projectRoot, const CompileRequest &request)
{
    // Not a QSaveFile: its fsync costs tens of milliseconds on a busy disk, on every
    // compile; a torn record does not match the settings, which only means latexmk.
    QFile file(markerPath(projectRoot));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(settingsText(request).toUtf8());
}

QString FastRecompile::latexmkReason() const
{
    const CompileRequest &request = m_setup.request;
    if (m_setup.strategy == Strategy::Latexmk)
        return QStringLiteral("the fast path is off");
    if (request.syncType != SyncType::Incremental)
        return QStringLiteral("a full compile");
    if (!EnginePass::supports(request.options.engine))
        return QStringLiteral("%1 goes through DVI and dvipdfmx").arg(engineName(request.options.engine));
    if (!m_setup.completeBuild)
        return QStringLiteral("no complete earlier build with these settings in the compile directory");
    for (const QString &path : m_setup.writtenPaths) {
        if (!isTypesetInput(path))
            return QStringLiteral("%1 changed").arg(path);
    }
    if (!QFileInfo::exists(m_setup.workDir + QLatin1String("/output.fls")))
        return QStringLiteral("the last build left no recorder file");
    return QString();
}

FastRecompile::FormatPlan FastRecompile::planFormat(QByteArray *transcript)
{
    if (m_setup.strategy != Strategy::EngineWithFormat)
        return FormatPlan::None;
    const QByteArray rootText = readFile(m_setup.workDir + u'/' + rootFile());
    const QString unsupported = PreambleFormat::unsupportedReason(rootText, m_setup.request.options);
    if (!unsupported.isEmpty()) {
        *transcript += "Coauthor: no preamble format: " + unsupported.toUtf8() + '\n';
        return FormatPlan::None;
    }
    m_format = std::make_unique<PreambleFormat>(m_setup.projectRoot + QLatin1String("/preamble"));
    m_formatKey = PreambleFormat::keyFor(rootText, m_setup.request.options);
    switch (m_format->state(m_formatKey)) {
    case PreambleFormat::State::Verified:
        *transcript += "Coauthor: on the verified preamble format " + m_format->formatFile().toUtf8() + '\n';
        return FormatPlan::Use;
    case PreambleFormat::State::Unverified:
        m_verifyPending = true;
        return FormatPlan::None;
    case PreambleFormat::State::Rejected:
        *transcript += "Coauthor: no preamble format: " + m_format->rejectedReason().toUtf8() + '\n';
        return FormatPlan::None;
    case PreambleFormat::State::None:
        break;
    }
    m_verifyPending = true;
    return FormatPlan::Dump;
}

FastRecompile::Outcome FastRecompile::run(const std::atomic_bool *cancel, qint64 timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QByteArray transcript = "Coauthor: incremental compile: the service runs " + engineName(m_setup.request.options.engine).toUtf8()
        + " itself (latexmk only where it must decide)\n";
    const FormatPlan plan = planFormat(&transcript);
    const QString formatFile = plan == FormatPlan::Use ? m_format->formatFile() : QString();

    // Only the edited chapters, spliced into the last build, where that gives the same PDF.
    // Not while a new format waits for its check (it compares a whole pass with this build).
    if (!m_verifyPending && m_setup.strategy == Strategy::EngineWithFormat) {
        IncludeSplice splice({m_setup.projectRoot, m_setup.workDir, m_setup.compileDir, rootFile(), m_setup.request.options,
                              m_setup.writtenPaths, formatFile, passConfinement()});
        const QString unsuitable = splice.unsuitableReason();
        if (unsuitable.isEmpty()) {
            IncludeSplice::Outcome spliced = splice.run(cancel, timeoutMs);
            transcript += spliced.run.stdOut;
            if (spliced.spliced) {
                Outcome outcome;
                outcome.settled = true;
                outcome.run = spliced.run;
                outcome.run.stdOut = transcript;
                outcome.passes = 1;
                outcome.usedFormat = !formatFile.isEmpty();
                outcome.spliced = true;
                m_spliced = true;
                outcome.run.elapsedMs = timer.elapsed();
                return outcome;
            }
            if (spliced.run.end == TexProcess::Run::End::Cancelled || spliced.run.end == TexProcess::Run::End::TimedOut) {
                Outcome outcome;
                outcome.settled = true;
                outcome.run = spliced.run;
                outcome.run.stdOut = transcript;
                return outcome;
            }
        } else {
            transcript += "Coauthor: no splice: " + unsuitable.toUtf8() + '\n';
        }
    }

    // A new format is dumped beside the first pass (another process, another core): it
    // reads the sources and writes only into its own folder.
    std::unique_ptr<QThread> dumper;
    PreambleFormat::Dump dumped;
    if (plan == FormatPlan::Dump) {
        const qint64 dumpTimeout = std::min<qint64>(timeoutMs, 120000);
        const QString rootPath = m_setup.workDir + u'/' + rootFile();
        dumper.reset(QThread::create([this, &dumped, rootPath, dumpTimeout, cancel] {
            dumped = m_format->dump(m_setup.workDir, rootFile(), rootPath, m_setup.request.options, m_formatKey,
                                    dumpTimeout, cancel, {m_setup.sandbox, {m_setup.compileDir}, {}});
        }));
        dumper->start();
    }
    Outcome outcome = passes(formatFile, cancel, timeoutMs - timer.elapsed());
    outcome.run.stdOut.prepend(transcript);
    if (dumper) {
        dumper->wait();
        outcome.run.stdOut += "Coauthor: " + dumped.message.toUtf8() + '\n';
        if (!dumped.ok)
            m_verifyPending = false;
    }
    // An unsettled run is decided by latexmk: the format waits, unverified, for the next fast compile.
    if (!outcome.settled || outcome.run.end != TexProcess::Run::End::Finished)
        m_verifyPending = false;
    outcome.run.elapsedMs = timer.elapsed();
    return outcome;
}

FastRecompile::Outcome FastRecompile::passes(const QString &formatFile, const std::atomic_bool *cancel, qint64 timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    Outcome outcome;
    outcome.usedFormat = !formatFile.isEmpty();
    TexProcess::Run &run = outcome.run;
    const QString fls = m_setup.workDir + QLatin1String("/output.fls");
    const CompileOptions &options = m_setup.request.options;
    const auto decideByLatexmk = [&outcome](const QString &reason) {
        outcome.settled = false;
        outcome.run.stdOut += "Coauthor: latexmk decides: " + reason.toUtf8() + '\n';
        return outcome;
    };

    const auto previous = RecorderLog::read(fls);
    if (!previous)
        return decideByLatexmk(QStringLiteral("the last build left no recorder file"));
    AuxFileSnapshot before = AuxFileSnapshot::take(readBackCandidates(*previous));
    for (int pass = 1; pass <= maxPasses; ++pass) {
        run.stdOut += QStringLiteral("Coauthor: Run number %1 of rule '%2' (direct%3)\n")
                          .arg(pass)
                          .arg(engineName(options.engine), outcome.usedFormat ? QStringLiteral(", preamble format")
                                                                             : QString())
                          .toUtf8();
        // The include hooks record each \include's pages: a later compile may splice into this build.
        IncludeSplice::prepareAux(m_setup.workDir + QLatin1String("/output.aux"));
        const TexProcess::Run step = EnginePass::run(m_setup.workDir, rootFile(), options, formatFile,
                                                     timeoutMs - timer.elapsed(), cancel, passConfinement());
        run.stdOut += step.stdOut;
        run.stdErr += step.stdErr;
        run.end = step.end;
        run.exitCode = step.exitCode;
        run.message = step.message;
        outcome.passes = pass;
        if (step.end == TexProcess::Run::End::TimedOut || step.end == TexProcess::Run::End::Cancelled) {
            outcome.settled = true; // the compile's end: the Compiler reports it as latexmk's would be
            return outcome;
        }
        if (step.end == TexProcess::Run::End::FailedToStart)
            return decideByLatexmk(step.message);
        // A pass with errors is what latexmk's own pass would have given, and latexmk stops
        // after it (with -f it reruns nothing for the aux files): settled here, unless a tool
        // must run (below). Handing it over would repeat it: latexmk's database is older.
        const bool failed = step.exitCode != 0;
        const QString log = QString::fromUtf8(readFile(m_setup.workDir + QLatin1String("/output.log")));
        const QRegularExpressionMatch tool = needsToolPattern().match(log);
        if (tool.hasMatch())
            return decideByLatexmk(QStringLiteral("the log says \"%1\"").arg(tool.captured(0)));
        const auto recorded = RecorderLog::read(fls);
        if (!recorded)
            return decideByLatexmk(QStringLiteral("the pass left no recorder file"));
        const AuxFileSnapshot after = AuxFileSnapshot::take(readBackCandidates(*recorded) + before.paths());
        const AuxFileSnapshot::Comparison change = AuxFileSnapshot::compare(before, after, *recorded);
        if (change.change == AuxFileSnapshot::Change::ToolInputs)
            return decideByLatexmk(QStringLiteral("a tool's input changed: %1").arg(change.files.join(QLatin1String(", "))));
        m_lastSnapshot = after;
        if (failed) {
            run.stdOut += "Coauthor: the pass reported errors; as with latexmk, no rerun\n";
            outcome.settled = true;
            break;
        }
        const bool logAsksRerun = rerunPattern().match(log).hasMatch();
        if (change.change == AuxFileSnapshot::Change::None && !logAsksRerun) {
            outcome.settled = true;
            break;
        }
        run.stdOut += "Coauthor: rerun: "
            + (change.files.isEmpty() ? QByteArrayLiteral("the log asks for it") : change.files.join(u' ').toUtf8() + " changed")
            + '\n';
        before = after;
        if (pass == maxPasses) {
            run.stdOut += "Coauthor: still changing after the last pass allowed; the output is kept as it is\n";
            outcome.settled = true;
        }
    }
    const TexProcess::Run pdf = EnginePass::makePdf(m_setup.workDir, options, timeoutMs - timer.elapsed(), cancel,
                                                       passConfinement());
    run.stdOut += pdf.stdOut;
    run.stdErr += pdf.stdErr;
    if (pdf.end != TexProcess::Run::End::Finished || pdf.exitCode != 0) {
        run.end = pdf.end;
        run.exitCode = pdf.exitCode;
        run.message = pdf.message;
        if (pdf.end == TexProcess::Run::End::FailedToStart)
            return decideByLatexmk(pdf.message);
    }
    return outcome;
}

bool FastRecompile::verifyFormat(const QString &pdfPath, const QString &logPath, const std::atomic_bool *cancel,
                                 qint64 timeoutMs, QByteArray *transcript)
{
    if (!m_verifyPending || !m_format)
        return true;
    m_verifyPending = false;
    const auto reject = [this, transcript](const QString &reason) {
        m_format->markRejected(reason);
        *transcript += "Coauthor: the preamble format is not used: " + reason.toUtf8() + '\n';
    };
    const auto expectedText = pdfText(pdfPath, cancel);
    if (!expectedText) {
        reject(QStringLiteral("pdftotext (poppler-utils) cannot read the PDF, so the format cannot be checked"));
        return true;
    }
    const QStringList expectedProblems = problems(logPath);
    const AuxFileSnapshot before = m_lastSnapshot;
    // What the check's pass may overwrite that the next compile reads: put back when it differs.
    const QString fls = m_setup.workDir + QLatin1String("/output.fls");
    QHash<QString, QByteArray> saved;
    for (const QString &path : before.paths() + QSet<QString>{fls}) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            saved.insert(path, file.readAll());
    }
    const auto restore = [&saved] {
        bool ok = true;
        for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
            QSaveFile file(it.key());
            ok = file.open(QIODevice::WriteOnly) && file.write(it.value()) == it.value().size() && file.commit() && ok;
        }
        return ok;
    };
    const TexProcess::Run step = EnginePass::run(m_setup.workDir, rootFile(), m_setup.request.options,
                                                 m_format->formatFile(), timeoutMs, cancel, passConfinement());
    *transcript += "Coauthor: checking the new preamble format with one pass\n" + step.stdOut;
    const auto recorded = RecorderLog::read(fls);
    if (step.end == TexProcess::Run::End::Cancelled || step.end == TexProcess::Run::End::TimedOut) {
        *transcript += "Coauthor: the check was stopped; the format stays unverified\n";
        return restore(); // says nothing about the format
    }
    if (step.end != TexProcess::Run::End::Finished || step.exitCode != 0 || !recorded) {
        reject(QStringLiteral("a pass with it failed (%1)")
                   .arg(!recorded ? QStringLiteral("no recorder file")
                                  : step.message.isEmpty() ? QStringLiteral("exit code %1").arg(step.exitCode) : step.message));
        return restore();
    }
    const AuxFileSnapshot after = AuxFileSnapshot::take(before.paths() + readBackCandidates(*recorded));
    const AuxFileSnapshot::Comparison auxChange = AuxFileSnapshot::compare(before, after, *recorded);
    const bool auxSame = auxChange.change == AuxFileSnapshot::Change::None;
    const auto text = pdfText(m_setup.workDir + QLatin1String("/output.pdf"), cancel);
    if (!auxSame)
        reject(QStringLiteral("%1 differ with it").arg(auxChange.files.join(QLatin1String(", "))));
    else if (!text || *text != *expectedText)
        reject(QStringLiteral("the PDF's text or page count differs with it (%1 pages instead of %2)")
                   .arg(text ? text->count('\f') : 0)
                   .arg(expectedText->count('\f')));
    else if (problems(m_setup.workDir + QLatin1String("/output.log")) != expectedProblems)
        reject(QStringLiteral("the log's problems differ with it (a warning of the preamble, say)"));
    else {
        m_format->markVerified();
        *transcript += QStringLiteral("Coauthor: the preamble format gives the same PDF (%1 pages, same text and problems); "
                                      "the next compiles use it\n")
                           .arg(expectedText->count('\f'))
                           .toUtf8();
    }
    // The published build's files stay the compile directory's: the next compile starts from them.
    return restore();
}

} // namespace coauthor::compile
