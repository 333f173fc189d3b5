#include "stickyassignor.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <iterator>
#include <limits>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace kafkalab::core::detail {

namespace {

using LoadKey = std::pair<std::int64_t, MemberIndex>; // (assigned count, member): SubscriptionComparator

/** Previously owned partitions after settling conflicting claims (`allSubscriptionsEqual`). */
struct Claims
{
    std::vector<std::vector<PartitionId>> ownedByMember;
    /** `partitionsWithMultiplePreviousOwners`. */
    std::vector<char> multipleOwners;
};

/**
 * Kafka walks members in HashMap order and lets a claim with a higher generation take a
 * partition from a lower one, while two claims in the same generation cancel each other. Doing
 * it per partition over all claims gives the same answer without the order: the unique claim of
 * the highest generation wins; a tie at the highest generation leaves the partition unowned.
 */
Claims resolveClaims(const AssignmentIndex &index, bool useOwned)
{
    const auto partitions = std::size_t(index.totalPartitions());
    const auto members = std::size_t(index.memberCount());
    Claims claims;
    claims.ownedByMember.resize(members);
    claims.multipleOwners.assign(partitions, 0);
    if (!useOwned)
        return claims;

    std::vector<std::int32_t> bestGeneration(partitions, std::numeric_limits<std::int32_t>::min());
    std::vector<MemberIndex> bestOwner(partitions, -1);
    for (std::size_t m = 0; m < members; ++m) {
        const std::int32_t generation = index.member(MemberIndex(m)).generation;
        for (const PartitionId p : index.owned(MemberIndex(m))) {
            const auto pi = std::size_t(p);
            if (bestOwner[pi] < 0 || generation > bestGeneration[pi]) {
                bestGeneration[pi] = generation;
                bestOwner[pi] = MemberIndex(m);
                claims.multipleOwners[pi] = 0;
            } else if (generation == bestGeneration[pi]) {
                claims.multipleOwners[pi] = 1;
            }
        }
    }
    for (std::size_t m = 0; m < members; ++m) {
        for (const PartitionId p : index.owned(MemberIndex(m))) {
            if (bestOwner[std::size_t(p)] == MemberIndex(m) && !claims.multipleOwners[std::size_t(p)])
                claims.ownedByMember[m].push_back(p);
        }
    }
    return claims;
}

/**
 * `ConstrainedAssignmentBuilder`: all members subscribe to the same topics, so the target is
 * known up front: minQuota or maxQuota each, with exactly P % C members at maxQuota.
 */
class ConstrainedBuilder
{
public:
    ConstrainedBuilder(const AssignmentIndex &index, const Claims &claims)
        : m_index(index)
        , m_claims(claims)
    { }

    StickyAssignor::Result build()
    {
        const auto members = std::size_t(m_index.memberCount());
        const std::int64_t total = m_index.totalPartitions();
        m_minQuota = total / std::int64_t(members);
        m_maxQuota = (total + std::int64_t(members) - 1) / std::int64_t(members);
        m_expectedOver = total % std::int64_t(members);

        m_result.assignment.resize(members);
        m_result.transferringTo.assign(std::size_t(total), -1);
        m_result.constrained = true;
        m_assigned.assign(std::size_t(total), 0);
        m_allRevoked.assign(std::size_t(total), 0);

        assignOwnedPartitions();
        assignRoundRobin();
        for (auto &list : m_result.assignment)
            std::sort(list.begin(), list.end());
        return std::move(m_result);
    }

private:
    void keep(MemberIndex m, const std::vector<PartitionId> &owned, std::int64_t count)
    {
        for (std::size_t i = 0; i < owned.size(); ++i) {
            if (std::int64_t(i) < count) {
                m_result.assignment[std::size_t(m)].push_back(owned[i]);
                m_assigned[std::size_t(owned[i])] = 1;
            } else {
                m_allRevoked[std::size_t(owned[i])] = 1;
            }
        }
    }

