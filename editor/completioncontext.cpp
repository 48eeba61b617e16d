#include "editor/completioncontext.h"

#include "editor/bracketmatcher.h"

#include <QRegularExpression>

namespace coauthor::editor {

namespace {

bool isReferenceCommand(QStringView name)
{
    static const char *const names[] = {"ref", "eqref", "autoref", "Autoref", "cref", "Cref", "pageref", "vref",
                                        "Vref", "nameref", "labelcref", "cpageref", "Cpageref", "crefrange",
                                        "cpagerefrange", "vpageref", "hyperref", "subref", "fref", "Fref"};
    for (const char *n : names) {
        if (name == QLatin1StringView(n))
            return true;
    }
    return false;
}

bool isCitationCommand(QStringView name)
{
    // \cite-like commands of LaTeX, natbib and biblatex, plus \nocite.
    if (name.endsWith(u"cite") || name.endsWith(u"cites") || name.endsWith(u"citep") || name.endsWith(u"citet")
        || name.endsWith(u"citealp") || name.endsWith(u"citealt") || name.endsWith(u"citeauthor")
        || name.endsWith(u"citeyear") || name.endsWith(u"citeyearpar") || name.endsWith(u"citetitle")
        || name.endsWith(u"citeurl") || name.endsWith(u"citedate") || name.endsWith(u"citenum"))
        return true;
    return name == u"nocite" || name == u"footfullcite" || name == u"fullcite";
}

} // namespace

CompletionContext CompletionContext::at(const QString &lineBeforeCursor)
{
    CompletionContext ctx;
    if (BracketMatcher::commentStart(lineBeforeCursor) < lineBeforeCursor.size())
        return ctx; // in a comment
    // Only the end of a very long line matters; bounding it keeps the
    // expression below cheap on every keystroke.
    constexpr qsizetype window = 400;
    const int offset = int(qMax<qsizetype>(0, lineBeforeCursor.size() - window));
    const QString line = lineBeforeCursor.mid(offset);

    // A command name being typed: "\" followed by letters up to the cursor.
    qsizetype i = line.size();
    while (i > 0 && (line.at(i - 1).isLetter() || line.at(i - 1) == u'@'))
        --i;
    if (i > 0 && line.at(i - 1) == u'\\' && !BracketMatcher::isEscaped(line, int(i - 1))) {
        ctx.kind = Kind::Command;
        ctx.prefixStart = offset + int(i);
        ctx.prefix = line.mid(i);
        return ctx;
    }

    // An argument being typed: the innermost unclosed "{" before the cursor
    // on this line, directly after \name, \name*, and optional [..] arguments.
    static const QRegularExpression argument(
        QStringLiteral(R"(\\([A-Za-z]+)\*?(?:\s*\[[^\]]*\])*\s*\{([^{}\\]*)$)"));
    const QRegularExpressionMatch m = argument.match(line);
    if (!m.hasMatch())
        return ctx;
    const QString name = m.captured(1);
    const QString typed = m.captured(2);
    const int typedStart = offset + int(m.capturedStart(2));
    ctx.command = name;
    if (name == u"begin" || name == u"end") {
        ctx.kind = Kind::Environment;
        ctx.prefix = typed;
        ctx.prefixStart = typedStart;
        return ctx;
    }
    const bool reference = isReferenceCommand(name);
    const bool citation = !reference && isCitationCommand(name);
    if (!reference && !citation)
        return ctx;
    // Several keys separated by commas: complete the last one.
    const qsizetype comma = typed.lastIndexOf(u',');
    qsizetype start = comma + 1;
    while (start < typed.size() && typed.at(start).isSpace())
        ++start;
    ctx.kind = reference ? Kind::Reference : Kind::Citation;
    ctx.prefix = typed.mid(start);
    ctx.prefixStart = typedStart + int(start);
    return ctx;
}

} // namespace coauthor::editor
