#include "editor/scannedfile.h"

namespace coauthor::editor {

namespace {

// A forward-only reader over LaTeX source that keeps the 1-based line number.
class Reader
{
public:
    explicit Reader(const QString &text) : m_text(text) { }

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : QChar();
    }
    QChar next()
    {
        const QChar c = m_text.at(m_pos++);
        if (c == u'\n')
            ++m_line;
        return c;
    }
    int line() const { return m_line; }
    qsizetype pos() const { return m_pos; }

    void skipToEndOfLine()
    {
        while (!atEnd() && peek() != u'\n')
            ++m_pos;
    }
    // Spaces, tabs and at most one newline: what TeX allows between a command and its argument.
    void skipSpaces()
    {
        bool newline = false;
        while (!atEnd()) {
            const QChar c = peek();
            if (c == u' ' || c == u'\t' || c == u'\r') {
                next();
            } else if (c == u'\n' && !newline) {
                newline = true;
                next();
            } else if (c == u'%') {
                skipToEndOfLine();
            } else {
                break;
            }
        }
    }
    QString commandName()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && (peek().isLetter() || peek() == u'@'))
            ++m_pos;
        if (m_pos == start && !atEnd())
            next(); // a control symbol such as \\ or \%
        return m_text.mid(start, m_pos - start);
    }
    bool optionalStar()
    {
        if (peek() == u'*') {
            next();
            return true;
        }
        return false;
    }
    // Reads a balanced {...} or [...] group (delimiters excluded). Gives up,
    // leaving the position unchanged, on an unbalanced group or one that is
    // implausibly long: a missing brace must not swallow the rest of the file.
    std::optional<QString> group(QChar open, QChar close, qsizetype maxLength = 4000)
    {
        if (peek() != open)
            return std::nullopt;
        const qsizetype start = m_pos;
        const int startLine = m_line;
        next();
        int depth = 1;
        QString out;
        bool blankSoFar = false; // only spaces since the last newline
        while (!atEnd() && m_pos - start < maxLength) {
            const QChar c = next();
            if (c == u'\n') {
                // A blank line ends a paragraph; TeX does not let an argument
                // of \section or \label run across one, so neither do we.
                if (blankSoFar)
                    break;
                blankSoFar = true;
            } else if (c != u' ' && c != u'\t' && c != u'\r') {
                blankSoFar = false;
            }
            if (c == u'\\') {
                out += c;
                if (!atEnd())
                    out += next();
                continue;
            }
            if (c == u'%') {
                skipToEndOfLine();
                continue;
            }
            if (c == open && open == u'{')
                ++depth;
            else if (c == close && (--depth == 0 || close == u']'))
                return out;
            out += c;
        }
        m_pos = start;
        m_line = startLine;
        return std::nullopt;
    }
    std::optional<QString> braced() { return group(u'{', u'}'); }
    void skipOptionalArguments()
    {
        for (;;) {
            skipSpaces();
            if (!group(u'[', u']'))
                return;
        }
    }
    // Skips to just after "\end{name}" (verbatim-like environments).
    void skipVerbatimBody(const QString &name)
    {
        const QString end = u"\\end{" + name + u'}';
        const qsizetype at = m_text.indexOf(end, m_pos);
        const qsizetype stop = at < 0 ? m_text.size() : at + end.size();
        while (m_pos < stop)
            next();
    }
    void skipVerb()
    {
        if (atEnd())
            return;
        const QChar delimiter = next();
        while (!atEnd() && peek() != delimiter && peek() != u'\n')
            next();
        if (peek() == delimiter)
            next();
    }

private:
    const QString &m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
};

QString simplifiedTitle(const QString &title)
{
    return title.simplified();
}

int sectionLevel(QStringView name)
{
    static const char *const names[] = {"part", "chapter", "section", "subsection", "subsubsection", "paragraph"};
    for (int i = 0; i < 6; ++i) {
        if (name == QLatin1StringView(names[i]))
            return i;
    }
    return -1;
}

bool isVerbatimEnvironment(QStringView name)
{
    return name == u"verbatim" || name == u"verbatim*" || name == u"Verbatim" || name == u"BVerbatim"
        || name == u"LVerbatim" || name == u"lstlisting" || name == u"minted" || name == u"comment";
}

