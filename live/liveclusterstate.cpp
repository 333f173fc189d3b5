#include "liveclusterstate.h"

#include <algorithm>

namespace kafkalab::live {

qint64 LiveGroup::totalLag() const
{
    qint64 total = 0;
    for (const LiveGroupOffset &o : offsets)
        total += std::max<qint64>(o.lag, 0);
    return total;
}

const LiveTopic *LiveClusterState::topic(const QString &name) const
{
    for (const LiveTopic &t : topics)
        if (t.name == name)
            return &t;
    return nullptr;
}

const LivePartition *LiveClusterState::partition(const TopicPartition &tp) const
{
    const LiveTopic *t = topic(tp.topic);
    if (t == nullptr)
        return nullptr;
    for (const LivePartition &p : t->partitions)
        if (p.partition == tp.partition)
            return &p;
    return nullptr;
}

int LiveClusterState::underReplicatedCount() const
{
    int n = 0;
    for (const LiveTopic &t : topics)
        for (const LivePartition &p : t.partitions)
            n += p.underReplicated() ? 1 : 0;
    return n;
}

int LiveClusterState::offlineCount() const
{
    int n = 0;
    for (const LiveTopic &t : topics)
        for (const LivePartition &p : t.partitions)
            n += p.offline() ? 1 : 0;
    return n;
}

bool LiveClusterState::hasFailures() const
{
    return std::any_of(problems.begin(), problems.end(), [](const LiveError &e) { return e.isFailure(); });
}

} // namespace kafkalab::live
