// Client-side behaviour of Simulation for consumers: KafkaConsumer's group membership
// (ConsumerCoordinator), its poll loop, positions, auto.offset.reset and offset commits.
#include "simulation.h"

#include <algorithm>

namespace kafkalab::core {

namespace {
/** How often an idle or rejoining consumer checks again (its poll timeout). */
constexpr TimeUs kIdlePollUs = 100 * kMicrosPerMs;

/** The rebalance protocol a consumer speaks: COOPERATIVE only if every strategy supports it. */
bool cooperative(const ConsumerConfig &config)
{
    return rebalanceProtocolFor(config.strategies) == RebalanceProtocol::Cooperative;
}
} // namespace

std::string Simulation::partitionName(PartitionKey partition) const
{
    return m_topics[static_cast<std::size_t>(partition.first)].name + '-' + std::to_string(partition.second);
}

std::vector<std::string> Simulation::partitionNames(const std::vector<PartitionKey> &partitions) const
{
    std::vector<PartitionKey> sorted = partitions;
    std::sort(sorted.begin(), sorted.end(), [this](const PartitionKey &a, const PartitionKey &b) {
        const std::string &ta = m_topics[static_cast<std::size_t>(a.first)].name;
        const std::string &tb = m_topics[static_cast<std::size_t>(b.first)].name;
        return ta != tb ? ta < tb : a.second < b.second;
    });
    std::vector<std::string> names;
    for (const PartitionKey &p : sorted)
        names.push_back(partitionName(p));
    return names;
}

ActionResult Simulation::createConsumer(const std::string &name, const ConsumerConfig &config)
{
    if (consumerIndex(name) >= 0)
        return ActionResult::failure("consumer '" + name + "' already exists");
    if (config.groupId.empty())
        return ActionResult::failure("consumer '" + name + "' needs a group (group=…)");
    if (config.heartbeatIntervalUs >= config.sessionTimeoutUs)
        return ActionResult::failure("heartbeat.interval.ms must be lower than session.timeout.ms");
    // group.min.session.timeout.ms / group.max.session.timeout.ms on the broker.
    if (config.sessionTimeoutUs < 6 * kMicrosPerSecond || config.sessionTimeoutUs > 1800 * kMicrosPerSecond)
        return ActionResult::failure(
            "session.timeout.ms must be within the broker's [6000, 1800000] (INVALID_SESSION_TIMEOUT)");
    for (const ConsumerState &other : m_consumers)
        if (config.groupInstanceId && other.config.groupId == config.groupId && other.alive
            && other.config.groupInstanceId == config.groupInstanceId)
            return ActionResult::failure("group.instance.id '" + *config.groupInstanceId + "' is already used in group "
                + config.groupId + " (FENCED_INSTANCE_ID)");
    ensureGroup(config.groupId);
    ConsumerState consumer;
    consumer.name = name;
    consumer.config = config;
    // Member ids are the name, a dash and a suffix, so Kafka's member ordering follows names.
    static constexpr char kHex[] = "0123456789abcdef";
    std::string suffix;
    for (int i = 0; i < 4; ++i)
        suffix += kHex[m_rng.below(16)];
    consumer.memberId = name + '-' + suffix;
    if (config.dlqTopic) {
        if (topicIndex(*config.dlqTopic) < 0)
            return ActionResult::failure("dlq topic '" + *config.dlqTopic + "' does not exist (create it first)");
        // The application's dead-letter producer (acks=all, idempotent: Kafka 4.0 defaults).
        if (auto r = createProducer(name + "-dlq", {}); !r.ok)
            return r;
        consumer.dlqProducer = static_cast<std::int32_t>(m_producers.size() - 1);
    }
    m_consumers.push_back(std::move(consumer));
    return {};
}

std::int32_t Simulation::consumerIndex(std::string_view name) const noexcept
{
    for (std::size_t i = 0; i < m_consumers.size(); ++i)
        if (m_consumers[i].name == name)
            return static_cast<std::int32_t>(i);
    return -1;
}

ActionResult Simulation::subscribe(std::int32_t consumer, const std::vector<std::int32_t> &topics)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (!c.alive)
        return ActionResult::failure("consumer '" + c.name + "' is closed or crashed");
    c.subscription = topics;
    std::sort(c.subscription.begin(), c.subscription.end());
    const bool first = c.phase == ConsumerState::Phase::Unsubscribed;
    c.lastPollUs = m_now;
    c.lastAutoCommitUs = m_now;
    sendJoin(consumer);
    if (first) {
        schedule(m_now + c.config.heartbeatIntervalUs, HeartbeatTickMsg {consumer, c.incarnation});
        if (!c.config.manual)
            schedulePoll(consumer, m_now);
    }
    return {};
}

