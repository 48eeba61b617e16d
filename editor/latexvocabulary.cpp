#include "editor/latexvocabulary.h"

#include <algorithm>

namespace coauthor::editor {

namespace {

// Grouped by where they come from; "{}" marks a mandatory argument that
// completion inserts and puts the cursor in.
const char *const commandList[] = {
    // Document structure and front matter
    "documentclass[]{}", "usepackage{}", "usepackage[]{}", "RequirePackage{}", "begin{}", "end{}",
    "part{}", "part*{}", "chapter{}", "chapter*{}", "section{}", "section*{}", "subsection{}", "subsection*{}",
    "subsubsection{}", "subsubsection*{}", "paragraph{}", "paragraph*{}", "subparagraph{}", "appendix",
    "title{}", "author{}", "date{}", "thanks{}", "maketitle", "and", "today", "tableofcontents",
    "listoffigures", "listoftables", "frontmatter", "mainmatter", "backmatter", "abstract",
    "input{}", "include{}", "includeonly{}", "subfile{}", "import{}{}", "subimport{}{}",
    "label{}", "ref{}", "pageref{}", "eqref{}", "autoref{}", "Autoref{}", "nameref{}", "cref{}", "Cref{}",
    "crefrange{}{}", "cpageref{}", "labelcref{}", "vref{}", "footnote{}", "footnotemark", "footnotetext{}",
    "caption{}", "caption[]{}", "captionof{}{}", "marginpar{}", "newpage", "clearpage", "cleardoublepage",
    "pagebreak", "nopagebreak", "linebreak", "nolinebreak", "newline", "par", "noindent", "indent",
    "pagestyle{}", "thispagestyle{}", "pagenumbering{}", "setcounter{}{}", "addtocounter{}{}",
    "stepcounter{}", "refstepcounter{}", "value{}", "arabic{}", "roman{}", "Roman{}", "alph{}", "Alph{}",
    "thepage", "thesection", "theequation", "thefigure", "thetable",
    "newcommand{}{}", "renewcommand{}{}", "providecommand{}{}", "newenvironment{}{}{}",
    "renewenvironment{}{}{}", "newcounter{}", "newlength{}", "setlength{}{}", "addtolength{}{}",
    "settowidth{}{}", "newtheorem{}{}", "theoremstyle{}", "newif", "def", "let", "makeatletter",
    "makeatother", "protect", "relax", "ifthenelse{}{}{}", "NewDocumentCommand{}{}{}",
    "RenewDocumentCommand{}{}{}", "NewDocumentEnvironment{}{}{}{}", "DeclareRobustCommand{}{}",
    "DeclareMathOperator{}{}", "DeclarePairedDelimiter{}{}{}",
    // Text
    "textbf{}", "textit{}", "textsl{}", "textsc{}", "texttt{}", "textrm{}", "textsf{}", "textup{}",
    "textmd{}", "textnormal{}", "emph{}", "underline{}", "uppercase{}", "lowercase{}", "MakeUppercase{}",
    "MakeLowercase{}", "bfseries", "itshape", "slshape", "scshape", "ttfamily", "rmfamily", "sffamily",
    "mdseries", "upshape", "normalfont", "em", "tiny", "scriptsize", "footnotesize", "small",
    "normalsize", "large", "Large", "LARGE", "huge", "Huge", "textsuperscript{}", "textsubscript{}",
    "ldots", "dots", "textbackslash", "textasciitilde", "textasciicircum", "textbar", "textbullet",
    "textdegree", "textendash", "textemdash", "textquotedbl", "textregistered", "texttrademark",
    "textcopyright", "S", "P", "dag", "ddag", "LaTeX", "TeX", "LaTeXe", "centering", "raggedright",
    "raggedleft", "hspace{}", "hspace*{}", "vspace{}", "vspace*{}", "hfill", "vfill", "hfil", "vfil",
    "smallskip", "medskip", "bigskip", "quad", "qquad", "enspace", "thinspace", "negthinspace",
    "mbox{}", "makebox[]{}", "fbox{}", "framebox[]{}", "parbox{}{}", "raisebox{}{}", "rule{}{}",
    "linewidth", "textwidth", "textheight", "columnwidth", "paperwidth", "paperheight", "baselineskip",
    "parindent", "parskip", "tabcolsep", "arraystretch", "item", "item[]", "verb", "url{}", "href{}{}",
    "hyperref[]{}", "hypertarget{}{}", "hyperlink{}{}", "hypersetup{}", "phantomsection", "nolinkurl{}",
    "texorpdfstring{}{}", "pdfbookmark[]{}{}", "selectlanguage{}", "foreignlanguage{}{}", "hyphenation{}",
    "enquote{}", "csquote{}", "blindtext", "lipsum", "lipsum[]",
    // Floats, graphics, tables, colours
    "includegraphics{}", "includegraphics[]{}", "graphicspath{}", "DeclareGraphicsExtensions{}",
    "scalebox{}{}", "resizebox{}{}{}", "rotatebox{}{}", "reflectbox{}", "subcaption{}", "subfloat[]{}",
    "hline", "cline{}", "toprule", "midrule", "bottomrule", "cmidrule{}", "addlinespace",
    "multicolumn{}{}{}", "multirow{}{}{}", "tabularnewline", "newcolumntype{}{}", "arrayrulewidth",
    "color{}", "textcolor{}{}", "colorbox{}{}", "fcolorbox{}{}{}", "definecolor{}{}{}", "pagecolor{}",
    "rowcolor{}", "cellcolor{}", "columncolor{}", "listoflistings", "lstinline", "lstset{}",
    "lstinputlisting{}", "mintinline{}{}", "inputminted{}{}", "setminted{}", "tikz", "usetikzlibrary{}",
    "draw", "node", "fill", "path", "coordinate", "foreach", "pgfplotsset{}", "addplot", "tikzset{}",
    "geometry{}", "newgeometry{}", "restoregeometry", "fancyhf{}", "fancyhead[]{}", "fancyfoot[]{}",
    "lhead{}", "chead{}", "rhead{}", "lfoot{}", "cfoot{}", "rfoot{}", "headrulewidth", "footrulewidth",
    "setstretch{}", "onehalfspacing", "doublespacing", "singlespacing", "todo{}", "listoftodos",
    "missingfigure{}", "FloatBarrier", "clearfloatpage",
    // Bibliography: BibTeX, natbib, biblatex
    "cite{}", "cite[]{}", "nocite{}", "citep{}", "citet{}", "citealp{}", "citealt{}", "citeauthor{}",
    "citeyear{}", "citeyearpar{}", "Citet{}", "Citep{}", "parencite{}", "Parencite{}", "textcite{}",
    "Textcite{}", "autocite{}", "Autocite{}", "footcite{}", "fullcite{}", "smartcite{}", "supercite{}",
    "citetitle{}", "citedate{}", "citeurl{}", "cites{}{}", "parencites{}{}", "textcites{}{}",
    "bibliography{}", "bibliographystyle{}", "addbibresource{}", "printbibliography",
    "printbibliography[]", "bibitem{}", "newblock", "defbibheading{}{}", "printglossaries",
    "newacronym{}{}{}", "gls{}", "Gls{}", "glspl{}", "acrshort{}", "acrlong{}", "acrfull{}", "ac{}", "acp{}",
    "makeindex", "index{}", "printindex", "makeglossaries", "newglossaryentry{}{}",
    // siunitx
    "SI{}{}", "si{}", "num{}", "qty{}{}", "unit{}", "ang{}", "numrange{}{}", "qtyrange{}{}{}", "sisetup{}",
    "SIrange{}{}{}", "tablenum{}", "meter", "metre", "second", "kilogram", "ampere", "kelvin", "mole",
    "candela", "newton", "joule", "watt", "pascal", "hertz", "volt", "ohm", "coulomb", "percent",
    "kilo", "mega", "giga", "milli", "micro", "nano", "per", "squared", "cubed", "celsius",
    // Math: structure (amsmath, mathtools)
    "frac{}{}", "dfrac{}{}", "tfrac{}{}", "cfrac{}{}", "binom{}{}", "dbinom{}{}", "tbinom{}{}", "sqrt{}",
    "sqrt[]{}", "sum", "prod", "coprod", "int", "iint", "iiint", "oint", "bigcup", "bigcap", "bigoplus",
    "bigotimes", "bigvee", "bigwedge", "lim", "limsup", "liminf", "sup", "inf", "max", "min", "arg",
    "argmax", "argmin", "det", "dim", "exp", "gcd", "hom", "ker", "lg", "ln", "log", "Pr", "sin", "cos",
    "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "coth", "deg",
    "left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
    "biggr", "text{}", "textrm{}", "mathrm{}", "mathbf{}", "mathit{}", "mathsf{}", "mathtt{}",
    "mathcal{}", "mathbb{}", "mathfrak{}", "mathscr{}", "boldsymbol{}", "bm{}", "operatorname{}",
    "operatorname*{}", "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "limits",
    "nolimits", "overline{}", "underline{}", "overbrace{}", "underbrace{}", "overset{}{}",
    "underset{}{}", "stackrel{}{}", "substack{}", "hat{}", "widehat{}", "tilde{}", "widetilde{}",
    "bar{}", "vec{}", "dot{}", "ddot{}", "acute{}", "grave{}", "breve{}", "check{}", "mathring{}",
    "xrightarrow{}", "xleftarrow{}", "tag{}", "tag*{}", "notag", "nonumber", "intertext{}",
    "shortintertext{}", "numberwithin{}{}", "allowdisplaybreaks", "boxed{}", "phantom{}", "vphantom{}",
    "hphantom{}", "mathstrut", "smash{}", "cdot", "cdots", "ddots", "vdots", "ldots", "colon", "coloneqq",
    "eqqcolon", "abs{}", "norm{}", "ceil{}", "floor{}", "pmod{}", "bmod", "mod{}", "pod{}",
    // Math: Greek
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
    "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma",
    "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
    "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "varGamma", "varDelta",
    // Math: relations, operators, arrows, symbols (amssymb)
    "leq", "geq", "le", "ge", "neq", "ne", "ll", "gg", "approx", "sim", "simeq", "cong", "equiv",
    "propto", "prec", "succ", "preceq", "succeq", "subset", "supset", "subseteq", "supseteq",
    "subsetneq", "supsetneq", "in", "notin", "ni", "mid", "nmid", "parallel", "perp", "models",
    "vdash", "dashv", "leqslant", "geqslant", "lesssim", "gtrsim", "doteq", "triangleq", "asymp",
    "pm", "mp", "times", "div", "ast", "star", "circ", "bullet", "oplus", "ominus", "otimes", "oslash",
    "odot", "cup", "cap", "setminus", "wedge", "vee", "land", "lor", "lnot", "neg", "sqcup", "sqcap",
    "uplus", "amalg", "wr", "to", "gets", "mapsto", "rightarrow", "leftarrow", "leftrightarrow",
    "Rightarrow", "Leftarrow", "Leftrightarrow", "longrightarrow", "longleftarrow", "Longrightarrow",
    "Longleftarrow", "longmapsto", "implies", "impliedby", "iff", "uparrow", "downarrow", "updownarrow",
    "Uparrow", "Downarrow", "nearrow", "searrow", "swarrow", "nwarrow", "hookrightarrow",
    "hookleftarrow", "rightharpoonup", "leftharpoonup", "rightleftharpoons", "twoheadrightarrow",
    "infty", "partial", "nabla", "forall", "exists", "nexists", "emptyset", "varnothing", "aleph",
    "hbar", "ell", "wp", "Re", "Im", "imath", "jmath", "angle", "triangle", "square", "blacksquare",
    "Box", "Diamond", "top", "bot", "prime", "backslash", "lbrace", "rbrace", "langle", "rangle",
    "lceil", "rceil", "lfloor", "rfloor", "lvert", "rvert", "lVert", "rVert", "vert", "Vert",
    "mathbb{R}", "mathbb{N}", "mathbb{Z}", "mathbb{Q}", "mathbb{C}", "therefore", "because",
    "checkmark", "dagger", "ddagger", "natural", "sharp", "flat", "clubsuit", "diamondsuit",
    "heartsuit", "spadesuit", "qed", "qedhere",
    // Beamer
    "frametitle{}", "framesubtitle{}", "pause", "only{}", "uncover{}", "visible{}", "alert{}",
    "usetheme{}", "usecolortheme{}", "institute{}", "titlepage", "AtBeginSection{}",
};

const char *const environmentList[] = {
    "document", "abstract", "itemize", "enumerate", "description", "figure", "figure*", "table",
    "table*", "tabular", "tabular*", "tabularx", "longtable", "array", "center", "flushleft",
    "flushright", "quote", "quotation", "verse", "verbatim", "verbatim*", "minipage", "titlepage",
    "thebibliography", "list", "equation", "equation*", "align", "align*", "alignat", "alignat*",
    "aligned", "alignedat", "gather", "gather*", "gathered", "multline", "multline*", "flalign",
    "flalign*", "split", "cases", "dcases", "subequations", "displaymath", "math", "eqnarray",
    "eqnarray*", "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix",
    "theorem", "lemma", "proposition", "corollary", "definition", "remark", "example", "proof",
    "lstlisting", "minted", "Verbatim", "comment", "subfigure", "wrapfigure", "tikzpicture", "axis",
    "scope", "frame", "block", "alertblock", "exampleblock", "columns", "column", "overprint",
    "appendices", "multicols", "landscape", "sidewaystable", "sidewaysfigure", "algorithm",
    "algorithmic", "filecontents", "filecontents*", "refsection", "otherlanguage", "spacing",
    "singlespace", "onehalfspace", "doublespace", "tcolorbox", "adjustbox", "threeparttable",
    "tablenotes", "footnotesize", "small", "landscape",
};

QStringList toList(const char *const *begin, const char *const *end)
{
    QStringList out;
    for (auto it = begin; it != end; ++it)
        out.append(QString::fromLatin1(*it));
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) {
        const int c = a.compare(b, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a < b;
    });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace

const QStringList &LatexVocabulary::commands()
{
    static const QStringList list = toList(std::begin(commandList), std::end(commandList));
    return list;
}

const QStringList &LatexVocabulary::environments()
{
    static const QStringList list = toList(std::begin(environmentList), std::end(environmentList));
    return list;
}

QString LatexVocabulary::name(const QString &entry)
{
    qsizetype end = 0;
    while (end < entry.size() && (entry.at(end).isLetter() || entry.at(end) == u'@' || entry.at(end) == u'*'))
        ++end;
    return entry.left(end);
}

} // namespace coauthor::editor
