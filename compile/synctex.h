#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <memory>
#include <optional>

namespace coauthor::compile {

// SyncTeX lookups on a build's output.synctex.gz (through libsynctex): source line to
// PDF rectangles and back. Coordinates are PDF points from the page's top-left corner;
// pages and lines are 1-based. Thread-safe (queries are serialized).
class SyncTex
{
public:
    // Finds output.synctex.gz (or .synctex) beside the PDF.
    explicit SyncTex(const QString &pdfPath);
    ~SyncTex();
    SyncTex(const SyncTex &) = delete;
    SyncTex &operator=(const SyncTex &) = delete;

    bool isValid() const;

    struct PdfBox
    {
        int page;
        QRectF rect;
    };
    // file: absolute (inside the compile dir) or relative to the compile dir.
    QList<PdfBox> forward(const QString &file, int line, int column = 0) const;

    struct SourcePoint
    {
        QString file; // absolute, inside the compile dir
        int line;
        int column; // 0 when unknown (TeX rarely records columns)
    };
    std::optional<SourcePoint> inverse(int page, QPointF point) const;

    // The source files SyncTeX knows, as absolute paths.
    QStringList inputFiles() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace coauthor::compile
