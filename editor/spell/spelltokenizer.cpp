#include "editor/spell/spelltokenizer.h"

#include <QRegularExpression>

#include <algorithm>
#include <iterator>

namespace coauthor::spell {

namespace {

// Where a line starts, encoded in an int >= 0 as
// mode | env << 3 | skipDepth << 9 | pendingArgs << 14.
enum class Mode {
    Text = 0,
    InlineDollar,   // $ ... $
    InlineParen,    // \( ... \)
    DisplayBracket, // \[ ... \]
    DisplayDollar,  // $$ ... $$
    MathEnv,        // \begin{equation} ... \end{equation}
    SkippedEnv,     // verbatim, code and comment environments: nothing checked up to \end{name}
};

struct State
{
    Mode mode = Mode::Text;
    int env = 0;         // index into environments[] for MathEnv and SkippedEnv
    int skipDepth = 0;   // > 0: inside the braces of a skipped argument, at this depth
    int pendingArgs = 0; // skipped arguments still to come after the current one

    static State decode(int s)
    {
        State st;
        st.mode = static_cast<Mode>(s & 0x7);
        st.env = (s >> 3) & 0x3f;
        st.skipDepth = (s >> 9) & 0x1f;
        st.pendingArgs = (s >> 14) & 0x7;
        return st;
    }
    int encode() const
    {
        return static_cast<int>(mode) | env << 3 | std::min(skipDepth, 31) << 9 | std::min(pendingArgs, 7) << 14;
    }
    bool inMath() const { return mode != Mode::Text && mode != Mode::SkippedEnv; }
};

struct EnvInfo
{
    const char16_t *name;
    Mode mode;          // Text: an ordinary environment with arguments that are not prose
    int skippedArgs;    // mandatory arguments after \begin{name} that are not prose ({lrr}, {0.5\linewidth})
    bool bodyOnNextLine; // SkippedEnv: the rest of the \begin line (options) is not part of the body
};

const EnvInfo environments[] = {
    {u"equation", Mode::MathEnv, 0, false},   {u"equation*", Mode::MathEnv, 0, false},
    {u"align", Mode::MathEnv, 0, false},      {u"align*", Mode::MathEnv, 0, false},
    {u"alignat", Mode::MathEnv, 1, false},    {u"alignat*", Mode::MathEnv, 1, false},
    {u"flalign", Mode::MathEnv, 0, false},    {u"flalign*", Mode::MathEnv, 0, false},
    {u"gather", Mode::MathEnv, 0, false},     {u"gather*", Mode::MathEnv, 0, false},
    {u"multline", Mode::MathEnv, 0, false},   {u"multline*", Mode::MathEnv, 0, false},
    {u"eqnarray", Mode::MathEnv, 0, false},   {u"eqnarray*", Mode::MathEnv, 0, false},
    {u"displaymath", Mode::MathEnv, 0, false}, {u"math", Mode::MathEnv, 0, false},
    {u"dmath", Mode::MathEnv, 0, false},      {u"dmath*", Mode::MathEnv, 0, false},
    {u"verbatim", Mode::SkippedEnv, 0, false}, {u"verbatim*", Mode::SkippedEnv, 0, false},
    {u"Verbatim", Mode::SkippedEnv, 0, true}, {u"Verbatim*", Mode::SkippedEnv, 0, true},
    {u"BVerbatim", Mode::SkippedEnv, 0, true}, {u"LVerbatim", Mode::SkippedEnv, 0, true},
    {u"lstlisting", Mode::SkippedEnv, 0, true}, {u"minted", Mode::SkippedEnv, 1, true},
    {u"comment", Mode::SkippedEnv, 0, false}, {u"tikzpicture", Mode::SkippedEnv, 0, true},
    {u"tabular", Mode::Text, 1, false},       {u"tabular*", Mode::Text, 2, false},
    {u"tabularx", Mode::Text, 2, false},      {u"tabulary", Mode::Text, 2, false},
    {u"array", Mode::Text, 1, false},         {u"longtable", Mode::Text, 1, false},
    {u"minipage", Mode::Text, 1, false},      {u"multicols", Mode::Text, 1, false},
    {u"thebibliography", Mode::Text, 1, false}, {u"wrapfigure", Mode::Text, 2, false},
    {u"wraptable", Mode::Text, 2, false},     {u"subfigure", Mode::Text, 1, false},
};

int findEnvironment(QStringView name)
{
    for (int i = 0; i < int(std::size(environments)); ++i) {
        if (name == QStringView(environments[i].name))
            return i;
    }
    return -1;
}

struct SkippedCommand
{
    const char16_t *name;
    int args; // leading mandatory arguments that are not prose (their options are skipped too)
};

// Commands whose arguments are keys, file names, URLs, code, units, names or
// definitions. The arguments of every other command are checked as text.
const SkippedCommand skippedCommands[] = {
    {u"label", 1}, {u"ref", 1}, {u"eqref", 1}, {u"pageref", 1}, {u"autoref", 1}, {u"Autoref", 1},
    {u"cref", 1}, {u"Cref", 1}, {u"vref", 1}, {u"Vref", 1}, {u"nameref", 1}, {u"labelcref", 1},
    {u"cpageref", 1}, {u"Cpageref", 1}, {u"subref", 1}, {u"crefrange", 2}, {u"Crefrange", 2},
    {u"nocite", 1}, {u"bibitem", 1}, {u"input", 1}, {u"include", 1}, {u"includeonly", 1},
    {u"subfile", 1}, {u"includegraphics", 1}, {u"includepdf", 1}, {u"includesvg", 1},
    {u"usepackage", 1}, {u"RequirePackage", 1}, {u"documentclass", 1}, {u"usetikzlibrary", 1},
    {u"bibliography", 1}, {u"bibliographystyle", 1}, {u"addbibresource", 1}, {u"url", 1},
    {u"nolinkurl", 1}, {u"path", 1}, {u"href", 1}, {u"hyperref", 0}, {u"hypersetup", 1},
    {u"pagestyle", 1}, {u"thispagestyle", 1}, {u"pagenumbering", 1}, {u"setcounter", 2},
    {u"addtocounter", 2}, {u"stepcounter", 1}, {u"refstepcounter", 1}, {u"setlength", 2},
    {u"addtolength", 2}, {u"newlength", 1}, {u"settowidth", 2}, {u"color", 1}, {u"textcolor", 1},
    {u"colorbox", 1}, {u"fcolorbox", 2}, {u"pagecolor", 1}, {u"definecolor", 3}, {u"geometry", 1},
    {u"lstset", 1}, {u"graphicspath", 1}, {u"vspace", 1}, {u"hspace", 1}, {u"fontsize", 2},
    {u"selectlanguage", 1}, {u"foreignlanguage", 2}, {u"texttt", 1}, {u"SI", 2}, {u"si", 1},
    {u"num", 1}, {u"qty", 2}, {u"unit", 1}, {u"ang", 1}, {u"newcommand", 2}, {u"renewcommand", 2},
    {u"providecommand", 2}, {u"DeclareMathOperator", 2}, {u"newenvironment", 3},
    {u"renewenvironment", 3}, {u"newtheorem", 1}, {u"author", 1}, {u"email", 1}, {u"orcid", 1},
    {u"mintinline", 2}, {u"inputminted", 2}, {u"lstinputlisting", 1}, {u"counterwithin", 2},
    {u"tag", 1}, {u"ensuremath", 1},
};

bool isCitation(QStringView name)
{
    return name.size() <= 40
        && (name.endsWith(u"cite") || name.endsWith(u"cites") || name.endsWith(u"citep") || name.endsWith(u"citet")
            || name.endsWith(u"citealp") || name.endsWith(u"citealt") || name.endsWith(u"citeauthor")
            || name.endsWith(u"citeyear") || name.endsWith(u"citetitle"));
}

// How many leading arguments of \name are not prose; -1: an ordinary command.
int skippedArguments(QStringView name)
{
    for (const SkippedCommand &c : skippedCommands) {
        if (name == QStringView(c.name))
            return c.args;
    }
    return isCitation(name) ? 1 : -1;
}

bool isCommandLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'@';
}

// Letters of a word: any script but the CJK ones (no spaces to split words at).
bool isWordLetter(QChar c)
{
    if (c.unicode() < 0x80)
        return (c.unicode() | 0x20) >= u'a' && (c.unicode() | 0x20) <= u'z';
    if (!c.isLetter() && !c.isMark())
        return false;
    const QChar::Script script = c.script();
    return script != QChar::Script_Han && script != QChar::Script_Hiragana && script != QChar::Script_Katakana;
}

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == QChar(0x2019);
}

