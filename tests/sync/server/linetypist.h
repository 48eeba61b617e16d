#pragma once

// LineTypist: a real client (SyncClient, its own working copy and journal) that
// types lines nobody else types ("<name> <n>") at the start of random lines of
// the project's docs, and remembers which doc got which line, so that a test can
// check that every line it typed is in the converged text exactly once.

#include "../client/syncclienttestutil.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTimer>

#include <map>
#include <memory>

namespace coauthor::sync::test {

class LineTypist
{
public:
    LineTypist(const QString &url, const QString &projectId, const QString &token, const QString &workingCopy,
               const QString &name, quint32 seed)
        : m_name(name), m_rng(seed)
    {
        client = openTestClient(QUrl(url), projectId, token, workingCopy, name, false);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { typeLine(); });
    }

    bool isOpen() const { return client != nullptr; }

    // One line into a random doc among docIds (those the client has joined).
    bool typeLine()
    {
        QStringList joined;
        for (const QString &doc : std::as_const(docIds))
            if (client->document(doc))
                joined.append(doc);
        if (joined.isEmpty())
            return false;
        const QString doc = joined.at(m_rng.bounded(int(joined.size())));
        const QString line = QStringLiteral("%1 %2").arg(m_name).arg(++m_count);
        if (!client->applyLocalEdit(doc, insertLine(m_rng, client->document(doc)->text(), line)).ok())
            return false;
        typed[doc].append(line);
        return true;
    }
    // Types a line every intervalMs until stopTyping().
    void startTyping(int intervalMs) { m_timer.start(intervalMs); }
    void stopTyping() { m_timer.stop(); }
    int linesTyped() const { return m_count; }

    QStringList docIds;
    std::map<QString, QStringList> typed; // doc -> lines typed into it
    std::unique_ptr<SyncClient> client;

private:
    QString m_name;
    QRandomGenerator m_rng;
    QTimer m_timer;
    int m_count = 0;
};

// Empty when every line each typist typed is in its doc's text exactly once;
// otherwise what is missing or doubled.
inline QString missingOrDoubledLines(const std::vector<std::unique_ptr<LineTypist>> &typists,
                                     const std::map<QString, QString> &texts)
{
    QStringList problems;
    for (const auto &t : typists) {
        for (const auto &[doc, lines] : t->typed) {
            const QStringList have = texts.at(doc).split(QLatin1Char('\n'));
            for (const QString &line : lines) {
                const qsizetype n = have.count(line);
                if (n != 1)
                    problems.append(QStringLiteral("'%1' %2 times in %3").arg(line).arg(n).arg(doc));
            }
        }
    }
    return problems.join(QStringLiteral("; "));
}

} // namespace coauthor::sync::test
