// NewProjectDialog: File → New Project… and the start page's New Project: a
// template (article, thesis, slides, letter), the title and author it is filled
// with, and where the folder goes. Creating it keeps every field when it fails
// (a folder that exists, a disk that is full) and says why.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace coauthor::app {

class NewProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    // The folder of the project made, once accepted.
    QString createdFolder() const { return m_created; }
    // The folder it would make now: location / name.
    QString targetFolder() const;

    QListWidget *templateList() const { return m_templates; }
    QLineEdit *titleField() const { return m_title; }
    QLineEdit *authorField() const { return m_author; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *locationField() const { return m_location; }
    QString errorText() const;

    // Makes the project; false (and the reason shown) when it cannot.
    bool create();

    // A folder name for a title: what the file systems of Windows, macOS and Linux accept.
    static QString folderNameFor(const QString &title);

private:
    void updateTarget();

    QListWidget *m_templates;
    QLineEdit *m_title;
    QLineEdit *m_author;
    QLineEdit *m_name;
    QLineEdit *m_location;
    QLabel *m_target;
    QLabel *m_error;
    bool m_nameEdited = false;
    QString m_created;
};

} // namespace coauthor::app
