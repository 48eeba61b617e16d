#include "sync/history/historyreader.h"

#include "sync/history/attributedtext_p.h"
#include "sync/history/textsearch_p.h"
#include "sync/history/worddiff_p.h"

#include "sync/docstore/docstore.h"
#include "sync/ot/textbuffer.h"

#include <algorithm>

namespace coauthor::sync::history {

namespace {

template <typename T>
using R = HistoryReader::Result<T>;

ServiceError error(const char *code, const QString &message)
{
    return ServiceError::make(QString::fromLatin1(code), message);
}

// The tree as the events up to a version left it.
struct TreeState
{
    QHash<QString, VersionEntry> alive;
    QHash<QString, TreeEvent> created; // entry id -> its creation event
    QHash<QString, TreeEvent> removed; // entry id -> its removal event
    QHash<QString, QString> lastPath;  // entry id -> the last path it had

    void apply(const TreeEvent &e)
    {
        lastPath.insert(e.entryId, e.path);
        switch (e.kind) {
        case TreeEvent::Kind::Create:
            alive.insert(e.entryId, VersionEntry{e.entryId, e.path, e.entryKind, 0, e.sha256, e.size});
            created.insert(e.entryId, e);
            break;
        case TreeEvent::Kind::Move:
            if (auto it = alive.find(e.entryId); it != alive.end())
                it->path = e.path;
            break;
        case TreeEvent::Kind::Remove:
            alive.remove(e.entryId);
            removed.insert(e.entryId, e);
            break;
        case TreeEvent::Kind::Replace:
            if (auto it = alive.find(e.entryId); it != alive.end()) {
                it->sha256 = e.sha256;
                it->size = e.size;
            }
            break;
        }
    }

