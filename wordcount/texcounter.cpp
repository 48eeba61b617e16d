#include "wordcount/texcounter.h"

#include "wordcount/texrules.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>

namespace coauthor::wordcount {

namespace {

using namespace State;

// TeXcount's letters: digits and alphabetic characters (not logograms), accents
// written as \'e or \"{o}, and letter macros (\ae, \ss, \alpha, ...).
const QString &letterPattern()
{
    static const QString letter = [] {
        const QString plain = QStringLiteral(
            "(?:(?![\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Thai}\\p{Lao}\\p{Hangul}])[\\p{L}\\p{M}\\p{Nl}\\p{Nd}])");
        const QString macros = QStringLiteral(
            "ae|AE|o|O|aa|AA|oe|OE|ss|alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lamda|mu|nu|xi|pi|rho|"
            "sigma|tau|upsilon|phi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega");
        return QStringLiteral("(?:%1|\\\\['\"`~^=](?:%1|\\{%1\\})|\\\\(?:%2)(?:\\{\\}|\\s+|\\b))").arg(plain, macros);
    }();
    return letter;
}

const QRegularExpression &wordExpression()
{
    // A word: letters, possibly joined by - ' or . (e.g. "well-known", "e.g", "3.14"); or one logogram (CJK).
    static const QRegularExpression re = [] {
        const QString l = letterPattern();
        const QString word = QStringLiteral("(?:%1+|%1+\\{%1+\\}|\\{%1+\\}%1+)(?:[\\-'.]?(?:%1+|\\{%1+\\}))*").arg(l);
        return QRegularExpression(
            word + QStringLiteral("|[\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Thai}\\p{Lao}\\p{Hangul}]"),
            QRegularExpression::UseUnicodePropertiesOption);
    }();
    return re;
}

// Every match looks at a short window from pos, not at the rest of the text: PCRE2 checks the
// subject's UTF-16 on each call, so matching the whole of a 4 MB file per token is quadratic.
// No token TeXcount reads spans more than a few lines (its own patterns are line-based).
constexpr qsizetype matchWindow = 256;

QRegularExpressionMatch matchAt(const QRegularExpression &re, const QString &text, qsizetype pos)
{
    const QStringView window = QStringView(text).mid(pos, std::min(matchWindow, text.size() - pos));
    return re.match(window, 0, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
}

QRegularExpression anchored(const char *pattern)
{
    return QRegularExpression(QString::fromLatin1(pattern), QRegularExpression::UseUnicodePropertiesOption);
}

bool isLogogram(QChar c)
{
    switch (c.script()) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Thai:
    case QChar::Script_Lao:
    case QChar::Script_Hangul:
        return true;
    default:
        return false;
    }
}

// A letter of TeXcount's word pattern written as itself (not \'e or \ss), in the BMP.
bool isPlainLetter(QChar c)
{
    if (c.isSurrogate())
        return false;
    switch (c.category()) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
        return !isLogogram(c);
    default:
        return false;
    }
}

// The end of the word of plain letters at pos (letters joined by - ' or .), or -1 when the
// word may go on through an accent macro or a {...} group: then the full pattern decides.
// Most words are plain, and this is many times faster than the regular expression.
qsizetype plainWordEnd(const QString &text, qsizetype pos)
{
    const qsizetype n = text.size();
    qsizetype i = pos;
    for (;;) {
        while (i < n && isPlainLetter(text[i]))
            ++i;
        if (i >= n)
            return i;
        const QChar c = text[i];
        if (c == u'\\' || c == u'{')
            return -1;
        if (c == u'-' || c == u'\'' || c == u'.') {
            if (i + 1 < n && isPlainLetter(text[i + 1])) {
                ++i;
                continue;
            }
            if (i + 1 < n && (text[i + 1] == u'\\' || text[i + 1] == u'{' || text[i + 1].isSurrogate()))
                return -1;
        }
        if (c.isSurrogate())
            return -1;
        return i;
    }
}

enum class Token { Space, LineBreak, Word, Macro, Math, Brace, Bracket, Symbol, End, Comment, Instruction };

// A file TeXcount would count next: file name, the suffixes to try and the folders to look in.
struct IncludeRequest
{
    QString file;
    QStringList suffixes;
    QStringList paths;
};

// Word counters by TeXcount's counter index (1..7).
void increment(WordCounts &counts, int counter, int by = 1)
{
    switch (counter) {
    case Text: counts.textWords += by; break;
    case HeaderText: counts.headerWords += by; break;
    case FloatText: counts.captionWords += by; break;
    case ToHeader: counts.headers += by; break;
    case ToFloat: counts.floats += by; break;
    case ToInlineMath: counts.inlineMath += by; break;
    case ToDisplayMath: counts.displayMath += by; break;
    default: break;
    }
}

int textCounter(int state)
{
    return state == Text || state == HeaderText || state == FloatText ? state : 0;
}
bool isText(int state) { return state >= Text; }
bool isParsed(int state) { return state >= Text || state == Preamble; }
bool isExcluded(int state) { return state <= Float; }
bool includesEnvironments(int state) { return state > ExcludeStrong; }

// TeXcount's rule for a state within a state: the first of this list that either is.
int combinedState(int sub, int old)
{
    static constexpr int order[] = {ExcludeAll, ExcludeStronger, ExcludeStrong, SpecialArgument, Float, Math, Ignore,
                                    Preamble,   ToFloat,         ToHeader,      ToInlineMath,    ToDisplayMath,
                                    FloatText,  HeaderText,      Text};
    for (int state : order) {
        if (old == state || sub == state)
            return state;
    }
    return old;
}

// One file's parse, a port of TeXcount's recursive parser (_parse_unit and friends),
// keeping its order of decisions so that the counts agree with it.
class Parser
{
public:
    Parser(const QString &text, TexRules *rules, QStringList paths, QString workdir)
        : m_text(text)
        , m_rules(rules)
        , m_paths(std::move(paths))
        , m_workdir(std::move(workdir))
    {
    }

