#pragma once

#include <QList>
#include <QString>

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

} // namespace kafkalab::app
