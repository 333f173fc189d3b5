#include "assignor.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "core/assignors/assignmentindex.h"
#include "core/assignors/stickyassignor.h"

namespace kafkalab::core {

namespace {

using detail::AssignmentIndex;
using detail::MemberIndex;
using detail::PartitionId;
using detail::TopicIndex;

struct AssignorNames
{
    AssignorKind kind;
    std::string_view name;
    std::string_view className;
};

constexpr std::array<AssignorNames, 4> kAssignors {{
    {AssignorKind::Range, "range", "org.apache.kafka.clients.consumer.RangeAssignor"},
    {AssignorKind::RoundRobin, "roundrobin", "org.apache.kafka.clients.consumer.RoundRobinAssignor"},
    {AssignorKind::Sticky, "sticky", "org.apache.kafka.clients.consumer.StickyAssignor"},
    {AssignorKind::CooperativeSticky, "cooperative-sticky",
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"},
}};

/** One code point decoded from UTF-8, or nothing for a malformed sequence. */
struct CodePoint
{
    char32_t value = 0;
    std::size_t length = 0;
};

std::optional<CodePoint> decodeUtf8(std::string_view s, std::size_t at) noexcept
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = 0;
    char32_t value = 0;
    if (lead < 0x80)
        return CodePoint {lead, 1};
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
    } else {
        return std::nullopt;
    }
    if (at + length > s.size())
        return std::nullopt;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80)
            return std::nullopt;
        value = (value << 6) | (byte(at + i) & 0x3F);
    }
    constexpr std::array<char32_t, 5> kMinimum {0, 0, 0x80, 0x800, 0x10000};
    if (value < kMinimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return std::nullopt;
    return CodePoint {value, length};
}

/** The UTF-16 code units of a code point: one, or a surrogate pair. */
std::pair<char16_t, char16_t> utf16Units(char32_t cp) noexcept
{
    if (cp < 0x10000)
        return {static_cast<char16_t>(cp), 0};
    const char32_t v = cp - 0x10000;
    return {static_cast<char16_t>(0xD800 + (v >> 10)), static_cast<char16_t>(0xDC00 + (v & 0x3FF))};
}

bool topicPartitionLess(const TopicPartition &a, const TopicPartition &b) noexcept
{
    const int byTopic = javaStringCompare(a.topic, b.topic);
    return byTopic != 0 ? byTopic < 0 : a.partition < b.partition;
}

std::vector<TopicPartition> sortedUnique(std::vector<TopicPartition> list)
{
    std::sort(list.begin(), list.end(), topicPartitionLess);
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
}

/** Member positions in Kafka's MemberInfo order. */
std::vector<MemberIndex> memberInfoOrder(const AssignmentIndex &index)
{
    std::vector<MemberIndex> order(std::size_t(index.memberCount()));
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = MemberIndex(i);
    std::stable_sort(order.begin(), order.end(),
        [&index](MemberIndex a, MemberIndex b) { return memberInfoLess(index.member(a), index.member(b)); });
    return order;
}

// RangeAssignor: each topic on its own, subscribers in member order, the first
// numPartitions % numConsumers of them take one extra partition.
std::vector<std::vector<PartitionId>> rangeAssign(const AssignmentIndex &index)
{
    std::vector<std::vector<PartitionId>> assignment(std::size_t(index.memberCount()));
    const std::vector<MemberIndex> order = memberInfoOrder(index);
    std::vector<std::size_t> rank(order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        rank[std::size_t(order[i])] = i;

    for (TopicIndex t = 0; t < index.topicCount(); ++t) {
        std::vector<MemberIndex> consumers = index.subscribers(t);
        std::sort(consumers.begin(), consumers.end(),
            [&rank](MemberIndex a, MemberIndex b) { return rank[std::size_t(a)] < rank[std::size_t(b)]; });
        const auto count = std::int64_t(consumers.size());
        const std::int64_t perConsumer = index.partitionCount(t) / count;
        const std::int64_t withExtra = index.partitionCount(t) % count;
        for (std::int64_t i = 0; i < count; ++i) {
            const std::int64_t start = perConsumer * i + std::min(i, withExtra);
            const std::int64_t length = perConsumer + (i < withExtra ? 1 : 0);
            for (std::int64_t k = start; k < start + length; ++k)
                assignment[std::size_t(consumers[std::size_t(i)])].push_back(index.firstPartition(t) + PartitionId(k));
        }
    }
    return assignment;
}

// RoundRobinAssignor: one circular iterator over all members in member order; every partition
// (topics in name order) goes to the next member subscribed to its topic.
std::vector<std::vector<PartitionId>> roundRobinAssign(const AssignmentIndex &index)
{
    std::vector<std::vector<PartitionId>> assignment(std::size_t(index.memberCount()));
    const std::vector<MemberIndex> order = memberInfoOrder(index);
    if (order.empty())
        return assignment;
    std::size_t next = 0;
    for (PartitionId p = 0; p < index.totalPartitions(); ++p) {
        const TopicIndex topic = index.topicOf(p);
        // Terminates: the topic is indexed only because some member subscribes to it.
        while (!index.isSubscribed(order[next], topic))
            next = (next + 1) % order.size();
        assignment[std::size_t(order[next])].push_back(p);
        next = (next + 1) % order.size();
    }
    return assignment;
}

} // namespace

