#include "editor/latexsyntax.h"

namespace coauthor::editor {

namespace {

using Kind = LatexSyntax::Kind;

// Where a line starts. Encoded in the block state (an int >= 0) as
// mode | env << 4 | braceDepth << 10 | argKind << 15 | argDepth << 18.
enum class Mode {
    Text = 0,
    InlineDollar,  // $ ... $
    InlineParen,   // \( ... \)
    DisplayBracket,// \[ ... \]
    DisplayDollar, // $$ ... $$
    MathEnv,       // \begin{equation} ... \end{equation}
    VerbatimEnv,   // \begin{verbatim} ... \end{verbatim}
    CommentEnv,    // \begin{comment} ... \end{comment}
};

enum class Arg { None = 0, SectionTitle, Label, Reference, Citation };

struct State
{
    Mode mode = Mode::Text;
    int env = 0;       // index into environments[] for the *Env modes
    int depth = 0;     // brace depth, capped
    Arg arg = Arg::None;
    int argDepth = 0;  // depth inside the argument's braces

    static State decode(int s)
    {
        State st;
        if (s < 0)
            return st;
        st.mode = static_cast<Mode>(s & 0xf);
        st.env = (s >> 4) & 0x3f;
        st.depth = (s >> 10) & 0x1f;
        st.arg = static_cast<Arg>((s >> 15) & 0x7);
        st.argDepth = (s >> 18) & 0x1f;
        return st;
    }
    int encode() const
    {
        return static_cast<int>(mode) | env << 4 | depth << 10 | static_cast<int>(arg) << 15 | argDepth << 18;
    }
    bool inMath() const
    {
        return mode == Mode::InlineDollar || mode == Mode::InlineParen || mode == Mode::DisplayBracket
            || mode == Mode::DisplayDollar || mode == Mode::MathEnv;
    }
};

constexpr int MaxDepth = 31;

struct EnvInfo
{
    const char16_t *name;
    Mode mode;
    bool restOfLineVerbatim; // verbatim starts right after \begin{..} (not after options)
};

const EnvInfo environments[] = {
    {u"equation", Mode::MathEnv, false},   {u"equation*", Mode::MathEnv, false},
    {u"align", Mode::MathEnv, false},      {u"align*", Mode::MathEnv, false},
    {u"alignat", Mode::MathEnv, false},    {u"alignat*", Mode::MathEnv, false},
    {u"flalign", Mode::MathEnv, false},    {u"flalign*", Mode::MathEnv, false},
    {u"xalignat", Mode::MathEnv, false},   {u"gather", Mode::MathEnv, false},
    {u"gather*", Mode::MathEnv, false},    {u"multline", Mode::MathEnv, false},
    {u"multline*", Mode::MathEnv, false},  {u"eqnarray", Mode::MathEnv, false},
    {u"eqnarray*", Mode::MathEnv, false},  {u"displaymath", Mode::MathEnv, false},
    {u"math", Mode::MathEnv, false},       {u"dmath", Mode::MathEnv, false},
    {u"dmath*", Mode::MathEnv, false},     {u"verbatim", Mode::VerbatimEnv, true},
    {u"verbatim*", Mode::VerbatimEnv, true}, {u"Verbatim", Mode::VerbatimEnv, false},
    {u"Verbatim*", Mode::VerbatimEnv, false}, {u"BVerbatim", Mode::VerbatimEnv, false},
    {u"LVerbatim", Mode::VerbatimEnv, false}, {u"lstlisting", Mode::VerbatimEnv, false},
    {u"minted", Mode::VerbatimEnv, false}, {u"comment", Mode::CommentEnv, true},
};

int findEnvironment(QStringView name)
{
    for (int i = 0; i < int(std::size(environments)); ++i) {
        if (name == QStringView(environments[i].name))
            return i;
    }
    return -1;
}

bool isSectioning(QStringView name)
{
    return name == u"part" || name == u"chapter" || name == u"section" || name == u"subsection"
        || name == u"subsubsection" || name == u"paragraph" || name == u"subparagraph" || name == u"addchap"
        || name == u"addsec" || name == u"frametitle";
}

bool isReference(QStringView name)
{
    return name == u"ref" || name == u"eqref" || name == u"autoref" || name == u"Autoref" || name == u"cref"
        || name == u"Cref" || name == u"pageref" || name == u"vref" || name == u"Vref" || name == u"nameref"
        || name == u"labelcref" || name == u"cpageref" || name == u"Cpageref" || name == u"subref";
}

bool isCitation(QStringView name)
{
    if (name.size() > 40)
        return false;
    return name.endsWith(u"cite") || name.endsWith(u"cites") || name.endsWith(u"citep") || name.endsWith(u"citet")
        || name.endsWith(u"citealp") || name.endsWith(u"citealt") || name.endsWith(u"citeauthor")
        || name.endsWith(u"citeyear") || name.endsWith(u"citetitle") || name == u"nocite" || name == u"bibitem";
}

bool isCommandLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'@';
}

bool isBlank(QStringView line)
{
    for (QChar c : line) {
        if (c != u' ' && c != u'\t' && c != u'\r')
            return false;
    }
    return true;
}

class LineScanner
{
public:
    LineScanner(QStringView line, State state, QList<LatexSyntax::Span> *spans)
        : m_line(line), m_n(int(line.size())), m_st(state), m_spans(spans)
    {
    }

