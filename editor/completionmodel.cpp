#include "editor/completionmodel.h"

namespace coauthor::editor {

CompletionModel::CompletionModel(QObject *parent) : QStringListModel(parent) { }

void CompletionModel::setDetailProvider(std::function<QString(const QString &)> provider)
{
    m_detail = std::move(provider);
}

QVariant CompletionModel::data(const QModelIndex &index, int role) const
{
    if (role == DetailRole || role == Qt::ToolTipRole) {
        if (!m_detail || !index.isValid())
            return {};
        const QString detail = m_detail(QStringListModel::data(index, Qt::DisplayRole).toString());
        return detail.isEmpty() ? QVariant() : QVariant(detail);
    }
    return QStringListModel::data(index, role);
}

} // namespace coauthor::editor
