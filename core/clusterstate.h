#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/chunkedlist.h"
#include "core/config.h"
#include "core/log.h"
#include "core/types.h"

namespace kafkalab::core {

/** A broker process as the cluster sees it. */
struct BrokerState
{
    BrokerId id = kNoBroker;
    bool alive = true;
    /** Cut off from every other broker, the controller and all clients. */
    bool isolated = false;
    /** Fenced by the controller: not eligible for leadership or the ISR until it registers again. */
    bool fenced = false;
    /** Extra delay applied to this broker's replication fetches (`slow broker 3 by=40s`). */
    TimeUs slowByUs = 0;
    /** Bumped on every crash/restart/isolate/heal so stale in-flight work is recognised. */
    std::uint32_t incarnation = 0;

    [[nodiscard]] bool reachable() const noexcept { return alive && !isolated; }
};

/**
 * The broker-side state of one idempotent producer on one partition (Kafka's ProducerStateEntry):
 * its epoch and the metadata of the last five batches, which answer duplicates.
 */
struct ProducerStateEntry
{
    struct BatchMetadata
    {
        std::int32_t firstSeq = 0;
        std::int32_t lastSeq = 0;
        Offset firstOffset = 0;
        Offset lastOffset = 0;
    };
    /** NUM_BATCHES_TO_RETAIN in ProducerStateEntry: why max.in.flight must be ≤ 5. */
    static constexpr std::size_t kBatchesToRetain = 5;

    std::int16_t epoch = kNoProducerEpoch;
    /** At most kBatchesToRetain, oldest first (a vector: a deque's blocks made every copy of the
     * partition state, i.e. every time-travel checkpoint, a kilobyte larger per producer). */
    std::vector<BatchMetadata> batches;
    /** First offset of this producer's open transaction on the partition, or -1. */
    Offset currentTxnFirstOffset = -1;

    [[nodiscard]] std::int32_t lastSeq() const noexcept
    {
        return batches.empty() ? kNoSequence : batches.back().lastSeq;
    }
    void add(const BatchMetadata &meta)
    {
        batches.push_back(meta);
        if (batches.size() > kBatchesToRetain)
            batches.erase(batches.begin());
    }
};

/** One broker's copy of a partition, plus what the leader knows about it as a follower. */
/** A transaction on one partition, from its first record to its marker (Kafka's TxnMetadata / AbortedTxn). */
struct PartitionTxn
{
    ProducerId producerId = kNoProducerId;
    Offset firstOffset = 0;
    /** Offset of its COMMIT/ABORT marker; -1 while the transaction is open. */
    Offset markerOffset = -1;
    bool aborted = false;
};

struct ReplicaState
{
    BrokerId broker = kNoBroker;
    Log log;
    std::map<ProducerId, ProducerStateEntry> producers;
    /**
     * Transactions not yet stable (open, or decided with the marker at or above the HW) and the
     * aborted ones (the aborted-transaction index, `.txnindex`).
     */
    std::vector<PartitionTxn> transactions;

    // Follower bookkeeping kept by the leader (Kafka's ReplicaState / FollowerState).
    Offset followerLeo = 0;
    TimeUs lastCaughtUpUs = 0;
    TimeUs lastFetchUs = 0;
    Offset lastFetchLeaderLeo = 0;

    // The follower's own fetch loop.
    bool fetchInFlight = false;
    /** Bumped whenever the loop restarts (new leader, restart), so stale responses are ignored. */
    std::uint32_t fetchGeneration = 0;
};

/** An acks=all append waiting for the high watermark (Kafka's DelayedProduce). */
struct PendingProduce
{
    std::uint64_t requestKey = 0;
    std::size_t entryIndex = 0;
    Offset requiredOffset = 0;
    Offset baseOffset = 0;
    /** When the request's timeout answers it with REQUEST_TIMED_OUT if the HW has not got there. */
    TimeUs deadlineUs = 0;
};

/** A follower fetch parked at the leader until data arrives or replica.fetch.wait.max.ms passes. */
struct ParkedFetch
{
    BrokerId follower = kNoBroker;
    std::uint32_t fetchGeneration = 0;
    std::uint64_t parkId = 0;
};

struct PartitionState
{
    std::int32_t index = 0;
    /** Replica brokers in assignment order; the first is the preferred leader. */
    std::vector<BrokerId> replicaIds;
    std::vector<ReplicaState> replicas;
    BrokerId leader = kNoBroker;
    std::int32_t leaderEpoch = 0;
    std::vector<BrokerId> isr;
    /** High watermark as the leader has it: the end of the committed log. */
    Offset highWatermark = 0;
    /** An AlterPartition is on its way to the controller; no second one is sent meanwhile. */
    bool alterPending = false;
    std::vector<PendingProduce> purgatory;
    /**
     * When the purgatory's one timer fires (-1: none armed). It is set to the earliest deadline
     * of the entries; a timer armed for a later time that has been overtaken finds this changed
     * and does nothing. One pending event per partition instead of one per produce request.
     */
    TimeUs purgatoryTimerUs = -1;
    std::vector<ParkedFetch> parkedFetches;