    int run()
    {
        // A blank line ends a paragraph: TeX does not let inline math, \[ or
        // a brace group of an argument run across it, and resetting here also
        // keeps an unbalanced '{' or '$' from re-highlighting a whole book.
        if (isBlank(m_line)) {
            if (m_st.mode == Mode::InlineDollar || m_st.mode == Mode::InlineParen
                || m_st.mode == Mode::DisplayBracket || m_st.mode == Mode::DisplayDollar)
                m_st.mode = Mode::Text;
            if (m_st.mode == Mode::Text) {
                m_st.depth = 0;
                m_st.arg = Arg::None;
                m_st.argDepth = 0;
            }
            return m_st.encode();
        }
        while (m_i < m_n) {
            if (m_st.mode == Mode::VerbatimEnv || m_st.mode == Mode::CommentEnv) {
                verbatimBody();
                continue;
            }
            const QChar c = m_line[m_i];
            switch (c.unicode()) {
            case u'%':
                emit(m_i, m_n - m_i, Kind::Comment);
                m_i = m_n;
                break;
            case u'\\':
                backslash();
                break;
            case u'$':
                dollar();
                break;
            case u'{':
                emit(m_i++, 1, braceKind(m_st.depth));
                m_st.depth = std::min(m_st.depth + 1, MaxDepth);
                break;
            case u'}':
                if (m_st.depth > 0)
                    --m_st.depth;
                emit(m_i++, 1, braceKind(m_st.depth));
                if (m_st.arg != Arg::None && m_st.depth < m_st.argDepth) {
                    m_st.arg = Arg::None;
                    m_st.argDepth = 0;
                }
                break;
            case u'[':
            case u']':
                emit(m_i++, 1, m_st.inMath() ? Kind::Math : Kind::Bracket);
                break;
            case u'&':
                emit(m_i++, 1, Kind::Special);
                break;
            case u'~':
            case u'#':
                emit(m_i++, 1, m_st.inMath() ? Kind::Math : Kind::Special);
                break;
            default:
                plain(1);
                break;
            }
        }
        return m_st.encode();
    }

private:
    static Kind braceKind(int depth)
    {
        return static_cast<Kind>(static_cast<int>(Kind::Brace0) + depth % 4);
    }

    void emit(int start, int length, Kind kind)
    {
        if (length <= 0)
            return;
        if (!m_spans->isEmpty()) {
            LatexSyntax::Span &last = m_spans->last();
            if (last.kind == kind && last.start + last.length == start) {
                last.length += length;
                return;
            }
        }
        m_spans->append({start, length, kind});
    }

    // Ordinary characters: math, an argument's kind, or nothing.
    void plain(int length)
    {
        // Keys stay keys inside math (\label in an equation); a section
        // title's math reads as math.
        if (m_st.arg != Arg::None && (m_st.arg != Arg::SectionTitle || !m_st.inMath()))
            emit(m_i, length, argKind(m_st.arg));
        else if (m_st.inMath())
            emit(m_i, length, Kind::Math);
        m_i += length;
    }

    static Kind argKind(Arg arg)
    {
        switch (arg) {
        case Arg::SectionTitle: return Kind::SectionTitle;
        case Arg::Label: return Kind::Label;
        case Arg::Reference: return Kind::Reference;
        case Arg::Citation: return Kind::Citation;
        case Arg::None: break;
        }
        return Kind::Command;
    }

    void verbatimBody()
    {
        const EnvInfo &env = environments[m_st.env];
        QString end = QStringLiteral("\\end{");
        end.append(QStringView(env.name));
        end.append(u'}');
        const qsizetype at = m_line.mid(m_i).indexOf(end);
        const Kind kind = m_st.mode == Mode::CommentEnv ? Kind::Comment : Kind::Verbatim;
        if (at < 0) {
            emit(m_i, m_n - m_i, kind);
            m_i = m_n;
            return;
        }
        emit(m_i, int(at), kind);
        m_i += int(at);
        m_st.mode = Mode::Text;
        m_st.env = 0;
        // \end{..} itself is highlighted as usual by the main loop.
    }