    void parseAll()
    {
        while (!atEnd())
            parseUnit(Text);
    }

    WordCounts counts;
    QList<IncludeRequest> includes;

private:
    static constexpr const char *noEnd = "";

    bool atEnd() const { return m_pos >= m_text.size(); }

    bool take(const QRegularExpression &re, QRegularExpressionMatch *match = nullptr)
    {
        QRegularExpressionMatch m = matchAt(re, m_text, m_pos);
        if (!m.hasMatch())
            return false;
        m_pos += m.capturedEnd(0);
        if (match)
            *match = m;
        return true;
    }

    void setToken(qsizetype length, Token type)
    {
        m_next = m_text.mid(m_pos, length);
        m_pos += length;
        m_type = type;
    }

    bool readToken(bool simple)
    {
        if (atEnd())
            return false;
        const QChar ch = m_text.at(m_pos);
        if (ch == u' ' || ch == u'\t' || ch == u'\f') {
            qsizetype end = m_pos;
            while (end < m_text.size() && (m_text[end] == u' ' || m_text[end] == u'\t' || m_text[end] == u'\f'))
                ++end;
            setToken(end - m_pos, Token::Space);
            return true;
        }
        if (ch == u'\n' || ch == u'\r') {
            const bool crlf = ch == u'\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'\n';
            setToken(crlf ? 2 : 1, Token::LineBreak);
            return true;
        }
        if (!simple && isPlainLetter(ch)) {
            const qsizetype end = plainWordEnd(m_text, m_pos);
            if (end > m_pos) {
                setToken(end - m_pos, Token::Word);
                return true;
            }
        }
        if (!simple && !isPlainLetter(ch) && !ch.isSurrogate() && ch != u'\\' && ch != u'{') {
            if (isLogogram(ch)) {
                setToken(1, Token::Word);
                return true;
            }
        } else if (!simple) {
            const QRegularExpressionMatch word = matchAt(wordExpression(), m_text, m_pos);
            if (word.hasMatch() && word.capturedLength(0) > 0) {
                setToken(word.capturedLength(0), Token::Word);
                return true;
            }
        } else if (ch.isLetterOrNumber() || ch == u'_') {
            const bool letter = matchAt(wordExpression(), m_text.mid(m_pos, 1), 0).hasMatch();
            setToken(1, letter ? Token::Word : Token::Symbol);
            return true;
        }
        if (ch == u'\\') {
            const QChar after = m_pos + 1 < m_text.size() ? m_text[m_pos + 1] : QChar();
            if (after == u'{' || after == u'}' || after == u'%') {
                setToken(2, Token::Symbol);
                return true;
            }
            auto isMacroLetter = [](QChar c) {
                return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'@';
            };
            if (isMacroLetter(after)) {
                qsizetype end = m_pos + 1;
                while (end < m_text.size() && isMacroLetter(m_text[end]))
                    ++end;
                setToken(end - m_pos, Token::Macro);
                return true;
            }
            if (!after.isNull() && after.isPrint()) {
                setToken(2, Token::Macro);
                return true;
            }
            setToken(1, Token::End);
            return true;
        }
        if (ch == u'$') {
            const bool display = m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'$';
            setToken(display ? 2 : 1, Token::Math);
            return true;
        }
        if (ch == u'{' || ch == u'}') {
            setToken(1, Token::Brace);
            return true;
        }
        if (ch == u'[' || ch == u']') {
            setToken(1, Token::Bracket);
            return true;
        }
        if (ch == u'%') {
            static const QRegularExpression endIgnore = anchored("%+TC:\\s*endignore\\b[^\\r\\n]*");
            static const QRegularExpression instruction = anchored("%+[tT][cC]:[^\\r\\n]*");
            static const QRegularExpression comment = anchored("%+[^\\r\\n]*");
            QRegularExpressionMatch m;
            if (take(endIgnore)) {
                m_next = QStringLiteral("%TC:endignore");
                m_type = Token::Instruction;
            } else if (take(instruction, &m)) {
                m_next = m.captured(0);
                m_type = Token::Instruction;
            } else {
                take(comment);
                m_type = Token::Comment;
            }
            return true;
        }
        setToken(1, QStringLiteral("'\":.,()!+-*=/^_@<>~#&").contains(ch) ? Token::Symbol : Token::End);
        return true;
    }

