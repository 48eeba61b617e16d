// ProblemsPanel: the errors, warnings and bad boxes of the last compile, with
// counts and filter buttons, and the raw log one click away. Activating a
// problem asks the window to open its file at its line.
#pragma once

#include "app/compile/problem.h"

#include <QWidget>

class QPlainTextEdit;
class QStackedWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace coauthor::app {

class ProblemsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProblemsPanel(QWidget *parent = nullptr);

    void setProblems(const QList<Problem> &problems);
    QList<Problem> problems() const { return m_problems; }
    void setRawLog(const QString &text);
    QString rawLog() const;
    void clear();

    int count(Problem::Kind kind) const;
    // A short summary for the dock title ("Problems (2 errors, 1 warning)").
    QString title() const;

    QTreeWidget *list() const { return m_list; }
    void showRawLog(bool show);
    bool isRawLogShown() const;
    void setKindVisible(Problem::Kind kind, bool visible);

Q_SIGNALS:
    void problemActivated(const QString &file, int line);
    void titleChanged(const QString &title);

private:
    void rebuild();
    void applyFilters();
    void activate(QTreeWidgetItem *item);
    QToolButton *makeFilterButton(const QString &icon);

    QList<Problem> m_problems;
    QTreeWidget *m_list = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QStackedWidget *m_stack = nullptr;
    QToolButton *m_errors = nullptr;
    QToolButton *m_warnings = nullptr;
    QToolButton *m_badBoxes = nullptr;
    QToolButton *m_rawLog = nullptr;
};

} // namespace coauthor::app
