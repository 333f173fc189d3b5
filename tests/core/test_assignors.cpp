#include <QTest>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/assignor.h"

using namespace kafkalab::core;

namespace {

using Lists = std::map<std::string, std::vector<TopicPartition>>;

TopicPartition tp(const std::string &topic, int partition)
{
    return {topic, partition};
}

/** "t1-0, t1-3" → partitions (the notation of Kafka's rack-aware test vectors). */
std::vector<TopicPartition> parts(const std::string &text)
{
    std::vector<TopicPartition> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(", ", at);
        if (end == std::string::npos)
            end = text.size();
        const std::string item = text.substr(at, end - at);
        const std::size_t dash = item.rfind('-');
        out.push_back(tp(item.substr(0, dash), std::stoi(item.substr(dash + 1))));
        at = end + 2;
    }
    return out;
}

std::string render(const std::vector<TopicPartition> &list)
{
    std::string out;
    for (const TopicPartition &p : list)
        out += (out.empty() ? "" : ", ") + p.toString();
    return out;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

AssignorMember member(const std::string &id, std::vector<std::string> topics, std::vector<TopicPartition> owned = {},
    int generation = -1, std::optional<std::string> instance = std::nullopt)
{
    AssignorMember m;
    m.memberId = id;
    m.groupInstanceId = std::move(instance);
    m.topics = std::move(topics);
    m.owned = std::move(owned);
    m.generation = generation;
    return m;
}

/** The assignment of one member rendered as "t-0, t-1" (the result lists are sorted). */
QString of(const AssignmentResult &result, const std::string &id)
{
    const auto it = result.assignment.find(id);
    return it == result.assignment.end() ? QStringLiteral("<absent>") : qs(render(it->second));
}

QString revokedOf(const AssignmentResult &result, const std::string &id)
{
    const auto it = result.revoked.find(id);
    return it == result.revoked.end() ? QStringLiteral("<absent>") : qs(render(it->second));
}

/** Members re-joining with what they were just given, in generation `generation`. */
std::vector<AssignorMember> rejoin(
    const std::vector<AssignorMember> &members, const AssignmentResult &result, int generation)
{
    std::vector<AssignorMember> out = members;
    for (AssignorMember &m : out) {
        m.owned = result.assignment.at(m.memberId);
        m.generation = generation;
    }
    return out;
}

std::set<std::string> subscriptionOf(const AssignorMember &m)
{
    return {m.topics.begin(), m.topics.end()};
}

/**
 * Validity (every partition of a subscribed topic to exactly one subscriber, nothing else) and
 * Kafka's balance goal: no member has 2+ more than a member subscribed to one of its topics.
 * Returns the first problem, empty when fine.
 */
QString validityAndBalance(const TopicPartitionCounts &topics, const std::vector<AssignorMember> &members,
    const AssignmentResult &result, bool checkBalance = true)
{
    std::map<TopicPartition, std::string> owner;
    for (const AssignorMember &m : members) {
        const auto it = result.assignment.find(m.memberId);
        if (it == result.assignment.end())
            return qs("no entry for " + m.memberId);
        const auto subscribed = subscriptionOf(m);
        for (const TopicPartition &p : it->second) {
            if (!subscribed.count(p.topic))
                return qs(m.memberId + " got " + p.toString() + " without subscribing to " + p.topic);
            const auto topic = topics.find(p.topic);
            if (topic == topics.end() || p.partition < 0 || p.partition >= topic->second)
                return qs(m.memberId + " got nonexistent " + p.toString());
            if (!owner.emplace(p, m.memberId).second)
                return qs(p.toString() + " given to both " + owner[p] + " and " + m.memberId);
        }
    }
    if (result.assignment.size() != members.size())
        return QStringLiteral("assignment has entries for non-members");
    std::set<std::string> subscribedTopics;
    for (const AssignorMember &m : members)
        subscribedTopics.insert(m.topics.begin(), m.topics.end());
    for (const std::string &t : subscribedTopics) {
        const auto topic = topics.find(t);
        for (int p = 0; topic != topics.end() && p < topic->second; ++p) {
            if (!owner.count(tp(t, p)))
                return qs(tp(t, p).toString() + " is subscribed but unassigned");
        }
    }
    if (!checkBalance)
        return {};
    for (const AssignorMember &big : members) {
        for (const AssignorMember &small : members) {
            const auto &bigList = result.assignment.at(big.memberId);
            const auto &smallList = result.assignment.at(small.memberId);
            if (bigList.size() < smallList.size() + 2)
                continue;
            const auto subscribed = subscriptionOf(small);
            for (const TopicPartition &p : bigList) {
                if (subscribed.count(p.topic))
                    return qs("unbalanced: " + big.memberId + " has " + std::to_string(bigList.size()) + ", "
                        + small.memberId + " has " + std::to_string(smallList.size()) + " and could take "
                        + p.toString());
            }
        }
    }
    return {};
}

bool fullyBalanced(const AssignmentResult &result)
{
    std::size_t low = SIZE_MAX;
    std::size_t high = 0;
    for (const auto &[id, list] : result.assignment) {
        low = std::min(low, list.size());
        high = std::max(high, list.size());
    }
    return result.assignment.empty() || high - low <= 1;
}

/** Within one rebalance, no partition may be revoked by one member and given to another
 * (validateCooperativeAssignment). */
QString cooperativeValidity(const std::vector<AssignorMember> &members, const AssignmentResult &result)
{
    std::set<TopicPartition> added;
    std::set<TopicPartition> revoked;
    for (const AssignorMember &m : members) {
        const auto &assigned = result.assignment.at(m.memberId);
        const std::set<TopicPartition> owned(m.owned.begin(), m.owned.end());
        const std::set<TopicPartition> now(assigned.begin(), assigned.end());
        for (const TopicPartition &p : assigned) {
            if (!owned.count(p))
                added.insert(p);
        }
        for (const TopicPartition &p : m.owned) {
            if (!now.count(p))
                revoked.insert(p);
        }
        // The reported revocations are exactly owned − assigned.
        std::vector<TopicPartition> expected;
        for (const TopicPartition &p : owned) {
            if (!now.count(p))
                expected.push_back(p);
        }
        if (render(expected) != render(result.revoked.at(m.memberId)))
            return qs(
                m.memberId + " revoked " + render(result.revoked.at(m.memberId)) + ", expected " + render(expected));
    }
    for (const TopicPartition &p : added) {
        if (revoked.count(p))
            return qs(p.toString() + " is revoked and assigned in the same rebalance");
    }
    return {};
}

/**
 * Kafka's `isSticky` (PartitionMovements.hasCycles for cycles of two): within one rebalance no
 * two members swap partitions of the same topic (a → b and b → a), as that could have been
 * avoided. Movements are read from each member's owned list against the new assignment.
 */
QString noTopicMovesBothWays(const std::vector<AssignorMember> &members, const AssignmentResult &result)
{
    std::map<TopicPartition, std::string> before;
    for (const AssignorMember &m : members) {
        for (const TopicPartition &p : m.owned)
            before[p] = m.memberId;
    }
    std::set<std::tuple<std::string, std::string, std::string>> moves; // topic, from, to
    for (const auto &[id, list] : result.assignment) {
        for (const TopicPartition &p : list) {
            const auto it = before.find(p);
            if (it != before.end() && it->second != id)
                moves.emplace(p.topic, it->second, id);
        }
    }
    for (const auto &[topic, from, to] : moves) {
        if (moves.count({topic, to, from}))
            return qs("partitions of " + topic + " move both ways between " + from + " and " + to);
    }
    return {};
}

/** A tiny deterministic generator (xorshift64): property cases are reproducible from their seed. */
class XorShift
{
public:
    explicit XorShift(std::uint64_t seed)
        : m_state(seed * 0x9E3779B97F4A7C15ULL + 1)
    { }
    std::uint64_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }
    int below(int n) { return int(next() % std::uint64_t(n)); }
    bool chance(int percent) { return below(100) < percent; }

private:
    std::uint64_t m_state;
};

} // namespace

