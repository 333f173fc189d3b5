// The group coordinator of Simulation (classic protocol): JoinGroup / SyncGroup / Heartbeat /
// LeaveGroup, generations and states, the initial rebalance delay, session timeouts, static
// membership, and offset commits stored in the compacted __consumer_offsets topic.
#include "simulation.h"

#include <algorithm>

#include "core/assignor.h"

namespace kafkalab::core {

namespace {
/** group.initial.rebalance.delay.ms */
constexpr TimeUs kInitialRebalanceDelayUs = 3 * kMicrosPerSecond;
constexpr TimeUs kSessionCheckUs = 1 * kMicrosPerSecond;

} // namespace

const char *groupPhaseName(GroupState::Phase phase) noexcept
{
    switch (phase) {
    case GroupState::Phase::Empty:
        return "Empty";
    case GroupState::Phase::PreparingRebalance:
        return "PreparingRebalance";
    case GroupState::Phase::CompletingRebalance:
        return "CompletingRebalance";
    case GroupState::Phase::Stable:
        return "Stable";
    case GroupState::Phase::Dead:
        return "Dead";
    }
    return "Empty";
}

std::int32_t Simulation::ensureInternalTopic(const std::string &name, std::int32_t minInsyncReplicas)
{
    if (const std::int32_t existing = topicIndex(name); existing >= 0)
        return existing;
    TopicConfig config;
    config.cleanupPolicy = CleanupPolicy::Compact;
    // offsets.topic.replication.factor / transaction.state.log.replication.factor = 3 (fewer on
    // a smaller cluster, as the simulator allows).
    const auto rf = std::min<std::int32_t>(3, static_cast<std::int32_t>(m_brokers.size()));
    config.minInsyncReplicas = std::min(minInsyncReplicas, rf);
    createTopic(name, kInternalTopicPartitions, rf, config);
    return topicIndex(name);
}

std::int32_t coordinatorPartitionFor(const std::string &key) noexcept
{
    // GroupCoordinator / TransactionCoordinator partitionFor: Utils.abs(key.hashCode) % 50.
    const std::int32_t h = javaStringHashCode(key);
    return (h == std::numeric_limits<std::int32_t>::min() ? 0 : std::abs(h)) % kInternalTopicPartitions;
}

void Simulation::ensureOffsetsTopic()
{
    if (m_offsetsTopic < 0)
        m_offsetsTopic = ensureInternalTopic("__consumer_offsets", 1);
}

std::int32_t Simulation::ensureGroup(const std::string &groupId)
{
    for (std::size_t i = 0; i < m_groups.size(); ++i)
        if (m_groups[i].groupId == groupId)
            return static_cast<std::int32_t>(i);
    ensureOffsetsTopic();
    GroupState group;
    group.groupId = groupId;
    group.offsetsPartition = coordinatorPartitionFor(groupId);
    m_groups.push_back(std::move(group));
    const auto index = static_cast<std::int32_t>(m_groups.size() - 1);
    schedule(m_now + kSessionCheckUs, SessionCheckMsg {index});
    return index;
}

const GroupState *Simulation::group(std::string_view groupId) const noexcept
{
    for (const GroupState &g : m_groups)
        if (g.groupId == groupId)
            return &g;
    return nullptr;
}

BrokerId Simulation::coordinatorOf(const GroupState &group) const noexcept
{
    if (m_offsetsTopic < 0)
        return kNoBroker;
    return m_topics[static_cast<std::size_t>(m_offsetsTopic)]
        .partitions[static_cast<std::size_t>(group.offsetsPartition)]
        .leader;
}

void Simulation::sendToCoordinator(std::int32_t group, std::int32_t consumer, Message message)
{
    const BrokerId coordinator = coordinatorOf(m_groups[static_cast<std::size_t>(group)]);
    // No coordinator reachable: the request is lost and the client retries on its next heartbeat.
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    schedule(m_now + linkLatency(consumerNode(consumer), coordinator), std::move(message));
}

void Simulation::onJoinGroup(const JoinGroupMsg &msg)
{
    GroupState &g = m_groups[static_cast<std::size_t>(msg.group)];
    const ConsumerState &c = m_consumers[static_cast<std::size_t>(msg.consumer)];
    if (c.incarnation != msg.incarnation || !c.alive)
        return;
    const BrokerId coordinator = coordinatorOf(g);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;

    auto member = std::find_if(g.members.begin(), g.members.end(), [&](const GroupMember &m) {
        return m.consumer == msg.consumer
            || (c.config.groupInstanceId && m.groupInstanceId == c.config.groupInstanceId);
    });
    const bool known = member != g.members.end();
    if (known && c.config.groupInstanceId && member->memberId != c.memberId && g.phase == GroupState::Phase::Stable) {
        // Static membership (KIP-345): a known group.instance.id rejoining replaces its old
        // member id and gets its assignment back without a rebalance.
        if (g.leader == member->memberId)
            g.leader = c.memberId;
        member->memberId = c.memberId;
        member->consumer = msg.consumer;
        member->lastHeartbeatUs = m_now;
        schedule(m_now + linkLatency(coordinator, consumerNode(msg.consumer)),
            JoinResponseMsg {msg.consumer, msg.incarnation, g.generation, ErrorCode::None});
        return;
    }
    // ClassicGroup: a known member rejoining with unchanged metadata while the group is
    // Stable (and it is not the leader) or CompletingRebalance just gets the current generation.
    if (known && member->topics == c.subscription && member->owned == c.owned
        && ((g.phase == GroupState::Phase::Stable && g.leader != c.memberId)
            || g.phase == GroupState::Phase::CompletingRebalance)) {
        member->lastHeartbeatUs = m_now;
        schedule(m_now + linkLatency(coordinator, consumerNode(msg.consumer)),
            JoinResponseMsg {msg.consumer, msg.incarnation, g.generation, ErrorCode::None});
        return;
    }
    if (!known) {
        GroupMember m;
        m.memberId = c.memberId;
        m.consumer = msg.consumer;
        m.groupInstanceId = c.config.groupInstanceId;
        g.members.push_back(std::move(m));
        member = std::prev(g.members.end());
    }
    member->memberId = c.memberId;
    member->consumer = msg.consumer;
    member->topics = c.subscription;
    member->owned = c.owned;
    member->ownedGeneration = c.generation;
    member->strategies = c.config.strategies;
    member->sessionTimeoutUs = c.config.sessionTimeoutUs;
    member->rebalanceTimeoutUs = c.config.maxPollIntervalUs;
    member->lastHeartbeatUs = m_now;
    member->joinedThisRound = true;

    switch (g.phase) {
    case GroupState::Phase::Empty:
    case GroupState::Phase::Dead:
        // The first member starts the initial delay (group.initial.rebalance.delay.ms) so that
        // members starting together land in one rebalance.
        prepareRebalance(msg.group, "first member joined");
        g.initialDelay = true;
        g.joinDeadlineUs = m_now + std::min(kInitialRebalanceDelayUs, member->rebalanceTimeoutUs);
        schedule(g.joinDeadlineUs, GroupTimerMsg {msg.group, g.round});
        break;
    case GroupState::Phase::Stable:
    case GroupState::Phase::CompletingRebalance:
        prepareRebalance(msg.group, known ? "member " + c.memberId + " rejoined" : "member " + c.memberId + " joined");
        member = std::find_if(
            g.members.begin(), g.members.end(), [&](const GroupMember &m) { return m.consumer == msg.consumer; });
        member->joinedThisRound = true;
        break;
    case GroupState::Phase::PreparingRebalance:
        break;
    }
    if (g.phase == GroupState::Phase::PreparingRebalance && !g.initialDelay
        && std::all_of(g.members.begin(), g.members.end(), [](const GroupMember &m) { return m.joinedThisRound; }))
        completeJoin(msg.group);
}

void Simulation::prepareRebalance(std::int32_t group, const std::string &reason)
{
    GroupState &g = m_groups[static_cast<std::size_t>(group)];
    g.phase = GroupState::Phase::PreparingRebalance;
    ++g.round;
    g.rebalanceStartedUs = m_now;
    g.initialDelay = false;
    TimeUs timeout = 0;
    for (GroupMember &m : g.members) {
        m.joinedThisRound = false;
        timeout = std::max(timeout, m.rebalanceTimeoutUs);
    }
    // Members have up to the rebalance timeout (max.poll.interval.ms) to rejoin.
    g.joinDeadlineUs = m_now + timeout;
    schedule(g.joinDeadlineUs, GroupTimerMsg {group, g.round});
    if (wantsEvents()) {
        Event e = makeEvent(EventType::RebalanceStarted);
        e.client = g.groupId;
        e.epoch = g.generation;
        e.detail = reason;
        publish(e);
    }
}

void Simulation::onGroupTimer(const GroupTimerMsg &msg)
{
    GroupState &g = m_groups[static_cast<std::size_t>(msg.group)];
    if (msg.round != g.round || g.phase != GroupState::Phase::PreparingRebalance || m_now < g.joinDeadlineUs)
        return;
    if (g.initialDelay) {
        g.initialDelay = false;
        // InitialDelayedJoin: members that joined meanwhile extend the wait, up to the
        // rebalance timeout.
        const bool allJoined
            = std::all_of(g.members.begin(), g.members.end(), [](const GroupMember &m) { return m.joinedThisRound; });
        if (!allJoined) {
            g.joinDeadlineUs = m_now + g.members.front().rebalanceTimeoutUs;
            schedule(g.joinDeadlineUs, GroupTimerMsg {msg.group, g.round});
            return;
        }
        completeJoin(msg.group);
        return;
    }
    // The join window closed: members that did not rejoin are removed.
    std::vector<std::string> late;
    for (const GroupMember &m : g.members)
        if (!m.joinedThisRound)
            late.push_back(m.memberId);
    for (const std::string &id : late)
        std::erase_if(g.members, [&id](const GroupMember &m) { return m.memberId == id; });
    if (g.members.empty()) {
        g.phase = GroupState::Phase::Empty;
        ++g.generation;
        return;
    }
    completeJoin(msg.group);
}

void Simulation::completeJoin(std::int32_t group)
{
    GroupState &g = m_groups[static_cast<std::size_t>(group)];
    ++g.generation;
    g.phase = GroupState::Phase::CompletingRebalance;
    ++g.rebalances;

    // ClassicGroup.selectProtocol: among the strategies every member supports, each member votes
    // for its first choice; the most votes win.
    std::vector<std::vector<std::string>> protocols;
    for (const GroupMember &m : g.members) {
        std::vector<std::string> names;
        for (AssignorKind k : m.strategies)
            names.emplace_back(assignorName(k));
        protocols.push_back(std::move(names));
    }
    const auto selected = selectGroupProtocol(protocols);
    const AssignorKind chosen = selected ? parseAssignorKind(*selected).value_or(g.members.front().strategies.front())
                                         : g.members.front().strategies.front();
    g.protocol = chosen;
    if (std::none_of(g.members.begin(), g.members.end(), [&g](const GroupMember &m) { return m.memberId == g.leader; }))
        g.leader = g.members.front().memberId;

    // The leader runs the assignor (client side in Kafka; deterministic, so computed here).
    std::map<std::string, std::int32_t> topicSizes;
    std::vector<AssignorMember> members;
    for (const GroupMember &m : g.members) {
        AssignorMember a;
        a.memberId = m.memberId;
        a.groupInstanceId = m.groupInstanceId;
        for (std::int32_t t : m.topics) {
            const TopicState &topic = m_topics[static_cast<std::size_t>(t)];
            a.topics.push_back(topic.name);
            topicSizes[topic.name] = static_cast<std::int32_t>(topic.partitions.size());
        }
        for (const PartitionKey &p : m.owned)
            a.owned.push_back({m_topics[static_cast<std::size_t>(p.first)].name, p.second});
        a.generation = m.ownedGeneration;
        members.push_back(std::move(a));
    }
    const AssignmentResult result = assign(chosen, topicSizes, members);
    for (GroupMember &m : g.members) {
        m.assignment.clear();
        const auto it = result.assignment.find(m.memberId);
        if (it != result.assignment.end())
            for (const TopicPartition &tp : it->second)
                m.assignment.emplace_back(topicIndex(tp.topic), tp.partition);
        const BrokerId coordinator = coordinatorOf(g);
        if (coordinator != kNoBroker)
            schedule(m_now + linkLatency(coordinator, consumerNode(m.consumer)),
                JoinResponseMsg {m.consumer, m_consumers[static_cast<std::size_t>(m.consumer)].incarnation,
                    g.generation, ErrorCode::None});
    }
}

void Simulation::onSyncGroup(const SyncGroupMsg &msg)
{
    GroupState &g = m_groups[static_cast<std::size_t>(msg.group)];
    const auto member = std::find_if(
        g.members.begin(), g.members.end(), [&](const GroupMember &m) { return m.consumer == msg.consumer; });
    const BrokerId coordinator = coordinatorOf(g);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    const auto reply = [&](ErrorCode error, std::vector<PartitionKey> assignment) {
        schedule(m_now + linkLatency(coordinator, consumerNode(msg.consumer)),
            SyncResponseMsg {msg.consumer, msg.incarnation, g.generation, error, std::move(assignment)});
    };
    if (member == g.members.end())
        return reply(ErrorCode::UnknownMemberId, {});
    if (msg.generation != g.generation)
        return reply(ErrorCode::IllegalGeneration, {});
    if (g.phase == GroupState::Phase::PreparingRebalance)
        return reply(ErrorCode::RebalanceInProgress, {});
    member->lastHeartbeatUs = m_now;
    if (g.phase == GroupState::Phase::Stable)
        return reply(ErrorCode::None, member->assignment);
    if (member->memberId == g.leader) {
        // The leader's SyncGroup carries the assignment: the group becomes Stable.
        g.phase = GroupState::Phase::Stable;
        if (wantsEvents()) {
            Event e = makeEvent(EventType::RebalanceCompleted);
            e.client = g.groupId;
            e.epoch = g.generation;
            e.detail = std::string(assignorName(*g.protocol));
            e.count = static_cast<std::int64_t>(g.members.size());
            e.from = g.rebalanceStartedUs;
            publish(e);
        }
        for (const GroupMember &m : g.members)
            schedule(m_now + linkLatency(coordinator, consumerNode(m.consumer)),
                SyncResponseMsg {m.consumer, m_consumers[static_cast<std::size_t>(m.consumer)].incarnation,
                    g.generation, ErrorCode::None, m.assignment});
    }
    // Followers wait for the leader; they are answered above when it arrives.
}

void Simulation::onHeartbeat(const HeartbeatMsg &msg)
{
    GroupState &g = m_groups[static_cast<std::size_t>(msg.group)];
    const BrokerId coordinator = coordinatorOf(g);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    const auto member = std::find_if(
        g.members.begin(), g.members.end(), [&](const GroupMember &m) { return m.consumer == msg.consumer; });
    ErrorCode error = ErrorCode::None;
    if (member == g.members.end())
        error = ErrorCode::UnknownMemberId;
    else {
        member->lastHeartbeatUs = m_now;
        if (g.phase == GroupState::Phase::PreparingRebalance)
            error = ErrorCode::RebalanceInProgress;
        else if (msg.generation != g.generation)
            error = ErrorCode::IllegalGeneration;
    }
    schedule(m_now + linkLatency(coordinator, consumerNode(msg.consumer)),
        HeartbeatResponseMsg {msg.consumer, msg.incarnation, error});
}

void Simulation::onLeaveGroup(const LeaveGroupMsg &msg)
{
    GroupState &g = m_groups[static_cast<std::size_t>(msg.group)];
    const BrokerId coordinator = coordinatorOf(g);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    removeMember(msg.group, msg.memberId, "member " + msg.memberId + " left");
}

void Simulation::removeMember(std::int32_t group, const std::string &memberId, const std::string &reason)
{
    GroupState &g = m_groups[static_cast<std::size_t>(group)];
    const auto before = g.members.size();
    std::erase_if(g.members, [&memberId](const GroupMember &m) { return m.memberId == memberId; });
    if (g.members.size() == before)
        return;
    if (g.members.empty()) {
        g.phase = GroupState::Phase::Empty;
        ++g.round;
        if (wantsEvents()) {
            Event e = makeEvent(EventType::RebalanceStarted);
            e.client = g.groupId;
            e.detail = reason + "; the group is empty";
            publish(e);
        }
        return;
    }
    if (g.leader == memberId)
        g.leader.clear();
    if (g.phase == GroupState::Phase::PreparingRebalance) {
        if (std::all_of(g.members.begin(), g.members.end(), [](const GroupMember &m) { return m.joinedThisRound; })
            && !g.initialDelay)
            completeJoin(group);
        return;
    }
    prepareRebalance(group, reason);
}

void Simulation::onSessionCheck(const SessionCheckMsg &msg)
{
    GroupState &g = m_groups[static_cast<std::size_t>(msg.group)];
    schedule(m_now + kSessionCheckUs, SessionCheckMsg {msg.group});
    const BrokerId coordinator = coordinatorOf(g);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    std::vector<std::string> expired;
    for (const GroupMember &m : g.members)
        if (m_now - m.lastHeartbeatUs > m.sessionTimeoutUs)
            expired.push_back(m.memberId);
    for (const std::string &id : expired)
        removeMember(msg.group, id, "member " + id + " missed session.timeout.ms");
}

void Simulation::onOffsetCommit(OffsetCommitMsg &msg)
{
    GroupState &g = m_groups[static_cast<std::size_t>(msg.group)];
    const BrokerId coordinator = coordinatorOf(g);
    if (coordinator == kNoBroker || !brokerRef(coordinator).reachable())
        return;
    const auto reply = [&](ErrorCode error) {
        schedule(m_now + linkLatency(coordinator, consumerNode(msg.consumer)),
            OffsetCommitResponseMsg {msg.consumer, msg.incarnation, error});
    };
    // A member of an older generation may not commit (its partitions may have moved); a
    // consumer outside any group (manual assignment) may.
    const auto member = std::find_if(
        g.members.begin(), g.members.end(), [&](const GroupMember &m) { return m.consumer == msg.consumer; });
    if (member != g.members.end() && msg.generation != g.generation)
        return reply(ErrorCode::IllegalGeneration);
    if (member == g.members.end() && msg.generation >= 0 && g.phase != GroupState::Phase::Empty)
        return reply(ErrorCode::UnknownMemberId);
    if (g.phase == GroupState::Phase::CompletingRebalance && member != g.members.end())
        return reply(ErrorCode::RebalanceInProgress);

    // The commit is a record in the compacted __consumer_offsets partition, written with
    // acks=all (offsets.commit.required.acks): the offsets count once it is committed there.
    auto payload = std::make_shared<BatchPayload>();
    for (const auto &[tp, offset] : msg.offsets) {
        const std::string key = g.groupId + '/' + partitionName(tp);
        const std::string value = std::to_string(offset);
        payload->append(std::string_view(key), std::string_view(value), m_now);
    }
    BrokerRequest request {};
    request.commitConsumer = msg.consumer;
    request.commitGroup = msg.group;
    request.commitIncarnation = msg.incarnation;
    request.commitOffsets = msg.offsets;
    request.producer = -1;
    request.requestId = 0;
    request.broker = coordinator;
    request.brokerIncarnation = brokerRef(coordinator).incarnation;
    request.remaining = 1;
    request.results.push_back({m_offsetsTopic, g.offsetsPartition, 0, ErrorCode::None, -1});
    const std::uint64_t key = m_nextRequestKey++;
    m_brokerRequests.emplace(key, std::move(request));
    ProduceEntry entry {m_offsetsTopic, g.offsetsPartition, 0, std::move(payload)};
    Offset baseOffset = -1;
    bool duplicate = false;
    const ErrorCode error = appendAsLeader(m_offsetsTopic, g.offsetsPartition, entry, -1, baseOffset, duplicate);
    if (error != ErrorCode::None) {
        finishPartition(key, 0, error, -1);
        return;
    }
    maybeAdvanceHighWatermark(m_offsetsTopic, g.offsetsPartition);
    PartitionState &p
        = m_topics[static_cast<std::size_t>(m_offsetsTopic)].partitions[static_cast<std::size_t>(g.offsetsPartition)];
    const Offset required = baseOffset + entry.payload->lastOffsetDelta + 1;
    if (p.highWatermark >= required) {
        finishPartition(key, 0, ErrorCode::None, baseOffset);
        return;
    }
    addToPurgatory(m_offsetsTopic, g.offsetsPartition,
        PendingProduce {key, 0, required, baseOffset, m_now + 5 * kMicrosPerSecond});
}

void Simulation::finishOffsetCommit(BrokerRequest &request, ErrorCode error)
{
    GroupState &g = m_groups[static_cast<std::size_t>(request.commitGroup)];
    if (error == ErrorCode::None) {
        for (const auto &[tp, offset] : request.commitOffsets) {
            g.committed[tp] = offset;
            if (wantsEvents()) {
                Event e = partitionEvent(EventType::OffsetCommitted, tp.first, tp.second);
                e.client = g.groupId;
                e.offset = offset;
                publish(e);
            }
        }
    }
    const BrokerState &b = brokerRef(request.broker);
    if (b.incarnation == request.brokerIncarnation && b.reachable())
        schedule(m_now + linkLatency(request.broker, consumerNode(request.commitConsumer)),
            OffsetCommitResponseMsg {request.commitConsumer, request.commitIncarnation, error});
}

} // namespace kafkalab::core
