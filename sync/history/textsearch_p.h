#pragma once
// TextSearch: whether a doc contains a text, followed through its ops: after each
// component only the occurrences that can overlap the edit are counted again (a
// window of the needle's length around it), so a long history is searched in time
// proportional to its ops, not ops x text.
#include "sync/ot/textbuffer.h"
#include "sync/ot/textoperation.h"

#include <QList>
#include <QString>

#include <utility>

namespace coauthor::sync::history {

class TextSearch
{
public:
    TextSearch(const QString &initial, const QString &needle, Qt::CaseSensitivity cs);

    // The doc came to be at version (with its initial text).
    void start(qint64 version);
    // False when the op does not apply.
    bool apply(const ot::TextOperation &op, qint64 version);
    // The doc was removed at version.
    void end(qint64 version);

    bool present() const { return m_count > 0 && m_alive; }
    // (version, true: appears / false: disappears), oldest first.
    const QList<std::pair<qint64, bool>> &transitions() const { return m_transitions; }
    QString context() const { return m_context; }

private:
    qsizetype countIn(qsizetype from, qsizetype to) const;
    void note(qint64 version, qsizetype near);

    ot::TextBuffer m_text;
    QString m_needle;
    Qt::CaseSensitivity m_cs;
    qsizetype m_count = 0;
    bool m_alive = false;
    bool m_wasPresent = false;
    QList<std::pair<qint64, bool>> m_transitions;
    QString m_context;
};

} // namespace coauthor::sync::history
