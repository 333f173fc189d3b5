// The invariant checker and random fault schedules: where Kafka promises durability nothing is
// found; where it does not (acks=1), losses are found and their scripts reproduce them.
#include <QTest>

#include "core/chaos.h"
#include "core/scenario/scenariorunner.h"

using namespace kafkalab::core;

class TestChaos : public QObject
{
    Q_OBJECT

private slots:
    void promiseHoldsOverManySeeds()
    {
        ChaosOptions options;
        options.seeds = 80;
        const ChaosSummary summary = runChaos(options);
        QCOMPARE(summary.runs, 80);
        QVERIFY(summary.acked > 50000);
        QCOMPARE(summary.lost, 0);
        QCOMPARE(summary.duplicates, 0);
        if (!summary.failures.empty())
            QFAIL((summary.failures.front().violations.front().invariant + ": "
                + summary.failures.front().violations.front().detail)
                      .c_str());
    }

    void transactionsKeepExactlyOnce()
    {
        ChaosOptions options;
        options.seeds = 20;
        options.transactions = true;
        const ChaosSummary summary = runChaos(options);
        QCOMPARE(summary.failedRuns, 0);
        QCOMPARE(summary.duplicates, 0);
    }

    void acksOneLosesAndTheScriptReproducesIt()
    {
        ChaosOptions options;
        options.seeds = 80;
        options.acks = 1;
        options.minInsyncReplicas = 1;
        const ChaosSummary summary = runChaos(options);
        QVERIFY2(summary.lost > 0, "acks=1 under overlapping faults must show lost acknowledged writes");
        QVERIFY(!summary.failures.empty());
        const ChaosRun &failure = summary.failures.front();
        QCOMPARE(failure.violations.front().invariant, std::string("acked-record-lost"));
        // The reported script is the whole reproduction: the same run, the same loss.
        const ChaosRun again = runChaosSeed(options, failure.seed);
        QCOMPARE(again.script, failure.script);
        QCOMPARE(again.lost, failure.lost);
        auto parsed = scenario::parseScript(failure.script, "repro.kls");
        QVERIFY(std::holds_alternative<scenario::Script>(parsed));
    }

    void sameSeedSameResultWhateverTheThreads()
    {
        ChaosOptions one;
        one.seeds = 12;
        one.acks = 1;
        one.minInsyncReplicas = 1;
        one.threads = 1;
        ChaosOptions two = one;
        two.threads = 2;
        const ChaosSummary a = runChaos(one);
        const ChaosSummary b = runChaos(two);
        QCOMPARE(a.acked, b.acked);
        QCOMPARE(a.lost, b.lost);
        QCOMPARE(a.failedRuns, b.failedRuns);
    }
};

QTEST_APPLESS_MAIN(TestChaos)
#include "test_chaos.moc"
