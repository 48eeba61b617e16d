#include "app/pdf/pdfdocument.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QMutexLocker>

#include <poppler-qt6.h>

#include <atomic>
#include <mutex>

namespace coauthor::app {

namespace {
std::atomic<quint64> nextGeneration{1};

// Poppler reports every oddity of a broken file on stderr by default; a half-written PDF during
// a compile is normal here, so its messages go to a category that is quiet unless enabled.
Q_LOGGING_CATEGORY(lcPoppler, "coauthor.pdf.poppler", QtWarningMsg)

void installPopplerMessageHandler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poppler::setDebugErrorFunction(
            [](const QString &message, const QVariant &) { qCDebug(lcPoppler).noquote() << message; }, QVariant());
    });
}

QString tr(const char *text)
{
    return QCoreApplication::translate("coauthor::app::PdfDocument", text);
}
} // namespace

PdfDocument::LoadResult PdfDocument::load(const QString &path)
{
    installPopplerMessageHandler();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {nullptr, tr("Cannot open %1: %2").arg(path, file.errorString())};
    const QByteArray data = file.readAll();
    if (data.isEmpty())
        return {nullptr, tr("%1 is empty.").arg(path)};

    std::unique_ptr<Poppler::Document> poppler = Poppler::Document::loadFromData(data);
    if (!poppler)
        return {nullptr, tr("%1 is not a readable PDF file.").arg(path)};
    if (poppler->isLocked())
        return {nullptr, tr("%1 is password protected.").arg(path)};
    const int pages = poppler->numPages();
    if (pages <= 0)
        return {nullptr, tr("%1 has no pages.").arg(path)};

    poppler->setRenderHint(Poppler::Document::Antialiasing, true);
    poppler->setRenderHint(Poppler::Document::TextAntialiasing, true);
    poppler->setRenderHint(Poppler::Document::TextHinting, true);
    poppler->setRenderHint(Poppler::Document::TextSlightHinting, true);
    poppler->setPaperColor(Qt::white);

    std::shared_ptr<PdfDocument> document(new PdfDocument);
    document->m_pageSizes.reserve(pages);
    for (int i = 0; i < pages; ++i) {
        std::unique_ptr<Poppler::Page> page = poppler->page(i);
        // A page Poppler cannot parse still takes a place in the column, at A4 size.
        const QSizeF size = page ? page->pageSizeF() : QSizeF(595.0, 842.0);
        document->m_pageSizes.append(size.isEmpty() ? QSizeF(595.0, 842.0) : size);
        document->m_maxPageSize = document->m_maxPageSize.expandedTo(document->m_pageSizes.last());
    }
    document->m_poppler = std::move(poppler);
    document->m_path = path;
    document->m_generation = nextGeneration.fetch_add(1);
    return {document, {}};
}

PdfDocument::~PdfDocument() = default;

QImage PdfDocument::render(int page, double scale, const QRect &region, const std::atomic<bool> *abort) const
{
    if (page < 0 || page >= pageCount() || scale <= 0.0)
        return {};
    QMutexLocker lock(&m_mutex);
    std::unique_ptr<Poppler::Page> p = m_poppler->page(page);
    if (!p)
        return {};
    const int x = region.isNull() ? -1 : region.x();
    const int y = region.isNull() ? -1 : region.y();
    const int w = region.isNull() ? -1 : region.width();
    const int h = region.isNull() ? -1 : region.height();
    if (!abort)
        return p->renderToImage(72.0 * scale, 72.0 * scale, x, y, w, h);
    // Poppler polls this while it renders; the flag travels as an address in the payload.
    const auto shouldAbort = [](const QVariant &payload) {
        return reinterpret_cast<const std::atomic<bool> *>(payload.value<quintptr>())->load();
    };
    QImage image = p->renderToImage(72.0 * scale, 72.0 * scale, x, y, w, h, Poppler::Page::Rotate0, nullptr,
                                    nullptr, shouldAbort, QVariant::fromValue(reinterpret_cast<quintptr>(abort)));
    return abort->load() ? QImage() : image;
}

QList<PdfWord> PdfDocument::words(int page) const
{
    if (page < 0 || page >= pageCount())
        return {};
    QMutexLocker lock(&m_mutex);
    std::unique_ptr<Poppler::Page> p = m_poppler->page(page);
    if (!p)
        return {};
    QList<PdfWord> words;
    for (const std::unique_ptr<Poppler::TextBox> &box : p->textList())
        words.append({box->text(), box->boundingBox()});
    return words;
}

QList<QRectF> PdfDocument::search(int page, const QString &text) const
{
    if (page < 0 || page >= pageCount() || text.isEmpty())
        return {};
    QMutexLocker lock(&m_mutex);
    std::unique_ptr<Poppler::Page> p = m_poppler->page(page);
    if (!p)
        return {};
    return p->search(text, Poppler::Page::IgnoreCase);
}

} // namespace coauthor::app
