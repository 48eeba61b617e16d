#include "app/editors/imageviewer.h"

#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QResizeEvent>

namespace coauthor::app {

ImageViewer::ImageViewer(QWidget *parent)
    : QScrollArea(parent)
    , m_label(new QLabel(this))
{
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setBackgroundRole(QPalette::Base);
    setWidget(m_label);
    setWidgetResizable(true);
    setAlignment(Qt::AlignCenter);
}

bool ImageViewer::load(const QString &path)
{
    m_path = path;
    QImageReader reader(path);
    reader.setAutoTransform(true);
    m_image = reader.read();
    if (m_image.isNull()) {
        m_label->setPixmap({});
        m_label->setText(tr("Cannot show %1: %2").arg(QFileInfo(path).fileName(), reader.errorString()));
        return false;
    }
    m_label->setToolTip(tr("%1 × %2 pixels").arg(m_image.width()).arg(m_image.height()));
    rescale();
    return true;
}

void ImageViewer::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    rescale();
}

void ImageViewer::rescale()
{
    if (m_image.isNull())
        return;
    // Never enlarge a small figure (it would look blurry); shrink a large one to fit.
    const QSize avail = viewport()->size() - QSize(16, 16);
    QImage shown = m_image;
    if (m_image.width() > avail.width() || m_image.height() > avail.height())
        shown = m_image.scaled(avail.expandedTo(QSize(16, 16)), Qt::KeepAspectRatio, Qt::SmoothTransformation);
    m_label->setPixmap(QPixmap::fromImage(shown));
}

} // namespace coauthor::app
