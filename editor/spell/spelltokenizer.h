// SpellTokenizer: which words of LaTeX source are prose to spell-check, as a
// pure function from one line (and the state the previous line ended in) to
// words, like LatexSyntax. Command names, key/label/ref/cite/file/URL
// arguments, math, verbatim/code/comment environments, \verb and comments are
// skipped; text, and the text inside \emph{}, \section{}, \caption{},
// \footnote{} and other commands is checked. The rules, word by word:
//   - a word is a run of letters (any script but CJK, which has no spaces to
//     split on); an apostrophe (' or U+2019) between letters stays inside
//     ("don't", "l'homme"); a hyphen splits ("well-known": "well", "known");
//   - a run that contains a digit ("3D", "H2O"), one letter, or only capitals
//     ("PDF", "LaTeX" is checked) is not checked;
//   - the accent commands \" \' \` \^ \~ followed by a letter or {letter}
//     ("na\"ive", "\'{e}t\'e", "{\"u}ber") and \ss ("Stra\ss e") are read as the letter, so
//     the word is checked as "naïve"; other text commands end a word; the
//     babel shorthand "a is not read.
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace coauthor::spell {

class SpellTokenizer
{
public:
    struct Word
    {
        int start = 0;  // in the line, UTF-16 code units
        int length = 0; // of the source, accents commands included
        QString text;   // the word as checked (accents composed)
        bool operator==(const Word &) const = default;
    };

    static constexpr int InitialState = 0;

    // Appends the words of line to words (may be null: only the state) and
    // returns the state the line ends in.
    static int tokenizeLine(QStringView line, int previousState, QList<Word> *words);

    // A whole text, line by line from InitialState: the words with their
    // 0-based line. For tests and tools.
    struct DocumentWord
    {
        int line = 0;
        Word word;
    };
    static QList<DocumentWord> tokenize(QStringView text);

    // The language of a `% !TEX spellcheck = de_DE` magic comment (also
    // `%!TeX spellcheck=de-DE`) in the first lines of text; empty without one.
    static constexpr int MagicCommentLines = 20;
    static QString magicLanguage(QStringView text);
};

} // namespace coauthor::spell
