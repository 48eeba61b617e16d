#include "app/history/historyfeature.h"

#include "app/editors/editortabs.h"
#include "app/history/historypanel.h"
#include "app/history/historyrecorder.h"
#include "app/history/localhistory.h"
#include "app/history/sharedhistory.h"
#include "app/history/versionview.h"
#include "sync/history/zipwriter.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QMainWindow>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QTimer>

#include <memory>

namespace coauthor::app {

namespace h = sync::history;

namespace {

constexpr int pageSize = 100;

// paths, with those under folder (a restored folder) named once as the folder: "chapters (3 files)".
QString joined(const QStringList &paths, const QString &folder)
{
    if (folder.isEmpty())
        return paths.join(QStringLiteral(", "));
    QStringList out;
    int inFolder = 0;
    for (const QString &path : paths) {
        if (path.startsWith(folder + u'/'))
            ++inFolder;
        else
            out << path;
    }
    if (inFolder > 0)
        out.prepend(HistoryFeature::tr("%1 (%n file(s))", nullptr, inFolder).arg(folder));
    return out.join(QStringLiteral(", "));
}

QString summary(const ProjectRestorer::Outcome &outcome, const QString &folder = {})
{
    QStringList parts;
    if (!outcome.changed.isEmpty())
        parts << HistoryFeature::tr("restored %1").arg(joined(outcome.changed, folder));
    if (!outcome.undeleted.isEmpty())
        parts << HistoryFeature::tr("brought back %1 with its history").arg(joined(outcome.undeleted, folder));
    if (!outcome.recreated.isEmpty())
        parts << HistoryFeature::tr("created again %1").arg(joined(outcome.recreated, folder));
    if (!outcome.renamed.isEmpty())
        parts << HistoryFeature::tr("renamed back %1").arg(outcome.renamed.join(QStringLiteral(", ")));
    if (!outcome.removed.isEmpty())
        parts << HistoryFeature::tr("removed %1").arg(outcome.removed.join(QStringLiteral(", ")));
    if (!outcome.failed.isEmpty())
        parts << HistoryFeature::tr("could not restore %1").arg(outcome.failed.join(QStringLiteral(", ")));
    if (parts.isEmpty())
        return folder.isEmpty() ? HistoryFeature::tr("Nothing to restore: the files are as they were then.")
                                : HistoryFeature::tr("Nothing to restore: the files of %1 are as they were then.").arg(folder);
    return HistoryFeature::tr("History: %1 (Undo in each file takes it back).").arg(parts.join(QStringLiteral("; ")));
}

} // namespace

HistoryFeature::HistoryFeature(EditorTabs *tabs, const Placement &placement)
    : QObject(placement.window)
    , m_tabs(tabs)
    , m_place(placement)
    , m_dock(new QDockWidget(tr("History"), placement.window))
    , m_panel(new HistoryPanel(m_dock))
    , m_local(new LocalHistory(this))
    , m_recorder(new HistoryRecorder(tabs, m_local, this))
    , m_refreshSoon(new QTimer(this))
{
    m_dock->setObjectName(QStringLiteral("historyDock"));
    m_dock->setWidget(m_panel);
    placement.window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();
    m_panel->setNameOf([this](const h::Author &author) {
        const QString name = m_source ? m_source->authorName(author) : author.name;
        return name.isEmpty() ? tr("Unknown") : name;
    });
    m_recorder->setRecordingCheck([this] { return !m_place.isShared || !m_place.isShared(); });

    m_refreshSoon->setSingleShot(true);
    m_refreshSoon->setInterval(1000);
    connect(m_refreshSoon, &QTimer::timeout, this, &HistoryFeature::refresh);
    if (placement.showHistory)
        connect(placement.showHistory, &QAction::triggered, this, &HistoryFeature::showDock);
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            refresh();
    });
    connect(m_local, &LocalHistory::failed, this, &HistoryFeature::message);

    connect(m_panel, &HistoryPanel::selectionChanged, this, &HistoryFeature::onSelectionChanged);
    connect(m_panel, &HistoryPanel::fileChosen, this, &HistoryFeature::showCurrentFile);
    connect(m_panel, &HistoryPanel::loadMoreRequested, this, &HistoryFeature::loadMore);
    connect(m_panel, &HistoryPanel::restoreFileRequested, this, [this] {
        restoreFile(m_panel->currentFile(), m_panel->selection().restoreVersion);
    });
    connect(m_panel, &HistoryPanel::restoreFolderRequested, this, [this] {
        const HistoryPanel::Selection s = m_panel->selection();
        // One change selected: its folder as it was after it, or, when the change deleted
        // the folder, as it was before.
        restoreFolder(m_panel->currentFolder(), s.restoreVersion, s.compare ? -1 : s.fromVersion);
    });
    connect(m_panel, &HistoryPanel::restoreProjectRequested, this, [this] {
        const auto answer = QMessageBox::question(
            m_place.window, tr("Restore Project"),
            tr("Bring every file of the project back as it was at this version? Files made since are removed; "
               "each restored file can be taken back with Undo."));
        if (answer == QMessageBox::Yes)
            restoreProject(m_panel->selection().restoreVersion);
    });
    connect(m_panel, &HistoryPanel::addLabelRequested, this, &HistoryFeature::askLabel);
    connect(m_panel, &HistoryPanel::downloadRequested, this, &HistoryFeature::askDownload);
    connect(m_panel, &HistoryPanel::searchRequested, this, &HistoryFeature::searchHistory);
    connect(m_panel, &HistoryPanel::searchHitActivated, this,
            [this](const QString &path, qint64 from, qint64 to) {
                {
                    const QSignalBlocker blocker(m_panel);
                    m_panel->selectVersions({to});
                    m_panel->setFiles({path}, path);
                }
                showDiff(path, from, to);
            });
}