void Simulation::sendJoin(std::int32_t consumer)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    c.phase = ConsumerState::Phase::Joining;
    c.rejoinRequested = false;
    ++c.joinRound;
    // Time without partitions counts as paused once the consumer has been in the group.
    if (c.owned.empty() && c.pausedSinceUs < 0 && c.generation >= 0)
        c.pausedSinceUs = m_now;
    const std::int32_t g = ensureGroup(c.config.groupId);
    sendToCoordinator(g, consumer, JoinGroupMsg {g, consumer, c.incarnation});
}

void Simulation::prepareRejoin(std::int32_t consumer)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    // ConsumerCoordinator.onJoinPrepare: with auto-commit the positions are committed first;
    // under the EAGER protocol every partition is revoked before rejoining.
    if (c.config.enableAutoCommit && !c.positions.empty()) {
        std::vector<std::pair<PartitionKey, Offset>> offsets(c.positions.begin(), c.positions.end());
        startCommit(consumer, std::move(offsets));
    }
    if (!cooperative(c.config) && !c.owned.empty())
        revokePartitions(consumer, c.owned, "eager rebalance");
    sendJoin(consumer);
}

void Simulation::revokePartitions(std::int32_t consumer, const std::vector<PartitionKey> &requested, const char *why)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    // A copy: callers often pass c.owned itself, which the loop below erases from.
    const std::vector<PartitionKey> partitions = requested;
    if (partitions.empty())
        return;
    for (const PartitionKey &p : partitions) {
        std::erase(c.owned, p);
        c.positions.erase(p);
    }
    c.revokedPartitions += static_cast<std::int64_t>(partitions.size());
    if (c.owned.empty() && c.pausedSinceUs < 0)
        c.pausedSinceUs = m_now;
    if (wantsEvents()) {
        Event e = makeEvent(EventType::PartitionsRevoked);
        e.client = c.name;
        e.partitions = partitionNames(partitions);
        e.detail = why;
        publish(e);
    }
}

void Simulation::assignPartitions(std::int32_t consumer, const std::vector<PartitionKey> &partitions)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    for (const PartitionKey &p : partitions)
        if (std::find(c.owned.begin(), c.owned.end(), p) == c.owned.end())
            c.owned.push_back(p);
    std::sort(c.owned.begin(), c.owned.end());
    if (!c.owned.empty() && c.pausedSinceUs >= 0) {
        c.pausedUs += m_now - c.pausedSinceUs;
        c.pausedSinceUs = -1;
    }
    if (wantsEvents() && !partitions.empty()) {
        Event e = makeEvent(EventType::PartitionsAssigned);
        e.client = c.name;
        e.partitions = partitionNames(partitions);
        e.epoch = c.generation;
        publish(e);
    }
}

void Simulation::onJoinResponse(const JoinResponseMsg &msg)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(msg.consumer)];
    if (c.incarnation != msg.incarnation || !c.alive || c.phase != ConsumerState::Phase::Joining)
        return;
    c.phase = ConsumerState::Phase::AwaitingSync;
    const std::int32_t g = ensureGroup(c.config.groupId);
    sendToCoordinator(g, msg.consumer, SyncGroupMsg {g, msg.consumer, msg.incarnation, msg.generation});
}

