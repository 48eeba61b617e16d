#pragma once
// The values compile workers pass through Redis: a job (what to compile), its progress
// (what is happening to it) and its outcome (what it gave). Each has one JSON form,
// written and read only here; a job from Redis is untrusted input (fromJson checks it).
#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace coauthor::sync {

struct CompileJob
{
    QString jobId;        // unique; given by CompileQueue::enqueue when empty
    QString projectId;
    QString rootDocument; // project path of the main .tex
    QString engine = QStringLiteral("pdflatex"); // compile::engineName()
    bool draft = false;
    // Doc id -> the version the requester has: the compile has at least these
    // versions of those docs (their acked edits included); docs not named are
    // compiled as they are now.
    QMap<QString, qint64> versions;
    QString requestedBy;  // member id, for the record
    qint64 queuedAt = 0;  // ms since the epoch

    QByteArray toJson() const;
    // Empty with *error for anything that is not a well-formed job.
    static std::optional<CompileJob> fromJson(const QByteArray &json, QString *error = nullptr);
};

// Published on the project's progress channel (CompileKeys::progressChannel).
struct CompileProgress
{
    enum class State { Queued, Running, Pass, Done };
    QString jobId;
    QString projectId;
    State state = State::Queued;
    int pass = 0;          // Pass: the engine's run number, from 1
    QString status;        // Done: compile::statusName(), or "error"
    QString worker;        // Running, Pass, Done

    QByteArray toJson() const;
    static std::optional<CompileProgress> fromJson(const QByteArray &json);
};
QString stateName(CompileProgress::State state); // "queued", "running", "pass", "done"

// One diagnostic of the log, as LogParser found it.
struct CompileProblem
{
    QString level; // compile::levelName()
    QString file;
    int line = 0;
    QString message;
};

// What a job gave, stored under CompileKeys::result(jobId). The PDF and SyncTeX data
// are separate Redis strings (CompileKeys::pdf/synctex) when at most the worker's
// output limit, else outputsTooLarge and only the record is stored.
struct CompileOutcome
{
    QString jobId;
    QString projectId;
    QString status;   // compile::statusName(), or "error" (the job could not be compiled)
    QString message;
    QString worker;
    QString buildId;
    qint64 queuedAt = 0;
    qint64 startedAt = 0;  // the worker took the job and the project's lock
    qint64 finishedAt = 0;
    qint64 compileMs = 0;  // the compile service's elapsed time
    int deliveries = 1;    // how many workers were given the job
    QMap<QString, qint64> versions; // doc id -> version compiled
    QByteArray log;        // output.log, its last maxLogBytes
    QList<CompileProblem> problems;
    qint64 pdfBytes = 0;   // 0: no PDF
    qint64 synctexBytes = 0;
    bool outputsTooLarge = false;

    static constexpr qsizetype maxLogBytes = 1024 * 1024;

    QByteArray toJson() const;
    static std::optional<CompileOutcome> fromJson(const QByteArray &json);
};

} // namespace coauthor::sync
