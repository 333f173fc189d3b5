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
};

} // namespace kafkalab::app
