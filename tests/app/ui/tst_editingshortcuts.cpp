// The window's editing keys on a copy of the example project: Ctrl+Plus/Minus
// zoom the pane that has the focus (the editor's font or the PDF), Ctrl+Enter
// compiles, Help > Keyboard Shortcuts lists every action's shortcut, and the
// typing conveniences follow the preferences, which persist them.
#include "apptestsupport.h"

#include "app/compile/compilecontroller.h"
#include "app/editors/editortabs.h"
#include "app/pdf/pdfview.h"
#include "app/ui/appactions.h"
#include "app/ui/appresources.h"
#include "app/ui/mainwindow.h"
#include "app/ui/preferencesdialog.h"
#include "app/ui/shortcutsdialog.h"
#include "editor/latexeditor.h"

#include <QAction>
#include <QCheckBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace coauthor;
using namespace coauthor::app;

class EditingShortcutsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<MainWindow> m_window;

    editor::LatexEditor *mainEditor() const { return m_window->editorTabs()->editorFor(QStringLiteral("main.tex")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        initAppResources();
        const QString project = test::isolatedExampleProject(m_tmp.path());
        QVERIFY(!project.isEmpty());
        m_window = std::make_unique<MainWindow>(m_tmp.filePath(QStringLiteral("compiles")));
        AppSettings settings = m_window->settings();
        settings.autoCompile = false;
        m_window->applySettings(settings);
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openProject(project));
        QVERIFY(mainEditor());
        QSignalSpy finished(m_window->compileController(), &CompileController::finished);
        QVERIFY(finished.wait(90000)); // the first compile, so that the PDF has pages to zoom
        QTRY_VERIFY(m_window->pdfView()->pageCount() > 0);
    }

    void zoomInAndOutActOnThePaneWithTheFocus()
    {
        editor::LatexEditor *e = mainEditor();
        PdfView *pdf = m_window->pdfView();
        e->setFocus();
        QTRY_VERIFY(e->hasFocus());
        const int size = e->editorFont().pointSize();
        const double pdfZoom = pdf->zoom();
        QTest::keySequence(m_window.get(), QKeySequence(QKeySequence::ZoomIn));
        QCOMPARE(e->editorFont().pointSize(), size + 1);
        QCOMPARE(pdf->zoom(), pdfZoom);
        QCOMPARE(AppSettings::load().editorFont.pointSize(), size + 1); // the preference follows
        QTest::keySequence(m_window.get(), QKeySequence(QKeySequence::ZoomOut));
        QCOMPARE(e->editorFont().pointSize(), size);

        pdf->setFocus();
        QTRY_VERIFY(pdf->hasFocus() || pdf->isAncestorOf(QApplication::focusWidget()));
        QTest::keySequence(m_window.get(), QKeySequence(QKeySequence::ZoomIn));
        QVERIFY2(pdf->zoom() > pdfZoom, qPrintable(QString::number(pdf->zoom())));
        QCOMPARE(e->editorFont().pointSize(), size);
        e->setFocus();
    }

    void ctrlEnterCompilesWithoutTypingANewLine()
    {
        editor::LatexEditor *e = mainEditor();
        e->setFocus();
        QTRY_VERIFY(e->hasFocus());
        const QString before = e->toPlainText();
        QSignalSpy started(m_window->compileController(), &CompileController::started);
        QTest::keyClick(e, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(started.count() > 0 || started.wait(5000));
        QCOMPARE(e->toPlainText(), before);
        QSignalSpy finished(m_window->compileController(), &CompileController::finished);
        QVERIFY(finished.wait(90000));
    }

    void keyboardShortcutsListEveryShortcutOfTheWindowsActions()
    {
        const QList<ShortcutsDialog::Entry> entries = ShortcutsDialog::collect(m_window.get());
        const auto listed = [&](const QString &command, const QString &keys) {
            return std::any_of(entries.cbegin(), entries.cend(),
                               [&](const ShortcutsDialog::Entry &e) { return e.command == command && e.keys == keys; });
        };
        int withShortcut = 0;
        for (const QAction *action : m_window->findChildren<QAction *>()) {
            if (action->shortcuts().isEmpty())
                continue;
            ++withShortcut;
            QStringList keys;
            for (const QKeySequence &k : action->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            QString text = action->text();
            text.remove(u'&');
            QVERIFY2(listed(text, keys.join(QStringLiteral(", "))), qPrintable(text));
        }
        QVERIFY(withShortcut > 20);
        QVERIFY(listed(QStringLiteral("Compile"), QStringLiteral("Ctrl+B, F5, Ctrl+Return, Ctrl+Enter")));
        // The editor's own keys are there too.
        QVERIFY(std::any_of(entries.cbegin(), entries.cend(), [](const ShortcutsDialog::Entry &e) {
            return e.keys == QKeySequence(Qt::CTRL | Qt::Key_Space).toString(QKeySequence::NativeText);
        }));

        // The dialog shows them and filters by command or key.
        m_window->actions()->shortcuts->trigger();
        auto *dialog = m_window->findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        int rows = 0;
        for (int g = 0; g < dialog->list()->topLevelItemCount(); ++g)
            rows += dialog->list()->topLevelItem(g)->childCount();
        QCOMPARE(rows, int(entries.size()));
        dialog->setFilter(QStringLiteral("Ctrl+J"));
        int shown = 0;
        for (int g = 0; g < dialog->list()->topLevelItemCount(); ++g) {
            QTreeWidgetItem *group = dialog->list()->topLevelItem(g);
            for (int i = 0; i < group->childCount(); ++i)
                shown += group->isHidden() || group->child(i)->isHidden() ? 0 : 1;
        }
        QCOMPARE(shown, 1); // Show in PDF
        dialog->close();
    }

    void typingConveniencesFollowThePreferencesAndPersist()
    {
        editor::LatexEditor *e = mainEditor();
        AppSettings settings = m_window->settings();
        QVERIFY(settings.closeBrackets && settings.closeMath && settings.endEnvironments && settings.citationDetails);
        QVERIFY(e->closeBrackets() && e->closeMath() && e->endEnvironments() && e->citationDetails());

        // The dialog's check boxes say what the settings say and give back what is ticked.
        PreferencesDialog dialog(settings);
        QCheckBox *brackets = nullptr;
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>()) {
            if (box->text().startsWith(QStringLiteral("Close braces")))
                brackets = box;
        }
        QVERIFY(brackets);
        QVERIFY(brackets->isChecked());
        brackets->setChecked(false);
        const AppSettings chosen = dialog.settings();
        QVERIFY(!chosen.closeBrackets);
        QVERIFY(chosen.closeMath);
        chosen.save();
        QCOMPARE(AppSettings::load().closeBrackets, false);
        QCOMPARE(AppSettings::load().closeMath, true);
        m_window->applySettings(chosen);
        QVERIFY(!e->closeBrackets());
        QVERIFY(e->closeMath());

        // Typed: no "}" now, and a "$" pair still.
        e->setFocus();
        QTextCursor c = e->textCursor();
        c.movePosition(QTextCursor::End);
        e->setTextCursor(c);
        const QString before = e->toPlainText();
        QTest::keyClick(e, Qt::Key_Return);
        QTest::keyClicks(e, QStringLiteral("( $"));
        QCOMPARE(e->toPlainText(), before + QStringLiteral("\n( $$"));
        while (e->toPlainText() != before && e->document()->isUndoAvailable())
            e->undo();
        QCOMPARE(e->toPlainText(), before);
        settings.closeBrackets = true;
        settings.save();
        m_window->applySettings(settings);
        QVERIFY(e->closeBrackets());
    }

    void cleanupTestCase()
    {
        if (m_window)
            m_window->editorTabs()->closeAllWithoutSaving();
        m_window.reset();
    }
};

QTEST_MAIN(EditingShortcutsTest)
#include "tst_editingshortcuts.moc"
