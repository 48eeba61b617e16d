// PreferencesDialog: edits AppSettings (editor font, soft wrap, typing conveniences,
// auto-compile and its delay, engine, UI language, spell check and its default language).
#pragma once

#include "app/project/appsettings.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QFontComboBox;
class QSpinBox;

namespace coauthor::app {

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(const AppSettings &settings, QWidget *parent = nullptr);

    AppSettings settings() const;

    // Shows the dialog over parent; when accepted, saves the choice, hands it to apply and
    // says that a new language is used after a restart.
    static void edit(const AppSettings &current, QWidget *parent,
                     const std::function<void(const AppSettings &)> &apply);

private:
    AppSettings m_initial;
    QFontComboBox *m_font = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QCheckBox *m_softWrap = nullptr;
    QCheckBox *m_endEnvironments = nullptr;
    QCheckBox *m_closeBrackets = nullptr;
    QCheckBox *m_closeMath = nullptr;
    QCheckBox *m_citationDetails = nullptr;
    QCheckBox *m_autoCompile = nullptr;
    QSpinBox *m_delay = nullptr;
    QComboBox *m_engine = nullptr;
    QComboBox *m_language = nullptr;
    QCheckBox *m_spellCheck = nullptr;
    QComboBox *m_spellLanguage = nullptr;
};

} // namespace coauthor::app
