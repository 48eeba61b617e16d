#include "sync/protocol/projectpath.h"

#include <QHash>

namespace coauthor::sync {

namespace {

ServiceError invalidPath(const QString &path, const QString &why)
{
    return ServiceError::make(QStringLiteral("invalid_path"), QStringLiteral("'%1' %2").arg(path, why));
}

// Characters that reorder or hide text: a name that shows as "gpj.exe" can be
// "exe.jpg". Left out of Cf on purpose: ZWJ (U+200D), which emoji sequences use.
bool isBidiControl(char32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool isWindowsReservedName(const QString &segment)
{
    // Windows reserves these as device names whatever follows the first dot, and
    // ignores trailing spaces before it ("CON .tex").
    QString base = segment.section(QLatin1Char('.'), 0, 0);
    while (base.endsWith(QLatin1Char(' ')))
        base.chop(1);
    base = base.toUpper();
    static const QStringList fixed{QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"), QStringLiteral("NUL"),
                                   QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
    if (fixed.contains(base))
        return true;
    if (base.size() == 4 && (base.startsWith(QLatin1String("COM")) || base.startsWith(QLatin1String("LPT")))) {
        const QChar n = base.at(3);
        // COM0/LPT0 are not reserved; the superscripts ¹²³ are.
        return (n >= QLatin1Char('1') && n <= QLatin1Char('9')) || n == QChar(0x00B9) || n == QChar(0x00B2) || n == QChar(0x00B3);
    }
    return false;
}

// Why segment is not a portable name, or empty.
QString segmentProblem(const QString &segment)
{
    if (segment.isEmpty())
        return QStringLiteral("has an empty segment");
    if (segment == QLatin1String(".") || segment == QLatin1String(".."))
        return QStringLiteral("contains '.' or '..'");
    const QString folded = segment.toCaseFolded();
    for (const QString &reserved : ProjectPath::reservedNames()) {
        if (folded == reserved)
            return QStringLiteral("uses '%1', which the app reserves for itself").arg(reserved);
    }
    if (isWindowsReservedName(segment))
        return QStringLiteral("uses '%1', a device name on Windows").arg(segment);
    if (segment.endsWith(QLatin1Char(' ')) || segment.endsWith(QLatin1Char('.')))
        return QStringLiteral("has a name ending in a space or a dot, which Windows cannot store");
    if (segment.toUtf8().size() > ProjectPath::maxSegmentBytes)
        return QStringLiteral("has a name longer than %1 bytes").arg(ProjectPath::maxSegmentBytes);
    return {};
}

// Why a character of path is not allowed, or empty. Walks code points, so a valid
// surrogate pair (an emoji) is one character and only a lone half is refused.
QString characterProblem(const QString &path)
{
    static const QString windowsForbidden = QStringLiteral("<>:\"|?*");
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c.isHighSurrogate() && i + 1 < path.size() && path.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate())
            return QStringLiteral("contains a lone surrogate (not valid Unicode)");
        if (c == QLatin1Char('\\'))
            return QStringLiteral("contains a backslash; use '/' between folders");
        if (windowsForbidden.contains(c))
            return QStringLiteral("contains '%1', which Windows does not allow in names").arg(c);
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Separator_Line || category == QChar::Separator_Paragraph)
            return QStringLiteral("contains a control character (U+%1)").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        if (isBidiControl(c.unicode()))
            return QStringLiteral("contains a bidirectional control character (U+%1), which can disguise a name")
                .arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return {};
}

} // namespace

QString ProjectPath::metadataFolder()
{
    return QStringLiteral(".coauthor");
}

QStringList ProjectPath::reservedNames()
{
    return {metadataFolder(), QStringLiteral(".git")};
}

Result<QString, ServiceError> ProjectPath::normalize(const QString &path)
{
    using R = Result<QString, ServiceError>;
    QString p = path;
    if (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    if (p.isEmpty())
        return R::failure(ServiceError::make(QStringLiteral("invalid_path"), QStringLiteral("the path is empty")));
    if (p.size() > maxLength)
        return R::failure(ServiceError::make(QStringLiteral("invalid_path"),
                                             QStringLiteral("the path is longer than %1 characters").arg(maxLength)));
    if (p.startsWith(QLatin1Char('/')))
        return R::failure(invalidPath(p, QStringLiteral("is absolute; paths are relative to the project")));
    if (const QString why = characterProblem(p); !why.isEmpty())
        return R::failure(invalidPath(p, why));
    const QStringList segments = p.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (const QString why = segmentProblem(segment); !why.isEmpty())
            return R::failure(invalidPath(p, why));
    }
    return R::success(p);
}

QString ProjectPath::caseKey(const QString &path)
{
    return path.normalized(QString::NormalizationForm_C).toCaseFolded();
}

QString ProjectPath::caseCollision(const QString &path, const QStringList &existing)
{
    QHash<QString, QString> byKey;
    for (const QString &e : existing)
        byKey.insert(caseKey(e), e);
    const QStringList segments = path.split(QLatin1Char('/'));
    QString prefix;
    for (const QString &segment : segments) {
        prefix += (prefix.isEmpty() ? QString() : QStringLiteral("/")) + segment;
        const auto it = byKey.constFind(caseKey(prefix));
        if (it != byKey.constEnd() && *it != prefix)
            return *it;
    }
    return {};
}

bool ProjectPath::hasLoneSurrogate(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return true;
    }
    return false;
}

} // namespace coauthor::sync