void Simulation::onSyncResponse(SyncResponseMsg &msg)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(msg.consumer)];
    if (c.incarnation != msg.incarnation || !c.alive)
        return;
    if (msg.error != ErrorCode::None) {
        if (c.phase == ConsumerState::Phase::AwaitingSync)
            prepareRejoin(msg.consumer);
        return;
    }
    if (c.phase != ConsumerState::Phase::AwaitingSync && c.generation == msg.generation)
        return;
    c.generation = msg.generation;
    c.phase = ConsumerState::Phase::Stable;
    std::vector<PartitionKey> revoked;
    for (const PartitionKey &p : c.owned)
        if (std::find(msg.assignment.begin(), msg.assignment.end(), p) == msg.assignment.end())
            revoked.push_back(p);
    std::vector<PartitionKey> added;
    for (const PartitionKey &p : msg.assignment)
        if (std::find(c.owned.begin(), c.owned.end(), p) == c.owned.end())
            added.push_back(p);
    // COOPERATIVE (ConsumerCoordinator.onJoinComplete): revoke only what moved, then rejoin so
    // the partitions can go to their new owners in a follow-up rebalance.
    revokePartitions(msg.consumer, revoked, "moved to another member");
    assignPartitions(msg.consumer, added);
    for (const PartitionKey &p : added)
        resetPosition(msg.consumer, p);
    if (!revoked.empty() && cooperative(c.config)) {
        c.rejoinRequested = true;
        sendJoin(msg.consumer);
    }
}

Offset Simulation::resetPosition(std::int32_t consumer, PartitionKey partition)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    const GroupState &g = m_groups[static_cast<std::size_t>(ensureGroup(c.config.groupId))];
    Offset position = -1;
    const auto committed = g.committed.find(partition);
    const ReplicaState *replica = visibleReplica(partition.first, partition.second);
    const Offset logStart = replica ? replica->log.logStartOffset() : 0;
    const Offset end = readableEnd(partition.first, partition.second, c.config.isolation);
    if (committed != g.committed.end() && committed->second >= logStart && committed->second <= end) {
        position = committed->second;
    } else {
        switch (c.config.autoOffsetReset) {
        case OffsetResetPolicy::Earliest:
            position = logStart;
            break;
        case OffsetResetPolicy::Latest:
            position = end;
            break;
        case OffsetResetPolicy::None:
            c.lastError = ErrorCode::NoOffsetForPartition;
            position = -1;
            break;
        }
    }
    if (position >= 0)
        c.positions[partition] = position;
    return position;
}

Offset Simulation::readableEnd(std::int32_t topic, std::int32_t partition, IsolationLevel isolation) const noexcept
{
    if (isolation == IsolationLevel::ReadCommitted)
        return lastStableOffset(topic, partition);
    return m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)].highWatermark;
}

Offset Simulation::groupLag(const GroupState &group, PartitionKey partition) const noexcept
{
    const auto it = group.committed.find(partition);
    const Offset committed = it == group.committed.end() ? 0 : it->second;
    return std::max<Offset>(
        0, readableEnd(partition.first, partition.second, IsolationLevel::ReadUncommitted) - committed);
}

void Simulation::onHeartbeatTick(const HeartbeatTickMsg &msg)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(msg.consumer)];
    if (c.incarnation != msg.incarnation || !c.alive)
        return;
    schedule(m_now + c.config.heartbeatIntervalUs, HeartbeatTickMsg {msg.consumer, msg.incarnation});
    const std::int32_t g = ensureGroup(c.config.groupId);
    // The heartbeat thread leaves the group when the application has not polled within
    // max.poll.interval.ms; the consumer rejoins on its next poll.
    if (!c.config.manual && !c.leftForPollTimeout && c.phase != ConsumerState::Phase::Unsubscribed
        && m_now - c.lastPollUs > c.config.maxPollIntervalUs) {
        c.leftForPollTimeout = true;
        revokePartitions(msg.consumer, c.owned, "max.poll.interval.ms exceeded");
        c.phase = ConsumerState::Phase::Unsubscribed;
        sendToCoordinator(g, msg.consumer, LeaveGroupMsg {g, c.memberId});
        return;
    }
    if (c.leftForPollTimeout)
        return;
    switch (c.phase) {
    case ConsumerState::Phase::Stable:
        sendToCoordinator(g, msg.consumer, HeartbeatMsg {g, msg.consumer, msg.incarnation, c.generation});
        break;
    case ConsumerState::Phase::Joining:
        // Still waiting: resend in case the coordinator moved or the request was lost (a
        // repeated JoinGroup is harmless to the coordinator).
        sendJoin(msg.consumer);
        break;
    case ConsumerState::Phase::AwaitingSync:
        sendToCoordinator(g, msg.consumer,
            SyncGroupMsg {g, msg.consumer, msg.incarnation,
                c.generation < 0 ? m_groups[static_cast<std::size_t>(g)].generation
                                 : m_groups[static_cast<std::size_t>(g)].generation});
        break;
    default:
        break;
    }
}

