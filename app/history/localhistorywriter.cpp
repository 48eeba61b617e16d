#include "app/history/localhistorywriter.h"

#include "app/project/project.h"
#include "app/project/textcodec.h"
#include "sync/ot/operations.h"
#include "sync/client/textdiff.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>

namespace coauthor::app {

namespace {

// The local history is one docstore project; its name says what it is to whoever opens the file.
const QString projectName = QStringLiteral("local history");

bool isUnder(const QString &path, const QString &folder)
{
    return path == folder || path.startsWith(folder + u'/');
}

QString moved(const QString &path, const QString &from, const QString &to)
{
    return path == from ? to : to + path.mid(from.size());
}

} // namespace

LocalHistoryWriter::~LocalHistoryWriter()
{
    close();
}

QString LocalHistoryWriter::databasePathFor(const QString &projectRoot)
{
    return QDir(projectRoot).filePath(QStringLiteral(".coauthor/history/history.sqlite"));
}

QString LocalHistoryWriter::describe(const sync::ServiceError &error)
{
    return error.message.isEmpty() ? error.code : error.message;
}

LocalHistoryWriter::Result LocalHistoryWriter::open(const QString &projectRoot, const QString &author)
{
    close();
    const QString file = databasePathFor(projectRoot);
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return Result::failure(QCoreApplication::translate("coauthor::app::LocalHistory", "Cannot create %1.")
                                   .arg(QFileInfo(file).absolutePath()));
    // A path as a URL path: '#', '?' and '%' in a folder name stay part of it.
    const QString url = QStringLiteral("sqlite://") + QUrl::fromLocalFile(file).path(QUrl::FullyEncoded);
    auto opened = sync::Docstore::open(url, QString());
    if (!opened)
        return Result::failure(describe(opened.error()));
    m_store = opened.takeValue();
    m_root = projectRoot;
    auto projects = m_store->projects();
    if (!projects) {
        close();
        return Result::failure(describe(projects.error()));
    }
    if (projects.value().isEmpty()) {
        auto created = m_store->createProject(projectName);
        if (!created) {
            close();
            return Result::failure(describe(created.error()));
        }
        m_projectId = created.value().id;
    } else {
        m_projectId = projects.value().first().id;
    }
    if (auto identified = identify(author); !identified) {
        close();
        return identified;
    }
    return Result::success();
}

LocalHistoryWriter::Result LocalHistoryWriter::identify(const QString &author)
{
    // The author is a member of the local project, as a collaborator is of a shared
    // one, so the same reader names them: one member per name the user has had.
    QString name = author.trimmed().left(100);
    if (name.isEmpty())
        name = QCoreApplication::translate("coauthor::app::LocalHistory", "Me");
    auto invitations = m_store->invitations(m_projectId);
    if (!invitations)
        return Result::failure(describe(invitations.error()));
    QString memberId;
    for (const sync::Invitation &invitation : invitations.value()) {
        if (!invitation.isRevoked() && invitation.name == name)
            memberId = invitation.id;
    }
    if (memberId.isEmpty()) {
        auto issued = m_store->createInvitation(m_projectId, name, sync::Role::ReadWrite);
        if (!issued)
            return Result::failure(describe(issued.error()));
        memberId = issued.value().invitation.id;
    }
    m_memberId = memberId;
    m_clientId = QStringLiteral("local-") + memberId;
    if (auto bound = m_store->bindClientId(m_projectId, m_clientId, memberId); !bound)
        return Result::failure(describe(bound.error()));
    return Result::success();
}

void LocalHistoryWriter::close()
{
    m_store.reset();
    m_docs.clear();
    m_stamps.clear();
    m_projectId.clear();
    m_clientId.clear();
    m_memberId.clear();
    m_root.clear();
}

std::optional<sync::TreeEntry> LocalHistoryWriter::entryAt(const QString &path)
{
    auto entries = m_store->entries(m_projectId);
    if (!entries)
        return std::nullopt;
    for (const sync::TreeEntry &entry : entries.value()) {
        if (entry.path == path)
            return entry;
    }
    return std::nullopt;
}

LocalHistoryWriter::Doc *LocalHistoryWriter::doc(const QString &path)
{
    auto it = m_docs.find(path);
    if (it == m_docs.end()) {
        const auto entry = entryAt(path);
        if (!entry || entry->kind != sync::TreeEntry::Kind::Doc)
            return nullptr;
        it = m_docs.insert(path, Doc{entry->id, -1, QString()});
    }
    if (it->version < 0) {
        auto loaded = m_store->loadDoc(m_projectId, it->id);
        if (!loaded) {
            m_docs.erase(it);
            return nullptr;
        }
        auto seq = m_store->lastSeq(m_projectId, it->id, m_clientId);
        if (!seq) {
            m_docs.erase(it);
            return nullptr;
        }
        it->version = loaded.value().version;
        it->text = loaded.value().text;
        it->seq = seq.value().value_or(0);
    }
    return &*it;
}

std::optional<QString> LocalHistoryWriter::textOf(const QString &path)
{
    if (!isOpen())
        return std::nullopt;
    if (Doc *d = doc(path))
        return d->text;
    return std::nullopt;
}

LocalHistoryWriter::Result LocalHistoryWriter::recordText(const QString &path, const QString &text, qint64 timestamp)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("not open"));
    if (Doc *d = doc(path)) {
        if (d->text == text)
            return Result::success();
        return storeOps(path, *d, {TimedOp{sync::textDiff(d->text, text), timestamp}});
    }
    if (const auto entry = entryAt(path)) {
        // A binary file that became text (renamed over, or a .txt now edited): the old one goes.
        if (auto removed = m_store->removeEntry(m_projectId, entry->id, actor()); !removed)
            return Result::failure(describe(removed.error()));
    }
    auto created = m_store->createDoc(m_projectId, path, text, actor(timestamp));
    if (!created)
        return Result::failure(describe(created.error()));
    m_docs.insert(path, Doc{created.value().id, 0, text});
    return Result::success();
}

