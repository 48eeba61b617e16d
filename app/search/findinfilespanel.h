// FindInFilesPanel: the Find in Files dock's widget: what to find and what to
// replace it with, the options, and the matches grouped by file with their line
// (the match marked). It only shows and asks; SearchFeature searches and replaces.
#pragma once

#include "app/search/textsearch.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace coauthor::app {

class FindInFilesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FindInFilesPanel(QWidget *parent = nullptr);

    SearchQuery query() const;
    QString replacement() const;
    // Puts text into the find field (e.g. the editor's selection), selects it and focuses it.
    void focusFind(const QString &text = {});

    void setResults(const QList<SearchMatch> &matches, int fileCount, bool truncated);
    void setStatus(const QString &text);
    // The matches of the selected rows (a file row stands for all of its matches).
    QList<SearchMatch> selectedMatches() const;
    QList<SearchMatch> allMatches() const { return m_matches; }

    QLineEdit *findField() const { return m_find; }
    QLineEdit *replaceField() const { return m_replace; }
    QTreeWidget *resultsView() const { return m_results; }
    QCheckBox *regularExpressionBox() const { return m_regex; }

Q_SIGNALS:
    void searchRequested();
    void replaceSelectedRequested();
    void replaceAllRequested();
    void matchActivated(const coauthor::app::SearchMatch &match);

private:
    void updateButtons();
    void onActivated(QTreeWidgetItem *item);

    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_regex;
    QCheckBox *m_case;
    QCheckBox *m_word;
    QPushButton *m_search;
    QPushButton *m_replaceSelected;
    QPushButton *m_replaceAll;
    QLabel *m_status;
    QTreeWidget *m_results;
    QList<SearchMatch> m_matches;
};

} // namespace coauthor::app
