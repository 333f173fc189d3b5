// Transactions in Simulation: the transaction coordinator on __transaction_state (Kafka's
// TransactionCoordinator and TransactionMetadata), the client's TransactionManager, COMMIT/ABORT
// markers, the last stable offset and the aborted-transaction index.
#include "simulation.h"

#include <algorithm>

#include "core/assignor.h"

namespace kafkalab::core {

namespace {
/** transaction.abort.timed.out.transaction.cleanup.interval.ms (10 s since 2.5). */
constexpr TimeUs kTxnTimeoutCheckUs = 10 * kMicrosPerSecond;
constexpr TimeUs kRetryUs = 100 * kMicrosPerMs;
} // namespace

const char *txnStateName(TxnMetadata::State state) noexcept
{
    switch (state) {
    case TxnMetadata::State::Empty:
        return "Empty";
    case TxnMetadata::State::Ongoing:
        return "Ongoing";
    case TxnMetadata::State::PrepareCommit:
        return "PrepareCommit";
    case TxnMetadata::State::PrepareAbort:
        return "PrepareAbort";
    case TxnMetadata::State::CompleteCommit:
        return "CompleteCommit";
    case TxnMetadata::State::CompleteAbort:
        return "CompleteAbort";
    case TxnMetadata::State::Dead:
        return "Dead";
    case TxnMetadata::State::PrepareEpochFence:
        return "PrepareEpochFence";
    }
    return "Empty";
}

void Simulation::ensureTxnTopic()
{
    // transaction.state.log.min.isr = 2
    if (m_txnTopic < 0)
        m_txnTopic = ensureInternalTopic("__transaction_state", 2);
}

std::int32_t Simulation::ensureTxn(const std::string &transactionalId)
{
    for (std::size_t i = 0; i < m_txns.size(); ++i)
        if (m_txns[i].transactionalId == transactionalId)
            return static_cast<std::int32_t>(i);
    ensureTxnTopic();
    TxnMetadata txn;
    txn.transactionalId = transactionalId;
    txn.logPartition = coordinatorPartitionFor(transactionalId);
    m_txns.push_back(std::move(txn));
    if (!m_txnCheckScheduled) {
        m_txnCheckScheduled = true;
        schedule(m_now + kTxnTimeoutCheckUs, TxnTimeoutCheckMsg {});
    }
    return static_cast<std::int32_t>(m_txns.size() - 1);
}

BrokerId Simulation::txnCoordinatorOf(const TxnMetadata &txn) const noexcept
{
    if (m_txnTopic < 0)
        return kNoBroker;
    return m_topics[static_cast<std::size_t>(m_txnTopic)].partitions[static_cast<std::size_t>(txn.logPartition)].leader;
}

const TxnMetadata *Simulation::transactionOf(std::int32_t producer) const noexcept
{
    const ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (!p.config.transactionalId)
        return nullptr;
    for (const TxnMetadata &txn : m_txns)
        if (txn.transactionalId == *p.config.transactionalId)
            return &txn;
    return nullptr;
}

void Simulation::sendToTxnCoordinator(std::int32_t producer, Message message)
{
    const ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    const TxnMetadata &txn = m_txns[static_cast<std::size_t>(ensureTxn(*p.config.transactionalId))];
    const BrokerId coordinator = txnCoordinatorOf(txn);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable()) {
        // COORDINATOR_NOT_AVAILABLE: the client looks the coordinator up again and retries.
        std::visit(
            [&](auto &m) {
                using T = std::decay_t<decltype(m)>;
                if constexpr (std::is_same_v<T, InitPidMsg>)
                    schedule(m_now + kRetryUs, InitPidMsg {m.producer, m.incarnation});
            },
            message);
        return;
    }
    schedule(m_now + linkLatency(clientNode(producer), coordinator), std::move(message));
}

