#pragma once

#include <QList>
#include <QString>

#include "live/liveerror.h"

namespace kafkalab::live {

/** A topic and a partition number; `name()` is Kafka's `orders-3`. */
struct TopicPartition
{
    QString topic;
    int partition = 0;

    [[nodiscard]] QString name() const { return topic + u'-' + QString::number(partition); }
    /** Topic name, then partition number (so `orders-2` comes before `orders-10`). */
    friend bool operator<(const TopicPartition &a, const TopicPartition &b)
    {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    }
    friend bool operator==(const TopicPartition &a, const TopicPartition &b) = default;
};

/** A broker: those in the metadata are alive; one only named in a replica list is not (Kafka lists live brokers). */
struct LiveBroker
{
    int id = 0;
    QString host; ///< empty when not alive
    int port = -1;
    bool alive = true;
};

struct LivePartition
{
    int partition = 0;
    int leader = -1; ///< -1: no leader (offline)
    int leaderEpoch = -1; ///< -1: not known (librdkafka 2.0's metadata does not give it)
    QList<int> replicas; ///< assignment order, the first is the preferred leader
    QList<int> isr;
    qint64 logStartOffset = -1; ///< -1: not read (an error or no leader)
    qint64 logEndOffset = -1; ///< ListOffsets latest, read_uncommitted: the high watermark; -1: not read
    QString error; ///< why something is missing, empty when all is well

    [[nodiscard]] bool offline() const noexcept { return leader < 0; }
    [[nodiscard]] bool underReplicated() const noexcept { return !offline() && isr.size() < replicas.size(); }
};

struct LiveTopic
{
    QString name;
    bool internal = false; ///< `__consumer_offsets`, `__transaction_state`, …
    QList<LivePartition> partitions;
    QString error; ///< e.g. not authorized; the partitions are then empty
};

struct LiveMember
{
    QString clientId; ///< the consumer's `client.id`
    QString memberId;
    QString host;
    QList<TopicPartition> assignment; ///< sorted
};

/** A committed offset and how far the log has moved past it. */
struct LiveGroupOffset
{
    TopicPartition partition;
    qint64 committed = -1;
    qint64 logEndOffset = -1; ///< -1: unknown (the topic is gone or its offsets could not be read)
    qint64 lag = -1; ///< logEnd − committed, at least 0; -1 when unknown
};

struct LiveGroup
{
    QString groupId;
    QString state; ///< `Stable`, `Empty`, `PreparingRebalance`, …; empty when the cluster could not say
    QString protocolType; ///< `consumer` for Kafka consumers, empty for a group that only has offsets
    QString protocol; ///< the assignor: `range`, `cooperative-sticky`, …
    int coordinator = -1;
    QList<LiveMember> members;
    QList<LiveGroupOffset> offsets; ///< sorted by partition
    QString error;

    [[nodiscard]] qint64 totalLag() const;
};

/** One look at a real cluster: what `kafkalab-cli live describe` prints and live mode shows. */
struct LiveClusterState
{
    qint64 timeUs = 0; ///< wall-clock microseconds since the Unix epoch, when the description finished
    QString bootstrap;
    QString clusterId;
    int controller = -1; ///< -1: the cluster did not report a controller that is one of its brokers
    QList<LiveBroker> brokers; ///< sorted by id
    QList<LiveTopic> topics; ///< sorted by name
    QList<LiveGroup> groups; ///< sorted by id
    /** What could not be read (not authorized, unknown group, unsupported, …); the rest is still valid. */
    QList<LiveError> problems;

    [[nodiscard]] const LiveTopic *topic(const QString &name) const;
    [[nodiscard]] const LivePartition *partition(const TopicPartition &tp) const;
    [[nodiscard]] int underReplicatedCount() const;
    [[nodiscard]] int offlineCount() const;
    /** Whether any problem should make a describe report failure (see LiveError::isFailure()). */
    [[nodiscard]] bool hasFailures() const;
};

} // namespace kafkalab::live