HistoryFeature::~HistoryFeature()
{
    shutdown();
}

void HistoryFeature::shutdown()
{
    m_recorder->stop();
    m_local->close();
}

void HistoryFeature::useSource(HistorySource *source)
{
    if (m_source)
        disconnect(m_source, &HistorySource::changed, this, nullptr);
    m_source = source;
    m_panel->clear();
    m_nextBefore = 0;
    if (!m_source) {
        m_panel->setStatus(m_project.isValid() ? tr("This shared project's history is on its server: it shows here "
                                                    "while the project is connected.")
                                               : QString());
        return;
    }
    m_panel->setStatus(QString());
    connect(m_source, &HistorySource::changed, this, [this] {
        if (m_dock->isVisible() && !m_refreshSoon->isActive())
            m_refreshSoon->start();
    });
    if (m_dock->isVisible())
        refresh();
}

void HistoryFeature::setProject(const Project &project)
{
    m_recorder->stop();
    m_local->close();
    m_project = project;
    const bool shared = project.isValid() && m_place.isShared && m_place.isShared();
    if (project.isValid() && !shared) {
        m_local->open(project.rootPath(), m_place.authorName ? m_place.authorName() : QString());
        m_recorder->start();
    }
    // A shared project's local history, if it had one before it was shared, stays in its folder, unread.
    chooseSource();
}

void HistoryFeature::chooseSource()
{
    const bool shared = m_project.isValid() && m_place.isShared && m_place.isShared();
    sync::SyncClient *client = shared && m_place.sharedClient ? m_place.sharedClient() : nullptr;
    if (m_shared && m_shared->client() != client) {
        if (m_source == m_shared)
            useSource(nullptr);
        delete m_shared;
        m_shared = nullptr;
    }
    if (client && !m_shared) {
        m_shared = new SharedHistory(client, this);
        m_shared->setOwnName(m_place.authorName ? m_place.authorName() : QString());
    }
    HistorySource *wanted = !m_project.isValid() ? nullptr : shared ? static_cast<HistorySource *>(m_shared) : m_local;
    if (wanted != m_source || !wanted)
        useSource(wanted);
}

