// The Share dialog's People box on a hosted project (the bundled coauthor-server,
// real binary, embedded redis-server): an invitation per person made with a name
// and the read-only box, listed, its token accepted as that person, then revoked
// and refused — read back from the server's own docstore.

#include "app/collab/invitationspanel.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "sync/docstore/docstore.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace coauthor;
using namespace coauthor::app;

class TestShareInvitations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theShareDialogInvitesOnePersonAndRevokesThem()
    {
        QTemporaryDir dir;
        ServerHost host;
        host.setDataDir(dir.filePath(QStringLiteral("server")));
        ShareDialog dialog(&host, QStringLiteral("Thesis"),
                           [](const ShareLink &) { return sync::Result<void, QString>::success(); });
        dialog.setHostOnThisComputer(true);
        dialog.setListenHost(QStringLiteral("127.0.0.1"));
        dialog.setUserName(QStringLiteral("Host"));
        dialog.show();
        QVERIFY2(dialog.share(), qPrintable(dialog.errorText()));
        InvitationsPanel *people = dialog.invitations();
        QVERIFY(people && people->isVisible());
        QVERIFY(people->activeNames().isEmpty()); // the host's own token is not a person invited here

        // As a user does: the name, the read-only box, Invite.
        auto *name = people->findChild<QLineEdit *>();
        auto *readOnly = people->findChild<QCheckBox *>();
        QPushButton *invite = nullptr;
        QPushButton *revoke = nullptr;
        for (QPushButton *b : people->findChildren<QPushButton *>()) {
            if (b->text() == InvitationsPanel::tr("&Invite"))
                invite = b;
            if (b->text() == InvitationsPanel::tr("Re&voke"))
                revoke = b;
        }
        QVERIFY(name && readOnly && invite && revoke);
        QTest::keyClicks(name, QStringLiteral("Grace Hopper"));
        readOnly->setChecked(true);
        invite->click();
        QVERIFY2(people->errorText().isEmpty(), qPrintable(people->errorText()));
        QCOMPARE(people->activeNames(), QStringList{QStringLiteral("Grace Hopper")});
        const QString message = people->lastInvitation();
        QVERIFY(message.contains(dialog.link().projectId));
        const QString token = message.section(u'\n', -1).section(u' ', -1);
        QVERIFY(token.size() >= 40);
        QVERIFY(token != dialog.link().token);

        auto store = sync::Docstore::open(QString(), host.dataDir());
        QVERIFY(store.ok());
        auto member = store.value()->authenticate(dialog.link().projectId, token);
        QVERIFY(member.ok());
        QCOMPARE(member.value().name, QStringLiteral("Grace Hopper"));
        QVERIFY(member.value().role == sync::Role::ReadOnly);

        // For a look at it under xvfb-run (import -window root meanwhile).
        if (const int pauseMs = qEnvironmentVariableIntValue("COAUTHOR_SCREENSHOT_PAUSE_MS"); pauseMs > 0) {
            dialog.activateWindow();
            QTest::qWait(pauseMs);
        }

        // Select her in the list, Revoke.
        auto *list = people->findChild<QTreeWidget *>();
        QCOMPARE(list->topLevelItemCount(), 1);
        list->setCurrentItem(list->topLevelItem(0));
        QVERIFY(revoke->isEnabled());
        revoke->click();
        QVERIFY2(people->errorText().isEmpty(), qPrintable(people->errorText()));
        QVERIFY(people->activeNames().isEmpty());
        QCOMPARE(list->topLevelItem(0)->text(2), InvitationsPanel::tr("Revoked"));
        QCOMPARE(store.value()->authenticate(dialog.link().projectId, token).error().code, QStringLiteral("unauthorized"));
        host.stop();
    }
};

QTEST_MAIN(TestShareInvitations)
#include "tst_share_invitations.moc"
