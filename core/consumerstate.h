#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/assignor.h"
#include "core/chunkedlist.h"
#include "core/types.h"

namespace kafkalab::core {

/** A partition by index: (topic index, partition number). */
using PartitionKey = std::pair<std::int32_t, std::int32_t>;

enum class OffsetResetPolicy : std::uint8_t { Earliest, Latest, None };
enum class IsolationLevel : std::uint8_t { ReadUncommitted, ReadCommitted };

/** Consumer configuration, with the Java client's defaults (3.0+). */
struct ConsumerConfig
{
    std::string groupId;
    /** [range, cooperative-sticky] since 3.0: still eager range, as range supports only EAGER. */
    std::vector<AssignorKind> strategies {AssignorKind::Range, AssignorKind::CooperativeSticky};
    std::optional<std::string> groupInstanceId;
    bool enableAutoCommit = true;
    TimeUs autoCommitIntervalUs = 5 * kMicrosPerSecond;
    OffsetResetPolicy autoOffsetReset = OffsetResetPolicy::Latest;
    IsolationLevel isolation = IsolationLevel::ReadUncommitted;
    /** 45 s since 3.0 (KIP-735); 10 s before. */
    TimeUs sessionTimeoutUs = 45 * kMicrosPerSecond;
    TimeUs heartbeatIntervalUs = 3 * kMicrosPerSecond;
    TimeUs maxPollIntervalUs = 300 * kMicrosPerSecond;
    std::int32_t maxPollRecords = 500;
    /** Time the application spends on each record (the scenario's processing.ms). */
    TimeUs processingUs = 0;
    /** fetch.max.wait.ms: how long an empty fetch waits at the broker. */
    TimeUs fetchMaxWaitUs = 500 * kMicrosPerMs;
    /** `mode=manual`: polls only when the scenario says `poll`. */
    bool manual = false;
    /**
     * `processing=async`: poll() hands records to a worker and returns at once, as applications
     * that offload work do; auto-commit can then commit records the worker has not processed.
     */
    bool asyncProcessing = false;
    /** Keep a copy of every record read (queries and relays use them); benchmarks only count. */
    bool keepRecords = true;
    /**
     * `poison=VALUE`: records with this value fail processing. With a DLQ they are retried
     * maxRetries times, retryBackoffUs apart, then written to the DLQ topic and skipped; without
     * one the consumer retries forever and that partition stalls (seed 000 Q23).
     */
    std::optional<std::string> poison;
    std::int32_t maxRetries = 3;
    TimeUs retryBackoffUs = 1 * kMicrosPerSecond;
    std::optional<std::string> dlqTopic;
};

/** A record a consumer's poll returned. */
struct ConsumedRecord
{
    std::int32_t topic = 0;
    std::int32_t partition = 0;
    Offset offset = 0;
    std::optional<std::string> key;
    std::optional<std::string> value;
    TimeUs timeUs = 0;
};

/** A consumer application: its group membership, positions and what it consumed. */
struct ConsumerState
{
    enum class Phase : std::uint8_t { Unsubscribed, Joining, AwaitingSync, Stable, Dead };

    std::string name;
    ConsumerConfig config;
    std::vector<std::int32_t> subscription;
    Phase phase = Phase::Unsubscribed;
    bool alive = true;
    std::uint32_t incarnation = 0;

    std::string memberId;
    std::int32_t generation = -1;
    /** Partitions this consumer owns (its current assignment). */
    std::vector<PartitionKey> owned;
    /** The next offset to read, per owned partition. */
    std::map<PartitionKey, Offset> positions;
    ChunkedList<ConsumedRecord> consumed;
    /** Records poll() returned so far (kept in `consumed` too unless keepRecords is off). */
    std::int64_t consumedCount = 0;
    /**
     * End-to-end latency of the records poll() returned: the sum of (poll time − the record's
     * CreateTime) in µs and how many records it covers, so a chart can take averages over any
     * interval from two readings.
     */
    TimeUs latencyTotalUs = 0;
    std::int64_t latencyRecords = 0;
    /** Records the application finished processing (for async processing, the worker's count). */
    std::int64_t processed = 0;
    /** Records of the last poll the application is still working through (synchronous loop). */
    std::int64_t awaitingProcessing = 0;
    /** Failed attempts at the poison record blocking each partition. */
    std::map<PartitionKey, std::int32_t> poisonAttempts;
    std::int64_t processingFailures = 0;
    std::int64_t deadLettered = 0;
    /** The producer writing to the DLQ topic (`<name>-dlq`), or -1. */
    std::int32_t dlqProducer = -1;
    bool poisonRetryPending = false;
    /** Async processing: records handed to the worker and not processed yet. */
    std::int64_t workQueue = 0;
    bool workerScheduled = false;
    std::int64_t revokedPartitions = 0;
    /** Simulated time spent without any partition while its group rebalanced. */
    TimeUs pausedUs = 0;
    TimeUs pausedSinceUs = -1;

