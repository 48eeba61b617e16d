// SpellDictionaries: where Hunspell dictionaries are found and which
// languages they give, and the loaded checkers, one per language for the whole
// app (a dictionary is tens of MB and takes a noticeable moment to read, so it
// is read once, on a worker thread).
//
// Folders searched, in order (the first that has the language wins):
//   1. COAUTHOR_DICTIONARY_PATH (folders separated by the platform's list separator);
//   2. the app's own folder: <app dir>/dictionaries, and on macOS the bundle's
//      Contents/Resources/dictionaries (how the Windows and macOS packages ship them);
//   3. the user's and the system's data folders' hunspell/ (~/.local/share/hunspell,
//      /usr/local/share/hunspell, /usr/share/hunspell) and /usr/share/myspell/dicts,
//      /usr/share/myspell (Debian's hunspell-* and myspell-* packages).
// A language is the base name of a .dic with an .aff beside it: en_US, de_DE, fr.
#pragma once

#include <QFuture>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace coauthor::spell {

class SpellChecker;

class SpellDictionaries
{
public:
    static QStringList searchPaths();
    // Every language found, sorted, without duplicates.
    static QStringList availableLanguages();

    struct Files
    {
        QString language; // as found: "fr" for a request of fr_FR when only fr.dic exists
        QString aff;
        QString dic;
    };
    // The dictionary for a language: "de_DE" and "de-DE" alike; fr_FR falls back
    // to fr, and "de" to de_DE ("en" to en_US), else the first de_XX found.
    static std::optional<Files> find(const QString &language);

    struct Loaded
    {
        std::shared_ptr<SpellChecker> checker; // null when none
        QString language;                      // the one asked for
        QString error;                         // why there is none (no dictionary, unreadable)
    };
    // The checker of a language, read on a worker thread the first time and
    // shared afterwards. Call from the GUI thread; the future finishes there too
    // (use it with a QFutureWatcher or .then(context, ...)).
    static QFuture<Loaded> load(const QString &language);

    // "de_DE" -> "Deutsch (Deutschland)": the language's own name, for menus.
    static QString displayName(const QString &language);
};

} // namespace coauthor::spell
