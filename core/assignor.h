#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace kafkalab::core {

/**
 * One group member as the group leader's assignor sees it: the JoinGroup subscription
 * (`ConsumerProtocolSubscription`) of a classic consumer group.
 *
 * `owned` and `generation` are what the sticky assignors read as the previous assignment:
 * for CooperativeSticky the subscription's ownedPartitions and generationId (v2+); for the
 * eager Sticky the assignment it kept in its userData. Range and RoundRobin ignore them.
 */
struct AssignorMember
{
    /** Unique within the group. */
    std::string memberId;
    /** `group.instance.id` of a static member; empty for a dynamic member. */
    std::optional<std::string> groupInstanceId;
    /** Subscribed topic names (order and duplicates do not matter). */
    std::vector<std::string> topics;
    /** Partitions the member reports as owned from the previous generation. */
    std::vector<TopicPartition> owned;
    /** Generation the owned partitions belong to; -1 (`DEFAULT_GENERATION`) when unknown. */
    std::int32_t generation = -1;
};

/**
 * The leader's output for one rebalance. Both maps have an entry for every member (an empty
 * list when there is nothing), and every list is sorted by topic, then partition number.
 */
struct AssignmentResult
{
    /** What each member is given in this rebalance (SyncGroup). */
    std::map<std::string, std::vector<TopicPartition>> assignment;
    /**
     * What each member gives up in this rebalance (`onPartitionsRevoked`): under EAGER every
     * member revokes all it owned before re-joining; under COOPERATIVE only owned − assigned.
     */
    std::map<std::string, std::vector<TopicPartition>> revoked;
};

/** Partition count per topic, as the leader reads it from metadata. */
using TopicPartitionCounts = std::map<std::string, std::int32_t>;

/** The four built-in assignors of the Java consumer (`partition.assignment.strategy`). */
enum class AssignorKind { Range, RoundRobin, Sticky, CooperativeSticky };

/** `ConsumerPartitionAssignor.RebalanceProtocol`, ordered as in Kafka (COOPERATIVE is higher). */
enum class RebalanceProtocol { Eager = 0, Cooperative = 1 };

/** The assignor's `name()`, which is also the JoinGroup protocol name: `range`, `cooperative-sticky`… */
[[nodiscard]] std::string_view assignorName(AssignorKind kind) noexcept;

/**
 * Parses an assignor by its protocol name (`range`, `roundrobin`, `sticky`, `cooperative-sticky`)
 * or by the class name accepted in `partition.assignment.strategy`
 * (`org.apache.kafka.clients.consumer.RangeAssignor`, or just `RangeAssignor`).
 */
[[nodiscard]] std::optional<AssignorKind> parseAssignorKind(std::string_view name) noexcept;

/** `EAGER` or `COOPERATIVE`. */
[[nodiscard]] std::string_view rebalanceProtocolName(RebalanceProtocol protocol) noexcept;

/** `supportedProtocols()`: only CooperativeSticky lists COOPERATIVE (besides EAGER). */
[[nodiscard]] bool supportsCooperative(AssignorKind kind) noexcept;

/** `supportedProtocols()` of the assignor, in Kafka's order. */
[[nodiscard]] std::vector<RebalanceProtocol> supportedProtocols(AssignorKind kind);

/** The default `partition.assignment.strategy` since Kafka 3.0: [RangeAssignor, CooperativeStickyAssignor]. */
[[nodiscard]] std::vector<AssignorKind> defaultAssignors();

/**
 * The rebalance protocol a consumer uses for its configured assignor list
 * (`ConsumerCoordinator` constructor): the highest protocol supported by every listed assignor.
 * The default [range, cooperative-sticky] gives EAGER because range only supports EAGER.
 * Empty when the list is empty (Kafka then has no protocol).
 */
[[nodiscard]] std::optional<RebalanceProtocol> rebalanceProtocolFor(std::span<const AssignorKind> configured) noexcept;

/**
 * The group coordinator's choice of assignor (`ClassicGroup.selectProtocol`). Each entry is one
 * member's JoinGroup protocol names in preference order. The candidates are the protocols every
 * member supports; each member votes for its first candidate; the most votes wins.
 *
 * Ties go to the protocol met first when iterating Java's `HashMap<String, Integer>` of votes
 * (`Stream.max` keeps the earlier of equal elements): the order of `(h ^ h >>> 16) & (capacity − 1)`
 * with `h = String.hashCode()`, then the order of first vote. So `range` beats
 * `cooperative-sticky` on a tie (buckets 9 and 15). Empty when the members share no protocol
 * (the coordinator rejects the join with INCONSISTENT_GROUP_PROTOCOL) or there are no members.
 */
