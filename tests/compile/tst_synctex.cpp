// SyncTex on a real build: forward (file, line -> page boxes) then inverse lands on
// the same line, for the root file and for an \input file.
#include "compile/compiler.h"
#include "compile/synctex.h"

#include "testproject.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

class TestSyncTex : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;
    CompileResult m_result;

private Q_SLOTS:
    void initTestCase()
    {
        QByteArray chapter;
        for (int i = 1; i <= 60; ++i)
            chapter += "Line " + QByteArray::number(i) + " of the chapter has some words in it.\n\n";
        const CompileRequest request = makeRequest(
            QStringLiteral("synctex"),
            {{QStringLiteral("main.tex"),
              "\\documentclass{article}\n\\begin{document}\nFirst paragraph of the root.\n\n"
              "Second paragraph of the root.\n\n\\input{sub/chapter}\n\\end{document}\n"},
             {QStringLiteral("sub/chapter.tex"), chapter}});
        m_result = Compiler(m_cache.path()).run(request);
        QVERIFY2(m_result.status == CompileStatus::Success, qPrintable(m_result.message));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::newRow("root line 3") << QStringLiteral("main.tex") << 3;
        QTest::newRow("root line 5") << QStringLiteral("main.tex") << 5;
        QTest::newRow("input line 1") << QStringLiteral("sub/chapter.tex") << 1;
        QTest::newRow("input line 101, second page") << QStringLiteral("sub/chapter.tex") << 101;
    }

    void roundTrip()
    {
        QFETCH(QString, file);
        QFETCH(int, line);
        SyncTex synctex(m_result.pdfPath);
        QVERIFY(synctex.isValid());
        const QList<SyncTex::PdfBox> boxes = synctex.forward(file, line);
        QVERIFY(!boxes.isEmpty());
        const SyncTex::PdfBox box = boxes.first();
        QVERIFY(box.page >= 1);
        // Inside an A4/letter page, measured from the top-left.
        QVERIFY(box.rect.left() >= 0 && box.rect.right() <= 612);
        QVERIFY(box.rect.top() >= 0 && box.rect.bottom() <= 842);
        if (line == 101)
            QCOMPARE(box.page, 2);

        const auto point = synctex.inverse(box.page, box.rect.center() + QPointF(0, box.rect.height() / 4));
        QVERIFY(point.has_value());
        QCOMPARE(point->line, line);
        QCOMPARE(point->file, QDir::cleanPath(m_result.compileDir + u'/' + file));
        QVERIFY(QFileInfo(point->file).isAbsolute());

        // An absolute path inside the compile dir works as well as a relative one.
        QCOMPARE(synctex.forward(point->file, line).size(), boxes.size());
    }

    void missingOrUnknownInput()
    {
        QVERIFY(!SyncTex(m_cache.filePath(QStringLiteral("nothing.pdf"))).isValid());
        SyncTex synctex(m_result.pdfPath);
        QVERIFY(synctex.forward(QStringLiteral("nosuch.tex"), 1).isEmpty());
        QVERIFY(synctex.forward(QStringLiteral("main.tex"), 0).isEmpty());
        QVERIFY(!synctex.inverse(99, QPointF(10, 10)).has_value());
        QVERIFY(synctex.inputFiles().contains(QDir::cleanPath(m_result.compileDir + QLatin1String("/sub/chapter.tex"))));
    }
};

QTEST_GUILESS_MAIN(TestSyncTex)
#include "tst_synctex.moc"