class TestAssignors : public QObject
{
    Q_OBJECT

private slots:
    // --- names and protocol selection ---

    void namesRoundTrip()
    {
        for (const AssignorKind kind :
            {AssignorKind::Range, AssignorKind::RoundRobin, AssignorKind::Sticky, AssignorKind::CooperativeSticky}) {
            QCOMPARE(parseAssignorKind(assignorName(kind)), std::optional<AssignorKind>(kind));
        }
        QCOMPARE(assignorName(AssignorKind::CooperativeSticky), std::string_view("cooperative-sticky"));
        QCOMPARE(parseAssignorKind("org.apache.kafka.clients.consumer.RoundRobinAssignor"),
            std::optional<AssignorKind>(AssignorKind::RoundRobin));
        QCOMPARE(parseAssignorKind("StickyAssignor"), std::optional<AssignorKind>(AssignorKind::Sticky));
        QVERIFY(!parseAssignorKind("Range").has_value());
        QVERIFY(!parseAssignorKind("round-robin").has_value());
    }

    void protocolFromConfiguredAssignors()
    {
        QVERIFY(supportsCooperative(AssignorKind::CooperativeSticky));
        QVERIFY(!supportsCooperative(AssignorKind::Sticky));
        QCOMPARE(supportedProtocols(AssignorKind::CooperativeSticky).size(), std::size_t(2));

        // The 3.0+ default [range, cooperative-sticky] stays EAGER: range only supports EAGER.
        const std::vector<AssignorKind> defaults = defaultAssignors();
        QCOMPARE(defaults.size(), std::size_t(2));
        QCOMPARE(rebalanceProtocolFor(defaults), std::optional<RebalanceProtocol>(RebalanceProtocol::Eager));
        const std::vector<AssignorKind> cooperativeOnly {AssignorKind::CooperativeSticky};
        QCOMPARE(
            rebalanceProtocolFor(cooperativeOnly), std::optional<RebalanceProtocol>(RebalanceProtocol::Cooperative));
        const std::vector<AssignorKind> stickyPair {AssignorKind::CooperativeSticky, AssignorKind::Sticky};
        QCOMPARE(rebalanceProtocolFor(stickyPair), std::optional<RebalanceProtocol>(RebalanceProtocol::Eager));
        QVERIFY(!rebalanceProtocolFor(std::vector<AssignorKind> {}).has_value());
        QCOMPARE(rebalanceProtocolName(RebalanceProtocol::Cooperative), std::string_view("COOPERATIVE"));
    }

    void coordinatorSelectsByVote()
    {
        const std::vector<std::string> defaults {"range", "cooperative-sticky"};
        const std::vector<std::string> preferCooperative {"cooperative-sticky", "range"};

        // All-default clients: everyone votes range.
        QCOMPARE(selectGroupProtocol({defaults, defaults, defaults}), std::optional<std::string>("range"));
        // Majority wins.
        QCOMPARE(selectGroupProtocol({preferCooperative, preferCooperative, defaults}),
            std::optional<std::string>("cooperative-sticky"));
        // Only protocols every member supports are candidates: one range-only member forces range.
        QCOMPARE(selectGroupProtocol({preferCooperative, preferCooperative, {"range"}}),
            std::optional<std::string>("range"));
        // Tie: Java's HashMap iteration order decides; "range" is bucket 9, "cooperative-sticky" 15.
        QCOMPARE(selectGroupProtocol({preferCooperative, defaults}), std::optional<std::string>("range"));
        QCOMPARE(selectGroupProtocol({defaults, preferCooperative}), std::optional<std::string>("range"));
        // "sticky" is bucket 8, before "range".
        QCOMPARE(selectGroupProtocol({{"range", "sticky"}, {"sticky", "range"}}), std::optional<std::string>("sticky"));
        // No common protocol: the coordinator rejects the join (INCONSISTENT_GROUP_PROTOCOL).
        QVERIFY(!selectGroupProtocol({{"range"}, {"roundrobin"}}).has_value());
        QVERIFY(!selectGroupProtocol({}).has_value());
    }

    // --- Java string semantics ---

    void javaStringOrderAndHash()
    {
        QVERIFY(javaStringCompare("consumer10", "consumer2") < 0);
        QVERIFY(javaStringCompare("consumer2", "consumer10") > 0);
        QVERIFY(javaStringCompare("abc", "abc") == 0);
        QVERIFY(javaStringCompare("ab", "abc") < 0);
        QVERIFY(javaStringCompare("Z", "a") < 0);
        // UTF-16 order differs from code point (and UTF-8 byte) order: U+1F600 is the surrogate
        // pair D83D DE00, which sorts before U+FFFD.
        QVERIFY(javaStringCompare("\xF0\x9F\x98\x80", "\xEF\xBF\xBD") < 0);
        QVERIFY(std::string("\xF0\x9F\x98\x80") > std::string("\xEF\xBF\xBD"));
        QVERIFY(javaStringCompare("\xC3\xA9", "z") > 0); // é after z, as in Java

        // String.hashCode values as Java computes them.
        QCOMPARE(javaStringHashCode("hello"), 99162322);
        QCOMPARE(javaStringHashCode(""), 0);
        QCOMPARE(javaStringHashCode("range"), 0x0674393d);
        QCOMPARE(javaStringHashCode("consumer1"), std::int32_t(0xe6e7fafbU));
        QCOMPARE(javaStringHashCode("\xF0\x9F\x98\x80"), 0xD83D * 31 + 0xDE00);
    }

    void memberOrdering()
    {
        // Upstream testMemberInfoSortingSomeGroupInstanceId: (a,-), (b,y), (c,x) → c, b, a.
        std::vector<AssignorMember> members {
            member("a", {"t"}), member("b", {"t"}, {}, -1, "y"), member("c", {"t"}, {}, -1, "x")};
        std::sort(members.begin(), members.end(), memberInfoLess);
        QCOMPARE(qs(members[0].memberId + members[1].memberId + members[2].memberId), QStringLiteral("cba"));

        // The same order decides who gets what: round robin deals c, b, a.
        const AssignmentResult result = assign(AssignorKind::RoundRobin, {{"t", 3}}, members);
        QCOMPARE(of(result, "c"), QStringLiteral("t-0"));
        QCOMPARE(of(result, "b"), QStringLiteral("t-1"));
        QCOMPARE(of(result, "a"), QStringLiteral("t-2"));

        // Dynamic members compare as Java strings: consumer10 before consumer2.
        const AssignmentResult range = assign(AssignorKind::Range, {{"t", 2}},
            {member("consumer2", {"t"}), member("consumer10", {"t"}), member("consumer3", {"t"})});
        QCOMPARE(of(range, "consumer10"), QStringLiteral("t-0"));
        QCOMPARE(of(range, "consumer2"), QStringLiteral("t-1"));
        QCOMPARE(of(range, "consumer3"), QString());
    }

    // --- seed scenarios ---

