#include "app/search/searchfeature.h"

#include "app/editors/editortabs.h"
#include "app/project/textcodec.h"
#include "app/search/findinfilespanel.h"
#include "editor/latexeditor.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QMainWindow>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QtConcurrent/QtConcurrentRun>

namespace coauthor::app {

namespace {

// Matches listed in all: enough for any real replacement, few enough that a query like
// "e" in a thesis does not build a million rows.
constexpr int matchLimit = 10000;
// Files above this are not text anybody edits here (a generated table, a data dump).
constexpr qint64 maxFileBytes = 20 * 1024 * 1024;

struct Source
{
    QString path;
    QString text;    // the editor's, when it is open
    bool fromEditor; // else read from disk in the worker
};

} // namespace

SearchFeature::SearchFeature(EditorTabs *tabs, QMainWindow *window, QAction *findInFiles)
    : QObject(window)
    , m_tabs(tabs)
    , m_dock(new QDockWidget(tr("Find in Files"), window))
    , m_panel(new FindInFilesPanel(m_dock))
{
    m_dock->setObjectName(QStringLiteral("findInFilesDock"));
    m_dock->setWidget(m_panel);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();

    connect(findInFiles, &QAction::triggered, this, &SearchFeature::showDock);
    connect(m_panel, &FindInFilesPanel::searchRequested, this, &SearchFeature::search);
    connect(m_panel, &FindInFilesPanel::replaceSelectedRequested, this, &SearchFeature::replaceSelected);
    connect(m_panel, &FindInFilesPanel::replaceAllRequested, this, &SearchFeature::replaceAll);
    connect(m_panel, &FindInFilesPanel::matchActivated, this, &SearchFeature::openMatch);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &SearchFeature::onSearchDone);
}

SearchFeature::~SearchFeature()
{
    m_watcher.waitForFinished();
}

void SearchFeature::setProject(const Project &project)
{
    m_project = project;
    m_panel->setResults({}, 0, false);
    m_panel->setStatus(QString());
}

void SearchFeature::showDock()
{
    m_dock->show();
    m_dock->raise();
    QString selected;
    if (auto *e = m_tabs->currentEditor())
        selected = e->textCursor().selectedText();
    m_panel->focusFind(selected);
}

void SearchFeature::search()
{
    if (!m_project.isValid())
        return;
    if (m_watcher.isRunning()) {
        m_searchAgain = true;
        return;
    }
    QString error;
    const SearchQuery query = m_panel->query();
    const QRegularExpression pattern = query.pattern(&error);
    if (!pattern.isValid()) {
        m_panel->setResults({}, 0, false);
        m_panel->setStatus(error);
        return;
    }
    // The open editors' text is taken here, on the UI thread; the rest is read in the worker.
    QList<Source> sources;
    for (const QString &file : m_project.files()) {
        if (!Project::isTextFile(file))
            continue;
        if (auto *e = m_tabs->editorFor(file))
            sources.append({file, e->toPlainText(), true});
        else
            sources.append({file, QString(), false});
    }
    const QString root = m_project.rootPath();
    m_panel->setStatus(tr("Searching…"));
    m_watcher.setFuture(QtConcurrent::run([sources, pattern, root]() {
        Result result;
        for (const Source &source : sources) {
            QString text = source.text;
            if (!source.fromEditor) {
                QFile file(root + u'/' + source.path);
                if (file.size() > maxFileBytes || !file.open(QIODevice::ReadOnly))
                    continue;
                text = decodeText(file.readAll()).text;
            }
            const int room = matchLimit - int(result.matches.size());
            const QList<SearchMatch> found = findMatches(source.path, text, pattern, room + 1);
            if (found.isEmpty())
                continue;
            ++result.fileCount;
            result.matches.append(found.mid(0, room));
            if (found.size() > room) {
                result.truncated = true;
                break;
            }
        }
        return result;
    }));
}

void SearchFeature::onSearchDone()
{
    const Result result = m_watcher.result();
    if (m_searchAgain) {
        m_searchAgain = false;
        search();
        return;
    }
    m_panel->setResults(result.matches, result.fileCount, result.truncated);
    Q_EMIT finished();
}

int SearchFeature::replaceSelected()
{
    return replace(m_panel->selectedMatches());
}

int SearchFeature::replaceAll()
{
    return replace(m_panel->allMatches());
}

int SearchFeature::replace(const QList<SearchMatch> &matches)
{
    if (matches.isEmpty() || !m_project.isValid())
        return 0;
    const SearchQuery query = m_panel->query();
    const QRegularExpression pattern = query.pattern();
    if (!pattern.isValid())
        return 0;
    const QString replacement = m_panel->replacement();
    QHash<QString, QList<SearchMatch>> byFile;
    QStringList order;
    for (const SearchMatch &m : matches) {
        if (!byFile.contains(m.file))
            order.append(m.file);
        byFile[m.file].append(m);
    }
    QWidget *current = m_tabs->currentWidget();
    int replaced = 0;
    int files = 0;
    QStringList refused;
    for (const QString &file : std::as_const(order)) {
        // In its editor, opened if need be: the edit is then undoable, saved like any
        // other, and in a shared project the bridge sends it to the collaborators.
        auto *e = m_tabs->editorFor(file);
        if (!e) {
            QString error;
            e = qobject_cast<editor::LatexEditor *>(m_tabs->openFile(file, &error));
        }
        if (!e || e->isReadOnly()) {
            refused.append(file);
            continue;
        }
        const QList<TextReplacement> edits =
            replacementsFor(e->toPlainText(), byFile.value(file), pattern, replacement, query.regularExpression);
        if (edits.isEmpty())
            continue;
        QTextCursor cursor(e->document());
        cursor.beginEditBlock();
        for (const TextReplacement &r : edits) {
            cursor.setPosition(int(r.offset));
            cursor.setPosition(int(r.offset + r.length), QTextCursor::KeepAnchor);
            cursor.insertText(r.text);
        }
        cursor.endEditBlock();
        replaced += int(edits.size());
        ++files;
    }
    if (current)
        m_tabs->setCurrentWidget(current);
    QString text = tr("Replaced %n match(es)", nullptr, replaced) + u' ' + tr("in %n file(s).", nullptr, files);
    if (!refused.isEmpty())
        text += u' ' + tr("Not changed (read-only or not text): %1.").arg(refused.join(QStringLiteral(", ")));
    Q_EMIT message(text);
    search(); // what is left
    m_panel->setStatus(text);
    return replaced;
}

void SearchFeature::openMatch(const SearchMatch &match)
{
    editor::LatexEditor *e = m_tabs->openAt(match.file, match.line, match.column);
    if (!e)
        return;
    QTextCursor cursor = e->textCursor();
    const QTextBlock block = e->document()->findBlockByNumber(match.line - 1);
    if (!block.isValid())
        return;
    const int start = block.position() + match.column - 1;
    cursor.setPosition(start);
    cursor.setPosition(std::min(start + int(match.length), e->document()->characterCount() - 1), QTextCursor::KeepAnchor);
    e->setTextCursor(cursor);
    e->centerCursor();
}

} // namespace coauthor::app
