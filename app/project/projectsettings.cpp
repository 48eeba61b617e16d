#include "app/project/projectsettings.h"

#include "compile/compilerequest.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace coauthor::app {

namespace {

const QString rootKey = QStringLiteral("root");
const QString engineKey = QStringLiteral("engine");
const QString spellKey = QStringLiteral("spellLanguage");

QString tr(const char *text)
{
    return QCoreApplication::translate("coauthor::app::ProjectSettings", text);
}

} // namespace

QString ProjectSettings::fileName()
{
    return QStringLiteral(".coauthor-project.json");
}

bool ProjectSettings::isValidRoot(const QString &path)
{
    if (path.isEmpty() || path.size() > 1024 || path.startsWith(u'/') || path.contains(u'\\') || path.contains(u':'))
        return false;
    if (QFileInfo(path).suffix().compare(QLatin1String("tex"), Qt::CaseInsensitive) != 0)
        return false;
    for (const QChar c : path) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return false;
    }
    const QStringList segments = path.split(u'/');
    for (const QString &segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String("..")
            || segment == QLatin1String(".coauthor") || segment == QLatin1String(".git"))
            return false;
    }
    return true;
}

bool ProjectSettings::isValidEngine(const QString &engine)
{
    return compile::engineFromName(engine).has_value();
}

bool ProjectSettings::isValidSpellLanguage(const QString &language)
{
    static const QRegularExpression code(QStringLiteral("^[a-z]{2,3}(_[A-Z]{2})?$"));
    return code.match(language).hasMatch();
}

ProjectSettings ProjectSettings::fromJson(const QByteArray &bytes)
{
    ProjectSettings s;
    if (bytes.trimmed().isEmpty())
        return s;
    if (bytes.size() > maxFileBytes) {
        s.m_problems << tr("The project settings file is larger than %1 KB; it is ignored.").arg(maxFileBytes / 1024);
        return s;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        s.m_problems << tr("The project settings file is not a JSON object; it is ignored.");
        return s;
    }
    QJsonObject object = document.object();
    const QJsonValue root = object.take(rootKey);
    const QJsonValue engine = object.take(engineKey);
    const QJsonValue spell = object.take(spellKey);
    s.m_unknown = object;
    if (!root.isUndefined() && (!root.isString() || !s.setRoot(root.toString())))
        s.m_problems << tr("The main document in the project settings is not a .tex file inside the project; it is ignored.");
    if (!engine.isUndefined() && (!engine.isString() || !s.setEngine(engine.toString())))
        s.m_problems << tr("The engine in the project settings is not pdflatex, xelatex, lualatex or uplatex; it is ignored.");
    if (!spell.isUndefined() && (!spell.isString() || !s.setSpellLanguage(spell.toString())))
        s.m_problems << tr("The spelling language in the project settings is not a language code; it is ignored.");
    return s;
}

ProjectSettings ProjectSettings::load(const QString &projectRoot)
{
    QFile file(QDir(projectRoot).filePath(fileName()));
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        ProjectSettings s;
        s.m_problems << tr("The project settings file cannot be read: %1").arg(file.errorString());
        return s;
    }
    // One byte more than allowed tells a file that is too large without reading it all.
    return fromJson(file.read(maxFileBytes + 1));
}

QByteArray ProjectSettings::toJson() const
{
    QJsonObject object = m_unknown;
    if (!m_root.isEmpty())
        object.insert(rootKey, m_root);
    if (!m_engine.isEmpty())
        object.insert(engineKey, m_engine);
    if (!m_spellLanguage.isEmpty())
        object.insert(spellKey, m_spellLanguage);
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

bool ProjectSettings::save(const QString &projectRoot, QString *error) const
{
    QSaveFile file(QDir(projectRoot).filePath(fileName()));
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot save the project settings: %1").arg(file.errorString());
        return false;
    }
    return true;
}

bool ProjectSettings::setRoot(const QString &relativePath)
{
    const QString path = relativePath.trimmed();
    if (!path.isEmpty() && !isValidRoot(path))
        return false;
    m_root = path;
    return true;
}

bool ProjectSettings::setEngine(const QString &engine)
{
    if (!engine.isEmpty() && !isValidEngine(engine))
        return false;
    m_engine = engine;
    return true;
}

bool ProjectSettings::setSpellLanguage(const QString &language)
{
    if (!language.isEmpty() && !isValidSpellLanguage(language))
        return false;
    m_spellLanguage = language;
    return true;
}

bool ProjectSettings::operator==(const ProjectSettings &other) const
{
    return m_root == other.m_root && m_engine == other.m_engine && m_spellLanguage == other.m_spellLanguage
        && m_unknown == other.m_unknown;
}

} // namespace coauthor::app