    void rangeThreePartitionsTwoThenThreeConsumers()
    {
        const TopicPartitionCounts topics {{"orders", 3}};
        const AssignmentResult two
            = assign(AssignorKind::Range, topics, {member("c1", {"orders"}), member("c2", {"orders"})});
        QCOMPARE(of(two, "c1"), QStringLiteral("orders-0, orders-1"));
        QCOMPARE(of(two, "c2"), QStringLiteral("orders-2"));

        std::vector<AssignorMember> three = rejoin({member("c1", {"orders"}), member("c2", {"orders"})}, two, 1);
        three.push_back(member("c3", {"orders"}));
        const AssignmentResult after = assign(AssignorKind::Range, topics, three);
        QCOMPARE(of(after, "c1"), QStringLiteral("orders-0"));
        QCOMPARE(of(after, "c2"), QStringLiteral("orders-1"));
        QCOMPARE(of(after, "c3"), QStringLiteral("orders-2"));
        // Range is EAGER: every member revoked everything it had before re-joining.
        QCOMPARE(revokedOf(after, "c1"), QStringLiteral("orders-0, orders-1"));
        QCOMPARE(revokedOf(after, "c2"), QStringLiteral("orders-2"));
        QCOMPARE(revokedOf(after, "c3"), QString());
    }

    void moreConsumersThanPartitionsLeavesIdle()
    {
        const TopicPartitionCounts topics {{"orders", 6}};
        for (const int consumers : {3, 6, 8, 12}) {
            std::vector<AssignorMember> members;
            for (int i = 1; i <= consumers; ++i)
                members.push_back(member("consumer" + std::to_string(i), {"orders"}));
            for (const AssignorKind kind : {AssignorKind::Range, AssignorKind::RoundRobin, AssignorKind::Sticky,
                     AssignorKind::CooperativeSticky}) {
                const AssignmentResult result = assign(kind, topics, members);
                int idle = 0;
                for (const auto &[id, list] : result.assignment) {
                    idle += list.empty() ? 1 : 0;
                    QVERIFY(list.size() <= std::size_t(std::max(1, 6 / consumers)));
                }
                QCOMPARE(idle, std::max(0, consumers - 6));
                const QString problem = validityAndBalance(topics, members, result);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
        }
        // With range, which six work follows Java string order: consumer1, 10, 11, 12, 2, 3.
        std::vector<AssignorMember> twelve;
        for (int i = 1; i <= 12; ++i)
            twelve.push_back(member("consumer" + std::to_string(i), {"orders"}));
        const AssignmentResult range = assign(AssignorKind::Range, topics, twelve);
        QCOMPARE(of(range, "consumer12"), QStringLiteral("orders-3"));
        QCOMPARE(of(range, "consumer3"), QStringLiteral("orders-5"));
        QCOMPARE(of(range, "consumer4"), QString());
        QCOMPARE(of(range, "consumer9"), QString());
    }

    void rangeSevenPartitionsThreeConsumers()
    {
        const AssignmentResult result
            = assign(AssignorKind::Range, {{"t", 7}}, {member("c3", {"t"}), member("c1", {"t"}), member("c2", {"t"})});
        QCOMPARE(of(result, "c1"), QStringLiteral("t-0, t-1, t-2"));
        QCOMPARE(of(result, "c2"), QStringLiteral("t-3, t-4"));
        QCOMPARE(of(result, "c3"), QStringLiteral("t-5, t-6"));
    }

    void cooperativeStickyMemberDies()
    {
        // Seed 003 §5: C1..C4 own two of eight partitions each; C3 dies.
        const TopicPartitionCounts topics {{"orders", 8}};
        const std::vector<AssignorMember> survivors {
            member("C1", {"orders"}, {tp("orders", 0), tp("orders", 1)}, 5),
            member("C2", {"orders"}, {tp("orders", 2), tp("orders", 3)}, 5),
            member("C4", {"orders"}, {tp("orders", 6), tp("orders", 7)}, 5),
        };
        const AssignmentResult result = assign(AssignorKind::CooperativeSticky, topics, survivors);
        // C3's partitions go to the unfilled members in member-id order; nobody live owns them,
        // so they are assigned at once rather than withheld.
        QCOMPARE(of(result, "C1"), QStringLiteral("orders-0, orders-1, orders-4"));
        QCOMPARE(of(result, "C2"), QStringLiteral("orders-2, orders-3, orders-5"));
        QCOMPARE(of(result, "C4"), QStringLiteral("orders-6, orders-7"));
        QCOMPARE(of(result, "C3"), QStringLiteral("<absent>"));
        for (const char *id : {"C1", "C2", "C4"})
            QCOMPARE(revokedOf(result, id), QString());
        QVERIFY(cooperativeValidity(survivors, result).isEmpty());

        // The same change under the eager Sticky: same layout, but everyone revoked everything first.
        const AssignmentResult eager = assign(AssignorKind::Sticky, topics, survivors);
        QCOMPARE(eager.assignment, result.assignment);
        QCOMPARE(revokedOf(eager, "C4"), QStringLiteral("orders-6, orders-7"));
    }

    void cooperativeJoinWithholdsMovingPartitions()
    {
        // Upstream testAddRemoveConsumerOneTopic through the cooperative protocol.
        const TopicPartitionCounts topics {{"t", 3}};
        const std::vector<AssignorMember> round1 {
            member("consumer1", {"t"}, parts("t-0, t-1, t-2"), 1),
            member("consumer2", {"t"}, {}, 1),
        };
        const AssignmentResult first = assign(AssignorKind::CooperativeSticky, topics, round1);
        QCOMPARE(of(first, "consumer1"), QStringLiteral("t-0, t-1"));
        QCOMPARE(revokedOf(first, "consumer1"), QStringLiteral("t-2"));
        QCOMPARE(of(first, "consumer2"), QString()); // t-2 is not handed over in the same rebalance
        QVERIFY(cooperativeValidity(round1, first).isEmpty());
        // The eager Sticky gives it straight away (everyone revoked everything anyway).
        QCOMPARE(of(assign(AssignorKind::Sticky, topics, round1), "consumer2"), QStringLiteral("t-2"));

        const std::vector<AssignorMember> round2 = rejoin(round1, first, 2);
        const AssignmentResult second = assign(AssignorKind::CooperativeSticky, topics, round2);
        QCOMPARE(of(second, "consumer1"), QStringLiteral("t-0, t-1"));
        QCOMPARE(of(second, "consumer2"), QStringLiteral("t-2"));
        QCOMPARE(revokedOf(second, "consumer1"), QString());
        QVERIFY(cooperativeValidity(round2, second).isEmpty());
    }

    void sameGenerationDoubleClaimIsTakenFromBoth()
    {
        // Upstream testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration.
        const TopicPartitionCounts topics {{"topic", 3}};
        const std::vector<AssignorMember> members {
            member("consumer1", {"topic"}, parts("topic-0, topic-1"), 1),
            member("consumer2", {"topic"}, parts("topic-0, topic-2"), 1),
            member("consumer3", {"topic"}, {}, 1),
        };
        const AssignmentResult eager = assign(AssignorKind::Sticky, topics, members);
        QCOMPARE(of(eager, "consumer1"), QStringLiteral("topic-1"));
        QCOMPARE(of(eager, "consumer2"), QStringLiteral("topic-2"));
        QCOMPARE(of(eager, "consumer3"), QStringLiteral("topic-0"));

        const AssignmentResult cooperative = assign(AssignorKind::CooperativeSticky, topics, members);
        QCOMPARE(of(cooperative, "consumer1"), QStringLiteral("topic-1"));
        QCOMPARE(of(cooperative, "consumer2"), QStringLiteral("topic-2"));
        QCOMPARE(of(cooperative, "consumer3"), QString()); // topic-0 counts as owned until both revoke it
        QCOMPARE(revokedOf(cooperative, "consumer1"), QStringLiteral("topic-0"));
        QCOMPARE(revokedOf(cooperative, "consumer2"), QStringLiteral("topic-0"));
        QVERIFY(cooperativeValidity(members, cooperative).isEmpty());

        // ...WithUnequalPartitionsPerConsumer (CooperativeStickyAssignorTest): 4 partitions.
        const AssignmentResult unequal = assign(AssignorKind::CooperativeSticky, {{"topic", 4}}, members);
        QCOMPARE(of(unequal, "consumer1"), QStringLiteral("topic-1, topic-3"));
        QCOMPARE(of(unequal, "consumer2"), QStringLiteral("topic-2"));
        QCOMPARE(of(unequal, "consumer3"), QString());

        // A higher generation wins the claim instead.
        std::vector<AssignorMember> newer = members;
        newer[0].generation = 2;
        const AssignmentResult resolved = assign(AssignorKind::CooperativeSticky, topics, newer);
        QCOMPARE(of(resolved, "consumer1"), QStringLiteral("topic-0"));
        QCOMPARE(revokedOf(resolved, "consumer1"), QStringLiteral("topic-1"));
        QCOMPARE(of(resolved, "consumer2"), QStringLiteral("topic-2"));
        QCOMPARE(revokedOf(resolved, "consumer2"), QStringLiteral("topic-0"));
        QCOMPARE(of(resolved, "consumer3"), QString()); // topic-1 still moving away from consumer1
    }

    void cooperativeStickyOnEagerProtocolIsNotSticky()
    {
        // Every member configured [cooperative-sticky, range]: protocol EAGER, the coordinator
        // picks cooperative-sticky, and the members join having revoked everything.
        const TopicPartitionCounts topics {{"t", 4}};
        const std::vector<AssignorMember> members {
            member("b", {"t"}, parts("t-0, t-1"), 3),
            member("a", {"t"}, parts("t-2, t-3"), 3),
        };
        const AssignmentResult cooperative = assign(AssignorKind::CooperativeSticky, topics, members);
        QCOMPARE(of(cooperative, "a"), QStringLiteral("t-2, t-3"));
        const AssignmentResult onEager
            = assign(AssignorKind::CooperativeSticky, RebalanceProtocol::Eager, topics, members);
        QCOMPARE(of(onEager, "a"), QStringLiteral("t-0, t-2")); // a fresh round-robin layout
        QCOMPARE(revokedOf(onEager, "a"), QStringLiteral("t-2, t-3"));
        // COOPERATIVE is ignored for an assignor that cannot do it.
        QCOMPARE(revokedOf(assign(AssignorKind::Range, RebalanceProtocol::Cooperative, topics, members), "a"),
            QStringLiteral("t-2, t-3"));
    }

    // --- upstream vectors: RangeAssignorTest ---

    void rangeUpstreamVectors()
    {
        const TopicPartitionCounts mixed {{"topic1", 3}, {"topic2", 2}};
        AssignmentResult r = assign(AssignorKind::Range, mixed,
            {member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
                member("consumer3", {"topic1"})});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-0, topic2-1"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic1-2"));