[[nodiscard]] std::optional<std::string> selectGroupProtocol(
    const std::vector<std::vector<std::string>> &memberProtocols);

/**
 * Java's `String.compareTo` on UTF-8 input: lexicographic by UTF-16 code unit, so
 * `"consumer10" < "consumer2"` and a supplementary character sorts before U+E000..U+FFFF.
 * Returns <0, 0 or >0. Invalid UTF-8 falls back to byte order at the first difference.
 */
[[nodiscard]] int javaStringCompare(std::string_view a, std::string_view b) noexcept;

/** Java's `String.hashCode()` of the UTF-16 form of a UTF-8 string. */
[[nodiscard]] std::int32_t javaStringHashCode(std::string_view utf8) noexcept;

/**
 * Kafka's member order (`AbstractPartitionAssignor.MemberInfo.compareTo`), used by Range and
 * RoundRobin: static members (with a group.instance.id) first, compared by instance id; then
 * dynamic members by member id; both with Java string order. Equal instance ids fall back to
 * the member id so the order is total.
 */
[[nodiscard]] bool memberInfoLess(const AssignorMember &a, const AssignorMember &b) noexcept;

/**
 * Checks input a user can get wrong before it reaches `assign`: an empty or duplicated member
 * id, a negative partition count. Returns a message naming the problem, or nothing when fine.
 * Owned partitions of unknown topics are not an error (Kafka drops them: deleted topics).
 */
[[nodiscard]] std::optional<std::string> validateAssignmentInput(
    const TopicPartitionCounts &topics, const std::vector<AssignorMember> &members);

/**
 * Runs one classic-protocol assignment the way the group leader's Java client does.
 *
 * Only topics someone subscribes to with at least one partition take part (as in
 * `AbstractPartitionAssignor.assign`). Owned partitions of topics that are gone, or numbered
 * outside the topic, are dropped. Members with an already-seen member id are ignored (see
 * `validateAssignmentInput`). Deterministic: where Kafka's result depends on the iteration order
 * of a Java `HashMap` keyed by member id (which sticky member keeps a maxQuota slot), that order
 * is reproduced from `String.hashCode`, with member-id order among keys sharing a bucket.
 *
 * - Range (`RangeAssignor`): per topic, its subscribers in member order; the first P % C get
 *   one extra partition; contiguous ranges.
 * - RoundRobin (`RoundRobinAssignor`): all partitions, topics in name order, dealt round-robin
 *   over all members in member order, skipping members not subscribed to the topic.
 * - Sticky / CooperativeSticky (`AbstractStickyAssignor`): balance first, then stickiness. With
 *   identical subscriptions, `minQuota = ⌊P/C⌋`, `maxQuota = ⌈P/C⌉`; each member keeps up to
 *   its quota of owned partitions (by partition, then topic; members visited in Java HashMap
 *   order), the rest go round-robin (topic, partition order) to unfilled members in member-id
 *   order. Otherwise the general
 *   balance-and-move algorithm. A partition claimed by two members keeps the one with the
 *   higher generation; claimed by two in the same (highest) generation it is taken from both.
 * - CooperativeSticky then withholds every partition changing owner from its new owner for
 *   this round (`CooperativeStickyAssignor.adjustAssignment`); the old owner revokes it and the
 *   follow-up rebalance hands it over.
 *
 * The rebalance protocol is COOPERATIVE for CooperativeSticky and EAGER for the others.
 */
[[nodiscard]] AssignmentResult assign(
    AssignorKind kind, const TopicPartitionCounts &topics, const std::vector<AssignorMember> &members);

/**
 * As above with the group's rebalance protocol given explicitly (see `rebalanceProtocolFor`).
 * Under EAGER every member revokes everything before joining, so a CooperativeSticky group on
 * EAGER (e.g. every member configured [cooperative-sticky, range]) reports no owned partitions
 * and is not sticky; the eager Sticky keeps its stickiness through its userData. COOPERATIVE is
 * only honoured for an assignor that supports it.
 */
[[nodiscard]] AssignmentResult assign(AssignorKind kind, RebalanceProtocol protocol, const TopicPartitionCounts &topics,
    const std::vector<AssignorMember> &members);

} // namespace kafkalab::core
