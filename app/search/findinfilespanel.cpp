#include "app/search/findinfilespanel.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeWidget>

namespace coauthor::app {

namespace {

// Item data of a match row: its index in m_matches.
constexpr int MatchIndexRole = Qt::UserRole + 1;
// Where the match lies in the row's text: QPoint(start, length).
constexpr int MarkRole = Qt::UserRole + 2;

// How much of a long line the list shows before the match (the match must stay in view
// in a narrow dock) and after it (elided to the width).
constexpr qsizetype contextBefore = 30;
constexpr qsizetype contextAfter = 120;

// Paints a match row's text with the matched part on a highlight background, as
// editors' search results do, so the eye finds it in a long line of prose.
class MatchDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QVariant mark = index.data(MarkRole);
        if (!mark.isValid()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        QWidget *widget = const_cast<QWidget *>(option.widget);
        QStyle *style = widget ? widget->style() : nullptr;
        if (style)
            style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const QPoint span = mark.toPoint();
        const QRect r = option.rect.adjusted(4, 0, -4, 0);
        const QFontMetrics fm(opt.font);
        const QString before = text.left(span.x());
        const QString matched = text.mid(span.x(), span.y());
        const QString after = text.mid(span.x() + span.y());
        painter->save();
        painter->setFont(opt.font);
        const bool selected = option.state & QStyle::State_Selected;
        const QColor textColour = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        int x = r.left();
        const int baseline = r.top() + (r.height() + fm.ascent() - fm.descent()) / 2;
        painter->setPen(textColour);
        painter->drawText(x, baseline, before);
        x += fm.horizontalAdvance(before);
        const int w = fm.horizontalAdvance(matched);
        painter->fillRect(QRect(x, r.top() + 2, w, r.height() - 4), QColor(255, 214, 102, selected ? 160 : 220));
        painter->setPen(selected ? textColour : QColor(Qt::black));
        painter->drawText(x, baseline, matched);
        x += w;
        painter->setPen(textColour);
        painter->drawText(QRect(x, r.top(), r.right() - x, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
                          fm.elidedText(after, Qt::ElideRight, r.right() - x));
        painter->restore();
    }
};

} // namespace

FindInFilesPanel::FindInFilesPanel(QWidget *parent)
    : QWidget(parent)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_regex(new QCheckBox(tr("Regular expression"), this))
    , m_case(new QCheckBox(tr("Match case"), this))
    , m_word(new QCheckBox(tr("Whole words"), this))
    , m_search(new QPushButton(tr("Find All"), this))
    , m_replaceSelected(new QPushButton(tr("Replace"), this))
    , m_replaceAll(new QPushButton(tr("Replace All"), this))
    , m_status(new QLabel(this))
    , m_results(new QTreeWidget(this))
{
    m_find->setObjectName(QStringLiteral("findInFilesField"));
    m_find->setPlaceholderText(tr("Find in all files of the project"));
    m_find->setClearButtonEnabled(true);
    m_replace->setObjectName(QStringLiteral("replaceInFilesField"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_replace->setClearButtonEnabled(true);
    m_replaceSelected->setToolTip(tr("Replace the selected matches (a file: all of its matches)"));
    m_replaceAll->setToolTip(tr("Replace every match listed, each file as one undoable edit"));
    m_regex->setToolTip(tr("In the replacement, \\1 … \\9 insert the groups"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_results->setObjectName(QStringLiteral("findInFilesResults"));
    m_results->setColumnCount(2);
    m_results->setHeaderLabels({tr("Line"), tr("Text")});
    m_results->setRootIsDecorated(true);
    m_results->setUniformRowHeights(true);
    m_results->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_results->setItemDelegateForColumn(1, new MatchDelegate(m_results));
    m_results->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_results->header()->setStretchLastSection(true);

    // One row for what to find and what to put instead, so the results get the height.
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->addWidget(m_find, 0, 0);
    grid->addWidget(m_replace, 0, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_search);
    buttons->addWidget(m_replaceSelected);
    buttons->addWidget(m_replaceAll);
    grid->addLayout(buttons, 0, 2);
    auto *options = new QHBoxLayout;
    options->addWidget(m_regex);
    options->addWidget(m_case);
    options->addWidget(m_word);
    options->addStretch(1);
    options->addWidget(m_status);
    grid->addLayout(options, 1, 0, 1, 3);
    grid->addWidget(m_results, 2, 0, 1, 3);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);

    connect(m_find, &QLineEdit::returnPressed, this, &FindInFilesPanel::searchRequested);
    connect(m_search, &QPushButton::clicked, this, &FindInFilesPanel::searchRequested);
    for (QCheckBox *box : {m_regex, m_case, m_word})
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_find->text().isEmpty())
                Q_EMIT searchRequested();
        });
    connect(m_replaceSelected, &QPushButton::clicked, this, &FindInFilesPanel::replaceSelectedRequested);
    connect(m_replaceAll, &QPushButton::clicked, this, &FindInFilesPanel::replaceAllRequested);
    connect(m_results, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { onActivated(item); });
    connect(m_results, &QTreeWidget::itemSelectionChanged, this, &FindInFilesPanel::updateButtons);
    updateButtons();
}

SearchQuery FindInFilesPanel::query() const
{
    return {m_find->text(), m_regex->isChecked(), m_case->isChecked(), m_word->isChecked()};
}

QString FindInFilesPanel::replacement() const
{
    return m_replace->text();
}

void FindInFilesPanel::focusFind(const QString &text)
{
    if (!text.isEmpty() && !text.contains(u'\n') && !text.contains(QChar::ParagraphSeparator))
        m_find->setText(text);
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

void FindInFilesPanel::setResults(const QList<SearchMatch> &matches, int fileCount, bool truncated)
{
    m_matches = matches;
    m_results->clear();
    QTreeWidgetItem *fileItem = nullptr;
    int inFile = 0;
    auto closeFile = [&] {
        if (fileItem)
            fileItem->setText(1, tr("%n match(es)", nullptr, inFile));
    };
    for (int i = 0; i < matches.size(); ++i) {
        const SearchMatch &m = matches.at(i);
        if (!fileItem || fileItem->text(0) != m.file) {
            closeFile();
            fileItem = new QTreeWidgetItem(m_results, {m.file, QString()});
            fileItem->setFirstColumnSpanned(false);
            QFont bold = fileItem->font(0);
            bold.setBold(true);
            fileItem->setFont(0, bold);
            fileItem->setToolTip(0, m.file);
            inFile = 0;
        }
        ++inFile;
        // A window of the line around the match, without its leading indentation.
        const qsizetype matchStart = m.column - 1;
        qsizetype from = 0;
        while (from < matchStart && m.lineText.at(from).isSpace())
            ++from;
        QString prefix;
        if (matchStart - from > contextBefore) {
            from = matchStart - contextBefore;
            prefix = QStringLiteral("…");
        }
        const qsizetype visibleLength = std::min<qsizetype>(m.length, m.lineText.size() - matchStart);
        const QString shown = prefix + m.lineText.mid(from, matchStart - from + visibleLength + contextAfter);
        auto *row = new QTreeWidgetItem(fileItem, {QString::number(m.line), shown});
        row->setData(0, MatchIndexRole, i);
        row->setData(1, MarkRole, QPoint(int(prefix.size() + matchStart - from), int(visibleLength)));
        row->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
        row->setToolTip(1, m.lineText.left(500));
    }
    closeFile();
    m_results->expandAll();
    if (matches.isEmpty())
        setStatus(tr("No matches."));
    else if (truncated)
        setStatus(tr("The first %n matches", nullptr, int(matches.size())) + u' ' + tr("in %n file(s).", nullptr, fileCount));
    else
        setStatus(tr("%n match(es)", nullptr, int(matches.size())) + u' ' + tr("in %n file(s).", nullptr, fileCount));
    updateButtons();
}

void FindInFilesPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

QList<SearchMatch> FindInFilesPanel::selectedMatches() const
{
    QList<int> indexes;
    for (QTreeWidgetItem *item : m_results->selectedItems()) {
        if (item->parent()) {
            indexes.append(item->data(0, MatchIndexRole).toInt());
        } else {
            for (int c = 0; c < item->childCount(); ++c)
                indexes.append(item->child(c)->data(0, MatchIndexRole).toInt());
        }
    }
    std::sort(indexes.begin(), indexes.end());
    indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
    QList<SearchMatch> out;
    for (int i : std::as_const(indexes))
        if (i >= 0 && i < m_matches.size())
            out.append(m_matches.at(i));
    return out;
}

void FindInFilesPanel::updateButtons()
{
    m_replaceAll->setEnabled(!m_matches.isEmpty());
    m_replaceSelected->setEnabled(!m_results->selectedItems().isEmpty());
}

void FindInFilesPanel::onActivated(QTreeWidgetItem *item)
{
    if (!item->parent())
        return;
    const int i = item->data(0, MatchIndexRole).toInt();
    if (i >= 0 && i < m_matches.size())
        Q_EMIT matchActivated(m_matches.at(i));
}

} // namespace coauthor::app
