// ShareDialog: "Share Project…". Either hosts the project on this computer
// (starts the bundled coauthor-server, creates the project and its tokens) or
// uses a server someone runs (address, project id, read-write token); then
// hands the link to the window to upload the project and go live, and shows
// what to give to the others.
#pragma once

#include "app/collab/serverhost.h"
#include "app/collab/sharelink.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace coauthor::app {

class EncryptionMark;
class InvitationsPanel;

class ShareDialog : public QDialog
{
    Q_OBJECT
public:
    // share uploads the project to the link's server and goes live.
    using ShareFunction = std::function<sync::Result<void, QString>(const ShareLink &)>;

    ShareDialog(ServerHost *host, const QString &projectName, ShareFunction share, QWidget *parent = nullptr);

    // What to send to collaborators (addresses, project id, tokens), one item a line.
    // A self-signed wss:// server's certificate digest goes in too, for the joining app to pin.
    static QString invitationText(const QUrl &url, const QString &projectId, const QString &readWriteToken,
                                  const QString &readOnlyToken = {}, const QByteArray &certificateSha256 = {});
    // Remembered between runs; defaults to the login name.
    static QString defaultUserName();

    // For tests and the screenshot: the choices, and the result.
    void setHostOnThisComputer(bool host);
    void setListenHost(const QString &host);
    void setServer(const QString &url, const QString &projectId, const QString &token);
    void setUserName(const QString &name);
    // Runs the share (as the Share button does); false with errorText() on failure.
    bool share();
    QString errorText() const;
    QString invitation() const;
    ShareLink link() const { return m_link; }
    // The People box of a hosted project (one invitation per person); hidden otherwise.
    InvitationsPanel *invitations() const { return m_people; }

private:
    void updateMode();

    ServerHost *m_host;
    QString m_projectName;
    ShareFunction m_share;
    ShareLink m_link;
    QStackedWidget *m_pages = nullptr;
    QRadioButton *m_hostHere = nullptr;
    QRadioButton *m_useServer = nullptr;
    QWidget *m_hostBox = nullptr;
    QWidget *m_serverBox = nullptr;
    QComboBox *m_listen = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_projectId = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_shareButton = nullptr;
    QString m_invitation;
    QFormLayout *m_fields = nullptr;
    QLineEdit *m_shownUrl = nullptr;
    QLineEdit *m_shownProject = nullptr;
    QLineEdit *m_shownToken = nullptr;
    QLineEdit *m_shownReadOnly = nullptr;
    QLineEdit *m_shownFingerprint = nullptr;
    EncryptionMark *m_encryptionMark = nullptr;
    QLabel *m_readOnlyNote = nullptr;
    QLabel *m_hostNote = nullptr;
    InvitationsPanel *m_people = nullptr;
};

} // namespace coauthor::app
