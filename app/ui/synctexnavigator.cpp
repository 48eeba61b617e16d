#include "app/ui/synctexnavigator.h"

#include "app/ui/problemmapper.h"
#include "compile/synctex.h"

#include <QDir>
#include <QThreadPool>

namespace coauthor::app {

SyncTexNavigator::SyncTexNavigator() = default;
SyncTexNavigator::~SyncTexNavigator() = default;

void SyncTexNavigator::setBuild(const Project &project, const QString &pdfPath, const QString &compileDir)
{
    m_project = project;
    m_compileDir = compileDir;
    // Freeing the previous build's scanner costs about as much as parsing; the job does it too.
    auto previous = std::move(m_synctex);
    auto previousPending = std::move(m_pending);
    m_synctex.reset();
    m_pending = {};
    if (pdfPath.isEmpty()) {
        if (previous || previousPending.valid())
            QThreadPool::globalInstance()->start(
                [previous = std::move(previous), previousPending = std::move(previousPending)]() mutable {
                    previous.reset();
                    previousPending = {};
                });
        return;
    }
    // The job keeps the promise alive; a build replaced before its parse ends is simply dropped.
    auto promise = std::make_shared<std::promise<std::shared_ptr<compile::SyncTex>>>();
    m_pending = promise->get_future().share();
    // Moved into the job, so the last reference to the previous build is dropped there.
    QThreadPool::globalInstance()->start([promise, pdfPath, previous = std::move(previous),
                                             previousPending = std::move(previousPending)]() mutable {
        // A parse still running keeps its own result alive and frees it on its own thread.
        previous.reset();
        previousPending = {};
        promise->set_value(std::make_shared<compile::SyncTex>(pdfPath));
    });
}

void SyncTexNavigator::clear()
{
    m_synctex.reset();
    m_pending = {};
    m_compileDir.clear();
}

const compile::SyncTex *SyncTexNavigator::synctex() const
{
    if (m_pending.valid()) {
        m_synctex = m_pending.get();
        m_pending = {};
    }
    return m_synctex.get();
}

bool SyncTexNavigator::isValid() const
{
    const compile::SyncTex *synctex = this->synctex();
    return synctex && synctex->isValid();
}

std::optional<SyncTexNavigator::PdfLocation> SyncTexNavigator::forward(
    const QString &relativePath, int line, int column) const
{
    if (!isValid() || relativePath.isEmpty())
        return std::nullopt;
    // The compile directory mirrors the project, so the same relative path names the file there.
    const QList<compile::SyncTex::PdfBox> boxes
        = synctex()->forward(QDir(m_compileDir).filePath(relativePath), line, column);
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
    const auto source = synctex()->inverse(page, point);
    if (!source)
        return std::nullopt;
    const QString file = ProblemMapper::projectPath(source->file, m_project, m_compileDir);
    if (file.isEmpty())
        return std::nullopt;
    return SourceLocation { file, source->line, source->column };
}

} // namespace coauthor::app
