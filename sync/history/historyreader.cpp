#include "sync/history/historyreader.h"

#include "sync/docstore/docstore.h"

namespace coauthor::sync::history {

namespace {

ServiceError notYet()
{
    return ServiceError::make(QStringLiteral("internal"), QStringLiteral("history: not implemented yet"));
}

} // namespace

HistoryReader::HistoryReader(Docstore &store) : m_store(store) {}

HistoryReader::Result<qint64> HistoryReader::currentVersion(const QString &) { return Result<qint64>::failure(notYet()); }

HistoryReader::Result<ChangePage> HistoryReader::changes(const QString &, const QString &, qint64, int)
{
    return Result<ChangePage>::failure(notYet());
}

HistoryReader::Result<QString> HistoryReader::docText(const QString &, const QString &, qint64)
{
    return Result<QString>::failure(notYet());
}

HistoryReader::Result<QString> HistoryReader::textAt(const QString &, const QString &, qint64)
{
    return Result<QString>::failure(notYet());
}

HistoryReader::Result<ProjectTree> HistoryReader::treeAt(const QString &, qint64)
{
    return Result<ProjectTree>::failure(notYet());
}

HistoryReader::Result<QByteArray> HistoryReader::fileContent(const QString &, const QByteArray &)
{
    return Result<QByteArray>::failure(notYet());
}

HistoryReader::Result<Diff> HistoryReader::diff(const QString &, const QString &, qint64, qint64)
{
    return Result<Diff>::failure(notYet());
}

HistoryReader::Result<SearchResult> HistoryReader::search(const QString &, const QString &, const SearchOptions &)
{
    return Result<SearchResult>::failure(notYet());
}

HistoryReader::Result<QList<Label>> HistoryReader::labels(const QString &) { return Result<QList<Label>>::failure(notYet()); }

HistoryReader::Result<Label> HistoryReader::addLabel(const QString &, const QString &, qint64, const QString &)
{
    return Result<Label>::failure(notYet());
}

Author HistoryReader::author(const QString &, const QString &memberId) { return Author{memberId, {}}; }

} // namespace coauthor::sync::history
