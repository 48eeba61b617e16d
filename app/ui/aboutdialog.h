// AboutDialog: Help > About: Coauthor's version, what it is for, and the Qt it runs on.
#pragma once

#include <QCoreApplication>

class QWidget;

namespace coauthor::app {

class AboutDialog
{
    Q_DECLARE_TR_FUNCTIONS(coauthor::app::AboutDialog)
public:
    static void show(QWidget *parent);
};

} // namespace coauthor::app