void HistoryFeature::fileCreated(const QString &path)
{
    m_recorder->fileCreated(path);
}

void HistoryFeature::pathRenamed(const QString &from, const QString &to)
{
    m_recorder->pathRenamed(from, to);
}

void HistoryFeature::pathRemoved(const QString &path)
{
    m_recorder->pathRemoved(path);
}

void HistoryFeature::fileChangedOnDisk(const QString &path)
{
    m_recorder->fileChangedOnDisk(path);
}

void HistoryFeature::showDock()
{
    chooseSource();
    m_dock->show();
    m_dock->raise();
    refresh();
}

QString HistoryFeature::describeError(const sync::ServiceError &error) const
{
    return tr("The history could not be read: %1").arg(error.message.isEmpty() ? error.code : error.message);
}

void HistoryFeature::refresh()
{
    if (!m_source)
        return;
    m_recorder->flush(); // what was typed a moment ago is in the list too
    QPointer<HistorySource> source = m_source;
    m_source->changes({}, 0, pageSize, [this, source](const auto &page) {
        if (source != m_source)
            return;
        if (!page) {
            m_panel->setStatus(describeError(page.error()));
            return;
        }
        m_source->labels([this, source, page = page.value()](const auto &labels) {
            if (source != m_source)
                return;
            const QList<qint64> selected = m_panel->selectedVersions();
            {
                const QSignalBlocker blocker(m_panel);
                m_panel->setChanges(page.changes, labels ? labels.value() : QList<h::Label>(), page.currentVersion,
                                    page.nextBefore > 0);
                if (!selected.isEmpty())
                    m_panel->selectVersions(selected);
            }
            m_nextBefore = page.nextBefore;
            const QString none = tr("No changes yet: edits to this project are listed here as you make them.");
            if (page.changes.isEmpty())
                m_panel->setStatus(none);
            else if (m_panel->status() == none)
                m_panel->setStatus(QString());
            if (m_panel->selectedVersions() != selected)
                onSelectionChanged();
            Q_EMIT refreshed();
        });
    });
}

void HistoryFeature::loadMore()
{
    if (!m_source || m_nextBefore <= 0)
        return;
    QPointer<HistorySource> source = m_source;
    m_source->changes({}, m_nextBefore, pageSize, [this, source](const auto &page) {
        if (source != m_source || !page)
            return;
        m_source->labels([this, source, page = page.value()](const auto &labels) {
            if (source != m_source)
                return;
            m_panel->setChanges(page.changes, labels ? labels.value() : QList<h::Label>(), page.currentVersion,
                                page.nextBefore > 0, true);
            m_nextBefore = page.nextBefore;
        });
    });
}

void HistoryFeature::onSelectionChanged()
{
    const HistoryPanel::Selection s = m_panel->selection();
    if (!s.valid)
        return;
    QString chosen = m_panel->currentFile();
    if (!s.files.contains(chosen))
        chosen = s.files.contains(m_tabs->currentFile()) ? m_tabs->currentFile() : s.files.value(0);
    m_panel->setFiles(s.files, chosen);
    showCurrentFile();
}

void HistoryFeature::showCurrentFile()
{
    const HistoryPanel::Selection s = m_panel->selection();
    const QString path = m_panel->currentFile();
    if (!s.valid)
        return;
    if (path.isEmpty()) {
        m_panel->versionView()->showText(tr("No file changed between these versions."));
        m_panel->setLegend({});
        Q_EMIT versionShown();
        return;
    }
    showDiff(path, s.fromVersion, s.toVersion);
}

