// TexRules: TeXcount's rule tables (texcount 3.x, the core rules and those of the
// packages a document loads): how many arguments a macro takes and how each is
// counted, how an environment's body is counted, which macros include files.
// Used by TexCounter only; kept apart so that the tables read like TeXcount's.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace coauthor::wordcount {

// TeXcount's parser states; the counted ones double as counter indices (1..7).
namespace State {
inline constexpr int Ignore = -1;
inline constexpr int Math = -2;
inline constexpr int Float = -10;
inline constexpr int ExcludeStrong = -20;
inline constexpr int ExcludeStronger = -30;
inline constexpr int ExcludeAll = -40;
inline constexpr int SpecialArgument = -90;
inline constexpr int Preamble = -99;
inline constexpr int Text = 1;
inline constexpr int HeaderText = 2;
inline constexpr int FloatText = 3; // captions, footnotes: "other words"
inline constexpr int ToHeader = 4;
inline constexpr int ToFloat = 5;
inline constexpr int ToInlineMath = 6;
inline constexpr int ToDisplayMath = 7;
inline constexpr int Option = -1000;   // the next rule is for an optional [..] argument
inline constexpr int NoOptions = -1001; // no [..] options are gobbled from here
} // namespace State

// What a macro counts as by itself: a number of words, or one step of each listed counter.
struct MacroCount
{
    int words = 0;
    QList<int> counters;
};

struct TexRules
{
    QHash<QString, QList<int>> macros;         // \name or beginNAME -> argument rules
    QHash<QString, QList<int>> preamble;       // rules used between \documentclass and \begin{document}
    QHash<QString, QList<int>> floatIncluded;  // rules used inside floats (\caption)
    QHash<QString, QList<int>> packageInclude; // \usepackage, \RequirePackage
    QHash<QString, MacroCount> macroCounts;
    QHash<QString, int> environments; // name -> state of the body
    QHash<QString, QString> fileIncludes; // \input -> "input", \include -> "texfile", \subfile -> "file", \import -> "dir file"
    QSet<QString> packages;

    static TexRules core();
    // Adds the rules of a package TeXcount knows (graphicx, hyperref, subfiles, ...); once each.
    void includePackage(const QString &name);
};

} // namespace coauthor::wordcount
