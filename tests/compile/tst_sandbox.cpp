// The sandbox of compile workers (compile::Sandbox under the real bwrap and TeX Live):
// each way an untrusted project could reach out of its compile is tried, with a
// positive control where the same thing works without the sandbox.
#include "compile/compiler.h"
#include "compile/sandbox.h"
#include "pdftext.h"
#include "testproject.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <csignal>
#include <unistd.h>

using namespace coauthor::compile;
using namespace coauthor::compile::test;

namespace {

struct Outcome
{
    bool timedOut = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    int peakProcesses = 0; // descendants of the outer bwrap, seen while it ran
    int leftAfterKill = 0;
};

// Processes whose parent chain leads to pid (pid itself excluded), from /proc.
QList<qint64> descendants(qint64 pid)
{
    QHash<qint64, qint64> parentOf;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        bool isPid = false;
        const qint64 p = QFileInfo(dir).fileName().toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(dir + QLatin1String("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1)
            parentOf.insert(p, fields.at(1).toLongLong());
    }
    QList<qint64> found;
    for (auto it = parentOf.begin(); it != parentOf.end(); ++it) {
        for (qint64 up = it.value(); up > 1; up = parentOf.value(up, 0)) {
            if (up == pid) {
                found << it.key();
                break;
            }
        }
    }
    return found;
}

// Runs argv inside a sandbox on dir as LatexmkRunner does (own session, kill(-pid) of
// the whole sandbox at the timeout), counting the sandbox's processes as it runs.
Outcome runConfined(const QStringList &argv, const QString &dir, const SandboxLimits &limits = {},
                    int timeoutMs = 20000, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                    const std::atomic_bool *stop = nullptr)
{
    Outcome outcome;
    QProcess process;
    process.setProgram(argv.first());
    process.setArguments(argv.mid(1));
    process.setWorkingDirectory(dir);
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    QString error;
    if (!Sandbox(limits).confine(process, dir, {}, &error)) {
        outcome.err = error.toUtf8();
        return outcome;
    }
    process.start();
    if (!process.waitForStarted(10000))
        return outcome;
    const qint64 pid = process.processId();
    QElapsedTimer timer;
    timer.start();
    while (!process.waitForFinished(100)) {
        outcome.peakProcesses = std::max(outcome.peakProcesses, int(descendants(pid).size()));
        if (timer.elapsed() > timeoutMs || (stop && stop->load())) {
            outcome.timedOut = true;
            ::kill(-pid_t(pid), SIGKILL);
            process.kill();
            process.waitForFinished(10000);
            // What --die-with-parent and the pid namespace leave behind: nothing.
            QThread::msleep(300);
            outcome.leftAfterKill = int(descendants(pid).size());
            break;
        }
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

// The uid a process runs as (-1 when it is gone).
long long uidOf(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = status.readAll();
    const qsizetype at = text.indexOf("\nUid:\t");
    return at < 0 ? -1 : text.mid(at + 6, text.indexOf('\t', at + 6) - at - 6).toLongLong();
}

bool isSandboxUid(long long uid)
{
    const SandboxUidRange range;
    return uid >= range.first && uid < range.first + range.count;
}

// No pdflatex, latexmk or sh of the sandbox survives its compile.
int sandboxProcessesLeft()
{
    int count = 0;
    for (qint64 pid : descendants(1)) {
        if (::geteuid() == 0 && isSandboxUid(uidOf(pid)))
            ++count;
    }
    return count;
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString reason = Sandbox::unavailableReason();
        if (!reason.isEmpty())
            QFAIL(qPrintable(reason));
        QVERIFY(m_cache.isValid());
        m_sandboxed.setSandbox(std::make_shared<Sandbox>());
    }

    void shellEscapeRunsOnlyTheRestrictedList()
    {
        const CompileResult result = m_sandboxed.run(makeRequest(QStringLiteral("write18"), {
            {QStringLiteral("main.tex"),
             "\\documentclass{article}\\begin{document}\n"
             "\\immediate\\write18{touch pwned}\n"
             "\\immediate\\write18{kpsewhich article.cls}\n"
             "Hello.\\end{document}\n"}}));
        QVERIFY2(result.status == CompileStatus::Success, result.stdErr.right(3000).constData());
        QVERIFY(!QFile::exists(result.compileDir + QLatin1String("/pwned")));
        const QByteArray log = readFile(result.logPath);
        QVERIFY2(log.contains("runsystem(touch pwned)...disabled (restricted)"), log.right(2000).constData());
        // Positive control: an allowed command does run in the sandbox.
        QVERIFY2(log.contains("runsystem(kpsewhich article.cls)...executed safely (allowed)"), log.right(2000).constData());
    }

    void etcPasswdCannotBeReadIntoThePdf()
    {
        const QMap<QString, QByteArray> docs{
            {QStringLiteral("main.tex"),
             "\\documentclass{article}\\begin{document}\n"
             "Start. \\newread\\r \\openin\\r=/etc/passwd \\ifeof\\r NOPASSWD \\else "
             "\\readline\\r to\\line READ:\\detokenize\\expandafter{\\line} \\fi\n"
             "\\IfFileExists{/etc/passwd}{\\input{/etc/passwd}}{NOINPUT}\n"
             "End.\\end{document}\n"}};
        // Positive control: without the sandbox TeX reads it (openin_any is TeX Live's "a").
        Compiler plain(m_cache.filePath(QStringLiteral("plain")));
        const CompileResult unconfined = plain.run(makeRequest(QStringLiteral("passwd"), docs));
        QVERIFY2(pdfText(unconfined.pdfPath).contains(QStringLiteral("READ:root:x:0:0")),
                 qPrintable(pdfText(unconfined.pdfPath)));

        const CompileResult result = m_sandboxed.run(makeRequest(QStringLiteral("passwd"), docs));
        QVERIFY2(!result.pdfPath.isEmpty(), qPrintable(result.message));
        const QString text = pdfText(result.pdfPath);
        QVERIFY2(text.contains(QStringLiteral("NOPASSWD")) && text.contains(QStringLiteral("NOINPUT")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("root:")), qPrintable(text));
        QVERIFY(!readFile(result.logPath).contains("root:x:0:0"));
    }

    void texCannotWriteOutsideTheCompileDirectory()
    {
        auto writing = [](const QByteArray &path) -> QByteArray {
            return "\\documentclass{article}\\begin{document}\n\\newwrite\\w\\immediate\\openout\\w=" + path
                + " \\immediate\\write\\w{x}\\immediate\\closeout\\w\nHello.\\end{document}\n";
        };
        // Positive control: TeX writes in the compile directory.
        const CompileResult inside = m_sandboxed.run(makeRequest(QStringLiteral("openout"), {
            {QStringLiteral("main.tex"), writing("inside.tex")}}));
        QVERIFY2(inside.status == CompileStatus::Success, qPrintable(inside.message));
        QVERIFY(QFile::exists(inside.compileDir + QLatin1String("/inside.tex")));

        const QString absolute = QStringLiteral("/tmp/coauthor-sandbox-%1.tex").arg(QUuid::createUuid().toString(QUuid::Id128));
        const QString parent = QFileInfo(inside.compileDir).path() + QLatin1String("/escaped.tex");
        const QString parentInTmp = QStringLiteral("/tmp/escaped.tex");
        QFile::remove(parentInTmp);
        for (const QByteArray &path : {absolute.toUtf8(), QByteArray("../escaped.tex"), QByteArray("../../../../../../../tmp/escaped.tex")}) {
            const CompileResult result = m_sandboxed.run(makeRequest(QStringLiteral("openout"), {
                {QStringLiteral("main.tex"), writing(path)}}));
            QVERIFY2(result.status != CompileStatus::Success, path.constData());
            QVERIFY(readFile(result.logPath).contains("I can't write on file"));
        }
        QVERIFY(!QFile::exists(absolute));
        QVERIFY(!QFile::exists(parent));
        QVERIFY(!QFile::exists(parentInTmp));
    }

    // TeX's openout_any already refuses those paths; the sandbox holds even for a
    // program that does not ask TeX: only the compile directory is writable.
    void onlyTheCompileDirectoryIsWritable()
    {
        QTemporaryDir parent;
        const QString dir = parent.filePath(QStringLiteral("compile"));
        QVERIFY(QDir().mkpath(dir));
        const QString absolute = QStringLiteral("/tmp/coauthor-sandbox-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        const Outcome outcome = runConfined(
            {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
             QStringLiteral("echo x > ../escaped; echo x > %1; echo x > /usr/x; echo x > /var/lib/texmf/x;"
                            "echo x > /tmp/t && echo x > $HOME/h && echo ok > inside")
                 .arg(absolute)},
            dir);
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(QFile::exists(dir + QLatin1String("/inside")));
        QVERIFY(!QFile::exists(parent.filePath(QStringLiteral("escaped"))));
        QVERIFY(!QFile::exists(absolute));
        QVERIFY(!QFile::exists(QStringLiteral("/usr/x")));
        QVERIFY(!QFile::exists(QStringLiteral("/var/lib/texmf/x")));
    }

    void theSandboxSeesNeitherPasswdNorTheWorkersEnvironment()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COAUTHOR_SECRET"), QStringLiteral("hunter2"));
        env.insert(QStringLiteral("max_print_line"), QStringLiteral("10000"));
        const Outcome outcome = runConfined(
            {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
             QStringLiteral("test -e /etc/passwd && echo PASSWD; test -e /etc/shadow && echo SHADOW;"
                            "tr '\\0' '\\n' < /proc/self/environ")},
            dir.path(), {}, 20000, env);
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(!outcome.out.contains("PASSWD") && !outcome.out.contains("SHADOW"), outcome.out.constData());
        QVERIFY2(!outcome.out.contains("hunter2"), outcome.out.constData());
        QVERIFY2(outcome.out.contains("max_print_line=10000"), outcome.out.constData()); // TeX's own pass
    }

    void theSandboxHasNoNetwork()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QString connect = QStringLiteral(
            "use IO::Socket::INET; my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => %1,"
            " Timeout => 3); print($s ? 'CONNECTED' : 'REFUSED');").arg(server.serverPort());
        // Positive control: the same program reaches the port outside the sandbox.
        QProcess outside;
        outside.start(QStringLiteral("perl"), {QStringLiteral("-e"), connect});
        QVERIFY(outside.waitForFinished(10000));
        QCOMPARE(outside.readAllStandardOutput(), QByteArray("CONNECTED"));

        QTemporaryDir dir;
        const Outcome outcome = runConfined({QStringLiteral("/usr/bin/perl"), QStringLiteral("-e"), connect}, dir.path());
        QCOMPARE(outcome.out, QByteArray("REFUSED"));
    }

    void aForkBombIsHeldToTheProcessLimitAndKilledWithTheSandbox()
    {
        QTemporaryDir dir;
        SandboxLimits limits;
        limits.processes = 24;
        // Forks forever, each child staying, says how many it made when the first fork
        // failed, and keeps trying until the timeout kills the whole sandbox (a shell
        // would give up at the first failed fork).
        const Outcome outcome = runConfined(
            {QStringLiteral("/usr/bin/perl"), QStringLiteral("-e"),
             QStringLiteral("$| = 1; my ($made, $failed) = (0, 0);"
                            "while (1) { my $pid = fork();"
                            " if (!defined $pid) { print \"LIMIT $made\\n\" if !$failed++; select(undef, undef, undef, 0.01); }"
                            " elsif ($pid == 0) { sleep 60; exit 0; } else { $made++; } }")},
            dir.path(), limits, 2500);
        QVERIFY(outcome.timedOut);
        QVERIFY2(outcome.out.startsWith("LIMIT "), outcome.out.constData());
        const int made = outcome.out.mid(6).trimmed().toInt();
        QVERIFY2(made > 8 && made < limits.processes, outcome.out.constData());
        QVERIFY2(outcome.peakProcesses > 8, qPrintable(QString::number(outcome.peakProcesses))); // it did fork
        // The limit, plus the inner bwrap (pid 1 of the namespace, root until setpriv).
        QVERIFY2(outcome.peakProcesses <= limits.processes + 2, qPrintable(QString::number(outcome.peakProcesses)));
        QCOMPARE(outcome.leftAfterKill, 0);
    }

    // Each sandbox has its own process limit (as root: its own uid of the range, and
    // RLIMIT_NPROC counts a uid's processes machine-wide): a fork bomb held at the limit in
    // one sandbox leaves a compile beside it, under the same limit, its own processes.
    void aForkBombInOneSandboxLeavesTheCompileBesideItItsOwnProcessLimit()
    {
        if (::geteuid() != 0)
            QSKIP("a uid per sandbox needs root; unprivileged sandboxes share their user's limit");
        SandboxLimits limits;
        limits.processes = 24;
        QTemporaryDir bombDir;
        Outcome bomb;
        std::atomic_bool stopBomb{false};
        std::unique_ptr<QThread> bombThread(QThread::create([&] {
            bomb = runConfined({QStringLiteral("/usr/bin/perl"), QStringLiteral("-e"),
                                QStringLiteral("$| = 1; my $failed = 0;"
                                               "while (1) { my $pid = fork();"
                                               " if (!defined $pid) { print \"LIMIT\\n\" if !$failed++; select(undef, undef, undef, 0.01); }"
                                               " elsif ($pid == 0) { sleep 60; exit 0; } }")},
                               bombDir.path(), limits, 60000, QProcessEnvironment::systemEnvironment(), &stopBomb);
        }));
        bombThread->start();
        // The bomb is at its limit: as many processes of one sandbox uid as it may have.
        auto bombProcesses = [] {
            QHash<long long, int> perUid;
            QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
            while (it.hasNext()) {
                bool isPid = false;
                const qint64 pid = QFileInfo(it.next()).fileName().toLongLong(&isPid);
                const long long uid = isPid ? uidOf(pid) : -1;
                if (isSandboxUid(uid))
                    ++perUid[uid];
            }
            int most = 0;
            for (int n : std::as_const(perUid))
                most = std::max(most, n);
            return most;
        };
        QTRY_VERIFY_WITH_TIMEOUT(bombProcesses() >= limits.processes - 1, 10000);

        Compiler beside(m_cache.filePath(QStringLiteral("beside")));
        beside.setSandbox(std::make_shared<Sandbox>(limits));
        QElapsedTimer timer;
        timer.start();
        const CompileResult result = beside.run(makeRequest(QStringLiteral("beside"), {
            {QStringLiteral("main.tex"), "\\documentclass{article}\\begin{document}Beside a fork bomb.\\end{document}\n"}}));
        const qint64 compileMs = timer.elapsed();
        const bool bombStillRunning = bombThread->isRunning();
        stopBomb = true;
        bombThread->wait();
        QVERIFY2(result.status == CompileStatus::Success, qPrintable(result.message + QString::fromUtf8(result.stdErr.right(2000))));
        QVERIFY(pdfText(result.pdfPath).contains(QStringLiteral("Beside a fork bomb.")));
        // It ran beside the bomb, not after it, and the bomb was held at its limit.
        QVERIFY2(bombStillRunning, qPrintable(QString::number(compileMs)));
        QVERIFY(bomb.timedOut);
        QVERIFY2(bomb.out.startsWith("LIMIT"), bomb.out.constData());
        QCOMPARE(bomb.leftAfterKill, 0);
        qInfo("compile beside a fork bomb at its limit of %d processes: %lld ms", limits.processes, compileMs);
    }

    void memoryIsCappedPerProcess()
    {
        QTemporaryDir dir;
        SandboxLimits limits;
        limits.addressSpaceBytes = 512LL << 20;
        const Outcome small = runConfined({QStringLiteral("/usr/bin/perl"), QStringLiteral("-e"),
                                           QStringLiteral("my $x = 'a' x (64 << 20); print 'OK'")},
                                          dir.path(), limits);
        QCOMPARE(small.out, QByteArray("OK")); // positive control
        const Outcome big = runConfined({QStringLiteral("/usr/bin/perl"), QStringLiteral("-e"),
                                         QStringLiteral("my $x = 'a' x (2 << 30); print 'OK'")},
                                        dir.path(), limits);
        QVERIFY(!big.out.contains("OK"));
        QVERIFY(big.exitCode != 0);
    }

    void anInfiniteLoopIsKilledAtTheTimeout()
    {
        CompileRequest request = makeRequest(QStringLiteral("loop"), {
            {QStringLiteral("main.tex"), "\\documentclass{article}\\begin{document}\\def\\x{\\x}\\x\\end{document}\n"}});
        request.options.timeoutSeconds = 2;
        QElapsedTimer timer;
        timer.start();
        const CompileResult result = m_sandboxed.run(request);
        QCOMPARE(result.status, CompileStatus::TimedOut);
        QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
        QThread::msleep(300);
        QCOMPARE(sandboxProcessesLeft(), 0);
        // The service is still there and compiles the next request.
        const CompileResult next = m_sandboxed.run(makeRequest(QStringLiteral("loop"), {
            {QStringLiteral("main.tex"), "\\documentclass{article}\\begin{document}Fine.\\end{document}\n"}}));
        QCOMPARE(next.status, CompileStatus::Success);
        QVERIFY(pdfText(next.pdfPath).contains(QStringLiteral("Fine.")));
    }

    void aTenGigabyteOutputIsCutAtTheFileSizeLimit()
    {
        SandboxLimits limits;
        limits.fileSizeBytes = 8LL << 20;
        // Any program: the file stops at the limit and its writer is killed (SIGXFSZ).
        QTemporaryDir dir;
        QElapsedTimer direct;
        direct.start();
        const Outcome head = runConfined({QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                          QStringLiteral("head -c 10737418240 /dev/zero > big")},
                                         dir.path(), limits);
        QVERIFY(head.exitCode != 0);
        QVERIFY2(direct.elapsed() < 15000, qPrintable(QString::number(direct.elapsed())));
        QCOMPARE(QFileInfo(dir.filePath(QStringLiteral("big"))).size(), limits.fileSizeBytes);

        auto sandbox = std::make_shared<Sandbox>(limits);
        Compiler compiler(m_cache.filePath(QStringLiteral("fsize")));
        compiler.setSandbox(sandbox);
        // 10^8 lines of 100 bytes.
        CompileRequest request = makeRequest(QStringLiteral("huge"), {
            {QStringLiteral("main.tex"),
             "\\documentclass{article}\\begin{document}\n"
             "\\newwrite\\w\\immediate\\openout\\w=big.txt\n"
             "\\newcount\\n\\n=0\n"
             "\\loop\\immediate\\write\\w{" + QByteArray(99, 'x') + "}\\advance\\n by 1\\ifnum\\n<100000000 \\repeat\n"
             "\\immediate\\closeout\\w Done.\\end{document}\n"}});
        request.options.timeoutSeconds = 120;
        QElapsedTimer timer;
        timer.start();
        const CompileResult result = compiler.run(request);
        QVERIFY2(result.status != CompileStatus::TimedOut, qPrintable(result.message));
        QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
        // pdflatex was killed at the limit: no PDF, and the next compile is a full one.
        QCOMPARE(result.status, CompileStatus::Failure);
        QVERIFY(result.pdfPath.isEmpty());
        QCOMPARE(sandboxProcessesLeft(), 0);
    }

private:
    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QTemporaryDir m_cache;
    Compiler m_sandboxed{m_cache.filePath(QStringLiteral("sandboxed"))};
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
