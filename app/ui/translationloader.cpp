#include "app/ui/translationloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace coauthor::app {

namespace {

// Owned by the application object; kept here so a second install() replaces them.
QList<QTranslator *> &installed()
{
    static QList<QTranslator *> translators;
    return translators;
}

QString &installedCode()
{
    static QString code = QStringLiteral("en");
    return code;
}

} // namespace

QString TranslationLoader::chooseLanguage(const QString &override, const QString &setting)
{
    if (!override.isEmpty())
        return override.left(2).toLower();
    if (!setting.isEmpty())
        return setting;
    const QStringList ui = QLocale::system().uiLanguages();
    for (const QString &name : ui) {
        const QString code = QLocale(name).name().left(2);
        if (availableLanguages().contains(code))
            return code;
    }
    return QStringLiteral("en");
}

bool TranslationLoader::install(const QString &language)
{
    for (QTranslator *t : installed()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    installed().clear();
    installedCode() = QStringLiteral("en");
    const QString code = language.isEmpty() ? QStringLiteral("en") : language;

    auto *ours = new QTranslator(QCoreApplication::instance());
    // qt_add_translations embeds the .qm files under :/i18n. English is the source
    // language; its catalogue only holds plural forms ("1 error", "2 errors").
    if (!ours->load(QStringLiteral("coauthor_") + code, QStringLiteral(":/i18n"))) {
        delete ours;
        return code == QLatin1String("en");
    }
    QCoreApplication::installTranslator(ours);
    installed() << ours;
    installedCode() = code;
    if (code == QLatin1String("en"))
        return true;

    // Qt's own strings (standard buttons, file dialogs) when the system has them.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed() << qt;
    } else {
        delete qt;
    }
    return true;
}

QString TranslationLoader::installedLanguage()
{
    return installedCode();
}

QStringList TranslationLoader::availableLanguages()
{
    QStringList out{QStringLiteral("en")};
    const QStringList qms = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("coauthor_*.qm")});
    for (const QString &qm : qms) {
        const QString code = qm.mid(9, qm.size() - 12);
        if (!out.contains(code))
            out << code;
    }
    return out;
}

} // namespace coauthor::app