    void dollar()
    {
        const bool twice = m_i + 1 < m_n && m_line[m_i + 1] == u'$';
        switch (m_st.mode) {
        case Mode::Text:
            emit(m_i, twice ? 2 : 1, Kind::MathDelimiter);
            m_i += twice ? 2 : 1;
            m_st.mode = twice ? Mode::DisplayDollar : Mode::InlineDollar;
            break;
        case Mode::InlineDollar:
            emit(m_i++, 1, Kind::MathDelimiter);
            m_st.mode = Mode::Text;
            break;
        case Mode::DisplayDollar:
            emit(m_i, twice ? 2 : 1, Kind::MathDelimiter);
            m_i += twice ? 2 : 1;
            m_st.mode = Mode::Text;
            break;
        default:
            emit(m_i++, 1, Kind::Math);
            break;
        }
    }

    void skipSpaces()
    {
        while (m_i < m_n && (m_line[m_i] == u' ' || m_line[m_i] == u'\t'))
            ++m_i;
    }

    // Optional [..] arguments after a command, highlighted as brackets with
    // plain content (up to the first ']' on this line).
    void optionalArguments(int max)
    {
        for (int k = 0; k < max; ++k) {
            const int save = m_i;
            skipSpaces();
            if (m_i >= m_n || m_line[m_i] != u'[') {
                m_i = save;
                return;
            }
            const qsizetype close = m_line.mid(m_i).indexOf(u']');
            if (close < 0) {
                m_i = save;
                return;
            }
            emit(m_i, 1, Kind::Bracket);
            emit(m_i + int(close), 1, Kind::Bracket);
            m_i += int(close) + 1;
        }
    }

    // Opens the mandatory argument of a command with a special kind, if the
    // argument's '{' follows.
    void openArgument(Arg arg)
    {
        const int save = m_i;
        skipSpaces();
        if (m_i >= m_n || m_line[m_i] != u'{') {
            m_i = save;
            return;
        }
        emit(m_i++, 1, braceKind(m_st.depth));
        m_st.depth = std::min(m_st.depth + 1, MaxDepth);
        // Only the outermost special argument counts (no nesting of kinds).
        if (m_st.arg == Arg::None) {
            m_st.arg = arg;
            m_st.argDepth = m_st.depth;
        }
    }

    void backslash()
    {
        const int start = m_i;
        if (m_i + 1 >= m_n) {
            emit(m_i++, 1, m_st.inMath() ? Kind::MathCommand : Kind::Command);
            return;
        }
        const QChar next = m_line[m_i + 1];
        if (!isCommandLetter(next)) {
            controlSymbol(next);
            return;
        }
        int end = m_i + 1;
        while (end < m_n && isCommandLetter(m_line[end]))
            ++end;
        const QStringView name = m_line.mid(m_i + 1, end - m_i - 1);
        if (end < m_n && m_line[end] == u'*' && !m_st.inMath())
            ++end;
        m_i = end;

        if (name == u"begin" || name == u"end") {
            beginEnd(start, name == u"begin");
            return;
        }
        const bool key = name == u"label" || isReference(name) || isCitation(name);
        if (m_st.inMath() && !key) {
            emit(start, end - start, Kind::MathCommand);
            return;
        }
        if (name == u"verb") {
            verb(start);
            return;
        }
        if (isSectioning(name)) {
            emit(start, end - start, Kind::Structure);
            optionalArguments(1);
            openArgument(Arg::SectionTitle);
            return;
        }
        emit(start, end - start, Kind::Command);
        if (name == u"label") {
            openArgument(Arg::Label);
        } else if (isReference(name)) {
            optionalArguments(1);
            openArgument(Arg::Reference);
        } else if (isCitation(name)) {
            optionalArguments(2);
            openArgument(Arg::Citation);
        }
    }

    void controlSymbol(QChar next)
    {
        const int start = m_i;
        m_i += 2;
        switch (next.unicode()) {
        case u'(':
        case u'[':
            if (m_st.mode == Mode::Text) {
                emit(start, 2, Kind::MathDelimiter);
                m_st.mode = next == u'(' ? Mode::InlineParen : Mode::DisplayBracket;
                return;
            }
            break;
        case u')':
            if (m_st.mode == Mode::InlineParen) {
                emit(start, 2, Kind::MathDelimiter);
                m_st.mode = Mode::Text;
                return;
            }
            break;
        case u']':
            if (m_st.mode == Mode::DisplayBracket) {
                emit(start, 2, Kind::MathDelimiter);
                m_st.mode = Mode::Text;
                return;
            }
            break;
        default:
            break;
        }
        emit(start, 2, m_st.inMath() ? Kind::MathCommand : Kind::Command);
    }