std::string_view assignorName(AssignorKind kind) noexcept
{
    for (const auto &entry : kAssignors) {
        if (entry.kind == kind)
            return entry.name;
    }
    return {};
}

std::optional<AssignorKind> parseAssignorKind(std::string_view name) noexcept
{
    for (const auto &entry : kAssignors) {
        const std::string_view simpleClass = entry.className.substr(entry.className.rfind('.') + 1);
        if (name == entry.name || name == entry.className || name == simpleClass)
            return entry.kind;
    }
    return std::nullopt;
}

std::string_view rebalanceProtocolName(RebalanceProtocol protocol) noexcept
{
    return protocol == RebalanceProtocol::Cooperative ? "COOPERATIVE" : "EAGER";
}

bool supportsCooperative(AssignorKind kind) noexcept
{
    return kind == AssignorKind::CooperativeSticky;
}

std::vector<RebalanceProtocol> supportedProtocols(AssignorKind kind)
{
    if (supportsCooperative(kind))
        return {RebalanceProtocol::Cooperative, RebalanceProtocol::Eager};
    return {RebalanceProtocol::Eager};
}

std::vector<AssignorKind> defaultAssignors()
{
    return {AssignorKind::Range, AssignorKind::CooperativeSticky};
}

std::optional<RebalanceProtocol> rebalanceProtocolFor(std::span<const AssignorKind> configured) noexcept
{
    if (configured.empty())
        return std::nullopt;
    // Every assignor supports EAGER, so the intersection is never empty; COOPERATIVE survives
    // only if every assignor lists it.
    const bool allCooperative = std::all_of(configured.begin(), configured.end(), supportsCooperative);
    return allCooperative ? RebalanceProtocol::Cooperative : RebalanceProtocol::Eager;
}

std::optional<std::string> selectGroupProtocol(const std::vector<std::vector<std::string>> &memberProtocols)
{
    if (memberProtocols.empty())
        return std::nullopt;

    // candidateProtocols(): supported by every member.
    std::vector<std::vector<std::string>> members;
    std::map<std::string, std::size_t> supportCount;
    for (const auto &protocols : memberProtocols) {
        std::vector<std::string> unique;
        for (const std::string &name : protocols) {
            if (std::find(unique.begin(), unique.end(), name) == unique.end())
                unique.push_back(name);
        }
        for (const std::string &name : unique)
            ++supportCount[name];
        members.push_back(std::move(unique));
    }

    // Each member votes for its first candidate; votes kept in order of first vote, which is
    // the order within a HashMap bucket.
    std::vector<std::pair<std::string, int>> votes;
    for (const auto &protocols : members) {
        const auto vote = std::find_if(protocols.begin(), protocols.end(),
            [&](const std::string &name) { return supportCount[name] == members.size(); });
        if (vote == protocols.end())
            return std::nullopt; // no common protocol
        const auto it = std::find_if(votes.begin(), votes.end(), [&](const auto &v) { return v.first == *vote; });
        if (it == votes.end())
            votes.emplace_back(*vote, 1);
        else
            ++it->second;
    }

    // Iterate like the java.util.HashMap of votes.
    const std::size_t capacity = detail::javaHashMapCapacity(votes.size());
    std::stable_sort(votes.begin(), votes.end(), [capacity](const auto &a, const auto &b) {
        return detail::javaHashMapBucket(a.first, capacity) < detail::javaHashMapBucket(b.first, capacity);
    });

    // Stream.max keeps the earlier element on ties.
    const auto *best = &votes.front();
    for (const auto &entry : votes) {
        if (entry.second > best->second)
            best = &entry;
    }
    return best->first;
}

int javaStringCompare(std::string_view a, std::string_view b) noexcept
{
    const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    if (ia == a.end() || ib == b.end())
        return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
    const auto differsAt = std::size_t(ia - a.begin());
    const auto byteA = static_cast<unsigned char>(*ia);
    const auto byteB = static_cast<unsigned char>(*ib);
    const auto byteOrder = byteA < byteB ? -1 : 1;
    if (byteA < 0x80 && byteB < 0x80)
        return byteOrder;

    // The bytes before agree, so both strings have a code point starting at the same place.
    std::size_t start = differsAt;
    while (start > 0 && (static_cast<unsigned char>(a[start]) & 0xC0) == 0x80)
        --start;
    const auto cpA = decodeUtf8(a, start);
    const auto cpB = decodeUtf8(b, start);
    if (!cpA || !cpB)
        return byteOrder;
    const auto unitsA = utf16Units(cpA->value);
    const auto unitsB = utf16Units(cpB->value);
    if (unitsA.first != unitsB.first)
        return unitsA.first < unitsB.first ? -1 : 1;
    return unitsA.second < unitsB.second ? -1 : (unitsA.second > unitsB.second ? 1 : 0);
}

