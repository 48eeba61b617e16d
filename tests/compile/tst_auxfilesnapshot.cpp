// AuxFileSnapshot and RecorderLog without TeX: which changes between two snapshots mean
// another pass, which mean a tool (bibtex, biber, makeindex …), and which mean nothing.
#include "compile/auxfilesnapshot.h"
#include "compile/recorderlog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace coauthor::compile;

class TestAuxFileSnapshot : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
            return QString();
        return file.fileName();
    }

    // A pass's .fls: it read and wrote output.aux and output.toc, wrote output.idx.
    RecorderLog pass() const
    {
        return RecorderLog::parse("PWD " + m_dir.path().toUtf8()
                                      + "\nINPUT main.tex\nINPUT ./output.aux\nINPUT output.toc\nOUTPUT output.aux\n"
                                        "OUTPUT output.toc\nOUTPUT output.idx\nOUTPUT output.log\n",
                                  QString());
    }

    QSet<QString> files() const
    {
        return {m_dir.filePath(QStringLiteral("output.aux")), m_dir.filePath(QStringLiteral("output.toc")),
                m_dir.filePath(QStringLiteral("output.idx"))};
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(!write(QStringLiteral("output.aux"), "\\relax\n\\citation{knuth84}\n\\newlabel{a}{{1}{1}}\n").isEmpty());
        QVERIFY(!write(QStringLiteral("output.toc"), "\\contentsline {section}{1}\n").isEmpty());
        QVERIFY(!write(QStringLiteral("output.idx"), "\\indexentry{Galerkin}{1}\n").isEmpty());
    }

    void theRecorderLogResolvesPathsAgainstItsWorkingDirectory()
    {
        const RecorderLog log = pass();
        QVERIFY(log.inputs().contains(m_dir.filePath(QStringLiteral("output.aux"))));
        QVERIFY(log.inputs().contains(m_dir.filePath(QStringLiteral("main.tex"))));
        QVERIFY(log.outputs().contains(m_dir.filePath(QStringLiteral("output.idx"))));
        QVERIFY(!log.inputs().contains(m_dir.filePath(QStringLiteral("output.idx"))));
    }

    void nothingChangedNeedsNothing()
    {
        const AuxFileSnapshot before = AuxFileSnapshot::take(files());
        QCOMPARE(AuxFileSnapshot::compare(before, AuxFileSnapshot::take(files()), pass()).change,
                 AuxFileSnapshot::Change::None);
    }

    void aChangedLabelNeedsAnotherPass()
    {
        const AuxFileSnapshot before = AuxFileSnapshot::take(files());
        write(QStringLiteral("output.aux"), "\\relax\n\\citation{knuth84}\n\\newlabel{a}{{2}{1}}\n");
        const auto change = AuxFileSnapshot::compare(before, AuxFileSnapshot::take(files()), pass());
        QCOMPARE(change.change, AuxFileSnapshot::Change::Rerun);
        QCOMPARE(change.files, QStringList{QStringLiteral("output.aux")});
    }

    void aNewCitationNeedsBibtex()
    {
        const AuxFileSnapshot before = AuxFileSnapshot::take(files());
        write(QStringLiteral("output.aux"), "\\relax\n\\citation{knuth84}\n\\citation{lamport94}\n\\newlabel{a}{{1}{1}}\n");
        QCOMPARE(AuxFileSnapshot::compare(before, AuxFileSnapshot::take(files()), pass()).change,
                 AuxFileSnapshot::Change::ToolInputs);
    }

    void aChangedIndexEntryNeedsMakeindexThoughTexNeverReadsIt()
    {
        const AuxFileSnapshot before = AuxFileSnapshot::take(files());
        write(QStringLiteral("output.idx"), "\\indexentry{Galerkin}{2}\n");
        QCOMPARE(AuxFileSnapshot::compare(before, AuxFileSnapshot::take(files()), pass()).change,
                 AuxFileSnapshot::Change::ToolInputs);
    }

    // A file the pass wrote but did not read back (here the .toc of a pass that printed no
    // table of contents) does not change this pass's output.
    void aWrittenFileThatIsNotReadBackNeedsNothing()
    {
        const RecorderLog noToc = RecorderLog::parse("PWD " + m_dir.path().toUtf8()
                                                         + "\nINPUT output.aux\nOUTPUT output.aux\nOUTPUT output.toc\n",
                                                     QString());
        const AuxFileSnapshot before = AuxFileSnapshot::take(files());
        write(QStringLiteral("output.toc"), "\\contentsline {section}{2}\n");
        QCOMPARE(AuxFileSnapshot::compare(before, AuxFileSnapshot::take(files()), noToc).change,
                 AuxFileSnapshot::Change::None);
    }
};

QTEST_MAIN(TestAuxFileSnapshot)
#include "tst_auxfilesnapshot.moc"
