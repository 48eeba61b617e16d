// BracketMatcher: finds the partner of the bracket or \begin{..}/\end{..} at
// a cursor position, skipping escaped brackets (\{) and comments, and looking
// at most a bounded number of lines away so that it stays cheap on huge files.
#pragma once

#include <QtGlobal>

#include <optional>

class QTextDocument;
class QString;

namespace coauthor::editor {

struct BracketMatch
{
    enum class State {
        Matched,   // partner found
        Unmatched, // reached the start/end of the document without a partner
        Unknown,   // gave up at the search window: no claim either way
    };
    State state = State::Unknown;
    int position = 0; // the token at the cursor (document positions)
    int length = 0;
    int partnerPosition = -1;
    int partnerLength = 0;
};

class BracketMatcher
{
public:
    static constexpr int DefaultWindow = 3000; // lines searched in each direction

    // Nothing when the cursor is not at a bracket ((), [], {}) or inside a
    // \begin{name} / \end{name} token.
    static std::optional<BracketMatch> match(const QTextDocument *document, int cursorPosition,
                                             int windowLines = DefaultWindow);

    // Where the comment of a line of LaTeX starts (index of the first
    // unescaped '%'), or the line's length when it has none.
    static int commentStart(const QString &line);
    // Whether the character at index is preceded by an odd run of backslashes.
    static bool isEscaped(const QString &line, int index);
};

} // namespace coauthor::editor
