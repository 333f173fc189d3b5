#include "snapshotbuilder.h"

#include <algorithm>

#include "core/simulation.h"

namespace kafkalab::app {
namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString partitionName(const core::Simulation &sim, const core::PartitionKey &key)
{
    return qs(sim.topics()[static_cast<std::size_t>(key.first)].name) + u'-' + QString::number(key.second);
}

QString consumerPhaseName(core::ConsumerState::Phase phase)
{
    switch (phase) {
    case core::ConsumerState::Phase::Unsubscribed:
        return QStringLiteral("Unsubscribed");
    case core::ConsumerState::Phase::Joining:
        return QStringLiteral("Joining");
    case core::ConsumerState::Phase::AwaitingSync:
        return QStringLiteral("AwaitingSync");
    case core::ConsumerState::Phase::Stable:
        return QStringLiteral("Stable");
    case core::ConsumerState::Phase::Dead:
        return QStringLiteral("Dead");
    }
    return {};
}

} // namespace

ClusterSnapshot SnapshotBuilder::cluster(const core::Simulation &sim)
{
    ClusterSnapshot s;
    s.timeUs = sim.now();
    s.events = sim.eventsProcessed();
    for (const core::BrokerState &b : sim.brokers()) {
        BrokerInfo info;
        info.id = b.id;
        info.alive = b.alive;
        info.isolated = b.isolated;
        info.fenced = b.fenced;
        info.slowByMs = b.slowByUs / core::kMicrosPerMs;
        info.controller = b.id == sim.controller();
        s.brokers.append(info);
    }
    for (const core::TopicState &topic : sim.topics()) {
        const QString topicName = qs(topic.name);
        const bool internal = topicName.startsWith(u"__");
        for (const core::PartitionState &p : topic.partitions) {
            PartitionInfo info;
            info.topic = topicName;
            info.partition = p.index;
            info.name = topicName + u'-' + QString::number(p.index);
            info.leader = p.leader;
            info.leaderEpoch = p.leaderEpoch;
            for (core::BrokerId id : p.replicaIds)
                info.replicas.append(id);
            for (core::BrokerId id : p.isr)
                info.isr.append(id);
            std::sort(info.isr.begin(), info.isr.end());
            info.highWatermark = p.highWatermark;
            info.offline = p.leader == core::kNoBroker;
            info.underReplicated = !info.offline && p.isr.size() < p.replicaIds.size();
            info.internal = internal;
            if (!internal) {
                s.underReplicated += info.underReplicated ? 1 : 0;
                s.offline += info.offline ? 1 : 0;
            }
            s.partitions.append(info);
        }
    }
    return s;
}