bool isNewCommand(QStringView name)
{
    return name == u"newcommand" || name == u"renewcommand" || name == u"providecommand"
        || name == u"DeclareRobustCommand" || name == u"DeclareMathOperator" || name == u"NewDocumentCommand"
        || name == u"RenewDocumentCommand" || name == u"ProvideDocumentCommand" || name == u"DeclareDocumentCommand"
        || name == u"newrobustcmd" || name == u"DeclarePairedDelimiter";
}

bool isDef(QStringView name)
{
    return name == u"def" || name == u"gdef" || name == u"edef" || name == u"xdef" || name == u"let";
}

bool isNewEnvironment(QStringView name)
{
    return name == u"newenvironment" || name == u"renewenvironment" || name == u"NewDocumentEnvironment"
        || name == u"RenewDocumentEnvironment" || name == u"newtheorem" || name == u"declaretheorem";
}

} // namespace

ScannedFile ScannedFile::scanLatex(const QString &text)
{
    ScannedFile out;
    Reader r(text);
    while (!r.atEnd()) {
        const QChar c = r.next();
        if (c == u'%') {
            r.skipToEndOfLine();
            continue;
        }
        if (c != u'\\')
            continue;
        const int line = r.line();
        const QString name = r.commandName();
        if (name.isEmpty() || !name.at(0).isLetter())
            continue;
        if (name == u"label") {
            r.skipSpaces();
            if (auto key = r.braced(); key && !key->trimmed().isEmpty())
                out.labels.append({key->trimmed(), line});
        } else if (const int level = sectionLevel(name); level >= 0) {
            r.optionalStar();
            r.skipOptionalArguments();
            if (auto title = r.braced())
                out.sections.append({level, simplifiedTitle(*title), QString(), line});
        } else if (name == u"begin") {
            r.skipSpaces();
            const auto env = r.braced();
            if (env && isVerbatimEnvironment(*env))
                r.skipVerbatimBody(*env);
        } else if (name == u"verb" || name == u"lstinline" || name == u"mintinline") {
            r.optionalStar();
            if (name == u"mintinline")
                r.braced();
            else if (name == u"lstinline")
                r.skipOptionalArguments();
            if (r.peek() == u'{') // \lstinline{...} and \mintinline{lang}{...}
                r.braced();
            else
                r.skipVerb();
        } else if (name == u"input" || name == u"include" || name == u"subfile" || name == u"InputIfFileExists") {
            r.skipSpaces();
            if (auto target = r.braced()) {
                out.includes.append({target->trimmed(), line, name == u"subfile"});
            } else if (name == u"input") {
                // TeX's own syntax: \input file
                QString target;
                while (!r.atEnd() && !r.peek().isSpace() && r.peek() != u'%' && r.peek() != u'\\')
                    target += r.next();
                if (!target.isEmpty())
                    out.includes.append({target, line, false});
            }
        } else if (name == u"import" || name == u"subimport" || name == u"inputfrom" || name == u"subinputfrom"
                   || name == u"includefrom" || name == u"subincludefrom") {
            r.optionalStar();
            r.skipSpaces();
            const auto dir = r.braced();
            r.skipSpaces();
            const auto file = r.braced();
            if (dir && file) {
                QString d = dir->trimmed();
                if (!d.isEmpty() && !d.endsWith(u'/'))
                    d += u'/';
                out.includes.append({d + file->trimmed(), line, name.startsWith(u"sub")});
            }
        } else if (name == u"bibitem") {
            r.skipOptionalArguments();
            r.skipSpaces();
            if (auto key = r.braced(); key && !key->trimmed().isEmpty())
                out.citations.append({key->trimmed(), line});
        } else if (isNewCommand(name)) {
            r.optionalStar();
            r.skipSpaces();
            QString defined;
            if (auto arg = r.braced()) {
                defined = arg->trimmed();
            } else if (r.peek() == u'\\') {
                r.next();
                defined = u'\\' + r.commandName();
            }
            if (defined.startsWith(u'\\') && defined.size() > 1)
                out.commands.append(defined.mid(1));
        } else if (isDef(name)) {
            r.skipSpaces();
            if (r.peek() == u'\\') {
                r.next();
                const QString defined = r.commandName();
                if (!defined.isEmpty() && defined.at(0).isLetter())
                    out.commands.append(defined);
            }
        } else if (isNewEnvironment(name)) {
            r.optionalStar();
            r.skipSpaces();
            if (auto env = r.braced(); env && !env->trimmed().isEmpty())
                out.environments.append(env->trimmed());
        }
    }
    return out;
}

