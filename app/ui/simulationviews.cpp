#include "simulationviews.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include "app/ui/clusterview.h"
#include "app/ui/consumergroupview.h"
#include "app/ui/partitionlogview.h"
#include "app/ui/statesource.h"

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

    auto *logBox = new QWidget(vertical);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->setSpacing(2);
    auto *pickerRow = new QHBoxLayout;
    pickerRow->setContentsMargins(4, 0, 4, 0);
    auto *label = new QLabel(tr("Partition log:"), logBox);
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
    vertical->addWidget(top);
    vertical->addWidget(logBox);
    vertical->setStretchFactor(0, 5);
    vertical->setStretchFactor(1, 4);
    layout->addWidget(vertical);

    connect(m_partition, &QComboBox::activated, m_source,
        [this](int index) { m_source->setFocusPartition(m_partition->itemText(index)); });
    connect(m_source, &StateSource::stateChanged, this, &SimulationViews::updatePartitions);
    connect(m_source, &StateSource::focusChanged, this, &SimulationViews::updatePartitions);
    updatePartitions();
}

SimulationViews::~SimulationViews() = default;

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
