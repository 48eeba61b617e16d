// SyncTexNavigator: SyncTeX between the project and the last build's PDF:
// a project file and line to PDF rectangles (forward), a PDF point to a
// project file and line (inverse). Paths are mapped between the compile
// directory and the project folder.
//
// The .synctex.gz of a long document takes tens of milliseconds to parse, so
// setBuild() returns at once and the parse runs on a pool thread a moment later,
// after the new PDF's first page has had the CPU. A query before then parses on
// the spot, or waits for the pool's parse if it is running. The parsed scanner is
// then used on the UI thread only.
#pragma once

#include "app/project/project.h"

#include <QList>
#include <QPointF>
#include <QRectF>

#include <future>
#include <memory>
#include <optional>

namespace coauthor::compile {
class SyncTex;
}

namespace coauthor::app {

class SyncTexNavigator
{
public:
    SyncTexNavigator();
    ~SyncTexNavigator();

    // The build to navigate: its PDF (with the .synctex.gz beside it) and compile directory.
    void setBuild(const Project &project, const QString &pdfPath, const QString &compileDir);
    void clear();
    bool isValid() const;

    struct PdfLocation
    {
        int page = 0;
        QList<QRectF> rects;
    };
    std::optional<PdfLocation> forward(const QString &relativePath, int line, int column = 0) const;

    struct SourceLocation
    {
        QString file; // project-relative
        int line = 0;
        int column = 0;
    };
    std::optional<SourceLocation> inverse(int page, QPointF point) const;

private:
    // The parsed build, once the background parse is taken up; null when none.
    const compile::SyncTex *synctex() const;

    struct Parse;

    Project m_project;
    QString m_compileDir;
    mutable std::shared_ptr<Parse> m_parse; // the parse of the current build until it is taken up
    mutable std::shared_future<std::shared_ptr<compile::SyncTex>> m_pending;
    mutable std::shared_ptr<compile::SyncTex> m_synctex;
};

} // namespace coauthor::app
