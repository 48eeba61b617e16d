#include "compile/includesplice.h"

#include "compile/enginepass.h"
#include "compile/logparser.h"
#include "compile/outputsplice.h"
#include "compile/recorderlog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>

#include <unistd.h>

namespace coauthor::compile {

namespace {

constexpr char blockStart[] = "\\makeatletter%coauthor-includes";
constexpr char blockEnd[] = "%coauthor-includes-end";
const QString partJob = QStringLiteral("output-part");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// The hooks: B <name> <pages shipped before it>, E <pages shipped at its end>, X <name> for an
// excluded one, T <pages> after the last page. \@curr@file is the name \include compares
// with \@partlist (set@curr@file's form), so the \includeonly list is built the same way.
QByteArray hookBlock(const QStringList &onlyParts)
{
    QByteArray block = blockStart;
    block += "\n\\ifx\\coauthor@ranges\\@undefined\\newwrite\\coauthor@ranges\\fi"
             "\\immediate\\openout\\coauthor@ranges=\\jobname.includes\\relax"
             "\\AddToHook{include/before}{\\immediate\\write\\coauthor@ranges{B \\@curr@file\\space\\the\\ReadonlyShipoutCounter}}"
             "\\AddToHook{include/after}{\\immediate\\write\\coauthor@ranges{E \\the\\ReadonlyShipoutCounter}}"
             "\\AddToHook{include/excluded}{\\immediate\\write\\coauthor@ranges{X \\@curr@file}}"
             "\\AddToHook{enddocument/afterlastpage}{\\immediate\\write\\coauthor@ranges{T \\the\\ReadonlyShipoutCounter}}";
    if (!onlyParts.isEmpty()) {
        block += "\\global\\let\\if@partsw\\iftrue\\global\\let\\@partlist\\@empty";
        for (const QString &part : onlyParts)
            block += "\\begingroup\\set@curr@file{" + part.toUtf8()
                + "}\\xdef\\@partlist{\\ifx\\@partlist\\@empty\\else\\@partlist,\\fi\\@strip@tex@ext\\@curr@file}\\endgroup";
    }
    block += '\n';
    block += blockEnd;
    block += '\n';
    return block;
}

QByteArray withoutBlock(const QByteArray &aux)
{
    if (!aux.startsWith(blockStart))
        return aux;
    const qsizetype end = aux.indexOf(blockEnd);
    return end < 0 ? QByteArray() : aux.mid(end + qsizetype(sizeof(blockEnd)));
}

// The main .aux without what a partial pass writes differently by design: LaTeX's page count
// (a partial build's is its own) and biblatex's bookkeeping for biber (its citation list lacks
// the chapters not typeset, and it asks for biber then). Citations are compared in the
// chapters' sources instead (citationKeys).
QByteArray comparableMainAux(const QByteArray &aux)
{
    QByteArray kept;
    for (const QByteArray &line : aux.split('\n')) {
        if (!line.startsWith("\\gdef \\@abspage@last{") && !line.startsWith("\\abx@aux@"))
            kept += line + '\n';
    }
    return kept;
}

// Every citation command's keys in a source, in order (\cite, \parencite, \footcite,
// \nocite, a project's own \mycite …), comments left out: when they are the same before and
// after the edit, the bibliography and the citation labels are too.
QStringList citationKeys(const QByteArray &source)
{
    static const QRegularExpression comment(QStringLiteral(R"((?<!\\)%[^\n]*)"));
    static const QRegularExpression cite(QStringLiteral(R"(\\(\w*cite\w*)\*?\s*((?:\[[^\]]*\]\s*)*)\{([^}]*)\})"),
                                         QRegularExpression::CaseInsensitiveOption);
    QStringList keys;
    const QString text = QString::fromUtf8(source).remove(comment);
    for (QRegularExpressionMatchIterator it = cite.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        keys << match.captured(1) + u':' + match.captured(3).simplified();
    }
    return keys;
}

// State that one chapter leaves to the next outside the .aux: definitions, lengths, page
// styles, package settings, a file it inputs (not looked into). A chapter before an edited
// one that has any of these makes the partial pass's start differ from the full pass's, so
// no splice is tried. (Counters are in the .aux checkpoint, labels and citations in the .aux.)
const QRegularExpression &crossingStatePattern()
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(\\(def|edef|gdef|xdef|let|global|newcommand|renewcommand|providecommand|DeclareRobustCommand|)"
        R"(newenvironment|renewenvironment|setlength|addtolength|settowidth|newlength|newcounter|counterwithin|)"
        R"(counterwithout|pagestyle|pagenumbering|thispagestyle|makeatletter|input|include|usepackage|)"
        R"(RequirePackage|sisetup|hypersetup|crefname|Crefname|captionsetup|setcounter|addtocounter|)"
        R"(stepcounter|refstepcounter|newtheorem|theoremstyle|geometry|newgeometry|restoregeometry|)"
        R"(twocolumn|onecolumn|selectlanguage|ExecuteBibliographyOptions|newrefsection|defbibheading|)"
        R"(newglossaryentry|newacronym|catcode|makeatother|AtBeginDocument|AddToHook|Declare\w+|New\w+|Renew\w+)\b)"));
    return pattern;
}