PartitionLogSnapshot SnapshotBuilder::partitionLog(const core::Simulation &sim, const QString &partition)
{
    PartitionLogSnapshot s;
    s.name = partition;
    const qsizetype dash = partition.lastIndexOf(u'-');
    if (dash <= 0)
        return s;
    bool ok = false;
    const int index = partition.mid(dash + 1).toInt(&ok);
    const std::string topicName = partition.left(dash).toStdString();
    const std::int32_t t = sim.topicIndex(topicName);
    if (!ok || t < 0)
        return s;
    const core::PartitionState *p = sim.partition(topicName, index);
    if (p == nullptr)
        return s;
    s.valid = true;
    s.leader = p->leader;
    s.highWatermark = p->highWatermark;
    s.lastStableOffset = sim.lastStableOffset(t, index);
    for (const core::ReplicaState &r : p->replicas) {
        ReplicaInfo info;
        info.broker = r.broker;
        info.logEndOffset = r.log.logEndOffset();
        info.leader = r.broker == p->leader;
        info.inIsr = p->inIsr(r.broker);
        s.replicas.append(info);
    }
    std::sort(s.replicas.begin(), s.replicas.end(),
        [](const ReplicaInfo &a, const ReplicaInfo &b) { return a.broker < b.broker; });
    const core::ReplicaState *visible = sim.visibleReplica(t, index);
    if (visible != nullptr) {
        const core::Log &log = visible->log;
        s.logStartOffset = log.logStartOffset();
        s.logEndOffset = log.logEndOffset();
        const core::Offset from = std::max(log.logStartOffset(), log.logEndOffset() - PartitionLogSnapshot::kMaxCells);
        log.forEachBatch(from, log.logEndOffset(), [&](const core::LogBatch &batch) {
            const core::BatchPayload &payload = *batch.payload;
            const bool aborted = payload.transactional && sim.isAborted(*visible, batch);
            for (std::size_t i = 0; i < payload.records.size(); ++i) {
                const core::Offset offset = batch.baseOffset + payload.records[i].offsetDelta;
                if (offset < from)
                    continue;
                LogCell cell;
                cell.offset = offset;
                cell.keyNull = payload.keyIsNull(i);
                if (!cell.keyNull)
                    cell.key = qs(payload.key(i));
                cell.valueNull = payload.valueIsNull(i);
                if (!cell.valueNull)
                    cell.value = qs(payload.value(i));
                cell.transactional = payload.transactional;
                cell.control = payload.control == core::ControlType::Commit ? LogCell::Control::Commit
                    : payload.control == core::ControlType::Abort           ? LogCell::Control::Abort
                                                                            : LogCell::Control::None;
                cell.aborted = aborted && cell.control == LogCell::Control::None;
                s.cells.append(cell);
            }
        });
    }
    const core::PartitionKey key {t, index};
    for (const core::GroupState &g : sim.groups()) {
        const auto it = g.committed.find(key);
        if (it != g.committed.end())
            s.cursors.append(Cursor {qs(g.groupId) + QStringLiteral(" committed"), it->second, true});
    }
    for (const core::ConsumerState &c : sim.consumers()) {
        const auto it = c.positions.find(key);
        if (it != c.positions.end() && c.alive)
            s.cursors.append(Cursor {qs(c.name) + QStringLiteral(" position"), it->second, false});
    }
    return s;
}

GroupsSnapshot SnapshotBuilder::groups(const core::Simulation &sim)
{
    GroupsSnapshot s;
    for (const core::GroupState &g : sim.groups()) {
        GroupInfo info;
        info.groupId = qs(g.groupId);
        info.state = QString::fromLatin1(core::groupPhaseName(g.phase));
        info.generation = g.generation;
        info.protocol = g.protocol ? qs(core::assignorName(*g.protocol)) : QString();
        info.coordinator = sim.coordinatorOf(g);
        // Every consumer of the group, members or not (a crashed one stays visible as Dead).
        for (const core::ConsumerState &c : sim.consumers()) {
            if (c.config.groupId != g.groupId)
                continue;
            MemberInfo m;
            m.consumer = qs(c.name);
            m.memberId = qs(c.memberId);
            m.alive = c.alive;
            m.phase = c.alive ? consumerPhaseName(c.phase) : QStringLiteral("Dead");
            std::vector<core::PartitionKey> owned = c.owned;
            std::sort(owned.begin(), owned.end());
            for (const core::PartitionKey &k : owned)
                m.assignment.append(partitionName(sim, k));
            info.members.append(m);
        }
        // Lag over every partition of the subscribed topics.
        std::vector<std::int32_t> topics;
        for (const core::GroupMember &m : g.members)
            for (std::int32_t t : m.topics)
                if (std::find(topics.begin(), topics.end(), t) == topics.end())
                    topics.push_back(t);
        for (const auto &[k, offset] : g.committed)
            if (std::find(topics.begin(), topics.end(), k.first) == topics.end())
                topics.push_back(k.first);
        std::sort(topics.begin(), topics.end());
        for (std::int32_t t : topics) {
            const core::TopicState &topic = sim.topics()[static_cast<std::size_t>(t)];
            for (std::size_t p = 0; p < topic.partitions.size(); ++p) {
                const core::PartitionKey key {t, static_cast<std::int32_t>(p)};
                PartitionLag lag;
                lag.partition = partitionName(sim, key);
                const auto it = g.committed.find(key);
                lag.committed = it == g.committed.end() ? -1 : it->second;
                lag.end = sim.readableEnd(t, key.second, core::IsolationLevel::ReadUncommitted);
                lag.lag = sim.groupLag(g, key);
                info.totalLag += lag.lag;
                info.lag.append(lag);
            }
        }
        s.groups.append(info);
    }
    return s;
}

} // namespace kafkalab::app
