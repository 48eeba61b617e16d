#include "sync/client/otclient.h"

#include <algorithm>
#include <cstdlib>

namespace coauthor::sync {

OtClient::OtClient(qint64 version, SequenceSource nextSeq)
    : m_version(version)
    , m_nextSeq(std::move(nextSeq))
{
}

void OtClient::setSequenceSource(SequenceSource nextSeq)
{
    m_nextSeq = std::move(nextSeq);
}

OtClient::State OtClient::state() const
{
    if (!m_inFlight)
        return State::Synchronized;
    return m_pending.isEmpty() ? State::AwaitingAck : State::AwaitingAckWithBuffer;
}

std::optional<OutgoingUpdate> OtClient::applyLocal(const ot::TextOperation &op, qint64 madeAt, qint64 typedOn)
{
    if (op.isNoop())
        return std::nullopt;
    if (typedOn < 0 || typedOn > m_version)
        typedOn = m_version;
    if (m_inFlight) {
        if (!m_pending.isEmpty() && m_pending.last().size() + op.size() <= maxComposedComponents
            && std::abs(madeAt - m_pendingTimes.last()) < composeWindowMs) {
            // Composed: typed by the last one's time, on the first one's version.
            m_pending.last() = ot::compose(m_pending.last(), op);
            m_pendingTimes.last() = std::max(m_pendingTimes.last(), madeAt);
            m_pendingTypedOn.last() = std::min(m_pendingTypedOn.last(), typedOn);
        } else {
            m_pending.append(op);
            m_pendingTimes.append(madeAt);
            m_pendingTypedOn.append(typedOn);
        }
        return std::nullopt;
    }
    m_pending.append(op);
    m_pendingTimes.append(madeAt);
    m_pendingTypedOn.append(typedOn);
    return sendNextPending();
}

Result<ot::TextOperation, QString> OtClient::applyRemote(const ot::TextOperation &op, qint64 version,
                                                         ot::Side remoteSide)
{
    using R = Result<ot::TextOperation, QString>;
    if (version != m_version + 1)
        return R::failure(QStringLiteral("remote op version %1 does not follow %2").arg(version).arg(m_version));

    // The server applied op before our unacked ops and transforms ours against
    // it with the opposite side. Mirror that exactly: our ops are rewritten
    // with opposite(remoteSide), the remote op with remoteSide against each.
    const ot::Side ourSide = ot::opposite(remoteSide);
    ot::TextOperation remote = op;
    if (m_inFlight) {
        ot::TextOperation inFlight = ot::transform(m_inFlight->op, remote, ourSide);
        remote = ot::transform(remote, m_inFlight->op, remoteSide);
        m_inFlight->op = std::move(inFlight);
    }
    for (ot::TextOperation &p : m_pending) {
        ot::TextOperation pending = ot::transform(p, remote, ourSide);
        remote = ot::transform(remote, p, remoteSide);
        p = std::move(pending);
    }
    m_version = version;
    return R::success(std::move(remote));
}

Result<std::optional<OutgoingUpdate>, QString> OtClient::ack(qint64 version)
{
    using R = Result<std::optional<OutgoingUpdate>, QString>;
    if (!m_inFlight)
        return R::failure(QStringLiteral("ack for version %1 with nothing in flight").arg(version));
    if (version != m_version + 1)
        return R::failure(QStringLiteral("ack version %1 does not follow %2").arg(version).arg(m_version));
    m_version = version;
    m_inFlight.reset();
    return R::success(sendNextPending());
}

std::optional<OutgoingUpdate> OtClient::sendNextPending()
{
    // Transforming can turn a pending op into a no-op (a collaborator deleted
    // the text it edited); there is nothing to send for those.
    while (!m_pending.isEmpty() && m_pending.first().isNoop()) {
        m_pending.removeFirst();
        m_pendingTimes.removeFirst();
        m_pendingTypedOn.removeFirst();
    }
    if (m_pending.isEmpty())
        return std::nullopt;
    ot::TextOperation next = m_pending.takeFirst();
    const qint64 madeAt = m_pendingTimes.takeFirst();
    const qint64 typedOn = m_pendingTypedOn.takeFirst();
    // Transforming can split components; an op's components apply one after
    // the other, so a long op is sent as its first part and the rest.
    if (next.size() > maxComposedComponents) {
        const QList<ot::Component> &all = next.components();
        m_pending.prepend(ot::TextOperation(all.mid(maxComposedComponents)));
        m_pendingTimes.prepend(madeAt);
        m_pendingTypedOn.prepend(typedOn);
        next = ot::TextOperation(all.first(maxComposedComponents));
    }
    const quint64 seq = m_nextSeq ? m_nextSeq() : ++m_fallbackSeq;
    m_inFlight = OutgoingUpdate{next, m_version, seq, next, madeAt, typedOn};
    return m_inFlight;
}

std::optional<OutgoingUpdate> OtClient::transmission() const
{
    if (!m_inFlight)
        return std::nullopt;
    if (m_inFlight->op.size() <= maxWireComponents)
        return OutgoingUpdate{m_inFlight->op, m_version, m_inFlight->seq, m_inFlight->original, m_inFlight->madeAt,
                              m_inFlight->typedOn};
    return OutgoingUpdate{m_inFlight->original, m_inFlight->baseVersion, m_inFlight->seq, m_inFlight->original,
                          m_inFlight->madeAt, m_inFlight->typedOn};
}

OtClient::Rebased OtClient::rebase(const ot::TextOperation &change, qint64 version, bool inFlightApplied)
{
    QList<ot::TextOperation> unacked;
    QList<qint64> times, typedOn;
    if (m_inFlight && !inFlightApplied) {
        unacked.append(m_inFlight->op);
        times.append(m_inFlight->madeAt);
        typedOn.append(m_inFlight->typedOn);
    }
    unacked += m_pending;
    times += m_pendingTimes;
    typedOn += m_pendingTypedOn;
    m_inFlight.reset();
    m_pending.clear();
    m_pendingTimes.clear();
    m_pendingTypedOn.clear();
    // As applyRemote does: ours with Right, the server's change with Left
    // against each of ours in turn.
    ot::TextOperation remote = change;
    for (ot::TextOperation &p : unacked) {
        ot::TextOperation ours = ot::transform(p, remote, ot::Side::Right);
        remote = ot::transform(remote, p, ot::Side::Left);
        p = std::move(ours);
    }
    m_version = version;
    m_pending = std::move(unacked);
    m_pendingTimes = std::move(times);
    m_pendingTypedOn = std::move(typedOn);
    return Rebased{std::move(remote), sendNextPending()};
}

} // namespace coauthor::sync
