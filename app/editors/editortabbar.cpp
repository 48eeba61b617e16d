#include "app/editors/editortabbar.h"

#include <QStyleOptionTab>

namespace coauthor::app {

namespace {

const QChar ellipsis(0x2026);

// "results.tex ●" -> {"results", ".tex ●"}: the part that is always shown
// starts at the extension's dot (a leading dot, as in ".latexmkrc", is the name).
std::pair<QString, QString> splitName(const QString &text)
{
    const qsizetype dot = text.lastIndexOf(u'.');
    if (dot <= 0)
        return {text, QString()};
    return {text.left(dot), text.mid(dot)};
}

} // namespace

EditorTabBar::EditorTabBar(QWidget *parent) : QTabBar(parent)
{
    setElideMode(Qt::ElideMiddle); // lets Qt shrink the tabs; the text is shortened here
    setUsesScrollButtons(true);
}

QString EditorTabBar::shortest(const QString &text)
{
    const auto [stem, extension] = splitName(text);
    if (stem.size() <= MinimumStemChars + 1)
        return text;
    return stem.left(MinimumStemChars / 2) + ellipsis + stem.right(MinimumStemChars - MinimumStemChars / 2) + extension;
}

QString EditorTabBar::elide(const QString &text, const QFontMetrics &fm, int width)
{
    if (fm.horizontalAdvance(text) <= width)
        return text;
    const auto [stem, extension] = splitName(text);
    const int room = width - fm.horizontalAdvance(extension);
    QString shortStem = fm.elidedText(stem, Qt::ElideMiddle, room);
    // Never fewer letters than the shortest form (the tab is at least that wide).
    if (shortStem.size() < MinimumStemChars + 1)
        return shortest(text);
    return shortStem + extension;
}

QString EditorTabBar::shownText(int index) const
{
    QStyleOptionTab option;
    initStyleOption(&option, index);
    return option.text;
}

QSize EditorTabBar::minimumTabSizeHint(int index) const
{
    // Qt's minimum keeps one letter on each side of "…"; ours keeps enough of the name.
    QSize size = tabSizeHint(index);
    const QString text = tabText(index);
    size.rwidth() -= fontMetrics().horizontalAdvance(text) - fontMetrics().horizontalAdvance(shortest(text));
    return size;
}

void EditorTabBar::initStyleOption(QStyleOptionTab *option, int tabIndex) const
{
    QTabBar::initStyleOption(option, tabIndex);
    const QRect textRect = style()->subElementRect(QStyle::SE_TabBarTabText, option, this);
    option->text = elide(tabText(tabIndex), fontMetrics(), textRect.width());
}

} // namespace coauthor::app
