#include "app/collab/sharedialog.h"

#include "app/collab/encryptionmark.h"
#include "sync/client/certificatepin.h"
#include "app/collab/invitationspanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace coauthor::app {

ShareDialog::ShareDialog(ServerHost *host, const QString &projectName, ShareFunction share, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_projectName(projectName)
    , m_share(std::move(share))
{
    setWindowTitle(tr("Share Project “%1”").arg(projectName));
    m_pages = new QStackedWidget(this);

    // Page 1: how to share.
    auto *choose = new QWidget(this);
    auto *chooseLayout = new QVBoxLayout(choose);
    auto *intro = new QLabel(tr("Sharing uploads this project to a Coauthor server. This folder stays your working "
                                "copy: edits are saved into it and sent to the others as you type."),
                             choose);
    intro->setWordWrap(true);
    chooseLayout->addWidget(intro);

    m_hostHere = new QRadioButton(tr("&Host on this computer"), choose);
    chooseLayout->addWidget(m_hostHere);
    m_hostBox = new QWidget(choose);
    auto *hostForm = new QFormLayout(m_hostBox);
    hostForm->setContentsMargins(24, 0, 0, 0);
    m_listen = new QComboBox(m_hostBox);
    // Others can join only over the network, which is why one hosts; so that is
    // the default, encrypted (wss://, a self-signed certificate the invitation
    // names). "This computer only" stays plain ws://: nothing crosses a network.
    m_listen->addItem(tr("All network interfaces, encrypted (others can join)"), QStringLiteral("0.0.0.0"));
    m_listen->addItem(tr("This computer only"), QStringLiteral("127.0.0.1"));
    m_listen->setEditable(false);
    hostForm->addRow(tr("Listen on:"), m_listen);
    m_port = new QSpinBox(m_hostBox);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setValue(0);
    hostForm->addRow(tr("Port:"), m_port);
    chooseLayout->addWidget(m_hostBox);

    m_useServer = new QRadioButton(tr("Use an &existing server"), choose);
    chooseLayout->addWidget(m_useServer);
    m_serverBox = new QWidget(choose);
    auto *serverForm = new QFormLayout(m_serverBox);
    serverForm->setContentsMargins(24, 0, 0, 0);
    m_url = new QLineEdit(m_serverBox);
    m_url->setPlaceholderText(QStringLiteral("ws://server:7420/"));
    serverForm->addRow(tr("Server address:"), m_url);
    m_projectId = new QLineEdit(m_serverBox);
    m_projectId->setPlaceholderText(tr("an empty project made with “coauthor-server project create”"));
    serverForm->addRow(tr("Project id:"), m_projectId);
    m_token = new QLineEdit(m_serverBox);
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    serverForm->addRow(tr("Read-write token:"), m_token);
    chooseLayout->addWidget(m_serverBox);

    auto *nameForm = new QFormLayout;
    m_name = new QLineEdit(defaultUserName(), choose);
    nameForm->addRow(tr("Your name:"), m_name);
    chooseLayout->addLayout(nameForm);
    m_error = new QLabel(choose);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #cf222e;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    chooseLayout->addWidget(m_error);
    chooseLayout->addStretch(1);
    auto *chooseButtons = new QDialogButtonBox(QDialogButtonBox::Cancel, choose);
    m_shareButton = chooseButtons->addButton(tr("&Share"), QDialogButtonBox::AcceptRole);
    connect(chooseButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_shareButton, &QPushButton::clicked, this, &ShareDialog::share);
    chooseLayout->addWidget(chooseButtons);

    // Page 2: what to give to the others, each value easy to copy.
    auto *done = new QWidget(this);
    auto *doneLayout = new QVBoxLayout(done);
    auto *doneText = new QLabel(tr("The project is shared and this folder is live. Give the others the server "
                                   "address, the project id and a token; they open it with File → Open Shared "
                                   "Project…"),
                                done);
    doneText->setWordWrap(true);
    doneLayout->addWidget(doneText);
    auto *fields = new QFormLayout;
    m_fields = fields;
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto addField = [&](const QString &label, QLineEdit *&edit) {
        auto *row = new QHBoxLayout;
        edit = new QLineEdit(done);
        edit->setReadOnly(true);
        edit->setFont(fixed);
        auto *copy = new QToolButton(done);
        copy->setText(tr("Copy"));
        copy->setToolTip(tr("Copy %1").arg(label));
        connect(copy, &QToolButton::clicked, edit, [edit] { QApplication::clipboard()->setText(edit->text()); });
        row->addWidget(edit, 1);
        row->addWidget(copy);
        fields->addRow(label, row);
    };
    addField(tr("Server address:"), m_shownUrl);
    addField(tr("Project id:"), m_shownProject);
    addField(tr("Read-write token:"), m_shownToken);
    addField(tr("Read-only token:"), m_shownReadOnly);
    addField(tr("Certificate (SHA-256):"), m_shownFingerprint);
    doneLayout->addLayout(fields);
    m_encryptionMark = new EncryptionMark(done);
    m_encryptionMark->setWordWrap(true);
    m_encryptionMark->setText(tr("⚠ Not encrypted: this server is reached over the network by ws://, so anyone on "
                                 "the way can read the token and the text. Prefer a wss:// address."));
    doneLayout->addWidget(m_encryptionMark);
    m_readOnlyNote = new QLabel(tr("A read-only token lets someone follow the writing without editing."), done);
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->setEnabled(false);
    doneLayout->addWidget(m_readOnlyNote);
    m_hostNote = new QLabel(tr("The server runs in this app: it stops when Coauthor quits, and starts again when "
                               "you open this folder."),
                            done);
    m_hostNote->setWordWrap(true);
    m_hostNote->setEnabled(false);
    doneLayout->addWidget(m_hostNote);
    m_people = new InvitationsPanel(done);
    m_people->hide();
    doneLayout->addWidget(m_people, 1);
    doneLayout->addStretch(1);
    auto *doneButtons = new QDialogButtonBox(QDialogButtonBox::Close, done);
    QPushButton *copyAll = doneButtons->addButton(tr("Copy &All"), QDialogButtonBox::ActionRole);
    copyAll->setToolTip(tr("Copy everything as one message (Open Shared Project can paste it)"));
    connect(copyAll, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_invitation); });
    connect(doneButtons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    doneLayout->addWidget(doneButtons);

    m_pages->addWidget(choose);
    m_pages->addWidget(done);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    connect(m_hostHere, &QRadioButton::toggled, this, &ShareDialog::updateMode);
    m_hostHere->setChecked(true);
    updateMode();
    resize(640, 420);
}

