#include "app/ui/wordcountdialog.h"

#include "app/project/textcodec.h"
#include "wordcount/texcounter.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace coauthor::app {

wordcount::DocumentCount WordCountDialog::count(const QString &projectRoot, const QString &rootDocument,
                                                const QHash<QString, QString> &openTexts)
{
    return wordcount::TexCounter::countDocument(rootDocument, [&](const QString &path) -> std::optional<QString> {
        const auto open = openTexts.constFind(path);
        if (open != openTexts.cend())
            return *open;
        QFile file(QDir(projectRoot).filePath(path));
        if (!QFileInfo(file).isFile() || !file.open(QIODevice::ReadOnly))
            return std::nullopt;
        return decodeText(file.readAll()).text;
    });
}

WordCountDialog::WordCountDialog(QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Word Count"));
    setObjectName(QStringLiteral("wordCountDialog"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setColumnCount(9);
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Words"), tr("Text"), tr("In headings"), tr("In captions"),
                                        tr("Headings"), tr("Floats"), tr("Inline math"), tr("Displayed math")});
    m_table->horizontalHeaderItem(3)->setToolTip(tr("Words in \\section{…} and other headings"));
    m_table->horizontalHeaderItem(4)->setToolTip(tr("Words in captions and footnotes"));
    m_table->horizontalHeaderItem(5)->setToolTip(tr("Number of headings"));
    m_table->horizontalHeaderItem(6)->setToolTip(tr("Number of figures, tables and other floats"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < m_table->columnCount(); ++column)
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    auto *note = new QLabel(tr("Counted as TeXcount counts (texcount -inc): the preamble, commands, labels, "
                               "citation keys, math and the body of floats other than captions are not words."),
                            this);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(820, 300);
}

void WordCountDialog::setCount(const QString &rootDocument, const wordcount::DocumentCount &count)
{
    QString summary = tr("%1: %n word(s) in total", nullptr, count.total.words()).arg(rootDocument);
    if (!count.missing.isEmpty())
        summary += u'\n' + tr("Not found, not counted: %1").arg(count.missing.join(QStringLiteral(", ")));
    m_summary->setText(summary);
    m_table->setRowCount(int(count.files.size()) + 1);
    auto fill = [this](int row, const QString &name, const wordcount::WordCounts &c, bool bold) {
        const QList<int> values{c.words(),   c.textWords, c.headerWords, c.captionWords,
                                c.headers,   c.floats,    c.inlineMath,  c.displayMath};
        auto *file = new QTableWidgetItem(name);
        QFont font = file->font();
        font.setBold(bold);
        file->setFont(font);
        m_table->setItem(row, 0, file);
        for (int i = 0; i < values.size(); ++i) {
            auto *item = new QTableWidgetItem(QLocale().toString(values[i]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setFont(font);
            m_table->setItem(row, i + 1, item);
        }
    };
    for (int row = 0; row < count.files.size(); ++row)
        fill(row, count.files[row].path, count.files[row].counts, false);
    fill(int(count.files.size()), tr("Total"), count.total, true);
    // As tall as its rows (up to a point), so that a short document leaves no empty table.
    const int rows = m_table->rowCount();
    const int height = m_table->horizontalHeader()->sizeHint().height()
        + rows * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth();
    m_table->setMinimumHeight(qMin(height, 480));
    resize(width(), sizeHint().height());
}

QString WordCountDialog::summary() const
{
    return m_summary->text();
}

} // namespace coauthor::app
