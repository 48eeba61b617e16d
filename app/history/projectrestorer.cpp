#include "app/history/projectrestorer.h"

#include "app/editors/editortabs.h"
#include "editor/latexeditor.h"
#include "sync/client/textdiff.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextCursor>
#include <QTextDocument>

namespace coauthor::app {

namespace {

// The text as the editors' DocumentBridge sees it (non-breaking spaces kept, '\n' between blocks).
QString editorText(editor::LatexEditor *editor)
{
    QTextCursor all(editor->document());
    all.select(QTextCursor::Document);
    return all.selectedText().replace(QChar::ParagraphSeparator, u'\n');
}

} // namespace

ProjectRestorer::ProjectRestorer(EditorTabs *tabs, const QString &projectRoot, TreeOps ops)
    : m_tabs(tabs)
    , m_root(projectRoot)
    , m_ops(std::move(ops))
{
}

bool ProjectRestorer::applyText(editor::LatexEditor *editor, const QString &target)
{
    const sync::ot::TextOperation op = sync::textDiff(editorText(editor), target);
    if (op.isNoop())
        return false;
    QTextCursor cursor(editor->document());
    cursor.beginEditBlock();
    for (const sync::ot::Component &c : op.components()) {
        cursor.setPosition(int(c.position));
        if (c.isInsert()) {
            cursor.insertText(c.text);
        } else {
            cursor.setPosition(int(c.position + c.length()), QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
        }
    }
    cursor.endEditBlock();
    return true;
}

ProjectRestorer::Outcome ProjectRestorer::restore(const VersionLoader::Loaded &loaded, bool wholeProject)
{
    Outcome outcome;
    auto exists = [this](const QString &path) { return QFileInfo::exists(QDir(m_root).filePath(path)); };
    // Renamed since: the same file goes back to its old path before its content is restored.
    QHash<QString, QString> latestPathOf;
    for (const auto &entry : loaded.latest.entries)
        latestPathOf.insert(entry.entryId, entry.path);
    for (const VersionFile &file : loaded.files) {
        const QString now = latestPathOf.value(file.entry.entryId);
        if (now.isEmpty() || now == file.entry.path || !exists(now) || exists(file.entry.path))
            continue;
        if (m_ops.renamePath && m_ops.renamePath(now, file.entry.path))
            outcome.renamed << now + QStringLiteral(" → ") + file.entry.path;
        else
            outcome.failed << now;
    }
    QSet<QString> paths;
    for (const VersionFile &file : loaded.files) {
        paths.insert(file.entry.path);
        if (file.isDoc())
            restoreText(file, outcome);
        else
            restoreContent(file, outcome);
    }
    if (!wholeProject)
        return outcome;
    // Only what the history knows goes: a file it never recorded is not its to remove.
    for (const auto &entry : loaded.latest.entries) {
        if (entry.kind == sync::TreeEntry::Kind::Folder || paths.contains(entry.path) || !exists(entry.path))
            continue;
        if (m_ops.removePath && m_ops.removePath(entry.path))
            outcome.removed << entry.path;
        else
            outcome.failed << entry.path;
    }
    return outcome;
}

bool ProjectRestorer::restoreText(const VersionFile &file, Outcome &outcome)
{
    const QString &path = file.entry.path;
    const bool existed = QFileInfo::exists(QDir(m_root).filePath(path));
    if (!existed && !(m_ops.createFile && m_ops.createFile(path))) {
        outcome.failed << path;
        return false;
    }
    const bool wasOpen = m_tabs->editorFor(path) != nullptr;
    const bool hadUnsavedEdits = m_tabs->isModified(path);
    QWidget *current = m_tabs->currentWidget();
    QString error;
    m_tabs->openFile(path, &error);
    editor::LatexEditor *e = m_tabs->editorFor(path);
    if (!e || e->isReadOnly()) {
        outcome.failed << path;
        return false;
    }
    const bool changed = applyText(e, file.text);
    // The restored text is what the file has now, on disk too, unless the tab held the
    // user's unsaved edits (those stay theirs to save). Undo still takes it back.
    if (changed && !hadUnsavedEdits && !m_tabs->isShared(path))
        m_tabs->save(path);
    if (!wasOpen && current && existed)
        m_tabs->setCurrentWidget(current);
    if (!existed)
        outcome.recreated << path;
    else if (changed)
        outcome.changed << path;
    return true;
}

void ProjectRestorer::restoreContent(const VersionFile &file, Outcome &outcome)
{
    const QString &path = file.entry.path;
    const QString absolute = QDir(m_root).filePath(path);
    QFile current(absolute);
    const bool existed = current.exists();
    if (existed && current.open(QIODevice::ReadOnly)
        && QCryptographicHash::hash(current.readAll(), QCryptographicHash::Sha256).toHex() == file.entry.sha256)
        return;
    current.close();
    QDir().mkpath(QFileInfo(absolute).absolutePath());
    QSaveFile out(absolute);
    if (!out.open(QIODevice::WriteOnly) || out.write(file.content) != file.content.size() || !out.commit()) {
        outcome.failed << path;
        return;
    }
    if (existed) {
        outcome.changed << path;
    } else {
        outcome.recreated << path;
        if (m_ops.filesAdded)
            m_ops.filesAdded({path});
    }
}

} // namespace coauthor::app
