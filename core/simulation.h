#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clusterstate.h"
#include "core/config.h"
#include "core/consumerstate.h"
#include "core/event.h"
#include "core/rng.h"
#include "core/txnstate.h"
#include "core/types.h"

namespace kafkalab::core {

/** Sampled cluster metrics (one sample per metrics interval). */
struct MetricsSample
{
    TimeUs timeUs = 0;
    std::int64_t recordsAppended = 0;
    std::int64_t bytesAppended = 0;
    std::int32_t underReplicated = 0;
    std::int32_t offline = 0;
    std::int32_t isrTotal = 0;
    std::int32_t partitions = 0;
};

/** Result of a user action on the simulation (create a topic, crash a broker…). */
struct ActionResult
{
    bool ok = true;
    std::string message;
    static ActionResult failure(std::string text) { return {false, std::move(text)}; }
};

/**
 * The mini Kafka cluster: brokers, a KRaft controller, topics with replicated partitions and
 * producer clients, driven by a discrete-event scheduler in simulated microseconds.
 *
 * Deterministic: the same calls with the same seed produce the same events on every machine.
 * Copyable: a copy is a snapshot (record batches are shared, immutable), which is how the app
 * steps back in time. Attached listeners are not copied.
 */
class Simulation
{
public:
    explicit Simulation(ClusterConfig config = {});
    Simulation(const Simulation &other);
    Simulation &operator=(const Simulation &other);
    Simulation(Simulation &&) noexcept = default;
    Simulation &operator=(Simulation &&) noexcept = default;
    ~Simulation();

    // ---- time ------------------------------------------------------------------------------
    [[nodiscard]] TimeUs now() const noexcept { return m_now; }
    /** Runs every event up to and including `time`, then sets the clock to `time`. */
    void runUntil(TimeUs time);
    /** Runs the next event; false when none is scheduled. */
    bool step();
    [[nodiscard]] std::optional<TimeUs> nextEventTime() const noexcept;
    [[nodiscard]] std::uint64_t eventsProcessed() const noexcept { return m_eventsProcessed; }
    /** Records handed to send() by every producer so far. */
    [[nodiscard]] std::int64_t recordsSent() const noexcept { return m_recordsSent; }

    /**
     * Where producers keep record bytes (default: the global heap). A benchmark can pass an arena;
     * it must outlive every record batch of this simulation and of its snapshots.
     */
    void setRecordMemory(std::pmr::memory_resource *memory) noexcept { m_recordMemory = memory; }

    // ---- events and metrics -------------------------------------------------------------------
    void addListener(EventListener *listener);
    void removeListener(EventListener *listener);
    /** Samples metrics every `intervalUs` (0 turns sampling off). */
    void setMetricsInterval(TimeUs intervalUs);
    [[nodiscard]] const std::vector<MetricsSample> &metrics() const noexcept { return m_metrics; }

    // ---- cluster ----------------------------------------------------------------------------
    [[nodiscard]] const ClusterConfig &config() const noexcept { return m_config; }
    [[nodiscard]] const std::vector<BrokerState> &brokers() const noexcept { return m_brokers; }
    [[nodiscard]] const BrokerState *broker(BrokerId id) const noexcept;
    [[nodiscard]] BrokerId controller() const noexcept { return m_controller; }
    /** One-way latency of a link; `from`/`to` are broker ids or client node ids. */
    void setLinkLatency(std::int32_t from, std::int32_t to, TimeUs latencyUs);

    ActionResult crashBroker(BrokerId id);
    ActionResult restartBroker(BrokerId id);
    ActionResult isolateBroker(BrokerId id);
    ActionResult healBroker(BrokerId id);
    ActionResult slowBroker(BrokerId id, TimeUs byUs);

    // ---- topics -----------------------------------------------------------------------------
    /**
     * Creates a topic. Without `assignment`, replicas are placed like Kafka's
     * AdminUtils.assignReplicasToBrokers (rack-unaware, with a seeded start index and shift).
     */
    ActionResult createTopic(const std::string &name, std::int32_t partitions, std::int32_t replicationFactor,
        const TopicConfig &config, const std::vector<std::vector<BrokerId>> &assignment = {});
    ActionResult addPartitions(const std::string &name, std::int32_t newTotal);
    [[nodiscard]] const std::vector<TopicState> &topics() const noexcept { return m_topics; }
    [[nodiscard]] std::int32_t topicIndex(std::string_view name) const noexcept;
    [[nodiscard]] const PartitionState *partition(std::string_view topic, std::int32_t partition) const noexcept;
    /** The log a reader sees: the leader's, or the last leader's while offline. */
    [[nodiscard]] const ReplicaState *visibleReplica(std::int32_t topic, std::int32_t partition) const noexcept;
    /** Runs the log cleaner on every replica of the topic now. */
    ActionResult cleanTopic(const std::string &name);

