#include "app/ui/welcomepage.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace coauthor::app {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
{
    auto *title = new QLabel(tr("Coauthor"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    title->setFont(big);

    auto *subtitle = new QLabel(tr("Write LaTeX documents, alone or together."), this);
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/coauthor.svg")).pixmap(96, 96));

    auto *create = new QPushButton(QIcon(QStringLiteral(":/icons/document-new.svg")), tr("New Project…"), this);
    create->setToolTip(tr("Start from a template: article, thesis, slides or letter"));
    connect(create, &QPushButton::clicked, this, &WelcomePage::newProjectRequested);
    auto *open = new QPushButton(QIcon(QStringLiteral(":/icons/folder-open.svg")), tr("Open Folder…"), this);
    open->setDefault(true);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openFolderRequested);
    auto *openShared = new QPushButton(QIcon(QStringLiteral(":/icons/sync.svg")), tr("Open Shared Project…"), this);
    openShared->setToolTip(tr("Join a project someone shared: server address, project id and token"));
    connect(openShared, &QPushButton::clicked, this, &WelcomePage::openSharedRequested);

    auto *recentLabel = new QLabel(tr("Recent projects"), this);
    QFont bold = recentLabel->font();
    bold.setBold(true);
    recentLabel->setFont(bold);
    m_recent->setMinimumHeight(160);
    m_recent->setMaximumHeight(300);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT openProjectRequested(item->data(Qt::UserRole).toString());
    });

    auto *column = new QVBoxLayout;
    auto *head = new QHBoxLayout;
    head->addWidget(icon);
    auto *titles = new QVBoxLayout;
    titles->addWidget(title);
    titles->addWidget(subtitle);
    head->addLayout(titles);
    head->addStretch();
    column->addLayout(head);
    column->addSpacing(24);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(open);
    buttons->addWidget(openShared);
    buttons->addStretch();
    column->addLayout(buttons);
    column->addSpacing(24);
    column->addWidget(recentLabel);
    column->addWidget(m_recent);
    column->addStretch(1);

    // A centred column of readable width, like a start page.
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto *holder = new QWidget(this);
    holder->setLayout(column);
    holder->setMaximumWidth(640);
    holder->setMinimumWidth(420);
    auto *vertical = new QVBoxLayout;
    vertical->addStretch(1);
    vertical->addWidget(holder, 4);
    vertical->addStretch(1);
    outer->addLayout(vertical, 3);
    outer->addStretch(1);
}

void WelcomePage::setRecentProjects(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/folder.svg")),
                                         QFileInfo(path).fileName() + QStringLiteral("  —  ")
                                             + QDir::toNativeSeparators(path),
                                         m_recent);
        item->setData(Qt::UserRole, path);
    }
    if (paths.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No recent projects yet."), m_recent);
        item->setFlags(Qt::NoItemFlags);
    }
}

} // namespace coauthor::app
