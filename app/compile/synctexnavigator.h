// SyncTexNavigator: SyncTeX between the project and the last build's PDF:
// a project file and line to PDF rectangles (forward), a PDF point to a
// project file and line (inverse). Paths are mapped between the compile
// directory and the project folder. Given the PDF's words, both directions are
// word-level (compile::SyncTexWords): the caret's word is highlighted, a click puts the
// caret on the clicked word.
//
// The .synctex.gz of a long document takes tens of milliseconds to parse, so
// setBuild() returns at once and the parse runs on a pool thread a moment later,
// after the new PDF's first page has had the CPU. A query before then parses on
// the spot, or waits for the pool's parse if it is running. The parsed scanner is
// then used on the UI thread only.
#pragma once

#include "app/project/project.h"
#include "compile/synctexwords.h"

#include <QList>
#include <QPointF>
#include <QRectF>

#include <functional>
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

    // The words of a PDF page (1-based), as the view extracts them.
    using PageWords = std::function<QList<compile::PageWord>(int page)>;

    struct PdfLocation
    {
        int page = 0;
        QList<QRectF> rects; // SyncTeX's boxes of the line on that page
        QRectF word;         // the caret's word there; null when it was not found
    };
    // line and column are 1-based, as in the editor. With lineText (the line as the editor
    // has it) and words, the word under the caret is looked for inside the line's boxes.
    std::optional<PdfLocation> forward(const QString &relativePath, int line, int column = 0,
                                       const QString &lineText = QString(), const PageWords &words = {}) const;

    struct SourceLocation
    {
        QString file; // project-relative
        int line = 0;
        int column = 0; // 1-based; 0 when only the line is known
    };
    // With the words of that page, the clicked word is found in the source line SyncTeX
    // names (as it was compiled), or in the line before or after it (SyncTeX sometimes
    // names the next one), and column says where it starts.
    std::optional<SourceLocation> inverse(int page, QPointF point, const QList<compile::PageWord> &words = {}) const;

private:
    // The parsed build, once the background parse is taken up; null when none.
    const compile::SyncTex *synctex() const;

    struct Parse;
    // Puts location on the clicked word: its line and column in the compiled source file.
    void placeOnWord(SourceLocation *location, const QString &compiledFile, const QList<compile::PageWord> &words,
                     int clicked, int hintColumn) const;

    Project m_project;
    QString m_compileDir;
    mutable std::shared_ptr<Parse> m_parse; // the parse of the current build until it is taken up
    mutable std::shared_future<std::shared_ptr<compile::SyncTex>> m_pending;
    mutable std::shared_ptr<compile::SyncTex> m_synctex;
};

} // namespace coauthor::app
