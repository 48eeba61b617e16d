// BuildOutputs without TeX: the build id's form, that only regular files are
// published (a symlink or a folder planted in the compile directory under an
// output's name is left out), and that pruning keeps the newest three builds
// even when their hex timestamps differ in length.
#include "compile/buildoutputs.h"
#include "tests/support/testfiles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::compile;
using coauthor::test::readBytes;
using coauthor::test::writeBytes;

class TestBuildOutputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildIdIsHexMillisecondsAndEightRandomBytes()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QString id = BuildOutputs::newBuildId();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]+-[0-9a-f]{16}$")).match(id).hasMatch(), qPrintable(id));
        bool ok = false;
        const qint64 ms = id.section(u'-', 0, 0).toLongLong(&ok, 16);
        QVERIFY(ok);
        QVERIFY(ms >= before && ms <= after);
        QVERIFY(BuildOutputs::newBuildId() != id); // the random part differs within one millisecond
    }

    void publishesOnlyRegularFiles()
    {
        QTemporaryDir dir;
        const QString outputDir = dir.filePath(QStringLiteral("compile"));
        QVERIFY(QDir().mkpath(outputDir));
        QVERIFY(writeBytes(dir.filePath(QStringLiteral("secret.txt")), "the user's private file"));
        QVERIFY(writeBytes(outputDir + QLatin1String("/output.pdf"), "%PDF-1.5 not really"));
        // A document (or a collaborator) could plant these in the compile directory.
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("secret.txt")), outputDir + QLatin1String("/output.log")));
        QVERIFY(QDir().mkpath(outputDir + QLatin1String("/output.synctex.gz")));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("nowhere")), outputDir + QLatin1String("/output.blg")));

        BuildOutputs outputs(dir.filePath(QStringLiteral("builds")));
        QString error;
        const auto build = outputs.publish(outputDir, "out", "err", &error);
        QVERIFY2(build.has_value(), qPrintable(error));
        QCOMPARE(build->pdfPath, build->dir + QLatin1String("/output.pdf"));
        QVERIFY(build->logPath.isEmpty());
        QVERIFY(build->synctexPath.isEmpty());
        QStringList files = QDir(build->dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System);
        files.sort();
        QCOMPARE(files, QStringList({QStringLiteral("output.pdf"), QStringLiteral("output.stderr"), QStringLiteral("output.stdout")}));
        QCOMPARE(readBytes(build->dir + QLatin1String("/output.stdout")), QByteArray("out"));
        QCOMPARE(readBytes(build->dir + QLatin1String("/output.stderr")), QByteArray("err"));
    }

    void emptyPdfIsNoPdf()
    {
        QTemporaryDir dir;
        QVERIFY(writeBytes(dir.filePath(QStringLiteral("output.pdf")), QByteArray()));
        QVERIFY(writeBytes(dir.filePath(QStringLiteral("output.log")), "log"));
        QString error;
        const auto build = BuildOutputs(dir.filePath(QStringLiteral("builds"))).publish(dir.path(), {}, {}, &error);
        QVERIFY(build.has_value());
        QVERIFY(build->pdfPath.isEmpty());
        QCOMPARE(build->logPath, build->dir + QLatin1String("/output.log"));
    }

    void pruneKeepsTheNewestThree()
    {
        QTemporaryDir dir;
        // Timestamps of different hex lengths: "fff" is older than "1000" though it
        // sorts after it as text.
        const QStringList ids{QStringLiteral("ff0-00000000000000aa"), QStringLiteral("fff-00000000000000bb"),
                              QStringLiteral("1000-00000000000000cc"), QStringLiteral("1000-00000000000000dd"),
                              QStringLiteral("10a0-0000000000000001")};
        for (const QString &id : ids)
            QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("builds/") + id)));
        BuildOutputs outputs(dir.filePath(QStringLiteral("builds")));
        outputs.prune();
        QStringList kept = QDir(dir.filePath(QStringLiteral("builds"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        kept.sort();
        QCOMPARE(kept, QStringList({QStringLiteral("1000-00000000000000cc"), QStringLiteral("1000-00000000000000dd"),
                                    QStringLiteral("10a0-0000000000000001")}));
    }
};

QTEST_GUILESS_MAIN(TestBuildOutputs)
#include "tst_buildoutputs.moc"
