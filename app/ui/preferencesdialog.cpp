#include "app/ui/preferencesdialog.h"

#include "app/spell/spellfeature.h"
#include "editor/spell/spelldictionaries.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSpinBox>
#include <QVBoxLayout>

namespace coauthor::app {

PreferencesDialog::PreferencesDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_initial(settings)
{
    setWindowTitle(tr("Preferences"));

    m_font = new QFontComboBox(this);
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(settings.editorFont);
    m_fontSize = new QSpinBox(this);
    m_fontSize->setRange(6, 48);
    m_fontSize->setValue(settings.editorFont.pointSize() > 0 ? settings.editorFont.pointSize() : 11);
    m_fontSize->setSuffix(tr(" pt"));
    auto *fontRow = new QHBoxLayout;
    fontRow->addWidget(m_font, 1);
    fontRow->addWidget(m_fontSize);
    m_softWrap = new QCheckBox(tr("Wrap long lines"), this);
    m_softWrap->setChecked(settings.softWrap);

    m_endEnvironments = new QCheckBox(tr("Insert \\end{…} after \\begin{…}"), this);
    m_endEnvironments->setChecked(settings.endEnvironments);
    m_closeBrackets = new QCheckBox(tr("Close braces, brackets and parentheses as they are typed"), this);
    m_closeBrackets->setChecked(settings.closeBrackets);
    m_closeMath = new QCheckBox(tr("Close $ math as it is typed"), this);
    m_closeMath->setChecked(settings.closeMath);
    m_citationDetails = new QCheckBox(tr("Show author, year and title when completing \\cite"), this);
    m_citationDetails->setChecked(settings.citationDetails);

    auto *editorBox = new QGroupBox(tr("Editor"), this);
    auto *editorForm = new QFormLayout(editorBox);
    editorForm->addRow(tr("Font:"), fontRow);
    editorForm->addRow(QString(), m_softWrap);
    editorForm->addRow(QString(), m_endEnvironments);
    editorForm->addRow(QString(), m_closeBrackets);
    editorForm->addRow(QString(), m_closeMath);
    editorForm->addRow(QString(), m_citationDetails);

    m_spellCheck = new QCheckBox(tr("Check spelling as you type"), this);
    m_spellCheck->setObjectName(QStringLiteral("spellCheck"));
    m_spellCheck->setChecked(settings.spellCheck);
    m_spellLanguage = new QComboBox(this);
    m_spellLanguage->setObjectName(QStringLiteral("spellLanguage"));
    m_spellLanguage->addItem(tr("System language (%1)").arg(SpellFeature::defaultLanguage()), QString());
    const QStringList dictionaries = spell::SpellDictionaries::availableLanguages();
    for (const QString &code : dictionaries)
        m_spellLanguage->addItem(QStringLiteral("%1 — %2").arg(spell::SpellDictionaries::displayName(code), code), code);
    if (!settings.spellLanguage.isEmpty() && m_spellLanguage->findData(settings.spellLanguage) < 0)
        m_spellLanguage->addItem(tr("%1 (not installed)").arg(settings.spellLanguage), settings.spellLanguage);
    m_spellLanguage->setCurrentIndex(qMax(0, m_spellLanguage->findData(settings.spellLanguage)));
    m_spellLanguage->setEnabled(settings.spellCheck);
    m_spellLanguage->setToolTip(tr("Projects can set their own; “% !TEX spellcheck = de_DE” in a file's first lines wins."));
    connect(m_spellCheck, &QCheckBox::toggled, m_spellLanguage, &QWidget::setEnabled);
    editorForm->addRow(QString(), m_spellCheck);
    editorForm->addRow(tr("Spelling language:"), m_spellLanguage);
    if (dictionaries.isEmpty()) {
        auto *none = new QLabel(tr("No spelling dictionaries are installed (Hunspell's, e.g. hunspell-en-us)."), this);
        none->setWordWrap(true);
        editorForm->addRow(QString(), none);
    }

    m_autoCompile = new QCheckBox(tr("Compile automatically when typing stops"), this);
    m_autoCompile->setChecked(settings.autoCompile);
    m_delay = new QSpinBox(this);
    m_delay->setRange(200, 10000);
    m_delay->setSingleStep(100);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setValue(settings.autoCompileDelayMs);
    m_delay->setEnabled(settings.autoCompile);
    connect(m_autoCompile, &QCheckBox::toggled, m_delay, &QWidget::setEnabled);
    m_engine = new QComboBox(this);
    m_engine->addItem(QStringLiteral("pdfLaTeX"), QStringLiteral("pdflatex"));
    m_engine->addItem(QStringLiteral("XeLaTeX"), QStringLiteral("xelatex"));
    m_engine->addItem(QStringLiteral("LuaLaTeX"), QStringLiteral("lualatex"));
    m_engine->addItem(QStringLiteral("upLaTeX"), QStringLiteral("uplatex"));
    m_engine->setCurrentIndex(qMax(0, m_engine->findData(settings.engine)));

    auto *compileBox = new QGroupBox(tr("Compile"), this);
    auto *compileForm = new QFormLayout(compileBox);
    compileForm->addRow(QString(), m_autoCompile);
    m_delay->setToolTip(tr("The longest pause after typing before a compile: a project that compiles fast "
                           "starts sooner (half its last compile's time, at least 250 ms)."));
    compileForm->addRow(tr("Delay after typing, at most:"), m_delay);
    compileForm->addRow(tr("Default engine:"), m_engine);
    m_engine->setToolTip(tr("For projects without an engine of their own (Build → Engine (This Project), "
                            "or % !TEX program in the main document)"));

    m_language = new QComboBox(this);
    for (const auto &[code, name] : AppSettings::languages())
        m_language->addItem(name, code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.language)));
    auto *restartNote = new QLabel(tr("A new language is used after Coauthor is restarted."), this);
    restartNote->setWordWrap(true);
    QFont small = restartNote->font();
    small.setItalic(true);
    restartNote->setFont(small);

    auto *uiBox = new QGroupBox(tr("Interface"), this);
    auto *uiForm = new QFormLayout(uiBox);
    uiForm->addRow(tr("Language:"), m_language);
    uiForm->addRow(QString(), restartNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(editorBox);
    layout->addWidget(compileBox);
    layout->addWidget(uiBox);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(460, sizeHint().height());
}

AppSettings PreferencesDialog::settings() const
{
    AppSettings s = m_initial;
    QFont font = m_font->currentFont();
    font.setPointSize(m_fontSize->value());
    s.editorFont = font;
    s.softWrap = m_softWrap->isChecked();
    s.endEnvironments = m_endEnvironments->isChecked();
    s.closeBrackets = m_closeBrackets->isChecked();
    s.closeMath = m_closeMath->isChecked();
    s.citationDetails = m_citationDetails->isChecked();
    s.autoCompile = m_autoCompile->isChecked();
    s.autoCompileDelayMs = m_delay->value();
    s.engine = m_engine->currentData().toString();
    s.language = m_language->currentData().toString();
    s.spellCheck = m_spellCheck->isChecked();
    s.spellLanguage = m_spellLanguage->currentData().toString();
    return s;
}

void PreferencesDialog::edit(const AppSettings &current, QWidget *parent,
                             const std::function<void(const AppSettings &)> &apply)
{
    PreferencesDialog dialog(current, parent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AppSettings chosen = dialog.settings();
    const bool languageChanged = chosen.language != current.language;
    chosen.save();
    apply(chosen);
    if (languageChanged)
        QMessageBox::information(parent, tr("Language"), tr("The new language is used after Coauthor is restarted."));
}

} // namespace coauthor::app