    void verb(int start)
    {
        // \verb*|...| : the delimiter is the next character.
        int i = m_i;
        if (i < m_n && m_line[i] == u'*')
            ++i;
        if (i >= m_n || m_line[i] == u' ' || isCommandLetter(m_line[i])) {
            emit(start, m_i - start, Kind::Command);
            return;
        }
        emit(start, i - start, Kind::Command);
        const QChar delimiter = m_line[i];
        qsizetype close = m_line.mid(i + 1).indexOf(delimiter);
        const int end = close < 0 ? m_n : i + 1 + int(close) + 1;
        emit(i, end - i, Kind::Verbatim);
        m_i = end;
    }

    void beginEnd(int start, bool begin)
    {
        int i = m_i;
        while (i < m_n && (m_line[i] == u' ' || m_line[i] == u'\t'))
            ++i;
        const qsizetype close = i < m_n && m_line[i] == u'{' ? m_line.mid(i).indexOf(u'}') : -1;
        const QStringView name = close > 0 ? m_line.mid(i + 1, close - 1) : QStringView();
        // \end{equation} closes the math: it reads as structure, like its \begin.
        const bool endsMathEnv = !begin && m_st.mode == Mode::MathEnv && close > 0
            && name == QStringView(environments[m_st.env].name);
        emit(start, m_i - start, m_st.inMath() && !endsMathEnv ? Kind::MathCommand : Kind::Structure);
        if (close < 0)
            return;
        const Kind brace = braceKind(m_st.depth);
        emit(i, 1, brace);
        emit(i + 1, int(close) - 1, Kind::Environment);
        emit(i + int(close), 1, brace);
        m_i = i + int(close) + 1;

        const int env = findEnvironment(name);
        if (env < 0)
            return;
        const EnvInfo &info = environments[env];
        if (begin && m_st.mode == Mode::Text) {
            m_st.mode = info.mode;
            m_st.env = env;
            if (info.mode == Mode::VerbatimEnv && !info.restOfLineVerbatim) {
                // Options of lstlisting/minted/Verbatim stay on this line:
                // highlight them as text, verbatim starts on the next line.
                m_st.mode = Mode::Text;
                m_pendingVerbatim = env;
            }
        } else if (!begin && m_st.mode == Mode::MathEnv && m_st.env == env) {
            m_st.mode = Mode::Text;
            m_st.env = 0;
        }
    }

public:
    int pendingVerbatim() const { return m_pendingVerbatim; }
    State &state() { return m_st; }

private:
    QStringView m_line;
    int m_i = 0;
    int m_n;
    State m_st;
    QList<LatexSyntax::Span> *m_spans;
    int m_pendingVerbatim = -1;
};

} // namespace

int LatexSyntax::highlightLine(QStringView line, int previousState, QList<Span> *spans)
{
    LineScanner scanner(line, State::decode(previousState), spans);
    int state = scanner.run();
    if (scanner.pendingVerbatim() >= 0) {
        State st = State::decode(state);
        st.mode = Mode::VerbatimEnv;
        st.env = scanner.pendingVerbatim();
        state = st.encode();
    }
    return state;
}

QString LatexSyntax::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Command: return QStringLiteral("command");
    case Kind::Structure: return QStringLiteral("structure");
    case Kind::Environment: return QStringLiteral("environment");
    case Kind::MathDelimiter: return QStringLiteral("math-delimiter");
    case Kind::Math: return QStringLiteral("math");
    case Kind::MathCommand: return QStringLiteral("math-command");
    case Kind::Comment: return QStringLiteral("comment");
    case Kind::Verbatim: return QStringLiteral("verbatim");
    case Kind::Brace0: return QStringLiteral("brace-0");
    case Kind::Brace1: return QStringLiteral("brace-1");
    case Kind::Brace2: return QStringLiteral("brace-2");
    case Kind::Brace3: return QStringLiteral("brace-3");
    case Kind::Bracket: return QStringLiteral("bracket");
    case Kind::SectionTitle: return QStringLiteral("section-title");
    case Kind::Label: return QStringLiteral("label");
    case Kind::Reference: return QStringLiteral("reference");
    case Kind::Citation: return QStringLiteral("citation");
    case Kind::Special: return QStringLiteral("special");
    case Kind::Count: break;
    }
    return QStringLiteral("unknown");
}

} // namespace coauthor::editor
