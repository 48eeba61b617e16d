// Nobody is left in the dark when sharing stops, and nothing typed is lost to
// an error: the bundled coauthor-server (real binary, embedded redis-server)
// hosted by window A, joined by window B. Proves: the host is asked before
// quitting while others are connected (and stays when it says no); a guest is
// told the host left (the server's 1001 "server shutting down"), not just
// "Offline"; "Work Offline" is remembered per project across restarts until
// turned off; Open Shared Project keeps every field after an error.

#include "app/collab/collabfeature.h"
#include "app/collab/collaborationsession.h"
#include "app/collab/openshareddialog.h"
#include "app/collab/serverhost.h"
#include "app/collab/sharedialog.h"
#include "app/collab/syncstatuslabel.h"
#include "app/project/appsettings.h"
#include "app/ui/appresources.h"
#include "app/ui/appstatusbar.h"
#include "app/ui/mainwindow.h"
#include "apptestsupport.h"
#include "sync/client/syncclient.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;

namespace {

// Answers the next modal message box with button, and keeps its text.
void answerNextMessageBox(QMessageBox::StandardButton button, QString *text)
{
    QTimer::singleShot(0, [button, text] {
        QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        *text = box->text();
        box->button(button)->click();
    });
}

// A port nothing listens on (bound, then released).
quint16 unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class CollabSafetyTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<MainWindow> m_a;
    std::unique_ptr<MainWindow> m_b;

    std::unique_ptr<MainWindow> window()
    {
        auto w = std::make_unique<MainWindow>(m_tmp.filePath(QStringLiteral("compiles")));
        w->resize(900, 600);
        w->show();
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        test::isolateUserState(m_tmp.filePath(QStringLiteral("state")));
        qputenv("HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("home"))));
        QSettings().setValue(QStringLiteral("collab/name"), QStringLiteral("Ada"));
        AppSettings settings = AppSettings::load();
        settings.autoCompile = false;
        settings.save();
    }

    void cleanupTestCase()
    {
        m_b.reset();
        m_a.reset();
    }

    void openSharedProjectKeepsEveryFieldAfterAnError()
    {
        auto w = window();
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(unusedPort());
        // A folder that is not empty: refused by the join, after the dialog's own checks.
        const QString folder = m_tmp.filePath(QStringLiteral("joined"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(test::writeText(folder + QStringLiteral("/mine.txt"), QStringLiteral("mine\n")));
        bool checked = false;
        QTimer::singleShot(0, [&] {
            QTRY_VERIFY(qobject_cast<OpenSharedDialog *>(QApplication::activeModalWidget()));
            auto *dialog = qobject_cast<OpenSharedDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog->fillFromInvitation(QStringLiteral("Server: %1\nProject: paper-7\nToken: s3cret\n").arg(url)));
            const QList<QLineEdit *> fields = dialog->findChildren<QLineEdit *>();
            QLineEdit *folderField = fields.last(); // the form's last row
            folderField->setText(folder);
            dialog->accept(); // Open
            QVERIFY(dialog->isVisible());
            QVERIFY2(!dialog->errorText().isEmpty(), "no reason shown");
            qInfo() << "shown:" << dialog->errorText();
            QCOMPARE(dialog->link().url.toString(), url);
            QCOMPARE(dialog->link().projectId, QStringLiteral("paper-7"));
            QCOMPARE(dialog->link().token, QStringLiteral("s3cret"));
            QCOMPARE(dialog->link().name, QStringLiteral("Ada"));
            QCOMPARE(dialog->folder(), folder);
            checked = true;
            dialog->reject();
        });
        w->collabFeature()->openSharedProjectDialog();
        QVERIFY(checked);
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{QStringLiteral("mine.txt")});
    }

    // A server that does not answer keeps a join waiting (20 s); Cancel stops it at once.
    void cancelStopsAJoinAtOnceAndKeepsTheFields()
    {
        auto w = window();
        const QString url = QStringLiteral("ws://127.0.0.1:%1/").arg(unusedPort());
        const QString folder = m_tmp.filePath(QStringLiteral("never-joined"));
        bool checked = false;
        QTimer::singleShot(0, [&] {
            QTRY_VERIFY(qobject_cast<OpenSharedDialog *>(QApplication::activeModalWidget()));
            auto *dialog = qobject_cast<OpenSharedDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog->fillFromInvitation(QStringLiteral("Server: %1\nProject: paper-8\nToken: s3cret\n").arg(url)));
            dialog->findChildren<QLineEdit *>().last()->setText(folder);
            bool joining = false;
            QTimer::singleShot(300, dialog, [&] {
                joining = dialog->isJoining();
                dialog->reject(); // Cancel, while it waits
            });
            QElapsedTimer took;
            took.start();
            dialog->accept(); // Open: runs until the join returns
            QVERIFY(joining);
            QVERIFY2(took.elapsed() < 5000, qPrintable(QString::number(took.elapsed())));
            QVERIFY(dialog->isVisible());
            QCOMPARE(dialog->errorText(), CollaborationSession::tr("Cancelled."));
            QCOMPARE(dialog->link().url.toString(), url);
            QCOMPARE(dialog->link().token, QStringLiteral("s3cret"));
            QCOMPARE(dialog->folder(), folder);
            checked = true;
            dialog->reject(); // not joining: closes
        });
        w->collabFeature()->openSharedProjectDialog();
        QVERIFY(checked);
        QVERIFY(!QFileInfo::exists(folder));
    }

