#include "sync/client/shareddocument.h"

#include "sync/client/textdiff.h"
#include "sync/ot/operations.h"

namespace coauthor::sync {

SharedDocument::SharedDocument(QString docId, QString path, QString text, qint64 version,
                               OtClient::SequenceSource nextSeq)
    : m_docId(std::move(docId))
    , m_path(std::move(path))
    , m_text(std::move(text))
    , m_ot(version, std::move(nextSeq))
{
}

Result<std::optional<OutgoingUpdate>, QString> SharedDocument::applyLocal(const ot::TextOperation &op, qint64 madeAt,
                                                                          qint64 typedOn)
{
    using R = Result<std::optional<OutgoingUpdate>, QString>;
    auto applied = ot::apply(m_text, op);
    if (!applied)
        return R::failure(applied.error().message);
    m_text = applied.takeValue();
    return R::success(m_ot.applyLocal(op, madeAt, typedOn));
}

Result<ot::TextOperation, QString> SharedDocument::applyRemote(const ot::TextOperation &op, qint64 version,
                                                               ot::Side remoteSide)
{
    using R = Result<ot::TextOperation, QString>;
    OtClient before = m_ot;
    auto transformed = m_ot.applyRemote(op, version, remoteSide);
    if (!transformed)
        return transformed;
    auto applied = ot::apply(m_text, transformed.value());
    if (!applied) {
        // The server's op does not fit our text: we have diverged. Keep the
        // state as it was; the caller rejoins the doc.
        m_ot = before;
        return R::failure(QStringLiteral("remote op v%1 does not apply: %2").arg(version).arg(applied.error().message));
    }
    m_text = applied.takeValue();
    return transformed;
}

Result<std::optional<OutgoingUpdate>, QString> SharedDocument::ack(qint64 version)
{
    return m_ot.ack(version);
}

OtClient::Rebased SharedDocument::rebase(const QString &serverText, qint64 version, bool inFlightApplied)
{
    QString base = this->serverText();
    if (inFlightApplied && m_ot.inFlight())
        base = ot::apply(base, m_ot.inFlight()->op).value();
    OtClient::Rebased rebased = m_ot.rebase(textDiff(base, serverText), version, inFlightApplied);
    auto applied = ot::apply(m_text, rebased.local);
    // Transform converges, so this holds; should it ever not, the server's
    // text with our ops on it is the truth we send.
    QString expected = serverText;
    if (m_ot.inFlight())
        expected = ot::apply(expected, m_ot.inFlight()->op).value();
    for (const ot::TextOperation &p : m_ot.pending())
        expected = ot::apply(expected, p).value();
    if (!applied || applied.value() != expected)
        rebased.local = textDiff(m_text, expected);
    m_text = expected;
    return rebased;
}

QString SharedDocument::serverText() const
{
    QString text = m_text;
    const QList<ot::TextOperation> &pending = m_ot.pending();
    for (qsizetype i = pending.size() - 1; i >= 0; --i)
        text = ot::apply(text, ot::invert(pending.at(i))).value();
    if (m_ot.inFlight())
        text = ot::apply(text, ot::invert(m_ot.inFlight()->op)).value();
    return text;
}

QList<JournalRecord> SharedDocument::snapshotRecords() const
{
    QList<JournalRecord> out;
    JournalRecord base;
    base.kind = JournalRecord::Kind::Base;
    base.docId = m_docId;
    base.version = version();
    base.text = serverText();
    base.path = m_path;
    base.epoch = m_epoch;
    out.append(base);
    auto local = [this](const ot::TextOperation &op, qint64 time, qint64 typedOn) {
        JournalRecord r;
        r.kind = JournalRecord::Kind::Local;
        r.docId = m_docId;
        r.op = op;
        r.time = time;
        r.typedOn = typedOn;
        return r;
    };
    if (const auto &inFlight = m_ot.inFlight()) {
        // Replay sends this op at once with the seq of the Sent record after it.
        out.append(local(inFlight->op, inFlight->madeAt, inFlight->typedOn));
        JournalRecord sent;
        sent.kind = JournalRecord::Kind::Sent;
        sent.docId = m_docId;
        sent.seq = inFlight->seq;
        sent.version = version();
        out.append(sent);
    }
    for (qsizetype p = 0; p < m_ot.pending().size(); ++p)
        out.append(local(m_ot.pending().at(p), m_ot.pendingTimes().at(p), m_ot.pendingTypedOn().at(p)));
    return out;
}

Result<SharedDocument, QString> SharedDocument::replay(const QList<JournalRecord> &records, const QString &clientId,
                                                       OtClient::SequenceSource nextSeq)
{
    using R = Result<SharedDocument, QString>;
    if (records.isEmpty() || records.first().kind != JournalRecord::Kind::Base)
        return R::failure(QStringLiteral("journal of a doc does not start with its text"));

    // While replaying, a send takes its seq from the Sent record that follows
    // the record that caused it (they are always appended together).
    qsizetype i = 0;
    auto journalSeq = [&records, &i, &nextSeq]() -> quint64 {
        if (i + 1 < records.size() && records.at(i + 1).kind == JournalRecord::Kind::Sent) {
            ++i;
            return records.at(i).seq;
        }
        return nextSeq ? nextSeq() : 0;
    };
    const JournalRecord &first = records.first();
    SharedDocument doc(first.docId, first.path, first.text, first.version, journalSeq);
    doc.setEpoch(first.epoch);
    for (i = 1; i < records.size(); ++i) {
        const JournalRecord &r = records.at(i);
        switch (r.kind) {
        case JournalRecord::Kind::Base:
            // A fresh text from the server: on a join with nothing unacked, or
            // after a rebase, followed by the rebased unacked ops.
            doc = SharedDocument(r.docId, r.path, r.text, r.version, journalSeq);
            doc.setEpoch(r.epoch);
            break;
        case JournalRecord::Kind::Epoch:
            doc.setEpoch(r.epoch);
            break;
        case JournalRecord::Kind::Local: {
            auto result = doc.applyLocal(r.op, r.time, r.typedOn);
            if (!result)
                return R::failure(result.error());
            break;
        }
        case JournalRecord::Kind::Remote: {
            // A record without author (written before ties went by author) was
            // applied with the remote op winning, as remoteSideFor("", ...) does.
            auto result = doc.applyRemote(r.op, r.version, OtClient::remoteSideFor(r.clientId, clientId));
            if (!result)
                return R::failure(result.error());
            break;
        }
        case JournalRecord::Kind::Ack: {
            auto result = doc.ack(r.version);
            if (!result)
                return R::failure(result.error());
            break;
        }
        case JournalRecord::Kind::Sent:
        case JournalRecord::Kind::Meta:
        case JournalRecord::Kind::Forget:
        case JournalRecord::Kind::History:
            break;
        }
    }
    doc.setSequenceSource(std::move(nextSeq));
    return R::success(std::move(doc));
}

} // namespace coauthor::sync