LocalHistoryWriter::Result LocalHistoryWriter::recordOps(const QString &path, const QList<TimedOp> &ops)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("not open"));
    Doc *d = doc(path);
    if (!d)
        return Result::failure(QStringLiteral("%1 is not in the history").arg(path));
    return storeOps(path, *d, ops);
}

LocalHistoryWriter::Result LocalHistoryWriter::storeOps(const QString &path, Doc &d, const QList<TimedOp> &ops)
{
    QString text = d.text;
    qint64 version = d.version;
    QList<sync::StoredOp> stored;
    for (const TimedOp &timed : ops) {
        if (timed.op.isNoop())
            continue;
        auto applied = sync::ot::apply(text, timed.op);
        if (!applied)
            return Result::failure(QStringLiteral("an edit of %1 does not apply to its history").arg(path));
        text = applied.takeValue();
        ++version;
        sync::StoredOp op;
        op.version = version;
        op.op = timed.op;
        op.clientId = m_clientId;
        op.seq = d.seq + stored.size() + 1; // unique per doc, as the docstore wants per client
        op.timestamp = timed.timestamp;
        stored.append(op);
    }
    if (stored.isEmpty())
        return Result::success();
    if (auto done = m_store->storeDoc(m_projectId, d.id, text, version, stored); !done)
        return Result::failure(describe(done.error()));
    d.text = text;
    d.version = version;
    d.seq += stored.size();
    return Result::success();
}

