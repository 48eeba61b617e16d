#include "app/editors/editortabs.h"

#include "app/editors/editortabbar.h"
#include "app/editors/imageviewer.h"
#include "app/project/project.h"
#include "app/project/textcodec.h"
#include "editor/latexeditor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QInputDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QSpinBox>
#include <QTabBar>
#include <QTextBlock>
#include <QTextCursor>

#include <optional>

namespace coauthor::app {

namespace {

constexpr qint64 maxTextFileBytes = 64 * 1024 * 1024;

// The file's text and how it was encoded (see TextCodec); nothing when the
// file looks binary (a NUL byte near the start) or is too large to edit.
std::optional<DecodedText> readText(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    if (file.size() > maxTextFileBytes) {
        if (error)
            *error = EditorTabs::tr("the file is larger than 64 MB");
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.left(8192).contains('\0')) {
        if (error)
            *error = EditorTabs::tr("the file is not a text file");
        return std::nullopt;
    }
    return decodeText(bytes);
}

// The encoding a file was read in travels with its editor, so that saving
// writes the bytes the file had.
constexpr char encodingProperty[] = "coauthorLatin1";

TextEncoding encodingOf(const QWidget *editor)
{
    return editor->property(encodingProperty).toBool() ? TextEncoding::Latin1 : TextEncoding::Utf8;
}

void setEncoding(QWidget *editor, TextEncoding encoding)
{
    editor->setProperty(encodingProperty, encoding == TextEncoding::Latin1);
}

} // namespace

EditorTabs::EditorTabs(QWidget *parent)
    : QTabWidget(parent)
    , m_watcher(new QFileSystemWatcher(this))
{
    setTabBar(new EditorTabBar(this)); // names elided keeping their extension
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    connect(this, &QTabWidget::tabCloseRequested, this, &EditorTabs::closeTab);
    connect(this, &QTabWidget::currentChanged, this, [this](int) {
        Q_EMIT currentFileChanged(currentFile());
        if (auto *e = currentEditor())
            Q_EMIT cursorMoved(e->currentLine(), e->currentColumn());
    });
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &EditorTabs::onFileChangedOnDisk);
}

void EditorTabs::setProjectRoot(const QString &root)
{
    closeAllWithoutSaving();
    m_diagnostics.clear();
    m_shared.clear();
    m_root = root;
}

void EditorTabs::setProjectIndex(editor::ProjectIndex *index)
{
    m_index = index;
    for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
        if (auto *e = qobject_cast<editor::LatexEditor *>(it.key()))
            e->setProjectIndex(index);
    }
}

void EditorTabs::setEditorFont(const QFont &font)
{
    m_font = font;
    for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
        if (auto *e = qobject_cast<editor::LatexEditor *>(it.key()))
            e->setEditorFont(font);
    }
}

void EditorTabs::setSoftWrap(bool on)
{
    m_softWrap = on;
    for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
        if (auto *e = qobject_cast<editor::LatexEditor *>(it.key()))
            e->setSoftWrap(on);
    }
}

void EditorTabs::setConveniences(const editor::LatexEditor::Conveniences &conveniences)
{
    m_conveniences = conveniences;
    for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
        if (auto *e = qobject_cast<editor::LatexEditor *>(it.key()))
            e->setConveniences(conveniences);
    }
}

QString EditorTabs::absolute(const QString &relativePath) const
{
    return QDir(m_root).filePath(relativePath);
}

int EditorTabs::indexOfPath(const QString &relativePath) const
{
    for (int i = 0; i < count(); ++i) {
        if (m_paths.value(widget(i)) == relativePath)
            return i;
    }
    return -1;
}

QWidget *EditorTabs::openFile(const QString &relativePath, QString *error)
{
    const int existing = indexOfPath(relativePath);
    if (existing >= 0) {
        setCurrentIndex(existing);
        return widget(existing);
    }
    if (m_root.isEmpty() || !QFileInfo(absolute(relativePath)).isFile()) {
        if (error)
            *error = tr("“%1” does not exist.").arg(relativePath);
        return nullptr;
    }
    // PostScript is text, but a figure's program, not something to edit; Qt cannot draw it.
    const QString suffix = QFileInfo(relativePath).suffix().toLower();
    if (suffix == QLatin1String("eps") || suffix == QLatin1String("ps")) {
        if (error)
            *error = tr("“%1” is a PostScript figure: Coauthor does not show or edit it, and the compile uses it as it is.")
                         .arg(relativePath);
        return nullptr;
    }
    QWidget *w = Project::isImageFile(relativePath) ? createImageViewer(relativePath, error)
                                                     : createEditor(relativePath, error);
    if (!w)
        return nullptr;
    addTabFor(w, relativePath);
    setCurrentWidget(w);
    if (auto *e = qobject_cast<editor::LatexEditor *>(w))
        Q_EMIT editorOpened(relativePath, e);
    return w;
}

