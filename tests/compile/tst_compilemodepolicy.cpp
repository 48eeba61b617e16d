// CompileModePolicy: full at first and after any non-success, incremental after success.
#include "compile/compilemodepolicy.h"

#include <QTest>

using namespace coauthor::compile;

class TestCompileModePolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullAtFirst()
    {
        QCOMPARE(CompileModePolicy().nextSyncType(), SyncType::Full);
    }

    void incrementalAfterSuccessFullAfterAnythingElse()
    {
        const CompileStatus failures[] = {CompileStatus::Failure, CompileStatus::StoppedOnFirstError,
                                          CompileStatus::TimedOut, CompileStatus::Conflict, CompileStatus::Error};
        for (const CompileStatus failure : failures) {
            CompileModePolicy policy;
            policy.recordResult(CompileStatus::Success);
            QCOMPARE(policy.nextSyncType(), SyncType::Incremental);
            policy.recordResult(failure);
            QCOMPARE(policy.nextSyncType(), SyncType::Full);
            policy.recordResult(CompileStatus::Success);
            QCOMPARE(policy.nextSyncType(), SyncType::Incremental);
        }
    }

    void busyKeepsTheCurrentChoice()
    {
        CompileModePolicy policy;
        policy.recordResult(CompileStatus::Busy);
        QCOMPARE(policy.nextSyncType(), SyncType::Full);
        policy.recordResult(CompileStatus::Success);
        policy.recordResult(CompileStatus::Busy);
        QCOMPARE(policy.nextSyncType(), SyncType::Incremental);
    }
};

QTEST_GUILESS_MAIN(TestCompileModePolicy)
#include "tst_compilemodepolicy.moc"
