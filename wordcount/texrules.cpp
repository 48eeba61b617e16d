#include "wordcount/texrules.h"

#include <initializer_list>

namespace coauthor::wordcount {

namespace {

using namespace State;

QList<int> ignoring(int n)
{
    return QList<int>(n, Ignore);
}

void add(QHash<QString, QList<int>> &table, const QList<int> &rule, std::initializer_list<const char *> names)
{
    for (const char *name : names)
        table.insert(QString::fromLatin1(name), rule);
}

void addEnvironments(QHash<QString, int> &table, int state, std::initializer_list<const char *> names)
{
    for (const char *name : names)
        table.insert(QString::fromLatin1(name), state);
}

} // namespace

TexRules TexRules::core()
{
    TexRules r;
    add(r.packageInclude, {Option, Ignore, SpecialArgument}, {"\\usepackage", "\\RequirePackage"});
    add(r.preamble, {ToHeader}, {"\\title"});
    add(r.preamble, {FloatText}, {"\\thanks"});
    add(r.preamble, {ExcludeStronger, ExcludeStronger}, {"\\newcommand", "\\renewcommand"});
    add(r.preamble, {ExcludeStronger, ExcludeStronger, ExcludeStronger}, {"\\newenvironment", "\\renewenvironment"});
    add(r.floatIncluded, {FloatText}, {"\\caption"});

    // TeXcount merges the three tables above into its macro table.
    for (auto *table : {&r.preamble, &r.floatIncluded, &r.packageInclude}) {
        for (auto it = table->cbegin(); it != table->cend(); ++it)
            r.macros.insert(it.key(), it.value());
    }
    QHash<QString, QList<int>> &m = r.macros;
    add(m, {Text}, {"\\textnormal", "\\textrm", "\\textit", "\\textbf", "\\textsf", "\\texttt", "\\textsc", "\\textsl",
                    "\\textup", "\\textmd", "\\makebox", "\\mbox", "\\framebox", "\\fbox", "\\uppercase", "\\lowercase",
                    "\\textsuperscript", "\\textsubscript", "\\citetext"});
    add(m, {Option, Text}, {"\\item"});
    add(m, {Option, Ignore}, {"\\linebreak", "\\nolinebreak", "\\pagebreak", "\\nopagebreak"});
    add(m, {}, {"\\maketitle", "\\indent", "\\noindent", "\\centering", "\\raggedright", "\\raggedleft", "\\clearpage",
                "\\cleardoublepage", "\\newline", "\\newpage", "\\smallskip", "\\medskip", "\\bigskip", "\\vfill",
                "\\hfill", "\\hrulefill", "\\dotfill", "\\normalsize", "\\small", "\\footnotesize", "\\scriptsize",
                "\\tiny", "\\large", "\\Large", "\\LARGE", "\\huge", "\\Huge", "\\normalfont", "\\em", "\\rm", "\\it",
                "\\bf", "\\sf", "\\tt", "\\sc", "\\sl", "\\rmfamily", "\\sffamily", "\\ttfamily", "\\upshape",
                "\\itshape", "\\slshape", "\\scshape", "\\mdseries", "\\bfseries", "\\selectfont",
                "\\tableofcontents", "\\listoftables", "\\listoffigures"});
    add(m, ignoring(1), {"\\begin", "\\end", "\\documentclass", "\\documentstyle", "\\hyphenation", "\\pagestyle",
                         "\\thispagestyle", "\\author", "\\date", "\\bibliographystyle", "\\bibliography",
                         "\\pagenumbering", "\\markright", "\\includeonly", "\\includegraphics", "\\special",
                         "\\label", "\\ref", "\\pageref", "\\bibitem", "\\eqlabel", "\\eqref", "\\hspace", "\\vspace",
                         "\\addvspace", "\\newsavebox", "\\usebox", "\\newlength", "\\newcounter", "\\stepcounter",
                         "\\refstepcounter", "\\usecounter", "\\fontfamily", "\\fontseries", "\\alph", "\\arabic",
                         "\\fnsymbol", "\\roman", "\\value", "\\typeout", "\\typein", "\\cline"});
    add(m, ignoring(2), {"\\newfont", "\\newtheorem", "\\sbox", "\\savebox", "\\rule", "\\markboth", "\\setlength",
                         "\\addtolength", "\\settodepth", "\\settoheight", "\\settowidth", "\\setcounter",
                         "\\addtocontents", "\\addtocounter", "\\fontsize"});
    add(m, ignoring(3), {"\\addcontentsline"});
    add(m, ignoring(6), {"\\DeclareFontShape"});
    add(m, {Option, Text, Ignore}, {"\\cite", "\\nocite", "\\citep", "\\citet", "\\citeauthor", "\\citeyear",
                                    "\\citeyearpar", "\\citealp", "\\citealt", "\\Citep", "\\Citet", "\\Citealp",
                                    "\\Citealt", "\\Citeauthor"});
    add(m, {Ignore, Text}, {"\\parbox", "\\raisebox"});
    add(m, {FloatText}, {"\\marginpar", "\\footnote", "\\footnotetext"});
    add(m, {ToHeader}, {"\\title", "\\part", "\\chapter", "\\section", "\\subsection", "\\subsubsection", "\\paragraph",
                        "\\subparagraph"});
    add(m, {ExcludeStronger, ExcludeStronger, Text}, {"\\multicolumn"});
    add(m, {ExcludeStronger, ExcludeStronger}, {"\\newcommand", "\\renewcommand"});
    add(m, {ExcludeStronger, ExcludeStronger, ExcludeStronger}, {"\\newenvironment", "\\renewenvironment"});
    // Arguments of \begin{...} itself.
    add(m, ignoring(1), {"beginthebibliography", "beginlrbox", "beginminipage"});
    add(m, ignoring(2), {"beginlist"});
    add(m, {Ignore}, {"beginletter"});
    add(m, {ExcludeStronger}, {"begintabular"});
    add(m, {Ignore, ExcludeStronger}, {"begintabular*"});
    add(m, {Option, Text}, {"begintheorem", "beginthm", "beginlemma", "begindefinition", "begincorollary",
                            "beginexample", "beginproof", "beginpf"});
    add(m, {NoOptions}, {"beginverbatim"});

    addEnvironments(r.environments, Ignore, {"titlepage", "tabbing", "tabular", "tabular*", "thebibliography", "lrbox"});
    addEnvironments(r.environments, Text,
                    {"document", "letter", "center", "flushleft", "flushright", "abstract", "quote", "quotation",
                     "verse", "minipage", "description", "enumerate", "itemize", "list", "theorem", "thm", "lemma",
                     "definition", "corollary", "example", "proof", "pf"});
    addEnvironments(r.environments, ToInlineMath, {"math"});
    addEnvironments(r.environments, ToDisplayMath,
                    {"displaymath", "equation", "equation*", "eqnarray", "eqnarray*", "align", "align*"});
    addEnvironments(r.environments, ToFloat, {"float", "picture", "figure", "figure*", "table", "table*"});
    addEnvironments(r.environments, ExcludeAll, {"verbatim", "tikzpicture"});

    r.macroCounts.insert(QStringLiteral("\\LaTeX"), {1, {}});
    r.macroCounts.insert(QStringLiteral("\\TeX"), {1, {}});
    r.macroCounts.insert(QStringLiteral("beginabstract"), {0, {ToHeader, HeaderText}});

    r.fileIncludes.insert(QStringLiteral("\\input"), QStringLiteral("input"));
    r.fileIncludes.insert(QStringLiteral("\\include"), QStringLiteral("texfile"));
    return r;
}

void TexRules::includePackage(const QString &name)
{
    if (packages.contains(name))
        return;
    packages.insert(name);
    QHash<QString, QList<int>> &m = macros;
    if (name == QLatin1String("alltt")) {
        environments.insert(QStringLiteral("alltt"), ExcludeAll);
    } else if (name == QLatin1String("babel")) {
        addEnvironments(environments, Text, {"otherlanguage", "otherlanguage*"});
        add(m, ignoring(1), {"\\selectlanguage", "beginotherlanguage", "beginotherlanguage*"});
        add(m, {Ignore, Text}, {"\\foreignlanguage"});
    } else if (name == QLatin1String("comment")) {
        environments.insert(QStringLiteral("comment"), ExcludeStronger);
    } else if (name == QLatin1String("color") || name == QLatin1String("xcolor")) {
        add(m, {Ignore, Text}, {"\\textcolor", "\\colorbox"});
        add(m, ignoring(1), {"\\color", "\\pagecolor"});
        add(m, {}, {"\\normalcolor"});
        add(m, {Ignore, Ignore, Text}, {"\\fcolorbox"});
        add(m, ignoring(3), {"\\definecolor"});
        if (name == QLatin1String("xcolor"))
            add(m, ignoring(2), {"\\colorlet"});
    } else if (name == QLatin1String("endnotes")) {
        add(m, {FloatText}, {"\\endnote", "\\endnotetext", "\\addtoendnotetext"});
    } else if (name == QLatin1String("etoolbox") || name == QLatin1String("xparse")) {
        add(m, {ExcludeStronger, Ignore, Ignore, Ignore}, {"\\apptocmd", "\\pretocmd"});
        add(m, {ExcludeStronger, ExcludeStronger, ExcludeStronger, Ignore, Ignore}, {"\\patchcmd"});
    } else if (name == QLatin1String("fancyhdr")) {
        add(m, ignoring(1), {"\\fancyhf", "\\lhead", "\\chead", "\\rhead", "\\lfoot", "\\cfoot", "\\rfoot"});
    } else if (name == QLatin1String("geometry")) {
        add(m, ignoring(1), {"\\geometry", "\\newgeometry", "\\savegeometry", "\\loadgeometry"});
        add(m, {}, {"\\restoregeometry"});
    } else if (name == QLatin1String("graphicx")) {
        add(m, ignoring(1), {"\\DeclareGraphicsExtensions", "\\graphicspath", "\\rotatebox", "\\scalebox",
                             "\\reflectbox", "\\resizebox"});
        add(m, {Option, Ignore, Ignore}, {"\\includegraphics"});
        add(m, {Option, Ignore, Option, Ignore, Option, Ignore, Ignore}, {"\\includegraphics*"});
    } else if (name == QLatin1String("hyperref")) {
        add(m, {Option, Ignore, Text}, {"\\hyperref"});
        add(m, ignoring(1), {"\\url", "\\nolinkurl", "\\hyperbaseurl", "\\autoref", "\\autopageref", "\\hypersetup",
                             "\\urlstyle", "\\hypercalcbp"});
        add(m, {Ignore, Text}, {"\\href", "\\hyperlink", "\\hypertarget", "\\hyperimage"});
        add(m, {Ignore, Ignore, Text}, {"\\hyperdef"});
        add(m, {}, {"\\phantomsection"});
        add(m, ignoring(2), {"\\pdfbookmark", "\\currentpdfbookmark", "\\subpdfbookmark", "\\belowpdfbookmark",
                             "\\pdfstringref", "\\Acrobatmenu"});
        add(m, {Text, Ignore}, {"\\texorpdfstring"});
        macroCounts.insert(QStringLiteral("\\url"), {1, {}});
        macroCounts.insert(QStringLiteral("\\nolinkurl"), {1, {}});
    } else if (name == QLatin1String("import")) {
        fileIncludes.insert(QStringLiteral("\\import"), QStringLiteral("dir file"));
        fileIncludes.insert(QStringLiteral("\\subimport"), QStringLiteral("subdir file"));
        fileIncludes.insert(QStringLiteral("\\inputfrom"), QStringLiteral("dir file"));
        fileIncludes.insert(QStringLiteral("\\subinputfrom"), QStringLiteral("subdir file"));
        fileIncludes.insert(QStringLiteral("\\includefrom"), QStringLiteral("dir file"));
        fileIncludes.insert(QStringLiteral("\\subincludefrom"), QStringLiteral("subdir file"));
    } else if (name == QLatin1String("inputenc")) {
        add(m, ignoring(1), {"\\inputencoding"});
    } else if (name == QLatin1String("listings")) {
        environments.insert(QStringLiteral("lstlisting"), ExcludeAll);
        add(m, {Ignore}, {"\\lstset", "\\lstinputlisting"});
    } else if (name == QLatin1String("setspace")) {
        addEnvironments(environments, Text, {"singlespace", "singlespace*", "onehalfspace", "doublespace", "spacing"});
        // TeXcount 3.x replaces setspace's macro rules by {\url => 1} (a slip in its table); we follow it.
        add(m, ignoring(1), {"\\url"});
    } else if (name == QLatin1String("subfiles")) {
        fileIncludes.insert(QStringLiteral("\\subfile"), QStringLiteral("file"));
    } else if (name == QLatin1String("url")) {
        add(m, ignoring(1), {"\\url", "\\urlstyle"});
        add(m, ignoring(2), {"\\urldef"});
        add(m, {Ignore, ExcludeStronger}, {"\\DeclareUrlCommand"});
    } else if (name == QLatin1String("wrapfig")) {
        addEnvironments(environments, ToFloat, {"wrapfigure", "wraptable"});
        add(m, ignoring(2), {"beginwrapfigure", "beginwraptable"});
    }
}

} // namespace coauthor::wordcount
