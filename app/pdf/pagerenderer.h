// PageRenderer: renders page images off the UI thread, newest request first; a new request list
// replaces the old one so pages the user has scrolled or zoomed away from are never rendered.
#pragma once

#include "app/pdf/pagecache.h"

#include <QImage>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QRect>
#include <QSet>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace coauthor::app {

class PdfDocument;

struct RenderRequest
{
    std::shared_ptr<PdfDocument> document; // keeps the document alive while the job waits
    int page = 0;                          // 0-based
    int scaleKey = 0;                      // device pixels per point * 1000
    qreal devicePixelRatio = 1.0;
    int tile = 0;                          // PageKey::tile; 0 renders the whole page
    QRect region;                          // the tile in device pixels; null for the whole page
};

// Threading: one worker at a time, on a private QThreadPool. A second worker would only wait
// on the document's mutex (Poppler renders one page of a document at a time), and the machine's
// other cores are better left to the compiler. Locks: m_mutex guards the queue and the
// bookkeeping sets; it is never held while rendering (PdfDocument's mutex) or emitting, so the
// two locks never nest. Results reach the UI thread as queued calls on this object; the
// destructor drops the queue and waits for the running job, so no job outlives the renderer.
class PageRenderer : public QObject
{
    Q_OBJECT

public:
    explicit PageRenderer(QObject *parent = nullptr);
    ~PageRenderer() override;

    // Replaces everything still queued by requests (in priority order). Pages already being
    // rendered or rendered but not yet delivered are not requested twice; the page being
    // rendered is aborted when requests no longer contain it.
    void request(const QList<RenderRequest> &requests);
    void cancelAll();

Q_SIGNALS:
    void pageRendered(quint64 generation, int page, int scaleKey, const QImage &image, int tile);

private:
    void work(); // on the pool thread
    void deliver(const PageKey &key, const QImage &image);

    QThreadPool m_pool;
    QMutex m_mutex;
    QList<RenderRequest> m_queue; // guarded by m_mutex
    QSet<PageKey> m_busy;         // in flight or awaiting delivery; guarded by m_mutex
    PageKey m_current;            // the page being rendered now; guarded by m_mutex
    bool m_workerRunning = false; // guarded by m_mutex
    // Set when the page being rendered is no longer wanted (scrolled away, zoomed, reloaded):
    // Poppler polls it and stops, so the wanted page starts sooner.
    std::atomic<bool> m_abortCurrent{false};
};

} // namespace coauthor::app
