// OpenSharedDialog: "Open Shared Project…": server address, project id and
// token (typed, or pasted from an invitation) and the folder that becomes the
// local working copy. Open joins from inside the dialog: after any error it
// stays open with everything as typed and says what went wrong.
#pragma once

#include "app/collab/sharelink.h"
#include "sync/common/result.h"

#include <QDialog>
#include <QList>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace coauthor::app {

class OpenSharedDialog : public QDialog
{
    Q_OBJECT
public:
    // join opens the shared project (folder, link) and asks cancelled while it
    // waits (Cancel pressed meanwhile); its failure is shown in the dialog.
    using JoinFunction = std::function<sync::Result<void, QString>(const QString &folder, const ShareLink &link,
                                                                   const std::function<bool()> &cancelled)>;

    explicit OpenSharedDialog(JoinFunction join = {}, QWidget *parent = nullptr);

    ShareLink link() const;
    QString folder() const;
    // Fills the fields from an invitation ("Server: …", "Project: …", "Token …: …"); false when it has none.
    bool fillFromInvitation(const QString &text);
    // Documents/Coauthor/<name>.
    static QString defaultFolder(const QString &name);

    // Checks the fields, then joins: closes on success, else shows why and keeps every field.
    void accept() override;
    // While a join runs, Cancel stops the join and the dialog stays; else it closes.
    void reject() override;
    bool isJoining() const { return m_joining; }
    // What went wrong last (a field, or the join); empty when nothing.
    QString errorText() const;

private:
    void showError(const QString &text);

    void setFieldsEnabled(bool enabled);

    JoinFunction m_join;
    QPushButton *m_openButton = nullptr;
    QList<QWidget *> m_fields; // what is disabled while a join runs
    bool m_joining = false;
    bool m_cancelRequested = false;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_projectId = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_fingerprint = nullptr; // of a self-signed wss:// server's certificate, to pin
    QLineEdit *m_name = nullptr;
    QLineEdit *m_folder = nullptr;
    QLabel *m_error = nullptr;
    bool m_folderEdited = false;
};

} // namespace coauthor::app
