// SharedUndoStack: in a shared document Undo takes back only this user's own
// edits, transformed through collaborators' edits (which always stay); redo
// puts them back where they now belong; what an undo or redo does is sent as
// ordinary local operations; typing runs are one step; alone, it behaves like
// QTextDocument's own undo.

#include "editor/documentbridge.h"
#include "editor/latexeditor.h"
#include "editor/sharedundostack.h"

#include "sync/ot/operations.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace coauthor::editor;
namespace ot = coauthor::sync::ot;

Q_DECLARE_METATYPE(coauthor::sync::ot::TextOperation)

namespace {

// An editor on a shared document: what the server would receive (the local
// ops) and send (the remote ops) are replayed on a second copy, the replica.
struct SharedEditor
{
    explicit SharedEditor(const QString &start)
    {
        editor.setPlainText(start);
        editor.show();
        bridge = std::make_unique<DocumentBridge>(editor.document());
        bridge->setEditor(&editor);
        stack = std::make_unique<SharedUndoStack>(bridge.get(), &editor);
        replica = start;
        QObject::connect(bridge.get(), &DocumentBridge::localOperation, [this](const ot::TextOperation &op) {
            sent.append(op);
            auto r = ot::apply(replica, op);
            if (r.ok())
                replica = r.takeValue();
            else
                replicaBroken = true;
        });
    }

    // Hidden before it goes: destroying a visible LatexEditor trips UBSan in
    // LineNumberArea::event (it calls into the half-destroyed editor), a bug
    // outside what this test is about.
    ~SharedEditor() { editor.hide(); }

    // A collaborator's op, as the sync client hands it to the bridge.
    bool remote(const ot::TextOperation &op)
    {
        if (!bridge->applyRemote(op).ok())
            return false;
        auto r = ot::apply(replica, op);
        if (!r.ok())
            return false;
        replica = r.takeValue();
        return true;
    }
    bool remoteInsert(qsizetype at, const QString &s) { return remote(ot::TextOperation({ot::Component::insert(at, s)})); }
    bool remoteErase(qsizetype at, qsizetype n)
    {
        return remote(ot::TextOperation({ot::Component::erase(at, text().mid(at, n))}));
    }

    QString text() const { return editor.toPlainText(); }
    int caret() const { return editor.textCursor().position(); }
    void setCaret(int pos)
    {
        QTextCursor c = editor.textCursor();
        c.setPosition(pos);
        editor.setTextCursor(c);
    }
    void undoKey() { QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier); }
    void redoKey() { QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); }
    // Everything consistent: document, bridge, and the replica of what was sent.
    bool consistent() const { return !replicaBroken && bridge->text() == text() && replica == text(); }

    LatexEditor editor;
    std::unique_ptr<DocumentBridge> bridge;
    std::unique_ptr<SharedUndoStack> stack;
    QString replica;
    QList<ot::TextOperation> sent;
    bool replicaBroken = false;
};

// The texts the undo stack passes through when undone completely.
QStringList undoAll(SharedEditor &s)
{
    QStringList texts;
    while (s.stack->canUndo() && texts.size() < 1000) {
        s.stack->undo();
        texts.append(s.text());
    }
    return texts;
}

} // namespace

