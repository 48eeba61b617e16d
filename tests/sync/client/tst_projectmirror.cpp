// The mirror never writes, renames or deletes inside its own .coauthor/, outside
// the working copy or through a link leading out, whatever the server sends; each
// refused path is reported once.
#include "sync/client/projectmirror.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::sync;

namespace {

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

class TestProjectMirror : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    QString root;
    QString outside;

private Q_SLOTS:
    void init()
    {
        root = dir.filePath(QStringLiteral("wc-%1").arg(QTest::currentTestFunction()));
        outside = dir.filePath(QStringLiteral("outside-%1").arg(QTest::currentTestFunction()));
        QVERIFY(write(root + QStringLiteral("/.coauthor/link.json"), "mine"));
        QVERIFY(write(root + QStringLiteral("/.coauthor/journal"), "journal"));
        QVERIFY(write(outside + QStringLiteral("/secret.txt"), "secret"));
    }

    void aDocInItsOwnMetadataFolderIsNeverWrittenAndReportedOnce()
    {
        ProjectMirror mirror(root);
        QSignalSpy refused(&mirror, &ProjectMirror::pathRefused);
        mirror.setDocText(QStringLiteral("d1"), QStringLiteral(".coauthor/link.json"), QStringLiteral("{\"url\":\"ws://attacker\"}"));
        mirror.flush();
        mirror.setDocText(QStringLiteral("d1"), QStringLiteral(".coauthor/link.json"), QStringLiteral("{\"url\":\"ws://attacker2\"}"));
        mirror.flush();
        mirror.writeFile(QStringLiteral(".Coauthor/journal"), "gone");
        QCOMPARE(read(root + QStringLiteral("/.coauthor/link.json")), QByteArray("mine"));
        QCOMPARE(read(root + QStringLiteral("/.coauthor/journal")), QByteArray("journal"));
        QCOMPARE(refused.size(), 2);
        QCOMPARE(refused.at(0).at(0).toString(), QStringLiteral(".coauthor/link.json"));
        QVERIFY(!refused.at(0).at(1).toString().isEmpty());
        QVERIFY(!mirror.isFailing());
    }

    void removingOrRenamingItsMetadataFolderLeavesItAlone()
    {
        ProjectMirror mirror(root);
        QSignalSpy refused(&mirror, &ProjectMirror::pathRefused);
        mirror.remove(QStringLiteral(".coauthor"));
        mirror.remove(QStringLiteral(".coauthor/journal"));
        mirror.rename(QStringLiteral(".coauthor"), QStringLiteral("stolen"));
        QVERIFY(write(root + QStringLiteral("/main.tex"), "x"));
        mirror.rename(QStringLiteral("main.tex"), QStringLiteral(".coauthor/link.json"));
        QCOMPARE(read(root + QStringLiteral("/.coauthor/link.json")), QByteArray("mine"));
        QCOMPARE(read(root + QStringLiteral("/.coauthor/journal")), QByteArray("journal"));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/stolen")));
        QVERIFY(QFileInfo::exists(root + QStringLiteral("/main.tex")));
        QCOMPARE(refused.size(), 3); // .coauthor, .coauthor/journal, .coauthor/link.json
    }

    void pathsLeavingTheFolderAreRefused()
    {
        ProjectMirror mirror(root);
        QSignalSpy refused(&mirror, &ProjectMirror::pathRefused);
        const QString escape = QStringLiteral("../outside-%1/secret.txt").arg(QTest::currentTestFunction());
        mirror.writeFile(escape, "overwritten");
        mirror.remove(escape);
        mirror.writeFile(outside + QStringLiteral("/new.txt"), "absolute");
        QCOMPARE(read(outside + QStringLiteral("/secret.txt")), QByteArray("secret"));
        QVERIFY(!QFileInfo::exists(outside + QStringLiteral("/new.txt")));
        QCOMPARE(refused.size(), 2);
    }

    void aLinkLeadingOutIsNeitherWrittenThroughNorEmptied()
    {
        QVERIFY(QFile::link(outside, root + QStringLiteral("/figures")));
        ProjectMirror mirror(root);
        QSignalSpy refused(&mirror, &ProjectMirror::pathRefused);
        mirror.writeFile(QStringLiteral("figures/secret.txt"), "overwritten");
        mirror.setDocText(QStringLiteral("d2"), QStringLiteral("figures/new.tex"), QStringLiteral("x"));
        mirror.flush();
        mirror.remove(QStringLiteral("figures"));
        QCOMPARE(read(outside + QStringLiteral("/secret.txt")), QByteArray("secret"));
        QVERIFY(!QFileInfo::exists(outside + QStringLiteral("/new.tex")));
        QVERIFY(QFileInfo(root + QStringLiteral("/figures")).isSymLink());
        QCOMPARE(refused.size(), 3);
    }

    void aLinkInsideTheFolderIsRemovedAsALink()
    {
        QVERIFY(write(root + QStringLiteral("/real/a.tex"), "a"));
        QVERIFY(QFile::link(root + QStringLiteral("/real"), root + QStringLiteral("/alias")));
        ProjectMirror mirror(root);
        mirror.remove(QStringLiteral("alias"));
        QVERIFY(!QFileInfo(root + QStringLiteral("/alias")).isSymLink());
        QCOMPARE(read(root + QStringLiteral("/real/a.tex")), QByteArray("a"));
    }

    void validUnicodePathsAreWrittenExactly()
    {
        ProjectMirror mirror(root);
        QSignalSpy refused(&mirror, &ProjectMirror::pathRefused);
        const QString path = QStringLiteral("notes/\U0001F600 caf\u00E9 \u4E2D.tex");
        mirror.setDocText(QStringLiteral("d3"), path, QStringLiteral("\U0001F600"));
        mirror.flush();
        QCOMPARE(read(root + QLatin1Char('/') + path), QStringLiteral("\U0001F600").toUtf8());
        QCOMPARE(refused.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProjectMirror)
#include "tst_projectmirror.moc"