// Packages and biblatex styles whose output depends on what was typeset before in ways the
// .aux does not carry: first-use of acronyms and glossary entries, "ibid."/"op. cit." and
// full-first citations (biblatex's trackers), the backref of hyperref's own.
bool tracksAcrossChapters(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(glossaries(-extra)?\.sty|acronym\.sty|acro\.sty|glossary-\w+\.sty|backref\.sty|)"
        R"(.*(ibid|verbose|opcit|loccit|idem|inote|trad-|footnote-dw|chem-).*\.cbx))"));
    return pattern.match(name).hasMatch();
}

QString withoutComments(const QByteArray &source)
{
    static const QRegularExpression comment(QStringLiteral(R"((?<!\\)%[^\n]*)"));
    return QString::fromUtf8(source).remove(comment);
}

// The lines of a source that may leave state to what follows (crossingStatePattern).
QStringList crossingStateLines(const QByteArray &source)
{
    QStringList lines;
    for (const QString &line : withoutComments(source).split(u'\n')) {
        if (crossingStatePattern().match(line).hasMatch())
            lines << line.simplified();
    }
    return lines;
}

QString stripTex(const QString &path)
{
    return path.endsWith(QLatin1String(".tex")) ? path.chopped(4) : path;
}

} // namespace

bool IncludeSplice::prepareAux(const QString &auxPath, const QStringList &onlyParts)
{
    return writeFile(auxPath, hookBlock(onlyParts) + withoutBlock(readFile(auxPath)));
}

std::optional<IncludeSplice::Ranges> IncludeSplice::readRanges(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    Ranges ranges;
    bool open = false;
    bool finished = false;
    for (const QByteArray &rawLine : file.readAll().split('\n')) {
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty())
            continue;
        if (finished)
            return std::nullopt;
        const QList<QByteArray> fields = line.split(' ');
        bool ok = false;
        if (fields[0] == "B" && fields.size() == 3 && !open) {
            Part part{QString::fromUtf8(fields[1]), fields[2].toInt(&ok) + 1, 0};
            ranges.parts << part;
            open = true;
        } else if (fields[0] == "E" && fields.size() == 2 && open) {
            ranges.parts.last().last = fields[1].toInt(&ok);
            open = false;
        } else if (fields[0] == "X" && fields.size() == 2 && !open) {
            ranges.excluded << QString::fromUtf8(fields[1]);
            ok = true;
        } else if (fields[0] == "T" && fields.size() == 2 && !open) {
            ranges.pages = fields[1].toInt(&ok);
            finished = true;
        }
        if (!ok)
            return std::nullopt;
    }
    if (!finished)
        return std::nullopt;
    return ranges;
}