void Simulation::onHeartbeatResponse(const HeartbeatResponseMsg &msg)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(msg.consumer)];
    if (c.incarnation != msg.incarnation || !c.alive || c.phase != ConsumerState::Phase::Stable)
        return;
    if (msg.error == ErrorCode::RebalanceInProgress || msg.error == ErrorCode::IllegalGeneration
        || msg.error == ErrorCode::UnknownMemberId) {
        c.lastError = msg.error;
        // The heartbeat thread only notes it: the application thread rejoins inside its next
        // poll(), so a member busy with a long batch holds the rebalance up (up to
        // max.poll.interval.ms, the rebalance timeout).
        c.rejoinRequested = true;
    }
}

void Simulation::schedulePoll(std::int32_t consumer, TimeUs at)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (c.pollScheduled)
        return;
    c.pollScheduled = true;
    schedule(at, PollMsg {consumer, c.pollEpoch});
}

std::int32_t Simulation::fetchRecords(std::int32_t consumer, std::int32_t max)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    std::int32_t got = 0;
    // Fetch from the leaders of the owned partitions, up to the HW (or LSO), max.poll.records in all.
    for (const PartitionKey &p : c.owned) {
        if (got >= max)
            break;
        auto pos = c.positions.find(p);
        if (pos == c.positions.end()) {
            if (resetPosition(consumer, p) < 0)
                continue;
            pos = c.positions.find(p);
        }
        const PartitionState &partition
            = m_topics[static_cast<std::size_t>(p.first)].partitions[static_cast<std::size_t>(p.second)];
        if (partition.leader == kNoBroker || !brokerRef(partition.leader).reachable())
            continue;
        const ReplicaState &leaderReplica = *partition.replica(partition.leader);
        const Log &log = leaderReplica.log;
        const bool readCommitted = c.config.isolation == IsolationLevel::ReadCommitted;
        if (pos->second < log.logStartOffset()) {
            // OFFSET_OUT_OF_RANGE: retention removed the position; auto.offset.reset applies.
            c.positions.erase(pos);
            c.lastError = ErrorCode::OffsetOutOfRange;
            const GroupState &g = m_groups[static_cast<std::size_t>(ensureGroup(c.config.groupId))];
            (void)g;
            if (c.config.autoOffsetReset == OffsetResetPolicy::None) {
                c.lastError = ErrorCode::OffsetOutOfRange;
                continue;
            }
            c.positions[p] = c.config.autoOffsetReset == OffsetResetPolicy::Earliest
                ? log.logStartOffset()
                : readableEnd(p.first, p.second, c.config.isolation);
            pos = c.positions.find(p);
        }
        const Offset end = readableEnd(p.first, p.second, c.config.isolation);
        Offset next = pos->second;
        bool stalled = false;
        log.forEachBatch(next, end, [&](const LogBatch &batch) {
            const BatchPayload &payload = *batch.payload;
            // read_committed skips aborted transactions' batches; markers are never returned.
            const bool skip = batch.isControl() || (readCommitted && isAborted(leaderReplica, batch));
            for (std::size_t i = 0; i < payload.records.size() && got < max; ++i) {
                const Offset offset = batch.baseOffset + payload.records[i].offsetDelta;
                if (offset < next || offset >= end)
                    continue;
                if (!skip && c.config.poison && !payload.valueIsNull(i) && payload.value(i) == *c.config.poison) {
                    // Processing this record fails every time.
                    std::int32_t &attempts = c.poisonAttempts[p];
                    if (c.dlqProducer >= 0 && attempts >= c.config.maxRetries) {
                        // Out of retries: to the dead-letter topic, then move on.
                        send(c.dlqProducer, topicIndex(*c.config.dlqTopic),
                            payload.keyIsNull(i) ? std::nullopt : std::optional<std::string_view>(payload.key(i)),
                            payload.value(i));
                        ++c.deadLettered;
                        attempts = 0;
                        next = offset + 1;
                        continue;
                    }
                    ++attempts;
                    ++c.processingFailures;
                    c.poisonRetryPending = true;
                    next = offset; // the partition waits at the poison record
                    stalled = true;
                    return false;
                }
                if (!skip) {
                    c.latencyTotalUs += m_now - payload.records[i].timestampUs;
                    ++c.latencyRecords;
                }
                if (!skip && !c.config.keepRecords) {
                    ++c.consumedCount;
                    ++got;
                } else if (!skip) {
                    ++c.consumedCount;
                    ConsumedRecord r;
                    r.topic = p.first;
                    r.partition = p.second;
                    r.offset = offset;
                    if (!payload.keyIsNull(i))
                        r.key = std::string(payload.key(i));
                    if (!payload.valueIsNull(i))
                        r.value = std::string(payload.value(i));
                    r.timeUs = m_now;
                    c.consumed.push_back(std::move(r));
                    ++got;
                }
                next = offset + 1;
            }
            if (got < max && batch.nextOffset() <= end)
                next = std::max(next, batch.nextOffset());
            return got < max;
        });
        (void)stalled;
        pos->second = next;
    }
    // Rotate so the next poll starts with another partition (fairness across partitions).
    if (c.owned.size() > 1)
        std::rotate(c.owned.begin(), c.owned.begin() + 1, c.owned.end());
    return got;
}

