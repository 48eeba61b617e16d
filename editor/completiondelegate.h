// CompletionDelegate: paints a completion candidate with its detail
// (CompletionModel::DetailRole) after it in a quieter colour, elided to fit.
#pragma once

#include <QStyledItemDelegate>

namespace coauthor::editor {

class CompletionDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Widest detail drawn, in average character widths (longer ones are elided).
    static constexpr int MaxDetailChars = 60;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace coauthor::editor