void IncludeSplice::forgetBase(const QString &projectRoot)
{
    QDir(projectRoot + QLatin1String("/splicebase")).removeRecursively();
}

void IncludeSplice::recordBase(const QString &projectRoot, const QString &workDir, bool spliced)
{
    forgetBase(projectRoot);
    // A splice leaves the spliced build's page texts (the next splice compares against them).
    const QString text = workDir + QLatin1String("/output.txt.next");
    const auto removeText = qScopeGuard([text] { QFile::remove(text); });
    const QString dir = projectRoot + QLatin1String("/splicebase");
    const auto ranges = readRanges(workDir + QLatin1String("/output.includes"));
    if (!ranges || ranges->parts.isEmpty() || !QDir().mkpath(dir))
        return;
    // Hard links: the compile directory's files are replaced (not rewritten) by the next
    // compile, so the base keeps this build's content at no copying cost.
    for (const char *name : {"output.pdf", "output.synctex.gz", "output.log", "output.includes"}) {
        const QByteArray from = QFile::encodeName(workDir + u'/' + QLatin1String(name));
        const QByteArray to = QFile::encodeName(dir + u'/' + QLatin1String(name));
        if (::link(from.constData(), to.constData()) != 0 && !QFile::copy(QString::fromUtf8(from), QString::fromUtf8(to))) {
            forgetBase(projectRoot);
            return;
        }
    }
    // The chapters' sources as this build typeset them: a splice compares their citations.
    for (const Part &part : std::as_const(ranges->parts)) {
        const QString copy = dir + QLatin1String("/sources/") + part.name + QLatin1String(".tex");
        if (!QDir().mkpath(QFileInfo(copy).path()) || !QFile::copy(workDir + u'/' + part.name + QLatin1String(".tex"), copy)) {
            forgetBase(projectRoot);
            return;
        }
    }
    if (spliced)
        QFile::rename(text, dir + QLatin1String("/output.txt"));
}

IncludeSplice::IncludeSplice(Setup setup)
    : m_setup(std::move(setup))
{
}

QString IncludeSplice::baseDir() const
{
    return m_setup.projectRoot + QLatin1String("/splicebase");
}

