#pragma once

#include <QSet>
#include <QString>

#include <optional>

namespace coauthor::compile {

// The files one TeX run read and wrote, from its -recorder log (JOB.fls): "PWD dir",
// "INPUT path", "OUTPUT path" lines, paths relative to PWD or absolute. Stored as
// clean absolute paths.
class RecorderLog
{
public:
    static std::optional<RecorderLog> read(const QString &flsPath);
    static RecorderLog parse(const QByteArray &text, const QString &defaultDir);

    QSet<QString> inputs() const { return m_inputs; }
    QSet<QString> outputs() const { return m_outputs; }

private:
    QSet<QString> m_inputs;
    QSet<QString> m_outputs;
};

} // namespace coauthor::compile
