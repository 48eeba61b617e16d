#include "app/pdf/pagerenderer.h"

#include "app/pdf/pdfdocument.h"

#include <QMutexLocker>

namespace coauthor::app {

namespace {
PageKey keyOf(const RenderRequest &request)
{
    return {request.document->generation(), request.page, request.scaleKey, request.tile};
}
} // namespace

PageRenderer::PageRenderer(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("PdfPageRenderer"));
}

PageRenderer::~PageRenderer()
{
    cancelAll();
    m_pool.waitForDone();
}

void PageRenderer::request(const QList<RenderRequest> &requests)
{
    QMutexLocker lock(&m_mutex);
    m_queue.clear();
    bool currentWanted = false;
    for (const RenderRequest &request : requests) {
        if (!request.document)
            continue;
        const PageKey key = keyOf(request);
        currentWanted = currentWanted || key == m_current;
        if (!m_busy.contains(key))
            m_queue.append(request);
    }
    if (!currentWanted)
        m_abortCurrent = true;
    if (m_queue.isEmpty() || m_workerRunning)
        return;
    m_workerRunning = true;
    lock.unlock();
    m_pool.start([this] { work(); });
}

void PageRenderer::cancelAll()
{
    QMutexLocker lock(&m_mutex);
    m_queue.clear();
    m_abortCurrent = true;
}

void PageRenderer::work()
{
    for (;;) {
        RenderRequest request;
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.isEmpty()) {
                m_workerRunning = false;
                return;
            }
            request = m_queue.takeFirst();
            m_current = keyOf(request);
            m_busy.insert(m_current);
            m_abortCurrent = false;
        }
        QImage image = request.document->render(request.page, request.scaleKey / 1000.0, request.region, &m_abortCurrent);
        const PageKey key = keyOf(request);
        request.document.reset(); // the last reference may go here, off the UI thread
        {
            QMutexLocker lock(&m_mutex);
            m_current = PageKey();
            if (m_abortCurrent) {
                m_busy.remove(key); // nobody wants it; a later request may ask again
                continue;
            }
        }
        image.setDevicePixelRatio(request.devicePixelRatio);
        QMetaObject::invokeMethod(
            this, [this, key, image] { deliver(key, image); }, Qt::QueuedConnection);
    }
}

void PageRenderer::deliver(const PageKey &key, const QImage &image)
{
    {
        QMutexLocker lock(&m_mutex);
        m_busy.remove(key);
    }
    Q_EMIT pageRendered(key.generation, key.page, key.scaleKey, image, key.tile);
}

} // namespace coauthor::app