    // The iteration order over members decides who gets the maxQuota slots: Java's HashMap order.
    void assignOwnedPartitions()
    {
        for (const MemberIndex m : m_index.javaHashMapOrder()) {
            std::vector<PartitionId> owned = m_claims.ownedByMember[std::size_t(m)];
            // Sorted by partition number, then topic, as the current assignOwnedPartitions does
            // (older clients kept the list order): it decides what an over-quota member keeps.
            std::sort(owned.begin(), owned.end(), [this](PartitionId a, PartitionId b) {
                const auto na = m_index.partitionNumber(a);
                const auto nb = m_index.partitionNumber(b);
                return na != nb ? na < nb : m_index.topicOf(a) < m_index.topicOf(b);
            });
            const auto size = std::int64_t(owned.size());
            if (size < m_minQuota) {
                keep(m, owned, size);
                m_underMinQuota.push_back(m);
            } else if (size >= m_maxQuota && m_currentOver < m_expectedOver) {
                ++m_currentOver;
                if (m_currentOver == m_expectedOver)
                    m_exactlyMinQuota.clear();
                keep(m, owned, m_maxQuota);
            } else {
                keep(m, owned, m_minQuota);
                if (m_currentOver < m_expectedOver)
                    m_exactlyMinQuota.push_back(m);
            }
        }
    }

    // Unassigned partitions in (topic, partition) order, dealt round-robin over the members
    // below minQuota (member-id order), then one each to members waiting at minQuota.
    void assignRoundRobin()
    {
        // Collections.sort on both lists: member ids ascend with MemberIndex.
        m_underMinQuota.sort();
        std::sort(m_exactlyMinQuota.begin(), m_exactlyMinQuota.end());
        auto next = m_underMinQuota.begin();
        for (PartitionId p = 0; p < m_index.totalPartitions(); ++p) {
            if (m_assigned[std::size_t(p)])
                continue;
            MemberIndex member = -1;
            std::list<MemberIndex>::iterator lastReturned = m_underMinQuota.end();
            if (next != m_underMinQuota.end()) {
                lastReturned = next++;
                member = *lastReturned;
            } else if (!m_underMinQuota.empty()) {
                next = m_underMinQuota.begin();
                lastReturned = next++;
                member = *lastReturned;
            } else if (!m_exactlyMinQuota.empty()) {
                member = m_exactlyMinQuota.front();
                m_exactlyMinQuota.pop_front();
            } else {
                // Kafka throws IllegalStateException here; the quotas make it unreachable.
                member = leastLoadedMember();
            }

            auto &list = m_result.assignment[std::size_t(member)];
            list.push_back(p);
            if (m_allRevoked[std::size_t(p)] || m_claims.multipleOwners[std::size_t(p)])
                m_result.transferringTo[std::size_t(p)] = member;

            const auto count = std::int64_t(list.size());
            if (count == m_minQuota) {
                if (lastReturned != m_underMinQuota.end())
                    m_underMinQuota.erase(lastReturned);
                m_exactlyMinQuota.push_back(member);
            } else if (count == m_maxQuota) {
                ++m_currentOver;
            }
        }
    }

    [[nodiscard]] MemberIndex leastLoadedMember() const
    {
        MemberIndex best = 0;
        for (MemberIndex m = 1; m < m_index.memberCount(); ++m) {
            if (m_result.assignment[std::size_t(m)].size() < m_result.assignment[std::size_t(best)].size())
                best = m;
        }
        return best;
    }

    const AssignmentIndex &m_index;
    const Claims &m_claims;
    StickyAssignor::Result m_result;
    std::vector<char> m_assigned;
    std::vector<char> m_allRevoked;
    std::list<MemberIndex> m_underMinQuota;
    std::deque<MemberIndex> m_exactlyMinQuota;
    std::int64_t m_minQuota = 0;
    std::int64_t m_maxQuota = 0;
    std::int64_t m_expectedOver = 0;
    std::int64_t m_currentOver = 0;
};

/**
 * `GeneralAssignmentBuilder`: subscriptions differ. Keep every valid owned partition, give the
 * rest to the least-loaded subscriber, then move partitions from members with 2+ more than a
 * subscriber of the same topic until `isBalanced`, preferring to hand a partition back to its
 * previous-generation owner and undoing earlier moves (`PartitionMovements`).
 *
 * "Least-loaded subscriber" is the first member of `sortedCurrentSubscriptions` (count, then
 * member id) subscribed to the topic. Topics with the same subscriber set share one ordered set,
 * which finds that member without scanning the whole group.
 */
class GeneralBuilder
{
public:
    GeneralBuilder(const AssignmentIndex &index, const Claims &claims, bool useOwned)
        : m_index(index)
        , m_claims(claims)
        , m_useOwned(useOwned)
    { }

