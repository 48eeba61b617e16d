// VersionView: a file as it was at a version, read-only, with what a change (or
// the compare of two versions) inserted and deleted marked in the colour of who
// did it: insertions on their colour, deletions struck through on a paler one.
// The marks are extra selections over plain text, as the spell squiggles are.
#pragma once

#include "sync/history/historytypes.h"

#include <QPlainTextEdit>

#include <functional>

namespace coauthor::app {

class VersionView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit VersionView(QWidget *parent = nullptr);

    // Shows diff: the later text with the deleted runs in place, the first change in view.
    void showDiff(const sync::history::Diff &diff);
    // A text without marks (a message, or a version nobody changed).
    void showText(const QString &text);

    // What is shown, for tests: the runs in order, and how many are marked.
    const QList<sync::history::DiffSegment> &segments() const { return m_segments; }
    int insertedCount() const { return m_inserted; }
    int deletedCount() const { return m_deleted; }
    // The colour an author's marks have (the collaborators panel's colour for them).
    static QColor colorFor(const QString &memberId);

private:
    QList<sync::history::DiffSegment> m_segments;
    int m_inserted = 0;
    int m_deleted = 0;
};

} // namespace coauthor::app
