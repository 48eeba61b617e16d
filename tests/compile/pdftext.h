#pragma once

// The text of a PDF as Poppler extracts it, whitespace simplified, and its page count (tests only).
#include <QRectF>
#include <QString>

#include <poppler-qt6.h>

#include <memory>

namespace coauthor::compile::test {

inline QString pdfText(const QString &pdfPath)
{
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::load(pdfPath);
    if (!document)
        return QString();
    QString text;
    for (int i = 0; i < document->numPages(); ++i) {
        const std::unique_ptr<Poppler::Page> page = document->page(i);
        text += page->text(QRectF()) + u'\n';
    }
    return text.simplified();
}

inline int pdfPageCount(const QString &pdfPath)
{
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::load(pdfPath);
    return document ? document->numPages() : 0;
}

} // namespace coauthor::compile::test
