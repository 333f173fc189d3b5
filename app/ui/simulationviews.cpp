#include "simulationviews.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/ui/chartspanel.h"
#include "app/ui/clusterview.h"
#include "app/ui/consumergroupview.h"
#include "app/ui/metricshistory.h"
#include "app/ui/partitionlogview.h"
#include "app/ui/producerpipelineview.h"
#include "app/ui/statesource.h"
#include "app/ui/transactionview.h"
#include "app/ui/viewexport.h"

namespace kafkalab::app {

SimulationViews::SimulationViews(StateSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->setChildrenCollapsible(false);
    auto *top = new QSplitter(Qt::Horizontal, vertical);
    top->setChildrenCollapsible(false);
    m_cluster = new ClusterView(source, top);
    m_groups = new ConsumerGroupView(source, top);
    top->addWidget(m_cluster);
    top->addWidget(m_groups);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    m_tabs = new QTabWidget(vertical);
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_tabs->setDocumentMode(true);

    auto *logBox = new QWidget(m_tabs);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 2, 0, 0);
    logLayout->setSpacing(2);
    auto *pickerRow = new QHBoxLayout;
    pickerRow->setContentsMargins(4, 0, 4, 0);
    auto *label = new QLabel(tr("&Partition:"), logBox);
    m_partition = new QComboBox(logBox);
    m_partition->setObjectName(QStringLiteral("partitionPicker"));
    m_partition->setMinimumContentsLength(12);
    label->setBuddy(m_partition);
    pickerRow->addWidget(label);
    pickerRow->addWidget(m_partition);
    pickerRow->addStretch(1);
    logLayout->addLayout(pickerRow);
    m_log = new PartitionLogView(source, logBox);
    logLayout->addWidget(m_log, 1);

    m_producers = new ProducerPipelineView(source, m_tabs);
    m_transactions = new TransactionView(source, m_tabs);
    m_history = new MetricsHistory(source, this);
    m_charts = new ChartsPanel(m_history, m_tabs);

    m_tabs->addTab(logBox, tr("Partition &log"));
    m_tabs->addTab(m_producers, tr("P&roducers"));
    m_tabs->addTab(m_transactions, tr("&Transactions"));
    // The charts want room side by side; in a narrow window (presenter fonts at 1280 px) they
    // scroll rather than force the whole window wider than the screen.
    auto *chartsScroll = new QScrollArea(m_tabs);
    chartsScroll->setObjectName(QStringLiteral("chartsScroll"));
    chartsScroll->setFrameShape(QFrame::NoFrame);
    chartsScroll->setWidgetResizable(true);
    chartsScroll->setWidget(m_charts);
    m_tabs->addTab(chartsScroll, tr("&Charts"));
    m_tabs->setTabToolTip(0, tr("One partition's records with HW, LSO and committed offsets (Alt+L)"));
    m_tabs->setTabToolTip(1, tr("Producers: partitioner, accumulator batches, in-flight requests, acks (Alt+R)"));
    m_tabs->setTabToolTip(2, tr("Transaction coordinator states, fencing, read_committed vs read_uncommitted (Alt+T)"));
    m_tabs->setTabToolTip(3, tr("Lag, throughput, ISR, rebalance pauses, end-to-end latency (Alt+C)"));
    m_export = new QToolButton(m_tabs);
    m_export->setObjectName(QStringLiteral("exportCurrentView"));
    m_export->setText(tr("E&xport view…"));
    m_export->setToolTip(tr("Save the current tab as PNG, SVG or PDF (every view's context menu has this too)"));
    m_export->setAutoRaise(true);
    m_tabs->setCornerWidget(m_export, Qt::TopRightCorner);
    connect(m_export, &QToolButton::clicked, this, [this] { ViewExport::exportWithDialog(currentExportable(), this); });

