// Broker-side behaviour of Simulation: produce handling at the leader, follower fetching,
// the high watermark, ISR changes and the produce purgatory.
#include "simulation.h"

#include <algorithm>

namespace kafkalab::core {

// ---- follower fetch loop -----------------------------------------------------------------------

void Simulation::startFetchers(std::int32_t topic, std::int32_t partition)
{
    PartitionState &p = m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)];
    for (ReplicaState &r : p.replicas) {
        ++r.fetchGeneration;
        r.fetchInFlight = false;
        if (r.broker != p.leader && p.leader != kNoBroker)
            sendFollowerFetch(topic, partition, r);
    }
}

void Simulation::startFetchersOnBroker(BrokerId broker)
{
    for (std::size_t t = 0; t < m_topics.size(); ++t) {
        auto &partitions = m_topics[t].partitions;
        for (std::size_t pi = 0; pi < partitions.size(); ++pi) {
            PartitionState &p = partitions[pi];
            if (p.replica(broker) == nullptr || p.leader == kNoBroker)
                continue;
            // The broker's own fetchers, or (when it leads) its followers', which were cut off.
            startFetchers(static_cast<std::int32_t>(t), static_cast<std::int32_t>(pi));
        }
    }
}

void Simulation::sendFollowerFetch(std::int32_t topic, std::int32_t partition, ReplicaState &replica)
{
    const PartitionState &p = m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)];
    if (replica.fetchInFlight || p.leader == kNoBroker || p.leader == replica.broker)
        return;
    if (!brokerRef(replica.broker).reachable())
        return;
    replica.fetchInFlight = true;
    FollowerFetchMsg msg {topic, partition, replica.broker, replica.log.logEndOffset(), replica.log.latestEpoch(),
        replica.fetchGeneration};
    schedule(m_now + linkLatency(replica.broker, p.leader), std::move(msg));
}

void Simulation::onFollowerFetch(FollowerFetchMsg &msg)
{
    TopicState &t = m_topics[static_cast<std::size_t>(msg.topic)];
    PartitionState &p = t.partitions[static_cast<std::size_t>(msg.partition)];
    ReplicaState *follower = p.replica(msg.follower);
    if (follower == nullptr || follower->fetchGeneration != msg.generation)
        return;
    if (p.leader == kNoBroker || !linkUp(msg.follower, p.leader)) {
        follower->fetchInFlight = false; // lost on the way; restarted on the next leader change or heal
        return;
    }
    ReplicaState &leader = *p.replica(p.leader);
    const Offset leaderLeo = leader.log.logEndOffset();

    // Divergence check of fetch v12+ (KIP-595 style, replacing OffsetsForLeaderEpoch): if the
    // follower's last epoch ends earlier on the leader, it must truncate before fetching.
    if (msg.lastFetchedEpoch >= 0) {
        const Log::EpochEntry end = leader.log.endOffsetForEpoch(msg.lastFetchedEpoch);
        if (end.startOffset < msg.fetchOffset) {
            FollowerFetchResponseMsg response {msg.topic, msg.partition, msg.follower, msg.generation, p.leaderEpoch,
                p.highWatermark, std::min(end.startOffset, msg.fetchOffset), false, {}};
            schedule(
                m_now + linkLatency(p.leader, msg.follower) + brokerRef(msg.follower).slowByUs, std::move(response));
            return;
        }
    }

    // ReplicaState.updateFetchState: lastCaughtUpTime moves to this fetch if the follower asked
    // for the leader's LEO, else to the previous fetch if it has reached the LEO seen back then.
    if (msg.fetchOffset >= leaderLeo)
        follower->lastCaughtUpUs = m_now;
    else if (msg.fetchOffset >= follower->lastFetchLeaderLeo)
        follower->lastCaughtUpUs = std::max(follower->lastCaughtUpUs, follower->lastFetchUs);
    follower->followerLeo = msg.fetchOffset;
    follower->lastFetchLeaderLeo = leaderLeo;
    follower->lastFetchUs = m_now;

    // ISR expansion: caught up to the HW and to the start of the leader's current epoch.
    if (!p.inIsr(msg.follower) && eligible(msg.follower) && msg.fetchOffset >= p.highWatermark) {
        const Offset epochStart = leader.log.epochs().empty() ? 0 : leader.log.epochs().back().startOffset;
        if (msg.fetchOffset >= epochStart) {
            std::vector<BrokerId> isr = p.isr;
            isr.push_back(msg.follower);
            std::sort(isr.begin(), isr.end());
            requestIsrChange(msg.topic, msg.partition, std::move(isr));
        }
    }
    maybeAdvanceHighWatermark(msg.topic, msg.partition);

    if (msg.fetchOffset < leaderLeo) {
        answerFollowerFetch(msg.topic, msg.partition, msg.follower, msg.generation, msg.fetchOffset);
    } else {
        // Nothing new: the fetch waits at the leader (long poll) until data arrives.
        p.parkedFetches.push_back(ParkedFetch {msg.follower, msg.generation, m_nextParkId++});
    }
}

