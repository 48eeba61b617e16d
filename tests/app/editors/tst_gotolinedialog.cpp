// EditorTabs' Go to Line dialog: wide enough for its whole title (it was cut
// off to "Go to Li…"), says the range of lines, and moves the cursor there.
#include "app/editors/editortabs.h"
#include "editor/latexeditor.h"

#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace coauthor::app;

class GoToLineDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theDialogShowsItsWholeTitleAndGoesToTheLine()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("notes.tex")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("one\ntwo\nthree\nfour\n");
        file.close();
        EditorTabs tabs;
        tabs.setProjectRoot(dir.path());
        QVERIFY(tabs.openFile(QStringLiteral("notes.tex")));
        tabs.show();

        QString title;
        QString label;
        int width = 0;
        int titleWidth = 0;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            title = dialog->windowTitle();
            label = dialog->labelText();
            width = dialog->width();
            titleWidth = QFontMetrics(dialog->font()).horizontalAdvance(title);
            dialog->setIntValue(3);
            dialog->accept();
        });
        tabs.goToLineInteractive();
        QCOMPARE(title, QStringLiteral("Go to Line"));
        QCOMPARE(label, QStringLiteral("Line (1–5):"));
        QVERIFY2(width >= titleWidth + EditorTabs::GoToLineTitleRoom,
                 qPrintable(QStringLiteral("%1 < %2").arg(width).arg(titleWidth + EditorTabs::GoToLineTitleRoom)));
        QCOMPARE(tabs.currentEditor()->currentLine(), 3);
    }
};

QTEST_MAIN(GoToLineDialogTest)
#include "tst_gotolinedialog.moc"
