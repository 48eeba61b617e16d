#include "editor/completiondelegate.h"

#include "editor/completionmodel.h"

#include <QApplication>
#include <QPainter>

namespace coauthor::editor {

namespace {

constexpr int Gap = 16; // between the key and its detail

} // namespace

void CompletionDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QString detail = index.data(CompletionModel::DetailRole).toString();
    if (detail.isEmpty())
        return;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QFontMetrics fm(opt.font);
    const int keyRight = opt.rect.left() + 4 + fm.horizontalAdvance(opt.text) + Gap;
    const QRect room(keyRight, opt.rect.top(), opt.rect.right() - keyRight - 4, opt.rect.height());
    if (room.width() < fm.averageCharWidth() * 4)
        return;
    const bool selected = opt.state & QStyle::State_Selected;
    QColor colour = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    colour.setAlphaF(0.6);
    painter->save();
    painter->setPen(colour);
    painter->setFont(opt.font);
    painter->drawText(room, Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(detail, Qt::ElideRight, room.width()));
    painter->restore();
}

QSize CompletionDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString detail = index.data(CompletionModel::DetailRole).toString();
    if (!detail.isEmpty()) {
        const QFontMetrics fm(option.font);
        size.rwidth() += Gap + std::min(fm.horizontalAdvance(detail), fm.averageCharWidth() * MaxDetailChars) + 8;
    }
    return size;
}

} // namespace coauthor::editor