void Simulation::setTxnState(std::int32_t txn, TxnMetadata::State state)
{
    TxnMetadata &t = m_txns[static_cast<std::size_t>(txn)];
    t.state = state;
    t.recentStates.emplace_back(m_now, state);
    if (t.recentStates.size() > TxnMetadata::kRecentStates)
        t.recentStates.erase(t.recentStates.begin());
    // The coordinator persists every transition as a record in __transaction_state.
    const BrokerId coordinator = txnCoordinatorOf(t);
    if (coordinator != kNoBroker && brokerRef(coordinator).reachable()) {
        auto payload = std::make_shared<BatchPayload>();
        const std::string value = std::string(txnStateName(state)) + " pid=" + std::to_string(t.producerId)
            + " epoch=" + std::to_string(t.epoch);
        payload->append(std::string_view(t.transactionalId), std::string_view(value), m_now);
        ProduceEntry entry {m_txnTopic, t.logPartition, 0, std::move(payload)};
        Offset base = -1;
        bool duplicate = false;
        // acks=1 here: the simulator keeps the coordinator's state in memory as well.
        appendAsLeader(m_txnTopic, t.logPartition, entry, 1, base, duplicate);
    }
    if (wantsEvents()) {
        Event e = makeEvent(EventType::TransactionState);
        e.client = t.transactionalId;
        e.detail = txnStateName(state);
        e.epoch = t.epoch;
        e.offset = t.producerId;
        publish(e);
    }
}

// ---- client API --------------------------------------------------------------------------------

ActionResult Simulation::initTransactions(std::int32_t producer)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (!p.config.transactionalId)
        return ActionResult::failure("producer '" + p.name + "' has no transactional.id");
    if (!p.alive)
        return ActionResult::failure("producer '" + p.name + "' has crashed");
    if (p.txnState != ProducerState::TxnState::Uninitialized && p.txnState != ProducerState::TxnState::None)
        return ActionResult::failure("initTransactions() was already called on '" + p.name + "'");
    p.txnState = ProducerState::TxnState::Initializing;
    ensureTxn(*p.config.transactionalId);
    sendToTxnCoordinator(producer, InitPidMsg {producer, p.incarnation});
    return {};
}

ActionResult Simulation::beginTransaction(std::int32_t producer)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (p.txnState == ProducerState::TxnState::Fenced)
        return ActionResult::failure(
            "producer '" + p.name + "' was fenced (PRODUCER_FENCED): close it and start a new instance");
    if (p.txnState != ProducerState::TxnState::Ready)
        return ActionResult::failure(
            "beginTransaction() needs a producer after initTransactions() and outside a transaction");
    p.txnState = ProducerState::TxnState::InTransaction;
    p.txnPartitions.clear();
    return {};
}

ActionResult Simulation::sendOffsetsToTransaction(std::int32_t producer, std::int32_t consumer)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (p.txnState != ProducerState::TxnState::InTransaction)
        return ActionResult::failure("sendOffsetsToTransaction() needs an open transaction (txn begin)");
    const ConsumerState &c = m_consumers[static_cast<std::size_t>(consumer)];
    if (c.positions.empty())
        return ActionResult::failure("consumer '" + c.name + "' has no positions to send");
    const std::int32_t group = ensureGroup(c.config.groupId);
    // AddOffsetsToTxn: the group's __consumer_offsets partition joins the transaction…
    sendToTxnCoordinator(producer, AddPartitionsMsg {producer, p.incarnation, p.producerId, p.epoch, {}, {group}});
    // …and TxnOffsetCommit parks the offsets at the group coordinator until the marker. It is
    // retried until the coordinator answers; EndTxn waits for it.
    p.txnOffsetsInFlight = true;
    const BrokerId coordinator = coordinatorOf(m_groups[static_cast<std::size_t>(group)]);
    TxnOffsetCommitMsg msg {
        group, producer, p.incarnation, p.producerId, consumer, c.generation, {c.positions.begin(), c.positions.end()}};
    const bool reachable = coordinator != kNoBroker && brokerRef(coordinator).reachable();
    schedule(m_now + (reachable ? linkLatency(clientNode(producer), coordinator) : kRetryUs), std::move(msg));
    return {};
}

ActionResult Simulation::endTransaction(std::int32_t producer, bool commit)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (p.txnState == ProducerState::TxnState::Fenced)
        return ActionResult::failure("producer '" + p.name + "' was fenced (PRODUCER_FENCED)");
    if (p.txnState != ProducerState::TxnState::InTransaction)
        return ActionResult::failure(
            std::string(commit ? "commitTransaction()" : "abortTransaction()") + " needs an open transaction");
    p.txnState = commit ? ProducerState::TxnState::Committing : ProducerState::TxnState::Aborting;
    p.endTxnPending = true;
    p.endTxnCommit = commit;
    if (commit)
        beginFlush(producer);
    else {
        // abortTransaction() drops what was not sent yet.
        for (auto &topicQueues : p.queues)
            for (auto &queue : topicQueues)
                std::erase_if(queue.batches, [&p](const ProducerBatch &b) {
                    if (b.inFlight)
                        return false;
                    p.pendingRecords -= b.payload->count();
                    p.failedRecords += b.payload->count();
                    --p.pendingBatches[static_cast<std::size_t>(b.topic)];
                    return true;
                });
    }
    maybeSendEndTxn(producer);
    return {};
}