    // The next token, skipping comments and line breaks (spaces are tokens).
    bool nextToken(bool simple)
    {
        while (readToken(simple)) {
            if (m_type != Token::Comment && m_type != Token::LineBreak)
                return true;
        }
        return false;
    }

    // Spaces, one line break and comments, as TeXcount skips them before an option or argument.
    void gobbleSpace()
    {
        static const QRegularExpression lineBreak = anchored("[ \\t\\f]*(\\r\\n|\\r|\\n)[ \\t\\f]*");
        static const QRegularExpression spaces = anchored("[ \\t\\f]+");
        static const QRegularExpression instruction = anchored("%TC:");
        static const QRegularExpression comment = anchored("%+[^\\r\\n]*");
        for (;;) {
            if (!take(lineBreak))
                take(spaces);
            if (matchAt(instruction, m_text, m_pos).hasMatch() || !take(comment))
                return;
        }
    }

    bool gobbleOption()
    {
        static const QRegularExpression option = anchored("\\[[^\\[\\]\\n]*\\]");
        gobbleSpace();
        return take(option);
    }

    void gobbleOptions()
    {
        while (gobbleOption()) {
        }
    }

    void gobbleModifier()
    {
        if (m_pos < m_text.size() && m_text[m_pos] == u'*')
            ++m_pos;
    }

    QStringList gobbleArguments(const QList<int> &rule, int oldState, bool packages = false)
    {
        static const QRegularExpression optionStart = anchored("\\s*\\[");
        QStringList special;
        if (!rule.isEmpty())
            gobbleModifier();
        bool autoOptions = true;
        for (qsizetype j = 0; j < rule.size(); ++j) {
            int p = rule[j];
            if (p == Option) {
                p = j + 1 < rule.size() ? rule[++j] : Ignore;
                if (take(optionStart)) {
                    gobbleSpace();
                    parseUnit(combinedState(p, oldState), QStringLiteral("]"));
                }
            } else if (p == NoOptions) {
                autoOptions = false;
            } else {
                if (autoOptions)
                    gobbleOptions();
                const QStringList argument = parseUnit(combinedState(p, oldState), QString(), true);
                if (p == SpecialArgument && packages)
                    special += argument;
            }
        }
        if (autoOptions)
            gobbleOptions();
        if (packages) {
            static const QRegularExpression comma(QStringLiteral("\\s*,\\s*"));
            for (const QString &name : special.join(QString()).split(comma, Qt::SkipEmptyParts))
                m_rules->includePackage(name);
        }
        return special;
    }