void Simulation::answerFollowerFetch(
    std::int32_t topic, std::int32_t partition, BrokerId follower, std::uint32_t generation, Offset fetchOffset)
{
    PartitionState &p = m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)];
    const ReplicaState &leader = *p.replica(p.leader);
    FollowerFetchResponseMsg response {
        topic, partition, follower, generation, p.leaderEpoch, p.highWatermark, -1, false, {}};
    std::int64_t bytes = 0;
    leader.log.forEachBatch(fetchOffset, leader.log.logEndOffset(), [&](const LogBatch &batch) {
        // replica.fetch.max.bytes, but always at least one batch so a follower never stalls.
        if (!response.batches.empty() && bytes + batch.payload->sizeBytes > m_config.replicaFetchMaxBytes)
            return false;
        bytes += batch.payload->sizeBytes;
        response.batches.push_back(batch);
        return true;
    });
    schedule(m_now + linkLatency(p.leader, follower) + brokerRef(follower).slowByUs, std::move(response));
}

void Simulation::releaseParkedFetchesOf(BrokerId follower)
{
    // A parked fetch stands for a follower polling every replica.fetch.wait.max.ms with nothing
    // new to fetch: it was caught up until the moment it stopped (crash or isolation).
    for (TopicState &topic : m_topics) {
        for (PartitionState &p : topic.partitions) {
            for (const ParkedFetch &fetch : p.parkedFetches)
                if (fetch.follower == follower)
                    if (ReplicaState *r = p.replica(follower))
                        r->lastCaughtUpUs = m_now;
            std::erase_if(p.parkedFetches, [follower](const ParkedFetch &f) { return f.follower == follower; });
        }
    }
}

void Simulation::wakeParkedFetches(std::int32_t topic, std::int32_t partition)
{
    PartitionState &p = m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)];
    if (p.parkedFetches.empty())
        return;
    std::vector<ParkedFetch> parked;
    parked.swap(p.parkedFetches);
    for (const ParkedFetch &fetch : parked) {
        ReplicaState *r = p.replica(fetch.follower);
        if (r == nullptr || r->fetchGeneration != fetch.fetchGeneration)
            continue;
        // Waiting at the leader's LEO means caught up until this very append.
        r->lastCaughtUpUs = m_now;
        answerFollowerFetch(topic, partition, fetch.follower, fetch.fetchGeneration, r->followerLeo);
    }
}