    [[nodiscard]] ReplicaState *replica(BrokerId broker) noexcept
    {
        for (auto &r : replicas)
            if (r.broker == broker)
                return &r;
        return nullptr;
    }
    [[nodiscard]] const ReplicaState *replica(BrokerId broker) const noexcept
    {
        return const_cast<PartitionState *>(this)->replica(broker);
    }
    [[nodiscard]] bool inIsr(BrokerId broker) const noexcept
    {
        for (BrokerId b : isr)
            if (b == broker)
                return true;
        return false;
    }
    /** The leader's replica, or nullptr while offline. */
    [[nodiscard]] const ReplicaState *leaderReplica() const noexcept
    {
        return leader == kNoBroker ? nullptr : replica(leader);
    }
};

struct TopicState
{
    std::string name;
    TopicConfig config;
    std::vector<PartitionState> partitions;
    /** The last leader of each partition, for reading an offline partition's log. */
    std::vector<BrokerId> lastLeader;
};

/** A producer's record batch, open in the accumulator or sent and awaiting its ack. */
struct ProducerBatch
{
    std::uint64_t id = 0;
    std::int32_t topic = 0;
    std::int32_t partition = 0;
    std::shared_ptr<BatchPayload> payload;
    TimeUs createdUs = 0;
    TimeUs retryAtUs = 0;
    std::int32_t attempts = 0;
    /** Closed to appends: full, or drained once. */
    bool closed = false;
    bool inFlight = false;
    bool sequenced = false;
    /**
     * How many times a leader appended this batch so far, as the simulation sees it (the client
     * cannot know): more than one means the log holds its records twice (a lost ack, then a retry,
     * without idempotence). For the app's producer view.
     */
    std::int32_t appends = 0;
};

struct ProducerPartitionQueue
{
    /** Short (what accumulates and is in flight); a vector, as an empty one costs nothing to copy. */
    std::vector<ProducerBatch> batches;
    /** Bytes and records of this partition's last batch, to size the next one's buffers. */
    std::int64_t lastBatchBytes = 0;
    std::int32_t lastBatchRecords = 0;
    std::int32_t nextSequence = 0;
    std::int32_t inFlight = 0;
};

/** A produce request on the wire, as the client tracks it. */
struct InFlightRequest
{
    std::uint64_t requestId = 0;
    BrokerId broker = kNoBroker;
    std::uint32_t brokerIncarnation = 0;
    std::vector<std::pair<std::int32_t, std::int32_t>> partitions;
    std::vector<std::uint64_t> batchIds;
};

/** An acknowledged record range, kept for the invariant checker and `acked` queries. */
struct AckedRange
{
    std::int32_t topic = 0;
    std::int32_t partition = 0;
    Offset baseOffset = -1;
    std::int32_t count = 0;
};

/** A producer client: configuration, accumulator, sender state and outcome counters. */
struct ProducerState
{
    std::string name;
    ProducerConfig config;
    ProducerId producerId = kNoProducerId;
    std::int16_t epoch = kNoProducerEpoch;
    /** queues[topic][partition] */
    std::vector<std::vector<ProducerPartitionQueue>> queues;
    /** Batches waiting per topic, so the sender skips idle topics quickly. */
    std::vector<std::int32_t> pendingBatches;
    /** Sticky partition per topic for keyless records (KIP-480); -1 = pick one. */
    std::vector<std::int32_t> stickyPartition;
    std::vector<std::int32_t> roundRobinNext;
    std::map<BrokerId, std::int32_t> inFlightPerBroker;
    std::map<std::uint64_t, InFlightRequest> inFlight;
    /** (deadline, request id) in send order: request.timeout.ms is the same for all, so deadlines
     * only grow and one timer at the front covers them all. */
    std::deque<std::pair<TimeUs, std::uint64_t>> requestDeadlines;
    bool requestTimerScheduled = false;
    std::int64_t bufferedBytes = 0;
    std::int64_t pendingRecords = 0;
    std::int64_t sentRecords = 0;
    std::int64_t ackedRecords = 0;
    std::int64_t failedRecords = 0;
    std::int64_t retries = 0;
    /**
     * Records a leader appended again on a retry (see ProducerBatch::appends): duplicates in the log,
     * unless a leader change truncated the first copy away.
     */
    std::int64_t duplicateRecords = 0;
    /** Retried batches an idempotent leader recognised and answered with their original offsets. */
    std::int64_t dedupedBatches = 0;
    ErrorCode lastError = ErrorCode::None;
    std::int32_t dropAcks = 0;

    // Transactions (client side of TransactionManager).
    enum class TxnState : std::uint8_t {
        None,
        Uninitialized,
        Initializing,
        Ready,
        InTransaction,
        Committing,
        Aborting,
        Fenced
    };
    TxnState txnState = TxnState::None;
    /** Partitions AddPartitionsToTxn confirmed for the current transaction. */
    std::vector<std::pair<std::int32_t, std::int32_t>> txnPartitions;
    /** An AddPartitionsToTxn is on its way; sends to new partitions wait for it. */
    bool addPartitionsInFlight = false;
    /** EndTxn waits for every batch of the transaction to be acknowledged. */
    bool endTxnPending = false;
    bool endTxnCommit = false;
    bool endTxnInFlight = false;
    /** A TxnOffsetCommit is on its way: EndTxn waits for it. */
    bool txnOffsetsInFlight = false;
    /** The transaction hit an abortable error (e.g. its offsets were fenced): it can only abort. */
    bool txnMustAbort = false;
    /** The last EndTxn this producer sent was an abort. */
    bool lastTxnAborted = false;
    bool alive = true;
    std::uint32_t incarnation = 0;
    std::uint64_t nextBatchId = 1;
    std::uint64_t valueCounter = 0;
    TimeUs wakeScheduledUs = -1;
    /** delivery.timeout.ms is checked at most every 10 ms of simulated time, not on every wake. */
    TimeUs nextExpiryCheckUs = 0;
    bool flushing = false;
    bool keepAckedRanges = true;
    ChunkedList<AckedRange> ackedRanges;
};

} // namespace kafkalab::core
