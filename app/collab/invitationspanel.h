// InvitationsPanel: "People" in the Share dialog of a hosted project. Makes one
// invitation per person (name, read-only), shows what to send that person, lists
// the invitations and revokes one; the server takes each person's name and
// identity from their own token, and closes a revoked person's connections.
#pragma once

#include "app/collab/serverhost.h"

#include <QGroupBox>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace coauthor::app {

class InvitationsPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit InvitationsPanel(QWidget *parent = nullptr);

    // The hosted project the invitations are for; lists its invitations.
    void setProject(ServerHost *host, const QString &projectId, const QUrl &publicUrl);

    // As the Invite and Revoke buttons do; false with errorText() on failure.
    bool invite(const QString &name, bool readOnly);
    bool revoke(const QString &name);
    // What to send one person: address, project id and their token, one a line.
    static QString invitationText(const QUrl &url, const QString &projectId, const QString &name, const QString &token,
                                  bool readOnly);
    // For tests and the screenshot.
    QString lastInvitation() const; // what to send the last person invited
    QStringList activeNames() const;
    QString errorText() const;

private:
    void refresh();
    bool fail(const QString &message);

    ServerHost *m_host = nullptr;
    QString m_projectId;
    QUrl m_publicUrl;
    QList<ServerHost::Guest> m_guests;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_readOnly = nullptr;
    QPushButton *m_invite = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_revoke = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace coauthor::app
