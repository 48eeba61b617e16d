// ProjectSettings (.coauthor-project.json): a round trip keeps what this version
// does not know, hostile content from a collaborator is refused, the watcher
// follows the file when it is replaced as the sync mirror replaces it, and the
// file is part of the project (uploaded when shared, not refused by the mirror).
#include "apptestsupport.h"

#include "app/project/project.h"
#include "app/project/projectsettings.h"
#include "app/project/projectsettingswatcher.h"
#include "sync/client/projectmirror.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor;
using namespace coauthor::app;

namespace {

bool replaceAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

} // namespace

class ProjectSettingsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void aRoundTripKeepsUnknownKeys()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("roundtrip"));
        QDir().mkpath(dir);
        QVERIFY(test::writeBytes(dir + QStringLiteral("/.coauthor-project.json"),
                                 "{\"root\": \"paper.tex\", \"engine\": \"xelatex\", \"spellLanguage\": \"en_GB\",\n                                     \"futureKey\": {\"nested\": [1, 2]}}"));
        ProjectSettings settings = ProjectSettings::load(dir);
        QVERIFY(settings.problems().isEmpty());
        QCOMPARE(settings.root(), QStringLiteral("paper.tex"));
        QCOMPARE(settings.engine(), QStringLiteral("xelatex"));
        QCOMPARE(settings.spellLanguage(), QStringLiteral("en_GB"));
        QVERIFY(settings.setRoot(QStringLiteral("chapters/thesis.tex")));
        QVERIFY(settings.setEngine(QString())); // back to Preferences' engine: the key goes
        QVERIFY(settings.save(dir));
        const QJsonObject written = QJsonDocument::fromJson(test::readBytes(dir + QStringLiteral("/.coauthor-project.json"))).object();
        QCOMPARE(written.value(QLatin1String("root")).toString(), QStringLiteral("chapters/thesis.tex"));
        QVERIFY(!written.contains(QLatin1String("engine")));
        QCOMPARE(written.value(QLatin1String("futureKey")).toObject().value(QLatin1String("nested")).toArray().size(), 2);
        QCOMPARE(ProjectSettings::load(dir), settings);
    }

    void hostileContentIsRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("problems");
        QTest::newRow("root leaves the project") << QByteArray("{\"root\": \"../../home/user/.bashrc.tex\"}") << 1;
        QTest::newRow("root absolute") << QByteArray("{\"root\": \"/etc/passwd.tex\"}") << 1;
        QTest::newRow("root with a drive") << QByteArray("{\"root\": \"C:\\\\boot.tex\"}") << 1;
        QTest::newRow("root through ..") << QByteArray("{\"root\": \"a/../../b.tex\"}") << 1;
        QTest::newRow("root in .coauthor") << QByteArray("{\"root\": \".coauthor/link.tex\"}") << 1;
        QTest::newRow("root not tex") << QByteArray("{\"root\": \"run.sh\"}") << 1;
        QTest::newRow("root not a string") << QByteArray("{\"root\": {\"x\": 1}}") << 1;
        QTest::newRow("engine with options") << QByteArray("{\"engine\": \"pdflatex -shell-escape\"}") << 1;
        QTest::newRow("engine a shell") << QByteArray("{\"engine\": \"sh\"}") << 1;
        QTest::newRow("engine a number") << QByteArray("{\"engine\": 5}") << 1;
        QTest::newRow("language a path") << QByteArray("{\"spellLanguage\": \"../../dict\"}") << 1;
        QTest::newRow("all at once") << QByteArray("{\"root\": \"/x.tex\", \"engine\": \"bash\", \"spellLanguage\": \"x\"}") << 3;
        QTest::newRow("not an object") << QByteArray("[\"paper.tex\"]") << 1;
        QTest::newRow("not json") << QByteArray("root = paper.tex") << 1;
        QTest::newRow("too large") << QByteArray("{\"pad\": \"") + QByteArray(70 * 1024, 'x') + QByteArray("\"}") << 1;
    }

    void hostileContentIsRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, problems);
        const ProjectSettings settings = ProjectSettings::fromJson(json);
        QVERIFY(settings.root().isEmpty());
        QVERIFY(settings.engine().isEmpty());
        QVERIFY(settings.spellLanguage().isEmpty());
        QCOMPARE(settings.problems().size(), problems);
        // What is refused is not written back either.
        const QJsonObject written = QJsonDocument::fromJson(settings.toJson()).object();
        QVERIFY(!written.contains(QLatin1String("root")) && !written.contains(QLatin1String("engine")));
    }

    void theWatcherFollowsTheFileWhenTheMirrorReplacesIt()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("watched"));
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/.coauthor-project.json");
        ProjectSettingsWatcher watcher;
        watcher.setProjectRoot(dir);
        QVERIFY(watcher.settings().root().isEmpty());
        QSignalSpy changed(&watcher, &ProjectSettingsWatcher::changed);
        // A collaborator's setting arrives: the mirror writes a new file (QSaveFile renames over it).
        QVERIFY(replaceAtomically(file, "{\"root\": \"paper.tex\"}"));
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(watcher.settings().root(), QStringLiteral("paper.tex"));
        // Replaced again (the watch on the old file went with it).
        QVERIFY(replaceAtomically(file, "{\"root\": \"paper.tex\", \"engine\": \"lualatex\"}"));
        QTRY_COMPARE(changed.count(), 2);
        QCOMPARE(watcher.settings().engine(), QStringLiteral("lualatex"));
        // The same content again, and our own save, say nothing.
        QVERIFY(replaceAtomically(file, "{\"engine\": \"lualatex\", \"root\": \"paper.tex\"}"));
        ProjectSettings mine = watcher.settings();
        QVERIFY(mine.setEngine(QStringLiteral("xelatex")));
        QVERIFY(watcher.save(mine));
        QTest::qWait(ProjectSettingsWatcher::settleMs * 3);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(watcher.settings().engine(), QStringLiteral("xelatex"));
    }

    void theSettingsFileIsAnOrdinaryProjectFile()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("shared"));
        QDir().mkpath(dir + QStringLiteral("/.coauthor"));
        QVERIFY(test::writeText(dir + QStringLiteral("/main.tex"), QStringLiteral("\\documentclass{article}\n")));
        QVERIFY(test::writeText(dir + QStringLiteral("/.coauthor-project.json"), QStringLiteral("{}")));
        QVERIFY(test::writeText(dir + QStringLiteral("/.coauthor/link.json"), QStringLiteral("{}")));
        QVERIFY(test::writeText(dir + QStringLiteral("/.hidden.tex"), QStringLiteral("x")));
        const QStringList files = Project(dir).files();
        // Sharing uploads Project::files(): the settings go with the project, the app's own folder does not.
        QVERIFY(files.contains(QStringLiteral(".coauthor-project.json")));
        QVERIFY(!files.contains(QStringLiteral(".coauthor/link.json")));
        QVERIFY(!files.contains(QStringLiteral(".hidden.tex")));
        QVERIFY(Project::isTextFile(QStringLiteral(".coauthor-project.json"))); // a doc, merged like any text
        // The mirror writes it when a collaborator changes it.
        sync::ProjectMirror mirror(dir);
        QVERIFY(mirror.refusal(QStringLiteral(".coauthor-project.json")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(ProjectSettingsTest)
#include "tst_projectsettings.moc"
