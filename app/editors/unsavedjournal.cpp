#include "app/editors/unsavedjournal.h"

#include "app/editors/editortabs.h"
#include "editor/documentbridge.h"
#include "editor/latexeditor.h"
#include "sync/client/journal.h"
#include "sync/client/journalrecord.h"
#include "sync/ot/operations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextCursor>
#include <QTextDocument>

namespace coauthor::app {

using sync::JournalRecord;

UnsavedJournal::UnsavedJournal(EditorTabs *tabs, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_journal(std::make_unique<sync::Journal>())
{
    connect(m_tabs, &EditorTabs::editorOpened, this,
            [this](const QString &, editor::LatexEditor *editor) { track(editor); });
    connect(m_tabs, &EditorTabs::editorClosing, this,
            [this](const QString &, editor::LatexEditor *editor) { untrack(editor); });
    connect(m_tabs, &EditorTabs::fileSaved, this, [this](const QString &path) {
        if (auto *e = m_tabs->editorFor(path); e && m_tracked.contains(e))
            forget(m_tracked[e]);
    });
}

UnsavedJournal::~UnsavedJournal()
{
    close();
}

QString UnsavedJournal::directoryFor(const QString &projectRoot)
{
    // Its own folder and lock: a shared working copy's journal is .coauthor/journal.
    return QDir(projectRoot).filePath(QStringLiteral(".coauthor/recovery"));
}

bool UnsavedJournal::isOpen() const
{
    return m_journal->isOpen();
}

QList<JournalRecord> UnsavedJournal::snapshot() const
{
    QList<JournalRecord> state;
    for (auto it = m_tracked.cbegin(); it != m_tracked.cend(); ++it) {
        if (it->journaledPath.isEmpty())
            continue;
        JournalRecord base;
        base.kind = JournalRecord::Kind::Base;
        base.docId = base.path = it->journaledPath;
        base.text = it->bridge->text();
        state << base;
    }
    return state;
}

sync::Result<QStringList, QString> UnsavedJournal::open(const QString &projectRoot)
{
    using R = sync::Result<QStringList, QString>;
    close();
    m_root = projectRoot;
    auto opened = m_journal->open(directoryFor(projectRoot));
    if (!opened)
        return R::failure(opened.error());
    m_journal->setSnapshotSource([this] { return snapshot(); });
    // Editors opened before the journal (the session's files) have no records yet.
    for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it)
        it->journaledPath.clear();
    const QStringList restored = restore();
    // The restored text is journaled again, as one Base per file; the old records go.
    m_journal->compact(snapshot());
    return R::success(restored);
}

QStringList UnsavedJournal::restore()
{
    // Replays each file's records: its Base, then its edits in order.
    QHash<QString, QString> texts;
    QStringList order;
    for (const JournalRecord &r : m_journal->recovered()) {
        if (r.kind == JournalRecord::Kind::Base) {
            if (!texts.contains(r.docId))
                order << r.docId;
            texts.insert(r.docId, r.text);
        } else if (r.kind == JournalRecord::Kind::Local && texts.contains(r.docId)) {
            auto applied = sync::ot::apply(texts.value(r.docId), r.op);
            if (applied)
                texts.insert(r.docId, applied.value());
        }
    }
    QStringList restored;
    for (const QString &path : std::as_const(order)) {
        const QString text = texts.value(path);
        const QString file = QDir(m_root).filePath(path);
        if (!QFileInfo::exists(file)) {
            // Removed while the app was down: the text comes back as the file
            // (nothing on disk is overwritten), rather than nowhere.
            QDir().mkpath(QFileInfo(file).absolutePath());
            QSaveFile out(file);
            if (out.open(QIODevice::WriteOnly) && out.write(text.toUtf8()) >= 0 && out.commit()
                && m_tabs->openFile(path))
                restored << path;
            continue;
        }
        if (!m_tabs->openFile(path))
            continue;
        auto *e = m_tabs->editorFor(path);
        if (!e || m_tabs->isShared(path) || e->toPlainText() == text)
            continue;
        // Through a cursor, so that Undo goes back to the file's text; the edit
        // is journaled like typing. The caret stays where the session left it.
        const int line = e->currentLine();
        const int column = e->currentColumn();
        QTextCursor cursor(e->document());
        cursor.beginEditBlock();
        cursor.select(QTextCursor::Document);
        cursor.insertText(text);
        cursor.endEditBlock();
        e->document()->setModified(true);
        e->goToLine(line, column);
        restored << path;
    }
    return restored;
}

void UnsavedJournal::track(editor::LatexEditor *editor)
{
    if (m_tracked.contains(editor))
        return;
    Tracked tracked;
    tracked.bridge = new editor::DocumentBridge(editor->document(), this);
    m_tracked.insert(editor, tracked);
    connect(tracked.bridge, &editor::DocumentBridge::localOperation, this,
            [this, editor](const sync::ot::TextOperation &op) { onLocalEdit(editor, op); });
    // Saved, or undone back to the file's text: nothing unsaved to keep.
    connect(editor->document(), &QTextDocument::modificationChanged, this, [this, editor](bool modified) {
        if (!modified && m_tracked.contains(editor))
            forget(m_tracked[editor]);
    });
}

void UnsavedJournal::untrack(editor::LatexEditor *editor)
{
    auto it = m_tracked.find(editor);
    if (it == m_tracked.end())
        return;
    // Closed: saved, or discarded by the user; either way nothing to recover.
    forget(*it);
    delete it->bridge;
    m_tracked.erase(it);
}

void UnsavedJournal::onLocalEdit(editor::LatexEditor *editor, const sync::ot::TextOperation &op)
{
    Tracked &tracked = m_tracked[editor];
    if (!m_journal->isOpen())
        return;
    const QString path = m_tabs->pathOf(editor);
    // A reload from disk is no edit; the sync journal keeps a shared doc.
    if (path.isEmpty() || m_tabs->isShared(path) || editor->property("coauthorReloading").toBool()) {
        forget(tracked);
        return;
    }
    if (tracked.journaledPath != path) {
        // The first unsaved edit (or the first after a rename): the whole text.
        forget(tracked);
        JournalRecord base;
        base.kind = JournalRecord::Kind::Base;
        base.docId = base.path = path;
        base.text = tracked.bridge->text();
        m_journal->append(base);
        tracked.journaledPath = path;
    } else {
        JournalRecord local;
        local.kind = JournalRecord::Kind::Local;
        local.docId = path;
        local.op = op;
        m_journal->append(local);
    }
    compactIfLarge();
}

void UnsavedJournal::forget(Tracked &tracked)
{
    if (tracked.journaledPath.isEmpty())
        return;
    if (m_journal->isOpen()) {
        JournalRecord forget;
        forget.kind = JournalRecord::Kind::Forget;
        forget.docId = tracked.journaledPath;
        m_journal->append(forget);
    }
    tracked.journaledPath.clear();
    compactIfLarge();
}

void UnsavedJournal::compactIfLarge()
{
    if (m_journal->growthBytes() > compactAfterBytes)
        m_journal->compact(snapshot());
}

void UnsavedJournal::clear()
{
    for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it)
        it->journaledPath.clear();
    if (!m_journal->isOpen())
        return;
    const QString directory = m_journal->directory();
    m_journal->close();
    // Nothing left to recover: the folder goes, so a project that was never
    // shared keeps no .coauthor/ of its own.
    QDir(directory).removeRecursively();
    QDir().rmdir(QFileInfo(directory).absolutePath()); // .coauthor/, only when empty
}

void UnsavedJournal::close()
{
    m_journal->close();
    for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it)
        it->journaledPath.clear();
}

} // namespace coauthor::app
