// EncryptionMark: "Not encrypted" in the status bar and the share dialog while
// the shared project's server is reached over a network by plain ws://, where
// anyone on the way reads the token and every keystroke. Hidden for wss:// and
// for ws:// on loopback (nothing crosses a network; a TLS-terminating proxy on
// this computer is such a case).
#pragma once

#include <QLabel>
#include <QUrl>

namespace coauthor::app {

class EncryptionMark : public QLabel
{
    Q_OBJECT
public:
    explicit EncryptionMark(QWidget *parent = nullptr);

    // Shows or hides the mark for the server at url; an empty url hides it.
    void setServer(const QUrl &url);

    // ws:// to a host that is not this computer (an address outside 127/8 and
    // ::1, or any name but "localhost").
    static bool isUnencryptedOverNetwork(const QUrl &url);
};

} // namespace coauthor::app