// The combining mark of a LaTeX accent command's symbol (\"a, \'e ...), or 0.
char16_t accentMark(QChar symbol)
{
    switch (symbol.unicode()) {
    case u'"': return 0x0308;
    case u'\'': return 0x0301;
    case u'`': return 0x0300;
    case u'^': return 0x0302;
    case u'~': return 0x0303;
    case u'=': return 0x0304;
    case u'.': return 0x0307;
    default: return 0;
    }
}

bool isBlank(QStringView line)
{
    return std::all_of(line.begin(), line.end(), [](QChar c) { return c == u' ' || c == u'\t' || c == u'\r'; });
}

class LineTokenizer
{
public:
    LineTokenizer(QStringView line, State state, QList<SpellTokenizer::Word> *words)
        : m_line(line), m_n(int(line.size())), m_st(state), m_words(words)
    {
    }

    int run()
    {
        // A blank line ends a paragraph: TeX lets neither inline math nor a
        // key or URL argument run across it (and an unclosed one stops here).
        if (isBlank(m_line)) {
            if (m_st.mode != Mode::MathEnv && m_st.mode != Mode::SkippedEnv)
                m_st.mode = Mode::Text;
            m_st.skipDepth = 0;
            m_st.pendingArgs = 0;
            return m_st.encode();
        }
        while (m_i < m_n) {
            if (m_st.mode == Mode::SkippedEnv) {
                skippedBody();
                continue;
            }
            if (m_st.skipDepth > 0) {
                skippedArgument();
                continue;
            }
            const QChar c = m_line[m_i];
            if (c == u'%')
                break;
            if (c == u'\\') {
                backslash();
            } else if (c == u'$') {
                dollar();
            } else if (!m_st.inMath() && (isWordLetter(c) || c.isDigit())) {
                word();
            } else if (!m_st.inMath() && c == u'{' && at(m_i + 1) == u'\\') {
                const int save = m_i; // {\"u}ber, {\ss}
                word();
                if (m_i == save)
                    ++m_i;
            } else {
                ++m_i;
            }
        }
        State end = m_st;
        if (m_pendingBody >= 0) {
            end.mode = Mode::SkippedEnv;
            end.env = m_pendingBody;
        }
        return end.encode();
    }

private:
    QChar at(int i) const { return i < m_n ? m_line[i] : QChar(); }

