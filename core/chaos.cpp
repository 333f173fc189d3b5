#include "chaos.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "core/rng.h"
#include "core/scenario/scenariorunner.h"

namespace kafkalab::core {

std::string chaosScript(const ChaosOptions &options, std::uint64_t seed)
{
    Rng rng(seed * 0x9e3779b97f4a7c15ULL + 17);
    const std::string acks = options.acks == -1 ? "all" : std::to_string(options.acks);
    std::string s;
    s += "# kafkalab-cli chaos, seed " + std::to_string(seed) + "\n";
    s += "cluster brokers=3 seed=" + std::to_string(seed) + "\n";
    s += "topic create orders partitions=3 rf=3 min.insync.replicas=" + std::to_string(options.minInsyncReplicas)
        + (options.uncleanElection ? " unclean.leader.election.enable=true" : "") + "\n";
    s += "producer create p1 acks=" + acks + (options.acks == -1 ? "" : " enable.idempotence=false") + "\n";
    s += "consumer create c1 group=readers auto.offset.reset=earliest session.timeout.ms=10s\n";
    s += "consumer create c2 group=readers auto.offset.reset=earliest session.timeout.ms=10s\n";
    s += "subscribe c1 orders\nsubscribe c2 orders\n";
    s += "load p1 orders rate=" + std::to_string(rng.between(50, 250)) + "/s key=k{r} for=40s\n";
    if (options.transactions) {
        s += "topic create enriched partitions=2 rf=3 min.insync.replicas=2\n";
        s += "producer create etl transactional.id=etl-1\n";
        s += "txn init etl\n";
        s += "consumer create worker group=etl enable.auto.commit=false isolation.level=read_committed "
             "auto.offset.reset=earliest max.poll.records=20 session.timeout.ms=10s\n";
        s += "relay worker etl enriched mode=exactly-once\n";
        s += "subscribe worker orders\n";
        s += "consumer create audit group=audit isolation.level=read_committed auto.offset.reset=earliest\n";
        s += "subscribe audit enriched\n";
    }
    const bool promise = options.acks == -1 && options.minInsyncReplicas >= 2 && !options.uncleanElection;
    TimeUs t = rng.between(1000, 5000) * kMicrosPerMs;
    const int faults = static_cast<int>(rng.between(2, 8));
    TimeUs busyUntil[4] = {0, 0, 0, 0};
    for (int i = 0; i < faults && t < 40 * kMicrosPerSecond; ++i) {
        // Overlapping faults hit different brokers: pick one that is not under a fault now.
        std::int64_t broker = rng.between(1, 3);
        for (int k = 0; k < 3 && busyUntil[broker] > t; ++k)
            broker = broker % 3 + 1;
        if (busyUntil[broker] > t) {
            t += kMicrosPerSecond;
            continue;
        }
        const TimeUs length = rng.between(500, 15000) * kMicrosPerMs;
        busyUntil[broker] = t + length + kMicrosPerMs;
        const auto at = [](TimeUs time) { return "at " + std::to_string(time / kMicrosPerMs) + "ms "; };
        switch (rng.below(3)) {
        case 0:
            s += at(t) + "crash broker " + std::to_string(broker) + "\n";
            s += at(t + length) + "restart broker " + std::to_string(broker) + "\n";
            break;
        case 1:
            s += at(t) + "isolate broker " + std::to_string(broker) + "\n";
            s += at(t + length) + "heal broker " + std::to_string(broker) + "\n";
            break;
        default:
            s += at(t) + "slow broker " + std::to_string(broker) + " by=" + std::to_string(rng.between(1, 40)) + "s\n";
            s += at(t + length) + "slow broker " + std::to_string(broker) + " by=0s\n";
            break;
        }
        // Where Kafka promises durability, faults come one broker at a time and a repaired
        // broker catches up before the next one. Without the promise (acks=1, min.insync=1,
        // unclean election) faults may overlap, e.g. a slow follower while the leader crashes.
        if (!promise && rng.below(2) == 0)
            t += rng.between(100, 3000) * kMicrosPerMs;
        else
            t += length + rng.between(20, 40) * kMicrosPerSecond;
    }
    // Time to fence, elect, catch up and let the consumers read everything.
    s += "advance " + std::to_string(std::max<TimeUs>(t, 45 * kMicrosPerSecond) / kMicrosPerSecond + 30) + "s\n";
    return s;
}

ChaosRun runChaosSeed(const ChaosOptions &options, std::uint64_t seed)
{
    ChaosRun run;
    run.seed = seed;
    run.script = chaosScript(options, seed);
    auto parsed = scenario::parseScript(run.script, "chaos-" + std::to_string(seed) + ".kls");
    if (auto *error = std::get_if<scenario::ScriptError>(&parsed)) {
        run.violations.push_back({"script-error", error->toString()});
        return run;
    }
    scenario::ScenarioRunner runner(std::get<scenario::Script>(std::move(parsed)));
    InvariantChecker checker(runner.simulation());
    runner.simulation().addListener(&checker);
    runner.runAll();
    runner.simulation().removeListener(&checker);
    if (runner.error())
        run.violations.push_back({"script-error", runner.error()->toString()});
    const auto violations = checker.finish();
    run.violations.insert(run.violations.end(), violations.begin(), violations.end());
    run.acked = checker.ackedRecords();
    run.lost = checker.lostRecords();
    run.duplicates = checker.duplicateRecords();
    return run;
}

ChaosSummary runChaos(const ChaosOptions &options, const std::function<void(std::int64_t)> &progress)
{
    // Seeds are independent and deterministic, so they run on every core; the summary is
    // assembled in seed order, identical whatever the number of threads.
    const auto threads = static_cast<std::int64_t>(std::clamp<unsigned>(
        options.threads > 0 ? static_cast<unsigned>(options.threads) : std::thread::hardware_concurrency(), 1U, 64U));
    std::vector<ChaosRun> runs(static_cast<std::size_t>(options.seeds));
    std::atomic<std::int64_t> next {0};
    std::atomic<std::int64_t> done {0};
    std::mutex progressMutex;
    const auto worker = [&] {
        while (true) {
            const std::int64_t i = next.fetch_add(1);
            if (i >= options.seeds)
                return;
            ChaosRun run = runChaosSeed(options, options.firstSeed + static_cast<std::uint64_t>(i));
            // Keep the script of failing runs only: passing runs need just their counts.
            if (run.violations.empty())
                run.script.clear();
            runs[static_cast<std::size_t>(i)] = std::move(run);
            const std::int64_t finished = ++done;
            if (progress) {
                const std::lock_guard lock(progressMutex);
                progress(finished);
            }
        }
    };
    std::vector<std::thread> pool;
    for (std::int64_t t = 1; t < std::min(threads, options.seeds); ++t)
        pool.emplace_back(worker);
    worker();
    for (std::thread &t : pool)
        t.join();

    ChaosSummary summary;
    for (ChaosRun &run : runs) {
        ++summary.runs;
        summary.acked += run.acked;
        summary.lost += run.lost;
        summary.duplicates += run.duplicates;
        if (!run.violations.empty()) {
            ++summary.failedRuns;
            if (summary.failures.size() < 20)
                summary.failures.push_back(std::move(run));
        }
    }
    return summary;
}

} // namespace kafkalab::core
