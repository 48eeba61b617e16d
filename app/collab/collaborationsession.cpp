#include "app/collab/collaborationsession.h"

#include "app/collab/servererror.h"
#include "app/editors/editortabs.h"
#include "app/project/project.h"
#include "app/project/textcodec.h"
#include "editor/documentbridge.h"
#include "editor/latexeditor.h"
#include "editor/remotecursors.h"
#include "editor/sharedundostack.h"
#include "sync/client/certificatepin.h"
#include "sync/client/projectmirror.h"
#include "sync/ot/operations.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTemporaryDir>

namespace coauthor::app {

Q_LOGGING_CATEGORY(lcCollab, "coauthor.app.collab")

namespace ot = sync::ot;
using sync::SyncClient;

CollaborationSession::CollaborationSession(EditorTabs *tabs, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
{
    m_cursorTimer.setSingleShot(true);
    m_cursorTimer.setInterval(cursorIntervalMs);
    connect(&m_cursorTimer, &QTimer::timeout, this, &CollaborationSession::sendOurCursor);
    m_filesTimer.setSingleShot(true);
    m_filesTimer.setInterval(sync::ProjectMirror::writeDelayMs + 200);
    connect(&m_filesTimer, &QTimer::timeout, this, [this] {
        if (!m_active)
            return;
        m_client->flushMirror();
        QStringList paths;
        for (const QString &docId : std::as_const(m_changedDocs)) {
            if (const sync::SharedDocument *doc = m_client->document(docId))
                paths.append(doc->path());
        }
        m_changedDocs.clear();
        if (!paths.isEmpty())
            Q_EMIT filesChanged(paths);
    });
    connect(m_tabs, &EditorTabs::editorOpened, this, &CollaborationSession::bindEditor);
    // The bridge, overlay and undo stack go before their editor does.
    connect(m_tabs, &EditorTabs::editorClosing, this, [this](const QString &, editor::LatexEditor *closing) {
        for (auto it = m_bindings.begin(); it != m_bindings.end(); ++it) {
            if (it->second.identity == closing) {
                release(it->second);
                m_bindings.erase(it);
                return;
            }
        }
    });
    connect(m_tabs, &EditorTabs::currentFileChanged, this, [this] {
        if (m_active)
            m_cursorTimer.start();
    });
}

CollaborationSession::~CollaborationSession()
{
    stop();
}

sync::Result<void, QString> CollaborationSession::start(const QString &workingCopy, const ShareLink &link)
{
    using R = sync::Result<void, QString>;
    stop();
    auto *client = new SyncClient(this);
    SyncClient::Options options;
    options.url = link.url;
    options.projectId = link.projectId;
    options.token = link.token;
    options.name = link.name;
    options.certificateSha256 = link.certificateSha256;
    options.workingCopy = workingCopy;
    options.mirrorFiles = true;
    options.maxBackoffMs = 10 * 1000;
    options.isTextFile = &Project::isTextFile;
    options.isLocalOnly = &CollaborationSession::staysLocal;
    options.decodeText = [](const QByteArray &bytes) { return decodeText(bytes).text; }; // a Latin-1 file keeps its accents
    auto opened = client->open(options);
    if (!opened) {
        delete client;
        return R::failure(opened.error());
    }
    m_client = client;
    m_workingCopy = workingCopy;
    m_link = link;
    m_active = true;
    connect(client, &SyncClient::connectionClosed, this, [this](int closeCode, const QString &reason) {
        // What coauthor-server sends to everyone when it stops (1001 is also an idle
        // close). The failed reconnects that follow do not make it less true.
        if (closeCode == 1001 && reason == QLatin1String("server shutting down"))
            m_serverShutDown = true;
    });
    connect(client, &SyncClient::stateChanged, this, [this](SyncClient::State state) {
        if (state == SyncClient::State::Online) {
            m_serverShutDown = false;
            applyReadOnly();
        }
        if (state != SyncClient::State::Online && !m_presence.isEmpty()) {
            // Whoever is still there is announced again on reconnect.
            const QStringList users = m_presence.keys();
            m_presence.clear();
            for (const QString &user : users)
                showPresence(user);
            Q_EMIT collaboratorsChanged();
        }
        Q_EMIT stateChanged(state);
    });
    connect(client, &SyncClient::docLoaded, this,
            [this](const QString &docId, const QString &text, qint64) { onDocLoaded(docId, text); });
    connect(client, &SyncClient::remoteOperation, this, &CollaborationSession::onRemoteOperation);
    // Another program changed the file: the client took it as our edit; the
    // tab shows it like a collaborator's, without moving the caret.
    connect(client, &SyncClient::localOperationFromDisk, this, &CollaborationSession::onRemoteOperation);
    connect(client, &SyncClient::presenceChanged, this, &CollaborationSession::onPresence);
    connect(client, &SyncClient::userJoined, this, [this](const QString &userId, const QString &name, const QString &colour) {
        onPresence(userId, name, colour, m_presence.value(userId).docId, -1, -1);
    });
    connect(client, &SyncClient::userLeft, this, [this](const QString &userId) {
        if (m_presence.remove(userId)) {
            showPresence(userId);
            Q_EMIT collaboratorsChanged();
        }
    });
    connect(client, &SyncClient::treeChanged, this, &CollaborationSession::onTreeChanged);
    connect(client, &SyncClient::localChangeRefused, this,
            [this](const QString &path, const QString &code, qint64 size, qint64 limit, const QString &detail) {
                Q_EMIT errorOccurred(refusalSentence(path, code, size, limit, detail));
            });
    connect(client, &SyncClient::synchronized, this, [this] {
        setPendingEdits(0);
        Q_EMIT synchronized();
    });
    connect(client, &SyncClient::certificatePinned, this, [this](const QByteArray &sha256) {
        m_link.certificateSha256 = sha256; // trusted on first use: a later change is refused
        m_link.save(m_workingCopy);
    });
    connect(client, &SyncClient::certificateRefused, this, [this](const QByteArray &expected, const QByteArray &seen) {
        Q_EMIT errorOccurred(certificateRefusal(expected, seen));
    });
    connect(client, &SyncClient::errorOccurred, this, [this, client](const QString &code, const QString &message) {
        qCWarning(lcCollab) << "sync error" << code << message;
        if (code.startsWith(QLatin1String("certificate_")))
            return; // told by certificateRefused, translated
        if (code == QLatin1String("journal_write_failed")) {
            m_journalProblem = client->journalFailure().isEmpty() ? message : client->journalFailure();
            Q_EMIT storageProblemChanged();
        } else if (code == QLatin1String("mirror_write_failed")) {
            m_mirrorProblem = message;
            Q_EMIT storageProblemChanged();
        }
        // Sentences of the sync client's own (versions_lost, …) are translated already.
        Q_EMIT errorOccurred(code == QLatin1String("versions_lost") ? message : serverErrorSentence(code, message));
    });
    connect(client, &SyncClient::journalRecovered, this, [this] {
        m_journalProblem.clear();
        Q_EMIT storageProblemChanged();
    });
    connect(client, &SyncClient::mirrorRecovered, this, [this] {
        m_mirrorProblem.clear();
        Q_EMIT storageProblemChanged();
    });
    // A journal that failed while it was opened reported it before we listened.
    if (!client->isJournalHealthy()) {
        m_journalProblem = client->journalFailure();
        Q_EMIT storageProblemChanged();
    }
    connect(client, &SyncClient::updateError, this,
            [this](const QString &, const QString &code, const QString &message) {
                Q_EMIT errorOccurred(tr("The server refused an edit: %1").arg(serverErrorSentence(code, message)));
            });
    // What became of unsent edits the server could not take, in one sentence.
    connect(client, &SyncClient::localTextKept, this,
            [this](const QString &, const QString &sentence) { Q_EMIT errorOccurred(sentence); });
    setPendingEdits(client->unsynchronizedDocs());
    bindOpenTabs();
    Q_EMIT stateChanged(client->state());
    return R::success();
}

void CollaborationSession::stop()
{
    if (!m_active)
        return;
    m_cursorTimer.stop();
    m_filesTimer.stop();
    m_changedDocs.clear();
    unbindAll();
    m_active = false;
    m_serverShutDown = false;
    m_presence.clear();
    m_client->disconnect(this);
    m_client->close();
    delete m_client;
    m_client = nullptr;
    m_workingCopy.clear();
    m_link = ShareLink();
    setPendingEdits(0);
    if (!m_journalProblem.isEmpty() || !m_mirrorProblem.isEmpty()) {
        m_journalProblem.clear();
        m_mirrorProblem.clear();
        Q_EMIT storageProblemChanged();
    }
    Q_EMIT collaboratorsChanged();
    Q_EMIT stateChanged(SyncClient::State::Offline);
}

bool CollaborationSession::isMirrorComplete() const
{
    if (!m_active || !m_client->isSynchronized())
        return false;
    const QDir root(m_workingCopy);
    for (const SyncClient::Entry &e : m_client->tree()) {
        if (e.kind == QLatin1String("file") && QFileInfo(root.filePath(e.path)).size() != e.size)
            return false;
    }
    return true;
}

SyncClient::State CollaborationSession::connectionState() const
{
    return m_active ? m_client->state() : SyncClient::State::Offline;
}

void CollaborationSession::setWorkOffline(bool offline)
{
    if (m_active)
        m_client->setWorkOffline(offline);
}

void CollaborationSession::flushMirror()
{
    if (m_active)
        m_client->flushMirror();
}

QHash<QString, QByteArray> CollaborationSession::documentFiles() const
{
    QHash<QString, QByteArray> out;
    const QHash<QString, QString> texts = documentTexts();
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        out.insert(it.key(), it.value().toUtf8()); // as sync::ProjectMirror writes them
    return out;
}

bool CollaborationSession::isSharedPath(const QString &relativePath) const
{
    return m_active && !m_client->docIdForPath(relativePath).isEmpty();
}

QHash<QString, QString> CollaborationSession::documentTexts() const
{
    QHash<QString, QString> out;
    if (!m_active)
        return out;
    for (const QString &id : m_client->docIds()) {
        if (const sync::SharedDocument *doc = m_client->document(id))
            out.insert(doc->path(), doc->text());
    }
    return out;
}

QList<CollaborationSession::Collaborator> CollaborationSession::collaborators() const
{
    QList<Collaborator> out;
    for (auto it = m_presence.cbegin(); it != m_presence.cend(); ++it) {
        const sync::SharedDocument *doc = m_active ? m_client->document(it->docId) : nullptr;
        out.append({it.key(), it->name, it->colour, doc ? doc->path() : QString()});
    }
    std::sort(out.begin(), out.end(), [](const Collaborator &a, const Collaborator &b) {
        return a.name.localeAwareCompare(b.name) < 0 || (a.name == b.name && a.userId < b.userId);
    });
    return out;
}

int CollaborationSession::unsynchronizedEdits() const
{
    return m_pendingEdits;
}

QString CollaborationSession::storageProblem() const
{
    QStringList problems;
    if (!m_journalProblem.isEmpty())
        problems.append(tr("edits not saved on this computer: %1").arg(m_journalProblem));
    if (!m_mirrorProblem.isEmpty())
        problems.append(tr("project folder not updated: %1").arg(m_mirrorProblem));
    return problems.join(QStringLiteral(" · "));
}

bool CollaborationSession::hasEditsOnlyInMemory() const
{
    return m_active && !m_client->isJournalHealthy() && m_client->unsynchronizedDocs() > 0;
}

void CollaborationSession::setPendingEdits(int edits)
{
    if (edits == m_pendingEdits)
        return;
    m_pendingEdits = edits;
    Q_EMIT pendingEditsChanged(edits);
}

// ---- binding tabs -------------------------------------------------------------

CollaborationSession::Binding *CollaborationSession::bindingFor(const QString &docId)
{
    const auto it = m_bindings.find(docId);
    return it == m_bindings.end() ? nullptr : &it->second;
}

editor::DocumentBridge *CollaborationSession::bridgeFor(const QString &relativePath) const
{
    if (!m_active)
        return nullptr;
    const auto it = m_bindings.find(m_client->docIdForPath(relativePath));
    return it == m_bindings.end() ? nullptr : it->second.bridge;
}

editor::RemoteCursors *CollaborationSession::remoteCursorsFor(const QString &relativePath) const
{
    if (!m_active)
        return nullptr;
    const auto it = m_bindings.find(m_client->docIdForPath(relativePath));
    return it == m_bindings.end() ? nullptr : it->second.cursors;
}

editor::SharedUndoStack *CollaborationSession::undoStackFor(const editor::LatexEditor *editor) const
{
    if (!editor)
        return nullptr;
    for (const auto &[id, b] : m_bindings) {
        if (b.editor == editor)
            return b.undo;
    }
    return nullptr;
}

void CollaborationSession::bindOpenTabs()
{
    for (const QString &path : m_tabs->openFiles()) {
        if (auto *e = m_tabs->editorFor(path))
            bindEditor(path, e);
    }
}

void CollaborationSession::bindEditor(const QString &relativePath, editor::LatexEditor *editor)
{
    if (!m_active || !editor)
        return;
    const QString docId = m_client->docIdForPath(relativePath);
    const sync::SharedDocument *doc = m_client->document(docId);
    if (!doc)
        return; // not shared (yet); bound when its doc arrives
    if (Binding *existing = bindingFor(docId)) {
        if (existing->editor == editor)
            return;
        release(*existing);
        m_bindings.erase(docId);
    }
    const QString editorText = editor->toPlainText();
    const bool unsaved = editor->document()->isModified() && !m_tabs->isShared(relativePath);
    Binding &b = m_bindings[docId];
    b.docId = docId;
    b.editor = editor;
    b.identity = editor;
    b.bridge = new editor::DocumentBridge(editor->document(), editor);
    b.bridge->setEditor(editor);
    b.cursors = new editor::RemoteCursors(editor);
    m_tabs->setShared(relativePath, true);
    if (editorText != doc->text()) {
        if (unsaved) {
            // Typed before the doc was shared: those edits are ours, send them.
            onLocalOperation(docId, sync::ProjectMirror::diff(doc->text(), editorText));
        } else {
            // The tab showed the file as it was on disk; the doc is newer.
            const QTextCursor caret = editor->textCursor();
            b.bridge->resetText(doc->text());
            QTextCursor c(editor->document());
            c.setPosition(qMin(caret.position(), editor->document()->characterCount() - 1));
            editor->setTextCursor(c);
        }
    }
    // Undo takes back only our own edits, never a collaborator's.
    b.undo = new editor::SharedUndoStack(b.bridge, editor, editor);
    connect(b.bridge, &editor::DocumentBridge::localOperation, this,
            [this, docId](const ot::TextOperation &op) { onLocalOperation(docId, op); });
    connect(editor, &QPlainTextEdit::cursorPositionChanged, this, [this, editor] {
        if (m_tabs->currentEditor() == editor && !m_cursorTimer.isActive())
            m_cursorTimer.start();
    });
    // No LatexEditor pointer is touched here: the object is only a QObject by now.
    connect(editor, &QObject::destroyed, this, [this, docId](QObject *gone) {
        const auto it = m_bindings.find(docId);
        if (it != m_bindings.end() && it->second.identity == gone)
            m_bindings.erase(it);
    });
    for (auto it = m_presence.cbegin(); it != m_presence.cend(); ++it) {
        if (it->docId == docId)
            showPresence(it.key());
    }
    editor->setReadOnly(m_client->isReadOnly());
    Q_EMIT editorBound(relativePath);
}

void CollaborationSession::release(Binding &b)
{
    // The bridge, overlay and undo stack are the editor's children: gone with a closed tab.
    if (!b.editor)
        return;
    b.editor->disconnect(this);
    delete b.cursors;
    delete b.bridge;
    delete b.undo;
    b.cursors = nullptr;
    b.bridge = nullptr;
    b.undo = nullptr;
}

void CollaborationSession::applyReadOnly()
{
    // A read-only token: the server would refuse every edit, so none can be made.
    for (auto &[docId, b] : m_bindings) {
        if (b.editor)
            b.editor->setReadOnly(m_client->isReadOnly());
    }
}

bool CollaborationSession::isReadOnly() const
{
    return m_active && m_client->isReadOnly();
}

void CollaborationSession::unbindAll()
{
    for (auto &[id, b] : m_bindings) {
        const QString path = b.editor ? m_tabs->pathOf(b.editor) : QString();
        if (b.editor)
            b.editor->setReadOnly(false);
        release(b);
        if (!path.isEmpty())
            m_tabs->setShared(path, false);
    }
    m_bindings.clear();
}

void CollaborationSession::onLocalOperation(const QString &docId, const ot::TextOperation &op)
{
    auto applied = m_client->applyLocalEdit(docId, op);
    if (!applied) {
        // Never diverge silently: show the doc as the client has it.
        qCWarning(lcCollab) << "local edit not taken:" << applied.error();
        Q_EMIT errorOccurred(applied.error());
        Binding *b = bindingFor(docId);
        if (b && m_client->document(docId))
            b->bridge->resetText(m_client->document(docId)->text());
        return;
    }
    movePresence(docId, op);
    setPendingEdits(m_pendingEdits + 1);
}

void CollaborationSession::movePresence(const QString &docId, const ot::TextOperation &op)
{
    // The overlay follows edits by itself; what is kept here must too, for a
    // tab of the doc opened later.
    for (Presence &p : m_presence) {
        if (p.docId != docId || p.position < 0)
            continue;
        p.position = ot::transformPosition(p.position, op, false);
        if (p.anchor >= 0)
            p.anchor = ot::transformPosition(p.anchor, op, false);
    }
}

void CollaborationSession::noteUnboundChange(const QString &docId)
{
    m_changedDocs.insert(docId);
    if (!m_filesTimer.isActive())
        m_filesTimer.start();
}

void CollaborationSession::onRemoteOperation(const QString &docId, const ot::TextOperation &op)
{
    movePresence(docId, op);
    Binding *b = bindingFor(docId);
    if (!b || !b->editor) {
        noteUnboundChange(docId);
        return;
    }
    if (!b->bridge->applyRemote(op).ok()) {
        qCWarning(lcCollab) << "remote op does not apply to the tab of" << docId << "; reloading it";
        if (const sync::SharedDocument *doc = m_client->document(docId))
            b->bridge->resetText(doc->text());
    }
}

void CollaborationSession::onDocLoaded(const QString &docId, const QString &text)
{
    Binding *b = bindingFor(docId);
    if (b && b->editor) {
        if (b->bridge->text() != text)
            b->bridge->resetText(text); // a reload: the server's text wins
        return;
    }
    // A tab opened before its doc arrived (sharing a project, a first join).
    const sync::SharedDocument *doc = m_client->document(docId);
    if (doc) {
        if (auto *e = m_tabs->editorFor(doc->path()))
            bindEditor(doc->path(), e);
        else
            noteUnboundChange(docId);
    }
}

void CollaborationSession::onTreeChanged()
{
    // Keep tabs in step with renames and deletions made by others (the tabs
    // are changed after the loop: closing one unbinds it).
    QStringList removed;
    QList<std::pair<QString, QString>> renamed;
    for (auto it = m_bindings.begin(); it != m_bindings.end();) {
        Binding &b = it->second;
        const QString tabPath = b.editor ? m_tabs->pathOf(b.editor) : QString();
        const sync::SharedDocument *doc = m_client->document(it->first);
        if (!doc) {
            release(b);
            it = m_bindings.erase(it);
            if (!tabPath.isEmpty())
                removed.append(tabPath);
            continue;
        }
        if (!tabPath.isEmpty() && tabPath != doc->path())
            renamed.append({tabPath, doc->path()});
        ++it;
    }
    for (const QString &path : std::as_const(removed))
        m_tabs->pathRemoved(path);
    for (const auto &[from, to] : std::as_const(renamed))
        m_tabs->pathRenamed(from, to);
    Q_EMIT treeChanged();
    Q_EMIT collaboratorsChanged(); // the files they are in may have new names
}

// ---- presence ---------------------------------------------------------------------

void CollaborationSession::onPresence(const QString &userId, const QString &name, const QString &colour,
                                      const QString &docId, qint64 position, qint64 anchor)
{
    if (!m_active || userId.isEmpty() || userId == m_client->userId())
        return;
    Presence &p = m_presence[userId];
    p.name = name.isEmpty() ? tr("Anonymous") : name;
    p.colour = QColor(colour);
    if (!p.colour.isValid())
        p.colour = editor::RemoteCursors::colorFor(userId);
    p.docId = docId;
    p.position = position;
    p.anchor = anchor;
    showPresence(userId);
    Q_EMIT collaboratorsChanged();
}

void CollaborationSession::showPresence(const QString &userId)
{
    const auto p = m_presence.constFind(userId);
    for (auto &[docId, b] : m_bindings) {
        if (!b.cursors)
            continue;
        if (p == m_presence.constEnd() || p->docId != docId || p->position < 0) {
            b.cursors->removeCursor(userId);
            continue;
        }
        // The sync client gives positions in our text (moved from the
        // sender's version); one from a client that says no version is in
        // its text, which may be an edit or two off: keep them inside.
        const qint64 last = b.editor ? b.editor->document()->characterCount() - 1 : 0;
        const int position = int(qBound<qint64>(qint64(0), p->position, last));
        const int anchor = p->anchor < 0 || p->anchor == p->position ? -1 : int(qBound<qint64>(qint64(0), p->anchor, last));
        b.cursors->setCursor(userId, p->name, p->colour, position, anchor);
    }
}

void CollaborationSession::sendOurCursor()
{
    if (!m_active)
        return;
    editor::LatexEditor *e = m_tabs->currentEditor();
    for (const auto &[docId, b] : m_bindings) {
        if (b.editor && b.editor == e) {
            const QTextCursor c = e->textCursor();
            m_client->sendCursor(docId, c.position(), c.anchor());
            return;
        }
    }
}

// ---- local tree changes --------------------------------------------------------------

void CollaborationSession::localFileCreated(const QString &relativePath)
{
    // The same way as a file another program puts there (the mirror's scan),
    // which then knows it and does not send it twice.
    if (m_active)
        m_client->publishLocalPath(relativePath);
}

void CollaborationSession::localPathRenamed(const QString &from, const QString &to)
{
    if (m_active)
        m_client->publishLocalRename(from, to);
}

void CollaborationSession::localPathRemoved(const QString &relativePath)
{
    if (m_active)
        m_client->publishLocalRemove(relativePath);
}

bool CollaborationSession::staysLocal(const QString &relativePath)
{
    // The project's own settings travel with it, whatever their dot.
    if (relativePath == QLatin1String(".coauthor-project.json") || relativePath == QLatin1String(".coauthor-dictionary"))
        return false;
    const QStringList segments = relativePath.split(u'/');
    for (const QString &segment : segments) {
        // Hidden (.git, .DS_Store, an editor's .#lock), an editor's backup or
        // autosave (paper.tex~, #paper.tex#, ~$doc), a download in progress.
        if (segment.startsWith(u'.') || segment.startsWith(u'#') || segment.startsWith(QLatin1String("~$"))
            || segment.endsWith(u'~'))
            return true;
    }
    const QString name = segments.last().toLower();
    static const QStringList temporary = {QStringLiteral(".swp"), QStringLiteral(".tmp"), QStringLiteral(".part"),
                                          QStringLiteral(".crdownload"), QStringLiteral(".bak")};
    for (const QString &suffix : temporary) {
        if (name.endsWith(suffix))
            return true;
    }
    return Project::isBuildProduct(relativePath);
}

QString CollaborationSession::refusalSentence(const QString &path, const QString &code, qint64 size, qint64 limit,
                                              const QString &detail)
{
    const QLocale locale;
    if (code == QLatin1String("file_too_large"))
        return tr("“%1” (%2) is larger than the %3 the server takes, so it stays on this computer and is not shared.")
            .arg(path, locale.formattedDataSize(size), locale.formattedDataSize(limit));
    if (code == QLatin1String("doc_too_large"))
        return tr("“%1” (%2) is larger than the %3 a shared text file may hold, so it stays on this computer and is not shared.")
            .arg(path, locale.formattedDataSize(size), locale.formattedDataSize(limit));
    if (code == QLatin1String("read_only"))
        return tr("“%1” stays on this computer: you joined this project read-only.").arg(path);
    if (code == QLatin1String("invalid_path"))
        return tr("“%1” is not shared: the name does not work on every system (%2).").arg(path, detail);
    if (code == QLatin1String("path_exists"))
        return tr("“%1” is not shared: a collaborator added a file with the same name at the same time.").arg(path);
    return tr("“%1” could not be shared (%2): %3").arg(path, code, detail);
}

// ---- uploading a local project -------------------------------------------------------

bool CollaborationSession::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

namespace {

using ProbeWork = std::function<sync::Result<void, QString>(SyncClient &client, const QString &error)>;

// Connects a client of its own to link (no mirror; its journal in a temporary
// folder), waits for the project's tree and hands it to work. error holds the
// latest error the server reported.
sync::Result<void, QString> withProbeClient(const ShareLink &link, int timeoutMs, const ProbeWork &work,
                                            const std::function<bool()> &cancelled = {})
{
    using R = sync::Result<void, QString>;
    QTemporaryDir journal;
    if (!journal.isValid())
        return R::failure(CollaborationSession::tr("Cannot create a temporary folder: %1").arg(journal.errorString()));
    SyncClient client;
    SyncClient::Options options;
    options.url = link.url;
    options.projectId = link.projectId;
    options.token = link.token;
    options.name = link.name;
    options.certificateSha256 = link.certificateSha256;
    options.workingCopy = journal.path();
    options.mirrorFiles = false;
    options.minBackoffMs = 200;
    options.maxBackoffMs = 2000;
    QString error;
    QString certificateError;
    QObject::connect(&client, &SyncClient::certificateRefused, &client, [&](const QByteArray &expected, const QByteArray &seen) {
        certificateError = CollaborationSession::certificateRefusal(expected, seen);
    });
    QObject::connect(&client, &SyncClient::localChangeRefused, &client,
                     [&](const QString &path, const QString &code, qint64 size, qint64 limit, const QString &detail) {
                         error = CollaborationSession::refusalSentence(path, code, size, limit, detail);
                     });
    QObject::connect(&client, &SyncClient::errorOccurred, &client, [&](const QString &code, const QString &message) {
        error = code.startsWith(QLatin1String("certificate_")) && !certificateError.isEmpty() ? certificateError
                : message.isEmpty()                                                          ? code
                                                                                             : message;
    });
    auto opened = client.open(options);
    if (!opened)
        return R::failure(opened.error());
    bool received = false;
    QObject::connect(&client, &SyncClient::treeChanged, &client, [&received] { received = true; });
    const auto stop = [&] { return cancelled && cancelled(); };
    if (!CollaborationSession::waitUntil([&] { return received || !error.isEmpty() || stop(); }, qMin(timeoutMs, 20000)))
        return R::failure(CollaborationSession::tr("The server at %1 did not answer.").arg(link.url.toString()));
    if (!received && stop())
        return R::failure(CollaborationSession::tr("Cancelled."));
    if (!received)
        return R::failure(error);
    auto done = work(client, error);
    client.close();
    return done;
}

} // namespace

QString CollaborationSession::certificateRefusal(const QByteArray &expected, const QByteArray &seen)
{
    if (!expected.isEmpty() && expected != seen)
        return tr("The server's certificate has changed, so Coauthor did not connect: someone may be "
                  "intercepting the connection. Expected %1, got %2. If the host made a new certificate, "
                  "join again with a new invitation.")
            .arg(sync::CertificatePin::format(expected), sync::CertificatePin::format(seen));
    return tr("The server's certificate (%1) is not trusted, so Coauthor did not connect. Join with the "
              "invitation the host gave you: it names the certificate.")
        .arg(sync::CertificatePin::format(seen));
}

sync::Result<QString, QString> CollaborationSession::checkLink(const ShareLink &link, int timeoutMs,
                                                             const std::function<bool()> &cancelled)
{
    QString name;
    auto probed = withProbeClient(
        link, timeoutMs,
        [&name](SyncClient &client, const QString &) {
            name = client.projectName();
            return sync::Result<void, QString>::success();
        },
        cancelled);
    if (!probed)
        return sync::Result<QString, QString>::failure(probed.error());
    return sync::Result<QString, QString>::success(name);
}

sync::Result<void, QString> CollaborationSession::uploadFolder(const QString &folder, const QStringList &relativeFiles,
                                                             const ShareLink &link, int timeoutMs)
{
    return withProbeClient(link, timeoutMs, [&](SyncClient &client, const QString &error) {
        return upload(client, error, folder, relativeFiles, timeoutMs);
    });
}

sync::Result<void, QString> CollaborationSession::upload(SyncClient &client, const QString &error, const QString &folder,
                                                       const QStringList &relativeFiles, int timeoutMs)
{
    using R = sync::Result<void, QString>;
    if (!client.tree().isEmpty())
        return R::failure(tr("The shared project already has files. Open it with “Open Shared Project…” instead."));

    const QDir root(folder);
    QSet<QString> wanted;
    for (const QString &path : relativeFiles) {
        QFile file(root.filePath(path));
        if (!file.open(QIODevice::ReadOnly))
            return R::failure(tr("Cannot read “%1”: %2").arg(path, file.errorString()));
        const QByteArray content = file.readAll();
        if (Project::isTextFile(path))
            client.createDoc(path, decodeText(content).text); // shared docs are UTF-8; a Latin-1 file keeps its accents
        else
            client.uploadFile(path, content);
        wanted.insert(path);
    }
    const bool done = waitUntil([&] {
        if (!error.isEmpty())
            return true;
        QSet<QString> have;
        for (const SyncClient::Entry &e : client.tree())
            have.insert(e.path);
        return have.contains(wanted) && client.isSynchronized();
    }, timeoutMs);
    if (!error.isEmpty())
        return R::failure(error);
    if (!done)
        return R::failure(tr("Uploading the project took too long."));
    return R::success();
}

} // namespace coauthor::app
