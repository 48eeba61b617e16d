#pragma once

// SimulatedServer: an in-memory stand-in for the document-updater's OT, doing
// exactly what the real one does (transform the incoming op against every op
// after its base version, ties broken by ot::tieBreak(its clientId, theirs,
// Side::Right); drop clientId+seq duplicates), so the client state machine can
// be tested against random interleavings.

#include "sync/ot/operations.h"

#include <QHash>
#include <QList>
#include <QString>

struct SimulatedUpdate
{
    coauthor::sync::ot::TextOperation op;
    qint64 version = 0; // after the op
    QString clientId;
    quint64 seq = 0;
};

class SimulatedServer
{
public:
    explicit SimulatedServer(QString text = {}) : m_text(std::move(text)) {}

    const QString &text() const { return m_text; }
    qint64 version() const { return m_history.size(); }
    const QList<SimulatedUpdate> &history() const { return m_history; }

    // Applies an update made on baseVersion; returns it as applied, or the
    // original application when it is a duplicate (duplicate set true).
    SimulatedUpdate submit(coauthor::sync::ot::TextOperation op, qint64 baseVersion, const QString &clientId,
                           quint64 seq, bool *duplicate)
    {
        using namespace coauthor::sync;
        const QString key = clientId + QLatin1Char(':') + QString::number(seq);
        if (auto it = m_applied.constFind(key); it != m_applied.constEnd()) {
            *duplicate = true;
            return m_history.at(*it);
        }
        *duplicate = false;
        for (qint64 v = baseVersion; v < version(); ++v)
            op = ot::transform(op, m_history.at(v).op, ot::tieBreak(clientId, m_history.at(v).clientId, ot::Side::Right));
        auto applied = ot::apply(m_text, op);
        Q_ASSERT(applied.ok());
        m_text = applied.takeValue();
        m_history.append({op, version() + 1, clientId, seq});
        m_applied.insert(key, m_history.size() - 1);
        return m_history.last();
    }

private:
    QString m_text;
    QList<SimulatedUpdate> m_history;
    QHash<QString, qsizetype> m_applied;
};
