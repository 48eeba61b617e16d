#include "editor/spell/spelldictionaries.h"

#include "editor/spell/spellchecker.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace coauthor::spell {

namespace {

QString normalized(QString language)
{
    return language.replace(u'-', u'_').trimmed();
}

QHash<QString, QFuture<SpellDictionaries::Loaded>> &loadedCheckers()
{
    static QHash<QString, QFuture<SpellDictionaries::Loaded>> cache; // GUI thread only
    return cache;
}

} // namespace

QStringList SpellDictionaries::searchPaths()
{
    QStringList paths;
    const QString env = qEnvironmentVariable("COAUTHOR_DICTIONARY_PATH");
    if (!env.isEmpty())
        paths += env.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    const QString appDir = QCoreApplication::applicationDirPath();
    if (!appDir.isEmpty()) {
        paths += appDir + QStringLiteral("/dictionaries");
        paths += QDir::cleanPath(appDir + QStringLiteral("/../Resources/dictionaries"));
    }
    for (const QString &data : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        paths += data + QStringLiteral("/hunspell");
    paths += QStringLiteral("/usr/share/hunspell");
    paths += QStringLiteral("/usr/share/myspell/dicts");
    paths += QStringLiteral("/usr/share/myspell");
    paths.removeDuplicates();
    return paths;
}

QStringList SpellDictionaries::availableLanguages()
{
    QStringList languages;
    for (const QString &path : searchPaths()) {
        const QDir dir(path);
        for (const QFileInfo &dic : dir.entryInfoList({QStringLiteral("*.dic")}, QDir::Files | QDir::Readable)) {
            // hyph_*.dic files are hyphenation patterns, not word lists.
            if (!dic.baseName().startsWith(QLatin1String("hyph_"))
                && QFileInfo::exists(dir.filePath(dic.completeBaseName() + QStringLiteral(".aff"))))
                languages += dic.completeBaseName();
        }
    }
    languages.removeDuplicates();
    languages.sort();
    return languages;
}

std::optional<SpellDictionaries::Files> SpellDictionaries::find(const QString &language)
{
    const QString wanted = normalized(language);
    if (wanted.isEmpty() || wanted.contains(u'/') || wanted.contains(u'\\') || wanted.startsWith(u'.'))
        return std::nullopt;
    auto exact = [](const QString &name) -> std::optional<Files> {
        for (const QString &path : searchPaths()) {
            const QDir dir(path);
            const QString dic = dir.filePath(name + QStringLiteral(".dic"));
            const QString aff = dir.filePath(name + QStringLiteral(".aff"));
            if (QFileInfo(dic).isReadable() && QFileInfo(aff).isReadable())
                return Files{name, aff, dic};
        }
        return std::nullopt;
    };
    if (auto files = exact(wanted))
        return files;
    const QString base = wanted.section(u'_', 0, 0);
    if (base != wanted) {
        if (auto files = exact(base))
            return files;
    } else {
        // "de" -> de_DE, "fr" -> fr_FR, "en" -> en_US before any other region.
        const QString main = base == u"en" ? QStringLiteral("en_US") : base + u'_' + base.toUpper();
        if (auto files = exact(main))
            return files;
        for (const QString &available : availableLanguages()) {
            if (available.startsWith(base + u'_'))
                return exact(available);
        }
    }
    return std::nullopt;
}

QFuture<SpellDictionaries::Loaded> SpellDictionaries::load(const QString &language)
{
    const QString key = normalized(language);
    auto &cache = loadedCheckers();
    if (const auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QFuture<Loaded> future;
    if (const std::optional<Files> files = find(key)) {
        future = QtConcurrent::run([key, files = *files] {
            Loaded loaded;
            loaded.language = key;
            loaded.checker = SpellChecker::load(files.language, files.aff, files.dic, &loaded.error);
            return loaded;
        });
    } else {
        Loaded missing;
        missing.language = key;
        missing.error = QCoreApplication::translate("coauthor::spell::SpellDictionaries",
                                                    "No spelling dictionary for %1 is installed.")
                            .arg(key.isEmpty() ? QStringLiteral("?") : key);
        future = QtFuture::makeReadyFuture(missing);
    }
    cache.insert(key, future);
    return future;
}

QString SpellDictionaries::displayName(const QString &language)
{
    const QLocale locale(normalized(language));
    if (locale.language() == QLocale::C)
        return language;
    const QString name = locale.nativeLanguageName();
    if (!normalized(language).contains(u'_'))
        return name;
    return QStringLiteral("%1 (%2)").arg(name, locale.nativeTerritoryName());
}

} // namespace coauthor::spell