void Simulation::onFollowerFetchResponse(FollowerFetchResponseMsg &msg)
{
    TopicState &t = m_topics[static_cast<std::size_t>(msg.topic)];
    PartitionState &p = t.partitions[static_cast<std::size_t>(msg.partition)];
    ReplicaState *replica = p.replica(msg.follower);
    if (replica == nullptr || replica->fetchGeneration != msg.generation)
        return;
    replica->fetchInFlight = false;
    if (!brokerRef(msg.follower).reachable() || msg.error || p.leader == kNoBroker)
        return;
    if (msg.truncateTo >= 0) {
        const Offset before = replica->log.logEndOffset();
        replica->log.truncateTo(msg.truncateTo);
        rebuildProducerState(*replica);
        if (wantsEvents()) {
            Event e = partitionEvent(EventType::ReplicaTruncated, msg.topic, msg.partition);
            e.broker = msg.follower;
            e.from = before;
            e.to = replica->log.logEndOffset();
            publish(e);
        }
    } else if (!msg.batches.empty()) {
        std::int64_t count = 0;
        for (LogBatch &batch : msg.batches) {
            if (batch.baseOffset != replica->log.logEndOffset())
                continue; // overlaps what a previous response already delivered
            count += batch.payload->count();
            appendToReplica(msg.topic, *replica, std::move(batch));
        }
        if (count > 0 && wantsEvents()) {
            Event e = partitionEvent(EventType::ReplicaFetched, msg.topic, msg.partition);
            e.broker = msg.follower;
            e.count = count;
            e.offset = replica->log.logEndOffset();
            publish(e);
        }
    }
    sendFollowerFetch(msg.topic, msg.partition, *replica);
}

// ---- high watermark, ISR, purgatory ------------------------------------------------------------

void Simulation::maybeAdvanceHighWatermark(std::int32_t topic, std::int32_t partition)
{
    TopicState &t = m_topics[static_cast<std::size_t>(topic)];
    PartitionState &p = t.partitions[static_cast<std::size_t>(partition)];
    if (p.leader == kNoBroker)
        return;
    const auto minIsr
        = std::min<std::size_t>(static_cast<std::size_t>(std::max(t.config.minInsyncReplicas, 1)), p.replicaIds.size());
    // KAFKA-15583 (3.7): no HW progress while the ISR is below min.insync.replicas.
    if (m_config.hwWaitsForMinIsr() && p.isr.size() < minIsr)
        return;
    const ReplicaState &leader = *p.replica(p.leader);
    Offset hw = leader.log.logEndOffset();
    for (BrokerId id : p.isr)
        if (id != p.leader)
            hw = std::min(hw, p.replica(id)->followerLeo);
    if (hw <= p.highWatermark)
        return;
    const Offset previous = p.highWatermark;
    p.highWatermark = hw;
    if (wantsEvents()) {
        Event e = partitionEvent(EventType::HighWatermarkAdvanced, topic, partition);
        e.broker = p.leader;
        e.from = previous;
        e.to = hw;
        publish(e);
    }
    completePurgatory(topic, partition);
}

void Simulation::completePurgatory(std::int32_t topic, std::int32_t partition)
{
    TopicState &t = m_topics[static_cast<std::size_t>(topic)];
    PartitionState &p = t.partitions[static_cast<std::size_t>(partition)];
    if (p.purgatory.empty())
        return;
    const auto minIsr
        = std::min<std::size_t>(static_cast<std::size_t>(std::max(t.config.minInsyncReplicas, 1)), p.replicaIds.size());
    std::vector<PendingProduce> done;
    std::erase_if(p.purgatory, [&](const PendingProduce &pending) {
        if (pending.requiredOffset > p.highWatermark)
            return false;
        done.push_back(pending);
        return true;
    });
    // Partition.checkEnoughReplicasReachOffset: reached, but the ISR is now too small.
    const ErrorCode error = p.isr.size() >= minIsr ? ErrorCode::None : ErrorCode::NotEnoughReplicasAfterAppend;
    for (const PendingProduce &pending : done)
        finishPartition(pending.requestKey, pending.entryIndex, error, pending.baseOffset);
}

void Simulation::addToPurgatory(std::int32_t topic, std::int32_t partition, PendingProduce pending)
{
    PartitionState &p = m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)];
    const TimeUs deadline = pending.deadlineUs;
    p.purgatory.push_back(pending);
    armPurgatoryTimer(topic, partition, deadline);
}