    bool countMacro(const QString &name, int state)
    {
        const auto it = m_rules->macroCounts.constFind(name);
        if (it == m_rules->macroCounts.cend())
            return false;
        if (!it->counters.isEmpty()) {
            for (int counter : it->counters)
                increment(counts, counter == Text ? textCounter(state) : counter);
        } else if (const int counter = textCounter(state)) {
            increment(counts, counter, it->words);
        }
        return true;
    }

    int enterState(int state)
    {
        switch (state) {
        case ToHeader: increment(counts, ToHeader); return HeaderText;
        case ToInlineMath: increment(counts, ToInlineMath); return Math;
        case ToDisplayMath: increment(counts, ToDisplayMath); return Math;
        case ToFloat: increment(counts, ToFloat); return Float;
        default: return state;
        }
    }

    // One unit (a token or a {...} group) when end is empty, else up to the token end.
    // argument: a macro's argument, where a word is a single letter (TeXcount's simple tokens).
    QStringList parseUnit(int state, const QString &end = QString(), bool argument = false)
    {
        static const QRegularExpression beginDocument = anchored("\\{\\s*document\\s*\\}");
        QStringList special;
        state = enterState(state);
        while (nextToken(argument)) {
            if (!end.isEmpty() && m_next == end)
                return special;
            if (state == Preamble && m_next == QLatin1String("\\begin") && matchAt(beginDocument, m_text, m_pos).hasMatch())
                state = Text;
            if (state == ExcludeAll) {
                // everything is ignored up to the end token
            } else if (m_type == Token::Space) {
            } else if (m_next == QLatin1String("{")) {
                special += parseUnit(state, QStringLiteral("}"));
            } else if (m_next == QLatin1String("}")) {
                // a } without its {: TeXcount reports it and goes on
            } else if (m_type == Token::Instruction) {
                parseInstruction();
            } else if (state == SpecialArgument) {
                special << m_next;
            } else if (m_type == Token::Word) {
                if (const int counter = textCounter(state))
                    increment(counts, counter);
            } else if (state == ExcludeStronger) {
            } else if (m_next == QLatin1String("\\documentclass")) {
                parseDocumentClass();
                while (!atEnd())
                    special += parseUnit(Preamble);
            } else if (m_type == Token::Macro) {
                parseMacro(m_next, state);
            } else if (m_next == QLatin1String("$")) {
                parseMath(state, ToInlineMath, QStringLiteral("$"));
            } else if (m_next == QLatin1String("$$")) {
                if (end != QLatin1String("$"))
                    parseMath(state, ToDisplayMath, QStringLiteral("$$"));
            }
            if (end.isEmpty())
                return special;
        }
        return special;
    }

    void parseInstruction()
    {
        static const QRegularExpression ignore(QStringLiteral("^%+TC:\\s*ignore\\b"), QRegularExpression::CaseInsensitiveOption);
        if (ignore.match(m_next).hasMatch())
            parseUnit(ExcludeAll, QStringLiteral("%TC:endignore"));
    }

    void parseMath(int state, int counter, const QString &end)
    {
        if (isText(state))
            increment(counts, counter);
        parseUnit(Math, end);
    }

    void parseDocumentClass()
    {
        static const QRegularExpression name = anchored("\\{\\s*([^\\{\\}\\s]+)\\s*\\}");
        gobbleOption();
        QRegularExpressionMatch m;
        if (take(name, &m))
            m_rules->includePackage(QStringLiteral("class%") + m.captured(1));
        else
            parseUnit(Ignore);
    }

