#include "compile/projectstate.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace coauthor::compile {

namespace {

constexpr auto hashAlgorithm = QCryptographicHash::Sha256;

std::optional<QByteArray> hashResource(const Resource &resource, QString *error)
{
    QCryptographicHash hash(hashAlgorithm);
    if (resource.sourceFile.isEmpty()) {
        hash.addData(resource.content);
        return hash.result().toHex();
    }
    QFile file(resource.sourceFile);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
        *error = QStringLiteral("cannot read %1: %2").arg(resource.sourceFile, file.errorString());
        return std::nullopt;
    }
    return hash.result().toHex();
}

} // namespace

std::optional<ProjectState> ProjectState::fromRequest(const CompileRequest &request, QString *error)
{
    ProjectState state;
    QStringList paths;
    for (const Resource &resource : request.resources) {
        const auto hash = hashResource(resource, error);
        if (!hash)
            return std::nullopt;
        state.m_fileHashes.insert(resource.path, *hash);
        paths << resource.path;
    }
    std::sort(paths.begin(), paths.end());

    // The tree hash covers what makes the aux files of an earlier run reusable: the
    // set of paths, the root document and the options that change the output.
    // Contents are not in it: a changed document is exactly what incremental syncs.
    QCryptographicHash tree(hashAlgorithm);
    for (const QString &path : std::as_const(paths)) {
        tree.addData(path.toUtf8());
        tree.addData(QByteArrayView("\n", 1));
    }
    tree.addData(QByteArrayLiteral("root:"));
    tree.addData(request.rootDocument.toUtf8());
    tree.addData(QByteArrayLiteral("\nengine:"));
    tree.addData(engineName(request.options.engine).toUtf8());
    tree.addData(request.options.draft ? QByteArrayLiteral("\ndraft") : QByteArrayLiteral("\nfinal"));
    tree.addData(request.options.shellEscape == ShellEscape::Full ? QByteArrayLiteral("\nshell:full")
                                                                  : QByteArrayLiteral("\nshell:restricted"));
    state.m_treeHash = tree.result().toHex();
    return state;
}

std::optional<ProjectState> ProjectState::load(const QString &stateFile)
{
    QFile file(stateFile);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    if (object.value(QLatin1String("version")).toInt() != 1)
        return std::nullopt;
    ProjectState state;
    state.m_treeHash = object.value(QLatin1String("treeHash")).toString().toLatin1();
    const QJsonObject files = object.value(QLatin1String("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it)
        state.m_fileHashes.insert(it.key(), it.value().toString().toLatin1());
    if (state.m_treeHash.isEmpty())
        return std::nullopt;
    return state;
}

bool ProjectState::save(const QString &stateFile) const
{
    QJsonObject files;
    for (auto it = m_fileHashes.begin(); it != m_fileHashes.end(); ++it)
        files.insert(it.key(), QString::fromLatin1(it.value()));
    const QJsonObject object{{QStringLiteral("version"), 1},
                             {QStringLiteral("treeHash"), QString::fromLatin1(m_treeHash)},
                             {QStringLiteral("files"), files}};
    QSaveFile file(stateFile);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    return file.commit();
}

} // namespace coauthor::compile
