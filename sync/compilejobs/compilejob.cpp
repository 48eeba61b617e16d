#include "sync/compilejobs/compilejob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace coauthor::sync {

namespace {

QJsonObject versionsObject(const QMap<QString, qint64> &versions)
{
    QJsonObject object;
    for (auto it = versions.begin(); it != versions.end(); ++it)
        object.insert(it.key(), double(it.value()));
    return object;
}

std::optional<QMap<QString, qint64>> versionsFrom(const QJsonValue &value)
{
    QMap<QString, qint64> versions;
    if (value.isUndefined())
        return versions;
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const double v = it.value().toDouble(-1);
        if (!it.value().isDouble() || v < 0 || v > 9e15 || v != double(qint64(v)))
            return std::nullopt;
        versions.insert(it.key(), qint64(v));
    }
    return versions;
}

std::optional<QJsonObject> objectFrom(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool isId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.:-]{1,128}$"));
    return pattern.match(id).hasMatch();
}

} // namespace

QByteArray CompileJob::toJson() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("jobId"), jobId},
                                     {QStringLiteral("projectId"), projectId},
                                     {QStringLiteral("rootDocument"), rootDocument},
                                     {QStringLiteral("engine"), engine},
                                     {QStringLiteral("draft"), draft},
                                     {QStringLiteral("versions"), versionsObject(versions)},
                                     {QStringLiteral("requestedBy"), requestedBy},
                                     {QStringLiteral("queuedAt"), double(queuedAt)}})
        .toJson(QJsonDocument::Compact);
}

std::optional<CompileJob> CompileJob::fromJson(const QByteArray &json, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<CompileJob> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const auto object = objectFrom(json);
    if (!object)
        return fail(QStringLiteral("the job is not a JSON object"));
    CompileJob job;
    job.jobId = object->value(QStringLiteral("jobId")).toString();
    job.projectId = object->value(QStringLiteral("projectId")).toString();
    job.rootDocument = object->value(QStringLiteral("rootDocument")).toString();
    job.engine = object->value(QStringLiteral("engine")).toString(QStringLiteral("pdflatex"));
    job.draft = object->value(QStringLiteral("draft")).toBool(false);
    job.requestedBy = object->value(QStringLiteral("requestedBy")).toString();
    job.queuedAt = qint64(object->value(QStringLiteral("queuedAt")).toDouble(0));
    if (!isId(job.jobId))
        return fail(QStringLiteral("the job has no valid jobId"));
    if (!isId(job.projectId))
        return fail(QStringLiteral("the job has no valid projectId"));
    if (job.rootDocument.isEmpty() || job.rootDocument.size() > 1024)
        return fail(QStringLiteral("the job has no root document"));
    const auto versions = versionsFrom(object->value(QStringLiteral("versions")));
    if (!versions)
        return fail(QStringLiteral("the job's versions are not doc id -> version"));
    job.versions = *versions;
    return job;
}

QString stateName(CompileProgress::State state)
{
    switch (state) {
    case CompileProgress::State::Queued:
        return QStringLiteral("queued");
    case CompileProgress::State::Running:
        return QStringLiteral("running");
    case CompileProgress::State::Pass:
        return QStringLiteral("pass");
    case CompileProgress::State::Done:
        return QStringLiteral("done");
    }
    return QString();
}