        const TopicPartitionCounts six {{"topic1", 3}, {"topic2", 3}};
        const std::vector<std::string> both {"topic1", "topic2"};
        r = assign(AssignorKind::Range, six, {member("consumer1", both), member("consumer2", both)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic1-1, topic2-0, topic2-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-2, topic2-2"));

        // testTwoStaticConsumersTwoTopicsSixPartitions: instance ids rank, not member ids.
        r = assign(AssignorKind::Range, six,
            {member("consumer-b", both, {}, -1, "instance1"), member("consumer-a", both, {}, -1, "instance2")});
        QCOMPARE(of(r, "consumer-b"), QStringLiteral("topic1-0, topic1-1, topic2-0, topic2-1"));
        // testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions.
        r = assign(
            AssignorKind::Range, six, {member("consumer-b", both, {}, -1, "instance1"), member("consumer-a", both)});
        QCOMPARE(of(r, "consumer-b"), QStringLiteral("topic1-0, topic1-1, topic2-0, topic2-1"));
        QCOMPARE(of(r, "consumer-a"), QStringLiteral("topic1-2, topic2-2"));

        // testStaticMemberRangeAssignmentPersistent: replacing the dynamic member changes nothing else.
        const TopicPartitionCounts fiveFour {{"topic1", 5}, {"topic2", 4}};
        std::vector<AssignorMember> members {member("consumer1", both, {}, -1, "instance1"),
            member("consumer2", both, {}, -1, "instance2"), member("consumer3", both, {}, -1, "instance3"),
            member("consumer4", both)};
        r = assign(AssignorKind::Range, fiveFour, members);
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic1-1, topic2-0"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-2, topic2-1"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic1-3, topic2-2"));
        QCOMPARE(of(r, "consumer4"), QStringLiteral("topic1-4, topic2-3"));
        members[3].memberId = "consumer5";
        r = assign(AssignorKind::Range, fiveFour, members);
        QCOMPARE(of(r, "consumer5"), QStringLiteral("topic1-4, topic2-3"));
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic1-1, topic2-0"));

        // Non-rack-aware vectors of testRackAwareAssignmentWith{Uniform,NonEqual}Subscription and
        // testCoPartitionedAssignmentWithSameSubscription (members consumer0..consumer2).
        const TopicPartitionCounts t123 {{"t1", 6}, {"t2", 7}, {"t3", 2}};
        const std::vector<std::string> all {"t1", "t2", "t3"};
        r = assign(
            AssignorKind::Range, t123, {member("consumer0", all), member("consumer1", all), member("consumer2", all)});
        QCOMPARE(of(r, "consumer0"), QStringLiteral("t1-0, t1-1, t2-0, t2-1, t2-2, t3-0"));
        QCOMPARE(of(r, "consumer1"), QStringLiteral("t1-2, t1-3, t2-3, t2-4, t3-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("t1-4, t1-5, t2-5, t2-6"));
        r = assign(AssignorKind::Range, t123,
            {member("consumer0", all), member("consumer1", all), member("consumer2", {"t1", "t3"})});
        QCOMPARE(of(r, "consumer0"), QStringLiteral("t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0"));
        QCOMPARE(of(r, "consumer1"), QStringLiteral("t1-2, t1-3, t2-4, t2-5, t2-6, t3-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("t1-4, t1-5"));
        const std::vector<std::string> nine {"t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"};
        r = assign(AssignorKind::Range, {{"t1", 6}, {"t2", 6}, {"t3", 2}, {"t4", 2}, {"t5", 4}, {"t6", 4}},
            {member("consumer0", nine), member("consumer1", nine), member("consumer2", nine)});
        QCOMPARE(of(r, "consumer0"), QStringLiteral("t1-0, t1-1, t2-0, t2-1, t3-0, t4-0, t5-0, t5-1, t6-0, t6-1"));
        QCOMPARE(of(r, "consumer1"), QStringLiteral("t1-2, t1-3, t2-2, t2-3, t3-1, t4-1, t5-2, t6-2"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("t1-4, t1-5, t2-4, t2-5, t5-3, t6-3"));

        // testOnlyAssignsPartitionsFromSubscribedTopics / testOneConsumerNonexistentTopic.
        r = assign(AssignorKind::Range, {{"topic", 3}, {"other", 3}}, {member("consumer", {"topic", "missing"})});
        QCOMPARE(of(r, "consumer"), QStringLiteral("topic-0, topic-1, topic-2"));
    }

    // --- upstream vectors: RoundRobinAssignorTest ---

    void roundRobinUpstreamVectors()
    {
        AssignmentResult r = assign(AssignorKind::RoundRobin, {{"topic1", 3}, {"topic2", 2}},
            {member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
                member("consumer3", {"topic1"})});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-0, topic2-1"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic1-2"));

        const TopicPartitionCounts six {{"topic1", 3}, {"topic2", 3}};
        const std::vector<std::string> both {"topic1", "topic2"};
        r = assign(AssignorKind::RoundRobin, six, {member("consumer1", both), member("consumer2", both)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic1-2, topic2-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-0, topic2-2"));
        r = assign(AssignorKind::RoundRobin, six,
            {member("consumer-b", both, {}, -1, "instance1"), member("consumer-a", both)});
        QCOMPARE(of(r, "consumer-b"), QStringLiteral("topic1-0, topic1-2, topic2-1"));
        QCOMPARE(of(r, "consumer-a"), QStringLiteral("topic1-1, topic2-0, topic2-2"));

        // testStaticMemberAssignmentPersistent.
        std::vector<AssignorMember> members {member("consumer1", both, {}, -1, "instance1"),
            member("consumer2", both, {}, -1, "instance2"), member("consumer3", both, {}, -1, "instance3"),
            member("consumer4", both)};
        r = assign(AssignorKind::RoundRobin, six, members);
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic2-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-2"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic1-2"));
        QCOMPARE(of(r, "consumer4"), QStringLiteral("topic2-0"));
        members[3].memberId = "consumer5";
        QCOMPARE(of(assign(AssignorKind::RoundRobin, six, members), "consumer5"), QStringLiteral("topic2-0"));
    }

    // --- upstream vectors: AbstractStickyAssignorTest, StickyAssignorTest, CooperativeStickyAssignorTest ---

    void stickyConstrainedUpstreamVectors()
    {
        const std::vector<std::string> both {"topic1", "topic2"};
        AssignmentResult r = assign(AssignorKind::Sticky, {{"topic1", 3}, {"topic2", 3}},
            {member("consumer1", both), member("consumer2", both)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic1-2, topic2-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-0, topic2-2"));

        // testConsumerOwningMinQuotaExpectedMaxQuota.
        r = assign(AssignorKind::CooperativeSticky, {{"topic1", 2}, {"topic2", 3}},
            {member("consumer1", both, parts("topic1-0, topic2-1"), 1),
                member("consumer2", both, parts("topic1-1, topic2-2"), 1)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic2-0, topic2-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-2"));

        // testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers: which member keeps its two
        // partitions follows Java's HashMap order (consumer3, consumer2, consumer1).
        const std::vector<AssignorMember> maxQuota {member("consumer1", both, parts("topic1-0, topic2-0"), 1),
            member("consumer2", both, parts("topic1-1, topic2-1"), 1), member("consumer3", both, {}, 1)};
        const TopicPartitionCounts twoTwo {{"topic1", 2}, {"topic2", 2}};
        r = assign(AssignorKind::Sticky, twoTwo, maxQuota);
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-1"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic2-0"));
        r = assign(
            AssignorKind::CooperativeSticky, twoTwo, maxQuota); // partitionsTransferringOwnership {topic2-0: consumer3}
        QCOMPARE(of(r, "consumer3"), QString());
        QCOMPARE(revokedOf(r, "consumer1"), QStringLiteral("topic2-0"));

        // testAllConsumersAreUnderMinQuota.
        r = assign(AssignorKind::Sticky, {{"topic1", 2}, {"topic2", 3}},
            {member("consumer1", both, parts("topic1-0"), 1), member("consumer2", both, parts("topic1-1"), 1),
                member("consumer3", both, {}, 1)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic2-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-2"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic2-0"));

        // testAllConsumersReachExpectedQuotaAndAreConsideredFilled.
        r = assign(AssignorKind::CooperativeSticky, {{"topic", 4}},
            {member("consumer1", {"topic"}, parts("topic-0, topic-1"), 1),
                member("consumer2", {"topic"}, parts("topic-2"), 1), member("consumer3", {"topic"}, {}, 1)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic-0, topic-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic-2"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic-3"));

        // testRackAwareAssignmentWithUniformSubscription, non-rack-aware result, fresh and owned.
        const TopicPartitionCounts t123 {{"t1", 6}, {"t2", 7}, {"t3", 2}};
        const std::vector<std::string> all {"t1", "t2", "t3"};
        const std::vector<std::string> expected {
            "t1-0, t1-3, t2-0, t2-3, t2-6", "t1-1, t1-4, t2-1, t2-4, t3-0", "t1-2, t1-5, t2-2, t2-5, t3-1"};
        for (const bool owned : {false, true}) {
            for (const AssignorKind kind : {AssignorKind::Sticky, AssignorKind::CooperativeSticky}) {
                std::vector<AssignorMember> members;
                for (int i = 0; i < 3; ++i)
                    members.push_back(member("consumer" + std::to_string(i), all,
                        owned ? parts(expected[std::size_t(i)]) : std::vector<TopicPartition> {}));
                r = assign(kind, t123, members);
                for (int i = 0; i < 3; ++i)
                    QCOMPARE(of(r, "consumer" + std::to_string(i)), qs(expected[std::size_t(i)]));
            }
        }
    }

    void stickyAddRemoveTwoConsumersTwoTopics()
    {
        const std::vector<std::string> all {"topic1", "topic2"};
        const TopicPartitionCounts topics {{"topic1", 3}, {"topic2", 4}};
        std::vector<AssignorMember> members {member("consumer1", all), member("consumer2", all)};
        AssignmentResult r = assign(AssignorKind::Sticky, topics, members);
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic1-2, topic2-1, topic2-3"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-0, topic2-2"));

        members = rejoin(members, r, 1);
        members.push_back(member("consumer3", all, {}, 1));
        members.push_back(member("consumer4", all, {}, 1));
        r = assign(AssignorKind::Sticky, topics, members);
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic2-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic1-1, topic2-0"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic1-2, topic2-3"));
        QCOMPARE(of(r, "consumer4"), QStringLiteral("topic2-2"));
        // Cooperative: partitionsTransferringOwnership {topic1-2, topic2-3 → consumer3, topic2-2 → consumer4}.
        const AssignmentResult cooperative = assign(AssignorKind::CooperativeSticky, topics, members);
        QCOMPARE(of(cooperative, "consumer3"), QString());
        QCOMPARE(of(cooperative, "consumer4"), QString());
        QCOMPARE(revokedOf(cooperative, "consumer1"), QStringLiteral("topic1-2, topic2-3"));
        QCOMPARE(revokedOf(cooperative, "consumer2"), QStringLiteral("topic2-2"));

        members = rejoin({members[2], members[3]}, r, 1);
        r = assign(AssignorKind::Sticky, topics, members);
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic1-0, topic1-2, topic2-1, topic2-3"));
        QCOMPARE(of(r, "consumer4"), QStringLiteral("topic1-1, topic2-0, topic2-2"));
    }

    void stickyGenerationVectors()
    {
        const std::vector<std::string> both {"topic", "topic2"};
        const TopicPartitionCounts threeThree {{"topic", 3}, {"topic2", 3}};
        // testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration / ...WithNoGeneration.
        for (const int staleGeneration : {9, -1}) {
            const AssignmentResult r = assign(AssignorKind::CooperativeSticky, threeThree,
                {member("consumer1", both, parts("topic-0, topic-2, topic2-1"), 10),
                    member("consumer2", both, parts("topic-0, topic-2, topic2-1"), staleGeneration)});
            QCOMPARE(of(r, "consumer1"), QStringLiteral("topic-0, topic-2, topic2-1"));
            QCOMPARE(of(r, "consumer2"), QStringLiteral("topic-1, topic2-0, topic2-2"));
        }
        // testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration.
        AssignmentResult r = assign(AssignorKind::Sticky, threeThree,
            {member("consumer1", both, parts("topic-0, topic2-1, topic-1"), 10),
                member("consumer2", both, parts("topic-0, topic2-1, topic2-2"), 8)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic-0, topic-1, topic2-1"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic-2, topic2-0, topic2-2"));

        // testEnsurePartitionsAssignedToHighestGeneration.
        const std::vector<std::string> three {"topic", "topic2", "topic3"};
        r = assign(AssignorKind::CooperativeSticky, {{"topic", 3}, {"topic2", 3}, {"topic3", 3}},
            {member("consumer1", three, parts("topic-0, topic2-0, topic3-0"), 10),
                member("consumer2", three, parts("topic-1, topic2-1, topic3-1"), 9),
                member("consumer3", three, parts("topic2-1, topic3-0, topic3-2"), 8)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic-0, topic2-0, topic3-0"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic-1, topic2-1, topic3-1"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic-2, topic2-2, topic3-2"));

        // testNoReassignmentOnCurrentMembers.
        const std::vector<std::string> four {"topic", "topic2", "topic3", "topic1"};
        r = assign(AssignorKind::CooperativeSticky, {{"topic", 3}, {"topic1", 3}, {"topic2", 3}, {"topic3", 3}},
            {member("consumer1", four, {}, -1), member("consumer2", four, parts("topic-0, topic2-0, topic1-0"), 9),
                member("consumer3", four, parts("topic3-2, topic2-2, topic1-1"), 8),
                member("consumer4", four, parts("topic3-1, topic-1, topic-2"), 7)});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-2, topic2-1, topic3-0"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic-0, topic1-0, topic2-0"));

        // testAssignmentWithConflictingPreviousGenerations (equal and unequal subscriptions).
        for (const bool equal : {true, false}) {
            const std::vector<std::string> c1Topics = equal ? three : std::vector<std::string> {"topic"};
            const std::vector<std::string> c2Topics = equal ? three : std::vector<std::string> {"topic", "topic2"};
            const std::vector<TopicPartition> c2Owned
                = parts("topic-0, topic-1, topic2-0, topic2-1, topic2-2, topic2-3");
            const std::vector<TopicPartition> c3Owned
                = parts("topic-2, topic-3, topic3-0, topic3-1, topic3-2, topic3-3");
            const std::vector<AssignorMember> members {
                member("consumer1", c1Topics,
                    parts(equal ? "topic-0, topic-1, topic-2, topic2-2, topic2-3, topic3-0"
                                : "topic-0, topic-1, topic-2, topic-3"),
                    1),
                member("consumer2", c2Topics, c2Owned, 2), member("consumer3", three, c3Owned, 2)};
            const TopicPartitionCounts topics {{"topic", 4}, {"topic2", 4}, {"topic3", 4}};
            r = assign(AssignorKind::Sticky, topics, members);
            for (const char *id : {"consumer1", "consumer2", "consumer3"})
                QCOMPARE(r.assignment.at(id).size(), std::size_t(4));
            for (const TopicPartition &p : r.assignment.at("consumer2"))
                QVERIFY(std::find(c2Owned.begin(), c2Owned.end(), p) != c2Owned.end());
            for (const TopicPartition &p : r.assignment.at("consumer3"))
                QVERIFY(std::find(c3Owned.begin(), c3Owned.end(), p) != c3Owned.end());
            const QString problem = validityAndBalance(topics, members, r);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }

        // testSubscriptionNotEqualAndAssignSamePartitionWith3Generation: every order of generations.
        const int orders[6][3] = {{1, 2, 3}, {1, 3, 2}, {2, 1, 3}, {2, 3, 1}, {3, 1, 2}, {3, 2, 1}};
        for (const auto &g : orders) {
            const std::vector<AssignorMember> members {member("consumer1", {"topic"}, parts("topic-0, topic-2"), g[0]),
                member("consumer2", {"topic"}, parts("topic-1, topic-2, topic-3"), g[1]),
                member("consumer3", {"topic"}, parts("topic-2, topic-4, topic-5"), g[2]),
                member("consumer4", {"topic1"}, parts("topic1-0"), 2)};
            r = assign(AssignorKind::CooperativeSticky, {{"topic", 6}, {"topic1", 1}}, members);
            std::set<TopicPartition> seen;
            for (const auto &[id, list] : r.assignment) {
                QVERIFY(list.size() >= 1 && list.size() <= 2);
                for (const TopicPartition &p : list)
                    QVERIFY(seen.insert(p).second);
            }
        }
    }

    void stickyGeneralPathUpstreamVectors()
    {
        // testMultipleConsumersMixedTopicSubscriptions.
        AssignmentResult r = assign(AssignorKind::Sticky, {{"topic1", 3}, {"topic2", 2}},
            {member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
                member("consumer3", {"topic1"})});
        QCOMPARE(of(r, "consumer1"), QStringLiteral("topic1-0, topic1-2"));
        QCOMPARE(of(r, "consumer2"), QStringLiteral("topic2-0, topic2-1"));
        QCOMPARE(of(r, "consumer3"), QStringLiteral("topic1-1"));

        // testRackAwareAssignmentWithNonEqualSubscription, non-rack-aware results.
        const TopicPartitionCounts t123 {{"t1", 6}, {"t2", 7}, {"t3", 2}};
        const std::vector<std::vector<std::string>> subscriptions {
            {"t1", "t2", "t3"}, {"t1", "t2", "t3"}, {"t1", "t3"}};
        const auto group = [&](const std::vector<std::string> &owned) {
            std::vector<AssignorMember> members;
            for (std::size_t i = 0; i < 3; ++i)
                members.push_back(member("consumer" + std::to_string(i), subscriptions[i],
                    owned.empty() ? std::vector<TopicPartition> {} : parts(owned[i])));
            return members;
        };
        const auto expect = [&](const AssignmentResult &result, const std::vector<std::string> &lists) -> QString {
            for (std::size_t i = 0; i < 3; ++i) {
                if (of(result, "consumer" + std::to_string(i)) != qs(lists[i]))
                    return QString(of(result, "consumer" + std::to_string(i)) + QStringLiteral(" != ") + qs(lists[i]));
            }
            return QString();
        };
        const std::vector<std::string> fresh {
            "t1-5, t2-0, t2-2, t2-4, t2-6", "t1-3, t2-1, t2-3, t2-5, t3-0", "t1-0, t1-1, t1-2, t1-4, t3-1"};
        QCOMPARE(expect(assign(AssignorKind::Sticky, t123, group({})), fresh), QString());
        QCOMPARE(expect(assign(AssignorKind::CooperativeSticky, t123, group(fresh)), fresh), QString());

        // CooperativeSticky from a badly spread ownership: an intermediate round, then the final one.
        const std::vector<std::string> owned {
            "t1-0, t1-1, t1-2, t1-3, t1-4", "t1-5, t2-0, t2-1, t2-2, t2-3", "t2-4, t2-5, t2-6, t3-0, t3-1"};
        const std::vector<std::string> intermediate {"t1-2, t1-3, t1-4", "t2-0, t2-1, t2-2, t2-3", "t3-0, t3-1"};
        const std::vector<std::string> final {
            "t1-2, t1-3, t1-4, t2-4, t2-5", "t2-0, t2-1, t2-2, t2-3, t2-6", "t1-0, t1-1, t1-5, t3-0, t3-1"};
        QCOMPARE(expect(assign(AssignorKind::CooperativeSticky, t123, group(owned)), intermediate), QString());
        QCOMPARE(expect(assign(AssignorKind::CooperativeSticky, t123, group(intermediate)), final), QString());
    }

    void stickyGeneralPathPrefersPreviousOwner()
    {
        // General path (subscriptions differ). "a" (generation 5) holds all of x; "c" held x-0 in
        // generation 4 (its claim lost to the newer one), so prevAssignment[x-0] = c. Balancing
        // moves x-0 back to c although b is as empty and first in member order; then the rest
        // goes to the least loaded until a has 3 (hand-traced through GeneralAssignmentBuilder).
        const TopicPartitionCounts topics {{"x", 6}, {"y", 1}};
        const std::vector<AssignorMember> members {
            member("a", {"x", "y"}, parts("x-0, x-1, x-2, x-3, x-4, x-5, y-0"), 5),
            member("b", {"x"}, {}, 5),
            member("c", {"x"}, parts("x-0"), 4),
        };
        const AssignmentResult r = assign(AssignorKind::Sticky, topics, members);
        QCOMPARE(of(r, "a"), QStringLiteral("x-4, x-5, y-0"));
        QCOMPARE(of(r, "b"), QStringLiteral("x-1, x-2"));
        QCOMPARE(of(r, "c"), QStringLiteral("x-0, x-3"));
    }

    void stickyGeneralPathProperties()
    {
        // testPoorRoundRobinAssignmentScenario.
        TopicPartitionCounts topics;
        for (int i = 1; i <= 5; ++i)
            topics["topic" + std::to_string(i)] = (i % 2) + 1;
        std::vector<AssignorMember> members {member("consumer1", {"topic1", "topic2", "topic3", "topic4", "topic5"}),
            member("consumer2", {"topic1", "topic3", "topic5"}), member("consumer3", {"topic1", "topic3", "topic5"}),
            member("consumer4", {"topic1", "topic2", "topic3", "topic4", "topic5"})};
        QString problem = validityAndBalance(topics, members, assign(AssignorKind::Sticky, topics, members));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // testReassignmentAfterOneConsumerLeaves: consumer i subscribes to topics 1..i of 1..19.
        topics.clear();
        members.clear();
        const auto name
            = [](const char *prefix, int i) { return prefix + std::string(i < 10 ? "0" : "") + std::to_string(i); };
        for (int i = 1; i < 20; ++i) {
            topics[name("t", i)] = i;
            std::vector<std::string> subscribed;
            for (int j = 1; j <= i; ++j)
                subscribed.push_back(name("t", j));
            members.push_back(member(name("c", i), subscribed));
        }
        for (const AssignorKind kind : {AssignorKind::Sticky, AssignorKind::CooperativeSticky}) {
            const AssignmentResult first = assign(kind, topics, members);
            problem = validityAndBalance(topics, members, first);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            std::vector<AssignorMember> next = rejoin(members, first, 1);
            next.erase(next.begin() + 9); // c10 leaves
            const AssignmentResult second = assign(kind, topics, next);
            problem = validityAndBalance(topics, next, second);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }

    // --- properties over random groups ---

    void randomGroupsAreValidBalancedAndSticky()
    {
        int generalCases = 0;
        for (std::uint64_t seed = 1; seed <= 300; ++seed) {
            XorShift rng(seed);
            const bool identical = rng.chance(50);
            TopicPartitionCounts topics;
            const int topicCount = 1 + rng.below(5);
            std::vector<std::string> names;
            for (int t = 0; t < topicCount; ++t) {
                names.push_back("topic" + std::to_string(t));
                topics[names.back()] = 1 + rng.below(12);
            }
            const auto randomSubscription = [&] {
                if (identical)
                    return names;
                std::vector<std::string> chosen;
                for (const std::string &n : names) {
                    if (rng.chance(55))
                        chosen.push_back(n);
                }
                if (chosen.empty())
                    chosen.push_back(names[std::size_t(rng.below(topicCount))]);
                return chosen;
            };
            std::vector<AssignorMember> members;
            const int memberCount = 1 + rng.below(8);
            for (int m = 0; m < memberCount; ++m)
                members.push_back(
                    member("member-" + std::to_string(rng.below(1000)) + "-" + std::to_string(m), randomSubscription(),
                        {}, -1, rng.chance(20) ? std::optional<std::string>("i" + std::to_string(m)) : std::nullopt));
            generalCases += identical ? 0 : 1;
            const QByteArray where = QByteArray("seed " + QByteArray::number(qulonglong(seed)) + ": ");

            for (const AssignorKind kind : {AssignorKind::Range, AssignorKind::RoundRobin, AssignorKind::Sticky,
                     AssignorKind::CooperativeSticky}) {
                const AssignmentResult result = assign(kind, topics, members);
                // Range and RoundRobin promise validity only; the sticky ones also balance.
                const bool sticky = kind == AssignorKind::Sticky || kind == AssignorKind::CooperativeSticky;
                const QString problem = validityAndBalance(topics, members, result, sticky);
                QVERIFY2(problem.isEmpty(), QByteArray(where + problem.toUtf8()).constData());
                if (identical && kind != AssignorKind::Range)
                    QVERIFY2(fullyBalanced(result), where.constData());

                // The order members are listed in does not matter.
                std::vector<AssignorMember> shuffled = members;
                std::reverse(shuffled.begin(), shuffled.end());
                QVERIFY2(assign(kind, topics, shuffled).assignment == result.assignment, where.constData());
            }

            // Evolve the group a few times: members leave, join, change subscriptions.
            std::vector<AssignorMember> eager = members;
            AssignmentResult eagerResult = assign(AssignorKind::Sticky, topics, eager);
            std::vector<AssignorMember> cooperative = members;
            AssignmentResult cooperativeResult = assign(AssignorKind::CooperativeSticky, topics, cooperative);
            for (int step = 0; step < 3; ++step) {
                const int generation = step + 1;
                eager = rejoin(eager, eagerResult, generation);
                cooperative = rejoin(cooperative, cooperativeResult, generation);
                const int change = rng.below(3);
                if (change == 0 && eager.size() > 1) {
                    const auto gone = std::size_t(rng.below(int(eager.size())));
                    const std::string id = eager[gone].memberId;
                    eager.erase(eager.begin() + std::ptrdiff_t(gone));
                    cooperative.erase(std::find_if(cooperative.begin(), cooperative.end(),
                        [&](const AssignorMember &m) { return m.memberId == id; }));
                } else if (change == 1 || eager.size() <= 1) {
                    const AssignorMember joiner
                        = member("joiner-" + std::to_string(step), randomSubscription(), {}, generation);
                    eager.push_back(joiner);
                    cooperative.push_back(joiner);
                } else if (!identical) {
                    const auto who = std::size_t(rng.below(int(eager.size())));
                    eager[who].topics = randomSubscription();
                    const std::string id = eager[who].memberId;
                    std::find_if(cooperative.begin(), cooperative.end(),
                        [&](const AssignorMember &m) { return m.memberId == id; })
                        ->topics
                        = eager[who].topics;
                }

                // Eager Sticky: valid, balanced, and with identical subscriptions each member
                // keeps at least min(owned, minQuota) of what it had.
                eagerResult = assign(AssignorKind::Sticky, topics, eager);
                QString problem = validityAndBalance(topics, eager, eagerResult);
                QVERIFY2(problem.isEmpty(), QByteArray(where + problem.toUtf8()).constData());
                if (identical) {
                    QVERIFY2(fullyBalanced(eagerResult), where.constData());
                    std::int64_t total = 0;
                    for (const auto &[name, count] : topics)
                        total += count;
                    const auto minQuota = std::size_t(total / std::int64_t(eager.size()));
                    for (const AssignorMember &m : eager) {
                        const auto &now = eagerResult.assignment.at(m.memberId);
                        const auto kept = std::count_if(m.owned.begin(), m.owned.end(),
                            [&](const TopicPartition &p) { return std::find(now.begin(), now.end(), p) != now.end(); });
                        QVERIFY2(std::size_t(kept) >= std::min(m.owned.size(), minQuota), where.constData());
                    }
                }
                problem = noTopicMovesBothWays(eager, eagerResult);
                QVERIFY2(problem.isEmpty(), QByteArray(where + problem.toUtf8()).constData());
                // A settled group stays put: assigning again moves nothing.
                const AssignmentResult again
                    = assign(AssignorKind::Sticky, topics, rejoin(eager, eagerResult, generation + 10));
                QVERIFY2(again.assignment == eagerResult.assignment, where.constData());

                // Cooperative: follow-up rebalances until nobody revokes; never hand over a
                // partition in the rebalance that revokes it; end valid and balanced.
                int rebalances = 0;
                int coGeneration = generation;
                for (;;) {
                    cooperativeResult = assign(AssignorKind::CooperativeSticky, topics, cooperative);
                    problem = cooperativeValidity(cooperative, cooperativeResult);
                    QVERIFY2(problem.isEmpty(), QByteArray(where + problem.toUtf8()).constData());
                    bool revoked = false;
                    for (const auto &[id, list] : cooperativeResult.revoked)
                        revoked = revoked || !list.empty();
                    if (!revoked)
                        break;
                    QVERIFY2(++rebalances <= 4, where.constData());
                    cooperative = rejoin(cooperative, cooperativeResult, ++coGeneration);
                }
                problem = validityAndBalance(topics, cooperative, cooperativeResult);
                QVERIFY2(problem.isEmpty(), QByteArray(where + problem.toUtf8()).constData());
            }
        }
        QVERIFY(generalCases > 100); // both paths are exercised
    }

    void randomOwnershipIsRebalancedWithoutSwaps()
    {
        // Members start from an arbitrary (valid, unbalanced) ownership with differing
        // subscriptions: the general path must balance it, and never move partitions of one
        // topic both ways between two members (upstream assertTrue(assignor.isSticky())).
        for (std::uint64_t seed = 1; seed <= 600; ++seed) {
            XorShift rng(seed);
            const QByteArray where = QByteArray("seed " + QByteArray::number(qulonglong(seed)) + ": ");
            TopicPartitionCounts topics;
            std::vector<std::string> names;
            const int topicCount = 1 + rng.below(4);
            for (int t = 0; t < topicCount; ++t) {
                names.push_back("t" + std::to_string(t));
                topics[names.back()] = 1 + rng.below(8);
            }
            std::vector<AssignorMember> members;
            const int memberCount = 2 + rng.below(5);
            for (int m = 0; m < memberCount; ++m) {
                std::vector<std::string> subscribed;
                for (const std::string &n : names) {
                    if (rng.chance(60))
                        subscribed.push_back(n);
                }
                if (subscribed.empty())
                    subscribed.push_back(names[std::size_t(rng.below(topicCount))]);
                members.push_back(member("m" + std::to_string(m), subscribed, {}, 1));
            }
            for (const auto &[topic, count] : topics) {
                std::vector<std::size_t> subscribers;
                for (std::size_t m = 0; m < members.size(); ++m) {
                    if (subscriptionOf(members[m]).count(topic))
                        subscribers.push_back(m);
                }
                for (int p = 0; p < count; ++p) {
                    if (!subscribers.empty() && !rng.chance(15))
                        members[subscribers[std::size_t(rng.below(int(subscribers.size())))]].owned.push_back(
                            tp(topic, p));
                }
            }
            const AssignmentResult result = assign(AssignorKind::Sticky, topics, members);
            QString problem = validityAndBalance(topics, members, result);
            QVERIFY2(problem.isEmpty(), QByteArray(where + problem.toUtf8()).constData());
            problem = noTopicMovesBothWays(members, result);
            QVERIFY2(problem.isEmpty(), QByteArray(where + problem.toUtf8()).constData());
            // Cooperative takes the same decisions, minus what must be revoked first.
            const AssignmentResult cooperative = assign(AssignorKind::CooperativeSticky, topics, members);
            problem = cooperativeValidity(members, cooperative);
            QVERIFY2(problem.isEmpty(), QByteArray(where + problem.toUtf8()).constData());
            for (const auto &[id, list] : cooperative.assignment) {
                const auto &eagerList = result.assignment.at(id);
                QVERIFY2(
                    std::includes(eagerList.begin(), eagerList.end(), list.begin(), list.end()), where.constData());
            }
        }
    }

    void largeUniformGroupIsBalancedAndSticky()
    {
        // A scaled-down testLargeAssignmentAndGroupWithUniformSubscription: correctness only
        // (the timing lives in tests/bench/assignbench).
        TopicPartitionCounts topics;
        std::vector<std::string> names;
        for (int t = 0; t < 20; ++t) {
            names.push_back("t" + std::to_string(t));
            topics[names.back()] = 50;
        }
        std::vector<AssignorMember> members;
        for (int m = 0; m < 300; ++m)
            members.push_back(member("c" + std::to_string(m), names));
        const AssignmentResult fresh = assign(AssignorKind::CooperativeSticky, topics, members);
        QVERIFY(fullyBalanced(fresh));
        std::vector<AssignorMember> survivors = rejoin(members, fresh, 1);
        survivors.erase(survivors.begin() + 17);
        const AssignmentResult after = assign(AssignorKind::CooperativeSticky, topics, survivors);
        QVERIFY(validityAndBalance(topics, survivors, after).isEmpty());
        for (const AssignorMember &m : survivors) {
            QCOMPARE(revokedOf(after, m.memberId), QString()); // only the leaver's partitions move
            const auto &now = after.assignment.at(m.memberId);
            QVERIFY(std::includes(now.begin(), now.end(), m.owned.begin(), m.owned.end()));
        }
    }

    void inputValidation()
    {
        QVERIFY(!validateAssignmentInput({{"t", 3}}, {member("a", {"t"}), member("b", {"t"})}).has_value());
        QCOMPARE(qs(validateAssignmentInput({{"t", 3}}, {member("a", {"t"}), member("a", {"t"})}).value_or("")),
            QStringLiteral("member id 'a' appears more than once"));
        QVERIFY(validateAssignmentInput({{"t", -1}}, {member("a", {"t"})}).has_value());
        QVERIFY(validateAssignmentInput({{"t", 1}}, {member("", {"t"})}).has_value());

        // assign() itself copes: the first of two equal ids is kept, unknown owned partitions are
        // dropped from stickiness but still reported as revoked.
        const AssignmentResult r = assign(AssignorKind::CooperativeSticky, {{"t", 2}, {"empty", 0}},
            {member("a", {"t", "empty"}, parts("t-0, t-7, gone-0"), 1), member("a", {"other"})});
        QCOMPARE(r.assignment.size(), std::size_t(1));
        QCOMPARE(of(r, "a"), QStringLiteral("t-0, t-1"));
        QCOMPARE(revokedOf(r, "a"), QStringLiteral("gone-0, t-7"));
        QVERIFY(assign(AssignorKind::Sticky, {{"t", 2}}, {}).assignment.empty());
    }
};

QTEST_APPLESS_MAIN(TestAssignors)
#include "test_assignors.moc"
