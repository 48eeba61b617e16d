// WordCountDialog: Tools → Word Count: the document's words per file and in
// total as TeXcount counts them (text, headers, captions; headers, floats and
// formulas), counted from the root document through its \input/\include, from
// the editors' current text where a file is open and from disk otherwise.
#pragma once

#include "wordcount/wordcounts.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QTableWidget;

namespace coauthor::app {

class WordCountDialog : public QDialog
{
    Q_OBJECT
public:
    // openTexts: the open files' current text by project-relative path (they win over disk).
    static wordcount::DocumentCount count(const QString &projectRoot, const QString &rootDocument,
                                          const QHash<QString, QString> &openTexts);

    explicit WordCountDialog(QWidget *parent = nullptr);
    void setCount(const QString &rootDocument, const wordcount::DocumentCount &count);

    QTableWidget *table() const { return m_table; }
    QString summary() const;

private:
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace coauthor::app