void Simulation::armPurgatoryTimer(std::int32_t topic, std::int32_t partition, TimeUs deadline)
{
    PartitionState &p = m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)];
    if (p.purgatoryTimerUs >= 0 && p.purgatoryTimerUs <= deadline)
        return;
    p.purgatoryTimerUs = deadline;
    schedule(deadline, PurgatoryTimeoutMsg {topic, partition});
}

void Simulation::onPurgatoryTimeout(const PurgatoryTimeoutMsg &msg)
{
    PartitionState &p
        = m_topics[static_cast<std::size_t>(msg.topic)].partitions[static_cast<std::size_t>(msg.partition)];
    if (p.purgatoryTimerUs != m_now)
        return; // an earlier timer took over from this one
    p.purgatoryTimerUs = -1;
    // Every entry whose deadline has come times out, in the order the requests arrived.
    std::vector<PendingProduce> expired;
    TimeUs next = -1;
    std::erase_if(p.purgatory, [&](const PendingProduce &pending) {
        if (pending.deadlineUs <= m_now) {
            expired.push_back(pending);
            return true;
        }
        next = next < 0 ? pending.deadlineUs : std::min(next, pending.deadlineUs);
        return false;
    });
    if (next >= 0)
        armPurgatoryTimer(msg.topic, msg.partition, next);
    for (const PendingProduce &pending : expired)
        finishPartition(pending.requestKey, pending.entryIndex, ErrorCode::RequestTimedOut, pending.baseOffset);
}

void Simulation::onIsrCheck(const IsrCheckMsg &msg)
{
    const BrokerState &b = brokerRef(msg.broker);
    if (b.incarnation != msg.incarnation || !b.alive)
        return;
    schedule(m_now + m_config.replicaLagTimeMaxUs / 2, IsrCheckMsg {msg.broker, msg.incarnation});
    if (b.isolated)
        return;
    for (std::size_t t = 0; t < m_topics.size(); ++t) {
        auto &partitions = m_topics[t].partitions;
        for (std::size_t pi = 0; pi < partitions.size(); ++pi) {
            PartitionState &p = partitions[pi];
            if (p.leader != msg.broker || p.isr.size() <= 1)
                continue;
            const Offset leaderLeo = p.replica(p.leader)->log.logEndOffset();
            std::vector<BrokerId> isr;
            for (BrokerId id : p.isr) {
                const ReplicaState &r = *p.replica(id);
                // ReplicaState.isCaughtUp: behind the leader's LEO for longer than the lag limit.
                const bool outOfSync = id != p.leader && r.followerLeo != leaderLeo
                    && m_now - r.lastCaughtUpUs > m_config.replicaLagTimeMaxUs;
                if (!outOfSync)
                    isr.push_back(id);
            }
            if (isr.size() != p.isr.size())
                requestIsrChange(static_cast<std::int32_t>(t), static_cast<std::int32_t>(pi), std::move(isr));
        }
    }
}

void Simulation::requestIsrChange(std::int32_t topic, std::int32_t partition, std::vector<BrokerId> isr)
{
    PartitionState &p = m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)];
    if (p.alterPending || !controllerAvailable() || p.leader == kNoBroker || !linkUp(p.leader, m_controller))
        return;
    // AlterPartition is a round trip to the controller; the ISR changes when it commits.
    p.alterPending = true;
    const TimeUs rtt = 2 * linkLatency(p.leader, m_controller);
    schedule(m_now + rtt, AlterPartitionMsg {topic, partition, p.leaderEpoch, std::move(isr)});
}

