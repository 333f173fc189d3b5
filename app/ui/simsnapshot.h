#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace kafkalab::app {

/**
 * Read-only view-models of the simulation, rebuilt by SimulationController after each slice of
 * events. Views paint these; they never touch core::Simulation themselves.
 */
struct BrokerInfo
{
    int id = 0;
    bool alive = true;
    bool isolated = false;
    bool fenced = false;
    qint64 slowByMs = 0;
    bool controller = false;
};

struct ReplicaInfo
{
    int broker = 0;
    qint64 logEndOffset = 0;
    bool leader = false;
    bool inIsr = false;
};

struct PartitionInfo
{
    QString topic;
    int partition = 0;
    QString name; ///< `orders-0`
    int leader = -1; ///< -1 while offline
    int leaderEpoch = 0;
    QList<int> replicas; ///< assignment order
    QList<int> isr;
    qint64 highWatermark = 0;
    bool underReplicated = false;
    bool offline = false;
    bool internal = false; ///< __consumer_offsets, __transaction_state
};

struct ClusterSnapshot
{
    qint64 timeUs = 0;
    quint64 events = 0;
    QList<BrokerInfo> brokers;
    QList<PartitionInfo> partitions;
    int underReplicated = 0;
    int offline = 0;

    [[nodiscard]] const BrokerInfo *broker(int id) const
    {
        for (const BrokerInfo &b : brokers)
            if (b.id == id)
                return &b;
        return nullptr;
    }
};

struct LogCell
{
    qint64 offset = 0;
    QString key; ///< empty with keyNull for a null key
    bool keyNull = true;
    QString value;
    bool valueNull = false;
    enum class Control { None, Commit, Abort } control = Control::None;
    bool transactional = false;
    bool aborted = false;
};

struct Cursor
{
    QString label; ///< `g1 committed`, `c1 position`
    qint64 offset = 0;
    bool group = false;
};

struct PartitionLogSnapshot
{
    QString name; ///< empty when no partition is selected
    bool valid = false;
    int leader = -1;
    qint64 logStartOffset = 0;
    qint64 highWatermark = 0;
    qint64 lastStableOffset = 0;
    qint64 logEndOffset = 0; ///< the visible (leader's) log end
    QList<ReplicaInfo> replicas;
    QList<LogCell> cells; ///< the newest records, at most kMaxCells
    QList<Cursor> cursors;
    static constexpr int kMaxCells = 400;
};

struct MemberInfo
{
    QString consumer;
    QString memberId;
    QString phase; ///< the consumer's own view: Joining, Stable, Dead …
    bool alive = true;
    QStringList assignment;
};

struct PartitionLag
{
    QString partition;
    qint64 committed = -1; ///< -1 when nothing is committed
    qint64 end = 0;
    qint64 lag = 0;
};

struct GroupInfo
{
    QString groupId;
    QString state;
    int generation = 0;
    QString protocol;
    int coordinator = -1;
    QList<MemberInfo> members;
    QList<PartitionLag> lag;
    qint64 totalLag = 0;
};

struct GroupsSnapshot
{
    QList<GroupInfo> groups;
};

/** One record batch of a producer: open in the accumulator, waiting, or on the wire. */
struct ProducerBatchInfo
{
    enum class Stage {
        Filling, ///< open: takes records until batch.size or linger.ms
        Ready, ///< closed or lingered: waits for a connection slot or a leader
        Backoff, ///< failed, waits retry.backoff.ms before the next attempt
        InFlight, ///< in a produce request, waiting for its response
    };
    QString partition; ///< `orders-3`
    Stage stage = Stage::Filling;
    int records = 0;
    qint64 bytes = 0;
    qint64 ageUs = 0; ///< since the batch was created
    qint64 backoffLeftUs = 0; ///< Backoff: until the next attempt
    int attempts = 0; ///< sends so far; more than 1 = retried
    int baseSequence = -1; ///< idempotence: assigned on the first send, -1 before (or without)
    int epoch = -1;
    int broker = -1; ///< InFlight: the connection carrying it
    bool transactional = false;
    /** A leader already appended this batch: if it is retried, the log gets it twice (the simulator knows). */
    bool appendedBefore = false;
};

/** A producer's connection to one broker: requests in flight against max.in.flight.requests.per.connection. */
struct ConnectionInfo
{
    int broker = 0;
    int inFlight = 0;
    int batches = 0;
};

/** A recent acknowledgement (the producer's callback saw this range). */
struct AckInfo
{
    QString partition;
    qint64 baseOffset = -1; ///< -1 for acks=0 (no offsets come back)
    int records = 0;
};

