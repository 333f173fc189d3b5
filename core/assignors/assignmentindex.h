#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/assignor.h"

/** Internals of the partition assignors; not part of the core's public API. */
namespace kafkalab::core::detail {

/** A partition numbered densely over all topics in Java name order: topic t's partition p is firstPartition(t) + p. */
using PartitionId = std::int32_t;
/** A member's position in member-id (Java string) order. */
using MemberIndex = std::int32_t;
/** A topic's position in Java name order among the subscribed topics that have partitions. */
using TopicIndex = std::int32_t;

/**
 * The assignor input turned into dense integer indices, so the algorithms compare integers
 * instead of strings and need no hash maps.
 *
 * Topics: those some member subscribes to with at least one partition (Kafka's
 * `partitionsPerTopic`), sorted by name. Members: unique by member id (the first wins), sorted by
 * member id. Owned partitions: those of indexed topics within range, duplicates removed, in the
 * member's order.
 */
class AssignmentIndex
{
public:
    AssignmentIndex(const TopicPartitionCounts &topics, const std::vector<AssignorMember> &members);

    [[nodiscard]] MemberIndex memberCount() const noexcept { return static_cast<MemberIndex>(m_members.size()); }
    [[nodiscard]] const AssignorMember &member(MemberIndex m) const noexcept { return *m_members[std::size_t(m)]; }

    [[nodiscard]] TopicIndex topicCount() const noexcept { return static_cast<TopicIndex>(m_topicNames.size()); }
    [[nodiscard]] const std::string &topicName(TopicIndex t) const noexcept { return m_topicNames[std::size_t(t)]; }
    [[nodiscard]] std::int32_t partitionCount(TopicIndex t) const noexcept { return m_partitionCounts[std::size_t(t)]; }
    [[nodiscard]] PartitionId firstPartition(TopicIndex t) const noexcept { return m_firstPartition[std::size_t(t)]; }
    [[nodiscard]] PartitionId totalPartitions() const noexcept { return m_totalPartitions; }

    [[nodiscard]] TopicIndex topicOf(PartitionId p) const noexcept { return m_topicOfPartition[std::size_t(p)]; }
    [[nodiscard]] std::int32_t partitionNumber(PartitionId p) const noexcept
    {
        return p - m_firstPartition[std::size_t(topicOf(p))];
    }
    [[nodiscard]] TopicPartition toTopicPartition(PartitionId p) const
    {
        return {topicName(topicOf(p)), partitionNumber(p)};
    }

    /** Indexed topics the member subscribes to, ascending. */
    [[nodiscard]] const std::vector<TopicIndex> &subscribedTopics(MemberIndex m) const noexcept
    {
        return m_memberTopics[std::size_t(m)];
    }
    [[nodiscard]] bool isSubscribed(MemberIndex m, TopicIndex t) const noexcept;
    /** Members subscribed to the topic, ascending. */
    [[nodiscard]] const std::vector<MemberIndex> &subscribers(TopicIndex t) const noexcept
    {
        return m_topicSubscribers[std::size_t(t)];
    }
    /** Sum of the partitions of the member's subscribed topics. */
    [[nodiscard]] std::int64_t maxAssignmentSize(MemberIndex m) const noexcept
    {
        return m_maxAssignment[std::size_t(m)];
    }

    /**
     * True when every member lists the same topic set, unknown topics included: the test of
     * `AbstractStickyAssignor.allSubscriptionsEqual`.
     */
    [[nodiscard]] bool allSubscriptionsEqual() const noexcept { return m_allSubscriptionsEqual; }

    /** Valid owned partitions of the member (see class comment). */
    [[nodiscard]] const std::vector<PartitionId> &owned(MemberIndex m) const noexcept
    {
        return m_owned[std::size_t(m)];
    }

    [[nodiscard]] std::optional<PartitionId> find(const TopicPartition &tp) const;

    /**
     * The order in which Java iterates a `HashMap<String, …>` keyed by these member ids, filled
     * one put per member: by bucket at the map's final capacity, member-id order within a bucket
     * (Kafka's would be the JoinGroup order there).
     */
    [[nodiscard]] const std::vector<MemberIndex> &javaHashMapOrder() const noexcept { return m_javaHashMapOrder; }

private:
    std::vector<const AssignorMember *> m_members;
    std::vector<std::string> m_topicNames;
    std::vector<std::int32_t> m_partitionCounts;
    std::vector<PartitionId> m_firstPartition;
    std::vector<TopicIndex> m_topicOfPartition;
    PartitionId m_totalPartitions = 0;
    std::vector<std::vector<TopicIndex>> m_memberTopics;
    std::vector<std::vector<MemberIndex>> m_topicSubscribers;
    std::vector<std::int64_t> m_maxAssignment;
    std::vector<std::vector<PartitionId>> m_owned;
    std::vector<MemberIndex> m_javaHashMapOrder;
    bool m_allSubscriptionsEqual = true;
};

/** Table size of a `new HashMap<>()` after `size` puts: 16, doubled while size > 0.75 × capacity. */
[[nodiscard]] std::size_t javaHashMapCapacity(std::size_t size) noexcept;

/**
 * The bucket of a String key in a Java HashMap: `(h ^ h >>> 16) & (capacity − 1)` with
 * `h = key.hashCode()`. Iteration visits buckets in ascending order, each in insertion order
 * (bins treeified after 8 collisions are not modelled).
 */
[[nodiscard]] std::size_t javaHashMapBucket(std::string_view key, std::size_t capacity) noexcept;

/** Java string order as a strict weak ordering, for sorting. */
struct JavaStringLess
{
    bool operator()(const std::string &a, const std::string &b) const noexcept { return javaStringCompare(a, b) < 0; }
};

} // namespace kafkalab::core::detail
