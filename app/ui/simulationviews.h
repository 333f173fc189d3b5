#pragma once

#include <QWidget>

class QComboBox;
class QSplitter;

namespace kafkalab::app {

class ClusterView;
class ConsumerGroupView;
class PartitionLogView;
class StateSource;

/** The three views over one state source (simulation or live cluster): cluster and groups above, a partition's log
 * below. */
class SimulationViews final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulationViews)

public:
    explicit SimulationViews(StateSource *source, QWidget *parent = nullptr);
    ~SimulationViews() override;

    [[nodiscard]] ClusterView *clusterView() const noexcept { return m_cluster; }
    [[nodiscard]] PartitionLogView *partitionLogView() const noexcept { return m_log; }
    [[nodiscard]] ConsumerGroupView *groupView() const noexcept { return m_groups; }

private:
    void updatePartitions();

    StateSource *m_source;
    ClusterView *m_cluster = nullptr;
    PartitionLogView *m_log = nullptr;
    ConsumerGroupView *m_groups = nullptr;
    QComboBox *m_partition = nullptr;
};

} // namespace kafkalab::app