QWidget *EditorTabs::createEditor(const QString &relativePath, QString *error)
{
    QString why;
    const auto text = readText(absolute(relativePath), &why);
    if (!text) {
        if (error)
            *error = tr("Cannot open “%1”: %2").arg(relativePath, why);
        return nullptr;
    }
    auto *e = new editor::LatexEditor(this);
    if (m_font != QFont())
        e->setEditorFont(m_font);
    e->setSoftWrap(m_softWrap);
    e->setConveniences(m_conveniences);
    e->setProjectIndex(m_index);
    setEncoding(e, text->encoding);
    e->setPlainText(text->text);
    e->document()->setModified(false);
    e->setDiagnostics(m_diagnostics.value(relativePath));
    connect(e->document(), &QTextDocument::modificationChanged, this, [this, e](bool modified) {
        if (modified && m_shared.contains(m_paths.value(e)))
            e->document()->setModified(false); // the sync mirror saves it
        updateTabTitle(e);
    });
    connect(e->document(), &QTextDocument::contentsChange, this, [this, e](int, int removed, int added) {
        // Loading and reloading change the text too; only edits count as user input.
        if ((removed || added) && !e->property("coauthorReloading").toBool())
            Q_EMIT bufferEdited(m_paths.value(e));
    });
    connect(e, &editor::LatexEditor::cursorMoved, this, [this, e](int line, int column) {
        if (e == currentWidget())
            Q_EMIT cursorMoved(line, column);
    });
    if (!m_shared.contains(relativePath))
        m_watcher->addPath(absolute(relativePath));
    return e;
}

QWidget *EditorTabs::createImageViewer(const QString &relativePath, QString *error)
{
    auto *viewer = new ImageViewer(this);
    if (!viewer->load(absolute(relativePath))) {
        if (error)
            *error = tr("Cannot show the image “%1”.").arg(relativePath);
    }
    m_watcher->addPath(absolute(relativePath));
    return viewer;
}

void EditorTabs::addTabFor(QWidget *widget, const QString &relativePath)
{
    m_paths.insert(widget, relativePath);
    const QString file = QFileInfo(relativePath).fileName();
    const QIcon icon(Project::isImageFile(relativePath) ? QStringLiteral(":/icons/image.svg")
                                                         : QStringLiteral(":/icons/text.svg"));
    const int index = addTab(widget, icon, file);
    setTabToolTip(index, relativePath);
    updateTabTitle(widget);
}

void EditorTabs::updateTabTitle(QWidget *w)
{
    const int index = indexOf(w);
    if (index < 0)
        return;
    const QString file = QFileInfo(m_paths.value(w)).fileName();
    auto *e = qobject_cast<editor::LatexEditor *>(w);
    // A bullet after the name, as most editors mark unsaved changes.
    setTabText(index, e && e->document()->isModified() ? file + QStringLiteral(" ●") : file);
}

editor::LatexEditor *EditorTabs::editorFor(const QString &relativePath) const
{
    const int index = indexOfPath(relativePath);
    return index < 0 ? nullptr : qobject_cast<editor::LatexEditor *>(widget(index));
}

editor::LatexEditor *EditorTabs::currentEditor() const
{
    return qobject_cast<editor::LatexEditor *>(currentWidget());
}

QString EditorTabs::currentFile() const
{
    return m_paths.value(currentWidget());
}

QString EditorTabs::pathOf(QWidget *tab) const
{
    return m_paths.value(tab);
}

QStringList EditorTabs::openFiles() const
{
    QStringList out;
    for (int i = 0; i < count(); ++i)
        out << m_paths.value(widget(i));
    return out;
}

bool EditorTabs::isModified(const QString &relativePath) const
{
    auto *e = editorFor(relativePath);
    return e && e->document()->isModified();
}

bool EditorTabs::hasUnsavedChanges() const
{
    for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
        auto *e = qobject_cast<editor::LatexEditor *>(it.key());
        if (e && e->document()->isModified())
            return true;
    }
    return false;
}

QHash<QString, QByteArray> EditorTabs::unsavedBuffers() const
{
    QHash<QString, QByteArray> out;
    for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
        auto *e = qobject_cast<editor::LatexEditor *>(it.key());
        if (!e || !e->document()->isModified())
            continue;
        // What a save would write; UTF-8 when the file's encoding cannot hold the text
        // (the save itself then refuses, but a compile may still show the rest).
        const QString text = e->toPlainText();
        out.insert(it.value(), encodeText(text, encodingOf(e)).value_or(text.toUtf8()));
    }
    return out;
}

