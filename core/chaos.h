#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/invariantchecker.h"

namespace kafkalab::core {

/** What `kafkalab-cli chaos` runs: a workload and random faults over many seeds. */
struct ChaosOptions
{
    std::int64_t seeds = 100;
    std::uint64_t firstSeed = 1;
    /** Producer acks: -1 (all), 1 or 0. */
    std::int32_t acks = -1;
    std::int32_t minInsyncReplicas = 2;
    bool uncleanElection = false;
    /** Adds an exactly-once consume-transform-produce pipeline and a read_committed reader. */
    bool transactions = false;
    /** Worker threads (0: one per core). Results do not depend on it. */
    std::int32_t threads = 0;
};

/** One seed's run. */
struct ChaosRun
{
    std::uint64_t seed = 0;
    /** The scenario that reproduces it (`kafkalab-cli run`). */
    std::string script;
    std::vector<Violation> violations;
    std::int64_t acked = 0;
    std::int64_t lost = 0;
    std::int64_t duplicates = 0;
};

struct ChaosSummary
{
    std::int64_t runs = 0;
    std::int64_t acked = 0;
    std::int64_t lost = 0;
    std::int64_t duplicates = 0;
    /** Runs with at least one violation (the first 20 are kept with their scripts). */
    std::int64_t failedRuns = 0;
    std::vector<ChaosRun> failures;
};

/**
 * The scenario of one seed: 3 brokers, a 3-partition topic with RF 3, a producer under steady
 * load, a consumer group reading, and up to eight faults (crash/restart, isolate/heal, slow
 * follower), all repaired before the end. Where Kafka promises durability (acks=all,
 * min.insync.replicas ≥ 2, no unclean election) faults hit one broker at a time; otherwise
 * they may overlap.
 */
[[nodiscard]] std::string chaosScript(const ChaosOptions &options, std::uint64_t seed);

/** Runs one seed's scenario with the invariant checker attached. */
[[nodiscard]] ChaosRun runChaosSeed(const ChaosOptions &options, std::uint64_t seed);

/** Runs every seed; `progress` (optional) is called after each run. */
[[nodiscard]] ChaosSummary runChaos(
    const ChaosOptions &options, const std::function<void(std::int64_t)> &progress = {});

} // namespace kafkalab::core