bool Simulation::transactionBusy(std::int32_t producer) const noexcept
{
    const ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    return p.alive
        && (p.txnState == ProducerState::TxnState::Initializing || p.txnState == ProducerState::TxnState::Committing
            || p.txnState == ProducerState::TxnState::Aborting);
}

void Simulation::maybeSendEndTxn(std::int32_t producer)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (!p.endTxnPending || p.endTxnInFlight || p.pendingRecords > 0 || p.addPartitionsInFlight || p.txnOffsetsInFlight)
        return;
    // An abortable error (fenced offsets) turns a commit into an abort.
    if (p.txnMustAbort)
        p.endTxnCommit = false;
    const TxnMetadata *txn = transactionOf(producer);
    if (p.txnPartitions.empty() && (txn == nullptr || txn->state != TxnMetadata::State::Ongoing)) {
        // Nothing was added: the client ends the transaction locally.
        p.endTxnPending = false;
        p.txnState = ProducerState::TxnState::Ready;
        return;
    }
    p.endTxnInFlight = true;
    sendToTxnCoordinator(producer, EndTxnMsg {producer, p.incarnation, p.producerId, p.epoch, p.endTxnCommit});
}

ActionResult Simulation::crashProducer(std::int32_t producer)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (!p.alive)
        return ActionResult::failure("producer '" + p.name + "' has already crashed");
    p.alive = false;
    ++p.incarnation;
    for (auto &topicQueues : p.queues)
        for (auto &queue : topicQueues) {
            queue.batches.clear();
            queue.inFlight = 0;
        }
    std::fill(p.pendingBatches.begin(), p.pendingBatches.end(), 0);
    p.inFlight.clear();
    p.inFlightPerBroker.clear();
    p.requestDeadlines.clear();
    p.pendingRecords = 0;
    p.bufferedBytes = 0;
    return {};
}

// ---- coordinator -------------------------------------------------------------------------------

void Simulation::onInitPid(const InitPidMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    if (p.incarnation != msg.incarnation)
        return;
    const std::int32_t index = ensureTxn(*p.config.transactionalId);
    TxnMetadata &txn = m_txns[static_cast<std::size_t>(index)];
    const BrokerId coordinator = txnCoordinatorOf(txn);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    const auto reply = [&](ErrorCode error) {
        schedule(m_now + linkLatency(coordinator, clientNode(msg.producer)),
            InitPidResponseMsg {msg.producer, msg.incarnation, error, txn.producerId, txn.epoch});
    };
    txn.timeoutUs = p.config.transactionTimeoutUs;
    switch (txn.state) {
    case TxnMetadata::State::PrepareCommit:
    case TxnMetadata::State::PrepareAbort:
    case TxnMetadata::State::PrepareEpochFence:
        return reply(ErrorCode::ConcurrentTransactions);
    case TxnMetadata::State::Ongoing:
        // An older instance left a transaction open: fence it with a bumped epoch and abort
        // the transaction; the client retries and gets the next epoch.
        ++txn.epoch;
        setTxnState(index, TxnMetadata::State::PrepareEpochFence);
        setTxnState(index, TxnMetadata::State::PrepareAbort);
        writeMarkers(index, false);
        return reply(ErrorCode::ConcurrentTransactions);
    default:
        break;
    }
    if (txn.producerId == kNoProducerId) {
        txn.producerId = m_nextProducerId++;
        txn.epoch = 0;
    } else {
        ++txn.epoch; // fences any older producer with this transactional.id
    }
    txn.partitions.clear();
    txn.groups.clear();
    setTxnState(index, TxnMetadata::State::Empty);
    reply(ErrorCode::None);
}

void Simulation::onInitPidResponse(const InitPidResponseMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    if (p.incarnation != msg.incarnation || !p.alive)
        return;
    if (msg.error == ErrorCode::ConcurrentTransactions) {
        sendToTxnCoordinator(msg.producer, InitPidMsg {msg.producer, msg.incarnation});
        return;
    }
    p.producerId = msg.producerId;
    p.epoch = msg.epoch;
    // A new epoch starts every partition's sequence at 0.
    for (auto &topicQueues : p.queues)
        for (auto &queue : topicQueues)
            queue.nextSequence = 0;
    p.txnState = ProducerState::TxnState::Ready;
}