editor::LatexEditor *EditorTabs::openAt(const QString &relativePath, int line, int column)
{
    QString error;
    QWidget *w = openFile(relativePath, &error);
    if (!w) {
        Q_EMIT message(error);
        return nullptr;
    }
    auto *e = qobject_cast<editor::LatexEditor *>(w);
    if (e) {
        e->goToLine(qMax(1, line), qMax(1, column));
        e->setFocus();
    }
    return e;
}

bool EditorTabs::save(const QString &relativePath, QString *error)
{
    auto *e = editorFor(relativePath);
    if (!e)
        return true;
    const QString path = absolute(relativePath);
    QString unencodable;
    const std::optional<QByteArray> bytes = encodeText(e->toPlainText(), encodingOf(e), &unencodable);
    if (!bytes) {
        // Writing it as UTF-8 instead would silently change every accent the file had.
        if (error)
            *error = tr("Cannot save “%1”: the file is in %2, which has no “%3”. Nothing was written; "
                        "remove the character, or convert the file to UTF-8 (and drop \\usepackage[latin1]{inputenc}).")
                         .arg(relativePath, encodingName(encodingOf(e)), unencodable);
        return false;
    }
    // QSaveFile writes a temporary file and renames it: a full disk never truncates the original.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot save “%1”: %2").arg(relativePath, file.errorString());
        return false;
    }
    e->document()->setModified(false);
    // The rename replaced the watched inode; watch the new file.
    m_watcher->removePath(path);
    if (!m_shared.contains(relativePath))
        m_watcher->addPath(path);
    Q_EMIT fileSaved(relativePath);
    return true;
}

bool EditorTabs::saveCurrent()
{
    const QString file = currentFile();
    if (file.isEmpty())
        return true;
    QString error;
    if (!save(file, &error)) {
        QMessageBox::warning(this, tr("Save"), error);
        return false;
    }
    return true;
}

bool EditorTabs::saveAll()
{
    bool ok = true;
    const QStringList files = openFiles();
    for (const QString &file : files) {
        if (!isModified(file))
            continue;
        QString error;
        if (!save(file, &error)) {
            QMessageBox::warning(this, tr("Save"), error);
            ok = false;
        }
    }
    return ok;
}

bool EditorTabs::maySaveAll()
{
    QStringList modified;
    for (const QString &file : openFiles()) {
        if (isModified(file))
            modified << file;
    }
    if (modified.isEmpty())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved Changes"),
        tr("These files have unsaved changes:\n\n%1\n\nSave them?").arg(modified.join(u'\n')),
        QMessageBox::SaveAll | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::SaveAll);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::SaveAll)
        return saveAll();
    return true;
}

bool EditorTabs::closeTab(int index)
{
    QWidget *w = widget(index);
    if (!w)
        return false;
    const QString file = m_paths.value(w);
    if (isModified(file)) {
        const auto answer = QMessageBox::question(
            this, tr("Close"), tr("“%1” has unsaved changes. Save them?").arg(file),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel)
            return false;
        if (answer == QMessageBox::Save) {
            QString error;
            if (!save(file, &error)) {
                QMessageBox::warning(this, tr("Save"), error);
                return false;
            }
        }
    }
    if (auto *e = qobject_cast<editor::LatexEditor *>(w))
        Q_EMIT editorClosing(file, e);
    m_watcher->removePath(absolute(file));
    m_paths.remove(w);
    removeTab(index);
    w->deleteLater();
    return true;
}

void EditorTabs::closeAllWithoutSaving()
{
    while (count() > 0) {
        QWidget *w = widget(0);
        if (auto *e = qobject_cast<editor::LatexEditor *>(w))
            Q_EMIT editorClosing(m_paths.value(w), e);
        m_watcher->removePath(absolute(m_paths.value(w)));
        m_paths.remove(w);
        removeTab(0);
        delete w;
    }
}

void EditorTabs::setDiagnostics(const QHash<QString, QList<editor::Diagnostic>> &byFile)
{
    m_diagnostics = byFile;
    for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
        if (auto *e = qobject_cast<editor::LatexEditor *>(it.key()))
            e->setDiagnostics(byFile.value(it.value()));
    }
}

void EditorTabs::pathRenamed(const QString &from, const QString &to)
{
    for (auto it = m_paths.begin(); it != m_paths.end(); ++it) {
        QString &path = it.value();
        QString renamed;
        if (path == from)
            renamed = to;
        else if (path.startsWith(from + u'/'))
            renamed = to + path.mid(from.size());
        else
            continue;
        m_watcher->removePath(absolute(path));
        if (m_shared.remove(path))
            m_shared.insert(renamed);
        path = renamed;
        if (!m_shared.contains(path))
            m_watcher->addPath(absolute(path));
        const int index = indexOf(it.key());
        setTabToolTip(index, path);
        updateTabTitle(it.key());
    }
    Q_EMIT currentFileChanged(currentFile());
}