LocalHistoryWriter::Result LocalHistoryWriter::recordFile(const QString &path, const QByteArray &content, qint64 timestamp)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("not open"));
    const auto entry = entryAt(path);
    if (entry && entry->kind == sync::TreeEntry::Kind::File) {
        if (entry->sha256 == QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex())
            return Result::success();
        auto replaced = m_store->replaceFile(m_projectId, entry->id, content, actor(timestamp));
        return replaced ? Result::success() : Result::failure(describe(replaced.error()));
    }
    if (entry) {
        if (auto removed = m_store->removeEntry(m_projectId, entry->id, actor()); !removed)
            return Result::failure(describe(removed.error()));
        m_docs.remove(path);
    }
    auto created = m_store->createFile(m_projectId, path, content, actor(timestamp));
    return created ? Result::success() : Result::failure(describe(created.error()));
}

LocalHistoryWriter::Result LocalHistoryWriter::recordRenamed(const QString &from, const QString &to)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("not open"));
    const auto entry = entryAt(from);
    if (!entry) // never recorded (created and renamed between two scans): as it is now
        return QFileInfo(QDir(m_root).filePath(to)).isFile() ? recordDiskFile(to) : Result::success();
    if (const auto target = entryAt(to)) {
        // Renamed over another file: that one is gone.
        if (auto removed = m_store->removeEntry(m_projectId, target->id, actor()); !removed)
            return Result::failure(describe(removed.error()));
    }
    auto done = m_store->moveEntry(m_projectId, entry->id, to, actor());
    if (!done)
        return Result::failure(describe(done.error()));
    QHash<QString, Doc> docs;
    for (auto it = m_docs.cbegin(); it != m_docs.cend(); ++it)
        docs.insert(isUnder(it.key(), from) ? moved(it.key(), from, to) : it.key(), it.value());
    m_docs = docs;
    QHash<QString, Stamp> stamps;
    for (auto it = m_stamps.cbegin(); it != m_stamps.cend(); ++it)
        stamps.insert(isUnder(it.key(), from) ? moved(it.key(), from, to) : it.key(), it.value());
    m_stamps = stamps;
    return Result::success();
}

LocalHistoryWriter::Result LocalHistoryWriter::recordRemoved(const QString &path)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("not open"));
    const auto entry = entryAt(path);
    if (!entry)
        return Result::success();
    auto removed = m_store->removeEntry(m_projectId, entry->id, actor());
    if (!removed)
        return Result::failure(describe(removed.error()));
    m_docs.removeIf([&](const auto &it) { return isUnder(it.key(), path); });
    m_stamps.removeIf([&](const auto &it) { return isUnder(it.key(), path); });
    return Result::success();
}

LocalHistoryWriter::Result LocalHistoryWriter::recordDiskFile(const QString &path)
{
    QFile file(QDir(m_root).filePath(path));
    const QFileInfo info(file);
    if (info.size() > maxFileBytes)
        return Result::success();
    if (!file.open(QIODevice::ReadOnly))
        return Result::failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray content = file.readAll();
    m_stamps.insert(path, Stamp{info.lastModified(), info.size()});
    if (Project::isTextFile(path)) {
        // As an editor holds it (QTextDocument makes \r\n and \r line breaks), so opening the
        // file in a tab and closing it again does not record its line ends going back and forth.
        QString text = decodeText(content).text;
        text.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(u'\r', u'\n');
        return recordText(path, text, QDateTime::currentMSecsSinceEpoch());
    }
    return recordFile(path, content);
}

LocalHistoryWriter::Result LocalHistoryWriter::scanOne(const QString &path)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("not open"));
    const QFileInfo info(QDir(m_root).filePath(path));
    if (info.isFile())
        return recordDiskFile(path);
    if (!info.isDir())
        return recordRemoved(path);
    QStringList problems; // a folder added with what is in it
    for (const QString &file : Project(m_root).files()) {
        if (!isUnder(file, path))
            continue;
        if (auto done = recordDiskFile(file); !done)
            problems << done.error();
    }
    return problems.isEmpty() ? Result::success() : Result::failure(problems.join(u'\n'));
}

