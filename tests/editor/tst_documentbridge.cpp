// DocumentBridge: local edits in a real LatexEditor become the right OT
// operations (and highlighting does not produce any); remote operations
// change the document without moving the local caret; a randomized mix of
// local and remote edits keeps the bridge's text equal to the document's.

#include "editor/documentbridge.h"
#include "editor/latexeditor.h"

#include "sync/ot/operations.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace coauthor::editor;
namespace ot = coauthor::sync::ot;

Q_DECLARE_METATYPE(coauthor::sync::ot::TextOperation)

class TestDocumentBridge : public QObject
{
    Q_OBJECT
private:
    static QList<ot::TextOperation> ops(const QSignalSpy &spy)
    {
        QList<ot::TextOperation> out;
        for (const QList<QVariant> &args : spy)
            out.append(args.at(0).value<ot::TextOperation>());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ot::TextOperation>();
    }

    void typingBecomesOperations()
    {
        LatexEditor editor;
        editor.setPlainText(QStringLiteral("\\section{A}\nline two\n"));
        editor.show();
        DocumentBridge bridge(editor.document());
        QSignalSpy local(&bridge, &DocumentBridge::localOperation);
        editor.goToLine(2, 5);
        QTest::keyClicks(&editor, QStringLiteral("$x"));
        QTest::keyClick(&editor, Qt::Key_Backspace);
        QTest::keyClick(&editor, Qt::Key_Return);
        const QList<ot::TextOperation> got = ops(local);
        QCOMPARE(got.size(), 4);
        QCOMPARE(got.at(0), ot::TextOperation({ot::Component::insert(16, QStringLiteral("$"))}));
        QCOMPARE(got.at(1), ot::TextOperation({ot::Component::insert(17, QStringLiteral("x"))}));
        QCOMPARE(got.at(2), ot::TextOperation({ot::Component::erase(17, QStringLiteral("x"))}));
        QCOMPARE(got.at(3), ot::TextOperation({ot::Component::insert(17, QStringLiteral("\n"))}));
        QCOMPARE(bridge.text(), editor.toPlainText());

        // Selecting and replacing: a delete and an insert.
        local.clear();
        QTextCursor c = editor.textCursor();
        c.setPosition(1);
        c.setPosition(8, QTextCursor::KeepAnchor);
        editor.setTextCursor(c);
        QTest::keyClicks(&editor, QStringLiteral("chapter"));
        QCOMPARE(ops(local).first(), ot::TextOperation({ot::Component::erase(1, QStringLiteral("section")),
                                                        ot::Component::insert(1, QStringLiteral("c"))}));
        QCOMPARE(bridge.text(), editor.toPlainText());
        // Undo is a local edit too.
        local.clear();
        editor.undo();
        QVERIFY(!local.isEmpty());
        QCOMPARE(bridge.text(), editor.toPlainText());
    }

    void eachTypingAidIsOneOperation()
    {
        LatexEditor editor;
        editor.setCloseBrackets(true);
        editor.setCloseMath(true);
        editor.setCompletionEnabled(false);
        editor.setPlainText(QStringLiteral("Text\n"));
        editor.show();
        DocumentBridge bridge(editor.document());
        QSignalSpy local(&bridge, &DocumentBridge::localOperation);
        editor.goToLine(1, 5);

        QTest::keyClicks(&editor, QStringLiteral(" $")); // a space, then "$$" in one go
        QCOMPARE(ops(local).size(), 2);
        QCOMPARE(ops(local).at(1), ot::TextOperation({ot::Component::insert(5, QStringLiteral("$$"))}));
        local.clear();
        QTest::keyClicks(&editor, QStringLiteral("$")); // typed over: no change at all
        QCOMPARE(local.count(), 0);
        QTest::keyClick(&editor, Qt::Key_Return);
        local.clear();

        QTest::keyClicks(&editor, QStringLiteral("\\begin"));
        QTest::keyClicks(&editor, QStringLiteral("{"));
        QCOMPARE(ops(local).last(), ot::TextOperation({ot::Component::insert(14, QStringLiteral("{}"))}));
        QTest::keyClicks(&editor, QStringLiteral("proof}"));
        local.clear();
        QTest::keyClick(&editor, Qt::Key_Return);
        QCOMPARE(ops(local),
                 QList<ot::TextOperation>{ot::TextOperation(
                     {ot::Component::insert(21, QStringLiteral("\n    \n\\end{proof}"))})});
        local.clear();
        QTest::keyClicks(&editor, QStringLiteral("("));
        QTest::keyClick(&editor, Qt::Key_Backspace);
        QCOMPARE(ops(local),
                 QList<ot::TextOperation>({ot::TextOperation({ot::Component::insert(26, QStringLiteral("()"))}),
                                           ot::TextOperation({ot::Component::erase(26, QStringLiteral("()"))})}));
        QCOMPARE(bridge.text(), editor.toPlainText());
        QCOMPARE(editor.toPlainText(), QStringLiteral("Text $$\n\\begin{proof}\n    \n\\end{proof}\n"));
    }

