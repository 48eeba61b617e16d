#include "testpdf.h"

#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace coauthor::app::test {

bool writeTestPdf(const QString &path, const TestPdfOptions &options)
{
    QPdfWriter writer(path);
    writer.setResolution(72); // painter units are PDF points
    writer.setPageSize(QPageSize(options.pageSizePoints, QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(18);
    painter.setFont(font);
    for (int page = 1; page <= options.pages; ++page) {
        if (page > 1)
            writer.newPage();
        painter.setPen(options.ink);
        painter.drawText(QPointF(72, 100), QStringLiteral("%1 %2").arg(options.marker).arg(page));
        // A unique word per page for search tests.
        painter.drawText(QPointF(72, 300), QStringLiteral("needle%1 haystack").arg(page));
        if (options.drawing) {
            painter.setPen(QPen(QColor(30, 60, 160), 2));
            painter.setBrush(QColor(200, 220, 255));
            painter.drawRect(QRectF(72, 400, 200, 120));
            painter.drawEllipse(QRectF(300, 400, 150, 150));
            for (int i = 0; i < 20; ++i)
                painter.drawLine(QPointF(72, 600 + i * 8), QPointF(500, 600 + i * 8 + (i % 3) * 4));
        }
    }
    return painter.end();
}

} // namespace coauthor::app::test
