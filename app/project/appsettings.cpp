#include "app/project/appsettings.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QSettings>

namespace coauthor::app {

AppSettings AppSettings::load()
{
    QSettings s;
    AppSettings a;
    a.editorFont = defaultEditorFont();
    const QString font = s.value(QStringLiteral("editor/font")).toString();
    if (!font.isEmpty())
        a.editorFont.fromString(font);
    a.softWrap = s.value(QStringLiteral("editor/softWrap"), a.softWrap).toBool();
    a.endEnvironments = s.value(QStringLiteral("editor/endEnvironments"), a.endEnvironments).toBool();
    a.closeBrackets = s.value(QStringLiteral("editor/closeBrackets"), a.closeBrackets).toBool();
    a.closeMath = s.value(QStringLiteral("editor/closeMath"), a.closeMath).toBool();
    a.citationDetails = s.value(QStringLiteral("editor/citationDetails"), a.citationDetails).toBool();
    a.autoCompile = s.value(QStringLiteral("compile/auto"), a.autoCompile).toBool();
    a.autoCompileDelayMs
        = qBound(200, s.value(QStringLiteral("compile/autoDelayMs"), a.autoCompileDelayMs).toInt(), 10000);
    const QString engine = s.value(QStringLiteral("compile/engine"), a.engine).toString();
    if (engine == QLatin1String("pdflatex") || engine == QLatin1String("xelatex")
        || engine == QLatin1String("lualatex") || engine == QLatin1String("uplatex"))
        a.engine = engine;
    a.language = s.value(QStringLiteral("ui/language")).toString();
    a.spellCheck = s.value(QStringLiteral("spell/enabled"), a.spellCheck).toBool();
    a.spellLanguage = s.value(QStringLiteral("spell/language")).toString();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("editor/font"), editorFont.toString());
    s.setValue(QStringLiteral("editor/softWrap"), softWrap);
    s.setValue(QStringLiteral("editor/endEnvironments"), endEnvironments);
    s.setValue(QStringLiteral("editor/closeBrackets"), closeBrackets);
    s.setValue(QStringLiteral("editor/closeMath"), closeMath);
    s.setValue(QStringLiteral("editor/citationDetails"), citationDetails);
    s.setValue(QStringLiteral("compile/auto"), autoCompile);
    s.setValue(QStringLiteral("compile/autoDelayMs"), autoCompileDelayMs);
    s.setValue(QStringLiteral("compile/engine"), engine);
    s.setValue(QStringLiteral("ui/language"), language);
    s.setValue(QStringLiteral("spell/enabled"), spellCheck);
    s.setValue(QStringLiteral("spell/language"), spellLanguage);
}

QFont AppSettings::defaultEditorFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(11);
    return font;
}

QList<std::pair<QString, QString>> AppSettings::languages()
{
    // Native names, so a user who cannot read the current UI still finds theirs.
    return {
        {QString(), QCoreApplication::translate("coauthor::app::AppSettings", "System language")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("ja"), QStringLiteral("日本語")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
    };
}

} // namespace coauthor::app
