#include "app/collab/invitationspanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace coauthor::app {

InvitationsPanel::InvitationsPanel(QWidget *parent) : QGroupBox(tr("People"), parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Invite each person with their own token: the others see the name you give here, and "
                                "you can revoke one person without changing anybody else's token."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("Name of the person to invite"));
    m_name->setMaxLength(100);
    m_readOnly = new QCheckBox(tr("&Read-only"), this);
    m_readOnly->setToolTip(tr("They can follow the writing but not edit."));
    m_invite = new QPushButton(tr("&Invite"), this);
    row->addWidget(m_name, 1);
    row->addWidget(m_readOnly);
    row->addWidget(m_invite);
    layout->addLayout(row);
    connect(m_invite, &QPushButton::clicked, this, [this] { invite(m_name->text(), m_readOnly->isChecked()); });

    auto *messageRow = new QHBoxLayout;
    m_message = new QPlainTextEdit(this);
    m_message->setReadOnly(true);
    m_message->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_message->setPlaceholderText(tr("What to send the person you invite appears here."));
    m_message->setMaximumHeight(m_message->fontMetrics().lineSpacing() * 4 + 12);
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setToolTip(tr("Copy the invitation (Open Shared Project can paste it)"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_message->toPlainText()); });
    messageRow->addWidget(m_message, 1);
    messageRow->addWidget(copy, 0, Qt::AlignTop);
    layout->addLayout(messageRow);

    m_list = new QTreeWidget(this);
    m_list->setHeaderLabels({tr("Name"), tr("Access"), tr("State")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->setMinimumHeight(90);
    layout->addWidget(m_list);
    auto *revokeRow = new QHBoxLayout;
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #cf222e;"));
    m_error->hide();
    m_revoke = new QPushButton(tr("Re&voke"), this);
    m_revoke->setToolTip(tr("The person is disconnected at once and their token stops working."));
    m_revoke->setEnabled(false);
    revokeRow->addWidget(m_error, 1);
    revokeRow->addWidget(m_revoke);
    layout->addLayout(revokeRow);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_revoke->setEnabled(item && !m_guests.value(m_list->indexOfTopLevelItem(item)).revoked);
    });
    connect(m_revoke, &QPushButton::clicked, this, [this] {
        const int index = m_list->indexOfTopLevelItem(m_list->currentItem());
        if (index >= 0)
            revoke(m_guests.at(index).name);
    });
}

QString InvitationsPanel::invitationText(const QUrl &url, const QString &projectId, const QString &name,
                                         const QString &token, bool readOnly)
{
    // Open Shared Project reads the values by shape (the "label: value" lines), so the
    // first line, which holds the name, has no colon.
    return tr("Coauthor invitation for %1").arg(QString(name).remove(QLatin1Char(':'))) + u'\n'
           + tr("Server: %1\nProject: %2").arg(url.toString(), projectId) + u'\n'
           + (readOnly ? tr("Token (read-only): %1") : tr("Token (read-write): %1")).arg(token);
}

void InvitationsPanel::setProject(ServerHost *host, const QString &projectId, const QUrl &publicUrl)
{
    m_host = host;
    m_projectId = projectId;
    m_publicUrl = publicUrl;
    refresh();
}

bool InvitationsPanel::fail(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    return false;
}

bool InvitationsPanel::invite(const QString &name, bool readOnly)
{
    m_error->hide();
    m_error->clear();
    const QString person = name.trimmed();
    if (person.isEmpty())
        return fail(tr("Enter the name of the person to invite: the others see it next to their cursor."));
    if (!m_host)
        return fail(tr("Only a project hosted on this computer can invite people from here."));
    auto token = m_host->invite(m_projectId, person, readOnly);
    if (!token)
        return fail(token.error());
    m_message->setPlainText(invitationText(m_publicUrl, m_projectId, person, token.value(), readOnly));
    m_name->clear();
    m_readOnly->setChecked(false);
    refresh();
    return true;
}

bool InvitationsPanel::revoke(const QString &name)
{
    m_error->hide();
    m_error->clear();
    for (const ServerHost::Guest &guest : std::as_const(m_guests)) {
        if (guest.name != name || guest.revoked)
            continue;
        auto revoked = m_host->revoke(m_projectId, guest.id);
        if (!revoked)
            return fail(revoked.error());
        refresh();
        return true;
    }
    return fail(tr("Nobody called “%1” is invited.").arg(name));
}

void InvitationsPanel::refresh()
{
    m_list->clear();
    m_guests.clear();
    if (!m_host)
        return;
    auto listed = m_host->invitations(m_projectId);
    if (!listed) {
        fail(listed.error());
        return;
    }
    for (const ServerHost::Guest &guest : listed.value()) {
        if (guest.name.isEmpty())
            continue; // the project's own token (the host's), not a person invited here
        m_guests.append(guest);
        auto *item = new QTreeWidgetItem(m_list, {guest.name, guest.readOnly ? tr("Read-only") : tr("Can edit"),
                                                  guest.revoked ? tr("Revoked") : tr("Invited")});
        item->setDisabled(guest.revoked);
    }
    m_revoke->setEnabled(false);
}

QString InvitationsPanel::lastInvitation() const
{
    return m_message->toPlainText();
}

QStringList InvitationsPanel::activeNames() const
{
    QStringList names;
    for (const ServerHost::Guest &guest : m_guests)
        if (!guest.revoked)
            names.append(guest.name);
    return names;
}

QString InvitationsPanel::errorText() const
{
    return m_error->text();
}

} // namespace coauthor::app
