#pragma once

// Metrics: what this server instance counts for its operators' /metrics (docs/protocol.md,
// "HTTP"): counters only grow, so Prometheus takes rates of them (ops/s is
// rate(coauthor_ops_applied_total[1m])); gauges are sampled when scraped, not kept here.
// PrometheusText writes them in Prometheus' text exposition format (version 0.0.4).

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace coauthor::sync {

// Observations into cumulative buckets (le = upper bound, inclusive), as Prometheus has them.
class Histogram
{
public:
    explicit Histogram(QList<double> upperBounds) : m_bounds(std::move(upperBounds)), m_counts(m_bounds.size(), 0) {}
    void observe(double value);
    const QList<double> &upperBounds() const { return m_bounds; }
    // Observations <= upperBounds()[i] (cumulative).
    qint64 cumulativeCount(qsizetype i) const;
    qint64 count() const { return m_count; }
    double sum() const { return m_sum; }

private:
    QList<double> m_bounds;
    QList<qint64> m_counts; // per bucket, not cumulative
    qint64 m_count = 0;
    double m_sum = 0;
};

struct Metrics
{
    qint64 opsApplied = 0;        // updates applied through this instance (duplicates not counted)
    qint64 opsRejected = 0;       // updateError answers
    qint64 connectionsAccepted = 0; // TCP (or TLS) connections taken by the limiter
    qint64 webSocketSessions = 0;   // WebSocket handshakes completed
    QMap<int, qint64> httpResponses; // by status code
    QMap<QString, qint64> compilesRequested; // by outcome of the request: "queued" or the error code
    QMap<QString, qint64> compilesFinished;  // by status, of the jobs requested through this instance
    // startedAt -> finishedAt of the jobs requested here, as their stored outcomes say.
    Histogram compileSeconds{{0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300}};
    Histogram compileQueueSeconds{{0.1, 0.5, 1, 2, 5, 10, 30, 60, 300}};
};

// One metric family after another: # HELP, # TYPE, then its samples.
class PrometheusText
{
public:
    using Labels = QList<std::pair<QByteArray, QString>>;
    void counter(const QByteArray &name, const QByteArray &help, double value, const Labels &labels = {});
    void gauge(const QByteArray &name, const QByteArray &help, double value, const Labels &labels = {});
    // A family with several labelled samples: family() once, then sample() per label set.
    void family(const QByteArray &name, const QByteArray &type, const QByteArray &help);
    void sample(const QByteArray &name, double value, const Labels &labels = {});
    void histogram(const QByteArray &name, const QByteArray &help, const Histogram &histogram);
    QByteArray text() const { return m_text; }

    static constexpr const char *contentType = "text/plain; version=0.0.4; charset=utf-8";

private:
    QByteArray m_text;
};

} // namespace coauthor::sync