    std::optional<VersionEntry> at(const QString &path) const
    {
        for (const VersionEntry &e : alive) {
            if (e.path == path)
                return e;
        }
        return std::nullopt;
    }
};

FileChange::Kind fileKind(StoredChangeFile::Kind kind)
{
    switch (kind) {
    case StoredChangeFile::Kind::Edited: return FileChange::Kind::Edited;
    case StoredChangeFile::Kind::Created: return FileChange::Kind::Created;
    case StoredChangeFile::Kind::Renamed: return FileChange::Kind::Renamed;
    case StoredChangeFile::Kind::Deleted: return FileChange::Kind::Deleted;
    case StoredChangeFile::Kind::FileVersion: return FileChange::Kind::FileVersion;
    }
    return FileChange::Kind::Edited;
}

} // namespace

HistoryReader::HistoryReader(Docstore &store) : m_store(store) {}

R<qint64> HistoryReader::currentVersion(const QString &projectId)
{
    return m_store.projectVersion(projectId);
}

R<qint64> HistoryReader::resolveVersion(const QString &projectId, qint64 version)
{
    auto current = m_store.projectVersion(projectId);
    if (!current.ok())
        return current;
    if (version < 0)
        return current;
    if (version > current.value())
        return R<qint64>::failure(error("version_in_future", QStringLiteral("the project is at version %1, not %2")
                                                                 .arg(current.value()).arg(version)));
    return R<qint64>::success(version);
}

R<ChangePage> HistoryReader::changes(const QString &projectId, const QString &path, qint64 beforeVersion, int limit)
{
    limit = std::clamp(limit, 1, MaxChangesPerPage);
    QString entryId;
    if (!path.isEmpty()) {
        auto id = entryEverAt(projectId, path);
        if (!id.ok())
            return R<ChangePage>::failure(id.error());
        entryId = id.value();
    }
    auto current = m_store.projectVersion(projectId);
    if (!current.ok())
        return R<ChangePage>::failure(current.error());
    auto stored = m_store.changes(projectId, entryId, beforeVersion, limit);
    if (!stored.ok())
        return R<ChangePage>::failure(stored.error());
    ChangePage page;
    page.currentVersion = current.value();
    for (const StoredChange &s : std::as_const(stored.value())) {
        Change c;
        c.id = s.fromVersion + 1;
        c.fromVersion = s.fromVersion;
        c.toVersion = s.toVersion;
        c.startedAt = s.startedAt;
        c.endedAt = s.endedAt;
        for (const QString &member : s.memberIds)
            c.authors.append(author(projectId, member));
        for (const StoredChangeFile &f : s.files) {
            FileChange fc;
            fc.entryId = f.entryId;
            fc.entryKind = f.entryKind;
            fc.path = f.path;
            fc.oldPath = f.oldPath;
            for (StoredChangeFile::Kind k : f.kinds)
                fc.kinds.append(fileKind(k));
            fc.docVersionFrom = f.docFrom;
            fc.docVersionTo = f.docTo;
            fc.sha256 = f.sha256;
            fc.size = f.size;
            fc.wordsAdded = f.wordsAdded;
            fc.wordsRemoved = f.wordsRemoved;
            c.files.append(fc);
        }
        std::sort(c.files.begin(), c.files.end(), [](const FileChange &a, const FileChange &b) { return a.path < b.path; });
        page.changes.append(c);
    }
    if (page.changes.size() == limit && page.changes.last().fromVersion > 0)
        page.nextBefore = page.changes.last().fromVersion;
    return R<ChangePage>::success(page);
}

R<QString> HistoryReader::entryEverAt(const QString &projectId, const QString &path)
{
    auto events = m_store.treeEvents(projectId, 0, -1);
    if (!events.ok())
        return R<QString>::failure(events.error());
    // The entry at path now, else the last one that had it.
    TreeState state;
    QString last;
    for (const TreeEvent &e : std::as_const(events.value())) {
        state.apply(e);
        if (e.path == path)
            last = e.entryId;
    }
    if (auto now = state.at(path))
        return R<QString>::success(now->entryId);
    if (last.isEmpty())
        return R<QString>::failure(error("not_found", QStringLiteral("'%1' never existed in the project").arg(path)));
    return R<QString>::success(last);
}

R<QString> HistoryReader::docText(const QString &projectId, const QString &docId, qint64 docVersion)
{
    auto snapshot = m_store.docSnapshot(projectId, docId, docVersion);
    if (!snapshot.ok())
        return R<QString>::failure(snapshot.error());
    const auto &[base, text] = snapshot.value();
    if (base == docVersion)
        return R<QString>::success(text);
    auto ops = m_store.historyOps(projectId, docId, base, docVersion);
    if (!ops.ok())
        return R<QString>::failure(ops.error());
    if (base + ops.value().size() != docVersion)
        return R<QString>::failure(error("version_in_future", QStringLiteral("doc '%1' has no version %2").arg(docId).arg(docVersion)));
    ot::TextBuffer buffer(text);
    for (const StoredOp &op : std::as_const(ops.value())) {
        if (!buffer.apply(op.op).ok())
            return R<QString>::failure(error("internal", QStringLiteral("the op at version %1 of doc '%2' does not apply")
                                                             .arg(op.version).arg(docId)));
    }
    return R<QString>::success(buffer.toString());
}

R<QString> HistoryReader::textAt(const QString &projectId, const QString &path, qint64 projectVersion)
{
    auto tree = treeAt(projectId, projectVersion);
    if (!tree.ok())
        return R<QString>::failure(tree.error());
    for (const VersionEntry &e : std::as_const(tree.value().entries)) {
        if (e.path != path)
            continue;
        if (e.kind != TreeEntry::Kind::Doc)
            return R<QString>::failure(error("not_found", QStringLiteral("'%1' is not a text file").arg(path)));
        auto text = docText(projectId, e.entryId, e.docVersion);
        if (text.ok() && text.value().size() * 3 > MaxTextBytes && text.value().toUtf8().size() > MaxTextBytes)
            return R<QString>::failure(error("text_too_large", QStringLiteral("'%1' is larger than an answer may be").arg(path)));
        return text;
    }
    return R<QString>::failure(error("not_found", QStringLiteral("no file '%1' at version %2").arg(path).arg(tree.value().version)));
}

R<ProjectTree> HistoryReader::treeAt(const QString &projectId, qint64 projectVersion)
{
    auto version = resolveVersion(projectId, projectVersion);
    if (!version.ok())
        return R<ProjectTree>::failure(version.error());
    auto events = m_store.treeEvents(projectId, 0, version.value());
    if (!events.ok())
        return R<ProjectTree>::failure(events.error());
    TreeState state;
    for (const TreeEvent &e : std::as_const(events.value()))
        state.apply(e);
    ProjectTree tree;
    tree.version = version.value();
    for (VersionEntry e : std::as_const(state.alive)) {
        if (e.kind == TreeEntry::Kind::Doc) {
            auto v = m_store.docVersionAt(projectId, e.entryId, tree.version);
            if (!v.ok())
                return R<ProjectTree>::failure(v.error());
            e.docVersion = v.value();
        }
        tree.entries.append(e);
    }
    std::sort(tree.entries.begin(), tree.entries.end(), [](const VersionEntry &a, const VersionEntry &b) { return a.path < b.path; });
    return R<ProjectTree>::success(tree);
}

R<QByteArray> HistoryReader::fileContent(const QString &projectId, const QByteArray &sha256)
{
    return m_store.contentByHash(projectId, sha256);
}

R<Diff> HistoryReader::diff(const QString &projectId, const QString &path, qint64 fromVersion, qint64 toVersion, qint64 exactOps)
{
    auto from = resolveVersion(projectId, fromVersion);
    if (!from.ok())
        return R<Diff>::failure(from.error());
    auto to = resolveVersion(projectId, toVersion);
    if (!to.ok())
        return R<Diff>::failure(to.error());
    if (from.value() > to.value())
        return R<Diff>::failure(error("invalid_version", QStringLiteral("a diff goes from an older version to a newer one")));
    auto events = m_store.treeEvents(projectId, 0, to.value());
    if (!events.ok())
        return R<Diff>::failure(events.error());
    TreeState before, after;
    for (const TreeEvent &e : std::as_const(events.value())) {
        if (e.projectVersion <= from.value())
            before.apply(e);
        after.apply(e);
    }
    // The entry at path at the later version, else the one it had at the earlier.
    std::optional<VersionEntry> entry = after.at(path);
    if (!entry)
        entry = before.at(path);
    if (!entry)
        return R<Diff>::failure(error("not_found", QStringLiteral("no file '%1' at version %2 or %3").arg(path)
                                                       .arg(from.value()).arg(to.value())));
    Diff diff;
    diff.path = path;
    diff.entryId = entry->entryId;
    diff.fromVersion = from.value();
    diff.toVersion = to.value();
    const bool wasThere = before.alive.contains(entry->entryId);
    const bool isThere = after.alive.contains(entry->entryId);
    if (entry->kind != TreeEntry::Kind::Doc) {
        diff.binary = true;
        diff.sha256From = wasThere ? before.alive.value(entry->entryId).sha256 : QByteArray();
        diff.sha256To = isThere ? after.alive.value(entry->entryId).sha256 : QByteArray();
        return R<Diff>::success(diff);
    }
    const QString docId = entry->entryId;
    AttributedText text;
    qint64 docFrom = 0;
    if (wasThere) {
        auto v = m_store.docVersionAt(projectId, docId, from.value());
        if (!v.ok())
            return R<Diff>::failure(v.error());
        docFrom = v.value();
        auto t = docText(projectId, docId, docFrom);
        if (!t.ok())
            return R<Diff>::failure(t.error());
        text = AttributedText(t.value());
    } else {
        auto t = docText(projectId, docId, 0);
        if (!t.ok())
            return R<Diff>::failure(t.error());
        text.insert(0, t.value(), after.created.value(docId).memberId);
    }
    auto docTo = m_store.docVersionAt(projectId, docId, to.value());
    if (!docTo.ok())
        return R<Diff>::failure(docTo.error());
    auto replayed = exactOps < 0 || docTo.value() - docFrom <= exactOps
                        ? replayOps(projectId, docId, docFrom, docTo.value(), text)
                        : replayChanges(projectId, docId, docFrom, docTo.value(), exactOps, text);
    if (!replayed.ok())
        return R<Diff>::failure(replayed.error());
    if (!isThere && wasThere)
        text.removeAll(after.removed.value(docId).memberId);
    else if (!isThere)
        text = AttributedText();
    diff.segments = text.segments(MaxTextBytes, &diff.truncated);
    QStringList seen;
    for (const DiffSegment &s : std::as_const(diff.segments)) {
        if (s.kind != DiffSegment::Kind::Same && !seen.contains(s.memberId)) {
            seen.append(s.memberId);
            diff.authors.append(author(projectId, s.memberId));
        }
    }
    return R<Diff>::success(diff);
}

R<bool> HistoryReader::replayOps(const QString &projectId, const QString &docId, qint64 fromDoc, qint64 toDoc, AttributedText &text)
{
    for (qint64 v = fromDoc; v < toDoc;) {
        auto ops = m_store.historyOps(projectId, docId, v, toDoc, 5000);
        if (!ops.ok())
            return R<bool>::failure(ops.error());
        if (ops.value().isEmpty())
            break;
        for (const StoredOp &op : std::as_const(ops.value())) {
            if (!text.apply(op.op, op.memberId))
                return R<bool>::failure(error("internal", QStringLiteral("the op at version %1 of doc '%2' does not apply")
                                                              .arg(op.version).arg(docId)));
        }
        v = ops.value().last().version;
    }
    return R<bool>::success(true);
}

// Why change by change and not a faster replay: reading the ops is 90 % of a long
// replay (history_bench: 1.09 s of 1.23 s for 250,000 ops, the JSON of each op parsed),
// so no data structure for the runs makes it fast; what does is not reading them. A
// change by one author needs none of its ops: the doc's text at its two ends comes from
// snapshots (one every 1,000 ops), and everything inserted or deleted between them was
// that author's. The runs inside it are the shortest edit between the two texts , so text typed and removed within the change
// leaves no trace, as in the replay. The edit is searched word by word first (wordDiff),
// as a change of a paper is a few places edited in 8 KB of text (the trace's).
R<bool> HistoryReader::replayChanges(const QString &projectId, const QString &docId, qint64 fromDoc, qint64 toDoc,
                                     qint64 exactOps, AttributedText &text)
{
    struct Piece
    {
        qint64 from = 0, to = 0; // doc versions (from, to]
        QString author;          // the only member of the change; empty: several
        QString lastAuthor;
    };
    QList<Piece> pieces; // newest first while read
    for (qint64 before = 0;;) {
        auto page = m_store.changes(projectId, docId, before, MaxChangesPerPage);
        if (!page.ok())
            return R<bool>::failure(page.error());
        bool older = false;
        for (const StoredChange &c : std::as_const(page.value())) {
            for (const StoredChangeFile &f : c.files) {
                if (f.entryId != docId || f.docTo <= f.docFrom)
                    continue;
                const qint64 from = std::max(fromDoc, f.docFrom);
                const qint64 to = std::min(toDoc, f.docTo);
                if (from < to)
                    pieces.append(Piece{from, to, c.memberIds.size() == 1 ? c.memberIds.first() : QString(), c.lastMemberId});
                older = older || f.docFrom <= fromDoc;
            }
        }
        if (older || page.value().size() < MaxChangesPerPage || page.value().last().fromVersion <= 1)
            break;
        before = page.value().last().fromVersion - 1;
    }
    std::sort(pieces.begin(), pieces.end(), [](const Piece &a, const Piece &b) { return a.from < b.from; });

    // From this many ops on, a change costs less taken whole (a snapshot and on average
    // 500 ops to its end, and the text diff) than replayed.
    constexpr qint64 WholeChangeOps = 500;
    // Words (then characters) the diff of one change looks for (its memory is ~16 bytes
    // times the square); past them the change's differing middle is shown replaced.
    constexpr qsizetype MaxChangeEdits = 500;
    qint64 budget = exactOps;
    qint64 at = fromDoc;
    std::optional<QString> known; // the text at `at`, when a whole change left it
    auto whole = [&](qint64 to, const QString &author) -> R<bool> {
        auto after = docText(projectId, docId, to);
        if (!after.ok())
            return R<bool>::failure(after.error());
        if (!text.apply(wordDiff(known ? *known : text.visibleText(), after.value(), MaxChangeEdits), author))
            return R<bool>::failure(error("internal", QStringLiteral("the diff of doc '%1' to version %2 does not apply").arg(docId).arg(to)));
        known = after.takeValue();
        at = to;
        return R<bool>::success(true);
    };
    auto exact = [&](qint64 to) -> R<bool> {
        budget -= to - at;
        known.reset();
        auto done = replayOps(projectId, docId, at, to, text);
        at = to;
        return done;
    };
    for (const Piece &p : std::as_const(pieces)) {
        if (p.from < at)
            continue; // overlapping rows (not written so; read defensively)
        if (p.from > at) {
            // Ops no change lists (not written so either): theirs, or nobody's past the budget.
            auto gap = budget >= p.from - at ? exact(p.from) : whole(p.from, QString());
            if (!gap.ok())
                return gap;
        }
        const qint64 ops = p.to - p.from;
        auto done = !p.author.isEmpty() && ops >= WholeChangeOps ? whole(p.to, p.author)
                    : p.author.isEmpty() && ops > budget         ? whole(p.to, p.lastAuthor)
                                                                 : exact(p.to);
        if (!done.ok())
            return done;
    }
    if (at < toDoc)
        return budget >= toDoc - at ? exact(toDoc) : whole(toDoc, QString());
    return R<bool>::success(true);
}

R<SearchResult> HistoryReader::search(const QString &projectId, const QString &text, const SearchOptions &options)
{
    if (text.isEmpty() || text.size() > 1000)
        return R<SearchResult>::failure(error("invalid_request", QStringLiteral("search for 1 to 1000 characters")));
    auto to = resolveVersion(projectId, options.toVersion);
    if (!to.ok())
        return R<SearchResult>::failure(to.error());
    auto events = m_store.treeEvents(projectId, 0, to.value());
    if (!events.ok())
        return R<SearchResult>::failure(events.error());
    TreeState state;
    QStringList docs; // in creation order
    for (const TreeEvent &e : std::as_const(events.value())) {
        state.apply(e);
        if (e.kind == TreeEvent::Kind::Create && e.entryKind == TreeEntry::Kind::Doc)
            docs.append(e.entryId);
    }
    SearchResult result;
    qint64 budget = std::min(options.opBudget, SearchOpBudget);
    const Qt::CaseSensitivity cs = options.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    for (const QString &docId : std::as_const(docs)) {
        if (budget <= 0) {
            result.truncated = true;
            break;
        }
        auto initial = docText(projectId, docId, 0);
        if (!initial.ok())
            return R<SearchResult>::failure(initial.error());
        TextSearch scan(initial.value(), text, cs);
        const qint64 createdAt = state.created.value(docId).projectVersion;
        scan.start(createdAt);
        for (qint64 v = 0; budget > 0;) {
            auto ops = m_store.historyOps(projectId, docId, v, -1, 5000);
            if (!ops.ok())
                return R<SearchResult>::failure(ops.error());
            bool past = false;
            for (const StoredOp &op : std::as_const(ops.value())) {
                if (op.projectVersion > to.value()) {
                    past = true;
                    break;
                }
                if (!scan.apply(op.op, op.projectVersion))
                    return R<SearchResult>::failure(error("internal", QStringLiteral("the op at version %1 of doc '%2' does not apply")
                                                                          .arg(op.version).arg(docId)));
            }
            budget -= ops.value().size();
            if (past || ops.value().size() < 5000)
                break;
            v = ops.value().last().version;
        }
        if (budget <= 0)
            result.truncated = true;
        if (auto removed = state.removed.find(docId); removed != state.removed.end())
            scan.end(removed->projectVersion);
        SearchHit hit;
        hit.entryId = docId;
        hit.path = state.lastPath.value(docId);
        hit.presentNow = scan.present();
        hit.context = scan.context();
        for (const auto &[version, appears] : scan.transitions()) {
            if (version <= options.fromVersion)
                continue;
            (appears ? hit.appearsAt : hit.disappearsAt).append(version);
        }
        if (hit.appearsAt.isEmpty() && hit.disappearsAt.isEmpty() && !hit.presentNow)
            continue;
        if (result.hits.size() == options.maxHits) {
            result.truncated = true;
            break;
        }
        result.hits.append(hit);
    }
    std::sort(result.hits.begin(), result.hits.end(), [](const SearchHit &a, const SearchHit &b) { return a.path < b.path; });
    return R<SearchResult>::success(result);
}

R<QList<Label>> HistoryReader::labels(const QString &projectId)
{
    auto stored = m_store.labels(projectId);
    if (!stored.ok())
        return R<QList<Label>>::failure(stored.error());
    QList<Label> out;
    for (const StoredLabel &l : std::as_const(stored.value()))
        out.append(Label{l.id, l.name, l.projectVersion, l.createdAt, author(projectId, l.memberId)});
    return R<QList<Label>>::success(out);
}

R<Label> HistoryReader::addLabel(const QString &projectId, const QString &name, qint64 version, const QString &memberId)
{
    auto l = m_store.addLabel(projectId, name, version, Actor{memberId, 0});
    if (!l.ok())
        return R<Label>::failure(l.error());
    return R<Label>::success(
        Label{l.value().id, l.value().name, l.value().projectVersion, l.value().createdAt, author(projectId, l.value().memberId)});
}

Author HistoryReader::author(const QString &projectId, const QString &memberId)
{
    // Reloaded when a member is missing or has no name yet (a hello may have named
    // them since), at most once per NameReloadMs for names still unknown.
    auto names = m_names.find(projectId);
    const bool missing = names == m_names.end() || (!memberId.isEmpty() && !names->contains(memberId));
    const bool nameless = !missing && !memberId.isEmpty() && names->value(memberId).isEmpty();
    if (missing || (nameless && m_namesLoaded.value(projectId).hasExpired(NameReloadMs))) {
        QHash<QString, QString> loaded;
        // The name a member last went by, then the invitation's (which wins: the
        // server takes a named invitation's name, never the client's).
        if (auto seen = m_store.memberNames(projectId); seen.ok())
            loaded = seen.value();
        if (auto invitations = m_store.invitations(projectId); invitations.ok()) {
            for (const Invitation &i : invitations.value()) {
                if (!i.name.isEmpty() || !loaded.contains(i.id))
                    loaded.insert(i.id, i.name);
            }
        }
        // A member nobody names (a local history's user) is looked up again only later.
        if (!loaded.contains(memberId))
            loaded.insert(memberId, QString());
        names = m_names.insert(projectId, loaded);
        m_namesLoaded[projectId].start();
    }
    return Author{memberId, names->value(memberId)};
}

} // namespace coauthor::sync::history
