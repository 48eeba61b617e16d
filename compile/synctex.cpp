#include "compile/synctex.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>

#include <synctex/synctex_parser.h>

namespace coauthor::compile {

// libsynctex keeps query results inside the scanner, so every query holds the mutex.
struct SyncTex::Private
{
    synctex_scanner_p scanner = nullptr;
    QString baseDir; // the compile directory, for relative file names
    QMutex mutex;
};

SyncTex::SyncTex(const QString &pdfPath)
    : d(std::make_unique<Private>())
{
    if (!QFileInfo(pdfPath).isFile())
        return;
    d->scanner = synctex_scanner_new_with_output_file(QFile::encodeName(pdfPath).constData(), nullptr, 1);
    // The root document's folder in the compile directory is where the synctex file
    // says the input of tag 1 (the root) lives.
    if (d->scanner) {
        if (const char *rootName = synctex_scanner_get_name(d->scanner, 1))
            d->baseDir = QFileInfo(QDir::cleanPath(QFile::decodeName(rootName))).path();
    }
}

SyncTex::~SyncTex()
{
    if (d->scanner)
        synctex_scanner_free(d->scanner);
}

bool SyncTex::isValid() const
{
    return d->scanner != nullptr;
}

QStringList SyncTex::inputFiles() const
{
    QStringList files;
    if (!d->scanner)
        return files;
    QMutexLocker locker(&d->mutex);
    for (synctex_node_p input = synctex_scanner_input(d->scanner); input; input = synctex_node_sibling(input)) {
        if (const char *name = synctex_scanner_get_name(d->scanner, synctex_node_tag(input)))
            files << QDir::cleanPath(QFile::decodeName(name));
    }
    return files;
}

QList<SyncTex::PdfBox> SyncTex::forward(const QString &file, int line, int column) const
{
    QList<PdfBox> boxes;
    if (!d->scanner || line < 1)
        return boxes;
    QString wanted = QDir::cleanPath(file);
    if (QFileInfo(wanted).isRelative() && !d->baseDir.isEmpty())
        wanted = QDir::cleanPath(d->baseDir + u'/' + file);

    QMutexLocker locker(&d->mutex);
    // libsynctex matches names its own way; give it the name exactly as the synctex
    // file spells it ("/compile/dir/./chapter.tex"), found by the cleaned path.
    QByteArray name;
    for (synctex_node_p input = synctex_scanner_input(d->scanner); input; input = synctex_node_sibling(input)) {
        const char *inputName = synctex_scanner_get_name(d->scanner, synctex_node_tag(input));
        if (inputName && QDir::cleanPath(QFile::decodeName(inputName)) == wanted) {
            name = inputName;
            break;
        }
    }
    if (name.isEmpty())
        return boxes;
    if (synctex_display_query(d->scanner, name.constData(), line, column, -1) <= 0)
        return boxes;
    while (synctex_node_p node = synctex_scanner_next_result(d->scanner)) {
        const float h = synctex_node_box_visible_h(node);
        const float v = synctex_node_box_visible_v(node);
        const float width = synctex_node_box_visible_width(node);
        const float height = synctex_node_box_visible_height(node);
        const float depth = synctex_node_box_visible_depth(node);
        boxes.append({synctex_node_page(node), QRectF(h, v - height, width, height + depth)});
    }
    return boxes;
}

std::optional<SyncTex::SourcePoint> SyncTex::inverse(int page, QPointF point) const
{
    if (!d->scanner || page < 1)
        return std::nullopt;
    QMutexLocker locker(&d->mutex);
    if (synctex_edit_query(d->scanner, page, float(point.x()), float(point.y())) <= 0)
        return std::nullopt;
    synctex_node_p node = synctex_scanner_next_result(d->scanner);
    if (!node)
        return std::nullopt;
    const char *name = synctex_scanner_get_name(d->scanner, synctex_node_tag(node));
    if (!name)
        return std::nullopt;
    const int line = synctex_node_line(node);
    const int column = synctex_node_column(node);
    return SourcePoint{QDir::cleanPath(QFile::decodeName(name)), std::max(line, 1), std::max(column, 0)};
}

} // namespace coauthor::compile