std::int32_t javaStringHashCode(std::string_view utf8) noexcept
{
    std::uint32_t h = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto cp = decodeUtf8(utf8, i);
        // A malformed byte decodes to U+FFFD, as Java's UTF-8 decoder replaces it.
        const auto [first, second] = utf16Units(cp ? cp->value : 0xFFFD);
        h = 31 * h + first;
        if (second != 0)
            h = 31 * h + second;
        i += cp ? cp->length : 1;
    }
    return static_cast<std::int32_t>(h);
}

bool memberInfoLess(const AssignorMember &a, const AssignorMember &b) noexcept
{
    if (a.groupInstanceId && b.groupInstanceId) {
        const int byInstance = javaStringCompare(*a.groupInstanceId, *b.groupInstanceId);
        if (byInstance != 0)
            return byInstance < 0;
        return javaStringCompare(a.memberId, b.memberId) < 0;
    }
    if (a.groupInstanceId || b.groupInstanceId)
        return a.groupInstanceId.has_value();
    return javaStringCompare(a.memberId, b.memberId) < 0;
}

std::optional<std::string> validateAssignmentInput(
    const TopicPartitionCounts &topics, const std::vector<AssignorMember> &members)
{
    for (const auto &[name, count] : topics) {
        if (count < 0)
            return "topic '" + name + "' has a negative partition count (" + std::to_string(count) + ")";
    }
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (members[i].memberId.empty())
            return "member " + std::to_string(i + 1) + " has an empty member id";
        if (!ids.insert(members[i].memberId).second)
            return "member id '" + members[i].memberId + "' appears more than once";
    }
    return std::nullopt;
}

AssignmentResult assign(
    AssignorKind kind, const TopicPartitionCounts &topics, const std::vector<AssignorMember> &members)
{
    return assign(
        kind, supportsCooperative(kind) ? RebalanceProtocol::Cooperative : RebalanceProtocol::Eager, topics, members);
}

AssignmentResult assign(AssignorKind kind, RebalanceProtocol protocol, const TopicPartitionCounts &topics,
    const std::vector<AssignorMember> &members)
{
    if (!supportsCooperative(kind))
        protocol = RebalanceProtocol::Eager;
    const AssignmentIndex index(topics, members);

    std::vector<std::vector<PartitionId>> lists;
    switch (kind) {
    case AssignorKind::Range:
        lists = rangeAssign(index);
        break;
    case AssignorKind::RoundRobin:
        lists = roundRobinAssign(index);
        break;
    case AssignorKind::Sticky:
        // The eager StickyAssignor reads the previous assignment from its userData, which
        // survives the eager revocation.
        lists = detail::StickyAssignor(index, true).run().assignment;
        break;
    case AssignorKind::CooperativeSticky: {
        // Under EAGER the subscription's ownedPartitions are empty: everything was revoked first.
        detail::StickyAssignor::Result result
            = detail::StickyAssignor(index, protocol == RebalanceProtocol::Cooperative).run();
        // adjustAssignment: the new owner waits for the follow-up rebalance.
        for (std::size_t p = 0; p < result.transferringTo.size(); ++p) {
            const MemberIndex to = result.transferringTo[p];
            if (to < 0)
                continue;
            auto &list = result.assignment[std::size_t(to)];
            list.erase(std::remove(list.begin(), list.end(), PartitionId(p)), list.end());
        }
        lists = std::move(result.assignment);
        break;
    }
    }

    std::vector<MemberIndex> finalOwner(std::size_t(index.totalPartitions()), -1);
    for (std::size_t m = 0; m < lists.size(); ++m) {
        std::sort(lists[m].begin(), lists[m].end()); // dense ids ascend by (topic, partition)
        for (const PartitionId p : lists[m])
            finalOwner[std::size_t(p)] = MemberIndex(m);
    }

    AssignmentResult result;
    for (MemberIndex m = 0; m < index.memberCount(); ++m) {
        const AssignorMember &member = index.member(m);
        auto &assigned = result.assignment[member.memberId];
        if (std::size_t(m) < lists.size()) {
            assigned.reserve(lists[std::size_t(m)].size());
            for (const PartitionId p : lists[std::size_t(m)])
                assigned.push_back(index.toTopicPartition(p));
        }

        auto &revoked = result.revoked[member.memberId];
        for (TopicPartition &tp : sortedUnique(member.owned)) {
            if (protocol == RebalanceProtocol::Eager) {
                revoked.push_back(std::move(tp));
                continue;
            }
            const std::optional<PartitionId> id = index.find(tp);
            if (!id || finalOwner[std::size_t(*id)] != m)
                revoked.push_back(std::move(tp));
        }
    }
    return result;
}

} // namespace kafkalab::core
