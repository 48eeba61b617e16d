// PageCache: rendered page images, least recently used first out, bounded in bytes.
// Lives on the UI thread only (no lock); render threads hand their images over by signal.
#pragma once

#include <QCache>
#include <QHashFunctions>
#include <QImage>

namespace coauthor::app {

struct PageKey
{
    quint64 generation = 0; // PdfDocument::generation(): one per load, so reloads never mix
    int page = 0;           // 0-based
    int scaleKey = 0;       // device pixels per point * 1000, rounded
    int tile = 0;           // 0: the whole page; n > 0: tile n - 1 of a page too big to render whole
    bool operator==(const PageKey &) const = default;
};

inline size_t qHash(const PageKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.generation, key.page, key.scaleKey, key.tile);
}

class PageCache
{
public:
    explicit PageCache(qint64 maxBytes = 256ll * 1024 * 1024);
    Q_DISABLE_COPY_MOVE(PageCache)

    void setMaxBytes(qint64 bytes);
    qint64 maxBytes() const;
    qint64 bytes() const;

    void insert(const PageKey &key, const QImage &image);
    bool contains(const PageKey &key) const;
    // The exact image, else (for whole pages, tile 0) the best stand-in while it renders: the
    // whole page of the same document at the nearest scale, else of the newest older generation
    // (the document shown before a reload). Null when there is nothing for that page.
    QImage best(const PageKey &key, bool *exact = nullptr);
    // Drops older-generation images of key.page once its current whole-page image exists.
    void dropOlderGenerations(const PageKey &key);
    void clear();

private:
    QCache<PageKey, QImage> m_images; // cost = bytes
};

} // namespace coauthor::app