    vertical->addWidget(top);
    vertical->addWidget(m_tabs);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 1);
    layout->addWidget(vertical);

    // Every view exports from its context menu; the cluster view keeps its broker actions there.
    ViewExport::addExportMenu(m_cluster, [this](QMenu *menu, const QPoint &pos) {
        const int broker = m_cluster->brokerAt(pos);
        if (broker < 0)
            return;
        QMenu *brokerMenu = m_cluster->createBrokerMenu(broker, menu);
        menu->addActions(brokerMenu->actions());
    });
    ViewExport::addExportMenu(m_groups);
    ViewExport::addExportMenu(m_log);
    ViewExport::addExportMenu(m_producers);
    ViewExport::addExportMenu(m_transactions);

    connect(m_partition, &QComboBox::activated, m_source,
        [this](int index) { m_source->setFocusPartition(m_partition->itemText(index)); });
    connect(m_source, &StateSource::stateChanged, this, &SimulationViews::updatePartitions);
    connect(m_source, &StateSource::stateChanged, this, &SimulationViews::applyPendingHint);
    connect(m_source, &StateSource::focusChanged, this, &SimulationViews::updatePartitions);
    connect(m_source, &StateSource::viewHint, this, &SimulationViews::onViewHint);
    updatePartitions();

    Tab pinned {};
    if (tabFromName(qEnvironmentVariable("KAFKALAB_VIEWS_TAB"), pinned)) {
        showTab(pinned);
        m_tabPinned = true;
    }
}

SimulationViews::~SimulationViews() = default;

bool SimulationViews::tabFromName(const QString &name, Tab &tab)
{
    const QString n = name.trimmed().toLower();
    if (n == u"log")
        tab = Tab::Log;
    else if (n == u"producers")
        tab = Tab::Producers;
    else if (n == u"transactions")
        tab = Tab::Transactions;
    else if (n == u"charts")
        tab = Tab::Charts;
    else
        return false;
    return true;
}

void SimulationViews::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

SimulationViews::Tab SimulationViews::currentTab() const
{
    return static_cast<Tab>(m_tabs->currentIndex());
}

QWidget *SimulationViews::currentExportable() const
{
    switch (currentTab()) {
    case Tab::Log:
        return m_log;
    case Tab::Producers:
        return m_producers;
    case Tab::Transactions:
        return m_transactions;
    case Tab::Charts:
        return m_charts;
    }
    return m_log;
}

void SimulationViews::onViewHint(const QString &subject)
{
    // Applied with the next snapshots: the hint may name a client the current ones do not have yet.
    m_pendingHint = subject;
}

void SimulationViews::applyPendingHint()
{
    if (m_pendingHint.isEmpty())
        return;
    const QString subject = std::exchange(m_pendingHint, QString());
    if (subject.startsWith(u"producer:")) {
        const QString name = subject.mid(9);
        m_producers->setSelectedProducer(name);
        m_transactions->setSelectedProducer(name);
        const ProducerInfo *info = m_source->producers().producer(name);
        if (!m_tabPinned)
            showTab(info != nullptr && !info->transactionalId.isEmpty() ? Tab::Transactions : Tab::Producers);
        return;
    }
    if (m_tabPinned || subject != m_source->focusPartition())
        return;
    // A partition: its log, unless the transactions tab already shows its readers.
    if (currentTab() == Tab::Producers || currentTab() == Tab::Charts)
        showTab(Tab::Log);
}

void SimulationViews::updatePartitions()
{
    const QStringList names = m_source->partitionNames();
    bool same = names.size() == m_partition->count();
    for (int i = 0; same && i < names.size(); ++i)
        same = m_partition->itemText(i) == names[i];
    if (!same) {
        m_partition->clear();
        m_partition->addItems(names);
    }
    const int index = m_partition->findText(m_source->focusPartition());
    if (index >= 0 && index != m_partition->currentIndex())
        m_partition->setCurrentIndex(index);
}

} // namespace kafkalab::app
