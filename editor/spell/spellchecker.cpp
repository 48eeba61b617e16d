#include "editor/spell/spellchecker.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <hunspell.hxx>

namespace coauthor::spell {

namespace {

// Hunspell's names for encodings, as ICU (through QStringConverter) knows them.
QString converterName(const QString &set)
{
    const QString upper = set.toUpper();
    if (upper.startsWith(QLatin1String("ISO8859-")))
        return QStringLiteral("ISO-8859-") + upper.mid(8);
    if (upper.startsWith(QLatin1String("MICROSOFT-CP")))
        return QStringLiteral("windows-") + upper.mid(12);
    return set;
}

constexpr int CacheLimit = 200000; // words; cleared when full (a few MB at most)

} // namespace

QString SpellChecker::affixEncoding(const QByteArray &affText)
{
    for (const QByteArray &raw : affText.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.startsWith("SET ") || line.startsWith("SET\t"))
            return QString::fromLatin1(line.mid(4).trimmed());
    }
    return {};
}

std::unique_ptr<SpellChecker> SpellChecker::load(const QString &language, const QString &affPath,
                                                 const QString &dicPath, QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return std::unique_ptr<SpellChecker>();
    };
    QFile aff(affPath);
    if (!aff.open(QIODevice::ReadOnly))
        return fail(QCoreApplication::translate("coauthor::spell::SpellChecker", "Cannot read %1: %2")
                        .arg(affPath, aff.errorString()));
    if (!QFileInfo(dicPath).isReadable())
        return fail(QCoreApplication::translate("coauthor::spell::SpellChecker", "Cannot read %1").arg(dicPath));
    QString set = affixEncoding(aff.readAll());
    if (set.isEmpty())
        set = QStringLiteral("ISO8859-1");
    std::unique_ptr<SpellChecker> checker(new SpellChecker);
    checker->m_language = language;
    checker->m_encoding = set;
    const QString name = converterName(set);
    checker->m_encoder = QStringEncoder(name.toLatin1().constData());
    checker->m_decoder = QStringDecoder(name.toLatin1().constData());
    if (!checker->m_encoder.isValid() || !checker->m_decoder.isValid())
        return fail(QCoreApplication::translate("coauthor::spell::SpellChecker",
                                                "The dictionary %1 uses the encoding %2, which is not supported.")
                        .arg(affPath, set));
    checker->m_hunspell = std::make_unique<Hunspell>(QFile::encodeName(affPath).constData(),
                                                     QFile::encodeName(dicPath).constData());
    return checker;
}

SpellChecker::~SpellChecker() = default;

bool SpellChecker::encode(const QString &word, std::string *out) const
{
    m_encoder.resetState();
    const QByteArray bytes = m_encoder.encode(word);
    if (m_encoder.hasError())
        return false;
    out->assign(bytes.constData(), size_t(bytes.size()));
    return true;
}

bool SpellChecker::isCorrect(const QString &word) const
{
    if (const auto it = m_known.constFind(word); it != m_known.constEnd())
        return *it;
    std::string encoded;
    const bool correct = !encode(word, &encoded) || m_hunspell->spell(encoded);
    if (m_known.size() >= CacheLimit)
        m_known.clear();
    m_known.insert(word, correct);
    return correct;
}

QStringList SpellChecker::suggestions(const QString &word, int max) const
{
    std::string encoded;
    if (!encode(word, &encoded))
        return {};
    QStringList out;
    for (const std::string &s : m_hunspell->suggest(encoded)) {
        if (out.size() >= max)
            break;
        m_decoder.resetState();
        out.append(m_decoder.decode(QByteArrayView(s.data(), qsizetype(s.size()))));
    }
    return out;
}

void SpellChecker::addWord(const QString &word)
{
    std::string encoded;
    if (!encode(word, &encoded))
        return;
    m_hunspell->add(encoded);
    m_known.clear(); // an added stem can make other forms right too
}

} // namespace coauthor::spell