void Simulation::onAlterPartition(AlterPartitionMsg &msg)
{
    PartitionState &p
        = m_topics[static_cast<std::size_t>(msg.topic)].partitions[static_cast<std::size_t>(msg.partition)];
    if (p.leaderEpoch != msg.leaderEpoch || p.leader == kNoBroker)
        return; // a newer leader made this request stale (FENCED_LEADER_EPOCH)
    p.alterPending = false;
    if (!controllerAvailable())
        return;
    // The controller refuses to add a fenced broker (KIP-841).
    std::erase_if(msg.isr, [this, &p](BrokerId id) { return !p.inIsr(id) && !eligible(id); });
    if (msg.isr == p.isr || msg.isr.empty())
        return;
    std::vector<BrokerId> removed;
    std::vector<BrokerId> added;
    for (BrokerId id : p.isr)
        if (std::find(msg.isr.begin(), msg.isr.end(), id) == msg.isr.end())
            removed.push_back(id);
    for (BrokerId id : msg.isr)
        if (!p.inIsr(id))
            added.push_back(id);
    p.isr = msg.isr;
    if (wantsEvents()) {
        for (BrokerId id : removed) {
            Event e = partitionEvent(EventType::IsrShrink, msg.topic, msg.partition);
            e.broker = id;
            e.brokers = p.isr;
            e.detail = "lagging";
            publish(e);
        }
        for (BrokerId id : added) {
            Event e = partitionEvent(EventType::IsrExpand, msg.topic, msg.partition);
            e.broker = id;
            e.brokers = p.isr;
            publish(e);
        }
    }
    maybeAdvanceHighWatermark(msg.topic, msg.partition);
    completePurgatory(msg.topic, msg.partition);
}

// ---- appends -----------------------------------------------------------------------------------

namespace {
/**
 * What one appended batch changes in a replica's producer state: the five-batch window of an
 * idempotent producer, its epoch, and the transactions it opens or (with a marker) closes.
 */
void applyToProducerState(ReplicaState &replica, const LogBatch &batch)
{
    const BatchPayload &payload = *batch.payload;
    if (payload.producerId == kNoProducerId)
        return;
    ProducerStateEntry &entry = replica.producers[payload.producerId];
    if (payload.producerEpoch > entry.epoch) {
        entry.epoch = payload.producerEpoch;
        entry.batches.clear();
    }
    if (payload.control != ControlType::None) {
        // A COMMIT/ABORT marker decides the producer's open transaction on this partition.
        for (PartitionTxn &txn : replica.transactions) {
            if (txn.producerId == payload.producerId && txn.markerOffset < 0) {
                txn.markerOffset = batch.baseOffset;
                txn.aborted = payload.control == ControlType::Abort;
            }
        }
        entry.currentTxnFirstOffset = -1;
        return;
    }
    if (payload.transactional && entry.currentTxnFirstOffset < 0) {
        entry.currentTxnFirstOffset = batch.baseOffset;
        replica.transactions.push_back(PartitionTxn {payload.producerId, batch.baseOffset, -1, false});
    }
    if (payload.baseSequence >= 0)
        entry.add(
            {payload.baseSequence, payload.baseSequence + payload.count() - 1, batch.baseOffset, batch.lastOffset()});
}
} // namespace

void Simulation::appendToReplica(std::int32_t topic, ReplicaState &replica, LogBatch batch)
{
    replica.log.assignEpoch(batch.leaderEpoch, batch.baseOffset);
    applyToProducerState(replica, batch);
    replica.log.append(std::move(batch), m_now, limitsFor(topic));
}

void Simulation::rebuildProducerState(ReplicaState &replica)
{
    replica.producers.clear();
    replica.transactions.clear();
    replica.log.forEachBatch(replica.log.logStartOffset(), replica.log.logEndOffset(),
        [&](const LogBatch &batch) { applyToProducerState(replica, batch); });
}

