#pragma once

// A LaTeX project made by a test, as compile resources: text documents by content,
// binary files from disk.
#include "compile/compilerequest.h"

#include <QMap>
#include <QString>

namespace coauthor::compile::test {

inline CompileRequest makeRequest(const QString &projectId, const QMap<QString, QByteArray> &docs,
                                  const QString &root = QStringLiteral("main.tex"))
{
    CompileRequest request;
    request.projectId = projectId;
    request.rootDocument = root;
    for (auto it = docs.begin(); it != docs.end(); ++it)
        request.resources.append({it.key(), it.value(), QString()});
    request.options.timeoutSeconds = 60;
    return request;
}

inline void setDoc(CompileRequest &request, const QString &path, const QByteArray &content)
{
    for (Resource &resource : request.resources) {
        if (resource.path == path) {
            resource.content = content;
            return;
        }
    }
    request.resources.append({path, content, QString()});
}

} // namespace coauthor::compile::test