    void parseMacro(const QString &macro, int state)
    {
        static const QRegularExpression definition(QStringLiteral("^\\\\(def|edef|gdef|xdef)$"));
        static const QRegularExpression upToBrace = anchored("[^\\{]*(?=\\{)");
        if (macro == QLatin1String("\\begin") && includesEnvironments(state)) {
            parseEnvironment(state);
        } else if (macro == QLatin1String("\\end") && includesEnvironments(state)) {
            // an \end without its \begin: TeXcount reports it and goes on
        } else if (macro == QLatin1String("\\verb")) {
            gobbleModifier();
            if (atEnd() || m_text[m_pos].isSpace())
                return;
            const QChar delimiter = m_text[m_pos];
            const qsizetype close = m_text.indexOf(delimiter, m_pos + 1);
            if (close >= 0)
                m_pos = close + 1;
        } else if (isParsed(state) && m_rules->packageInclude.contains(macro)) {
            gobbleArguments(m_rules->packageInclude.value(macro), Text, true);
        } else if (isParsed(state) && m_rules->fileIncludes.contains(macro)) {
            countMacro(macro, state);
            parseInclude(m_rules->fileIncludes.value(macro));
        } else if (state == Float && m_rules->floatIncluded.contains(macro)) {
            gobbleArguments(m_rules->floatIncluded.value(macro), Text);
        } else if (state == Preamble && m_rules->preamble.contains(macro)) {
            countMacro(macro, Text);
            gobbleArguments(m_rules->preamble.value(macro), Text);
        } else if (isExcluded(state)) {
            gobbleOptions();
        } else if (macro == QLatin1String("\\(")) {
            parseMath(state, ToInlineMath, QStringLiteral("\\)"));
        } else if (macro == QLatin1String("\\[")) {
            parseMath(state, ToDisplayMath, QStringLiteral("\\]"));
        } else if (definition.match(macro).hasMatch()) {
            take(upToBrace);
            parseUnit(ExcludeStrong);
        } else if (m_rules->macros.contains(macro)) {
            countMacro(macro, state);
            gobbleArguments(m_rules->macros.value(macro), state);
        } else if (!countMacro(macro, state)) {
            gobbleOptions();
        }
    }

    void parseEnvironment(int state)
    {
        static const QRegularExpression nameExpression = anchored("\\{([^\\{\\}\\s]+)\\}[ \\t\\r\\f]*");
        gobbleSpace();
        QString name = QStringLiteral("???");
        QRegularExpressionMatch m;
        if (take(nameExpression, &m)) {
            name = m.captured(1);
            const QString key = QStringLiteral("begin") + name;
            countMacro(key, state);
            if (m_rules->macros.contains(key))
                gobbleArguments(m_rules->macros.value(key), Text);
            else
                gobbleOptions();
        }
        const auto known = m_rules->environments.constFind(name);
        const int body = known == m_rules->environments.cend() ? state : combinedState(*known, state);
        if (includesEnvironments(body)) {
            parseUnit(body, QStringLiteral("\\end"));
            gobbleSpace();
            take(nameExpression);
            return;
        }
        // An excluded body (verbatim): skip to the \end{name} that closes it.
        const QRegularExpression closing(QStringLiteral("\\s*\\{") + QRegularExpression::escape(name)
                                         + QStringLiteral("\\}[ \\t\\r\\f]*"));
        while (!atEnd()) {
            parseUnit(body, QStringLiteral("\\end"));
            if (take(closing))
                return;
        }
    }