namespace {

// ---- BibTeX fields -------------------------------------------------------

// A field value as plain text: braces dropped, \"o and friends made into
// their letters, ~ and line breaks into spaces.
QString plainBibText(const QString &value)
{
    static const QHash<QChar, QChar> accents = {
        {u'"', QChar(0x0308)}, {u'\'', QChar(0x0301)}, {u'`', QChar(0x0300)},
        {u'^', QChar(0x0302)}, {u'~', QChar(0x0303)},  {u'=', QChar(0x0304)},
        {u'.', QChar(0x0307)}, {u'u', QChar(0x0306)},  {u'v', QChar(0x030C)},
        {u'H', QChar(0x030B)}, {u'c', QChar(0x0327)},
    };
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == u'{' || c == u'}')
            continue;
        if (c == u'~' || c == u'\n' || c == u'\t' || c == u'\r') {
            out += u' ';
            continue;
        }
        if (c == u'\\' && i + 1 < value.size()) {
            const QChar cmd = value.at(i + 1);
            const auto accent = accents.constFind(cmd);
            // \"o, \"{o}, \c{c}; letter accents (\u, \v, \H, \c) need a brace or space after them.
            const bool letterCommand = cmd.isLetter();
            qsizetype j = i + 2;
            if (accent != accents.constEnd() && (!letterCommand || (j < value.size() && (value.at(j) == u'{' || value.at(j) == u' ')))) {
                while (j < value.size() && (value.at(j) == u'{' || value.at(j) == u' '))
                    ++j;
                if (j < value.size() && value.at(j).isLetter()) {
                    out += value.at(j);
                    out += *accent;
                    i = j;
                    continue;
                }
            }
            if (value.mid(i + 1, 2) == u"ss") {
                out += QChar(0x00DF);
                i += 2;
                continue;
            }
            if (!cmd.isLetter()) {
                out += cmd; // \& \% \_ and the like
                ++i;
                continue;
            }
            // Another command: \textit{x} keeps only its argument, \TeX and \LaTeX their names.
            j = i + 1;
            while (j < value.size() && value.at(j).isLetter())
                ++j;
            if (j >= value.size() || value.at(j) != u'{')
                out += value.mid(i + 1, j - i - 1);
            i = j - 1;
            if (i + 1 < value.size() && value.at(i + 1) == u' ')
                ++i; // the space that ends a command name
            continue;
        }
        out += c;
    }
    return out.normalized(QString::NormalizationForm_C)
        .simplified()
        .replace(QStringLiteral("---"), QStringLiteral("\u2014"))
        .replace(QStringLiteral("--"), QStringLiteral("\u2013"))
        .replace(QStringLiteral("``"), QStringLiteral("\u201c"))
        .replace(QStringLiteral("''"), QStringLiteral("\u201d"));
}

// Splits at " and " outside braces ({Barnes and Noble} is one author).
QStringList splitNames(const QString &value)
{
    QStringList names;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == u'{')
            ++depth;
        else if (c == u'}')
            --depth;
        else if (depth == 0 && c.isSpace() && value.mid(i + 1, 4).compare(u"and ", Qt::CaseInsensitive) == 0) {
            names << value.mid(start, i - start);
            start = i + 4;
            i += 3;
        }
    }
    names << value.mid(start);
    return names;
}

// "Knuth, Donald E." and "Donald E. Knuth" -> "Knuth"; "{Barnes and Noble}" stays whole.
QString lastName(const QString &name)
{
    int depth = 0;
    qsizetype lastSpace = -1;
    for (qsizetype i = 0; i < name.trimmed().size(); ++i) {
        const QChar c = name.trimmed().at(i);
        if (c == u'{')
            ++depth;
        else if (c == u'}')
            --depth;
        else if (depth == 0 && c == u',')
            return plainBibText(name.trimmed().left(i));
        else if (depth == 0 && c.isSpace())
            lastSpace = i;
    }
    return plainBibText(name.trimmed().mid(lastSpace + 1));
}