    // ---- producers --------------------------------------------------------------------------
    /** Creates a producer client; the configuration is resolved by resolveProducerConfig. */
    ActionResult createProducer(const std::string &name, const ProducerSettings &settings);
    [[nodiscard]] std::int32_t producerIndex(std::string_view name) const noexcept;
    [[nodiscard]] const std::vector<ProducerState> &producers() const noexcept { return m_producers; }
    /** Keeps (or stops keeping) each acknowledged range, which queries and the checker use. */
    void setKeepAckedRanges(std::int32_t producer, bool keep);

    /**
     * KafkaProducer.send(): picks the partition (explicit, keyed murmur2, sticky or round-robin)
     * and appends to the accumulator. Returns the partition, or an error if the record is refused
     * (unknown topic, too large, explicit partition out of range).
     */
    struct SendResult
    {
        std::int32_t partition = -1;
        ErrorCode error = ErrorCode::None;
    };
    SendResult send(std::int32_t producer, std::int32_t topic, const std::optional<std::string_view> &key,
        const std::optional<std::string_view> &value, std::optional<std::int32_t> partition = std::nullopt);
    /** A fresh, unique value for records a scenario produces without one ("p1-0", "p1-1", …). */
    std::string nextDefaultValue(std::int32_t producer);
    /** Makes every open batch ready now (KafkaProducer.flush() before waiting). */
    void beginFlush(std::int32_t producer);
    /** True while the producer has records not yet acknowledged or failed. */
    [[nodiscard]] bool hasPending(std::int32_t producer) const noexcept;
    /** The next `count` produce responses to this producer are lost on the way back. */
    void dropAcks(std::int32_t producer, std::int32_t count);

    /**
     * Steady traffic (`load p1 orders rate=5000/s key=user-{r} for=60s`): every 10 ms the producer
     * sends its share of records. In the key template `{i}` is a running index and `{r}` a random
     * number in [0, 10000); an empty template sends keyless records.
     */
    struct LoadSpec
    {
        std::int32_t producer = 0;
        std::int32_t topic = 0;
        double recordsPerSecond = 0;
        std::string keyTemplate;
        bool keyless = true;
        TimeUs untilUs = -1;
    };
    void startLoad(const LoadSpec &spec);