    StickyAssignor::Result build()
    {
        const auto members = std::size_t(m_index.memberCount());
        const auto partitions = std::size_t(m_index.totalPartitions());
        m_assignment.resize(members);
        m_owner.assign(partitions, -1);
        m_position.assign(partitions, -1);
        m_participating.assign(members, 1);
        m_moveSource.assign(partitions, -1);
        m_moveDestination.assign(partitions, -1);
        // Every real move lowers the balance score; the cap only guards the partition swaps of
        // PartitionMovements, which Kafka runs without one.
        m_moveLimit = 16 * (std::int64_t(partitions) + std::int64_t(members)) + 1024;

        buildTopicClasses();
        prepopulatePreviousAssignment();
        assignOwnedPartitions();

        std::vector<TopicIndex> topicOrder(std::size_t(m_index.topicCount()));
        for (std::size_t t = 0; t < topicOrder.size(); ++t)
            topicOrder[t] = TopicIndex(t);
        // TopicComparator: fewest potential consumers first, then name.
        std::stable_sort(topicOrder.begin(), topicOrder.end(), [this](TopicIndex a, TopicIndex b) {
            return m_index.subscribers(a).size() < m_index.subscribers(b).size();
        });
        std::vector<PartitionId> sortedAll;
        sortedAll.reserve(partitions);
        for (const TopicIndex t : topicOrder) {
            for (std::int32_t i = 0; i < m_index.partitionCount(t); ++i)
                sortedAll.push_back(m_index.firstPartition(t) + i);
        }
        std::vector<PartitionId> unassigned;
        for (const PartitionId p : sortedAll) {
            if (m_owner[std::size_t(p)] < 0)
                unassigned.push_back(p);
        }

        for (MemberIndex m = 0; m < MemberIndex(members); ++m)
            insertLoad(m);
        balance(sortedAll, unassigned);

        StickyAssignor::Result result;
        result.assignment = std::move(m_assignment);
        for (auto &list : result.assignment)
            std::sort(list.begin(), list.end());
        result.transferringTo = transferringOwnership();
        return result;
    }

private:
    struct TopicClass
    {
        std::vector<MemberIndex> members;
        std::set<LoadKey> byLoad;
    };

    void buildTopicClasses()
    {
        std::map<std::vector<MemberIndex>, int> classOf;
        m_topicClass.resize(std::size_t(m_index.topicCount()));
        m_memberClasses.resize(std::size_t(m_index.memberCount()));
        for (TopicIndex t = 0; t < m_index.topicCount(); ++t) {
            const auto &subscribers = m_index.subscribers(t);
            auto [it, inserted] = classOf.emplace(subscribers, int(m_classes.size()));
            if (inserted) {
                m_classes.push_back(TopicClass {subscribers, {}});
                for (const MemberIndex m : subscribers)
                    m_memberClasses[std::size_t(m)].push_back(it->second);
            }
            m_topicClass[std::size_t(t)] = it->second;
        }
    }

    // prevAssignment: for each partition, the owner of the latest generation below the group's
    // highest, from the raw owned lists (ties keep the first in Java HashMap order).
    void prepopulatePreviousAssignment()
    {
        const auto partitions = std::size_t(m_index.totalPartitions());
        m_previousOwner.assign(partitions, -1);
        m_previousGeneration.assign(partitions, std::numeric_limits<std::int32_t>::min());
        if (!m_useOwned)
            return;
        std::int32_t maxGeneration = -1;
        for (MemberIndex m = 0; m < m_index.memberCount(); ++m)
            maxGeneration = std::max(maxGeneration, m_index.member(m).generation);
        for (const MemberIndex m : m_index.javaHashMapOrder()) {
            const std::int32_t generation = m_index.member(m).generation;
            if (generation >= maxGeneration)
                continue;
            for (const PartitionId p : m_index.owned(m)) {
                const auto pi = std::size_t(p);
                if (m_previousOwner[pi] < 0 || generation > m_previousGeneration[pi]) {
                    m_previousOwner[pi] = m;
                    m_previousGeneration[pi] = generation;
                }
            }
        }
    }

    void assignOwnedPartitions()
    {
        for (MemberIndex m = 0; m < m_index.memberCount(); ++m) {
            for (const PartitionId p : m_claims.ownedByMember[std::size_t(m)]) {
                if (m_index.isSubscribed(m, m_index.topicOf(p)))
                    attach(m, p);
                else
                    m_revocationRequired = true; // still exists, but the member left its topic
            }
        }
    }