QByteArray CompileProgress::toJson() const
{
    QJsonObject object{{QStringLiteral("jobId"), jobId},
                       {QStringLiteral("projectId"), projectId},
                       {QStringLiteral("state"), stateName(state)}};
    if (state == State::Pass)
        object.insert(QStringLiteral("pass"), pass);
    if (!status.isEmpty())
        object.insert(QStringLiteral("status"), status);
    if (!worker.isEmpty())
        object.insert(QStringLiteral("worker"), worker);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<CompileProgress> CompileProgress::fromJson(const QByteArray &json)
{
    const auto object = objectFrom(json);
    if (!object)
        return std::nullopt;
    CompileProgress progress;
    progress.jobId = object->value(QStringLiteral("jobId")).toString();
    progress.projectId = object->value(QStringLiteral("projectId")).toString();
    const QString state = object->value(QStringLiteral("state")).toString();
    bool known = false;
    for (State s : {State::Queued, State::Running, State::Pass, State::Done}) {
        if (stateName(s) == state) {
            progress.state = s;
            known = true;
        }
    }
    if (!known || progress.jobId.isEmpty())
        return std::nullopt;
    progress.pass = object->value(QStringLiteral("pass")).toInt();
    progress.status = object->value(QStringLiteral("status")).toString();
    progress.worker = object->value(QStringLiteral("worker")).toString();
    return progress;
}

QByteArray CompileOutcome::toJson() const
{
    QJsonArray problemArray;
    for (const CompileProblem &problem : problems)
        problemArray.append(QJsonObject{{QStringLiteral("level"), problem.level},
                                        {QStringLiteral("file"), problem.file},
                                        {QStringLiteral("line"), problem.line},
                                        {QStringLiteral("message"), problem.message}});
    return QJsonDocument(QJsonObject{{QStringLiteral("jobId"), jobId},
                                     {QStringLiteral("projectId"), projectId},
                                     {QStringLiteral("status"), status},
                                     {QStringLiteral("message"), message},
                                     {QStringLiteral("worker"), worker},
                                     {QStringLiteral("buildId"), buildId},
                                     {QStringLiteral("queuedAt"), double(queuedAt)},
                                     {QStringLiteral("startedAt"), double(startedAt)},
                                     {QStringLiteral("finishedAt"), double(finishedAt)},
                                     {QStringLiteral("compileMs"), double(compileMs)},
                                     {QStringLiteral("deliveries"), deliveries},
                                     {QStringLiteral("versions"), versionsObject(versions)},
                                     {QStringLiteral("log"), QString::fromUtf8(log)},
                                     {QStringLiteral("problems"), problemArray},
                                     {QStringLiteral("pdfBytes"), double(pdfBytes)},
                                     {QStringLiteral("synctexBytes"), double(synctexBytes)},
                                     {QStringLiteral("outputsTooLarge"), outputsTooLarge}})
        .toJson(QJsonDocument::Compact);
}

std::optional<CompileOutcome> CompileOutcome::fromJson(const QByteArray &json)
{
    const auto object = objectFrom(json);
    if (!object)
        return std::nullopt;
    CompileOutcome outcome;
    outcome.jobId = object->value(QStringLiteral("jobId")).toString();
    outcome.projectId = object->value(QStringLiteral("projectId")).toString();
    outcome.status = object->value(QStringLiteral("status")).toString();
    if (outcome.jobId.isEmpty() || outcome.status.isEmpty())
        return std::nullopt;
    outcome.message = object->value(QStringLiteral("message")).toString();
    outcome.worker = object->value(QStringLiteral("worker")).toString();
    outcome.buildId = object->value(QStringLiteral("buildId")).toString();
    outcome.queuedAt = qint64(object->value(QStringLiteral("queuedAt")).toDouble());
    outcome.startedAt = qint64(object->value(QStringLiteral("startedAt")).toDouble());
    outcome.finishedAt = qint64(object->value(QStringLiteral("finishedAt")).toDouble());
    outcome.compileMs = qint64(object->value(QStringLiteral("compileMs")).toDouble());
    outcome.deliveries = object->value(QStringLiteral("deliveries")).toInt(1);
    outcome.versions = versionsFrom(object->value(QStringLiteral("versions"))).value_or(QMap<QString, qint64>());
    outcome.log = object->value(QStringLiteral("log")).toString().toUtf8();
    for (const QJsonValue &value : object->value(QStringLiteral("problems")).toArray()) {
        const QJsonObject problem = value.toObject();
        outcome.problems.append({problem.value(QStringLiteral("level")).toString(),
                                 problem.value(QStringLiteral("file")).toString(),
                                 problem.value(QStringLiteral("line")).toInt(),
                                 problem.value(QStringLiteral("message")).toString()});
    }
    outcome.pdfBytes = qint64(object->value(QStringLiteral("pdfBytes")).toDouble());
    outcome.synctexBytes = qint64(object->value(QStringLiteral("synctexBytes")).toDouble());
    outcome.outputsTooLarge = object->value(QStringLiteral("outputsTooLarge")).toBool();
    return outcome;
}

} // namespace coauthor::sync
