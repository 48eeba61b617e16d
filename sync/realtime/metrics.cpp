#include "sync/realtime/metrics.h"

#include <cmath>

namespace coauthor::sync {

namespace {

QByteArray number(double value)
{
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', 12);
}

// Label values escape backslash, double quote and line feed (the exposition format's rules).
QByteArray labelValue(const QString &value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

} // namespace

void Histogram::observe(double value)
{
    ++m_count;
    m_sum += value;
    for (qsizetype i = 0; i < m_bounds.size(); ++i) {
        if (value <= m_bounds.at(i)) {
            ++m_counts[i];
            return;
        }
    }
}

qint64 Histogram::cumulativeCount(qsizetype i) const
{
    qint64 total = 0;
    for (qsizetype k = 0; k <= i && k < m_counts.size(); ++k)
        total += m_counts.at(k);
    return total;
}

void PrometheusText::family(const QByteArray &name, const QByteArray &type, const QByteArray &help)
{
    m_text += "# HELP " + name + ' ' + help + '\n';
    m_text += "# TYPE " + name + ' ' + type + '\n';
}

void PrometheusText::sample(const QByteArray &name, double value, const Labels &labels)
{
    m_text += name;
    if (!labels.isEmpty()) {
        m_text += '{';
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                m_text += ',';
            m_text += labels.at(i).first + "=\"" + labelValue(labels.at(i).second) + '"';
        }
        m_text += '}';
    }
    m_text += ' ' + number(value) + '\n';
}

void PrometheusText::counter(const QByteArray &name, const QByteArray &help, double value, const Labels &labels)
{
    family(name, "counter", help);
    sample(name, value, labels);
}

void PrometheusText::gauge(const QByteArray &name, const QByteArray &help, double value, const Labels &labels)
{
    family(name, "gauge", help);
    sample(name, value, labels);
}

void PrometheusText::histogram(const QByteArray &name, const QByteArray &help, const Histogram &histogram)
{
    family(name, "histogram", help);
    const QList<double> &bounds = histogram.upperBounds();
    for (qsizetype i = 0; i < bounds.size(); ++i)
        sample(name + "_bucket", double(histogram.cumulativeCount(i)), {{"le", QString::fromLatin1(number(bounds.at(i)))}});
    sample(name + "_bucket", double(histogram.count()), {{"le", QStringLiteral("+Inf")}});
    sample(name + "_sum", histogram.sum());
    sample(name + "_count", double(histogram.count()));
}

} // namespace coauthor::sync
