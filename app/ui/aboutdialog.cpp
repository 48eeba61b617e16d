#include "app/ui/aboutdialog.h"

#include <QMessageBox>

namespace coauthor::app {

void AboutDialog::show(QWidget *parent)
{
    QMessageBox::about(parent, tr("About Coauthor"),
                       tr("<h3>Coauthor %1</h3><p>A collaborative LaTeX editor: write alone and offline, "
                          "or together through a small server you host yourself.</p>"
                          "<p>Built with Qt %2, Poppler and SyncTeX.</p>")
                           .arg(QStringLiteral(COAUTHOR_VERSION), QString::fromLatin1(qVersion())));
}

} // namespace coauthor::app
