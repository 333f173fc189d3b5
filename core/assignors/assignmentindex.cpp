#include "assignmentindex.h"

#include <algorithm>
#include <set>

namespace kafkalab::core::detail {

AssignmentIndex::AssignmentIndex(const TopicPartitionCounts &topics, const std::vector<AssignorMember> &members)
{
    // A group cannot hold two members with one id; keep the first so the maps stay consistent.
    std::set<std::string_view> seenIds;
    for (const AssignorMember &member : members) {
        if (seenIds.insert(member.memberId).second)
            m_members.push_back(&member);
    }
    std::stable_sort(m_members.begin(), m_members.end(), [](const AssignorMember *a, const AssignorMember *b) {
        return javaStringCompare(a->memberId, b->memberId) < 0;
    });

    // Subscriptions as sets: a Java consumer builds them from a Set, so order and repeats are noise.
    std::vector<std::vector<std::string_view>> rawTopics;
    rawTopics.reserve(m_members.size());
    for (const AssignorMember *member : m_members) {
        std::vector<std::string_view> sorted(member->topics.begin(), member->topics.end());
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        if (!rawTopics.empty() && sorted != rawTopics.front())
            m_allSubscriptionsEqual = false;
        rawTopics.push_back(std::move(sorted));
    }

    // Kafka's partitionsPerTopic: subscribed topics known to metadata with at least one partition.
    std::set<std::string_view> subscribedTopics;
    for (std::size_t m = 0; m < rawTopics.size(); ++m) {
        if (m == 0 || rawTopics[m] != rawTopics[m - 1])
            subscribedTopics.insert(rawTopics[m].begin(), rawTopics[m].end());
    }
    for (const std::string_view name : subscribedTopics) {
        const auto it = topics.find(std::string(name));
        if (it != topics.end() && it->second > 0)
            m_topicNames.emplace_back(name);
    }
    std::sort(m_topicNames.begin(), m_topicNames.end(), JavaStringLess {});

    m_partitionCounts.reserve(m_topicNames.size());
    m_firstPartition.reserve(m_topicNames.size());
    for (std::size_t t = 0; t < m_topicNames.size(); ++t) {
        const std::int32_t count = topics.at(m_topicNames[t]);
        m_partitionCounts.push_back(count);
        m_firstPartition.push_back(m_totalPartitions);
        m_topicOfPartition.insert(m_topicOfPartition.end(), std::size_t(count), static_cast<TopicIndex>(t));
        m_totalPartitions += count;
    }

    m_memberTopics.resize(m_members.size());
    m_topicSubscribers.resize(m_topicNames.size());
    m_maxAssignment.assign(m_members.size(), 0);
    for (std::size_t m = 0; m < m_members.size(); ++m) {
        if (m > 0 && rawTopics[m] == rawTopics[m - 1]) {
            m_memberTopics[m] = m_memberTopics[m - 1]; // the common case: identical subscriptions
        } else {
            for (const std::string_view name : rawTopics[m]) {
                const auto it = std::lower_bound(m_topicNames.begin(), m_topicNames.end(), name,
                    [](const std::string &a, std::string_view b) { return javaStringCompare(a, b) < 0; });
                if (it != m_topicNames.end() && *it == name)
                    m_memberTopics[m].push_back(static_cast<TopicIndex>(it - m_topicNames.begin()));
            }
            std::sort(m_memberTopics[m].begin(), m_memberTopics[m].end());
        }
        for (const TopicIndex t : m_memberTopics[m]) {
            m_topicSubscribers[std::size_t(t)].push_back(static_cast<MemberIndex>(m));
            m_maxAssignment[m] += m_partitionCounts[std::size_t(t)];
        }
    }

    const std::size_t capacity = javaHashMapCapacity(m_members.size());
    std::vector<std::size_t> buckets(m_members.size());
    for (std::size_t m = 0; m < m_members.size(); ++m) {
        buckets[m] = javaHashMapBucket(m_members[m]->memberId, capacity);
        m_javaHashMapOrder.push_back(static_cast<MemberIndex>(m));
    }
    std::stable_sort(m_javaHashMapOrder.begin(), m_javaHashMapOrder.end(),
        [&buckets](MemberIndex a, MemberIndex b) { return buckets[std::size_t(a)] < buckets[std::size_t(b)]; });

    // A stamp per partition finds repeats within one member's list in linear time.
    std::vector<MemberIndex> lastSeenBy(std::size_t(m_totalPartitions), -1);
    m_owned.resize(m_members.size());
    for (std::size_t m = 0; m < m_members.size(); ++m) {
        for (const TopicPartition &tp : m_members[m]->owned) {
            const std::optional<PartitionId> id = find(tp);
            if (!id || lastSeenBy[std::size_t(*id)] == static_cast<MemberIndex>(m))
                continue;
            lastSeenBy[std::size_t(*id)] = static_cast<MemberIndex>(m);
            m_owned[m].push_back(*id);
        }
    }
}

bool AssignmentIndex::isSubscribed(MemberIndex m, TopicIndex t) const noexcept
{
    const auto &list = m_memberTopics[std::size_t(m)];
    return std::binary_search(list.begin(), list.end(), t);
}

std::optional<PartitionId> AssignmentIndex::find(const TopicPartition &tp) const
{
    const auto it = std::lower_bound(m_topicNames.begin(), m_topicNames.end(), tp.topic, JavaStringLess {});
    if (it == m_topicNames.end() || *it != tp.topic)
        return std::nullopt;
    const auto t = std::size_t(it - m_topicNames.begin());
    if (tp.partition < 0 || tp.partition >= m_partitionCounts[t])
        return std::nullopt;
    return m_firstPartition[t] + tp.partition;
}

std::size_t javaHashMapCapacity(std::size_t size) noexcept
{
    std::size_t capacity = 16;
    while (size > capacity / 4 * 3)
        capacity *= 2;
    return capacity;
}

std::size_t javaHashMapBucket(std::string_view key, std::size_t capacity) noexcept
{
    const auto h = static_cast<std::uint32_t>(javaStringHashCode(key));
    return (h ^ (h >> 16)) & (capacity - 1);
}

} // namespace kafkalab::core::detail