struct ProducerInfo
{
    QString name;
    bool alive = true;
    QString acks; ///< `all`, `1`, `0`
    bool idempotent = false;
    QString transactionalId; ///< empty when not transactional
    QString txnState; ///< the client's TransactionManager state, empty when not transactional
    qint64 producerId = -1;
    int epoch = -1;
    QString partitioner; ///< `default` (murmur2 for keys, sticky otherwise) or `roundrobin`
    qint64 batchSizeBytes = 0;
    qint64 lingerMs = 0;
    int maxInFlight = 0;
    qint64 retriesConfig = 0;
    qint64 deliveryTimeoutMs = 0;
    /** The keyless sticky partition per topic (`orders-2`), where one is chosen. */
    QStringList stickyPartitions;
    QList<ProducerBatchInfo> batches; ///< accumulator and in-flight batches, at most kMaxBatches
    int hiddenBatches = 0; ///< beyond kMaxBatches
    QList<ConnectionInfo> connections; ///< brokers with requests in flight, by broker id
    QList<AckInfo> recentAcks; ///< newest last, at most kMaxAcks
    qint64 sent = 0;
    qint64 acked = 0;
    qint64 failed = 0;
    qint64 retries = 0;
    qint64 pendingRecords = 0;
    qint64 bufferedBytes = 0;
    qint64 duplicates = 0; ///< records appended twice (retries without idempotence)
    qint64 deduped = 0; ///< retried batches the broker recognised (idempotence)
    QString lastError; ///< Kafka's error name, `NONE` after a success
    static constexpr int kMaxBatches = 48;
    static constexpr int kMaxAcks = 6;
};

/** The producer clients of a source. `available` is false where a source cannot see producers. */
struct ProducersSnapshot
{
    bool available = false;
    qint64 timeUs = 0;
    QList<ProducerInfo> producers;

    [[nodiscard]] const ProducerInfo *producer(const QString &name) const
    {
        for (const ProducerInfo &p : producers)
            if (p.name == name)
                return &p;
        return nullptr;
    }
};

/** A producer instance using a transactional.id, as the client sees itself. */
struct TxnClientInfo
{
    QString producer;
    bool alive = true;
    qint64 producerId = -1;
    int epoch = -1;
    QString state; ///< the client's TransactionManager state
    QString lastError;
    /** An older epoch than the coordinator's: a zombie, fenced at its next request. */
    bool zombie = false;
    bool fenced = false; ///< it has been told (PRODUCER_FENCED / INVALID_PRODUCER_EPOCH)
};

/** One transactional.id on its transaction coordinator. */
struct TransactionInfo
{
    QString transactionalId;
    QString state; ///< TransactionState: Empty, Ongoing, PrepareCommit, … (see kTxnStates)
    qint64 producerId = -1;
    int epoch = -1;
    int coordinator = -1; ///< broker, -1 while its __transaction_state partition is offline
    QStringList partitions; ///< in the current (or last) transaction
    QStringList groups; ///< whose offsets it commits (sendOffsetsToTransaction)
    qint64 openForUs = -1; ///< Ongoing: since the first partition was added
    qint64 timeoutUs = 0; ///< transaction.timeout.ms
    int markersWritten = 0; ///< COMMIT/ABORT markers written for the current decision
    int markersTotal = 0;
    /** The latest transitions, oldest first: `{time µs, state}`. */
    QList<QPair<qint64, QString>> recentStates;
    QList<TxnClientInfo> clients;
};

struct TransactionsSnapshot
{
    bool available = false;
    qint64 timeUs = 0;
    QList<TransactionInfo> transactions;
};

/** The coordinator's states (Kafka's TransactionState), in diagram order. */
inline constexpr const char16_t *kTxnStates[] = {u"Empty", u"Ongoing", u"PrepareCommit", u"PrepareAbort",
    u"CompleteCommit", u"CompleteAbort", u"Dead", u"PrepareEpochFence"};

/**
 * What a read_committed and a read_uncommitted consumer would get from a partition's recent log
 * (the cells of a PartitionLogSnapshot): read_uncommitted returns data records below the HW;
 * read_committed stops at the LSO and skips aborted data; neither returns markers.
 */
struct IsolationReadsSnapshot
{
    bool valid = false;
    QString partition;
    qint64 highWatermark = 0;
    qint64 lastStableOffset = 0;
    qint64 firstOffset = 0; ///< the oldest offset considered (the log snapshot keeps the newest)
    QList<LogCell> cells; ///< every cell considered, markers included, in offset order
    QList<qint64> readCommitted; ///< offsets read_committed returns
    QList<qint64> readUncommitted; ///< offsets read_uncommitted returns
    int abortedSkipped = 0; ///< aborted records below the LSO read_committed skips
    int heldBack = 0; ///< data records in [LSO, HW): read_uncommitted has them, read_committed waits
    int markers = 0;
};

/** Per-consumer counters for charts (the simulator's; a live source may lack them). */
struct ConsumerMetrics
{
    QString consumer;
    QString group;
    bool alive = true;
    qint64 consumed = 0;
    qint64 pausedUs = 0; ///< time spent without partitions while its group rebalanced, ongoing pause included
    qint64 latencyTotalUs = 0; ///< Σ(poll time − record CreateTime)
    qint64 latencyRecords = 0;
};

struct ClientMetricsSnapshot
{
    bool available = false;
    qint64 timeUs = 0;
    QList<ConsumerMetrics> consumers;
};

} // namespace kafkalab::app