    // ---- consumers and groups ----------------------------------------------------------------
    /** Creates a consumer application (it joins its group once it subscribes). */
    ActionResult createConsumer(const std::string &name, const ConsumerConfig &config);
    [[nodiscard]] std::int32_t consumerIndex(std::string_view name) const noexcept;
    [[nodiscard]] const std::vector<ConsumerState> &consumers() const noexcept { return m_consumers; }
    [[nodiscard]] const std::vector<GroupState> &groups() const noexcept { return m_groups; }
    [[nodiscard]] const GroupState *group(std::string_view groupId) const noexcept;
    /** KafkaConsumer.subscribe(): joins the group; an `auto` consumer then runs its poll loop. */
    ActionResult subscribe(std::int32_t consumer, const std::vector<std::int32_t> &topics);
    /** One poll() of a manual consumer: returns how many records it got (at most `max`). */
    std::int32_t pollNow(std::int32_t consumer, std::int32_t max);
    /** commitSync/commitAsync of the current positions, or of the given offsets. */
    ActionResult commit(std::int32_t consumer, const std::map<PartitionKey, Offset> &offsets);
    /** seek(): -1 = beginning, -2 = end. */
    ActionResult seek(std::int32_t consumer, PartitionKey partition, Offset offset);
    /** close(): commits (with auto-commit), leaves the group (dynamic members), stops. */
    ActionResult closeConsumer(std::int32_t consumer);
    /** The process dies: no commit, no LeaveGroup; the coordinator notices after session.timeout.ms. */
    ActionResult crashConsumer(std::int32_t consumer);
    /** The application thread blocks for `forUs` (no polls; the heartbeat thread goes on). */
    ActionResult stallConsumer(std::int32_t consumer, TimeUs forUs);
    /** True while a commit of this consumer is on its way. */
    [[nodiscard]] bool commitPending(std::int32_t consumer) const noexcept;
    /** The end a consumer may read to: the HW (read_uncommitted) or the LSO (read_committed). */
    [[nodiscard]] Offset readableEnd(
        std::int32_t topic, std::int32_t partition, IsolationLevel isolation) const noexcept;
    /** Lag of a group on a partition: readable end − committed offset (from 0 when nothing is committed). */
    [[nodiscard]] Offset groupLag(const GroupState &group, PartitionKey partition) const noexcept;
    // ---- transactions ------------------------------------------------------------------------
    /** initTransactions(): InitProducerId on the transaction coordinator (fences older instances). */
    ActionResult initTransactions(std::int32_t producer);
    ActionResult beginTransaction(std::int32_t producer);
    /** sendOffsetsToTransaction() with the consumer's current positions and group. */
    ActionResult sendOffsetsToTransaction(std::int32_t producer, std::int32_t consumer);
    /** commitTransaction() / abortTransaction(): flushes, then EndTxn once every batch is acknowledged. */
    ActionResult endTransaction(std::int32_t producer, bool commit);
    /** True while initTransactions or an EndTxn of this producer is still on its way. */
    [[nodiscard]] bool transactionBusy(std::int32_t producer) const noexcept;
    [[nodiscard]] const std::vector<TxnMetadata> &transactions() const noexcept { return m_txns; }
    /** The coordinator's state for the producer's transactional.id (nullptr if none yet). */
    [[nodiscard]] const TxnMetadata *transactionOf(std::int32_t producer) const noexcept;
    /** The producer process dies: its buffers and in-flight requests are gone. */
    ActionResult crashProducer(std::int32_t producer);
    /** LSO: the first offset of the earliest transaction not yet decided below the HW. */
    [[nodiscard]] Offset lastStableOffset(std::int32_t topic, std::int32_t partition) const noexcept;
    /** True if the record at `offset` of this batch belongs to an aborted transaction. */
    [[nodiscard]] bool isAborted(const ReplicaState &replica, const LogBatch &batch) const noexcept;
    /** `relay c1 p2 topic …`: gives the consumer's poll loop a consume-transform-produce body. */
    ActionResult setRelay(std::int32_t consumer, const ConsumerState::Relay &relay);