    // --- load bookkeeping: every count change goes through detach/attach ---

    [[nodiscard]] std::int64_t load(MemberIndex m) const { return std::int64_t(m_assignment[std::size_t(m)].size()); }

    void insertLoad(MemberIndex m)
    {
        if (!m_participating[std::size_t(m)])
            return;
        m_sorted.insert({load(m), m});
        for (const int c : m_memberClasses[std::size_t(m)])
            m_classes[std::size_t(c)].byLoad.insert({load(m), m});
    }

    void eraseLoad(MemberIndex m)
    {
        if (!m_participating[std::size_t(m)])
            return;
        m_sorted.erase({load(m), m});
        for (const int c : m_memberClasses[std::size_t(m)])
            m_classes[std::size_t(c)].byLoad.erase({load(m), m});
    }

    void attach(MemberIndex m, PartitionId p)
    {
        auto &list = m_assignment[std::size_t(m)];
        m_position[std::size_t(p)] = std::int32_t(list.size());
        list.push_back(p);
        m_owner[std::size_t(p)] = m;
    }

    void detach(PartitionId p)
    {
        const MemberIndex m = m_owner[std::size_t(p)];
        auto &list = m_assignment[std::size_t(m)];
        const auto at = std::size_t(m_position[std::size_t(p)]);
        list[at] = list.back();
        m_position[std::size_t(list[at])] = std::int32_t(at);
        list.pop_back();
        m_owner[std::size_t(p)] = -1;
        m_position[std::size_t(p)] = -1;
    }

    void moveTo(PartitionId p, MemberIndex to)
    {
        const MemberIndex from = m_owner[std::size_t(p)];
        if (from >= 0) {
            eraseLoad(from);
            detach(p);
            insertLoad(from);
        }
        eraseLoad(to);
        attach(to, p);
        insertLoad(to);
        m_balanced.reset();
    }

    /** The first of sortedCurrentSubscriptions subscribed to the topic. */
    [[nodiscard]] MemberIndex leastLoadedSubscriber(TopicIndex t) const
    {
        const auto &byLoad = m_classes[std::size_t(m_topicClass[std::size_t(t)])].byLoad;
        return byLoad.empty() ? -1 : byLoad.begin()->second;
    }

    // --- balance() ---

    void balance(const std::vector<PartitionId> &sortedAll, const std::vector<PartitionId> &unassigned)
    {
        const bool initializing = m_sorted.rbegin()->first == 0;

        for (const PartitionId p : unassigned) {
            const MemberIndex m = leastLoadedSubscriber(m_index.topicOf(p));
            if (m >= 0)
                moveTo(p, m);
        }

        // Only partitions of topics with 2+ subscribers, and members that could gain or lose
        // one, take part in the moves.
        const auto reassignable = [this](PartitionId p) { return m_index.subscribers(m_index.topicOf(p)).size() >= 2; };
        std::vector<PartitionId> reassignableAll;
        std::copy_if(sortedAll.begin(), sortedAll.end(), std::back_inserter(reassignableAll), reassignable);
        std::vector<PartitionId> reassignableUnassigned;
        std::copy_if(unassigned.begin(), unassigned.end(), std::back_inserter(reassignableUnassigned), reassignable);
        for (MemberIndex m = 0; m < m_index.memberCount(); ++m) {
            if (!canParticipate(m)) {
                eraseLoad(m);
                m_participating[std::size_t(m)] = 0;
            }
        }
        m_balanced.reset();

        const std::vector<MemberIndex> preBalanceOwner = m_owner;
        const std::int64_t preBalanceScore = balanceScore();

        if (!m_revocationRequired)
            performReassignments(reassignableUnassigned);
        const bool reassignmentPerformed = performReassignments(reassignableAll);

        // Kafka keeps the moves only if they improved the balance score.
        if (!initializing && reassignmentPerformed && balanceScore() >= preBalanceScore)
            restore(preBalanceOwner);
    }

    [[nodiscard]] bool canParticipate(MemberIndex m) const
    {
        if (load(m) < m_index.maxAssignmentSize(m))
            return true;
        return std::any_of(m_assignment[std::size_t(m)].begin(), m_assignment[std::size_t(m)].end(),
            [this](PartitionId p) { return m_index.subscribers(m_index.topicOf(p)).size() >= 2; });
    }