ErrorCode Simulation::appendAsLeader(std::int32_t topic, std::int32_t partition, const ProduceEntry &entry,
    std::int32_t acks, Offset &baseOffset, bool &duplicate)
{
    TopicState &t = m_topics[static_cast<std::size_t>(topic)];
    PartitionState &p = t.partitions[static_cast<std::size_t>(partition)];
    ReplicaState &leader = *p.replica(p.leader);
    const BatchPayload &payload = *entry.payload;
    duplicate = false;

    if (payload.sizeBytes > t.config.maxMessageBytes)
        return ErrorCode::MessageTooLarge;
    if (t.config.compacted()) {
        for (std::size_t i = 0; i < payload.records.size(); ++i)
            if (payload.keyIsNull(i))
                return ErrorCode::InvalidRecord; // "Compacted topic cannot accept message without key"
    }
    // Partition.appendRecordsToLeader: with acks=all the ISR must reach min.insync.replicas
    // before anything is written.
    const auto minIsr
        = std::min<std::size_t>(static_cast<std::size_t>(std::max(t.config.minInsyncReplicas, 1)), p.replicaIds.size());
    if (acks == -1 && p.isr.size() < minIsr)
        return ErrorCode::NotEnoughReplicas;

    // Idempotence (ProducerAppendInfo): epoch fencing, duplicate detection, sequence checks.
    if (payload.producerId != kNoProducerId && payload.baseSequence >= 0) {
        const auto found = leader.producers.find(payload.producerId);
        if (found != leader.producers.end() && found->second.epoch != kNoProducerEpoch) {
            const ProducerStateEntry &state = found->second;
            if (payload.producerEpoch < state.epoch)
                return ErrorCode::InvalidProducerEpoch;
            const std::int32_t lastSeq = payload.baseSequence + payload.count() - 1;
            if (payload.producerEpoch == state.epoch) {
                for (const auto &meta : state.batches) {
                    if (meta.firstSeq == payload.baseSequence && meta.lastSeq == lastSeq) {
                        // A retry of a batch already written: answer with the original offset.
                        duplicate = true;
                        baseOffset = meta.firstOffset;
                        return ErrorCode::None;
                    }
                }
                const std::int32_t expected = state.lastSeq() == 2147483647 ? 0 : state.lastSeq() + 1;
                if (payload.baseSequence != expected)
                    return ErrorCode::OutOfOrderSequenceNumber;
            } else if (payload.baseSequence != 0) {
                return ErrorCode::OutOfOrderSequenceNumber;
            }
        }
    }

    LogBatch batch;
    batch.baseOffset = leader.log.logEndOffset();
    batch.leaderEpoch = p.leaderEpoch;
    batch.appendTimeUs = m_now;
    batch.payload = entry.payload;
    baseOffset = batch.baseOffset;
    const std::int64_t count = payload.count();
    m_recordsAppended += count;
    m_bytesAppended += payload.sizeBytes;
    appendToReplica(topic, leader, std::move(batch));
    if (wantsEvents()) {
        Event e = partitionEvent(EventType::RecordAppended, topic, partition);
        e.broker = p.leader;
        e.offset = baseOffset;
        e.count = count;
        publish(e);
    }
    wakeParkedFetches(topic, partition);
    return ErrorCode::None;
}

void Simulation::onProduceRequest(ProduceRequestMsg &msg)
{
    const BrokerState &b = brokerRef(msg.broker);
    if (!b.reachable())
        return; // never arrives; the client times out
    BrokerRequest request;
    request.producer = msg.producer;
    request.requestId = msg.requestId;
    request.broker = msg.broker;
    request.brokerIncarnation = b.incarnation;
    request.remaining = msg.entries.size();
    request.results.reserve(msg.entries.size());
    for (const ProduceEntry &entry : msg.entries)
        request.results.push_back({entry.topic, entry.partition, entry.batchId, ErrorCode::None, -1});
    const std::uint64_t key = m_nextRequestKey++;
    if (msg.acks != 0)
        m_brokerRequests.emplace(key, std::move(request));

    for (std::size_t i = 0; i < msg.entries.size(); ++i) {
        const ProduceEntry &entry = msg.entries[i];
        TopicState &t = m_topics[static_cast<std::size_t>(entry.topic)];
        PartitionState &p = t.partitions[static_cast<std::size_t>(entry.partition)];
        Offset baseOffset = -1;
        bool duplicate = false;
        ErrorCode error = ErrorCode::None;
        if (p.leader != msg.broker)
            error = ErrorCode::NotLeaderOrFollower;
        else
            error = appendAsLeader(entry.topic, entry.partition, entry, msg.acks, baseOffset, duplicate);
        if (error == ErrorCode::None)
            noteProducerAppend(msg.producer, entry, duplicate);
        if (msg.acks == 0) {
            if (error == ErrorCode::None)
                maybeAdvanceHighWatermark(entry.topic, entry.partition);
            continue;
        }
        const Offset required = baseOffset + entry.payload->lastOffsetDelta + 1;
        if (error == ErrorCode::None)
            maybeAdvanceHighWatermark(entry.topic, entry.partition);
        // A duplicate is answered with the original offsets, but with acks=all it still waits
        // for those offsets to be committed, like any append (ReplicaManager.appendRecords).
        if (error != ErrorCode::None || msg.acks == 1) {
            finishPartition(key, i, error, baseOffset);
            continue;
        }
        if (p.highWatermark >= required) {
            finishPartition(key, i, ErrorCode::None, baseOffset);
            continue;
        }
        // DelayedProduce: wait for the HW, at most the request's timeout.
        addToPurgatory(
            entry.topic, entry.partition, PendingProduce {key, i, required, baseOffset, m_now + msg.timeoutUs});
    }
}

