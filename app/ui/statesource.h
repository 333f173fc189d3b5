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
};

} // namespace kafkalab::app