QString IncludeSplice::unsuitableReason()
{
    const auto base = readRanges(baseDir() + QLatin1String("/output.includes"));
    if (!base || !QFileInfo::exists(baseDir() + QLatin1String("/output.pdf"))
        || !QFileInfo::exists(baseDir() + QLatin1String("/output.synctex.gz")))
        return QStringLiteral("no complete build with \\include page ranges to splice into");
    m_base = *base;
    if (!m_base.excluded.isEmpty())
        return QStringLiteral("the document has its own \\includeonly");
    const QByteArray rootText = readFile(m_setup.workDir + u'/' + m_setup.rootFile);
    if (rootText.contains("\\includeonly"))
        return QStringLiteral("the document has its own \\includeonly");
    QStringList names;
    for (const Part &part : std::as_const(m_base.parts))
        names << part.name;
    if (QSet<QString>(names.cbegin(), names.cend()).size() != names.size())
        return QStringLiteral("a chapter is \\include'd twice");
    const QDir work(m_setup.workDir);
    m_edited.clear();
    for (const QString &path : m_setup.writtenPaths) {
        const QString relative = QDir::cleanPath(work.relativeFilePath(m_setup.compileDir + u'/' + path));
        if (!relative.endsWith(QLatin1String(".tex")) || !names.contains(stripTex(relative)))
            return QStringLiteral("%1 is not an \\include'd chapter").arg(path);
        if (!m_edited.contains(stripTex(relative)))
            m_edited << stripTex(relative);
    }
    if (m_edited.isEmpty())
        return QStringLiteral("nothing changed");
    for (const QString &part : std::as_const(m_edited)) {
        const QString before = baseDir() + QLatin1String("/sources/") + part + QLatin1String(".tex");
        if (!QFileInfo::exists(before))
            return QStringLiteral("the last build's %1.tex was not kept").arg(part);
        const QByteArray oldText = readFile(before);
        const QByteArray newText = readFile(m_setup.workDir + u'/' + part + QLatin1String(".tex"));
        if (citationKeys(oldText) != citationKeys(newText))
            return QStringLiteral("%1.tex cites other works than before (the bibliography may change)").arg(part);
        // A definition the edit added, changed or removed would change the chapters after it,
        // whose pages are the base's.
        if (crossingStateLines(oldText) != crossingStateLines(newText))
            return QStringLiteral("the edit of %1.tex changes a definition or setting the chapters after it may use").arg(part);
    }
    const auto recorded = RecorderLog::read(m_setup.workDir + QLatin1String("/output.fls"));
    if (!recorded)
        return QStringLiteral("the last build left no recorder file");
    for (const QString &input : recorded->inputs()) {
        if (tracksAcrossChapters(input))
            return QStringLiteral("%1 carries state from chapter to chapter outside the .aux").arg(QFileInfo(input).fileName());
    }
    if (rootText.contains("tracker") || rootText.contains("citereset"))
        return QStringLiteral("biblatex's citation trackers carry state from chapter to chapter");
    // The chapters typeset before an edited one in the full pass but not in the partial one.
    for (const Part &part : std::as_const(m_base.parts)) {
        if (m_edited.contains(part.name))
            break;
        const QString text = QString::fromUtf8(readFile(m_setup.workDir + u'/' + part.name + QLatin1String(".tex")));
        QString code;
        for (const QString &line : text.split(u'\n')) {
            static const QRegularExpression comment(QStringLiteral(R"((?<!\\)%.*$)"));
            code += QString(line).remove(comment) + u'\n';
        }
        const QRegularExpressionMatch match = crossingStatePattern().match(code);
        if (match.hasMatch())
            return QStringLiteral("%1.tex has %2, which may change what the chapters after it typeset").arg(part.name, match.captured(0));
    }
    return QString();
}

QString IncludeSplice::fallback(Outcome &outcome, const QString &reason)
{
    for (auto it = m_savedAux.cbegin(); it != m_savedAux.cend(); ++it)
        writeFile(it.key(), it.value());
    const QDir work(m_setup.workDir);
    // COAUTHOR_KEEP_PARTIAL_JOB keeps the partial job's files, to see why a splice fell back.
    if (qEnvironmentVariableIsEmpty("COAUTHOR_KEEP_PARTIAL_JOB")) {
        for (const QString &name : work.entryList({partJob + QLatin1String(".*")}, QDir::Files))
            QFile::remove(work.filePath(name));
    }
    outcome.spliced = false;
    outcome.fallbackReason = reason;
    outcome.run.stdOut += "Coauthor: splice fallback: " + reason.toUtf8() + "; the whole document is typeset\n";
    return reason;
}

std::optional<QList<QByteArray>> IncludeSplice::pageTexts(const QString &pdf, const std::atomic_bool *cancel) const
{
    const auto text = TexProcess::pdfText(pdf, m_setup.workDir, m_setup.compileDir, m_setup.confinement, cancel);
    if (!text)
        return std::nullopt;
    QList<QByteArray> pages = text->split('\f');
    if (!pages.isEmpty() && pages.last().isEmpty())
        pages.removeLast();
    return pages;
}