// Reads "name = value" pairs from text[i] to the entry's closing delimiter.
void readBibFields(const QString &text, qsizetype i, QChar close, ScannedFile::BibEntry *entry)
{
    const qsizetype n = text.size();
    QString editors;
    QString date;
    while (i < n) {
        while (i < n && (text.at(i).isSpace() || text.at(i) == u','))
            ++i;
        if (i >= n || text.at(i) == close || text.at(i) == u'@')
            break;
        const qsizetype nameStart = i;
        while (i < n && (text.at(i).isLetterOrNumber() || text.at(i) == u'_' || text.at(i) == u'-' || text.at(i) == u':'))
            ++i;
        const QString name = text.mid(nameStart, i - nameStart).toLower();
        while (i < n && text.at(i).isSpace())
            ++i;
        if (name.isEmpty() || i >= n || text.at(i) != u'=')
            break; // not a field: give up on this entry rather than guess
        ++i;
        // The value: {...} or "..." pieces and macro names joined by #.
        QString value;
        while (i < n) {
            while (i < n && text.at(i).isSpace())
                ++i;
            if (i >= n)
                break;
            if (text.at(i) == u'{' || text.at(i) == u'"') {
                const QChar quote = text.at(i);
                int depth = 0;
                const qsizetype start = i + 1;
                ++i;
                while (i < n && !(depth == 0 && text.at(i) == (quote == u'{' ? u'}' : u'"'))) {
                    if (text.at(i) == u'{')
                        ++depth;
                    else if (text.at(i) == u'}')
                        --depth;
                    ++i;
                }
                value += text.mid(start, i - start);
                ++i;
            } else {
                const qsizetype start = i;
                while (i < n && text.at(i) != u',' && text.at(i) != close && text.at(i) != u'#' && !text.at(i).isSpace())
                    ++i;
                value += text.mid(start, i - start);
            }
            while (i < n && text.at(i).isSpace())
                ++i;
            if (i < n && text.at(i) == u'#') {
                ++i;
                continue;
            }
            break;
        }
        if (name == u"author") {
            for (const QString &person : splitNames(value))
                entry->authors << lastName(person);
        } else if (name == u"editor") {
            editors = value;
        } else if (name == u"title") {
            entry->title = plainBibText(value);
        } else if (name == u"year") {
            entry->year = plainBibText(value);
        } else if (name == u"date") {
            date = plainBibText(value);
        }
    }
    if (entry->authors.isEmpty() && !editors.isEmpty()) {
        for (const QString &person : splitNames(editors))
            entry->authors << lastName(person);
    }
    if (entry->year.isEmpty() && date.size() >= 4)
        entry->year = date.left(4);
}

} // namespace

ScannedFile ScannedFile::scanBibtex(const QString &text)
{
    ScannedFile out;
    int line = 1;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c == u'\n') {
            ++line;
            continue;
        }
        if (c != u'@')
            continue;
        qsizetype j = i + 1;
        while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == u'_'))
            ++j;
        const QString type = text.mid(i + 1, j - i - 1).toLower();
        while (j < n && (text.at(j) == u' ' || text.at(j) == u'\t'))
            ++j;
        if (type.isEmpty() || j >= n || (text.at(j) != u'{' && text.at(j) != u'('))
            continue;
        if (type == u"string" || type == u"preamble" || type == u"comment")
            continue;
        ++j;
        const qsizetype keyStart = j;
        int keyLine = line;
        while (j < n && text.at(j) != u',' && text.at(j) != u'}' && text.at(j) != u')') {
            if (text.at(j) == u'\n')
                ++keyLine;
            ++j;
        }
        const QString key = text.mid(keyStart, j - keyStart).trimmed();
        if (!key.isEmpty() && j < n && text.at(j) == u',') {
            out.citations.append({key, keyLine});
            ScannedFile::BibEntry entry;
            readBibFields(text, j + 1, text.at(keyStart - 1) == u'(' ? u')' : u'}', &entry);
            out.bibEntries.insert(key, entry);
        }
        // Continue scanning after the key; the entry body is skipped by the
        // '@' test (field values rarely contain "@type{" sequences).
        for (qsizetype k = i + 1; k < j; ++k) {
            if (text.at(k) == u'\n')
                ++line;
        }
        i = j - 1;
    }
    return out;
}

} // namespace coauthor::editor
