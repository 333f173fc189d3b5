#pragma once

#include <QString>

#include "app/ui/simsnapshot.h"

namespace kafkalab::core {
class Simulation;
}

namespace kafkalab::app {

/** Builds the views' read-only models from the simulation's public state. */
class SnapshotBuilder final
{
public:
    SnapshotBuilder() = delete;

    [[nodiscard]] static ClusterSnapshot cluster(const core::Simulation &sim);
    /** `partition` is `topic-N`; an unknown name gives an invalid snapshot. */
    [[nodiscard]] static PartitionLogSnapshot partitionLog(const core::Simulation &sim, const QString &partition);
    [[nodiscard]] static GroupsSnapshot groups(const core::Simulation &sim);
    /** Every producer client: accumulator batches, in-flight requests, counters. */
    [[nodiscard]] static ProducersSnapshot producers(const core::Simulation &sim);
    /** Every transactional.id on its coordinator, with the producer instances using it. */
    [[nodiscard]] static TransactionsSnapshot transactions(const core::Simulation &sim);
    [[nodiscard]] static ClientMetricsSnapshot clientMetrics(const core::Simulation &sim);
    /** What each isolation level would return from the log snapshot (no simulation needed: live sources too). */
    [[nodiscard]] static IsolationReadsSnapshot isolationReads(const PartitionLogSnapshot &log);
};

} // namespace kafkalab::app