void Simulation::onPoll(const PollMsg &msg)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(msg.consumer)];
    if (c.pollEpoch != msg.incarnation || !c.alive)
        return;
    c.pollScheduled = false;
    if (c.phase == ConsumerState::Phase::Dead)
        return;
    if (c.relay && c.relay->step != ConsumerState::Relay::Step::Idle) {
        // The loop body is still writing or committing the previous poll's records.
        relayProgress(msg.consumer);
        if (c.alive && c.relay->step != ConsumerState::Relay::Step::Idle)
            schedulePoll(msg.consumer, m_now + kMicrosPerMs);
        else if (c.alive && !c.relay->done)
            schedulePoll(msg.consumer, m_now);
        return;
    }
    if (c.relay && c.relay->done)
        return;
    c.lastPollUs = m_now;
    // Records of the previous poll are done now (synchronous processing).
    c.processed += c.awaitingProcessing;
    c.awaitingProcessing = 0;
    if (c.leftForPollTimeout) {
        c.leftForPollTimeout = false;
        sendJoin(msg.consumer);
    } else if (c.rejoinRequested && c.phase == ConsumerState::Phase::Stable) {
        prepareRejoin(msg.consumer);
    }
    // Auto-commit happens inside poll(): the positions of what earlier polls returned.
    if (c.config.enableAutoCommit && m_now - c.lastAutoCommitUs >= c.config.autoCommitIntervalUs) {
        c.lastAutoCommitUs = m_now;
        if (!c.positions.empty())
            startCommit(msg.consumer, {c.positions.begin(), c.positions.end()});
    }
    std::int32_t max = c.config.maxPollRecords;
    if (c.relay && c.relay->max >= 0)
        max = static_cast<std::int32_t>(std::min<std::int64_t>(max, c.relay->max - c.relay->relayed));
    const std::size_t first = c.consumed.size();
    c.poisonRetryPending = false;
    const std::int32_t got = fetchRecords(msg.consumer, max);
    // A failed record is retried after retry.backoff.ms.
    const TimeUs retryAt = c.poisonRetryPending ? m_now + c.config.retryBackoffUs : -1;
    if (got == 0) {
        schedulePoll(
            msg.consumer, retryAt >= 0 ? retryAt : m_now + (c.owned.empty() ? kIdlePollUs : c.config.fetchMaxWaitUs));
        return;
    }
    if (c.relay) {
        c.relay->batch.assign(c.consumed.begin() + static_cast<std::ptrdiff_t>(first), c.consumed.end());
        relayAfterPoll(msg.consumer);
        if (c.alive)
            schedulePoll(msg.consumer, m_now + static_cast<TimeUs>(got) * c.config.processingUs + kMicrosPerMs);
        return;
    }
    if (c.config.asyncProcessing) {
        // Handed to a worker thread: poll() is called again right away.
        c.workQueue += got;
        if (!c.workerScheduled) {
            c.workerScheduled = true;
            schedule(m_now + c.config.processingUs, WorkerTickMsg {msg.consumer, c.incarnation});
        }
        schedulePoll(msg.consumer, m_now + kMicrosPerMs);
        return;
    }
    // The application processes the batch, then polls again.
    c.awaitingProcessing = got;
    schedulePoll(
        msg.consumer, std::max(retryAt, m_now + static_cast<TimeUs>(got) * c.config.processingUs + kMicrosPerMs));
}

