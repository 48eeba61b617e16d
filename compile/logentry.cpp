#include "compile/logentry.h"

#include <QtGlobal>

namespace coauthor::compile {

QString levelName(LogEntry::Level level)
{
    switch (level) {
    case LogEntry::Level::Error:
        return QStringLiteral("error");
    case LogEntry::Level::Warning:
        return QStringLiteral("warning");
    case LogEntry::Level::Typesetting:
        return QStringLiteral("typesetting");
    }
    return QString();
}

const char *hintSourceText(LogHint hint)
{
    // lupdate reads these through translations/update.sh, which lists this file.
    switch (hint) {
    case LogHint::None:
        return nullptr;
    case LogHint::Bib2glsNotInstalled:
        return QT_TRANSLATE_NOOP("coauthor::compile::LogHint",
                                 "The glossary needs bib2gls, which is not installed here "
                                 "(Debian packages texlive-bibtex-extra and default-jre-headless).");
    case LogHint::Bib2glsNeedsFullShellEscape:
        return QT_TRANSLATE_NOOP("coauthor::compile::LogHint",
                                 "The glossary needs bib2gls, which runs only with full shell escape "
                                 "(not on TeX Live's safe list); allow it for this project in the Build menu "
                                 "if you trust the project, or the glossary stays empty.");
    case LogHint::Bib2glsFailed:
        return QT_TRANSLATE_NOOP("coauthor::compile::LogHint", "bib2gls ran but wrote no glossary: see its log, %1.");
    case LogHint::Bib2glsError:
        return QT_TRANSLATE_NOOP("coauthor::compile::LogHint", "bib2gls ran but wrote no glossary: %2 (its log: %1).");
    }
    return nullptr;
}

QString hintText(const LogEntry &entry, const QString &wording)
{
    const char *source = hintSourceText(entry.hint);
    if (!source)
        return QString();
    QString hint = wording.isEmpty() ? QString::fromUtf8(source) : wording;
    // One multi-argument arg(): an argument holding "%1" is not substituted again.
    const QStringList &args = entry.hintArguments;
    if (args.size() == 1)
        hint = hint.arg(args.at(0));
    else if (args.size() >= 2)
        hint = hint.arg(args.at(0), args.at(1));
    return hint;
}

QString messageWithHint(const LogEntry &entry)
{
    const QString hint = hintText(entry);
    return hint.isEmpty() ? entry.message : entry.message + u' ' + hint;
}

} // namespace coauthor::compile