void Simulation::onAddPartitions(AddPartitionsMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    const std::int32_t index = ensureTxn(*p.config.transactionalId);
    TxnMetadata &txn = m_txns[static_cast<std::size_t>(index)];
    const BrokerId coordinator = txnCoordinatorOf(txn);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    ErrorCode error = ErrorCode::None;
    if (msg.producerId != txn.producerId)
        error = ErrorCode::InvalidProducerIdMapping;
    else if (msg.epoch < txn.epoch)
        error = ErrorCode::ProducerFenced;
    else if (txn.state == TxnMetadata::State::PrepareCommit || txn.state == TxnMetadata::State::PrepareAbort)
        error = ErrorCode::ConcurrentTransactions;
    if (error == ErrorCode::None) {
        if (txn.state != TxnMetadata::State::Ongoing) {
            txn.partitions.clear();
            txn.groups.clear();
            txn.startedUs = m_now;
            setTxnState(index, TxnMetadata::State::Ongoing);
        }
        for (const PartitionKey &k : msg.partitions)
            if (std::find(txn.partitions.begin(), txn.partitions.end(), k) == txn.partitions.end())
                txn.partitions.push_back(k);
        for (std::int32_t g : msg.groups)
            if (std::find(txn.groups.begin(), txn.groups.end(), g) == txn.groups.end())
                txn.groups.push_back(g);
    }
    schedule(m_now + linkLatency(coordinator, clientNode(msg.producer)),
        AddPartitionsResponseMsg {msg.producer, msg.incarnation, error, std::move(msg.partitions)});
}

void Simulation::onAddPartitionsResponse(AddPartitionsResponseMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    if (p.incarnation != msg.incarnation || !p.alive)
        return;
    if (msg.partitions.empty()) {
        if (msg.error == ErrorCode::ProducerFenced)
            p.txnState = ProducerState::TxnState::Fenced;
        return; // AddOffsetsToTxn
    }
    p.addPartitionsInFlight = false;
    if (msg.error == ErrorCode::None) {
        for (const PartitionKey &k : msg.partitions)
            p.txnPartitions.emplace_back(k.first, k.second);
    } else if (msg.error == ErrorCode::ProducerFenced || msg.error == ErrorCode::InvalidProducerIdMapping) {
        p.lastError = msg.error;
        p.txnState = ProducerState::TxnState::Fenced;
    } else {
        p.lastError = msg.error; // CONCURRENT_TRANSACTIONS: retried by the sender
    }
    scheduleSenderWake(msg.producer, m_now + (msg.error == ErrorCode::None ? 0 : kRetryUs));
}

void Simulation::onTxnOffsetCommit(TxnOffsetCommitMsg &msg)
{
    GroupState &g = m_groups[static_cast<std::size_t>(msg.group)];
    const ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    if (p.incarnation != msg.incarnation || !p.alive)
        return;
    const BrokerId coordinator = coordinatorOf(g);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable()) {
        // NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE: the client finds the coordinator and retries.
        schedule(m_now + kRetryUs, std::move(msg));
        return;
    }
    // KIP-447: offsets from a member that is no longer in the group's current generation are
    // fenced; the transaction has to abort.
    const auto member = std::find_if(
        g.members.begin(), g.members.end(), [&](const GroupMember &m) { return m.consumer == msg.consumer; });
    ErrorCode error = ErrorCode::None;
    if (member == g.members.end())
        error = ErrorCode::UnknownMemberId;
    else if (msg.generation != g.generation)
        error = ErrorCode::IllegalGeneration;
    schedule(m_now + linkLatency(coordinator, clientNode(msg.producer)),
        TxnOffsetCommitResponseMsg {msg.producer, msg.incarnation, error});
    if (error != ErrorCode::None)
        return;
    auto &pending = g.pendingTxnOffsets[msg.producerId];
    for (const auto &entry : msg.offsets) {
        std::erase_if(pending, [&entry](const auto &e) { return e.first == entry.first; });
        pending.push_back(entry);
    }
}

void Simulation::onTxnOffsetCommitResponse(const TxnOffsetCommitResponseMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    if (p.incarnation != msg.incarnation || !p.alive)
        return;
    p.txnOffsetsInFlight = false;
    if (msg.error != ErrorCode::None) {
        p.lastError = msg.error;
        p.txnMustAbort = true;
    }
    maybeSendEndTxn(msg.producer);
}