    void workOfflineIsRememberedPerProjectUntilTurnedOff()
    {
        // A working copy of a project whose server is away: the choice is the window's.
        const QString copy = QFileInfo(m_tmp.filePath(QStringLiteral("offline-copy"))).absoluteFilePath();
        QVERIFY(QDir().mkpath(copy));
        QVERIFY(test::writeText(copy + QStringLiteral("/main.tex"), QStringLiteral("text\n")));
        ShareLink link;
        link.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(unusedPort()));
        link.projectId = QStringLiteral("p");
        link.token = QStringLiteral("t");
        link.name = QStringLiteral("Ada");
        QVERIFY(link.save(copy));
        const QString other = QFileInfo(m_tmp.filePath(QStringLiteral("other"))).absoluteFilePath();
        QVERIFY(QDir().mkpath(other));

        auto w = window();
        QVERIFY(w->openProject(copy));
        QAction *offline = w->collabFeature()->workOfflineAction();
        QVERIFY(offline->isEnabled());
        QVERIFY(!offline->isChecked());
        offline->trigger();
        QVERIFY(offline->isChecked());
        w.reset();

        w = window();
        QVERIFY(w->openProject(copy));
        QVERIFY(w->collabFeature()->workOfflineAction()->isChecked());
        QCOMPARE(w->collaboration()->connectionState(), sync::SyncClient::State::Offline);
        // Another project does not inherit it.
        QVERIFY(w->openProject(other));
        QVERIFY(!w->collabFeature()->workOfflineAction()->isChecked());
        QVERIFY(w->openProject(copy));
        QVERIFY(w->collabFeature()->workOfflineAction()->isChecked());
        w->collabFeature()->workOfflineAction()->trigger(); // turned off
        w.reset();

        w = window();
        QVERIFY(w->openProject(copy));
        QVERIFY(!w->collabFeature()->workOfflineAction()->isChecked());
        QVERIFY(w->closeProject());
    }

    void theHostIsAskedBeforeQuittingAndTheGuestIsToldTheHostLeft()
    {
        const QString local = QFileInfo(m_tmp.filePath(QStringLiteral("paper"))).absoluteFilePath();
        QVERIFY(QDir().mkpath(local));
        QVERIFY(test::writeText(local + QStringLiteral("/main.tex"),
                                QStringLiteral("\\documentclass{article}\n\\begin{document}\nHi.\n\\end{document}\n")));
        m_a = window();
        m_a->serverHost()->setDataDir(m_tmp.filePath(QStringLiteral("server")));
        QVERIFY(m_a->openProject(local));
        ShareDialog dialog(m_a->serverHost(), m_a->project().name(),
                           [this](const ShareLink &link) { return m_a->collabFeature()->shareProject(link); }, m_a.get());
        dialog.setHostOnThisComputer(true);
        dialog.setListenHost(QStringLiteral("127.0.0.1"));
        QVERIFY2(dialog.share(), qPrintable(dialog.errorText()));
        ShareLink link = dialog.link();
        link.name = QStringLiteral("Bo");

        m_b = window();
        auto joined = m_b->collabFeature()->openSharedProject(m_tmp.filePath(QStringLiteral("copy")), link);
        QVERIFY2(joined, joined ? "" : qPrintable(joined.error()));
        QTRY_VERIFY_WITH_TIMEOUT(!m_a->collaboration()->collaborators().isEmpty(), 10000);

        // No: the host stays, and so does the server.
        QString asked;
        answerNextMessageBox(QMessageBox::Cancel, &asked);
        QVERIFY(!m_a->close());
        QVERIFY2(asked.contains(QStringLiteral("Bo")) && asked.contains(QStringLiteral("Quitting stops the server")),
                 qPrintable(asked));
        QVERIFY(m_a->isVisible());
        QVERIFY(m_a->serverHost()->isRunning());

        // Yes: the server stops, and the guest hears why.
        answerNextMessageBox(QMessageBox::Yes, &asked);
        QVERIFY(m_a->close());
        QVERIFY(!m_a->serverHost()->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(m_b->appStatusBar()->currentMessage(), CollabFeature::hostLeftMessage(), 10000);
        QVERIFY(m_b->collaboration()->serverShutDown());
        // It stays through the reconnects that find nobody there.
        QSignalSpy attempts(m_b->collaboration(), &CollaborationSession::stateChanged);
        QTRY_VERIFY_WITH_TIMEOUT(attempts.count() >= 2, 10000);
        QCOMPARE(m_b->appStatusBar()->currentMessage(), CollabFeature::hostLeftMessage());
        QVERIFY(m_b->collabFeature()->syncStatusText().contains(SyncStatusLabel::tr("Offline")));
    }
};

QTEST_MAIN(CollabSafetyTest)
#include "tst_collab_safety.moc"
