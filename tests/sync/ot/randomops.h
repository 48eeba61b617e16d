#pragma once

// RandomOps: reproducible random texts (with non-BMP characters) and random valid
// multi-component operations on them, cut on code point boundaries only. Shared by
// the property tests; the seed comes from COAUTHOR_OT_SEED when set.

#include "sync/ot/operations.h"

#include <QRandomGenerator>
#include <QString>
#include <QtGlobal>

namespace coauthor::sync::ot::testing {

inline quint32 seedFromEnvironment(quint32 fallback)
{
    bool ok = false;
    const uint seed = qEnvironmentVariable("COAUTHOR_OT_SEED").toUInt(&ok);
    return ok ? quint32(seed) : fallback;
}

inline int countFromEnvironment(const char *name, int fallback)
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue(name, &ok);
    return ok && n > 0 ? n : fallback;
}

class RandomOps
{
public:
    explicit RandomOps(quint32 seed) : m_rng(seed) {}

    int bounded(int n) { return int(m_rng.bounded(quint32(n))); }

    // A small alphabet so that concurrent deletes overlap and inserts tie often;
    // two of its characters are outside the BMP (surrogate pairs in UTF-16).
    QString text(int maxCodePoints)
    {
        static const char16_t *const alphabet[] = {u"a", u"b", u"c", u"\n", u"\u00e9", u"\U0001F600", u"\U0001D11E"};
        QString s;
        const int n = bounded(maxCodePoints + 1);
        for (int i = 0; i < n; ++i)
            s += QStringView(alphabet[bounded(int(std::size(alphabet)))]);
        return s;
    }

    // A random position of doc that does not split a surrogate pair.
    qsizetype boundary(const QString &doc)
    {
        qsizetype p = bounded(int(doc.size()) + 1);
        if (p > 0 && p < doc.size() && doc.at(p - 1).isHighSurrogate() && doc.at(p).isLowSurrogate())
            --p;
        return p;
    }

    // The position count code points after p (clamped to the end of doc).
    static qsizetype advance(const QString &doc, qsizetype p, int count)
    {
        for (int i = 0; i < count && p < doc.size(); ++i)
            p += (doc.at(p).isHighSurrogate() && p + 1 < doc.size() && doc.at(p + 1).isLowSurrogate()) ? 2 : 1;
        return p;
    }

    // A valid op on doc with 1..maxComponents components; each component's position
    // refers to doc as left by the previous ones. Kept unnormalized on purpose.
    TextOperation operation(const QString &doc, int maxComponents)
    {
        QString work = doc;
        QList<Component> components;
        const int n = 1 + bounded(maxComponents);
        for (int i = 0; i < n; ++i) {
            const qsizetype p = boundary(work);
            if (work.isEmpty() || bounded(2) == 0) {
                QString s = text(3);
                if (s.isEmpty())
                    s = QStringLiteral("x");
                work.insert(p, s);
                components.append(Component::insert(p, std::move(s)));
            } else {
                const qsizetype end = advance(work, p, 1 + bounded(4));
                if (end == p)
                    continue;
                components.append(Component::erase(p, work.mid(p, end - p)));
                work.remove(p, end - p);
            }
        }
        return TextOperation(std::move(components));
    }

private:
    QRandomGenerator m_rng;
};

} // namespace coauthor::sync::ot::testing
