#include "app/pdf/pagecache.h"

#include <cstdlib>

namespace coauthor::app {

PageCache::PageCache(qint64 maxBytes)
    : m_images(maxBytes)
{
}

void PageCache::setMaxBytes(qint64 bytes)
{
    m_images.setMaxCost(bytes);
}

qint64 PageCache::maxBytes() const
{
    return m_images.maxCost();
}

qint64 PageCache::bytes() const
{
    return m_images.totalCost();
}

void PageCache::insert(const PageKey &key, const QImage &image)
{
    if (image.isNull())
        return;
    m_images.insert(key, new QImage(image), qMax<qsizetype>(1, image.sizeInBytes()));
}

bool PageCache::contains(const PageKey &key) const
{
    return m_images.contains(key);
}

QImage PageCache::best(const PageKey &key, bool *exact)
{
    if (exact)
        *exact = false;
    if (QImage *image = m_images.object(key)) {
        if (exact)
            *exact = true;
        return *image;
    }
    if (key.tile != 0)
        return {}; // tiles have no stand-ins of their own; the view draws a whole page under them
    // Linear scan: the cache holds at most a few hundred images.
    const PageKey *sameDocument = nullptr;
    const PageKey *older = nullptr;
    const QList<PageKey> keys = m_images.keys();
    for (const PageKey &candidate : keys) {
        if (candidate.page != key.page || candidate.tile != 0 || candidate.generation > key.generation)
            continue;
        if (candidate.generation == key.generation) {
            if (!sameDocument
                || std::abs(candidate.scaleKey - key.scaleKey) < std::abs(sameDocument->scaleKey - key.scaleKey))
                sameDocument = &candidate;
        } else if (!older || candidate.generation > older->generation
                   || (candidate.generation == older->generation
                       && std::abs(candidate.scaleKey - key.scaleKey) < std::abs(older->scaleKey - key.scaleKey))) {
            older = &candidate;
        }
    }
    const PageKey *chosen = sameDocument ? sameDocument : older;
    if (!chosen)
        return {};
    const QImage *image = m_images.object(*chosen);
    return image ? *image : QImage();
}

void PageCache::dropOlderGenerations(const PageKey &key)
{
    if (key.tile != 0)
        return; // a tiled page still needs the old whole page under its missing tiles
    const QList<PageKey> keys = m_images.keys();
    for (const PageKey &candidate : keys) {
        if (candidate.page == key.page && candidate.generation < key.generation)
            m_images.remove(candidate);
    }
}

void PageCache::clear()
{
    m_images.clear();
}

} // namespace coauthor::app