    /** Sum of |a − b| over all pairs of participating members. */
    [[nodiscard]] std::int64_t balanceScore() const
    {
        std::vector<std::int64_t> loads;
        loads.reserve(m_sorted.size());
        for (const auto &[count, m] : m_sorted)
            loads.push_back(count); // ascending already
        std::int64_t score = 0;
        const auto n = std::int64_t(loads.size());
        for (std::int64_t i = 0; i < n; ++i)
            score += loads[std::size_t(i)] * (2 * i - n + 1);
        return score;
    }

    void restore(const std::vector<MemberIndex> &owner)
    {
        for (MemberIndex m = 0; m < m_index.memberCount(); ++m)
            eraseLoad(m);
        for (auto &list : m_assignment)
            list.clear();
        for (PartitionId p = 0; p < m_index.totalPartitions(); ++p) {
            if (owner[std::size_t(p)] >= 0)
                attach(owner[std::size_t(p)], p);
            else
                m_owner[std::size_t(p)] = -1;
        }
        for (MemberIndex m = 0; m < m_index.memberCount(); ++m)
            insertLoad(m);
        m_balanced.reset();
    }

    /**
     * `isBalanced`: counts differ by at most one, or no participating member could take a
     * partition of a subscribed topic from a member with 2+ more. Cached until the next move;
     * per topic only the most-loaded owner matters.
     */
    bool isBalanced()
    {
        if (m_balanced)
            return *m_balanced;
        m_balanced = computeBalanced();
        return *m_balanced;
    }

    [[nodiscard]] bool computeBalanced() const
    {
        if (m_sorted.empty())
            return true;
        if (m_sorted.begin()->first >= m_sorted.rbegin()->first - 1)
            return true;
        std::vector<std::int64_t> maxOwnerLoad(std::size_t(m_index.topicCount()), 0);
        for (PartitionId p = 0; p < m_index.totalPartitions(); ++p) {
            const MemberIndex owner = m_owner[std::size_t(p)];
            if (owner >= 0 && m_participating[std::size_t(owner)]) {
                auto &slot = maxOwnerLoad[std::size_t(m_index.topicOf(p))];
                slot = std::max(slot, load(owner));
            }
        }
        for (const auto &[count, m] : m_sorted) {
            if (count == m_index.maxAssignmentSize(m))
                continue;
            for (const TopicIndex t : m_index.subscribedTopics(m)) {
                if (count + 1 < maxOwnerLoad[std::size_t(t)])
                    return false;
            }
        }
        return true;
    }

    bool performReassignments(const std::vector<PartitionId> &partitions)
    {
        bool performed = false;
        bool modified = false;
        do {
            modified = false;
            for (const PartitionId p : partitions) {
                if (isBalanced() || m_moves >= m_moveLimit)
                    break;
                const MemberIndex owner = m_owner[std::size_t(p)];
                if (owner < 0)
                    continue;
                const TopicIndex topic = m_index.topicOf(p);

                // Hand it back to its previous-generation owner when that evens things out.
                // Kafka does not check that owner may still take the topic (nor that it takes
                // part); handing a partition to a non-subscriber would be invalid, so it is skipped.
                const MemberIndex previous = m_previousOwner[std::size_t(p)];
                if (previous >= 0 && previous != owner && m_participating[std::size_t(previous)]
                    && m_index.isSubscribed(previous, topic) && load(owner) > load(previous) + 1) {
                    reassign(p, previous);
                    performed = modified = true;
                    continue;
                }

                const MemberIndex target = leastLoadedSubscriber(topic);
                if (target >= 0 && load(owner) > load(target) + 1) {
                    reassign(p, target);
                    performed = modified = true;
                }
            }
        } while (modified && m_moves < m_moveLimit);
        return performed;
    }

    void reassign(PartitionId p, MemberIndex to)
    {
        const PartitionId moved = actualPartitionToBeMoved(p, m_owner[std::size_t(p)], to);
        recordMovement(moved, m_owner[std::size_t(moved)], to);
        moveTo(moved, to);
        ++m_moves;
    }

    // --- PartitionMovements ---

    /**
     * If a partition of the same topic moved earlier from the destination to the source, move
     * that one back instead, so no topic ends up shuffled both ways between two members. Java
     * takes the first of a HashSet; this takes the lowest partition.
     */
    [[nodiscard]] PartitionId actualPartitionToBeMoved(PartitionId p, MemberIndex from, MemberIndex to) const
    {
        const auto topicIt = m_movementsByTopic.find(m_index.topicOf(p));
        if (topicIt == m_movementsByTopic.end())
            return p;
        if (m_moveSource[std::size_t(p)] >= 0)
            from = m_moveSource[std::size_t(p)];
        const auto pairIt = topicIt->second.find({to, from});
        if (pairIt == topicIt->second.end())
            return p;
        return *pairIt->second.begin();
    }

