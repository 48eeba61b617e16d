#include "app/pdf/pdfpane.h"

#include "app/pdf/pdftoolbar.h"
#include "app/pdf/pdfview.h"

#include <QDesktopServices>
#include <QLineEdit>
#include <QUrl>
#include <QVBoxLayout>

namespace coauthor::app {

PdfPane::PdfPane(QWidget *parent)
    : QWidget(parent)
    , m_view(new PdfView(this))
    , m_bar(new PdfToolBar(m_view, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);
    connect(m_bar, &PdfToolBar::notFound, this, [this](const QString &text) {
        Q_EMIT message(tr("“%1” was not found in the PDF.").arg(text), 5000);
    });
}

void PdfPane::showPreview(const QString &pdf)
{
    if (pdf.isEmpty())
        return;
    QString error;
    if (!m_view->openDocument(pdf, &error))
        Q_EMIT message(tr("Cannot show the PDF: %1").arg(error), 8000);
}

void PdfPane::openExternally() const
{
    const QString pdf = m_view->documentPath();
    if (!pdf.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(pdf));
}

void PdfPane::focusFind()
{
    m_bar->findField()->setFocus();
    m_bar->findField()->selectAll();
}

} // namespace coauthor::app