// Why the partial pass's result is not what a full pass would give, or empty; fills the
// page map for spliceOutputs.
QString IncludeSplice::checkPartialPass(const Ranges &partial, const std::atomic_bool *cancel, QList<int> *partToBase,
                                        QList<int> *replacing)
{
    const QString work = m_setup.workDir + u'/';
    // The partial pass typeset exactly the edited chapters, in the base's order.
    QStringList typeset;
    for (const Part &part : partial.parts)
        typeset << part.name;
    QStringList expected;
    for (const Part &part : std::as_const(m_base.parts)) {
        if (m_edited.contains(part.name))
            expected << part.name;
    }
    if (typeset != expected || partial.parts.size() + partial.excluded.size() != m_base.parts.size())
        return QStringLiteral("the partial pass typeset other chapters than asked");
    for (auto it = m_savedAux.cbegin(); it != m_savedAux.cend(); ++it) {
        if (readFile(it.key()) != it.value())
            return QStringLiteral("%1 changed (labels, counters or contents entries)").arg(QFileInfo(it.key()).fileName());
    }
    if (comparableMainAux(readFile(work + partJob + QLatin1String(".aux")))
        != comparableMainAux(withoutBlock(readFile(work + QLatin1String("output.aux")))))
        return QStringLiteral("the main .aux changed");
    // Every other file the pass wrote must equal the full build's counterpart. Not compared:
    // the outputs, the ranges, hyperref's outlines (.out: the base's outlines are kept; titles
    // are in the chapter's .aux) and biblatex's requests to biber (.bcf, .run.xml: citations
    // are compared in the sources).
    const auto recorded = RecorderLog::read(work + partJob + QLatin1String(".fls"));
    if (!recorded)
        return QStringLiteral("the partial pass left no recorder file");
    for (const QString &output : recorded->outputs()) {
        const QString name = QFileInfo(output).fileName();
        const QString suffix = name.mid(partJob.size());
        if (m_savedAux.contains(QFileInfo(output).absoluteFilePath()))
            continue;
        if (!name.startsWith(partJob + u'.'))
            return QStringLiteral("the partial pass wrote %1").arg(name);
        static const QStringList notCompared{QStringLiteral(".pdf"), QStringLiteral(".log"), QStringLiteral(".synctex.gz"),
                                             QStringLiteral(".fls"), QStringLiteral(".includes"), QStringLiteral(".out"),
                                             QStringLiteral(".bcf"), QStringLiteral(".run.xml"), QStringLiteral(".aux")};
        if (notCompared.contains(suffix))
            continue;
        if (readFile(output) != readFile(work + QLatin1String("output") + suffix))
            return QStringLiteral("output%1 would change").arg(suffix);
    }
    // Pages: each edited chapter as many as before; the rest are the base's outside chapters.
    QList<bool> inPart(m_base.pages + 1, false);
    QHash<QString, Part> baseParts;
    for (const Part &part : std::as_const(m_base.parts)) {
        baseParts.insert(part.name, part);
        for (int page = part.first; page <= part.last && page <= m_base.pages; ++page)
            inPart[page] = true;
    }
    QList<int> outside;
    for (int page = 1; page <= m_base.pages; ++page) {
        if (!inPart[page])
            outside << page;
    }
    partToBase->clear();
    replacing->clear();
    int next = 0;
    for (int page = 1; page <= partial.pages; ++page) {
        int base = 0;
        for (const Part &part : partial.parts) {
            if (page >= part.first && page <= part.last) {
                const Part &counterpart = baseParts.value(part.name);
                if (counterpart.pageCount() != part.pageCount())
                    return QStringLiteral("%1 has %2 pages instead of %3").arg(part.name).arg(part.pageCount()).arg(counterpart.pageCount());
                base = counterpart.first + (page - part.first);
                replacing->append(page);
            }
        }
        if (base == 0) {
            if (next >= outside.size())
                return QStringLiteral("the pages outside the chapters differ in number");
            base = outside[next++];
        }
        partToBase->append(base);
    }
    if (next != outside.size())
        return QStringLiteral("the pages outside the chapters differ in number");
    // Front and back matter (contents, bibliography …): the same text as the base's pages.
    const auto partText = pageTexts(work + partJob + QLatin1String(".pdf"), cancel);
    const QString baseTextPath = baseDir() + QLatin1String("/output.txt");
    QList<QByteArray> baseText;
    if (QFileInfo::exists(baseTextPath)) {
        baseText = readFile(baseTextPath).split('\f');
        baseText.removeLast();
    } else if (const auto text = pageTexts(baseDir() + QLatin1String("/output.pdf"), cancel)) {
        baseText = *text;
        writeFile(baseTextPath, baseText.join('\f') + '\f');
    }
    if (!partText || partText->size() != partial.pages || baseText.size() != m_base.pages)
        return QStringLiteral("pdftotext (poppler-utils) could not read the pages to compare");
    for (int page = 1; page <= partial.pages; ++page) {
        if (!replacing->contains(page) && partText->at(page - 1) != baseText.at(partToBase->at(page - 1) - 1))
            return QStringLiteral("page %1 (outside the chapters) reads differently").arg(partToBase->at(page - 1));
    }
    // The spliced build's text, for the next splice's comparison.
    QList<QByteArray> splicedText = baseText;
    for (int page : std::as_const(*replacing))
        splicedText[partToBase->at(page - 1) - 1] = partText->at(page - 1);
    m_spliceText = splicedText.join('\f') + '\f';
    return QString();
}

