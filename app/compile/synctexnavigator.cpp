#include "app/compile/synctexnavigator.h"

#include "app/compile/problemmapper.h"
#include "compile/synctex.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

namespace coauthor::app {

SyncTexNavigator::SyncTexNavigator() = default;
SyncTexNavigator::~SyncTexNavigator() = default;

namespace {

// How long the parse waits after setBuild(): enough for the first page of the new PDF to
// be rendered and painted without a parse competing for the CPU.
constexpr int kParseDelayMs = 250;

} // namespace

// One build's parse, run once: by the pool after the delay, or by an early query.
struct SyncTexNavigator::Parse
{
    QString pdfPath;
    std::atomic<bool> claimed { false };
    std::promise<std::shared_ptr<compile::SyncTex>> promise;

    void run()
    {
        if (!claimed.exchange(true))
            promise.set_value(std::make_shared<compile::SyncTex>(pdfPath));
    }
};

void SyncTexNavigator::setBuild(const Project &project, const QString &pdfPath, const QString &compileDir)
{
    m_project = project;
    m_compileDir = compileDir;
    // Freeing the previous build's scanner costs about as much as parsing; a pool thread does it.
    // (A parse still running keeps its own result alive and frees it on its own thread.)
    auto previous = std::move(m_synctex);
    m_synctex.reset();
    m_pending = {};
    m_parse.reset();
    if (previous)
        QThreadPool::globalInstance()->start(
            [previous = std::move(previous)]() mutable { previous.reset(); });
    if (pdfPath.isEmpty())
        return;
    auto parse = std::make_shared<Parse>();
    parse->pdfPath = pdfPath;
    m_pending = parse->promise.get_future().share();
    m_parse = parse;
    // The timer's lambda holds no pointer to this navigator, only the parse.
    QTimer::singleShot(kParseDelayMs, QCoreApplication::instance(), [parse] {
        if (!parse->claimed)
            QThreadPool::globalInstance()->start([parse] { parse->run(); });
    });
}

void SyncTexNavigator::clear()
{
    m_synctex.reset();
    m_pending = {};
    m_parse.reset();
    m_compileDir.clear();
}

const compile::SyncTex *SyncTexNavigator::synctex() const
{
    if (m_pending.valid()) {
        m_parse->run(); // parses here unless the pool has started it already
        m_synctex = m_pending.get();
        m_pending = {};
        m_parse.reset();
    }
    return m_synctex.get();
}

bool SyncTexNavigator::isValid() const
{
    const compile::SyncTex *synctex = this->synctex();
    return synctex && synctex->isValid();
}

std::optional<SyncTexNavigator::PdfLocation> SyncTexNavigator::forward(
    const QString &relativePath, int line, int column, const QString &lineText, const PageWords &words) const
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
    int start = 0;
    const QString word = compile::SyncTexWords::wordAt(lineText, column - 1, &start);
    if (!word.isEmpty() && words) {
        const QList<compile::PageWord> pageWords = words(location.page);
        const int index = compile::SyncTexWords::wordInBoxes(
            pageWords, location.rects, word, compile::SyncTexWords::wordBefore(lineText, start),
            compile::SyncTexWords::wordAfter(lineText, start),
            compile::SyncTexWords::occurrencesBefore(lineText, word, start));
        if (index >= 0)
            location.word = pageWords.at(index).rect;
    }
    return location;
}

std::optional<SyncTexNavigator::SourceLocation> SyncTexNavigator::inverse(int page, QPointF point,
                                                                         const QList<compile::PageWord> &words) const
{
    if (!isValid())
        return std::nullopt;
    const auto source = synctex()->inverse(page, point);
    if (!source)
        return std::nullopt;
    const QString file = ProblemMapper::projectPath(source->file, m_project, m_compileDir);
    if (file.isEmpty())
        return std::nullopt;
    SourceLocation location { file, source->line, source->column };
    const int clicked = compile::SyncTexWords::wordAtPoint(words, point);
    if (clicked >= 0)
        placeOnWord(&location, source->file, words, clicked, source->column > 0 ? source->column - 1 : -1);
    return location;
}

void SyncTexNavigator::placeOnWord(SourceLocation *location, const QString &compiledFile,
                                   const QList<compile::PageWord> &words, int clicked, int hintColumn) const
{
    // The file as it was compiled, which is what the PDF shows (the editor may have moved on);
    // the project's file when it was compiled elsewhere (a server's worker).
    QFile file(QFileInfo::exists(compiledFile) ? compiledFile : m_project.absolutePath(location->file));
    if (!file.open(QIODevice::ReadOnly) || file.size() > 16 * 1024 * 1024)
        return;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    const auto place = compile::SyncTexWords::findClicked(lines, location->line, words, clicked, hintColumn);
    if (place) {
        location->line = place->line;
        location->column = place->column + 1;
    }
}

} // namespace coauthor::app