    /** The consumer group coordinator's broker, or kNoBroker while its partition is offline. */
    [[nodiscard]] BrokerId coordinatorOf(const GroupState &group) const noexcept;
    /** Expands `{i}` and `{r}` in a key or value template. */
    std::string expandTemplate(const std::string &pattern, std::int64_t index);

private:
    // Messages and timers on the scheduler. Plain data, so a Simulation copies as a snapshot.
    struct FollowerFetchMsg
    {
        std::int32_t topic, partition;
        BrokerId follower;
        Offset fetchOffset;
        std::int32_t lastFetchedEpoch;
        std::uint32_t generation;
    };
    struct FollowerFetchResponseMsg
    {
        std::int32_t topic, partition;
        BrokerId follower;
        std::uint32_t generation;
        std::int32_t leaderEpoch;
        Offset highWatermark;
        Offset truncateTo;
        bool error;
        std::vector<LogBatch> batches;
    };
    struct ProduceEntry
    {
        std::int32_t topic, partition;
        std::uint64_t batchId;
        std::shared_ptr<const BatchPayload> payload;
    };
    struct ProduceRequestMsg
    {
        std::int32_t producer;
        std::uint64_t requestId;
        BrokerId broker;
        std::int32_t acks;
        TimeUs timeoutUs;
        std::vector<ProduceEntry> entries;
    };
    struct PartitionResult
    {
        std::int32_t topic, partition;
        std::uint64_t batchId;
        ErrorCode error;
        Offset baseOffset;
    };
    struct ProduceResponseMsg
    {
        std::int32_t producer;
        std::uint64_t requestId;
        bool lost;
        std::vector<PartitionResult> results;
    };
    struct RequestTimeoutMsg
    {
        std::int32_t producer;
        std::uint64_t requestId;
    };
    struct SenderWakeMsg
    {
        std::int32_t producer;
    };
    struct FenceCheckMsg
    {
        BrokerId broker;
        std::uint32_t incarnation;
    };
    struct IsrCheckMsg
    {
        BrokerId broker;
        std::uint32_t incarnation;
    };
    struct ControllerElectMsg
    { };
    struct AlterPartitionMsg
    {
        std::int32_t topic, partition;
        std::int32_t leaderEpoch;
        std::vector<BrokerId> isr;
    };
    struct BrokerRegisterMsg
    {
        BrokerId broker;
        std::uint32_t incarnation;
    };
    struct PurgatoryTimeoutMsg
    {
        std::int32_t topic, partition;
    };
    struct RetentionTickMsg
    { };
    struct CleanerTickMsg
    { };
    struct MetricsTickMsg
    { };
    struct LoadTickMsg
    {
        std::size_t load;
    };
    struct JoinGroupMsg
    {
        std::int32_t group, consumer;
        std::uint32_t incarnation;
    };
    struct JoinResponseMsg
    {
        std::int32_t consumer;
        std::uint32_t incarnation;
        std::int32_t generation;
        ErrorCode error;
    };
    struct SyncGroupMsg
    {
        std::int32_t group, consumer;
        std::uint32_t incarnation;
        std::int32_t generation;
    };
    struct SyncResponseMsg
    {
        std::int32_t consumer;
        std::uint32_t incarnation;
        std::int32_t generation;
        ErrorCode error;
        std::vector<PartitionKey> assignment;
    };
    struct HeartbeatTickMsg
    {
        std::int32_t consumer;
        std::uint32_t incarnation;
    };
    struct HeartbeatMsg
    {
        std::int32_t group, consumer;
        std::uint32_t incarnation;
        std::int32_t generation;
    };
    struct HeartbeatResponseMsg
    {
        std::int32_t consumer;
        std::uint32_t incarnation;
        ErrorCode error;
    };
    struct LeaveGroupMsg
    {
        std::int32_t group;
        std::string memberId;
    };
    struct GroupTimerMsg
    {
        std::int32_t group;
        std::uint64_t round;
    };
    struct SessionCheckMsg
    {
        std::int32_t group;
    };
    struct PollMsg
    {
        std::int32_t consumer;
        std::uint32_t incarnation;
    };
    struct WorkerTickMsg
    {
        std::int32_t consumer;
        std::uint32_t incarnation;
    };
    struct OffsetCommitMsg
    {
        std::int32_t group, consumer;
        std::uint32_t incarnation;
        std::int32_t generation;
        std::vector<std::pair<PartitionKey, Offset>> offsets;
    };
    struct InitPidMsg
    {
        std::int32_t producer;
        std::uint32_t incarnation;
    };
    struct InitPidResponseMsg
    {
        std::int32_t producer;
        std::uint32_t incarnation;
        ErrorCode error;
        ProducerId producerId;
        std::int16_t epoch;
    };
    struct AddPartitionsMsg
    {
        std::int32_t producer;
        std::uint32_t incarnation;
        ProducerId producerId;
        std::int16_t epoch;
        std::vector<PartitionKey> partitions;
        std::vector<std::int32_t> groups;
    };
    struct AddPartitionsResponseMsg
    {
        std::int32_t producer;
        std::uint32_t incarnation;
        ErrorCode error;
        std::vector<PartitionKey> partitions;
    };
    struct TxnOffsetCommitMsg
    {
        std::int32_t group;
        std::int32_t producer;
        std::uint32_t incarnation;
        ProducerId producerId;
        /** KIP-447: the consumer's member and generation, so a zombie's offsets are fenced. */
        std::int32_t consumer;
        std::int32_t generation;
        std::vector<std::pair<PartitionKey, Offset>> offsets;
    };
    struct TxnOffsetCommitResponseMsg
    {
        std::int32_t producer;
        std::uint32_t incarnation;
        ErrorCode error;
    };
    struct EndTxnMsg
    {
        std::int32_t producer;
        std::uint32_t incarnation;
        ProducerId producerId;
        std::int16_t epoch;
        bool commit;
    };
    struct EndTxnResponseMsg
    {
        std::int32_t producer;
        std::uint32_t incarnation;
        ErrorCode error;
    };
    struct WriteMarkerMsg
    {
        std::int32_t txn;
        std::int32_t topic, partition;
        ProducerId producerId;
        std::int16_t epoch;
        bool commit;
    };
    struct MarkerDoneMsg
    {
        std::int32_t txn;
        std::int16_t epoch;
        bool ok;
        std::int32_t topic, partition;
        bool commit;
    };
    struct TxnTimeoutCheckMsg
    { };
    struct OffsetCommitResponseMsg
    {
        std::int32_t consumer;
        std::uint32_t incarnation;
        ErrorCode error;
    };
    using Message = std::variant<FollowerFetchMsg, FollowerFetchResponseMsg, ProduceRequestMsg, ProduceResponseMsg,
        RequestTimeoutMsg, SenderWakeMsg, FenceCheckMsg, IsrCheckMsg, ControllerElectMsg, AlterPartitionMsg,
        BrokerRegisterMsg, PurgatoryTimeoutMsg, RetentionTickMsg, CleanerTickMsg, MetricsTickMsg, LoadTickMsg,
        JoinGroupMsg, JoinResponseMsg, SyncGroupMsg, SyncResponseMsg, HeartbeatTickMsg, HeartbeatMsg,
        HeartbeatResponseMsg, LeaveGroupMsg, GroupTimerMsg, SessionCheckMsg, PollMsg, OffsetCommitMsg,
        OffsetCommitResponseMsg, InitPidMsg, InitPidResponseMsg, AddPartitionsMsg, AddPartitionsResponseMsg,
        TxnOffsetCommitMsg, TxnOffsetCommitResponseMsg, EndTxnMsg, EndTxnResponseMsg, WriteMarkerMsg, MarkerDoneMsg,
        TxnTimeoutCheckMsg, WorkerTickMsg>;

