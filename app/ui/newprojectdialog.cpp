#include "app/ui/newprojectdialog.h"

#include "app/project/project.h"
#include "app/project/projecttemplate.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace coauthor::app {

NewProjectDialog::NewProjectDialog(QWidget *parent)
    : QDialog(parent)
    , m_templates(new QListWidget(this))
    , m_title(new QLineEdit(this))
    , m_author(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_location(new QLineEdit(this))
    , m_target(new QLabel(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("New Project"));
    for (const ProjectTemplate &t : projectTemplates()) {
        auto *item = new QListWidgetItem(t.name + u'\n' + t.description, m_templates);
        item->setData(Qt::UserRole, t.id);
        item->setToolTip(t.description);
    }
    m_templates->setCurrentRow(0);
    m_templates->setSpacing(2);
    m_templates->setWordWrap(true);

    m_title->setPlaceholderText(tr("The document's title"));
    // The name collaborators see is the best guess for the author.
    m_author->setText(QSettings().value(QStringLiteral("collab/name")).toString());
    m_author->setPlaceholderText(tr("Your name"));
    m_location->setText(QDir::toNativeSeparators(
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(QStringLiteral("Coauthor"))));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *locationBox = new QWidget(this); // a widget, so that the label's &L focuses it
    auto *locationRow = new QHBoxLayout(locationBox);
    locationRow->setContentsMargins(0, 0, 0, 0);
    locationRow->addWidget(m_location, 1);
    locationRow->addWidget(browse);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_target->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Author:"), m_author);
    form->addRow(tr("&Folder name:"), m_name);
    form->addRow(tr("&Location:"), locationBox);
    static_cast<QLabel *>(form->labelForField(locationBox))->setBuddy(m_location);
    form->addRow(QString(), m_target);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Start from:"), this));
    layout->addWidget(m_templates, 1);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_title, &QLineEdit::textChanged, this, [this](const QString &title) {
        if (!m_nameEdited)
            m_name->setText(folderNameFor(title));
        updateTarget();
    });
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = !m_name->text().isEmpty();
        updateTarget();
    });
    connect(m_location, &QLineEdit::textChanged, this, &NewProjectDialog::updateTarget);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Where the Project Goes"), m_location->text());
        if (!dir.isEmpty())
            m_location->setText(QDir::toNativeSeparators(dir));
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (create())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_templates, &QListWidget::itemDoubleClicked, this, [this] {
        if (create())
            accept();
    });
    m_name->setText(folderNameFor(QString()));
    updateTarget();
    m_title->setFocus(); // the template is chosen already; the title is what to type
    resize(560, 520);
}

QString NewProjectDialog::folderNameFor(const QString &title)
{
    QString name = Project::portableName(title, u'-');
    if (name.size() > 80)
        name = Project::portableName(name.left(80), u'-');
    return name.isEmpty() ? tr("New project") : name;
}

QString NewProjectDialog::targetFolder() const
{
    const QString location = QDir::fromNativeSeparators(m_location->text().trimmed());
    const QString name = m_name->text().trimmed();
    if (location.isEmpty() || name.isEmpty())
        return {};
    return QDir::cleanPath(QDir(location).filePath(name));
}

QString NewProjectDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void NewProjectDialog::updateTarget()
{
    const QString folder = targetFolder();
    m_target->setText(folder.isEmpty() ? QString() : tr("The project will be the folder %1").arg(QDir::toNativeSeparators(folder)));
    m_error->hide();
}

bool NewProjectDialog::create()
{
    const QString folder = targetFolder();
    QString error;
    if (!m_templates->currentItem())
        error = tr("Choose a template.");
    else if (folder.isEmpty())
        error = tr("Give the project a folder name and a location.");
    else if (m_name->text().contains(u'/') || m_name->text().contains(u'\\'))
        error = tr("The folder name cannot contain / or \\.");
    else
        error = createProjectFromTemplate(m_templates->currentItem()->data(Qt::UserRole).toString(), folder,
                                          m_title->text().trimmed().isEmpty() ? tr("Untitled") : m_title->text(),
                                          m_author->text());
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return false;
    }
    m_created = folder;
    return true;
}

} // namespace coauthor::app
