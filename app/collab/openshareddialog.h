// OpenSharedDialog: "Open Shared Project…": server address, project id and
// token (typed, or pasted from an invitation) and the folder that becomes the
// local working copy.
#pragma once

#include "app/collab/sharelink.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace coauthor::app {

class OpenSharedDialog : public QDialog
{
    Q_OBJECT
public:
    explicit OpenSharedDialog(QWidget *parent = nullptr);

    ShareLink link() const;
    QString folder() const;
    // Fills the fields from an invitation ("Server: …", "Project: …", "Token …: …"); false when it has none.
    bool fillFromInvitation(const QString &text);
    // Documents/Coauthor/<name>.
    static QString defaultFolder(const QString &name);

    void accept() override;

private:
    QLineEdit *m_url = nullptr;
    QLineEdit *m_projectId = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_folder = nullptr;
    QLabel *m_error = nullptr;
    bool m_folderEdited = false;
};

} // namespace coauthor::app