void Simulation::onWorkerTick(const WorkerTickMsg &msg)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(msg.consumer)];
    c.workerScheduled = false;
    if (c.incarnation != msg.incarnation || !c.alive || c.workQueue == 0)
        return;
    --c.workQueue;
    ++c.processed;
    if (c.workQueue > 0) {
        c.workerScheduled = true;
        schedule(m_now + std::max<TimeUs>(c.config.processingUs, 1), WorkerTickMsg {msg.consumer, msg.incarnation});
    }
}

ActionResult Simulation::setRelay(std::int32_t consumer, const ConsumerState::Relay &relay)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    const ProducerState &p = m_producers[static_cast<std::size_t>(relay.producer)];
    if (c.config.manual)
        return ActionResult::failure("relay runs in the consumer's own loop: give '" + c.name + "' mode=auto");
    if (relay.mode == ConsumerState::Relay::Mode::ExactlyOnce && !p.config.transactionalId)
        return ActionResult::failure("exactly-once relay needs a transactional producer (transactional.id=…)");
    if (relay.mode != ConsumerState::Relay::Mode::ExactlyOnce && p.config.transactionalId)
        return ActionResult::failure("producer '" + p.name + "' is transactional: use mode=exactly-once");
    if (relay.mode != ConsumerState::Relay::Mode::ExactlyOnce && c.config.enableAutoCommit)
        return ActionResult::failure("relay commits itself: create '" + c.name + "' with enable.auto.commit=false");
    c.relay = relay;
    return {};
}

void Simulation::relayAfterPoll(std::int32_t consumer)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    ConsumerState::Relay &r = *c.relay;
    ProducerState &p = m_producers[static_cast<std::size_t>(r.producer)];
    using Mode = ConsumerState::Relay::Mode;
    using Step = ConsumerState::Relay::Step;
    r.ackedBefore = p.ackedRecords;
    if (r.mode == Mode::AtMostOnce) {
        // Commit first: a crash after this point loses the records, never repeats them.
        startCommit(consumer, {c.positions.begin(), c.positions.end()});
        r.step = Step::AwaitingCommit;
        return;
    }
    if (r.mode == Mode::ExactlyOnce && p.txnState == ProducerState::TxnState::Ready)
        beginTransaction(r.producer);
    for (const ConsumedRecord &record : r.batch)
        send(r.producer, r.topic, record.key ? std::optional<std::string_view>(*record.key) : std::nullopt,
            record.value ? std::optional<std::string_view>(*record.value) : std::nullopt);
    beginFlush(r.producer);
    r.step = Step::AwaitingAcks;
}