void Simulation::onEndTxn(const EndTxnMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    const std::int32_t index = ensureTxn(*p.config.transactionalId);
    TxnMetadata &txn = m_txns[static_cast<std::size_t>(index)];
    const BrokerId coordinator = txnCoordinatorOf(txn);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    ErrorCode error = ErrorCode::None;
    using S = TxnMetadata::State;
    if (msg.producerId != txn.producerId)
        error = ErrorCode::InvalidProducerIdMapping;
    else if (msg.epoch < txn.epoch)
        error = ErrorCode::ProducerFenced;
    else if (txn.state == S::Ongoing) {
        setTxnState(index, msg.commit ? S::PrepareCommit : S::PrepareAbort);
        writeMarkers(index, msg.commit);
    } else if ((txn.state == S::CompleteCommit && msg.commit) || (txn.state == S::CompleteAbort && !msg.commit))
        error = ErrorCode::None; // a retried EndTxn
    else if ((txn.state == S::PrepareCommit && msg.commit) || (txn.state == S::PrepareAbort && !msg.commit))
        error = ErrorCode::ConcurrentTransactions;
    else
        error = ErrorCode::InvalidTxnState;
    schedule(m_now + linkLatency(coordinator, clientNode(msg.producer)),
        EndTxnResponseMsg {msg.producer, msg.incarnation, error});
}

void Simulation::onEndTxnResponse(const EndTxnResponseMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    if (p.incarnation != msg.incarnation || !p.alive)
        return;
    p.endTxnInFlight = false;
    if (msg.error == ErrorCode::ConcurrentTransactions) {
        scheduleSenderWake(msg.producer, m_now + kRetryUs);
        p.endTxnInFlight = true;
        sendToTxnCoordinator(
            msg.producer, EndTxnMsg {msg.producer, p.incarnation, p.producerId, p.epoch, p.endTxnCommit});
        return;
    }
    p.endTxnPending = false;
    if (msg.error == ErrorCode::ProducerFenced || msg.error == ErrorCode::InvalidProducerIdMapping) {
        p.lastError = msg.error;
        p.txnState = ProducerState::TxnState::Fenced;
        return;
    }
    if (msg.error != ErrorCode::None)
        p.lastError = msg.error;
    p.txnState = ProducerState::TxnState::Ready;
    p.txnPartitions.clear();
    p.txnMustAbort = false;
    p.lastTxnAborted = !p.endTxnCommit;
}

void Simulation::writeMarkers(std::int32_t index, bool commit)
{
    TxnMetadata &txn = m_txns[static_cast<std::size_t>(index)];
    txn.pendingMarkers = static_cast<std::int32_t>(txn.partitions.size());
    // The offsets sent with the transaction become visible (commit) or are dropped (abort) with
    // the marker on the group's __consumer_offsets partition.
    for (std::int32_t g : txn.groups) {
        GroupState &group = m_groups[static_cast<std::size_t>(g)];
        const auto it = group.pendingTxnOffsets.find(txn.producerId);
        if (it == group.pendingTxnOffsets.end())
            continue;
        if (commit) {
            for (const auto &[key, offset] : it->second) {
                group.committed[key] = offset;
                if (wantsEvents()) {
                    Event e = partitionEvent(EventType::OffsetCommitted, key.first, key.second);
                    e.client = group.groupId;
                    e.offset = offset;
                    e.detail = "transactional";
                    publish(e);
                }
            }
        }
        group.pendingTxnOffsets.erase(it);
    }
    if (txn.pendingMarkers == 0) {
        setTxnState(index, commit ? TxnMetadata::State::CompleteCommit : TxnMetadata::State::CompleteAbort);
        return;
    }
    const BrokerId coordinator = txnCoordinatorOf(txn);
    for (const PartitionKey &k : txn.partitions) {
        const BrokerId leader
            = m_topics[static_cast<std::size_t>(k.first)].partitions[static_cast<std::size_t>(k.second)].leader;
        const TimeUs delay
            = leader == kNoBroker || coordinator == kNoBroker ? kRetryUs : linkLatency(coordinator, leader);
        schedule(m_now + delay, WriteMarkerMsg {index, k.first, k.second, txn.producerId, txn.epoch, commit});
    }
}

