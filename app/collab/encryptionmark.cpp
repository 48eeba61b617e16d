#include "app/collab/encryptionmark.h"

#include <QHostAddress>

namespace coauthor::app {

EncryptionMark::EncryptionMark(QWidget *parent) : QLabel(parent)
{
    setText(tr("⚠ Not encrypted"));
    setStyleSheet(QStringLiteral("color: #cf222e; font-weight: bold;"));
    setToolTip(tr("This project's server is reached over the network without encryption (ws://): anyone on the "
                  "way can read the token and everything you type. Host with “All network interfaces” (which "
                  "encrypts) or ask for a wss:// address."));
    hide();
}

void EncryptionMark::setServer(const QUrl &url)
{
    setVisible(isUnencryptedOverNetwork(url));
}

bool EncryptionMark::isUnencryptedOverNetwork(const QUrl &url)
{
    if (url.isEmpty() || url.scheme() != QLatin1String("ws"))
        return false;
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return false;
    const QHostAddress address(host);
    return address.isNull() || !address.isLoopback();
}

} // namespace coauthor::app
