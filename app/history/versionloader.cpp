#include "app/history/versionloader.h"

namespace coauthor::app {

namespace h = sync::history;
using R = sync::Result<VersionLoader::Loaded, sync::ServiceError>;

VersionLoader::VersionLoader(HistorySource *source, qint64 version, const QStringList &paths, Done done, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_paths(paths)
    , m_done(std::move(done))
{
    m_loaded.version = version;
}

void VersionLoader::load(HistorySource *source, qint64 version, const QStringList &paths, QObject *context, Done done)
{
    auto *loader = new VersionLoader(source, version, paths, std::move(done), context);
    QPointer<VersionLoader> self(loader);
    source->treeAt(-1, [self](const auto &latest) {
        if (!self)
            return;
        if (!latest)
            return self->fail(latest.error());
        self->m_loaded.latest = latest.value();
        self->m_source->treeAt(self->m_loaded.version, [self](const auto &tree) {
            if (!self)
                return;
            if (!tree)
                return self->fail(tree.error());
            for (const h::VersionEntry &entry : tree.value().entries) {
                if (entry.kind == sync::TreeEntry::Kind::Folder)
                    continue;
                if (self->m_paths.isEmpty() || self->m_paths.contains(entry.path))
                    self->m_loaded.files.append(VersionFile{entry, {}, {}});
            }
            self->next();
        });
    });
}

void VersionLoader::fail(const sync::ServiceError &error)
{
    m_done(R::failure(error));
    deleteLater();
}

void VersionLoader::next()
{
    if (!m_source)
        return fail(sync::ServiceError::make(QStringLiteral("storage_unavailable"), QStringLiteral("history closed")));
    if (m_next >= m_loaded.files.size()) {
        m_done(R::success(m_loaded));
        deleteLater();
        return;
    }
    QPointer<VersionLoader> self(this);
    VersionFile &file = m_loaded.files[m_next];
    const int index = m_next++;
    if (file.isDoc()) {
        m_source->textAt(file.entry.path, m_loaded.version, [self, index](const auto &text) {
            if (!self)
                return;
            if (!text)
                return self->fail(text.error());
            self->m_loaded.files[index].text = text.value();
            self->next();
        });
    } else {
        m_source->fileContent(file.entry.sha256, [self, index](const auto &content) {
            if (!self)
                return;
            if (!content)
                return self->fail(content.error());
            self->m_loaded.files[index].content = content.value();
            self->next();
        });
    }
}

} // namespace coauthor::app