    void remoteOperationKeepsLocalCaret()
    {
        LatexEditor editor;
        editor.setPlainText(QStringLiteral("abc def"));
        editor.show();
        DocumentBridge bridge(editor.document());
        bridge.setEditor(&editor);
        QSignalSpy local(&bridge, &DocumentBridge::localOperation);
        QTextCursor c = editor.textCursor();
        c.setPosition(4); // before "def"
        editor.setTextCursor(c);

        // Insert before the caret: it moves with its text.
        QVERIFY(bridge.applyRemote(ot::TextOperation({ot::Component::insert(0, QStringLiteral("XY"))})).ok());
        QCOMPARE(editor.toPlainText(), QStringLiteral("XYabc def"));
        QCOMPARE(editor.textCursor().position(), 6);
        // Insert exactly at the caret: the caret stays before it.
        QVERIFY(bridge.applyRemote(ot::TextOperation({ot::Component::insert(6, QStringLiteral("!"))})).ok());
        QCOMPARE(editor.toPlainText(), QStringLiteral("XYabc !def"));
        QCOMPARE(editor.textCursor().position(), 6);
        // Multi-line insert and a delete after the caret.
        QVERIFY(bridge.applyRemote(ot::TextOperation({ot::Component::insert(10, QStringLiteral("\nnew line")),
                                                      ot::Component::erase(7, QStringLiteral("def"))}))
                    .ok());
        QCOMPARE(editor.toPlainText(), QStringLiteral("XYabc !\nnew line"));
        QCOMPARE(editor.blockCount(), 2);
        QCOMPARE(editor.textCursor().position(), 6);
        QVERIFY(local.isEmpty()); // remote edits are not echoed back
        QCOMPARE(bridge.text(), editor.toPlainText());

        // A delete that does not match the text: refused, nothing changes.
        const auto bad = bridge.applyRemote(ot::TextOperation({ot::Component::erase(0, QStringLiteral("zz"))}));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ot::OtError::Code::DeleteMismatch);
        QCOMPARE(editor.toPlainText(), QStringLiteral("XYabc !\nnew line"));
        const auto far = bridge.applyRemote(ot::TextOperation({ot::Component::insert(999, QStringLiteral("x"))}));
        QVERIFY(!far.ok());
    }

    void resetTextEmitsNothing()
    {
        LatexEditor editor;
        DocumentBridge bridge(editor.document());
        QSignalSpy local(&bridge, &DocumentBridge::localOperation);
        bridge.resetText(QStringLiteral("fresh\nsnapshot"));
        QCOMPARE(editor.toPlainText(), QStringLiteral("fresh\nsnapshot"));
        QCOMPARE(bridge.text(), editor.toPlainText());
        QVERIFY(local.isEmpty());
    }

    // Random local edits (through the editor's cursor) and remote ops: the
    // shadow always equals the document, and replaying the local ops on the
    // starting text with the remote ones reproduces the document.
    void randomizedLocalAndRemote()
    {
        const quint32 seed = 20261123;
        qInfo("seed %u", seed);
        QRandomGenerator rng(seed);
        LatexEditor editor;
        editor.show();
        const QString start = QStringLiteral("\\begin{document}\nHello $x$ world\n\\end{document}\n");
        editor.setPlainText(start);
        DocumentBridge bridge(editor.document());
        bridge.setEditor(&editor);
        QString replay = start;
        connect(&bridge, &DocumentBridge::localOperation, this, [&replay](const ot::TextOperation &op) {
            auto r = ot::apply(replay, op);
            if (!r.ok()) {
                for (const auto &c : op.components())
                    qWarning() << c.isInsert() << c.position << c.text << replay;
            }
            QVERIFY(r.ok());
            replay = r.takeValue();
        });
        const QString alphabet = QStringLiteral("ab{}$\\% \n\u00e9\U0001F600");
        for (int i = 0; i < 400; ++i) {
            const int length = editor.document()->characterCount() - 1;
            const int pos = int(rng.bounded(length + 1));
            const QString piece = alphabet.mid(int(rng.bounded(alphabet.size() - 1)), 1 + int(rng.bounded(2)));
            // Never cut a surrogate pair.
            const auto safe = [&](int p) {
                const QString t = editor.toPlainText();
                return p <= 0 || p >= t.size() || !QChar::isLowSurrogate(t.at(p).unicode());
            };
            if (!safe(pos) || QChar::isLowSurrogate(piece.at(0).unicode())
                || QChar::isHighSurrogate(piece.back().unicode()))
                continue;
            switch (rng.bounded(3)) {
            case 0: { // local insert
                QTextCursor c(editor.document());
                c.setPosition(pos);
                c.insertText(piece);
                break;
            }
            case 1: { // local delete
                const int len = std::min(int(rng.bounded(4)) + 1, length - pos);
                if (len <= 0 || !safe(pos + len))
                    break;
                QTextCursor c(editor.document());
                c.setPosition(pos);
                c.setPosition(pos + len, QTextCursor::KeepAnchor);
                c.removeSelectedText();
                break;
            }
            default: { // remote insert
                const ot::TextOperation op({ot::Component::insert(pos, piece)});
                QVERIFY(bridge.applyRemote(op).ok());
                auto r = ot::apply(replay, op);
                QVERIFY(r.ok());
                replay = r.takeValue();
                break;
            }
            }
            QCOMPARE(bridge.text(), editor.toPlainText());
        }
        QCOMPARE(replay, editor.toPlainText());
    }
};

QTEST_MAIN(TestDocumentBridge)
#include "tst_documentbridge.moc"
