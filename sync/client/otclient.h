#pragma once

// OtClient: the per-document OT client state machine (synchronized / one op in
// flight / in flight plus pending local edits), pure and without I/O.

#include "sync/ot/operations.h"
#include "sync/common/result.h"
#include "sync/ot/textoperation.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace coauthor::sync {

// One local op on its way to the server: op applies to the server's text at
// baseVersion; (clientId, seq) lets the server recognise a resend.
struct OutgoingUpdate
{
    ot::TextOperation op;
    qint64 baseVersion = 0;
    quint64 seq = 0;
    // op as it was first sent, on baseVersion. op is kept transformed to the
    // client's version and can grow (a delete spanning concurrent inserts is
    // split), so a resend of a grown op sends this instead: the server
    // transforms it from baseVersion itself.
    ot::TextOperation original;
    // When its last edit was typed (ms since the epoch, 0: unknown), sent with it
    // so that the history keeps the real time of an edit made offline.
    qint64 madeAt = 0;
    // The version its first edit was typed on (-1: unknown): older than baseVersion
    // when it was rebased over collaborators' ops before it went out (offline).
    qint64 typedOn = -1;

    bool operator==(const OutgoingUpdate &) const = default;
};

class OtClient
{
public:
    enum class State {
        Synchronized,         // nothing unacked
        AwaitingAck,          // one op in flight
        AwaitingAckWithBuffer // one op in flight and later local edits pending
    };

    // Hands out the per-client sequence numbers; the caller persists them.
    using SequenceSource = std::function<quint64()>;

    // Ops with more components than this are not composed further: the server
    // rejects ops with too many components, so long offline sessions of edits
    // all over the text queue several pending ops instead, and a longer op
    // (transforms can split components) is sent in parts.
    static constexpr qsizetype maxComposedComponents = 200;
    // The most components the server takes in one op (too_many_components above).
    static constexpr qsizetype maxWireComponents = 1000;
    // Pending edits typed further apart than this are not composed: each op keeps
    // its time, and the history groups changes by those times (a pause of minutes).
    static constexpr qint64 composeWindowMs = 60 * 1000;

    explicit OtClient(qint64 version = 0, SequenceSource nextSeq = {});

    void setSequenceSource(SequenceSource nextSeq);

    State state() const;
    // The server version the client has seen every op up to.
    qint64 version() const { return m_version; }
    const std::optional<OutgoingUpdate> &inFlight() const { return m_inFlight; }
    const QList<ot::TextOperation> &pending() const { return m_pending; }
    const QList<qint64> &pendingTimes() const { return m_pendingTimes; } // madeAt of each pending op
    const QList<qint64> &pendingTypedOn() const { return m_pendingTypedOn; } // typedOn of each pending op
    bool hasUnacked() const { return m_inFlight.has_value(); }

    // A local edit, already applied to the local text. Returns the update to
    // send now when nothing was in flight; otherwise buffers it. madeAt: when it
    // was typed (ms since the epoch, 0: unknown); typedOn: the version it was typed
    // on (-1: the current one; a journal's replay gives the recorded one).
    std::optional<OutgoingUpdate> applyLocal(const ot::TextOperation &op, qint64 madeAt = 0, qint64 typedOn = -1);

    // An op another client made, applied by the server as `version` (the
    // version after it). Returns it transformed to apply to the local text.
    // remoteSide is how its inserts take ties against ours, the side the
    // server gave it: remoteSideFor(its author, our clientId).
    // Fails (state unchanged) unless version == this->version() + 1.
    Result<ot::TextOperation, QString> applyRemote(const ot::TextOperation &op, qint64 version, ot::Side remoteSide);

    // The tie-break of an op of author against ours (clientId), as the server
    // chose it when it transformed ours with ot::tieBreak(clientId, author,
    // Side::Right): an op without author, or with ours, wins its ties.
    static ot::Side remoteSideFor(const QString &author, const QString &clientId)
    {
        return ot::tieBreak(author, clientId, ot::Side::Left);
    }

    // The server applied the in-flight op as `version`. Returns the next
    // update to send, if local edits were pending. Fails (state unchanged)
    // when nothing is in flight or the version does not follow ours.
    Result<std::optional<OutgoingUpdate>, QString> ack(qint64 version);

    // What to (re)send for the in-flight op when the client is at version():
    // the op transformed to version(), or, when that has more components than
    // the server takes, the op as first sent on its base version. Never more
    // than maxComposedComponents components in the second case.
    std::optional<OutgoingUpdate> transmission() const;

    // The result of rebase(): the op that turns the old local text into the
    // new one, and the update to send now, if any.
    struct Rebased
    {
        ot::TextOperation local;
        std::optional<OutgoingUpdate> next;
    };
    // The server's text at `version` is the text our unacked ops were made on
    // changed by `change` (the server refused our op, or lost or could not
    // give the ops in between; change is then a diff). Our unacked ops are
    // transformed over change, as over a collaborator's op (theirs wins
    // ties), and the in-flight op goes back to the pending ones with a new seq
    // to come — unless inFlightApplied: the server's text holds it already
    // (change then starts from the text with it applied) and it is done.
    Rebased rebase(const ot::TextOperation &change, qint64 version, bool inFlightApplied);

    // Where a local cursor at pos ends up after a remote op returned by applyRemote.
    static qsizetype transformCursor(qsizetype pos, const ot::TextOperation &remote, bool moveOnInsertAtPos = false)
    {
        return ot::transformPosition(pos, remote, moveOnInsertAtPos);
    }

private:
    std::optional<OutgoingUpdate> sendNextPending();

    qint64 m_version = 0;
    std::optional<OutgoingUpdate> m_inFlight;
    // Invariant: empty whenever m_inFlight is empty. Each op applies after the
    // in-flight op and the pending ops before it.
    QList<ot::TextOperation> m_pending;
    QList<qint64> m_pendingTimes;   // parallel to m_pending
    QList<qint64> m_pendingTypedOn; // parallel to m_pending
    SequenceSource m_nextSeq;
    quint64 m_fallbackSeq = 0;
};

} // namespace coauthor::sync
