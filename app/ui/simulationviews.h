#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QTabWidget;
class QToolButton;

namespace kafkalab::app {

class ChartsPanel;
class ClusterView;
class ConsumerGroupView;
class MetricsHistory;
class PartitionLogView;
class ProducerPipelineView;
class StateSource;
class TransactionView;

/**
 * The views over one state source (simulation or live cluster): cluster and groups above; below,
 * tabs for a partition's log, the producer pipeline, transactions and charts. Every view and chart
 * has "Export view…" in its context menu, and the tab bar an Export button for the current tab.
 * A lesson's `focus` line brings the matching tab forward. For screenshots, the environment
 * variable KAFKALAB_VIEWS_TAB (log, producers, transactions, charts) picks the tab and keeps it.
 */
class SimulationViews final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulationViews)

public:
    enum class Tab { Log, Producers, Transactions, Charts };

    explicit SimulationViews(StateSource *source, QWidget *parent = nullptr);
    ~SimulationViews() override;

    [[nodiscard]] ClusterView *clusterView() const noexcept { return m_cluster; }
    [[nodiscard]] PartitionLogView *partitionLogView() const noexcept { return m_log; }
    [[nodiscard]] ConsumerGroupView *groupView() const noexcept { return m_groups; }
    [[nodiscard]] ProducerPipelineView *producerView() const noexcept { return m_producers; }
    [[nodiscard]] TransactionView *transactionView() const noexcept { return m_transactions; }
    [[nodiscard]] ChartsPanel *chartsPanel() const noexcept { return m_charts; }
    [[nodiscard]] MetricsHistory *metricsHistory() const noexcept { return m_history; }
    [[nodiscard]] QTabWidget *tabs() const noexcept { return m_tabs; }

    void showTab(Tab tab);
    [[nodiscard]] Tab currentTab() const;
    /** The widget the Export button saves for the current tab. */
    [[nodiscard]] QWidget *currentExportable() const;
    /** Tab names for KAFKALAB_VIEWS_TAB and the like: `log`, `producers`, `transactions`, `charts`. */
    [[nodiscard]] static bool tabFromName(const QString &name, Tab &tab);

private:
    void updatePartitions();
    void onViewHint(const QString &subject);
    void applyPendingHint();

    StateSource *m_source;
    ClusterView *m_cluster = nullptr;
    PartitionLogView *m_log = nullptr;
    ConsumerGroupView *m_groups = nullptr;
    ProducerPipelineView *m_producers = nullptr;
    TransactionView *m_transactions = nullptr;
    ChartsPanel *m_charts = nullptr;
    MetricsHistory *m_history = nullptr;
    QTabWidget *m_tabs = nullptr;
    QToolButton *m_export = nullptr;
    QComboBox *m_partition = nullptr;
    QString m_pendingHint;
    bool m_tabPinned = false;
};

} // namespace kafkalab::app
