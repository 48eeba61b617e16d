// LatexSyntax: the built-in LaTeX highlighting rules as a pure function from
// one line (and the state the previous line ended in) to format spans. Kept
// apart from QSyntaxHighlighter so golden-file tests can run it directly.
#pragma once

#include <QList>
#include <QString>

namespace coauthor::editor {

class LatexSyntax
{
public:
    enum class Kind {
        Command,       // \foo
        Structure,     // \begin, \end, \part .. \subparagraph
        Environment,   // the name in \begin{name} / \end{name}
        MathDelimiter, // $ $$ \( \) \[ \]
        Math,          // content of inline and display math
        MathCommand,   // \foo inside math
        Comment,       // % ... and the comment environment
        Verbatim,      // verbatim-like environments, \verb|...|
        Brace0,        // { } by nesting level, cycling through four kinds
        Brace1,
        Brace2,
        Brace3,
        Bracket,       // [ ] in text
        SectionTitle,  // the argument of a sectioning command
        Label,         // the key in \label{...}
        Reference,     // keys in \ref{...} and friends
        Citation,      // keys in \cite{...} and friends
        Special,       // & ~ # in text, & in math
        Count
    };
    struct Span
    {
        int start;
        int length;
        Kind kind;
        bool operator==(const Span &) const = default;
    };

    static constexpr int InitialState = -1;

    // Appends the spans of line (text outside any span is plain) and returns
    // the state the line ends in. previousState is InitialState for the first line.
    static int highlightLine(QStringView line, int previousState, QList<Span> *spans);

    static QString kindName(Kind kind);
};

} // namespace coauthor::editor
