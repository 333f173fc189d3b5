#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "app/ui/simsnapshot.h"

namespace kafkalab::app {

/**
 * Where the views get the cluster from: the in-process simulation (SimulationController) or a real
 * cluster read through librdkafka (live mode). Views paint the snapshots and never know which one
 * they show; only a source that accepts commands gets the broker fault menu.
 */
class StateSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateSource)

public:
    using QObject::QObject;
    ~StateSource() override = default;

    [[nodiscard]] virtual const ClusterSnapshot &cluster() const noexcept = 0;
    [[nodiscard]] virtual const PartitionLogSnapshot &partitionLog() const noexcept = 0;
    [[nodiscard]] virtual const GroupsSnapshot &groups() const noexcept = 0;
    /** Producer clients (accumulators, in-flight requests); `available` is false where a source cannot see them. */
    [[nodiscard]] virtual const ProducersSnapshot &producers() const noexcept
    {
        static const ProducersSnapshot none;
        return none;
    }
    /** Transaction coordinators' state per transactional.id; empty and unavailable by default. */
    [[nodiscard]] virtual const TransactionsSnapshot &transactions() const noexcept
    {
        static const TransactionsSnapshot none;
        return none;
    }
    /** Consumer counters for charts (end-to-end latency, rebalance pauses); unavailable by default. */
    [[nodiscard]] virtual const ClientMetricsSnapshot &clientMetrics() const noexcept
    {
        static const ClientMetricsSnapshot none;
        return none;
    }

    /** The partition whose log is shown (`orders-0`), empty for none. */
    [[nodiscard]] virtual QString focusPartition() const = 0;
    virtual void setFocusPartition(const QString &partition) = 0;
    [[nodiscard]] virtual QStringList partitionNames() const = 0;

    /** Whether fault commands (`crash broker 2`, …) can be run: the simulator yes, a real cluster never. */
    [[nodiscard]] virtual bool acceptsFaultCommands() const noexcept { return false; }
    /** Runs a fault command as a console line would; ignored by sources that do not accept them. */
    virtual void runFaultCommand(const QString &line) { Q_UNUSED(line); }

Q_SIGNALS:
    /** The snapshots changed (once per tick, refresh, command or step, never per event). */
    void stateChanged();
    void focusChanged(const QString &partition);
    /**
     * A lesson's `focus` line: a partition (`orders-0`), `producer:NAME`, `group:NAME` or
     * `broker-N`, so the views can bring the right one forward.
     */
    void viewHint(const QString &subject);
};

} // namespace kafkalab::app
