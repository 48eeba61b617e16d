// CompileDirectory: path safety and the full/incremental sync rules, without TeX.
#include "compile/compiledirectory.h"

#include "testproject.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

class TestCompileDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejectsUnsafePaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("parent") << QStringLiteral("../x.tex");
        QTest::newRow("inner parent") << QStringLiteral("a/../../x.tex");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
        QTest::newRow("empty") << QString();
        QTest::newRow("double slash") << QStringLiteral("a//b.tex");
        QTest::newRow("dot") << QStringLiteral("./a.tex");
        QTest::newRow("backslash") << QStringLiteral("..\\x.tex");
        QTest::newRow("drive") << QStringLiteral("C:x.tex");
        QTest::newRow("newline") << QStringLiteral("a\nb.tex");
    }

    void rejectsUnsafePaths()
    {
        QFETCH(QString, path);
        QVERIFY(!CompileDirectory::checkResourcePath(path).isEmpty());
        QTemporaryDir cache;
        CompileDirectory directory(cache.filePath(QStringLiteral("p")));
        CompileRequest request = makeRequest(QStringLiteral("p"), {{QStringLiteral("main.tex"), "x"}, {path, "y"}});
        const auto outcome = directory.sync(request);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.status, CompileStatus::Error);
        QVERIFY(!QFile::exists(cache.filePath(QStringLiteral("x.tex"))));
    }

    void acceptsNestedPaths()
    {
        QVERIFY(CompileDirectory::checkResourcePath(QStringLiteral("chapters/one/intro.tex")).isEmpty());
        QVERIFY(CompileDirectory::checkResourcePath(QStringLiteral("my file.tex")).isEmpty());
    }

    void refusesToWriteThroughSymlinks()
    {
        QTemporaryDir cache;
        QTemporaryDir outside;
        CompileDirectory directory(cache.filePath(QStringLiteral("p")));
        CompileRequest request = makeRequest(QStringLiteral("p"), {{QStringLiteral("main.tex"), "x"}, {QStringLiteral("sub/a.tex"), "a"}});
        QVERIFY(directory.sync(request).ok);
        // Something replaced a folder of the compile directory by a symlink.
        QVERIFY(QDir(directory.path() + QLatin1String("/sub")).removeRecursively());
        QVERIFY(QFile::link(outside.path(), directory.path() + QLatin1String("/sub")));
        setDoc(request, QStringLiteral("sub/a.tex"), "changed");
        request.syncType = SyncType::Incremental;
        const auto outcome = directory.sync(request);
        QVERIFY(!outcome.ok);
        QVERIFY(!QFile::exists(outside.filePath(QStringLiteral("a.tex"))));
    }

    void incrementalWritesOnlyChangedFiles()
    {
        QTemporaryDir cache;
        CompileDirectory directory(cache.filePath(QStringLiteral("p")));
        CompileRequest request = makeRequest(QStringLiteral("p"), {{QStringLiteral("main.tex"), "x"}, {QStringLiteral("a.tex"), "a"}});
        auto outcome = directory.sync(request);
        QVERIFY(outcome.ok);
        QCOMPARE(outcome.filesWritten, 2);
        setDoc(request, QStringLiteral("a.tex"), "b");
        request.syncType = SyncType::Incremental;
        outcome = directory.sync(request);
        QVERIFY(outcome.ok);
        QCOMPARE(outcome.filesWritten, 1);
        QFile file(directory.path() + QLatin1String("/a.tex"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("b"));
    }

    void incrementalConflicts()
    {
        QTemporaryDir cache;
        CompileDirectory directory(cache.filePath(QStringLiteral("p")));
        CompileRequest request = makeRequest(QStringLiteral("p"), {{QStringLiteral("main.tex"), "x"}, {QStringLiteral("a.tex"), "a"}});
        request.syncType = SyncType::Incremental;
        QCOMPARE(directory.sync(request).status, CompileStatus::Conflict); // nothing stored yet

        request.syncType = SyncType::Full;
        QVERIFY(directory.sync(request).ok);
        request.syncType = SyncType::Incremental;

        CompileRequest renamed = request;
        renamed.resources[0].path = QStringLiteral("b.tex");
        QCOMPARE(directory.sync(renamed).status, CompileStatus::Conflict);

        CompileRequest otherEngine = request;
        otherEngine.options.engine = Engine::LuaLaTeX;
        QCOMPARE(directory.sync(otherEngine).status, CompileStatus::Conflict);

        QVERIFY(QFile::remove(directory.path() + QLatin1String("/a.tex")));
        QCOMPARE(directory.sync(request).status, CompileStatus::Conflict);

        request.syncType = SyncType::Full;
        QVERIFY(directory.sync(request).ok);
    }

    void rootMustBeAResource()
    {
        QTemporaryDir cache;
        CompileDirectory directory(cache.filePath(QStringLiteral("p")));
        const CompileRequest request =
            makeRequest(QStringLiteral("p"), {{QStringLiteral("a.tex"), "x"}}, QStringLiteral("main.tex"));
        QCOMPARE(directory.sync(request).status, CompileStatus::Error);
    }
};

QTEST_GUILESS_MAIN(TestCompileDirectory)
#include "tst_compiledirectory.moc"