    void skipSpaces()
    {
        while (m_i < m_n && (m_line[m_i] == u' ' || m_line[m_i] == u'\t'))
            ++m_i;
    }

    // [..] groups (up to the first ']' on this line each).
    void skipOptions()
    {
        for (;;) {
            const int save = m_i;
            skipSpaces();
            if (at(m_i) != u'[') {
                m_i = save;
                return;
            }
            const qsizetype close = m_line.mid(m_i).indexOf(u']');
            if (close < 0) {
                m_i = m_n;
                return;
            }
            m_i += int(close) + 1;
        }
    }

    // Starts skipping `count` arguments (their options included) from m_i.
    void skipArguments(int count)
    {
        for (; count > 0; --count) {
            skipOptions();
            skipSpaces();
            if (at(m_i) == u'{') {
                ++m_i;
                m_st.skipDepth = 1;
                m_st.pendingArgs = count - 1;
                return; // the main loop skips the argument's body, then the pending ones
            }
            if (at(m_i) == u'\\') { // \newcommand\foo{...}: a command as an argument
                ++m_i;
                while (m_i < m_n && isCommandLetter(m_line[m_i]))
                    ++m_i;
                continue;
            }
            return; // \url at the end of a line, or an argument of one token: nothing more to skip
        }
        skipOptions();
    }

    void skippedArgument()
    {
        while (m_i < m_n) {
            const QChar c = m_line[m_i];
            if (c == u'\\' && !m_verbatimArgument) {
                m_i += 2;
                continue;
            }
            if (c == u'%' && !m_verbatimArgument) { // a comment inside: the rest of the line is not text either
                m_i = m_n;
                return;
            }
            ++m_i;
            if (c == u'{') {
                ++m_st.skipDepth;
            } else if (c == u'}' && --m_st.skipDepth == 0) {
                m_verbatimArgument = false;
                const int pending = m_st.pendingArgs;
                m_st.pendingArgs = 0;
                if (pending > 0)
                    skipArguments(pending);
                return;
            }
        }
    }

    void skippedBody()
    {
        QString end = QStringLiteral("\\end{");
        end.append(QStringView(environments[m_st.env].name));
        end.append(u'}');
        const qsizetype found = m_line.mid(m_i).indexOf(end);
        if (found < 0) {
            m_i = m_n;
            return;
        }
        m_i += int(found) + int(end.size());
        m_st.mode = Mode::Text;
        m_st.env = 0;
    }

