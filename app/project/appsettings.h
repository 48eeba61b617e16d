// AppSettings: the user's preferences (editor font, soft wrap, typing conveniences,
// auto-compile, engine, language, spell check), read from and written to QSettings in one place.
#pragma once

#include <QFont>
#include <QString>

namespace coauthor::app {

struct AppSettings
{
    QFont editorFont;
    bool softWrap = true;
    // Typing conveniences (LatexEditor / TypingAids), each one can be turned off.
    bool endEnvironments = true; // \end{env} after \begin{env}
    bool closeBrackets = true;   // { [ ( closed as they are typed
    bool closeMath = true;       // $ closed as it is typed
    bool citationDetails = true; // author, year and title in the \cite popup
    bool autoCompile = true;
    int autoCompileDelayMs = 1000;
    QString engine = QStringLiteral("pdflatex"); // pdflatex, xelatex, lualatex or uplatex
    QString language;                           // empty: follow the system; "en", "ja", "de"
    bool spellCheck = true;
    QString spellLanguage; // the default for projects without their own; empty: the system's if installed, else en_US

    static AppSettings load();
    void save() const;

    static QFont defaultEditorFont();
    // The languages the UI is translated to, as (code, native name); "" is the system language.
    static QList<std::pair<QString, QString>> languages();
};

} // namespace coauthor::app
