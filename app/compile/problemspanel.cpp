#include "app/compile/problemspanel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace coauthor::app {

namespace {

enum Column { MessageColumn, FileColumn, LineColumn };
constexpr int kindRole = Qt::UserRole + 1;
constexpr int fileRole = Qt::UserRole + 2;
constexpr int lineRole = Qt::UserRole + 3;

QString iconFor(Problem::Kind kind)
{
    switch (kind) {
    case Problem::Kind::Error:
        return QStringLiteral(":/icons/error.svg");
    case Problem::Kind::Warning:
        return QStringLiteral(":/icons/warning.svg");
    case Problem::Kind::BadBox:
        return QStringLiteral(":/icons/badbox.svg");
    }
    return {};
}

} // namespace

ProblemsPanel::ProblemsPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_log(new QPlainTextEdit(this))
    , m_stack(new QStackedWidget(this))
{
    m_errors = makeFilterButton(iconFor(Problem::Kind::Error));
    m_warnings = makeFilterButton(iconFor(Problem::Kind::Warning));
    m_badBoxes = makeFilterButton(iconFor(Problem::Kind::BadBox));
    m_rawLog = new QToolButton(this);
    m_rawLog->setText(tr("Raw Log"));
    m_rawLog->setIcon(QIcon(QStringLiteral(":/icons/log.svg")));
    m_rawLog->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_rawLog->setCheckable(true);
    m_rawLog->setAutoRaise(true);
    m_rawLog->setToolTip(tr("Show the full LaTeX log of the last compile"));
    connect(m_rawLog, &QToolButton::toggled, this, &ProblemsPanel::showRawLog);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->setSpacing(2);
    bar->addWidget(m_errors);
    bar->addWidget(m_warnings);
    bar->addWidget(m_badBoxes);
    bar->addStretch();
    bar->addWidget(m_rawLog);

    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Message"), tr("File"), tr("Line")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(FileColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    // One click is enough to jump: the list is a navigation aid, like a compiler's error list.
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { activate(item); });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activate(item); });

    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("No log yet: compile the project to see it."));

    m_stack->addWidget(m_list);
    m_stack->addWidget(m_log);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_stack);
    rebuild();
}

QToolButton *ProblemsPanel::makeFilterButton(const QString &icon)
{
    auto *button = new QToolButton(this);
    button->setIcon(QIcon(icon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setCheckable(true);
    button->setChecked(true);
    button->setAutoRaise(true);
    connect(button, &QToolButton::toggled, this, &ProblemsPanel::applyFilters);
    return button;
}

void ProblemsPanel::setProblems(const QList<Problem> &problems)
{
    m_problems = problems;
    rebuild();
}

void ProblemsPanel::setRawLog(const QString &text)
{
    m_log->setPlainText(text);
}

QString ProblemsPanel::rawLog() const
{
    return m_log->toPlainText();
}

void ProblemsPanel::clear()
{
    m_problems.clear();
    m_log->clear();
    rebuild();
}

int ProblemsPanel::count(Problem::Kind kind) const
{
    return int(std::count_if(m_problems.cbegin(), m_problems.cend(),
                             [kind](const Problem &p) { return p.kind == kind; }));
}

QString ProblemsPanel::title() const
{
    const int errors = count(Problem::Kind::Error);
    const int warnings = count(Problem::Kind::Warning);
    if (errors == 0 && warnings == 0)
        return tr("Problems");
    if (warnings == 0)
        return tr("Problems (%n error(s))", nullptr, errors);
    if (errors == 0)
        return tr("Problems (%n warning(s))", nullptr, warnings);
    return tr("Problems (%1, %2)").arg(tr("%n error(s)", nullptr, errors), tr("%n warning(s)", nullptr, warnings));
}

void ProblemsPanel::rebuild()
{
    m_list->clear();
    // One icon per kind, not one per row: a long document has hundreds of bad boxes and
    // loading an SVG icon for each of them held up the new PDF after a compile.
    const QIcon errorIcon(iconFor(Problem::Kind::Error));
    const QIcon warningIcon(iconFor(Problem::Kind::Warning));
    const QIcon badBoxIcon(iconFor(Problem::Kind::BadBox));
    auto iconOf = [&](Problem::Kind kind) -> const QIcon & {
        return kind == Problem::Kind::Error ? errorIcon : kind == Problem::Kind::Warning ? warningIcon : badBoxIcon;
    };
    QList<QTreeWidgetItem *> items;
    items.reserve(m_problems.size());
    for (const Problem &p : std::as_const(m_problems)) {
        auto *item = new QTreeWidgetItem;
        items.append(item);
        // The first line of the message is the summary; the rest goes to the tooltip.
        const QString first = p.message.section(u'\n', 0, 0);
        item->setText(MessageColumn, first);
        item->setIcon(MessageColumn, iconOf(p.kind));
        item->setText(FileColumn, p.file);
        item->setText(LineColumn, p.line > 0 ? QString::number(p.line) : QString());
        // The detail: the whole message (a hint on its second line) and the log's context lines.
        item->setToolTip(MessageColumn, p.raw.isEmpty() || p.raw == p.message ? p.message
                                                                              : p.message + QStringLiteral("\n\n") + p.raw);
        item->setData(MessageColumn, kindRole, int(p.kind));
        item->setData(MessageColumn, fileRole, p.file);
        item->setData(MessageColumn, lineRole, p.line);
    }
    m_list->addTopLevelItems(items); // one insertion into the model, not one per row
    m_errors->setText(tr("%n Error(s)", nullptr, count(Problem::Kind::Error)));
    m_warnings->setText(tr("%n Warning(s)", nullptr, count(Problem::Kind::Warning)));
    m_badBoxes->setText(tr("%n Bad Box(es)", nullptr, count(Problem::Kind::BadBox)));
    m_errors->setToolTip(tr("Show or hide errors"));
    m_warnings->setToolTip(tr("Show or hide warnings"));
    m_badBoxes->setToolTip(tr("Show or hide overfull and underfull boxes"));
    applyFilters();
    Q_EMIT titleChanged(title());
}

void ProblemsPanel::applyFilters()
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const auto kind = Problem::Kind(item->data(MessageColumn, kindRole).toInt());
        const bool shown = (kind == Problem::Kind::Error && m_errors->isChecked())
            || (kind == Problem::Kind::Warning && m_warnings->isChecked())
            || (kind == Problem::Kind::BadBox && m_badBoxes->isChecked());
        item->setHidden(!shown);
    }
}

void ProblemsPanel::setKindVisible(Problem::Kind kind, bool visible)
{
    switch (kind) {
    case Problem::Kind::Error:
        m_errors->setChecked(visible);
        break;
    case Problem::Kind::Warning:
        m_warnings->setChecked(visible);
        break;
    case Problem::Kind::BadBox:
        m_badBoxes->setChecked(visible);
        break;
    }
}

void ProblemsPanel::showRawLog(bool show)
{
    if (m_rawLog->isChecked() != show)
        m_rawLog->setChecked(show); // re-enters through toggled
    m_stack->setCurrentWidget(show ? static_cast<QWidget *>(m_log) : m_list);
}

bool ProblemsPanel::isRawLogShown() const
{
    return m_stack->currentWidget() == m_log;
}

void ProblemsPanel::activate(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QString file = item->data(MessageColumn, fileRole).toString();
    if (file.isEmpty())
        return;
    Q_EMIT problemActivated(file, item->data(MessageColumn, lineRole).toInt());
}

} // namespace coauthor::app