    /** A heap entry: the message itself waits in m_messages, so heap moves stay small. */
    struct Task
    {
        TimeUs time;
        std::uint64_t seq;
        std::uint32_t slot;
    };
    struct TaskLater
    {
        bool operator()(const Task &a, const Task &b) const noexcept
        {
            return a.time != b.time ? a.time > b.time : a.seq > b.seq;
        }
    };

    /** A produce request being answered by a broker: per-partition results filled in as they complete. */
    struct BrokerRequest
    {
        /** An offset commit appended to __consumer_offsets (else a produce request). */
        std::int32_t commitConsumer = -1;
        std::int32_t commitGroup = -1;
        std::uint32_t commitIncarnation = 0;
        std::vector<std::pair<PartitionKey, Offset>> commitOffsets;
        /** A transaction marker written for this transaction (else -1). */
        std::int32_t markerTxn = -1;
        std::int16_t markerEpoch = 0;
        bool markerCommit = false;
        std::int32_t producer = -1;
        std::uint64_t requestId = 0;
        BrokerId broker = kNoBroker;
        std::uint32_t brokerIncarnation = 0;
        std::size_t remaining = 0;
        std::vector<PartitionResult> results;
    };

    void schedule(TimeUs at, Message message);
    void dispatch(Message &message);
    TimeUs linkLatency(std::int32_t from, std::int32_t to) const noexcept;
    static std::int32_t clientNode(std::int32_t producer) noexcept { return 10000 + producer; }
    static std::int32_t consumerNode(std::int32_t consumer) noexcept { return 20000 + consumer; }
    bool linkUp(BrokerId a, BrokerId b) const noexcept;
    BrokerState &brokerRef(BrokerId id) { return m_brokers[static_cast<std::size_t>(id - 1)]; }
    bool wantsEvents() const noexcept { return !m_listeners.empty(); }
    void publish(Event event);
    Event makeEvent(EventType type) const;
    Event partitionEvent(EventType type, std::int32_t topic, std::int32_t partition) const;

    // controller (simulation.cpp)
    void electController();
    bool controllerAvailable() const noexcept { return m_controller != kNoBroker; }
    void fenceBroker(BrokerId id);
    void registerBroker(BrokerId id);
    void electLeader(std::int32_t topic, std::int32_t partition, const char *reason);
    /** Appends a partition with these replicas (all in the ISR unless fenced) and elects its leader. */
    void addPartition(std::int32_t topic, std::vector<BrokerId> replicaIds, const char *reason);
    void onControllerLost();
    /** What crash and isolate share: in-flight work is lost and the controller will fence it. */
    void becomeUnreachable(BrokerId id, EventType event);
    /** What restart and heal share: new incarnation, ISR checks, a controller election if needed. */
    void becomeReachable(BrokerId id, EventType event);
    /** Creates an internal topic (__consumer_offsets, __transaction_state) on first use. */
    std::int32_t ensureInternalTopic(const std::string &name, std::int32_t minInsyncReplicas);
    bool eligible(BrokerId id) const noexcept;

