#include "sync/realtime/historyrequests.h"

#include "sync/docstore/docstore.h"
#include "sync/protocol/servermessagecodec.h"

namespace coauthor::sync {

namespace {

ServerMessage::Body failure(const ServiceError &e)
{
    return ServerMessage::Error{e.code, e.message};
}

qint64 utf8Size(const QString &s)
{
    return s.size() * 3 <= HistoryRequests::MaxAnswerBytes ? s.size() : s.toUtf8().size();
}

} // namespace

HistoryRequests::HistoryRequests(Docstore *docstore) : m_docstore(docstore), m_reader(*docstore) {}

ServerMessage::Body HistoryRequests::answer(const ClientMessage &m, const QString &projectId, const QString &memberId)
{
    using T = ClientMessage::Type;
    const qint64 version = m.atVersion.value_or(-1);
    switch (m.type) {
    case T::HistoryChanges:
        return changes(m, projectId);
    case T::HistoryText: {
        auto tree = m_reader.treeAt(projectId, version);
        if (!tree.ok())
            return failure(tree.error());
        auto text = m_reader.textAt(projectId, m.path, tree.value().version);
        if (!text.ok())
            return failure(text.error());
        if (utf8Size(text.value()) > MaxAnswerBytes)
            return ServerMessage::Error{QStringLiteral("text_too_large"), QStringLiteral("'%1' is too large for one answer").arg(m.path)};
        return ServerMessage::HistoryText{m.path, tree.value().version, text.value()};
    }
    case T::HistoryDiff: {
        auto diff = m_reader.diff(projectId, m.path, m.sinceVersion, version, MaxDiffOps);
        if (!diff.ok())
            return failure(diff.error());
        // Cut to what one answer carries, saying so.
        history::Diff d = diff.takeValue();
        qint64 bytes = 0;
        for (qsizetype i = 0; i < d.segments.size(); ++i) {
            bytes += utf8Size(d.segments.at(i).text);
            if (bytes > MaxAnswerBytes) {
                d.segments.resize(i);
                d.truncated = true;
                break;
            }
        }
        return ServerMessage::HistoryDiff{d};
    }
    case T::HistoryTree: {
        auto tree = m_reader.treeAt(projectId, version);
        if (!tree.ok())
            return failure(tree.error());
        return ServerMessage::HistoryTree{tree.value()};
    }
    case T::HistoryFile: {
        auto content = m_reader.fileContent(projectId, m.sha256.toLatin1());
        if (!content.ok())
            return failure(content.error());
        if (content.value().size() > MaxFileBytes)
            return ServerMessage::Error{QStringLiteral("file_too_large"),
                                        QStringLiteral("the file is %1 bytes; a history answer carries at most %2")
                                            .arg(content.value().size()).arg(MaxFileBytes)};
        return ServerMessage::HistoryFile{m.sha256, content.value()};
    }
    case T::HistorySearch: {
        history::SearchOptions options;
        options.caseSensitive = m.caseSensitive;
        options.fromVersion = m.sinceVersion;
        options.toVersion = version;
        options.opBudget = SearchOpBudget;
        auto found = m_reader.search(projectId, m.text, options);
        if (!found.ok())
            return failure(found.error());
        return ServerMessage::HistorySearch{found.value()};
    }
    case T::HistoryLabels: {
        auto labels = m_reader.labels(projectId);
        if (!labels.ok())
            return failure(labels.error());
        return ServerMessage::HistoryLabels{labels.value()};
    }
    case T::AddLabel: {
        auto label = m_reader.addLabel(projectId, m.name, version, memberId);
        if (!label.ok())
            return failure(label.error());
        return ServerMessage::HistoryLabel{label.value()};
    }
    default:
        return ServerMessage::Error{QStringLiteral("internal"), QStringLiteral("not a history request")};
    }
}

Result<HistoryRequests::Restore, ServiceError> HistoryRequests::restoreTarget(const ClientMessage &m, const QString &projectId)
{
    using Out = Result<Restore, ServiceError>;
    auto tree = m_reader.treeAt(projectId, m.atVersion.value_or(-1));
    if (!tree.ok())
        return Out::failure(tree.error());
    for (const history::VersionEntry &e : std::as_const(tree.value().entries)) {
        if (e.path != m.path)
            continue;
        if (e.kind == TreeEntry::Kind::Folder)
            return Out::failure(ServiceError{QStringLiteral("not_found"),
                                             QStringLiteral("'%1' was a folder: restore its files one by one").arg(m.path)});
        if (auto now = m_docstore->entry(projectId, e.entryId); now.ok())
            return Out::failure(ServiceError{QStringLiteral("not_removed"),
                                             QStringLiteral("'%1' still exists as '%2': restore its text instead").arg(m.path, now.value().path)});
        if (e.kind == TreeEntry::Kind::File)
            return Out::success(Restore{e.entryId, {}, e.sha256});
        auto text = m_reader.docText(projectId, e.entryId, e.docVersion);
        if (!text.ok())
            return Out::failure(text.error());
        return Out::success(Restore{e.entryId, text.value(), {}});
    }
    return Out::failure(ServiceError{QStringLiteral("not_found"),
                                     QStringLiteral("no file '%1' at version %2").arg(m.path).arg(tree.value().version)});
}

ServerMessage::Body HistoryRequests::changes(const ClientMessage &m, const QString &projectId)
{
    // A page of many changes touching many files can outgrow a frame: fewer changes then.
    for (int limit = std::clamp(m.limit, 1, history::HistoryReader::MaxChangesPerPage);; limit = std::max(1, limit / 2)) {
        auto page = m_reader.changes(projectId, m.path, m.before, limit);
        if (!page.ok())
            return failure(page.error());
        const ServerMessage::HistoryChanges answer{page.value()};
        const qint64 bytes = ServerMessageCodec::encode(ServerMessage{m.rid, answer}).size();
        if (bytes <= MaxAnswerBytes || limit == 1) {
            if (bytes > MaxAnswerBytes)
                return ServerMessage::Error{QStringLiteral("answer_too_large"),
                                            QStringLiteral("one change touches more files than an answer can list")};
            return answer;
        }
    }
}

} // namespace coauthor::sync
