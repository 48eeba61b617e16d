#pragma once

// What the SyncClient end-to-end tests share: a client opened on a test server
// with short reconnect backoffs, the check that two clients agree on a doc, and
// an insert of a whole line that never splits another.

#include "sync/client/syncclient.h"

#include <QDebug>
#include <QRandomGenerator>
#include <QUrl>

#include <memory>

namespace coauthor::sync::test {

// nullptr (with a warning saying why) when the working copy cannot be opened.
inline std::unique_ptr<SyncClient> openTestClient(const QUrl &url, const QString &projectId, const QString &token,
                                                  const QString &workingCopy, const QString &name, bool mirror = true)
{
    auto c = std::make_unique<SyncClient>();
    SyncClient::Options o;
    o.url = url;
    o.projectId = projectId;
    o.token = token;
    o.name = name;
    o.workingCopy = workingCopy;
    o.mirrorFiles = mirror;
    o.minBackoffMs = 50;
    o.maxBackoffMs = 1000;
    auto opened = c->open(o);
    if (!opened) {
        qWarning() << opened.error();
        return nullptr;
    }
    return c;
}

// Both synchronized, at the same version of docId with the same text.
inline bool converged(SyncClient &a, SyncClient &b, const QString &docId)
{
    return a.isSynchronized() && b.isSynchronized() && a.document(docId) && b.document(docId)
           && a.document(docId)->version() == b.document(docId)->version()
           && a.document(docId)->text() == b.document(docId)->text();
}

// Inserts line at the start of a random line, so that lines never split each other.
inline ot::TextOperation insertLine(QRandomGenerator &rng, const QString &text, const QString &line)
{
    QList<qsizetype> starts{0};
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n'))
            starts.append(i + 1);
    }
    return ot::TextOperation({ot::Component::insert(starts.at(rng.bounded(int(starts.size()))), line + QLatin1Char('\n'))});
}

} // namespace coauthor::sync::test