void Simulation::noteProducerAppend(std::int32_t producer, const ProduceEntry &entry, bool duplicate)
{
    // Bookkeeping for the app only (what an omniscient observer sees); no behaviour depends on it.
    if (producer < 0 || producer >= static_cast<std::int32_t>(m_producers.size()))
        return;
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (duplicate) {
        ++p.dedupedBatches;
        return;
    }
    if (static_cast<std::size_t>(entry.topic) >= p.queues.size()
        || static_cast<std::size_t>(entry.partition) >= p.queues[static_cast<std::size_t>(entry.topic)].size())
        return;
    auto &batches = p.queues[static_cast<std::size_t>(entry.topic)][static_cast<std::size_t>(entry.partition)].batches;
    const auto it = std::find_if(
        batches.begin(), batches.end(), [&entry](const ProducerBatch &b) { return b.id == entry.batchId; });
    if (it != batches.end() && it->appends++ > 0)
        p.duplicateRecords += entry.payload->count();
}

void Simulation::finishPartition(std::uint64_t requestKey, std::size_t index, ErrorCode error, Offset baseOffset)
{
    const auto it = m_brokerRequests.find(requestKey);
    if (it == m_brokerRequests.end())
        return;
    BrokerRequest &request = it->second;
    request.results[index].error = error;
    request.results[index].baseOffset = baseOffset;
    if (--request.remaining > 0)
        return;
    if (request.commitConsumer >= 0) {
        finishOffsetCommit(request, request.results[0].error);
        m_brokerRequests.erase(it);
        return;
    }
    const BrokerState &b = brokerRef(request.broker);
    if (b.incarnation == request.brokerIncarnation && b.reachable()) {
        ProducerState &producer = m_producers[static_cast<std::size_t>(request.producer)];
        bool lost = false;
        if (producer.dropAcks > 0) {
            // `drop-acks`: the broker wrote the data but the response never reaches the client.
            --producer.dropAcks;
            lost = true;
            if (wantsEvents()) {
                Event e = makeEvent(EventType::AckLost);
                e.client = producer.name;
                e.broker = request.broker;
                publish(e);
            }
        }
        schedule(m_now + linkLatency(request.broker, clientNode(request.producer)),
            ProduceResponseMsg {request.producer, request.requestId, lost, std::move(request.results)});
    }
    m_brokerRequests.erase(it);
}

void Simulation::dropBrokerRequests(BrokerId broker)
{
    std::erase_if(m_brokerRequests, [broker](const auto &entry) { return entry.second.broker == broker; });
    for (TopicState &topic : m_topics) {
        for (PartitionState &p : topic.partitions) {
            if (p.leader == broker) {
                p.purgatory.clear();
                p.parkedFetches.clear();
            }
            if (ReplicaState *r = p.replica(broker))
                r->fetchInFlight = false;
        }
    }
}

} // namespace kafkalab::core