void Simulation::relayProgress(std::int32_t consumer)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    ConsumerState::Relay &r = *c.relay;
    ProducerState &p = m_producers[static_cast<std::size_t>(r.producer)];
    using Mode = ConsumerState::Relay::Mode;
    using Step = ConsumerState::Relay::Step;
    const auto finishBatch = [&] {
        r.relayed += static_cast<std::int64_t>(r.batch.size());
        r.batch.clear();
        r.step = Step::Idle;
        if (r.max >= 0 && r.relayed >= r.max)
            r.done = true;
    };
    const auto crashIfDue = [&](std::int64_t written) {
        // crash-after=K: the consumer and producer die once K records are written and
        // acknowledged, before their offsets are committed.
        if (r.crashAfter >= 0 && r.relayed + written >= r.crashAfter) {
            crashProducer(r.producer);
            crashConsumer(consumer);
            return true;
        }
        return false;
    };
    switch (r.step) {
    case Step::Idle:
        return;
    case Step::AwaitingCommit:
        if (commitPending(consumer))
            return;
        if (r.mode == Mode::AtMostOnce) {
            // Committed, nothing written yet: a crash here loses the whole batch.
            if (crashIfDue(0))
                return;
            for (const ConsumedRecord &record : r.batch) {
                send(r.producer, r.topic, record.key ? std::optional<std::string_view>(*record.key) : std::nullopt,
                    record.value ? std::optional<std::string_view>(*record.value) : std::nullopt);
            }
            beginFlush(r.producer);
            r.step = Step::AwaitingAcks;
            return;
        }
        finishBatch();
        return;
    case Step::AwaitingAcks: {
        const std::int64_t acked = p.ackedRecords - r.ackedBefore;
        if (r.mode == Mode::AtMostOnce) {
            if (crashIfDue(acked))
                return;
            if (p.pendingRecords == 0)
                finishBatch();
            return;
        }
        if (p.pendingRecords > 0) {
            crashIfDue(acked);
            return;
        }
        if (crashIfDue(acked))
            return;
        if (r.mode == Mode::AtLeastOnce) {
            startCommit(consumer, {c.positions.begin(), c.positions.end()});
            r.step = Step::AwaitingCommit;
            return;
        }
        // Exactly-once: the offsets travel inside the transaction, which then commits.
        sendOffsetsToTransaction(r.producer, consumer);
        endTransaction(r.producer, true);
        r.step = Step::AwaitingTxn;
        return;
    }
    case Step::AwaitingTxn:
        if (transactionBusy(r.producer))
            return;
        if (p.txnState == ProducerState::TxnState::Fenced) {
            c.lastError = ErrorCode::ProducerFenced;
            r.done = true;
            r.step = Step::Idle;
            return;
        }
        if (p.lastTxnAborted) {
            // The transaction aborted (e.g. its offsets were fenced after a rebalance): rewind to
            // the batch's first offsets so those records are processed again.
            for (const ConsumedRecord &record : r.batch) {
                const auto pos = c.positions.find({record.topic, record.partition});
                if (pos != c.positions.end())
                    pos->second = std::min(pos->second, record.offset);
            }
            r.batch.clear();
            r.step = Step::Idle;
            return;
        }
        finishBatch();
        return;
    }
}

std::int32_t Simulation::pollNow(std::int32_t consumer, std::int32_t max)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (!c.alive)
        return 0;
    c.lastPollUs = m_now;
    if (c.leftForPollTimeout) {
        c.leftForPollTimeout = false;
        sendJoin(consumer);
    } else if (c.rejoinRequested && c.phase == ConsumerState::Phase::Stable) {
        prepareRejoin(consumer);
    }
    if (c.config.enableAutoCommit && m_now - c.lastAutoCommitUs >= c.config.autoCommitIntervalUs) {
        c.lastAutoCommitUs = m_now;
        if (!c.positions.empty())
            startCommit(consumer, {c.positions.begin(), c.positions.end()});
    }
    const std::int32_t got = fetchRecords(consumer, std::min(max, c.config.maxPollRecords));
    c.processed += got;
    return got;
}

void Simulation::startCommit(std::int32_t consumer, std::vector<std::pair<PartitionKey, Offset>> offsets)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (offsets.empty())
        return;
    const std::int32_t g = ensureGroup(c.config.groupId);
    m_pendingCommits.push_back(consumer);
    const bool member = c.phase == ConsumerState::Phase::Stable || c.phase == ConsumerState::Phase::AwaitingSync
        || c.phase == ConsumerState::Phase::Joining;
    sendToCoordinator(
        g, consumer, OffsetCommitMsg {g, consumer, c.incarnation, member ? c.generation : -1, std::move(offsets)});
}

