// PreferencesDialog: edits AppSettings (editor font, soft wrap, auto-compile
// and its delay, engine, UI language).
#pragma once

#include "app/project/appsettings.h"

#include <QDialog>

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

private:
    AppSettings m_initial;
    QFontComboBox *m_font = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QCheckBox *m_softWrap = nullptr;
    QCheckBox *m_autoCompile = nullptr;
    QSpinBox *m_delay = nullptr;
    QComboBox *m_engine = nullptr;
    QComboBox *m_language = nullptr;
};

} // namespace coauthor::app