    void dollar()
    {
        const bool twice = at(m_i + 1) == u'$';
        switch (m_st.mode) {
        case Mode::Text:
            m_st.mode = twice ? Mode::DisplayDollar : Mode::InlineDollar;
            m_i += twice ? 2 : 1;
            break;
        case Mode::InlineDollar:
            m_st.mode = Mode::Text;
            ++m_i;
            break;
        case Mode::DisplayDollar:
            m_st.mode = Mode::Text;
            m_i += twice ? 2 : 1;
            break;
        default:
            ++m_i;
            break;
        }
    }

    void backslash()
    {
        const QChar next = at(m_i + 1);
        if (next.isNull()) {
            ++m_i;
            return;
        }
        if (!isCommandLetter(next)) {
            controlSymbol(next);
            return;
        }
        int end = m_i + 1;
        while (end < m_n && isCommandLetter(m_line[end]))
            ++end;
        const QStringView name = m_line.mid(m_i + 1, end - m_i - 1);
        if (!m_st.inMath() && name == u"ss") { // Stra\ss e: a word that starts here
            word();
            return;
        }
        const int start = m_i;
        m_i = end;
        if (at(m_i) == u'*')
            ++m_i;
        if (name == u"begin" || name == u"end") {
            beginEnd(name == u"begin");
            return;
        }
        if (m_st.inMath())
            return; // nothing of math is checked (\text{} included)
        if (name == u"verb" || name == u"lstinline") {
            verb(start);
            return;
        }
        const int skipped = skippedArguments(name);
        if (skipped >= 0) {
            // A URL's % and \ are characters of the URL, not a comment or a command.
            m_verbatimArgument = name == u"url" || name == u"href" || name == u"nolinkurl" || name == u"path";
            skipArguments(skipped);
            if (m_st.skipDepth == 0)
                m_verbatimArgument = false;
        }
    }

    void controlSymbol(QChar next)
    {
        switch (next.unicode()) {
        case u'(':
        case u'[':
            if (m_st.mode == Mode::Text)
                m_st.mode = next == u'(' ? Mode::InlineParen : Mode::DisplayBracket;
            m_i += 2;
            return;
        case u')':
            if (m_st.mode == Mode::InlineParen)
                m_st.mode = Mode::Text;
            m_i += 2;
            return;
        case u']':
            if (m_st.mode == Mode::DisplayBracket)
                m_st.mode = Mode::Text;
            m_i += 2;
            return;
        case u'\\': // \\[2pt]
            m_i += 2;
            if (!m_st.inMath())
                skipOptions();
            return;
        default:
            break;
        }
        if (!m_st.inMath() && accentMark(next) != 0) {
            const int save = m_i;
            word();
            if (m_i > save)
                return;
        }
        m_i += 2;
    }

    void verb(int start)
    {
        // \verb|..|, \verb*|..|, \lstinline[opts]|..| or \lstinline{..}
        if (m_line.mid(start + 1, 9) == u"lstinline")
            skipOptions();
        const QChar delimiter = at(m_i);
        if (delimiter.isNull() || delimiter == u' ' || (isCommandLetter(delimiter) && m_i > start)) {
            return;
        }
        const QChar close = delimiter == u'{' ? QChar(u'}') : delimiter;
        const qsizetype found = m_line.mid(m_i + 1).indexOf(close);
        m_i = found < 0 ? m_n : m_i + 1 + int(found) + 1;
    }

    void beginEnd(bool begin)
    {
        skipSpaces();
        const qsizetype close = at(m_i) == u'{' ? m_line.mid(m_i).indexOf(u'}') : -1;
        if (close < 0)
            return;
        const QStringView name = m_line.mid(m_i + 1, close - 1);
        m_i += int(close) + 1;
        const int env = findEnvironment(name);
        if (m_st.inMath()) {
            if (!begin && m_st.mode == Mode::MathEnv && env == m_st.env) {
                m_st.mode = Mode::Text;
                m_st.env = 0;
            }
            return;
        }
        if (!begin || env < 0) {
            if (begin)
                skipOptions(); // \begin{figure}[htbp]
            return;
        }
        const EnvInfo &info = environments[env];
        switch (info.mode) {
        case Mode::MathEnv:
            m_st.mode = Mode::MathEnv;
            m_st.env = env;
            break;
        case Mode::SkippedEnv:
            if (info.bodyOnNextLine) {
                m_pendingBody = env; // the options on this line are not checked either
                m_i = m_n;
            } else {
                m_st.mode = Mode::SkippedEnv;
                m_st.env = env;
            }
            break;
        default:
            skipArguments(info.skippedArgs);
            break;
        }
    }

