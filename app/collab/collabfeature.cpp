#include "app/collab/collabfeature.h"

#include "app/collab/collaborationsession.h"
#include "app/collab/collaboratorspanel.h"
#include "app/collab/encryptionmark.h"
#include "app/collab/openshareddialog.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/collab/syncstatuslabel.h"
#include "app/editors/editortabs.h"
#include "app/project/project.h"
#include "app/project/sessionstore.h"
#include "sync/protocol/hostport.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStatusBar>

namespace coauthor::app {

CollabFeature::CollabFeature(EditorTabs *tabs, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_session(new CollaborationSession(tabs, this))
    , m_host(new ServerHost(this))
    , m_shareProject(new QAction(tr("S&hare Project…"), this))
    , m_openSharedProject(new QAction(tr("Open S&hared Project…"), this))
    , m_shareInfo(new QAction(tr("Sharing &Details…"), this))
    , m_workOffline(new QAction(tr("Work &Offline"), this))
{
    m_shareProject->setToolTip(tr("Put this project on a server (or host one here) and write together"));
    m_shareProject->setEnabled(false); // until a project is open
    m_openSharedProject->setToolTip(tr("Join a project someone shared: server address, project id and token"));
    m_workOffline->setCheckable(true);
    m_workOffline->setToolTip(tr("Keep editing without a connection; edits are sent when you go online again"));
}

CollabFeature::~CollabFeature()
{
    // The dock and the status label may be gone already (the window's children).
    m_session->disconnect(this);
    shutdown();
}

void CollabFeature::install(const Placement &placement)
{
    Q_ASSERT(!m_dock && placement.window && placement.statusBar);
    m_place = placement;
    QMainWindow *window = placement.window;
    m_people = new CollaboratorsPanel(window);
    m_dock = new QDockWidget(tr("Collaborators"), window);
    m_dock->setObjectName(QStringLiteral("collaboratorsDock"));
    m_dock->setWidget(m_people);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    if (placement.dockBelow)
        window->splitDockWidget(placement.dockBelow, m_dock, Qt::Vertical);
    m_dock->hide(); // shown when the project is shared
    if (placement.docksMenu)
        placement.docksMenu->addAction(m_dock->toggleViewAction());

    m_syncStatus = new SyncStatusLabel(placement.statusBar);
    placement.statusBar->insertPermanentWidget(placement.statusIndex, m_syncStatus);
    m_encryptionMark = new EncryptionMark(placement.statusBar);
    placement.statusBar->insertPermanentWidget(placement.statusIndex, m_encryptionMark);

    if (placement.fileMenu)
        placement.fileMenu->insertActions(placement.fileMenuBefore,
                                          {m_shareProject, m_openSharedProject, m_shareInfo, m_workOffline});
    connect(m_shareProject, &QAction::triggered, this, &CollabFeature::shareProjectDialog);
    connect(m_openSharedProject, &QAction::triggered, this, &CollabFeature::openSharedProjectDialog);
    connect(m_shareInfo, &QAction::triggered, this, &CollabFeature::shareInfoDialog);
    connect(m_workOffline, &QAction::toggled, m_session, &CollaborationSession::setWorkOffline);
    // Kept per project until turned off: a restart must not go online behind the user's back.
    connect(m_workOffline, &QAction::toggled, this, [this](bool offline) {
        if (m_project.isValid())
            SessionStore::setWorkOffline(m_project.projectId(), offline);
    });

    connect(m_session, &CollaborationSession::stateChanged, this, &CollabFeature::updateSyncStatus);
    connect(m_session, &CollaborationSession::pendingEditsChanged, this, &CollabFeature::updateSyncStatus);
    connect(m_session, &CollaborationSession::storageProblemChanged, this, &CollabFeature::updateSyncStatus);
    connect(m_session, &CollaborationSession::collaboratorsChanged, this, &CollabFeature::updateCollaborators);
    connect(m_session, &CollaborationSession::errorOccurred, this,
            [this](const QString &message) { showMessage(message, 10000); });
    connect(m_session, &CollaborationSession::filesChanged, this, &CollabFeature::filesChanged);
    connect(m_people, &CollaboratorsPanel::fileRequested, this, &CollabFeature::fileRequested);
    connect(m_host, &ServerHost::exitedUnexpectedly, this, [this](const QString &output) {
        QMessageBox::warning(m_place.window, tr("Hosted Server"),
                             tr("The server hosted on this computer stopped.\n\n%1").arg(output.right(2000)));
    });
}

void CollabFeature::projectOpened(const Project &project)
{
    m_project = project;
    {
        const QSignalBlocker quiet(m_workOffline); // what is stored is what is shown
        m_workOffline->setChecked(SessionStore::workOffline(project.projectId()));
    }
    startCollaboration(project.rootPath());
}

void CollabFeature::projectClosed()
{
    m_session->stop();
    m_project = Project();
    {
        const QSignalBlocker quiet(m_workOffline); // the closed project keeps its choice
        m_workOffline->setChecked(false);
    }
    m_shareProject->setEnabled(false);
    updateCollaborators();
}

bool CollabFeature::mayQuit()
{
    // Edits neither on the server nor on disk (a full disk) die with the app.
    if (m_session->hasEditsOnlyInMemory()
        && QMessageBox::warning(m_place.window, tr("Quit"),
                                tr("Some edits are neither on the server nor saved on this computer (%1). "
                                   "Quit anyway and lose them?").arg(m_session->storageProblem()),
                                QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Discard)
        return false;
    // The hosted server stops with the app: the others are cut off until it is back.
    const QList<CollaborationSession::Collaborator> others = m_session->collaborators();
    if (!m_host->isRunning() || others.isEmpty())
        return true;
    QStringList names;
    for (const CollaborationSession::Collaborator &c : others)
        names << c.name;
    QMessageBox box(QMessageBox::Question, tr("Quit"),
                    tr("Connected to the project this computer hosts: %n other(s) (%1). Quitting stops the server: "
                       "they keep their edits but cannot reach each other until you share again. Quit anyway?",
                       nullptr, int(others.size()))
                        .arg(names.join(QStringLiteral(", "))),
                    QMessageBox::Yes | QMessageBox::Cancel, m_place.window);
    box.button(QMessageBox::Yes)->setText(tr("&Quit and Stop Sharing"));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

void CollabFeature::shutdown()
{
    // The session unbinds the tabs: before they go. The hosted server stops with the app.
    m_session->stop();
    m_host->stop();
}

editor::SharedUndoStack *CollabFeature::undoStackFor(const editor::LatexEditor *editor) const
{
    return m_session->undoStackFor(editor);
}

QHash<QString, QByteArray> CollabFeature::compileBuffers() const
{
    return m_session->documentFiles();
}

void CollabFeature::localFileCreated(const QString &relativePath)
{
    m_session->localFileCreated(relativePath);
}

void CollabFeature::localPathRenamed(const QString &from, const QString &to)
{
    m_session->localPathRenamed(from, to);
}

void CollabFeature::localPathRemoved(const QString &relativePath)
{
    m_session->localPathRemoved(relativePath);
}

bool CollabFeature::isSharing() const
{
    return m_session->isActive();
}

QString CollabFeature::hostLeftMessage()
{
    return tr("The host stopped sharing; your edits are kept and will be sent when they are back.");
}

QString CollabFeature::syncStatusText() const
{
    return m_syncStatus ? m_syncStatus->text() : QString();
}

void CollabFeature::showMessage(const QString &text, int timeoutMs)
{
    if (m_place.statusBar)
        m_place.statusBar->showMessage(text, timeoutMs);
}

void CollabFeature::clearMessage()
{
    if (m_place.statusBar)
        m_place.statusBar->clearMessage();
}

void CollabFeature::startCollaboration(const QString &workingCopy)
{
    if (m_session->isActive() && m_session->workingCopy() == workingCopy) {
        m_dock->show();
        updateCollaborators();
        return;
    }
    m_session->stop();
    const std::optional<ShareLink> link = ShareLink::load(workingCopy);
    if (link) {
        // A project hosted here: its server comes back with the folder
        // (start() does nothing when the server already listens there).
        ShareLink effective = *link;
        if (const auto at = sync::HostPort::parse(link->hostListen)) {
            auto started = m_host->start(at->host, at->port);
            if (!started) {
                showMessage(tr("The hosted server did not start: %1").arg(started.error()), 10000);
            } else if (effective.url != m_host->localUrl() || effective.certificateSha256 != m_host->certificateSha256()) {
                // A link from before the host encrypted (ws://) follows it to wss:// and its pin.
                effective.url = m_host->localUrl();
                effective.certificateSha256 = m_host->certificateSha256();
                effective.save(workingCopy);
            }
        }
        auto started = m_session->start(workingCopy, effective);
        if (!started)
            QMessageBox::warning(m_place.window, tr("Shared Project"),
                                 tr("Cannot connect this folder to its shared project: %1").arg(started.error()));
        else if (m_workOffline->isChecked())
            m_session->setWorkOffline(true);
    }
    if (m_session->isActive())
        m_dock->show();
    updateCollaborators();
    updateSyncStatus();
}

void CollabFeature::updateSyncStatus()
{
    const bool shared = m_session->isActive();
    m_workOffline->setEnabled(shared);
    m_shareInfo->setEnabled(shared);
    m_shareProject->setEnabled(m_project.isValid() && !shared);
    m_encryptionMark->setServer(shared ? m_session->link().url : QUrl());
    if (!shared) {
        m_syncStatus->setState(SyncStatusLabel::State::Local);
        m_toldHostLeft = false;
        return;
    }
    using State = sync::SyncClient::State;
    const State state = m_session->connectionState();
    // A guest learns why it is offline; the host stopped the server itself.
    const bool hostLeft = state != State::Online && m_session->serverShutDown() && m_session->link().hostListen.isEmpty();
    if (hostLeft && !m_toldHostLeft)
        showMessage(hostLeftMessage()); // until the next message: it explains the Offline next to it
    else if (!hostLeft && m_toldHostLeft && m_place.statusBar
             && m_place.statusBar->currentMessage() == hostLeftMessage())
        clearMessage();
    m_toldHostLeft = hostLeft;
    const auto shown = state == State::Online       ? SyncStatusLabel::State::Online
                       : state == State::Connecting ? SyncStatusLabel::State::Connecting
                                                    : SyncStatusLabel::State::Offline;
    m_syncStatus->setState(shown, m_session->unsynchronizedEdits(), m_session->isReadOnly(),
                           m_session->storageProblem());
}

void CollabFeature::updateCollaborators()
{
    m_people->setCollaborators(m_session->collaborators(), m_session->isActive());
    const int others = int(m_session->collaborators().size());
    m_dock->setWindowTitle(others > 0 ? tr("Collaborators (%1)").arg(others) : tr("Collaborators"));
}

CollabFeature::Result CollabFeature::shareProject(const ShareLink &link)
{
    if (!m_project.isValid())
        return Result::failure(tr("Open a project first."));
    if (m_session->isActive())
        return Result::failure(tr("This project is already shared."));
    if (!link.isValid())
        return Result::failure(tr("The server address, project id and token are needed."));
    // What is uploaded is what is on disk.
    if (!m_tabs->saveAll())
        return Result::failure(tr("Save the open files first."));
    QApplication::setOverrideCursor(Qt::WaitCursor);
    showMessage(tr("Uploading the project…"));
    auto uploaded = CollaborationSession::uploadFolder(m_project.rootPath(), m_project.files(), link);
    QApplication::restoreOverrideCursor();
    clearMessage();
    if (!uploaded)
        return uploaded;
    QString error;
    if (!link.save(m_project.rootPath(), &error))
        return Result::failure(error);
    startCollaboration(m_project.rootPath());
    if (!m_session->isActive())
        return Result::failure(tr("The project was uploaded but this folder could not be connected to it."));
    showMessage(tr("The project is shared."), 5000);
    return Result::success();
}

namespace {

// A new (or empty) folder in parent named after a shared project: the name made safe for
// every file system, then "name (2)", "name (3)", … Empty when none is free.
QString availableFolderFor(const QString &parent, const QString &projectName)
{
    const QString safe = Project::portableName(projectName); // ".." ends up empty too
    if (safe.isEmpty())
        return {};
    for (int n = 1; n < 100; ++n) {
        const QString candidate = QDir(parent).filePath(n == 1 ? safe : QStringLiteral("%1 (%2)").arg(safe).arg(n));
        const QFileInfo info(candidate);
        if (!info.exists() || (info.isDir() && QDir(candidate).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)))
            return candidate;
    }
    return {};
}

} // namespace

CollabFeature::Result CollabFeature::openSharedProject(const QString &chosenFolder, const ShareLink &given,
                                                       const std::function<bool()> &cancelled)
{
    QString folder = chosenFolder;
    const auto stop = [&cancelled] { return cancelled && cancelled(); };
    // Joining never hosts: only the copy that shared the project starts its server.
    ShareLink link = given;
    link.hostListen.clear();
    if (!link.isValid())
        return Result::failure(tr("The server address, project id and token are needed."));
    const QDir dir(folder);
    const std::optional<ShareLink> existing = ShareLink::load(folder);
    const bool sameProject = existing && existing->projectId == link.projectId;
    if (dir.exists() && !sameProject && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return Result::failure(
            tr("“%1” is not empty. Choose a new or empty folder for the shared project.").arg(folder));
    // A wrong address or token is found out before the open project is closed.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto reachable = CollaborationSession::checkLink(link, 20000, cancelled);
    QApplication::restoreOverrideCursor();
    if (!reachable)
        return Result::failure(reachable.error());
    // The dialog proposes a folder named after the project id until the name is known:
    // the project's name, now that the server said it (a joined project's folder and
    // window title then read "Thesis", not a UUID).
    if (!sameProject && QFileInfo(folder).fileName() == link.projectId && !reachable.value().trimmed().isEmpty()) {
        const QString named = availableFolderFor(QFileInfo(folder).absolutePath(), reachable.value());
        if (!named.isEmpty())
            folder = named;
    }
    if (!QDir().mkpath(folder))
        return Result::failure(tr("Cannot create the folder “%1”.").arg(folder));
    if (!m_place.closeProject())
        return Result::failure(tr("Cancelled."));
    QString error;
    if (!link.save(folder, &error))
        return Result::failure(error);
    const QString root = QFileInfo(folder).canonicalFilePath();

    QApplication::setOverrideCursor(Qt::WaitCursor);
    showMessage(tr("Joining the shared project…"));
    startCollaboration(root);
    QString failure;
    const QMetaObject::Connection watch = connect(m_session, &CollaborationSession::errorOccurred, this,
                                                  [&failure](const QString &message) { failure = message; });
    // Waited for here, inside the feature, because its callers need the outcome
    // at once (the dialog shows the reason, tests check it). The folder is opened
    // only when every doc is joined and every binary file is on disk, which no
    // single signal announces, so the wait checks the folder until then.
    const bool joined = m_session->isActive()
        && CollaborationSession::waitUntil(
               [&] { return m_session->isMirrorComplete() || !failure.isEmpty() || stop(); }, 60000);
    if (joined && failure.isEmpty() && !m_session->isMirrorComplete())
        failure = tr("Cancelled.");
    disconnect(watch);
    QApplication::restoreOverrideCursor();
    clearMessage();
    if (!joined || !failure.isEmpty()) {
        m_session->stop();
        updateSyncStatus();
        if (!sameProject)
            QDir(QFileInfo(ShareLink::filePath(root)).absolutePath()).removeRecursively();
        return Result::failure(!failure.isEmpty() ? failure
                                                  : tr("The server at %1 did not answer.").arg(link.url.toString()));
    }
    m_session->flushMirror();
    if (!m_place.openProject(root))
        return Result::failure(tr("Cannot open “%1”.").arg(root));
    return Result::success();
}

void CollabFeature::shareProjectDialog()
{
    if (!m_project.isValid())
        return;
    ShareDialog dialog(m_host, m_project.name(), [this](const ShareLink &link) { return shareProject(link); },
                       m_place.window);
    dialog.exec();
}

void CollabFeature::openSharedProjectDialog()
{
    // The dialog joins and shows a failure itself, so nothing typed in it is lost to an error.
    OpenSharedDialog dialog(
        [this](const QString &folder, const ShareLink &link, const std::function<bool()> &cancelled) {
            return openSharedProject(folder, link, cancelled);
        },
        m_place.window);
    dialog.exec();
}

void CollabFeature::shareInfoDialog()
{
    if (!m_session->isActive())
        return;
    const ShareLink &link = m_session->link();
    const QUrl url = !link.hostListen.isEmpty() && m_host->isRunning() ? m_host->publicUrl() : link.url;
    QMessageBox box(QMessageBox::Information, tr("Sharing Details"),
                    tr("Give the others this address, the project id and the token:"), QMessageBox::Ok,
                    m_place.window);
    const QByteArray pin = !link.hostListen.isEmpty() && m_host->isRunning() ? m_host->certificateSha256() : link.certificateSha256;
    box.setInformativeText(ShareDialog::invitationText(url, link.projectId, link.token, {}, pin));
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

} // namespace coauthor::app