// The partial pass's log speaks only of the typeset chapters: the other chapters' problems of
// the base's log follow it, each inside its file's parentheses as TeX writes them, so that the
// log parser gives them their files again (and a later splice's merge finds them once more).
QByteArray IncludeSplice::mergedLog(const QByteArray &partialLog) const
{
    const QList<LogEntry> current = LogParser::parseLatexLog(QString::fromUtf8(partialLog));
    QByteArray kept;
    for (const LogEntry &entry : LogParser::parseLatexLog(QString::fromUtf8(readFile(baseDir() + QLatin1String("/output.log"))))) {
        const QString file = QDir::cleanPath(entry.file);
        const QString relative = QDir(m_setup.workDir).relativeFilePath(QDir(m_setup.workDir).absoluteFilePath(file));
        if (entry.file.isEmpty() || entry.raw.isEmpty() || relative == m_setup.rootFile
            || m_edited.contains(stripTex(relative)) || current.contains(entry))
            continue;
        const QString written = QFileInfo(entry.file).isAbsolute() || entry.file.startsWith(u'.') ? entry.file
                                                                                              : QLatin1String("./") + entry.file;
        kept += "(" + written.toUtf8() + "\n" + entry.raw.toUtf8() + "\n)\n";
    }
    if (kept.isEmpty())
        return partialLog;
    return partialLog + "\nCoauthor: the problems of the chapters not typeset by this pass, from the last complete build:\n" + kept;
}