    void recordMovement(PartitionId p, MemberIndex from, MemberIndex to)
    {
        const auto pi = std::size_t(p);
        if (m_moveSource[pi] >= 0) {
            const MemberIndex source = m_moveSource[pi];
            removeMovementRecord(p);
            if (source != to)
                addMovementRecord(p, source, to);
        } else {
            addMovementRecord(p, from, to);
        }
    }

    void addMovementRecord(PartitionId p, MemberIndex from, MemberIndex to)
    {
        m_moveSource[std::size_t(p)] = from;
        m_moveDestination[std::size_t(p)] = to;
        m_movementsByTopic[m_index.topicOf(p)][{from, to}].insert(p);
    }

    void removeMovementRecord(PartitionId p)
    {
        const TopicIndex topic = m_index.topicOf(p);
        auto &byPair = m_movementsByTopic[topic];
        const std::pair<MemberIndex, MemberIndex> key {m_moveSource[std::size_t(p)], m_moveDestination[std::size_t(p)]};
        auto &set = byPair[key];
        set.erase(p);
        if (set.empty())
            byPair.erase(key);
        if (byPair.empty())
            m_movementsByTopic.erase(topic);
        m_moveSource[std::size_t(p)] = -1;
        m_moveDestination[std::size_t(p)] = -1;
    }

    // `CooperativeStickyAssignor.computePartitionsTransferringOwnership`: partitions newly
    // assigned to one member (not in its owned list) that some member owned and now loses.
    [[nodiscard]] std::vector<MemberIndex> transferringOwnership() const
    {
        const auto partitions = std::size_t(m_index.totalPartitions());
        std::vector<MemberIndex> transferring(partitions, -1);
        if (!m_useOwned)
            return transferring;
        std::vector<char> keptByOwner(partitions, 0);
        std::vector<char> revokedSomewhere(partitions, 0);
        for (MemberIndex m = 0; m < m_index.memberCount(); ++m) {
            for (const PartitionId p : m_index.owned(m)) {
                if (m_owner[std::size_t(p)] == m)
                    keptByOwner[std::size_t(p)] = 1;
                else
                    revokedSomewhere[std::size_t(p)] = 1;
            }
        }
        for (std::size_t p = 0; p < partitions; ++p) {
            if (m_owner[p] >= 0 && !keptByOwner[p] && revokedSomewhere[p])
                transferring[p] = m_owner[p];
        }
        return transferring;
    }

    const AssignmentIndex &m_index;
    const Claims &m_claims;
    bool m_useOwned;

    std::vector<std::vector<PartitionId>> m_assignment;
    std::vector<MemberIndex> m_owner;
    std::vector<std::int32_t> m_position;
    std::vector<char> m_participating;
    std::set<LoadKey> m_sorted; // sortedCurrentSubscriptions
    std::vector<int> m_topicClass;
    std::vector<TopicClass> m_classes;
    std::vector<std::vector<int>> m_memberClasses;

    std::vector<MemberIndex> m_previousOwner;
    std::vector<std::int32_t> m_previousGeneration;
    bool m_revocationRequired = false;

    std::vector<MemberIndex> m_moveSource;
    std::vector<MemberIndex> m_moveDestination;
    std::map<TopicIndex, std::map<std::pair<MemberIndex, MemberIndex>, std::set<PartitionId>>> m_movementsByTopic;

    std::optional<bool> m_balanced;
    std::int64_t m_moves = 0;
    std::int64_t m_moveLimit = 0;
};

} // namespace

StickyAssignor::StickyAssignor(const AssignmentIndex &index, bool useOwned)
    : m_index(index)
    , m_useOwned(useOwned)
{ }

StickyAssignor::Result StickyAssignor::run() const
{
    if (m_index.memberCount() == 0)
        return {};
    const Claims claims = resolveClaims(m_index, m_useOwned);
    if (m_index.allSubscriptionsEqual())
        return ConstrainedBuilder(m_index, claims).build();
    return GeneralBuilder(m_index, claims, m_useOwned).build();
}

} // namespace kafkalab::core::detail
