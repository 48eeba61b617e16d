#pragma once
// The Redis names of compile jobs, one place for the worker and for whoever requests
// compiles (the server): the stream and its consumer group, the per-project lock,
// the stored outcomes and outputs, the progress channel.
#include <QByteArray>
#include <QString>

namespace coauthor::sync::CompileKeys {

inline QByteArray stream() { return QByteArrayLiteral("coauthor:compile:jobs"); }
inline QByteArray group() { return QByteArrayLiteral("coauthor-workers"); }
inline QByteArray lock(const QString &projectId) { return "coauthor:compile:lock:" + projectId.toUtf8(); }
inline QByteArray result(const QString &jobId) { return "coauthor:compile:result:" + jobId.toUtf8(); }
inline QByteArray pdf(const QString &jobId) { return "coauthor:compile:output:" + jobId.toUtf8() + ":pdf"; }
inline QByteArray synctex(const QString &jobId) { return "coauthor:compile:output:" + jobId.toUtf8() + ":synctex"; }
// The job id of the project's latest finished compile.
inline QByteArray latest(const QString &projectId) { return "coauthor:compile:latest:" + projectId.toUtf8(); }
inline QByteArray progressChannel(const QString &projectId)
{
    return "coauthor:compile:progress:" + projectId.toUtf8();
}

} // namespace coauthor::sync::CompileKeys
