// TranslationLoader: installs the UI translation (ours from the embedded .qm
// files, and Qt's own for standard dialogs) for the chosen or system language.
#pragma once

#include <QList>
#include <QString>

class QTranslator;

namespace coauthor::app {

class TranslationLoader
{
public:
    // The language to use: `override` (command line / COAUTHOR_LANG) when set, else the
    // setting, else the system locale. Returns a language code such as "ja" or "en".
    static QString chooseLanguage(const QString &override, const QString &setting);

    // Replaces any translation installed before by this loader. "en" (the source
    // language) installs only its plural forms. Returns false when no translation exists for it.
    static bool install(const QString &language);
    static QString installedLanguage();
    static QStringList availableLanguages(); // the languages we ship .qm files for, plus "en"
};

} // namespace coauthor::app