class TestSharedUndoStack : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ot::TextOperation>(); }
    // The stack clears itself (with this warning) rather than apply an entry
    // that no longer fits the text; in these tests that must never happen.
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral("undo history no longer matches"))); }

    void undoRemovesOnlyOwnText()
    {
        SharedEditor s(QStringLiteral("hello "));
        QVERIFY(!s.editor.document()->isUndoRedoEnabled());
        QSignalSpy canUndo(s.stack.get(), &SharedUndoStack::canUndoChanged);
        QSignalSpy canRedo(s.stack.get(), &SharedUndoStack::canRedoChanged);
        s.setCaret(6);
        QTest::keyClicks(&s.editor, QStringLiteral("abc"));
        QCOMPARE(s.text(), QStringLiteral("hello abc"));
        QVERIFY(s.stack->canUndo());
        QCOMPARE(canUndo.size(), 1);
        QCOMPARE(canUndo.first().first().toBool(), true);

        // A collaborator types before our text and inside it.
        QVERIFY(s.remoteInsert(0, QStringLiteral("X")));
        QVERIFY(s.remoteInsert(9, QStringLiteral("Y"))); // "Xhello abYc"
        QCOMPARE(s.text(), QStringLiteral("Xhello abYc"));

        s.sent.clear();
        s.undoKey();
        QCOMPARE(s.text(), QStringLiteral("Xhello Y"));
        QVERIFY(s.consistent());
        QVERIFY(!s.sent.isEmpty()); // the undo went out as local ops
        QCOMPARE(s.caret(), 7); // where our text was (before the collaborator's "Y")
        QVERIFY(!s.stack->canUndo());
        QVERIFY(s.stack->canRedo());
        QCOMPARE(canUndo.last().first().toBool(), false);
        QCOMPARE(canRedo.size(), 1);

        // More remote text, before and at the place: redo comes back around it.
        QVERIFY(s.remoteInsert(0, QStringLiteral("QQ")));
        QVERIFY(s.remoteInsert(10, QStringLiteral("!"))); // "QQXhello Y!"
        s.redoKey();
        QCOMPARE(s.text(), QStringLiteral("QQXhello abYc!"));
        QVERIFY(s.consistent());
        QVERIFY(s.stack->canUndo());
        QVERIFY(!s.stack->canRedo());
        // Ctrl+Z again, then Ctrl+Y redoes too.
        s.undoKey();
        QCOMPARE(s.text(), QStringLiteral("QQXhello Y!"));
        QTest::keyClick(&s.editor, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(s.text(), QStringLiteral("QQXhello abYc!"));
        QVERIFY(s.consistent());
    }

    void collaboratorDeletedOurText()
    {
        SharedEditor s(QStringLiteral("x "));
        s.setCaret(2);
        QTest::keyClicks(&s.editor, QStringLiteral("abcdef"));
        QVERIFY(s.remoteErase(3, 3)); // "bcd" gone
        QCOMPARE(s.text(), QStringLiteral("x aef"));
        s.stack->undo();
        QCOMPARE(s.text(), QStringLiteral("x ")); // only what is left of ours
        QVERIFY(s.consistent());
        s.stack->redo();
        QCOMPARE(s.text(), QStringLiteral("x aef"));
        QVERIFY(s.consistent());

        // A step whose text a collaborator deleted entirely is skipped: undo
        // goes on to the step before it.
        s.stack->clear();
        QVERIFY(!s.stack->canUndo());
        s.setCaret(5);
        s.editor.insertPlainText(QStringLiteral(" one")); // a paste: a step of its own
        QTest::keyClicks(&s.editor, QStringLiteral("two"));
        QCOMPARE(s.text(), QStringLiteral("x aef onetwo"));
        QVERIFY(s.remoteErase(7, 5)); // "netwo"
        QVERIFY(s.remoteInsert(7, QStringLiteral("Z")));
        QCOMPARE(s.text(), QStringLiteral("x aef oZ"));
        s.stack->undo();
        QCOMPARE(s.text(), QStringLiteral("x aefZ"));
        QVERIFY(!s.stack->canUndo());
        QVERIFY(s.consistent());
        // Undo with nothing left does nothing.
        s.undoKey();
        QCOMPARE(s.text(), QStringLiteral("x aefZ"));
        s.stack->redo();
        QCOMPARE(s.text(), QStringLiteral("x aef oZ"));
        QVERIFY(s.consistent());

        // The collaborator deletes across our text and theirs while we could redo.
        s.stack->undo();
        QVERIFY(s.remoteErase(3, 3)); // "efZ" -> "x a"
        QCOMPARE(s.text(), QStringLiteral("x a"));
        s.stack->redo(); // " o" went in after "ef", which is gone: lands at its place
        QCOMPARE(s.text(), QStringLiteral("x a o"));
        QVERIFY(s.consistent());
    }

    // Older steps apply to the text as the newer ones' undo leaves it, so a
    // remote op reaches them rewritten past the newer steps.
    void remoteEditsReachOlderSteps()
    {
        SharedEditor s(QStringLiteral("hello world"));
        s.setCaret(6);
        QTest::keyClicks(&s.editor, QStringLiteral("big "));
        s.setCaret(0);
        QTest::keyClicks(&s.editor, QStringLiteral("Oh "));
        QCOMPARE(s.text(), QStringLiteral("Oh hello big world"));
        QVERIFY(s.remoteInsert(10, QStringLiteral("X")));
        QVERIFY(s.remoteInsert(14, QStringLiteral("Y")));
        QCOMPARE(s.text(), QStringLiteral("Oh hello bXig Yworld"));
        QCOMPARE(undoAll(s), QStringList({QStringLiteral("hello bXig Yworld"), QStringLiteral("hello XYworld")}));
        QVERIFY(s.consistent());
        QVERIFY(s.remoteErase(6, 1));
        QVERIFY(s.remoteInsert(0, QStringLiteral("Z")));
        s.stack->redo();
        QCOMPARE(s.text(), QStringLiteral("Zhello big Yworld"));
        // Text put back at the very place a collaborator typed goes first.
        s.stack->redo();
        QCOMPARE(s.text(), QStringLiteral("Oh Zhello big Yworld"));
        QVERIFY(s.consistent());
    }

    void typingRunsAreOneStep()
    {
        SharedEditor s(QString{});
        QTest::keyClicks(&s.editor, QStringLiteral("abc"));
        QTest::keyClick(&s.editor, Qt::Key_Return);
        QTest::keyClicks(&s.editor, QStringLiteral("de"));
        // Away and back: a cursor jump ends the run even at the same place.
        QTest::keyClick(&s.editor, Qt::Key_Left);
        QTest::keyClick(&s.editor, Qt::Key_Right);
        QTest::keyClicks(&s.editor, QStringLiteral("f"));
        QTest::keyClick(&s.editor, Qt::Key_Backspace);
        QTest::keyClick(&s.editor, Qt::Key_Backspace);
        s.editor.insertPlainText(QStringLiteral("XYZ"));
        QTest::keyClicks(&s.editor, QStringLiteral("h"));
        // A remote edit does not break a run.
        QVERIFY(s.remoteInsert(0, QStringLiteral("R")));
        QTest::keyClicks(&s.editor, QStringLiteral("i"));
        QTest::qWait(1100); // a pause ends it
        QTest::keyClicks(&s.editor, QStringLiteral("j"));
        QCOMPARE(s.text(), QStringLiteral("Rabc\ndXYZhij"));
        const QStringList undone = undoAll(s);
        QCOMPARE(undone,
                 QStringList({QStringLiteral("Rabc\ndXYZhi"), QStringLiteral("Rabc\ndXYZ"), QStringLiteral("Rabc\nd"),
                              QStringLiteral("Rabc\ndef"), QStringLiteral("Rabc\nde"), QStringLiteral("Rabc\n"),
                              QStringLiteral("Rabc"), QStringLiteral("R")}));
        QVERIFY(s.consistent());
        int redos = 0;
        while (s.stack->canRedo()) {
            s.stack->redo();
            ++redos;
        }
        QCOMPARE(redos, 8);
        QCOMPARE(s.text(), QStringLiteral("Rabc\ndXYZhij"));

        // A new edit clears what could be redone.
        s.stack->undo();
        QVERIFY(s.stack->canRedo());
        QTest::keyClicks(&s.editor, QStringLiteral("k"));
        QVERIFY(!s.stack->canRedo());
        QVERIFY(s.consistent());
    }

    // The undo is what a collaborator receives: replaying the sent ops and the
    // received ones on a copy of the starting text ends with the same text.
    void undoIsSentAsLocalOperations()
    {
        SharedEditor s(QStringLiteral("one two three"));
        QSignalSpy local(s.bridge.get(), &DocumentBridge::localOperation);
        s.setCaret(3);
        QTest::keyClicks(&s.editor, QStringLiteral(" and a half"));
        QVERIFY(s.remoteInsert(7, QStringLiteral("[r]")));
        QVERIFY(s.remoteErase(0, 2));
        local.clear();
        s.stack->undo();
        QCOMPARE(s.text(), QStringLiteral("e[r] two three"));
        // Split around the remote text, one local op per piece.
        QCOMPARE(local.size(), 2);
        QCOMPARE(local.at(0).at(0).value<ot::TextOperation>(),
                 ot::TextOperation({ot::Component::erase(1, QStringLiteral(" and"))}));
        QCOMPARE(local.at(1).at(0).value<ot::TextOperation>(),
                 ot::TextOperation({ot::Component::erase(4, QStringLiteral(" a half"))}));
        QCOMPARE(s.replica, s.text());
        // Not recorded as a step of its own: nothing more to undo, one redo.
        QVERIFY(!s.stack->canUndo());
        s.stack->redo();
        QCOMPARE(s.text(), QStringLiteral("e and[r] a half two three"));
        QVERIFY(s.consistent());
    }

    void contextMenuUsesTheStack()
    {
        SharedEditor s(QStringLiteral("abc"));
        s.setCaret(3);
        QTest::keyClicks(&s.editor, QStringLiteral("def"));
        std::unique_ptr<QMenu> menu(s.editor.createStandardContextMenu());
        menu->ensurePolished();
        QAction *undo = menu->findChild<QAction *>(QStringLiteral("edit-undo"));
        QAction *redo = menu->findChild<QAction *>(QStringLiteral("edit-redo"));
        QVERIFY(undo);
        QVERIFY(redo);
        QVERIFY(undo->isEnabled());
        QVERIFY(!redo->isEnabled());
        undo->trigger();
        QCOMPARE(s.text(), QStringLiteral("abc"));
        // The editor makes a new menu each time it opens one.
        menu.reset(s.editor.createStandardContextMenu());
        menu->ensurePolished();
        undo = menu->findChild<QAction *>(QStringLiteral("edit-undo"));
        redo = menu->findChild<QAction *>(QStringLiteral("edit-redo"));
        QVERIFY(!undo->isEnabled());
        QVERIFY(redo->isEnabled());
        redo->trigger();
        QCOMPARE(s.text(), QStringLiteral("abcdef"));
        QVERIFY(s.consistent());
        menu.reset();

        // The menu the editor itself pops up (right click, the Menu key).
        QContextMenuEvent event(QContextMenuEvent::Keyboard, QPoint(5, 5), s.editor.mapToGlobal(QPoint(5, 5)));
        QApplication::sendEvent(&s.editor, &event);
        auto *popup = s.editor.findChild<QMenu *>();
        QVERIFY(popup);
        QTRY_VERIFY(popup->isVisible());
        undo = popup->findChild<QAction *>(QStringLiteral("edit-undo"));
        QVERIFY(undo && undo->isEnabled());
        undo->trigger();
        QCOMPARE(s.text(), QStringLiteral("abc"));
        popup->close();
    }

    // Qt's own undo is off while any stack is attached and back when none is
    // (a shared tab becoming local again), whichever order stacks are replaced.
    void qtUndoComesBackWhenDetached()
    {
        LatexEditor editor;
        auto bridge = std::make_unique<DocumentBridge>(editor.document());
        auto first = std::make_unique<SharedUndoStack>(bridge.get(), &editor);
        QVERIFY(!editor.document()->isUndoRedoEnabled());
        auto second = std::make_unique<SharedUndoStack>(bridge.get(), &editor);
        first.reset();
        QVERIFY(!editor.document()->isUndoRedoEnabled());
        bridge.reset(); // the bridge may go before the stack
        second->undo();
        second.reset();
        QVERIFY(editor.document()->isUndoRedoEnabled());
        QTest::keyClicks(&editor, QStringLiteral("xy"));
        QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor.toPlainText(), QString());

        // resetText (a fresh snapshot) forgets the history.
        DocumentBridge other(editor.document());
        SharedUndoStack stack(&other, &editor);
        QTest::keyClicks(&editor, QStringLiteral("ab"));
        QVERIFY(stack.canUndo());
        other.resetText(QStringLiteral("snapshot"));
        QVERIFY(!stack.canUndo());
        stack.undo();
        QCOMPARE(editor.toPlainText(), QStringLiteral("snapshot"));
    }

    // Alone, undo ends where QTextDocument's own undo ends, through the same
    // texts, with the caret where Qt puts it.
    void singleUserMatchesQTextDocument()
    {
        const QString start = QStringLiteral("first line\nsecond line\n");
        SharedEditor s(start);
        QPlainTextEdit plain;
        plain.setPlainText(start);
        plain.show();
        QVERIFY(plain.document()->isUndoRedoEnabled());

        QStringList history{start};
        const auto both = [&](const std::function<void(QPlainTextEdit *)> &action) {
            action(&s.editor);
            action(&plain);
            QCOMPARE(s.text(), plain.toPlainText());
            history.append(plain.toPlainText());
        };
        const auto caretAt = [](int pos) {
            return [pos](QPlainTextEdit *e) {
                QTextCursor c = e->textCursor();
                c.setPosition(pos);
                e->setTextCursor(c);
            };
        };
        both(caretAt(5));
        both([](QPlainTextEdit *e) { QTest::keyClicks(e, QStringLiteral(" typed")); });
        both(caretAt(23));
        both([](QPlainTextEdit *e) { QTest::keyClick(e, Qt::Key_Backspace); });
        both([](QPlainTextEdit *e) { QTest::keyClick(e, Qt::Key_Backspace); });
        both(caretAt(0));
        both([](QPlainTextEdit *e) { QTest::keyClick(e, Qt::Key_Delete); });
        both([](QPlainTextEdit *e) {
            QTextCursor c = e->textCursor();
            c.setPosition(12);
            c.setPosition(16, QTextCursor::KeepAnchor);
            e->setTextCursor(c);
        });
        both([](QPlainTextEdit *e) { e->insertPlainText(QStringLiteral("PASTED\nTEXT")); });
        both(caretAt(2));
        both([](QPlainTextEdit *e) { QTest::keyClick(e, Qt::Key_Return); });
        both([](QPlainTextEdit *e) { QTest::keyClicks(e, QStringLiteral("de")); });
        both([](QPlainTextEdit *e) { QTest::keyClick(e, Qt::Key_Backspace); });
        both([](QPlainTextEdit *e) { QTest::keyClick(e, Qt::Key_Backspace); });
        both([](QPlainTextEdit *e) { QTest::keyClicks(e, QStringLiteral("fg")); });
        both([](QPlainTextEdit *e) { QTest::keyClick(e, Qt::Key_Left); });
        both([](QPlainTextEdit *e) { QTest::keyClicks(e, QStringLiteral("h")); });
        const QString end = plain.toPlainText();

        QStringList qtTexts;
        QList<int> qtCarets;
        while (plain.document()->isUndoAvailable()) {
            plain.undo();
            qtTexts.append(plain.toPlainText());
            qtCarets.append(plain.textCursor().position());
        }
        QStringList ours;
        QList<int> ourCarets;
        while (s.stack->canUndo()) {
            s.stack->undo();
            ours.append(s.text());
            ourCarets.append(s.caret());
        }
        QCOMPARE(ours.last(), start);
        QCOMPARE(qtTexts.last(), start);
        QCOMPARE(ours, qtTexts);
        QCOMPARE(ourCarets, qtCarets);
        while (s.stack->canRedo())
            s.stack->redo();
        QCOMPARE(s.text(), end);
        QVERIFY(s.consistent());
    }

    // Local typing, a collaborator's random edits and undo/redo interleaved:
    // the document, the bridge and the replica of what went over the wire
    // stay equal, and undo/redo never touch the collaborator's text (upper
    // case here; we only type and delete lower case and newlines).
    void randomizedWithCollaborator()
    {
        const quint32 seed = 61123;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        SharedEditor s(QStringLiteral("START\nTEXT\n"));
        const auto theirs = [](const QString &t) {
            QString out;
            for (QChar c : t) {
                if (c.isUpper() || c.isDigit())
                    out.append(c);
            }
            return out;
        };
        const auto lower = [&rng] { return QChar(u'a' + int(rng.bounded(26))); };
        int undos = 0;
        int redos = 0;
        for (int i = 0; i < 1500; ++i) {
            const QString before = s.text();
            const int length = int(before.size());
            if (rng.bounded(3) == 0)
                s.setCaret(int(rng.bounded(length + 1)));
            const int caret = s.caret();
            switch (rng.bounded(10)) {
            case 0:
            case 1:
            case 2:
                QTest::keyClick(&s.editor, lower().toLatin1());
                break;
            case 3:
                QTest::keyClick(&s.editor, Qt::Key_Return);
                break;
            case 4:
                if (caret > 0 && (before.at(caret - 1).isLower() || before.at(caret - 1) == u'\n'))
                    QTest::keyClick(&s.editor, Qt::Key_Backspace);
                break;
            case 5: {
                QString piece;
                for (int n = int(rng.bounded(3)); n >= 0; --n)
                    piece.append(rng.bounded(6) == 0 ? QChar(u'\n') : QChar(u'A' + int(rng.bounded(26))));
                QVERIFY2(s.remoteInsert(rng.bounded(length + 1), piece), qPrintable(QString::number(i)));
                break;
            }
            case 6:
                if (length > 0) {
                    const int at = int(rng.bounded(length));
                    QVERIFY(s.remoteErase(at, std::min(length - at, 1 + int(rng.bounded(4)))));
                }
                break;
            case 7:
            case 8: {
                const bool isUndo = rng.bounded(2) == 0;
                (isUndo ? undos : redos) += (isUndo ? s.stack->canUndo() : s.stack->canRedo()) ? 1 : 0;
                if (isUndo)
                    s.undoKey();
                else
                    s.redoKey();
                QVERIFY2(theirs(s.text()) == theirs(before),
                         qPrintable(QStringLiteral("seed %1 step %2: %3 -> %4").arg(seed).arg(i).arg(before, s.text())));
                break;
            }
            default: {
                QString piece;
                for (int n = int(rng.bounded(5)); n >= 0; --n)
                    piece.append(lower());
                s.editor.insertPlainText(piece);
                break;
            }
            }
            QVERIFY2(s.consistent(), qPrintable(QStringLiteral("seed %1 step %2").arg(seed).arg(i)));
        }
        qInfo("%d undos, %d redos, final length %lld", undos, redos, qlonglong(s.text().size()));
        QVERIFY(undos > 50 && redos > 5);
        // Undoing all our steps takes out every letter we typed (only we type
        // lower case) and leaves the collaborator's text alone.
        const QString last = s.text();
        undoAll(s);
        QVERIFY2(!s.text().contains(QRegularExpression(QStringLiteral("[a-z]"))), qPrintable(s.text()));
        QCOMPARE(theirs(s.text()), theirs(last));
        QVERIFY(s.consistent());
    }

    // Alone (no collaborator), random editing mixed with undo and redo: undoing
    // every step gives back the starting text, redoing them all the last one.
    void randomizedAloneUndoAllRestores()
    {
        const quint32 seed = 20261123;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        const QString start = QStringLiteral("\\section{Intro}\nSome text $x$.\n");
        SharedEditor s(start);
        const auto lower = [&rng] { return QChar(u'a' + int(rng.bounded(26))); };
        for (int i = 0; i < 800; ++i) {
            const int length = int(s.text().size());
            switch (rng.bounded(12)) {
            case 0:
                s.setCaret(int(rng.bounded(length + 1)));
                break;
            case 1: {
                QTextCursor c = s.editor.textCursor();
                c.setPosition(int(rng.bounded(length + 1)));
                c.setPosition(int(rng.bounded(length + 1)), QTextCursor::KeepAnchor);
                s.editor.setTextCursor(c);
                break;
            }
            case 2:
                QTest::keyClick(&s.editor, Qt::Key_Backspace);
                break;
            case 3:
                QTest::keyClick(&s.editor, Qt::Key_Delete);
                break;
            case 4:
                QTest::keyClick(&s.editor, Qt::Key_Return);
                break;
            case 5:
                s.editor.insertPlainText(QStringLiteral("pasted\ntext"));
                break;
            case 6:
                s.undoKey();
                break;
            case 7:
                s.redoKey();
                break;
            default:
                QTest::keyClick(&s.editor, lower().toLatin1());
                break;
            }
            QVERIFY2(s.consistent(), qPrintable(QStringLiteral("seed %1 step %2").arg(seed).arg(i)));
        }
        // What could still be redone first, so that redoing everything below
        // ends at a known text.
        while (s.stack->canRedo())
            s.stack->redo();
        const QString end = s.text();
        QVERIFY(s.consistent());
        undoAll(s);
        QCOMPARE(s.text(), start);
        QVERIFY(s.consistent());
        while (s.stack->canRedo())
            s.stack->redo();
        QCOMPARE(s.text(), end);
        QVERIFY(s.consistent());
    }
};

QTEST_MAIN(TestSharedUndoStack)
#include "tst_sharedundostack.moc"