    // A word from m_i (a letter, a digit, an accent command or \ss); appends it
    // when it is one to check. Leaves m_i after it.
    void word()
    {
        const int start = m_i;
        QString text;
        bool digit = false;
        bool accented = false;
        while (m_i < m_n) {
            const QChar c = m_line[m_i];
            if (isWordLetter(c)) {
                text.append(c);
                ++m_i;
            } else if (c.isDigit()) {
                digit = true;
                text.append(c);
                ++m_i;
            } else if (isApostrophe(c) && !text.isEmpty() && isWordLetter(at(m_i + 1))) {
                text.append(u'\'');
                ++m_i;
            } else if (c == u'\\' || (c == u'{' && at(m_i + 1) == u'\\')) {
                if (!latexLetter(&text))
                    break;
                accented = true;
            } else {
                break;
            }
        }
        if (!m_words || digit)
            return;
        if (accented)
            text = text.normalized(QString::NormalizationForm_C);
        if (text.size() < 2)
            return;
        if (std::all_of(text.begin(), text.end(), [](QChar ch) { return !ch.isLetter() || ch.isUpper(); }))
            return; // PDF, NASA: acronyms
        m_words->append({start, m_i - start, text});
    }

    // \"a, \"{a}, {\"a}, \ss, {\ss} at m_i: appends the letter and moves past it.
    bool latexLetter(QString *text)
    {
        const int braced = m_line[m_i] == u'{' ? 1 : 0;
        int i = m_i + braced; // at the backslash
        const QChar symbol = at(i + 1);
        int after = -1;
        if (symbol == u's' && at(i + 2) == u's' && !isCommandLetter(at(i + 3))) {
            text->append(QChar(0x00df));
            after = i + 3;
            if (!braced && at(after) == u'{' && at(after + 1) == u'}')
                after += 2;
            else if (!braced && at(after) == u' ' && isWordLetter(at(after + 1)))
                ++after; // TeX drops the space after a control word: Stra\ss e is one word
        } else if (const char16_t mark = accentMark(symbol)) {
            int letter = i + 2;
            const bool inner = at(letter) == u'{';
            if (inner)
                ++letter;
            if (!isWordLetter(at(letter)) || (inner && at(letter + 1) != u'}'))
                return false;
            text->append(at(letter));
            text->append(QChar(mark));
            after = letter + 1 + (inner ? 1 : 0);
        } else {
            return false;
        }
        if (braced) {
            if (at(after) != u'}') {
                text->chop(symbol == u's' ? 1 : 2);
                return false;
            }
            ++after;
        }
        m_i = after;
        return true;
    }

    QStringView m_line;
    int m_i = 0;
    int m_n;
    State m_st;
    QList<SpellTokenizer::Word> *m_words;
    int m_pendingBody = -1;
    bool m_verbatimArgument = false; // in a URL argument (this line only)
};

} // namespace

int SpellTokenizer::tokenizeLine(QStringView line, int previousState, QList<Word> *words)
{
    return LineTokenizer(line, State::decode(previousState), words).run();
}

QList<SpellTokenizer::DocumentWord> SpellTokenizer::tokenize(QStringView text)
{
    QList<DocumentWord> out;
    int state = InitialState;
    int number = 0;
    QList<Word> words;
    for (const QStringView line : text.tokenize(u'\n')) {
        words.clear();
        state = tokenizeLine(line, state, &words);
        for (const Word &w : std::as_const(words))
            out.append({number, w});
        ++number;
    }
    return out;
}

QString SpellTokenizer::magicLanguage(QStringView text)
{
    static const QRegularExpression magic(QStringLiteral(R"(^\s*%\s*!\s*TeX\s+spellcheck\s*=\s*([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*))"),
                                          QRegularExpression::CaseInsensitiveOption);
    int number = 0;
    for (const QStringView line : text.tokenize(u'\n')) {
        if (number++ >= MagicCommentLines)
            break;
        const QRegularExpressionMatch m = magic.match(line.toString());
        if (m.hasMatch())
            return m.captured(1).replace(u'-', u'_');
    }
    return {};
}

} // namespace coauthor::spell