    // replication (replication.cpp)
    void startFetchers(std::int32_t topic, std::int32_t partition);
    void startFetchersOnBroker(BrokerId broker);
    void sendFollowerFetch(std::int32_t topic, std::int32_t partition, ReplicaState &replica);
    void onFollowerFetch(FollowerFetchMsg &msg);
    void onFollowerFetchResponse(FollowerFetchResponseMsg &msg);
    void answerFollowerFetch(
        std::int32_t topic, std::int32_t partition, BrokerId follower, std::uint32_t generation, Offset fetchOffset);
    void wakeParkedFetches(std::int32_t topic, std::int32_t partition);
    void releaseParkedFetchesOf(BrokerId follower);
    void maybeAdvanceHighWatermark(std::int32_t topic, std::int32_t partition);
    void completePurgatory(std::int32_t topic, std::int32_t partition);
    void onIsrCheck(const IsrCheckMsg &msg);
    void requestIsrChange(std::int32_t topic, std::int32_t partition, std::vector<BrokerId> isr);
    void onAlterPartition(AlterPartitionMsg &msg);
    void appendToReplica(std::int32_t topic, ReplicaState &replica, LogBatch batch);
    void rebuildProducerState(ReplicaState &replica);
    void onProduceRequest(ProduceRequestMsg &msg);
    ErrorCode appendAsLeader(std::int32_t topic, std::int32_t partition, const ProduceEntry &entry, std::int32_t acks,
        Offset &baseOffset, bool &duplicate);
    void finishPartition(std::uint64_t requestKey, std::size_t index, ErrorCode error, Offset baseOffset);
    void noteProducerAppend(std::int32_t producer, const ProduceEntry &entry, bool duplicate);
    void onPurgatoryTimeout(const PurgatoryTimeoutMsg &msg);
    /** Parks a produce in the partition's purgatory until the HW reaches it or its deadline passes. */
    void addToPurgatory(std::int32_t topic, std::int32_t partition, PendingProduce pending);
    /** Arms the partition's purgatory timer for `deadline` unless it is armed for earlier. */
    void armPurgatoryTimer(std::int32_t topic, std::int32_t partition, TimeUs deadline);
    void dropBrokerRequests(BrokerId broker);
    void onRetentionTick();
    void onCleanerTick();
    void onMetricsTick();
    LogLimits limitsFor(std::int32_t topic) const;

    // producer client (producerclient.cpp)
    void scheduleSenderWake(std::int32_t producer, TimeUs at);
    void runSender(std::int32_t producer);
    void onProduceResponse(ProduceResponseMsg &msg);
    void onRequestTimeout(const RequestTimeoutMsg &msg);
    void failInFlightRequest(std::int32_t producer, std::uint64_t requestId, ErrorCode error);
    void completeBatch(std::int32_t producer, std::int32_t topic, std::int32_t partition, std::uint64_t batchId,
        ErrorCode error, Offset baseOffset);
    std::int32_t choosePartition(
        ProducerState &producer, std::int32_t topic, const std::optional<std::string_view> &key);
    void expireBatches(std::int32_t producer);
    void disconnectProducersFrom(BrokerId broker);

