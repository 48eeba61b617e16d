// AppSettings: the user's preferences (editor font, soft wrap, auto-compile,
// engine, language), read from and written to QSettings in one place.
#pragma once

#include <QFont>
#include <QString>

namespace coauthor::app {

struct AppSettings
{
    QFont editorFont;
    bool softWrap = true;
    bool autoCompile = true;
    int autoCompileDelayMs = 1000;
    QString engine = QStringLiteral("pdflatex"); // pdflatex, xelatex, lualatex or uplatex
    QString language;                           // empty: follow the system; "en", "ja", "de"

    static AppSettings load();
    void save() const;

    static QFont defaultEditorFont();
    // The languages the UI is translated to, as (code, native name); "" is the system language.
    static QList<std::pair<QString, QString>> languages();
};

} // namespace coauthor::app
