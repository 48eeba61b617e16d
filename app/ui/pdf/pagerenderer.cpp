#include "app/ui/pdf/pagerenderer.h"

#include "app/ui/pdf/pdfdocument.h"

#include <QMutexLocker>

namespace coauthor::app {

namespace {
PageKey keyOf(const RenderRequest &request)
{
    return {request.document->generation(), request.page, request.scaleKey};
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
    for (const RenderRequest &request : requests) {
        if (request.document && !m_busy.contains(keyOf(request)))
            m_queue.append(request);
    }
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
            m_busy.insert(keyOf(request));
        }
        QImage image = request.document->render(request.page, request.scaleKey / 1000.0);
        image.setDevicePixelRatio(request.devicePixelRatio);
        const PageKey key = keyOf(request);
        request.document.reset(); // the last reference may go here, off the UI thread
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
    Q_EMIT pageRendered(key.generation, key.page, key.scaleKey, image);
}

} // namespace coauthor::app
