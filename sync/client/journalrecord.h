#pragma once

// JournalRecord: one event in a working copy's offline journal (see
// Journal); replaying a doc's records rebuilds its text and OT state.

#include "sync/ot/textoperation.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace coauthor::sync {

struct JournalRecord
{
    enum class Kind {
        Meta,   // clientId, seq = the next sequence number to hand out, path = the
                // working copy's absolute path, machine = the machine's id (Journal)
        Base,   // docId, version, text (the server's text at that version), path
        Local,  // docId, op: a local edit applied to the local text
        Sent,   // docId, seq, version (base): the next unacked op went in flight with this seq
        Remote, // docId, version (after), op, clientId (its author), seq: a collaborator's op as the server applied it
        Ack,    // docId, seq, version (after): the server applied our in-flight op
        Forget, // docId: the doc left the project; its records are dropped
        Epoch,  // docId, epoch: the server's epoch of the doc changed (a rejoin's answer)
        // docId, version (after), op, clientId, seq: one op of the server's history as
        // this replica has it, kept so that a restarted app can still give versions
        // the server lost back (restoreLost). Changes nothing on replay.
        History,
    };

    Kind kind = Kind::Local;
    QString docId;
    qint64 version = 0;
    quint64 seq = 0;
    ot::TextOperation op;
    QString text;
    QString path;
    QString clientId;
    QString epoch; // Base, Epoch: the server's epoch of version (docs/protocol.md, "Durability")
    QString machine;
    qint64 time = 0; // Local: when it was typed (ms since the epoch; 0 in journals of older versions)
    qint64 typedOn = -1; // Local: the server version it was typed on (-1: the doc's version when replayed)

    QByteArray toJson() const;
    static std::optional<JournalRecord> fromJson(const QByteArray &json);
};

} // namespace coauthor::sync
