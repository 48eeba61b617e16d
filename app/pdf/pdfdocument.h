// PdfDocument: a loaded PDF behind a small, thread-safe interface, so the view never touches
// Poppler directly and render threads can share one document.
#pragma once

#include <QImage>
#include <QList>
#include <QMutex>
#include <QRect>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <atomic>
#include <memory>

namespace Poppler {
class Document;
}

namespace coauthor::app {

// A word on a page as Poppler extracts it, with its box in points from the page's top-left.
struct PdfWord
{
    QString text;
    QRectF rect;
};

// Locking rule: Poppler::Document is not safe for concurrent use, so every call into it goes
// through m_mutex. The mutex is the innermost lock in the PDF view: code holding it calls
// nothing that takes another lock (no signals, no cache). Page sizes are read once in load()
// and are immutable afterwards, so they are read without the lock from any thread.
// Lifetime: instances are held by shared_ptr; the view owns one reference and every queued
// render job owns another, so a document replaced by a reload lives until its last job ends.
class PdfDocument
{
public:
    struct LoadResult
    {
        std::shared_ptr<PdfDocument> document; // null on failure
        QString error;
    };

    // Reads the whole file into memory first, so a compile that rewrites the file while the old
    // document is still shown cannot corrupt it.
    static LoadResult load(const QString &path);
    ~PdfDocument();
    Q_DISABLE_COPY_MOVE(PdfDocument)

    QString path() const { return m_path; }
    quint64 generation() const { return m_generation; } // unique per load, process-wide
    int pageCount() const { return int(m_pageSizes.size()); }
    QSizeF pageSize(int page) const { return m_pageSizes.value(page); } // points, 0-based page
    QSizeF maxPageSize() const { return m_maxPageSize; }

    // Renders page (0-based) at scale pixels per point; only region (in those pixels) when it
    // is not null. Blocks while another thread renders. When abort is given and becomes true,
    // Poppler stops early and the result is null.
    QImage render(int page, double scale, const QRect &region = {}, const std::atomic<bool> *abort = nullptr) const;
    // The words of page (0-based) in reading order (SyncTeX's word-level matching).
    QList<PdfWord> words(int page) const;
    // Case-insensitive hits on page (0-based), in points from the page's top-left, in text order.
    QList<QRectF> search(int page, const QString &text) const;

private:
    PdfDocument() = default;

    mutable QMutex m_mutex;
    std::unique_ptr<Poppler::Document> m_poppler; // guarded by m_mutex
    QString m_path;
    quint64 m_generation = 0;
    QList<QSizeF> m_pageSizes;
    QSizeF m_maxPageSize;
};

} // namespace coauthor::app