    void parseInclude(const QString &type)
    {
        IncludeRequest request;
        request.paths = m_paths;
        request.suffixes = {QString()};
        QHash<QString, QString> folders;
        if (type == QLatin1String("input")) {
            static const QRegularExpression braced = anchored("\\s*\\{([^\\{\\}\\s]+)\\}");
            static const QRegularExpression bare = anchored("\\s*([^\\{\\}%\\\\\\s]+)");
            static const QRegularExpression spaced = anchored("\\s*\\{(.+?)\\}");
            QRegularExpressionMatch m;
            if (!take(braced, &m) && !take(bare, &m) && !take(spaced, &m))
                return;
            request.file = m.captured(1);
            if (!request.file.endsWith(QLatin1String(".tex"), Qt::CaseInsensitive))
                request.suffixes = {QStringLiteral(".tex"), QString()};
        } else {
            static const QRegularExpression argument = anchored("\\s*\\{([^\\{\\}%]*)\\}");
            static const QRegularExpression separators(QStringLiteral("\\s+|,"));
            for (const QString &parameter : type.split(separators, Qt::SkipEmptyParts)) {
                QRegularExpressionMatch m;
                if (!take(argument, &m))
                    return;
                if (parameter == QLatin1String("file")) {
                    request.file = m.captured(1);
                    if (!request.file.endsWith(QLatin1String(".tex"), Qt::CaseInsensitive))
                        request.suffixes = {QStringLiteral(".tex"), QString()};
                } else if (parameter == QLatin1String("texfile")) {
                    request.file = m.captured(1) + QStringLiteral(".tex");
                } else {
                    folders.insert(parameter, m.captured(1));
                }
            }
            for (const QString &parameter : type.split(separators, Qt::SkipEmptyParts)) {
                if (parameter == QLatin1String("dir"))
                    request.paths.prepend(m_workdir + folders.value(parameter));
                else if (parameter == QLatin1String("subdir"))
                    request.paths.prepend(request.paths.value(0) + folders.value(parameter));
            }
        }
        if (!request.file.isEmpty())
            includes.append(request);
    }

    QString m_text;
    qsizetype m_pos = 0;
    QString m_next;
    Token m_type = Token::End;
    TexRules *m_rules;
    QStringList m_paths;
    QString m_workdir;
};

// The project-relative path of folder + file, or empty when it leaves the project.
QString projectPath(QString folder, const QString &file)
{
    if (QDir::isAbsolutePath(file) || file.contains(u'\\'))
        return {};
    if (!folder.isEmpty() && !folder.endsWith(u'/'))
        folder += u'/';
    const QString path = QDir::cleanPath(folder + file);
    if (path.isEmpty() || path == QLatin1String("..") || path.startsWith(QLatin1String("../")) || QDir::isAbsolutePath(path))
        return {};
    return path;
}

} // namespace

WordCounts TexCounter::countText(const QString &text)
{
    TexRules rules = TexRules::core();
    Parser parser(text, &rules, {QString()}, QString());
    parser.parseAll();
    return parser.counts;
}

DocumentCount TexCounter::countDocument(const QString &rootDocument, const TextSource &source, int maxFiles)
{
    DocumentCount result;
    TexRules rules = TexRules::core();
    const qsizetype slash = rootDocument.lastIndexOf(u'/');
    const QString workdir = slash < 0 ? QString() : rootDocument.left(slash + 1);

    struct Pending
    {
        QString path;
        QStringList paths;
    };
    QList<Pending> queue{{rootDocument, {workdir}}};
    QSet<QString> seen{rootDocument};
    QHash<QString, std::optional<QString>> texts;
    auto textOf = [&](const QString &path) -> const std::optional<QString> & {
        auto it = texts.find(path);
        if (it == texts.end())
            it = texts.insert(path, source(path));
        return *it;
    };
    for (qsizetype i = 0; i < queue.size() && result.files.size() < maxFiles; ++i) {
        const Pending pending = queue[i];
        const std::optional<QString> text = textOf(pending.path);
        if (!text) {
            result.missing << pending.path;
            continue;
        }
        Parser parser(*text, &rules, pending.paths, workdir);
        parser.parseAll();
        result.files.append({pending.path, parser.counts});
        result.total += parser.counts;
        texts.remove(pending.path); // counted once; the memory goes back
        for (const IncludeRequest &request : std::as_const(parser.includes)) {
            QString found;
            for (const QString &suffix : request.suffixes) {
                for (const QString &folder : request.paths) {
                    const QString candidate = projectPath(folder, request.file + suffix);
                    if (!candidate.isEmpty() && (seen.contains(candidate) || textOf(candidate))) {
                        found = candidate;
                        break;
                    }
                }
                if (!found.isEmpty())
                    break;
            }
            if (found.isEmpty()) {
                if (!result.missing.contains(request.file))
                    result.missing << request.file;
            } else if (!seen.contains(found)) {
                seen.insert(found);
                queue.append({found, request.paths});
            }
        }
    }
    return result;
}

} // namespace coauthor::wordcount