    // consumers (consumerclient.cpp) and the group coordinator (groupcoordinator.cpp)
    std::int32_t ensureGroup(const std::string &groupId);
    void ensureOffsetsTopic();
    void sendToCoordinator(std::int32_t group, std::int32_t consumer, Message message);
    void sendJoin(std::int32_t consumer);
    void prepareRejoin(std::int32_t consumer);
    void onJoinGroup(const JoinGroupMsg &msg);
    void onJoinResponse(const JoinResponseMsg &msg);
    void onSyncGroup(const SyncGroupMsg &msg);
    void onSyncResponse(SyncResponseMsg &msg);
    void onHeartbeatTick(const HeartbeatTickMsg &msg);
    void onHeartbeat(const HeartbeatMsg &msg);
    void onHeartbeatResponse(const HeartbeatResponseMsg &msg);
    void onLeaveGroup(const LeaveGroupMsg &msg);
    void onGroupTimer(const GroupTimerMsg &msg);
    void onSessionCheck(const SessionCheckMsg &msg);
    void onPoll(const PollMsg &msg);
    void onWorkerTick(const WorkerTickMsg &msg);
    void onOffsetCommit(OffsetCommitMsg &msg);
    void onOffsetCommitResponse(const OffsetCommitResponseMsg &msg);
    void prepareRebalance(std::int32_t group, const std::string &reason);
    void completeJoin(std::int32_t group);
    void removeMember(std::int32_t group, const std::string &memberId, const std::string &reason);
    void sendSyncResponses(std::int32_t group);
    void revokePartitions(std::int32_t consumer, const std::vector<PartitionKey> &partitions, const char *why);
    void assignPartitions(std::int32_t consumer, const std::vector<PartitionKey> &partitions);
    void startCommit(std::int32_t consumer, std::vector<std::pair<PartitionKey, Offset>> offsets);
    Offset resetPosition(std::int32_t consumer, PartitionKey partition);
    std::int32_t fetchRecords(std::int32_t consumer, std::int32_t max);
    void schedulePoll(std::int32_t consumer, TimeUs at);
    std::string partitionName(PartitionKey partition) const;
    std::vector<std::string> partitionNames(const std::vector<PartitionKey> &partitions) const;
    void finishOffsetCommit(BrokerRequest &request, ErrorCode error);

    // transactions (transactions.cpp)
    void ensureTxnTopic();
    std::int32_t ensureTxn(const std::string &transactionalId);
    BrokerId txnCoordinatorOf(const TxnMetadata &txn) const noexcept;
    void sendToTxnCoordinator(std::int32_t producer, Message message);
    void onInitPid(const InitPidMsg &msg);
    void onInitPidResponse(const InitPidResponseMsg &msg);
    void onAddPartitions(AddPartitionsMsg &msg);
    void onAddPartitionsResponse(AddPartitionsResponseMsg &msg);
    void onTxnOffsetCommit(TxnOffsetCommitMsg &msg);
    void onTxnOffsetCommitResponse(const TxnOffsetCommitResponseMsg &msg);
    void onEndTxn(const EndTxnMsg &msg);
    void onEndTxnResponse(const EndTxnResponseMsg &msg);
    void onWriteMarker(const WriteMarkerMsg &msg);
    void onMarkerDone(const MarkerDoneMsg &msg);
    void onTxnTimeoutCheck();
    void writeMarkers(std::int32_t txn, bool commit);
    void setTxnState(std::int32_t txn, TxnMetadata::State state);
    void maybeSendEndTxn(std::int32_t producer);
    void relayAfterPoll(std::int32_t consumer);
    void relayProgress(std::int32_t consumer);

    ClusterConfig m_config;
    Rng m_rng;
    TimeUs m_now = 0;
    std::uint64_t m_nextSeq = 0;
    std::uint64_t m_eventsProcessed = 0;
    std::vector<Task> m_tasks;
    std::vector<Message> m_messages;
    std::vector<std::uint32_t> m_freeSlots;

    std::vector<BrokerState> m_brokers;
    BrokerId m_controller = kNoBroker;
    bool m_controllerElectionScheduled = false;
    std::map<std::pair<std::int32_t, std::int32_t>, TimeUs> m_linkLatency;
    std::vector<TopicState> m_topics;
    std::vector<ProducerState> m_producers;
    std::vector<ConsumerState> m_consumers;
    std::vector<GroupState> m_groups;
    std::int32_t m_offsetsTopic = -1;
    std::vector<std::int32_t> m_pendingCommits;
    std::vector<TxnMetadata> m_txns;
    std::int32_t m_txnTopic = -1;
    bool m_txnCheckScheduled = false;
    std::map<std::uint64_t, BrokerRequest> m_brokerRequests;
    std::uint64_t m_nextRequestKey = 1;
    std::uint64_t m_nextParkId = 1;
    ProducerId m_nextProducerId = 1000;

    TimeUs m_metricsIntervalUs = 0;
    std::int64_t m_recordsAppended = 0;
    std::int64_t m_recordsSent = 0;
    std::int64_t m_bytesAppended = 0;
    std::vector<MetricsSample> m_metrics;

    struct LoadState
    {
        LoadSpec spec;
        double carry = 0;
        std::int64_t index = 0;
    };
    std::vector<LoadState> m_loads;
    void onLoadTick(std::size_t load);

    std::pmr::memory_resource *m_recordMemory = std::pmr::get_default_resource();
    std::vector<EventListener *> m_listeners;
};

} // namespace kafkalab::core