void EditorTabs::pathRemoved(const QString &relativePath)
{
    // The user confirmed the deletion in the tree, so the tabs go without asking.
    for (int i = count() - 1; i >= 0; --i) {
        QWidget *w = widget(i);
        const QString path = m_paths.value(w);
        if (path == relativePath || path.startsWith(relativePath + u'/')) {
            if (auto *e = qobject_cast<editor::LatexEditor *>(w))
                Q_EMIT editorClosing(path, e);
            m_watcher->removePath(absolute(path));
            m_paths.remove(w);
            removeTab(i);
            w->deleteLater();
        }
    }
}

bool EditorTabs::reloadIfUnmodified(const QString &relativePath)
{
    const int index = indexOfPath(relativePath);
    if (index < 0)
        return false;
    if (auto *viewer = qobject_cast<ImageViewer *>(widget(index))) {
        viewer->load(absolute(relativePath));
        return true;
    }
    auto *e = qobject_cast<editor::LatexEditor *>(widget(index));
    if (!e || e->document()->isModified())
        return false;
    const auto text = readText(absolute(relativePath), nullptr);
    if (!text)
        return false;
    setEncoding(e, text->encoding);
    if (text->text == e->toPlainText())
        return false;
    const int line = e->currentLine();
    const int column = e->currentColumn();
    e->setProperty("coauthorReloading", true);
    // Replacing through a cursor keeps the reload undoable, unlike setPlainText.
    QTextCursor cursor(e->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text->text);
    cursor.endEditBlock();
    e->setProperty("coauthorReloading", false);
    e->document()->setModified(false);
    e->goToLine(line, column);
    Q_EMIT fileReloaded(relativePath);
    return true;
}

void EditorTabs::onFileChangedOnDisk(const QString &absolutePath)
{
    QString relative;
    for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
        if (absolute(it.value()) == absolutePath) {
            relative = it.value();
            break;
        }
    }
    if (relative.isEmpty() || m_shared.contains(relative))
        return;
    // Editors that save by rename drop the watch; watch the new file again.
    if (QFileInfo::exists(absolutePath) && !m_watcher->files().contains(absolutePath))
        m_watcher->addPath(absolutePath);
    if (isModified(relative)) {
        Q_EMIT message(tr("“%1” changed on disk; your unsaved version is kept.").arg(relative));
        return;
    }
    if (reloadIfUnmodified(relative))
        Q_EMIT message(tr("Reloaded “%1”, changed on disk.").arg(relative));
}

void EditorTabs::setShared(const QString &relativePath, bool shared)
{
    if (shared == m_shared.contains(relativePath))
        return;
    if (shared) {
        m_shared.insert(relativePath);
        m_watcher->removePath(absolute(relativePath));
        if (auto *e = editorFor(relativePath))
            e->document()->setModified(false);
    } else {
        m_shared.remove(relativePath);
        if (editorFor(relativePath) && QFileInfo::exists(absolute(relativePath)))
            m_watcher->addPath(absolute(relativePath));
    }
}

SessionStore::ProjectSession EditorTabs::session() const
{
    SessionStore::ProjectSession session;
    for (const QString &file : openFiles()) {
        SessionStore::OpenFile open{file, 1, 1};
        if (auto *e = editorFor(file)) {
            open.line = e->currentLine();
            open.column = e->currentColumn();
        }
        session.openFiles << open;
    }
    session.currentFile = currentFile();
    return session;
}

void EditorTabs::restoreSession(const SessionStore::ProjectSession &session)
{
    for (const SessionStore::OpenFile &file : session.openFiles) {
        if (QWidget *w = openFile(file.path)) {
            if (auto *e = qobject_cast<editor::LatexEditor *>(w))
                e->goToLine(file.line, file.column);
        }
    }
    if (!session.currentFile.isEmpty())
        openFile(session.currentFile);
}

void EditorTabs::goToLineInteractive()
{
    auto *e = currentEditor();
    if (!e)
        return;
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Go to Line"));
    dialog.setLabelText(tr("Line (1–%1):").arg(e->document()->blockCount()));
    dialog.setInputMode(QInputDialog::IntInput);
    dialog.setIntRange(1, e->document()->blockCount());
    dialog.setIntValue(e->currentLine());
    // QInputDialog is as narrow as its field; the window title would be cut
    // off ("Go to Li…"), the more so in German and Japanese.
    // Its layout sets the dialog's own minimum, so the field is widened instead.
    const QFontMetrics fm(dialog.font());
    if (auto *field = dialog.findChild<QSpinBox *>())
        field->setMinimumWidth(fm.horizontalAdvance(dialog.windowTitle()) + GoToLineTitleRoom);
    if (dialog.exec() == QDialog::Accepted)
        e->goToLine(dialog.intValue());
}

} // namespace coauthor::app