    TimeUs lastPollUs = 0;
    TimeUs lastAutoCommitUs = 0;
    bool pollScheduled = false;
    /** Bumped when a stall moves the poll loop, so the superseded poll is ignored. */
    std::uint32_t pollEpoch = 0;
    /** The group told us to rejoin (a rebalance is in progress, or a cooperative follow-up). */
    bool rejoinRequested = false;
    /** Left the group because max.poll.interval.ms passed; rejoins on the next poll. */
    bool leftForPollTimeout = false;
    ErrorCode lastError = ErrorCode::None;
    std::uint64_t joinRound = 0;

    /** `relay`: a consume-transform-produce body for the poll loop. */
    struct Relay
    {
        enum class Mode : std::uint8_t { AtMostOnce, AtLeastOnce, ExactlyOnce };
        enum class Step : std::uint8_t { Idle, AwaitingCommit, AwaitingAcks, AwaitingTxn };
        std::int32_t producer = -1;
        std::int32_t topic = -1;
        Mode mode = Mode::AtLeastOnce;
        std::int64_t max = -1;
        std::int64_t crashAfter = -1;
        Step step = Step::Idle;
        /** Records of the current poll still to be written. */
        std::vector<ConsumedRecord> batch;
        std::int64_t ackedBefore = 0;
        std::int64_t relayed = 0;
        bool done = false;
    };
    std::optional<Relay> relay;
};

/** One member as the group coordinator knows it. */
struct GroupMember
{
    std::string memberId;
    std::int32_t consumer = -1;
    std::optional<std::string> groupInstanceId;
    std::vector<std::int32_t> topics;
    std::vector<PartitionKey> owned;
    std::int32_t ownedGeneration = -1;
    std::vector<AssignorKind> strategies;
    TimeUs sessionTimeoutUs = 0;
    TimeUs rebalanceTimeoutUs = 0;
    TimeUs lastHeartbeatUs = 0;
    bool joinedThisRound = false;
    std::vector<PartitionKey> assignment;
};

/** A consumer group on its coordinator (classic protocol, ClassicGroupState). */
struct GroupState
{
    enum class Phase : std::uint8_t { Empty, PreparingRebalance, CompletingRebalance, Stable, Dead };

    std::string groupId;
    Phase phase = Phase::Empty;
    std::int32_t generation = 0;
    std::optional<AssignorKind> protocol;
    std::string leader;
    std::vector<GroupMember> members;
    std::map<PartitionKey, Offset> committed;
    /** Offsets sent with sendOffsetsToTransaction, per producer id, until its marker. */
    std::map<ProducerId, std::vector<std::pair<PartitionKey, Offset>>> pendingTxnOffsets;
    /** The __consumer_offsets partition whose leader is this group's coordinator. */
    std::int32_t offsetsPartition = 0;
    /** Bumped on every rebalance round, so stale timers are ignored. */
    std::uint64_t round = 0;
    TimeUs rebalanceStartedUs = -1;
    TimeUs joinDeadlineUs = -1;
    bool initialDelay = false;
    std::int32_t rebalances = 0;
};

[[nodiscard]] const char *groupPhaseName(GroupState::Phase phase) noexcept;

/** offsets.topic.num.partitions and transaction.state.log.num.partitions (both 50). */
constexpr std::int32_t kInternalTopicPartitions = 50;

/** The internal-topic partition whose leader coordinates a group id or transactional.id. */
[[nodiscard]] std::int32_t coordinatorPartitionFor(const std::string &key) noexcept;

} // namespace kafkalab::core