void Simulation::onOffsetCommitResponse(const OffsetCommitResponseMsg &msg)
{
    const auto it = std::find(m_pendingCommits.begin(), m_pendingCommits.end(), msg.consumer);
    if (it != m_pendingCommits.end())
        m_pendingCommits.erase(it);
    ConsumerState &c = m_consumers[static_cast<std::size_t>(msg.consumer)];
    if (c.incarnation == msg.incarnation && msg.error != ErrorCode::None)
        c.lastError = msg.error;
}

bool Simulation::commitPending(std::int32_t consumer) const noexcept
{
    return std::find(m_pendingCommits.begin(), m_pendingCommits.end(), consumer) != m_pendingCommits.end();
}

ActionResult Simulation::commit(std::int32_t consumer, const std::map<PartitionKey, Offset> &offsets)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (!c.alive)
        return ActionResult::failure("consumer '" + c.name + "' is closed or crashed");
    std::vector<std::pair<PartitionKey, Offset>> list;
    if (offsets.empty())
        list.assign(c.positions.begin(), c.positions.end());
    else
        list.assign(offsets.begin(), offsets.end());
    if (list.empty())
        return ActionResult::failure("consumer '" + c.name + "' has no positions to commit yet");
    startCommit(consumer, std::move(list));
    return {};
}

ActionResult Simulation::seek(std::int32_t consumer, PartitionKey partition, Offset offset)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (std::find(c.owned.begin(), c.owned.end(), partition) == c.owned.end())
        return ActionResult::failure("consumer '" + c.name + "' is not assigned " + partitionName(partition)
            + " (IllegalStateException: No current assignment for partition)");
    const ReplicaState *replica = visibleReplica(partition.first, partition.second);
    if (offset == -1)
        offset = replica ? replica->log.logStartOffset() : 0;
    else if (offset == -2)
        offset = readableEnd(partition.first, partition.second, c.config.isolation);
    c.positions[partition] = offset;
    return {};
}

ActionResult Simulation::closeConsumer(std::int32_t consumer)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (!c.alive)
        return ActionResult::failure("consumer '" + c.name + "' is already closed or crashed");
    // close(): commits with auto-commit, revokes, and (dynamic members only) leaves the group.
    if (c.config.enableAutoCommit && !c.positions.empty())
        startCommit(consumer, {c.positions.begin(), c.positions.end()});
    revokePartitions(consumer, c.owned, "closed");
    const std::int32_t g = ensureGroup(c.config.groupId);
    if (!c.config.groupInstanceId && c.phase != ConsumerState::Phase::Unsubscribed)
        sendToCoordinator(g, consumer, LeaveGroupMsg {g, c.memberId});
    c.phase = ConsumerState::Phase::Dead;
    c.alive = false;
    return {};
}

ActionResult Simulation::crashConsumer(std::int32_t consumer)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (!c.alive)
        return ActionResult::failure("consumer '" + c.name + "' is already closed or crashed");
    c.alive = false;
    ++c.incarnation;
    ++c.pollEpoch;
    c.workQueue = 0; // records the worker had not reached are never processed
    c.phase = ConsumerState::Phase::Dead;
    c.owned.clear();
    c.positions.clear();
    return {};
}

ActionResult Simulation::stallConsumer(std::int32_t consumer, TimeUs forUs)
{
    ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (!c.alive)
        return ActionResult::failure("consumer '" + c.name + "' is closed or crashed");
    if (c.config.manual)
        return ActionResult::failure("consumer '" + c.name + "' is manual: it only polls when told to");
    // The next poll moves out by the stall; a poll already scheduled is superseded. The
    // heartbeat thread keeps running, so only max.poll.interval.ms can notice.
    ++c.pollEpoch;
    c.pollScheduled = false;
    schedulePoll(consumer, m_now + forUs);
    return {};
}

} // namespace kafkalab::core