void HistoryFeature::showDiff(const QString &path, qint64 fromVersion, qint64 toVersion)
{
    if (!m_source)
        return;
    const int generation = ++m_generation;
    m_source->diff(path, fromVersion, toVersion, [this, generation](const auto &diff) {
        if (generation != m_generation)
            return;
        if (!diff) {
            m_panel->versionView()->showText(describeError(diff.error()));
            m_panel->setLegend({});
        } else if (diff.value().binary) {
            const h::Diff &d = diff.value();
            m_panel->versionView()->showText(
                d.sha256To.isEmpty() ? tr("%1 was removed.").arg(d.path)
                : d.sha256From.isEmpty() ? tr("%1 was added (a binary file).").arg(d.path)
                                         : tr("%1 has new content (a binary file).").arg(d.path));
            m_panel->setLegend({});
        } else {
            m_panel->versionView()->showDiff(diff.value());
            m_panel->setLegend(diff.value().authors);
        }
        Q_EMIT versionShown();
    });
}

void HistoryFeature::restoreFile(const QString &path, qint64 version)
{
    if (!m_source || path.isEmpty())
        return;
    m_recorder->flush();
    VersionLoader::load(m_source, version, {path}, this, [this, path, version](const auto &loaded) {
        if (!loaded)
            finishRestore(describeError(loaded.error()));
        else if (loaded.value().files.isEmpty())
            finishRestore(tr("%1 did not exist at that version.").arg(path));
        else
            restoreLoaded(loaded.value(), false);
    });
}

void HistoryFeature::restoreFolder(const QString &folder, qint64 version, qint64 versionBefore)
{
    if (!m_source || folder.isEmpty())
        return;
    m_recorder->flush();
    // The folder's files at that version from its tree, then only those are read.
    m_source->treeAt(version, [this, folder, version, versionBefore, source = QPointer<HistorySource>(m_source)](
                                  const auto &tree) {
        if (!tree) {
            finishRestore(describeError(tree.error()));
            return;
        }
        QStringList paths;
        for (const auto &entry : tree.value().entries) {
            if (entry.kind != sync::TreeEntry::Kind::Folder && entry.path.startsWith(folder + u'/'))
                paths << entry.path;
        }
        if (paths.isEmpty() && versionBefore >= 0 && versionBefore != version) {
            restoreFolder(folder, versionBefore);
            return;
        }
        if (paths.isEmpty() || !source) {
            finishRestore(tr("%1 had no files at that version.").arg(folder));
            return;
        }
        VersionLoader::load(source, version, paths, this, [this, folder](const auto &loaded) {
            if (loaded)
                restoreLoaded(loaded.value(), false, folder);
            else
                finishRestore(describeError(loaded.error()));
        });
    });
}

void HistoryFeature::restoreProject(qint64 version)
{
    if (!m_source)
        return;
    m_recorder->flush();
    VersionLoader::load(m_source, version, {}, this, [this](const auto &loaded) {
        if (loaded)
            restoreLoaded(loaded.value(), true);
        else
            finishRestore(describeError(loaded.error()));
    });
}

void HistoryFeature::restoreLoaded(VersionLoader::Loaded loaded, bool wholeProject, const QString &folder)
{
    // Deleted since: the source brings each back as the same file with its history
    // (a shared project's server); where it cannot (the local history, an older
    // server), ProjectRestorer creates it again. One after the other, then the rest.
    QSet<QString> alive;
    for (const auto &entry : std::as_const(loaded.latest.entries))
        alive.insert(entry.entryId);
    auto state = std::make_shared<std::pair<VersionLoader::Loaded, ProjectRestorer::Outcome>>();
    state->first = std::move(loaded);
    auto deleted = std::make_shared<QList<VersionFile>>();
    for (const VersionFile &file : std::as_const(state->first.files)) {
        if (!alive.contains(file.entry.entryId))
            deleted->append(file);
    }
    // Each answer holds the step (strongly); the step itself only weakly, so nothing
    // is left behind when an answer never comes (the source went).
    auto next = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> step = next;
    QPointer<HistorySource> source = m_source;
    *next = [this, state, deleted, step, source, wholeProject, folder] {
        if (deleted->isEmpty() || !source) {
            ProjectRestorer::Outcome outcome = ProjectRestorer(m_tabs, m_project.rootPath(), m_place.tree)
                                                   .restore(state->first, wholeProject);
            outcome.undeleted = state->second.undeleted;
            outcome.failed += state->second.failed;
            finishRestore(summary(outcome, folder));
            return;
        }
        const VersionFile file = deleted->takeFirst();
        source->restoreDeleted(file.entry.path, state->first.version, [this, state, next = step.lock(), file](const auto &back) {
            if (back || back.error().code != QLatin1String("not_supported")) {
                // Not for ProjectRestorer any more: back as the same file, or refused for a reason.
                state->first.files.removeIf([&](const VersionFile &f) { return f.entry.entryId == file.entry.entryId; });
                if (!back)
                    state->second.failed << file.entry.path + QStringLiteral(": ") + describeError(back.error());
                else if (back.value() == file.entry.path)
                    state->second.undeleted << file.entry.path;
                else
                    state->second.undeleted << file.entry.path + QStringLiteral(" → ") + back.value();
            }
            (*next)();
        });
    };
    (*next)();
}

