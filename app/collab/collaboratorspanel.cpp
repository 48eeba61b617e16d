#include "app/collab/collaboratorspanel.h"

#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QVBoxLayout>

namespace coauthor::app {

namespace {

QIcon swatch(const QColor &colour)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(colour.darker(130));
    p.setBrush(colour);
    p.drawEllipse(QRectF(1, 1, 12, 12));
    return QIcon(pixmap);
}

} // namespace

CollaboratorsPanel::CollaboratorsPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_hint(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint);
    m_hint->setWordWrap(true);
    m_hint->setMargin(6);
    m_hint->setEnabled(false);
    m_list->setObjectName(QStringLiteral("collaboratorsList"));
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString path = item->data(Qt::UserRole).toString();
        if (!path.isEmpty())
            Q_EMIT fileRequested(path);
    });
    setCollaborators({}, false);
}

void CollaboratorsPanel::setCollaborators(const QList<CollaborationSession::Collaborator> &people, bool shared)
{
    m_list->clear();
    for (const CollaborationSession::Collaborator &c : people) {
        const QString text = c.path.isEmpty() ? c.name : tr("%1 — %2").arg(c.name, c.path);
        auto *item = new QListWidgetItem(swatch(c.colour), text, m_list);
        item->setData(Qt::UserRole, c.path);
        item->setToolTip(c.path.isEmpty() ? tr("%1 has no file open").arg(c.name)
                                          : tr("%1 is in %2").arg(c.name, c.path));
    }
    if (!shared)
        m_hint->setText(tr("This project is not shared. Use File → Share Project… to write together."));
    else if (people.isEmpty())
        m_hint->setText(tr("Nobody else is here right now."));
    m_hint->setVisible(!shared || people.isEmpty());
}

int CollaboratorsPanel::count() const
{
    return m_list->count();
}

QString CollaboratorsPanel::rowText(int row) const
{
    const QListWidgetItem *item = m_list->item(row);
    return item ? item->text() : QString();
}

} // namespace coauthor::app