IncludeSplice::Outcome IncludeSplice::run(const std::atomic_bool *cancel, qint64 timeoutMs)
{
    Outcome outcome;
    const QString work = m_setup.workDir + u'/';
    outcome.run.stdOut = "Coauthor: typesetting only " + m_edited.join(QLatin1String(", ")).toUtf8()
        + " (\\includeonly) and splicing its pages into the last complete build\n";
    // The partial job reads what the full one read of its own (.aux, .toc, .bbl, .lof …).
    const auto recorded = RecorderLog::read(work + QLatin1String("output.fls"));
    if (!recorded) {
        fallback(outcome, QStringLiteral("the last build left no recorder file"));
        return outcome;
    }
    for (const QString &input : recorded->inputs()) {
        const QFileInfo info(input);
        if (info.absolutePath() != QFileInfo(m_setup.workDir).absoluteFilePath() || !info.fileName().startsWith(QLatin1String("output.")))
            continue;
        const QString suffix = info.fileName().mid(int(qstrlen("output")));
        QFile::remove(work + partJob + suffix);
        if (!QFile::copy(input, work + partJob + suffix)) {
            fallback(outcome, QStringLiteral("cannot copy %1").arg(info.fileName()));
            return outcome;
        }
    }
    if (!QFileInfo::exists(work + partJob + QLatin1String(".aux")))
        QFile::copy(work + QLatin1String("output.aux"), work + partJob + QLatin1String(".aux"));
    m_savedAux.clear();
    for (const QString &part : std::as_const(m_edited)) {
        const QString aux = QFileInfo(work + part + QLatin1String(".aux")).absoluteFilePath();
        m_savedAux.insert(aux, readFile(aux));
    }
    if (!prepareAux(work + partJob + QLatin1String(".aux"), m_edited)) {
        fallback(outcome, QStringLiteral("cannot write the partial job's .aux"));
        return outcome;
    }
    const TexProcess::Run step = EnginePass::run(m_setup.workDir, m_setup.rootFile, m_setup.options, m_setup.formatFile,
                                                 timeoutMs, cancel, m_setup.confinement, partJob);
    outcome.run.stdOut += step.stdOut;
    outcome.run.stdErr += step.stdErr;
    outcome.run.end = step.end;
    outcome.run.exitCode = step.exitCode;
    outcome.run.message = step.message;
    if (step.end != TexProcess::Run::End::Finished) {
        fallback(outcome, step.message.isEmpty() ? QStringLiteral("the partial pass did not finish") : step.message);
        return outcome;
    }
    if (step.exitCode != 0) {
        fallback(outcome, QStringLiteral("the partial pass reported errors"));
        return outcome;
    }
    const auto partial = readRanges(work + partJob + QLatin1String(".includes"));
    if (!partial) {
        fallback(outcome, QStringLiteral("the partial pass left no page ranges"));
        return outcome;
    }
    const QByteArray log = readFile(work + partJob + QLatin1String(".log"));
    static const QRegularExpression rerun(
        QStringLiteral(R"((Rerun to get|Please rerun LaTeX|Rerun LaTeX|Label\(s\) may have changed|has changed\. Rerun|No file output-part\.|Please \(re\)run)[^\n]*)"));
    // Two requests are about what the partial pass writes without the other chapters: hyperref's
    // outlines (.out; the spliced PDF keeps the base's) and biblatex's citation list for biber
    // (.bcf; the chapter's citations are in its .aux, compared below, and the bibliography's
    // pages are compared with the base's).
    for (QRegularExpressionMatchIterator it = rerun.globalMatch(QString::fromUtf8(log)); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (match.captured(0).startsWith(QLatin1String("Rerun to get outlines right"))
            || match.captured(0).startsWith(QLatin1String("Please (re)run Biber on the file:")))
            continue;
        fallback(outcome, QStringLiteral("the partial pass's log says \"%1\"").arg(match.captured(0)));
        return outcome;
    }
    QList<int> partToBase;
    QList<int> replacing;
    const QString mismatch = checkPartialPass(*partial, cancel, &partToBase, &replacing);
    if (!mismatch.isEmpty()) {
        fallback(outcome, mismatch);
        return outcome;
    }
    OutputSplice splice{baseDir() + QLatin1String("/output.pdf"), work + partJob + QLatin1String(".pdf"),
                        work + QLatin1String("output.pdf"), baseDir() + QLatin1String("/output.synctex.gz"),
                        work + partJob + QLatin1String(".synctex.gz"), work + QLatin1String("output.synctex.gz"),
                        partToBase, replacing};
    QString error;
    if (!spliceOutputs(splice, &error)) {
        fallback(outcome, QStringLiteral("the splice failed: %1").arg(error));
        return outcome;
    }
    // The base's .aux, .fls and ranges stay the compile directory's (the chapter's .aux is
    // unchanged): the spliced build is itself a base. The log is the partial pass's.
    if (!writeFile(work + QLatin1String("output.log"), mergedLog(log))) {
        fallback(outcome, QStringLiteral("cannot write output.log"));
        return outcome;
    }
    for (const QString &name : QDir(m_setup.workDir).entryList({partJob + QLatin1String(".*")}, QDir::Files))
        QFile::remove(work + name);
    writeFile(work + QLatin1String("output.txt.next"), m_spliceText);
    outcome.spliced = true;
    outcome.run.stdOut += QStringLiteral("Coauthor: spliced %1 pages into the last build's %2\n")
                              .arg(replacing.size())
                              .arg(m_base.pages)
                              .toUtf8();
    return outcome;
}

} // namespace coauthor::compile
