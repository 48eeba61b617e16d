#include "app/ui/synctexnavigator.h"

#include "app/ui/problemmapper.h"
#include "compile/synctex.h"

#include <QDir>

namespace coauthor::app {

SyncTexNavigator::SyncTexNavigator() = default;
SyncTexNavigator::~SyncTexNavigator() = default;

void SyncTexNavigator::setBuild(const Project &project, const QString &pdfPath, const QString &compileDir)
{
    m_project = project;
    m_compileDir = compileDir;
    m_synctex.reset();
    if (!pdfPath.isEmpty())
        m_synctex = std::make_unique<compile::SyncTex>(pdfPath);
}

void SyncTexNavigator::clear()
{
    m_synctex.reset();
    m_compileDir.clear();
}

bool SyncTexNavigator::isValid() const
{
    return m_synctex && m_synctex->isValid();
}

std::optional<SyncTexNavigator::PdfLocation> SyncTexNavigator::forward(const QString &relativePath, int line,
                                                                        int column) const
{
    if (!isValid() || relativePath.isEmpty())
        return std::nullopt;
    // The compile directory mirrors the project, so the same relative path names the file there.
    const QList<compile::SyncTex::PdfBox> boxes
        = m_synctex->forward(QDir(m_compileDir).filePath(relativePath), line, column);
    if (boxes.isEmpty())
        return std::nullopt;
    PdfLocation location;
    location.page = boxes.first().page;
    for (const auto &box : boxes) {
        if (box.page == location.page)
            location.rects << box.rect;
    }
    return location;
}

std::optional<SyncTexNavigator::SourceLocation> SyncTexNavigator::inverse(int page, QPointF point) const
{
    if (!isValid())
        return std::nullopt;
    const auto source = m_synctex->inverse(page, point);
    if (!source)
        return std::nullopt;
    const QString file = ProblemMapper::projectPath(source->file, m_project, m_compileDir);
    if (file.isEmpty())
        return std::nullopt;
    return SourceLocation{file, source->line, source->column};
}

} // namespace coauthor::app
