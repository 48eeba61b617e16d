// Test PDFs made with QPdfWriter: known text on known pages, so tests can assert on real files.
#pragma once

#include <QColor>
#include <QSizeF>
#include <QString>

namespace coauthor::app::test {

struct TestPdfOptions
{
    int pages = 5;
    QSizeF pageSizePoints = QSizeF(595.0, 842.0); // A4
    QString marker = QStringLiteral("Page");      // each page says "<marker> N", N 1-based
    bool drawing = true;                          // some vector shapes per page
    QColor ink = Qt::black;
};

// Writes the PDF; returns false when it could not be written.
bool writeTestPdf(const QString &path, const TestPdfOptions &options = {});

} // namespace coauthor::app::test
