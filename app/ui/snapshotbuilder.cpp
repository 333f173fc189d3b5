#include "snapshotbuilder.h"

#include <algorithm>
#include <map>

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

QString producerTxnStateName(core::ProducerState::TxnState state)
{
    using S = core::ProducerState::TxnState;
    switch (state) {
    case S::None:
        return {};
    case S::Uninitialized:
        return QStringLiteral("Uninitialized");
    case S::Initializing:
        return QStringLiteral("Initializing");
    case S::Ready:
        return QStringLiteral("Ready");
    case S::InTransaction:
        return QStringLiteral("InTransaction");
    case S::Committing:
        return QStringLiteral("Committing");
    case S::Aborting:
        return QStringLiteral("Aborting");
    case S::Fenced:
        return QStringLiteral("Fenced");
    }
    return {};
}

bool fencingError(core::ErrorCode error)
{
    return error == core::ErrorCode::ProducerFenced || error == core::ErrorCode::InvalidProducerEpoch
        || error == core::ErrorCode::InvalidProducerIdMapping;
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

ProducersSnapshot SnapshotBuilder::producers(const core::Simulation &sim)
{
    ProducersSnapshot s;
    s.available = true;
    s.timeUs = sim.now();
    const core::TimeUs now = sim.now();
    for (const core::ProducerState &p : sim.producers()) {
        ProducerInfo info;
        info.name = qs(p.name);
        info.alive = p.alive;
        info.acks = p.config.acks < 0 ? QStringLiteral("all") : QString::number(p.config.acks);
        info.idempotent = p.config.idempotence;
        if (p.config.transactionalId) {
            info.transactionalId = qs(*p.config.transactionalId);
            info.txnState = producerTxnStateName(p.txnState);
        }
        info.producerId = p.producerId;
        info.epoch = p.epoch;
        info.partitioner = p.config.partitioner == core::PartitionerKind::RoundRobin ? QStringLiteral("roundrobin")
                                                                                     : QStringLiteral("default");
        info.batchSizeBytes = p.config.batchSize;
        info.lingerMs = p.config.lingerUs / core::kMicrosPerMs;
        info.maxInFlight = p.config.maxInFlight;
        info.retriesConfig = p.config.retries;
        info.deliveryTimeoutMs = p.config.deliveryTimeoutUs / core::kMicrosPerMs;
        for (std::size_t t = 0; t < p.stickyPartition.size() && t < sim.topics().size(); ++t)
            if (p.stickyPartition[t] >= 0 && sim.topics()[t].name.rfind("__", 0) != 0)
                info.stickyPartitions.append(partitionName(sim, {static_cast<std::int32_t>(t), p.stickyPartition[t]}));
        // Which connection carries each in-flight batch.
        std::map<std::uint64_t, core::BrokerId> batchBroker;
        std::map<core::BrokerId, ConnectionInfo> connections;
        for (const auto &[id, request] : p.inFlight) {
            ConnectionInfo &c = connections[request.broker];
            c.broker = request.broker;
            ++c.inFlight;
            c.batches += static_cast<int>(request.batchIds.size());
            for (std::uint64_t batch : request.batchIds)
                batchBroker[batch] = request.broker;
        }
        for (const auto &[broker, c] : connections)
            info.connections.append(c);
        for (std::size_t t = 0; t < p.queues.size(); ++t) {
            if (t < p.pendingBatches.size() && p.pendingBatches[t] == 0)
                continue;
            for (std::size_t pi = 0; pi < p.queues[t].size(); ++pi) {
                for (const core::ProducerBatch &batch : p.queues[t][pi].batches) {
                    if (info.batches.size() >= ProducerInfo::kMaxBatches) {
                        ++info.hiddenBatches;
                        continue;
                    }
                    ProducerBatchInfo b;
                    b.partition = partitionName(sim, {batch.topic, batch.partition});
                    b.records = batch.payload->count();
                    b.bytes = batch.payload->sizeBytes;
                    b.ageUs = now - batch.createdUs;
                    b.attempts = batch.attempts;
                    b.appendedBefore = batch.appends > 0;
                    b.transactional = p.config.transactionalId.has_value();
                    if (batch.sequenced) {
                        b.baseSequence = batch.payload->baseSequence;
                        b.epoch = batch.payload->producerEpoch;
                    }
                    if (batch.inFlight) {
                        b.stage = ProducerBatchInfo::Stage::InFlight;
                        const auto it = batchBroker.find(batch.id);
                        b.broker = it == batchBroker.end() ? -1 : it->second;
                    } else if (batch.retryAtUs > now) {
                        b.stage = ProducerBatchInfo::Stage::Backoff;
                        b.backoffLeftUs = batch.retryAtUs - now;
                    } else if (batch.closed || p.flushing || batch.attempts > 0
                        || now - batch.createdUs >= p.config.lingerUs) {
                        b.stage = ProducerBatchInfo::Stage::Ready;
                    } else {
                        b.stage = ProducerBatchInfo::Stage::Filling;
                    }
                    info.batches.append(b);
                }
            }
        }
        const std::size_t acks = p.ackedRanges.size();
        for (std::size_t i = acks > ProducerInfo::kMaxAcks ? acks - ProducerInfo::kMaxAcks : 0; i < acks; ++i) {
            const core::AckedRange &r = p.ackedRanges[i];
            info.recentAcks.append(AckInfo {partitionName(sim, {r.topic, r.partition}), r.baseOffset, r.count});
        }
        info.sent = p.sentRecords;
        info.acked = p.ackedRecords;
        info.failed = p.failedRecords;
        info.retries = p.retries;
        info.pendingRecords = p.pendingRecords;
        info.bufferedBytes = p.bufferedBytes;
        info.duplicates = p.duplicateRecords;
        info.deduped = p.dedupedBatches;
        info.lastError = qs(core::errorName(p.lastError));
        s.producers.append(info);
    }
    return s;
}

TransactionsSnapshot SnapshotBuilder::transactions(const core::Simulation &sim)
{
    TransactionsSnapshot s;
    s.available = true;
    s.timeUs = sim.now();
    for (const core::TxnMetadata &txn : sim.transactions()) {
        TransactionInfo info;
        info.transactionalId = qs(txn.transactionalId);
        info.state = QString::fromLatin1(core::txnStateName(txn.state));
        info.producerId = txn.producerId;
        info.epoch = txn.epoch;
        const core::PartitionState *log = sim.partition("__transaction_state", txn.logPartition);
        info.coordinator = log != nullptr ? log->leader : -1;
        for (const core::PartitionKey &k : txn.partitions)
            info.partitions.append(partitionName(sim, k));
        for (std::int32_t g : txn.groups)
            if (g >= 0 && static_cast<std::size_t>(g) < sim.groups().size())
                info.groups.append(qs(sim.groups()[static_cast<std::size_t>(g)].groupId));
        using S = core::TxnMetadata::State;
        if (txn.state == S::Ongoing && txn.startedUs >= 0)
            info.openForUs = sim.now() - txn.startedUs;
        info.timeoutUs = txn.timeoutUs;
        const auto total = static_cast<int>(txn.partitions.size());
        if (txn.state == S::PrepareCommit || txn.state == S::PrepareAbort || txn.state == S::PrepareEpochFence) {
            info.markersTotal = total;
            info.markersWritten = total - txn.pendingMarkers;
        } else if (txn.state == S::CompleteCommit || txn.state == S::CompleteAbort) {
            info.markersTotal = total;
            info.markersWritten = total;
        }
        for (const auto &[timeUs, state] : txn.recentStates)
            info.recentStates.append({timeUs, QString::fromLatin1(core::txnStateName(state))});
        for (const core::ProducerState &p : sim.producers()) {
            if (!p.config.transactionalId || *p.config.transactionalId != txn.transactionalId)
                continue;
            TxnClientInfo c;
            c.producer = qs(p.name);
            c.alive = p.alive;
            c.producerId = p.producerId;
            c.epoch = p.epoch;
            c.state = producerTxnStateName(p.txnState);
            c.lastError = qs(core::errorName(p.lastError));
            c.fenced = p.txnState == core::ProducerState::TxnState::Fenced || fencingError(p.lastError);
            // A client holding an older epoch (or none yet) of a fenced-forward id is a zombie.
            c.zombie = p.alive && p.epoch != core::kNoProducerEpoch && txn.epoch != core::kNoProducerEpoch
                && (p.producerId == txn.producerId ? p.epoch < txn.epoch : p.producerId != core::kNoProducerId);
            info.clients.append(c);
        }
        s.transactions.append(info);
    }
    return s;
}

ClientMetricsSnapshot SnapshotBuilder::clientMetrics(const core::Simulation &sim)
{
    ClientMetricsSnapshot s;
    s.available = true;
    s.timeUs = sim.now();
    for (const core::ConsumerState &c : sim.consumers()) {
        ConsumerMetrics m;
        m.consumer = qs(c.name);
        m.group = qs(c.config.groupId);
        m.alive = c.alive;
        m.consumed = c.consumedCount;
        m.pausedUs = c.pausedUs + (c.pausedSinceUs >= 0 ? sim.now() - c.pausedSinceUs : 0);
        m.latencyTotalUs = c.latencyTotalUs;
        m.latencyRecords = c.latencyRecords;
        s.consumers.append(m);
    }
    return s;
}

IsolationReadsSnapshot SnapshotBuilder::isolationReads(const PartitionLogSnapshot &log)
{
    IsolationReadsSnapshot s;
    s.partition = log.name;
    if (!log.valid)
        return s;
    s.valid = true;
    s.highWatermark = log.highWatermark;
    s.lastStableOffset = log.lastStableOffset;
    s.firstOffset = log.cells.isEmpty() ? log.logStartOffset : log.cells.front().offset;
    s.cells = log.cells;
    for (const LogCell &cell : log.cells) {
        if (cell.control != LogCell::Control::None) {
            ++s.markers; // control records are never returned to applications
            continue;
        }
        if (cell.offset >= log.highWatermark)
            continue; // not committed yet: no consumer reads it
        s.readUncommitted.append(cell.offset);
        if (cell.offset >= log.lastStableOffset)
            ++s.heldBack;
        else if (cell.aborted)
            ++s.abortedSkipped;
        else
            s.readCommitted.append(cell.offset);
    }
    return s;
}

} // namespace kafkalab::app
