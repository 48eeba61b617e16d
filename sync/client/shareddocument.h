#pragma once

// SharedDocument: one shared doc as a client holds it — its local text, the
// server version it has seen, and its unacked ops (OtClient) — with no widget.

#include "sync/client/journalrecord.h"
#include "sync/client/otclient.h"
#include "sync/common/result.h"

#include <QList>
#include <QString>

namespace coauthor::sync {

class SharedDocument
{
public:
    SharedDocument(QString docId, QString path, QString text, qint64 version,
                   OtClient::SequenceSource nextSeq = {});

    // Rebuilds a doc from its journal records (in order, starting with a Base).
    // Sequence numbers come from the journal's Sent records, so unacked ops keep
    // their seqs; nextSeq is used only for an op whose Sent record was lost.
    // clientId is the journal's: Remote records name their author, and ties
    // against our ops are broken again as they were (OtClient::remoteSideFor).
    static Result<SharedDocument, QString> replay(const QList<JournalRecord> &records, const QString &clientId,
                                                  OtClient::SequenceSource nextSeq);

    const QString &docId() const { return m_docId; }
    const QString &path() const { return m_path; }
    void setPath(const QString &path) { m_path = path; }
    // The server's epoch of version() (empty: unknown, e.g. an older server).
    const QString &epoch() const { return m_epoch; }
    void setEpoch(const QString &epoch) { m_epoch = epoch; }
    // The local text: the server's text at version() plus our unacked ops.
    const QString &text() const { return m_text; }
    qint64 version() const { return m_ot.version(); }
    const OtClient &ot() const { return m_ot; }
    void setSequenceSource(OtClient::SequenceSource nextSeq) { m_ot.setSequenceSource(std::move(nextSeq)); }

    // A local edit to text(); rejected (nothing changed) if it does not apply.
    // madeAt: when it was typed (ms since the epoch; 0: unknown); typedOn: the
    // version it was typed on (-1: the current one).
    Result<std::optional<OutgoingUpdate>, QString> applyLocal(const ot::TextOperation &op, qint64 madeAt = 0,
                                                              qint64 typedOn = -1);
    // A collaborator's op as the server applied it as version, its ties against
    // ours broken with remoteSide (OtClient::applyRemote); returns the op that
    // was applied to text().
    Result<ot::TextOperation, QString> applyRemote(const ot::TextOperation &op, qint64 version, ot::Side remoteSide);
    // Our in-flight op was applied as version; returns the next update to send.
    Result<std::optional<OutgoingUpdate>, QString> ack(qint64 version);

    // Moves the doc onto the server's text at version when the ops in between
    // cannot be had (the server refused our op, or could not give its
    // history): our unacked ops are rebased over the difference (textDiff)
    // between the text they were made on and serverText, so both our edits
    // and the server's survive. inFlightApplied: the server's text already
    // holds our in-flight op. Returns the op applied to text() and the update
    // to send now.
    OtClient::Rebased rebase(const QString &serverText, qint64 version, bool inFlightApplied);

    // The server's text at version(): text() with the unacked ops undone.
    QString serverText() const;
    // Journal records equivalent to the current state (for Journal::compact):
    // a Base at version() and the unacked ops with the in-flight op's seq.
    QList<JournalRecord> snapshotRecords() const;

private:
    QString m_docId;
    QString m_path;
    QString m_epoch;
    QString m_text;
    OtClient m_ot;
};

} // namespace coauthor::sync
