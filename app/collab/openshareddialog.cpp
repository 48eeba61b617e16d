#include "app/collab/openshareddialog.h"

#include "app/collab/sharedialog.h"
#include "app/project/project.h"
#include "sync/client/certificatepin.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace coauthor::app {

OpenSharedDialog::OpenSharedDialog(JoinFunction join, QWidget *parent)
    : QDialog(parent)
    , m_join(std::move(join))
{
    setWindowTitle(tr("Open Shared Project"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Join a project someone shared with you. Its files are copied into a folder on this "
                                "computer, which stays in step with the others while you are online."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("ws://server:7420/"));
    form->addRow(tr("Server address:"), m_url);
    m_projectId = new QLineEdit(this);
    form->addRow(tr("Project id:"), m_projectId);
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    form->addRow(tr("Token:"), m_token);
    m_fingerprint = new QLineEdit(this);
    m_fingerprint->setPlaceholderText(tr("from the invitation; empty: trust the first one seen"));
    form->addRow(tr("Certificate (SHA-256):"), m_fingerprint);
    m_name = new QLineEdit(ShareDialog::defaultUserName(), this);
    form->addRow(tr("Your name:"), m_name);
    auto *folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(this);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Local folder:"), folderRow);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #cf222e;"));
    m_error->hide();
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    QPushButton *paste = buttons->addButton(tr("&Paste Invitation"), QDialogButtonBox::ActionRole);
    m_openButton = buttons->button(QDialogButtonBox::Open);
    m_fields = {m_url, m_projectId, m_token, m_fingerprint, m_name, m_folder, browse, paste, m_openButton};
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &OpenSharedDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(paste, &QPushButton::clicked, this, [this] {
        if (!fillFromInvitation(QApplication::clipboard()->text()))
            showError(tr("The clipboard holds no invitation."));
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Local Folder"), m_folder->text());
        if (!dir.isEmpty()) {
            m_folder->setText(dir);
            m_folderEdited = true;
        }
    });
    connect(m_folder, &QLineEdit::textEdited, this, [this] { m_folderEdited = true; });
    connect(m_projectId, &QLineEdit::textChanged, this, [this](const QString &id) {
        if (!m_folderEdited)
            m_folder->setText(defaultFolder(id.trimmed().isEmpty() ? tr("Shared project") : id.trimmed()));
    });
    m_folder->setText(defaultFolder(tr("Shared project")));
    resize(560, 300);
}

QString OpenSharedDialog::defaultFolder(const QString &name)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString safe = Project::portableName(name);
    return QDir(documents).filePath(QStringLiteral("Coauthor/") + (safe.isEmpty() ? tr("Shared project") : safe));
}

bool OpenSharedDialog::fillFromInvitation(const QString &text)
{
    // The labels are translated in the invitation; the values are recognised by shape.
    const QRegularExpression url(QStringLiteral("(wss?://\\S+)"));
    const QRegularExpression line(QStringLiteral("^[^:\\n]*:\\s*(\\S+)\\s*$"), QRegularExpression::MultilineOption);
    const auto address = url.match(text);
    if (!address.hasMatch())
        return false;
    QStringList values;
    for (auto it = line.globalMatch(text); it.hasNext();)
        values << it.next().captured(1);
    values.removeIf([](const QString &v) { return v.contains(QLatin1String("://")); });
    // The certificate's fingerprint is recognised by its shape too (32 hex pairs).
    QString fingerprint;
    values.removeIf([&fingerprint](const QString &v) {
        if (sync::CertificatePin::parse(v).isEmpty())
            return false;
        fingerprint = v;
        return true;
    });
    if (values.size() < 2)
        return false;
    m_url->setText(address.captured(1));
    m_projectId->setText(values.at(0));
    m_token->setText(values.at(1));
    m_fingerprint->setText(fingerprint);
    return true;
}

ShareLink OpenSharedDialog::link() const
{
    ShareLink link;
    link.url = ShareLink::urlFromText(m_url->text());
    link.projectId = m_projectId->text().trimmed();
    link.token = m_token->text().trimmed();
    link.name = m_name->text().trimmed();
    link.certificateSha256 = sync::CertificatePin::parse(m_fingerprint->text());
    return link;
}

QString OpenSharedDialog::folder() const
{
    return QDir::cleanPath(QDir::fromNativeSeparators(m_folder->text().trimmed()));
}

void OpenSharedDialog::accept()
{
    const ShareLink l = link();
    QString error;
    if (!l.url.isValid())
        error = tr("The server address is not valid (for example ws://server:7420/).");
    else if (!m_fingerprint->text().trimmed().isEmpty() && l.certificateSha256.isEmpty())
        error = tr("The certificate's fingerprint is not valid (32 pairs of hex digits, as in the invitation).");
    else if (l.projectId.isEmpty() || l.token.isEmpty())
        error = tr("Enter the project id and the token you were given.");
    else if (l.name.isEmpty())
        error = tr("Enter your name: the others see it next to your cursor.");
    else if (folder().isEmpty())
        error = tr("Choose a folder for the working copy.");
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    QSettings().setValue(QStringLiteral("collab/name"), l.name);
    if (m_join) {
        if (m_joining)
            return; // one join at a time
        m_error->hide();
        // The fields stay as they are, read-only meanwhile; Cancel stays to stop the join.
        setFieldsEnabled(false);
        m_joining = true;
        m_cancelRequested = false;
        const auto joined = m_join(folder(), l, [this] { return m_cancelRequested; });
        m_joining = false;
        setFieldsEnabled(true);
        if (!joined) {
            showError(joined.error());
            return;
        }
    }
    QDialog::accept();
}

void OpenSharedDialog::reject()
{
    if (m_joining) {
        m_cancelRequested = true; // the join returns "Cancelled." and the dialog stays
        return;
    }
    QDialog::reject();
}

void OpenSharedDialog::setFieldsEnabled(bool enabled)
{
    for (QWidget *w : std::as_const(m_fields))
        w->setEnabled(enabled);
}

void OpenSharedDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

QString OpenSharedDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace coauthor::app