LocalHistoryWriter::Result LocalHistoryWriter::scan(const QSet<QString> &skip)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("not open"));
    const QStringList files = Project(m_root).files();
    const QSet<QString> onDisk(files.cbegin(), files.cend());
    QStringList problems;
    for (const QString &path : files) {
        if (skip.contains(path))
            continue;
        const QFileInfo info(QDir(m_root).filePath(path));
        if (m_stamps.value(path) == Stamp{info.lastModified(), info.size()})
            continue;
        if (auto done = recordDiskFile(path); !done)
            problems << done.error();
    }
    auto entries = m_store->entries(m_projectId);
    if (!entries)
        return Result::failure(describe(entries.error()));
    for (const sync::TreeEntry &entry : entries.value()) {
        if (entry.kind == sync::TreeEntry::Kind::Folder || onDisk.contains(entry.path) || skip.contains(entry.path))
            continue;
        if (auto done = recordRemoved(entry.path); !done)
            problems << done.error();
    }
    if (!problems.isEmpty())
        return Result::failure(problems.join(u'\n'));
    return Result::success();
}

sync::Result<qint64, QString> LocalHistoryWriter::lastVersionEndedBefore(qint64 cutoff)
{
    // Newest first: the first change that ended before cutoff is the newest such.
    qint64 before = 0;
    for (;;) {
        auto page = m_store->changes(m_projectId, {}, before, 200);
        if (!page)
            return sync::Result<qint64, QString>::failure(describe(page.error()));
        for (const sync::StoredChange &c : std::as_const(page.value())) {
            if (c.endedAt < cutoff)
                return sync::Result<qint64, QString>::success(c.toVersion);
        }
        if (page.value().size() < 200 || page.value().last().fromVersion <= 0)
            return sync::Result<qint64, QString>::success(0);
        before = page.value().last().fromVersion;
    }
}

sync::Result<sync::Docstore::CompactionStats, QString> LocalHistoryWriter::compact(qint64 now, const CompactionPolicy &policy)
{
    using Out = sync::Result<sync::Docstore::CompactionStats, QString>;
    if (!isOpen())
        return Out::failure(QStringLiteral("not open"));
    auto perChange = lastVersionEndedBefore(now - policy.keepEveryOpMs);
    if (!perChange)
        return Out::failure(perChange.error());
    auto perDay = lastVersionEndedBefore(now - policy.perDayAfterMs);
    if (!perDay)
        return Out::failure(perDay.error());
    sync::Docstore::CompactionStats total;
    const auto add = [&total](const sync::Docstore::CompactionStats &s) {
        total.opsBefore += s.opsBefore;
        total.opsAfter += s.opsAfter;
        total.changesBefore += s.changesBefore;
        total.changesAfter += s.changesAfter;
        total.docsRewritten += s.docsRewritten;
    };
    constexpr qint64 day = 24LL * 3600 * 1000;
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(now).offsetFromUtc()) * 1000;
    if (perDay.value() > 0) {
        auto done = m_store->compactHistory(m_projectId, {0, perDay.value(), day, offset});
        if (!done)
            return Out::failure(describe(done.error()));
        add(done.value());
    }
    if (perChange.value() > perDay.value()) {
        auto done = m_store->compactHistory(m_projectId, {perDay.value(), perChange.value(), 0, 0});
        if (!done)
            return Out::failure(describe(done.error()));
        add(done.value());
    }
    if (total.docsRewritten > 0) {
        // The docs' versions moved: read again when next written.
        for (Doc &d : m_docs)
            d.version = -1;
    }
    if (total.opsBefore - total.opsAfter >= vacuumAfterOps)
        vacuum();
    return Out::success(total);
}

void LocalHistoryWriter::vacuum()
{
    // SQLite keeps the freed pages in the file; VACUUM gives them back to the disk.
    // Through a connection of its own (the docstore hides its own), between two of
    // the docstore's transactions, on this thread.
    const QString name = QStringLiteral("coauthor-history-vacuum-%1").arg(quintptr(this));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePathFor(m_root));
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
            q.exec(QStringLiteral("VACUUM"));
            q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace coauthor::app