void Simulation::onWriteMarker(const WriteMarkerMsg &msg)
{
    PartitionState &p
        = m_topics[static_cast<std::size_t>(msg.topic)].partitions[static_cast<std::size_t>(msg.partition)];
    if (p.leader == kNoBroker || !brokerRef(p.leader).reachable()) {
        // The coordinator keeps retrying markers until the partition has a leader again.
        schedule(m_now + kRetryUs, msg);
        return;
    }
    ReplicaState &leader = *p.replica(p.leader);
    auto payload = std::make_shared<BatchPayload>();
    payload->producerId = msg.producerId;
    payload->producerEpoch = msg.epoch;
    payload->transactional = true;
    payload->control = msg.commit ? ControlType::Commit : ControlType::Abort;
    payload->append(std::nullopt, std::nullopt, m_now);
    LogBatch batch;
    batch.baseOffset = leader.log.logEndOffset();
    batch.leaderEpoch = p.leaderEpoch;
    batch.appendTimeUs = m_now;
    batch.payload = payload;
    const Offset markerOffset = batch.baseOffset;
    appendToReplica(msg.topic, leader, std::move(batch));
    wakeParkedFetches(msg.topic, msg.partition);
    maybeAdvanceHighWatermark(msg.topic, msg.partition);
    if (wantsEvents()) {
        Event e = partitionEvent(EventType::RecordAppended, msg.topic, msg.partition);
        e.broker = p.leader;
        e.offset = markerOffset;
        e.count = 1;
        e.detail = msg.commit ? "COMMIT marker" : "ABORT marker";
        publish(e);
    }
    const BrokerId coordinator = txnCoordinatorOf(m_txns[static_cast<std::size_t>(msg.txn)]);
    schedule(m_now + (coordinator == kNoBroker ? kRetryUs : linkLatency(p.leader, coordinator)),
        MarkerDoneMsg {msg.txn, msg.epoch, true, msg.topic, msg.partition, msg.commit});
}

void Simulation::onMarkerDone(const MarkerDoneMsg &msg)
{
    TxnMetadata &txn = m_txns[static_cast<std::size_t>(msg.txn)];
    if (msg.epoch != txn.epoch || txn.pendingMarkers <= 0)
        return;
    if (--txn.pendingMarkers == 0)
        setTxnState(msg.txn, msg.commit ? TxnMetadata::State::CompleteCommit : TxnMetadata::State::CompleteAbort);
}

void Simulation::onTxnTimeoutCheck()
{
    schedule(m_now + kTxnTimeoutCheckUs, TxnTimeoutCheckMsg {});
    for (std::size_t i = 0; i < m_txns.size(); ++i) {
        TxnMetadata &txn = m_txns[i];
        if (txn.state != TxnMetadata::State::Ongoing || m_now - txn.startedUs <= txn.timeoutUs)
            continue;
        const BrokerId coordinator = txnCoordinatorOf(txn);
        if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
            continue;
        // transaction.timeout.ms passed: the coordinator aborts with a bumped epoch, which fences
        // the (possibly stuck or dead) producer that opened it.
        ++txn.epoch;
        setTxnState(static_cast<std::int32_t>(i), TxnMetadata::State::PrepareEpochFence);
        setTxnState(static_cast<std::int32_t>(i), TxnMetadata::State::PrepareAbort);
        writeMarkers(static_cast<std::int32_t>(i), false);
    }
}

// ---- broker side: LSO and aborted transactions --------------------------------------------------

Offset Simulation::lastStableOffset(std::int32_t topic, std::int32_t partition) const noexcept
{
    const PartitionState &p = m_topics[static_cast<std::size_t>(topic)].partitions[static_cast<std::size_t>(partition)];
    const ReplicaState *replica = visibleReplica(topic, partition);
    Offset lso = p.highWatermark;
    if (replica == nullptr)
        return lso;
    // The first offset of the earliest transaction that is open, or whose marker is not yet
    // below the HW (UnifiedLog.firstUnstableOffset).
    for (const PartitionTxn &txn : replica->transactions)
        if (txn.markerOffset < 0 || txn.markerOffset >= p.highWatermark)
            lso = std::min(lso, txn.firstOffset);
    return lso;
}

bool Simulation::isAborted(const ReplicaState &replica, const LogBatch &batch) const noexcept
{
    const BatchPayload &payload = *batch.payload;
    if (!payload.transactional || payload.control != ControlType::None)
        return false;
    for (const PartitionTxn &txn : replica.transactions)
        if (txn.aborted && txn.producerId == payload.producerId && batch.baseOffset >= txn.firstOffset
            && batch.baseOffset < txn.markerOffset)
            return true;
    return false;
}

} // namespace kafkalab::core