void HistoryFeature::finishRestore(const QString &text)
{
    m_recorder->flush(); // the restore is a change of its own, whatever is typed next
    m_panel->setStatus(text);
    Q_EMIT message(text);
    Q_EMIT restored(text);
}

void HistoryFeature::askLabel()
{
    const HistoryPanel::Selection s = m_panel->selection();
    bool ok = false;
    const QString name = QInputDialog::getText(m_place.window, tr("Add Label"),
                                               s.valid ? tr("Name this version (e.g. “Submitted to the journal”):")
                                                       : tr("Name the project as it is now:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok && !name.trimmed().isEmpty())
        addLabel(name.trimmed(), s.valid ? s.toVersion : -1);
}

void HistoryFeature::addLabel(const QString &name, qint64 version)
{
    if (!m_source)
        return;
    m_recorder->flush();
    m_source->addLabel(name, version, [this](const auto &label) {
        if (!label) {
            m_panel->setStatus(describeError(label.error()));
            return;
        }
        m_panel->setStatus(tr("Label “%1” added.").arg(label.value().name));
        refresh();
        Q_EMIT labelAdded();
    });
}

void HistoryFeature::askDownload()
{
    const HistoryPanel::Selection s = m_panel->selection();
    const QString proposed = QDir(QDir::homePath()).filePath(m_project.name() + QStringLiteral("-v%1.zip").arg(s.restoreVersion));
    const QString file = QFileDialog::getSaveFileName(m_place.window, tr("Download This Version"), proposed,
                                                      tr("Zip archives (*.zip)"));
    if (!file.isEmpty())
        downloadZip(s.restoreVersion, file);
}

void HistoryFeature::downloadZip(qint64 version, const QString &file)
{
    if (!m_source)
        return;
    m_recorder->flush();
    VersionLoader::load(m_source, version, {}, this, [this, file](const auto &loaded) {
        QString text;
        if (!loaded) {
            text = describeError(loaded.error());
        } else {
            // The server's export writes the same archive (sync_history's ZipWriter, projectZip).
            h::ZipWriter zip;
            for (const VersionFile &f : loaded.value().files)
                zip.addFile(f.entry.path, f.isDoc() ? f.text.toUtf8() : f.content);
            const auto written = zip.write(file);
            text = written ? tr("Saved the version as %1.").arg(QDir::toNativeSeparators(file))
                           : tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file), written.error());
            if (written)
                Q_EMIT downloaded(file);
        }
        m_panel->setStatus(text);
        Q_EMIT message(text);
    });
}

void HistoryFeature::searchHistory(const QString &text)
{
    if (!m_source || text.trimmed().isEmpty())
        return;
    m_recorder->flush();
    m_panel->setStatus(tr("Searching the history…"));
    QPointer<HistorySource> source = m_source;
    m_source->search(text, {}, [this, source](const auto &result) {
        if (source != m_source)
            return;
        if (!result)
            m_panel->setStatus(describeError(result.error()));
        else
            m_panel->setSearchResults(result.value());
        Q_EMIT searched();
    });
}

} // namespace coauthor::app