QString ShareDialog::defaultUserName()
{
    QString name = QSettings().value(QStringLiteral("collab/name")).toString();
    if (name.isEmpty())
        name = qEnvironmentVariable("USER");
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

QString ShareDialog::invitationText(const QUrl &url, const QString &projectId, const QString &readWriteToken,
                                    const QString &readOnlyToken, const QByteArray &certificateSha256)
{
    QString text = tr("Server: %1\nProject: %2\nToken (read-write): %3").arg(url.toString(), projectId, readWriteToken);
    if (!readOnlyToken.isEmpty())
        text += u'\n' + tr("Token (read-only): %1").arg(readOnlyToken);
    if (!certificateSha256.isEmpty())
        text += u'\n' + tr("Certificate (SHA-256): %1").arg(sync::CertificatePin::format(certificateSha256));
    return text;
}

void ShareDialog::updateMode()
{
    m_hostBox->setEnabled(m_hostHere->isChecked());
    m_serverBox->setEnabled(!m_hostHere->isChecked());
}

void ShareDialog::setHostOnThisComputer(bool host)
{
    (host ? m_hostHere : m_useServer)->setChecked(true);
}

void ShareDialog::setListenHost(const QString &host)
{
    const int index = m_listen->findData(host);
    if (index >= 0)
        m_listen->setCurrentIndex(index);
}

void ShareDialog::setServer(const QString &url, const QString &projectId, const QString &token)
{
    m_url->setText(url);
    m_projectId->setText(projectId);
    m_token->setText(token);
}

void ShareDialog::setUserName(const QString &name)
{
    m_name->setText(name);
}

QString ShareDialog::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

QString ShareDialog::invitation() const
{
    return m_invitation;
}

bool ShareDialog::share()
{
    auto fail = [this](const QString &message) {
        m_error->setText(message);
        m_error->show();
        return false;
    };
    m_error->clear();
    m_error->hide();
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return fail(tr("Enter your name: the others see it next to your cursor."));
    QSettings().setValue(QStringLiteral("collab/name"), name);

    ShareLink link;
    link.name = name;
    QString readOnlyToken;
    QUrl publicUrl;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_shareButton->setEnabled(false);
    auto restore = qScopeGuard([this] {
        QApplication::restoreOverrideCursor();
        m_shareButton->setEnabled(true);
    });
    if (m_hostHere->isChecked()) {
        auto invitation = m_host->createProject(m_projectName);
        if (!invitation)
            return fail(invitation.error());
        auto started = m_host->start(m_listen->currentData().toString(), quint16(m_port->value()));
        if (!started)
            return fail(tr("The server did not start: %1").arg(started.error()));
        link.url = m_host->localUrl();
        link.projectId = invitation.value().projectId;
        link.token = invitation.value().readWriteToken;
        link.hostListen = m_host->listenAddress();
        link.certificateSha256 = m_host->certificateSha256();
        readOnlyToken = invitation.value().readOnlyToken;
        publicUrl = m_host->publicUrl();
    } else {
        link.url = ShareLink::urlFromText(m_url->text());
        link.projectId = m_projectId->text().trimmed();
        link.token = m_token->text().trimmed();
        if (!link.url.isValid())
            return fail(tr("The server address is not valid (for example ws://server:7420/)."));
        if (!link.isValid())
            return fail(tr("Enter the project id and a read-write token."));
        publicUrl = link.url;
    }
    auto shared = m_share(link);
    if (!shared)
        return fail(shared.error());
    m_link = link;
    m_invitation = invitationText(publicUrl, link.projectId, link.token, readOnlyToken, link.certificateSha256);
    m_shownFingerprint->setText(sync::CertificatePin::format(link.certificateSha256));
    m_fields->setRowVisible(4, !link.certificateSha256.isEmpty());
    if (!link.certificateSha256.isEmpty()) {
        // The fingerprint's 95 characters, whole: people compare them by eye.
        const QFontMetrics metrics(m_shownFingerprint->font());
        m_shownFingerprint->setMinimumWidth(metrics.horizontalAdvance(m_shownFingerprint->text()) + 2 * metrics.averageCharWidth());
        resize(qMax(width(), sizeHint().width()), height());
    }
    m_encryptionMark->setServer(publicUrl);
    m_shownUrl->setText(publicUrl.toString());
    m_shownProject->setText(link.projectId);
    m_shownToken->setText(link.token);
    m_shownReadOnly->setText(readOnlyToken);
    const bool hosted = !link.hostListen.isEmpty();
    m_fields->setRowVisible(3, !readOnlyToken.isEmpty()); // only a hosted project has one to show
    m_readOnlyNote->setVisible(!readOnlyToken.isEmpty());
    m_hostNote->setVisible(hosted);
    // Only the host can run the server's invite commands; on someone else's server
    // its operator makes the invitations (coauthor-server invite create).
    m_people->setVisible(hosted);
    if (hosted) {
        m_people->setProject(m_host, link.projectId, publicUrl);
        resize(width(), qMax(height(), 640));
    }
    m_pages->setCurrentIndex(1);
    return true;
}

} // namespace coauthor::app
