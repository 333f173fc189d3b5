#include "simulation.h"

#include <algorithm>
#include <cmath>

namespace kafkalab::core {

namespace {
template<class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template<class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

/** KRaft voters in combined mode: the first three brokers (or all, when fewer). */
constexpr BrokerId kMaxVoters = 3;
} // namespace

Simulation::Simulation(ClusterConfig config)
    : m_config(config)
    , m_rng(config.seed)
{
    m_brokers.reserve(static_cast<std::size_t>(config.brokers));
    for (BrokerId id = 1; id <= config.brokers; ++id) {
        BrokerState broker;
        broker.id = id;
        m_brokers.push_back(broker);
        schedule(m_config.replicaLagTimeMaxUs / 2, IsrCheckMsg {id, 0});
    }
    m_controller = 1;
    schedule(m_config.retentionCheckIntervalUs, RetentionTickMsg {});
    schedule(m_config.cleanerBackoffUs, CleanerTickMsg {});
}

Simulation::Simulation(const Simulation &other)
    : m_config(other.m_config)
    , m_rng(other.m_rng)
    , m_now(other.m_now)
    , m_nextSeq(other.m_nextSeq)
    , m_eventsProcessed(other.m_eventsProcessed)
    , m_tasks(other.m_tasks)
    , m_messages(other.m_messages)
    , m_freeSlots(other.m_freeSlots)
    , m_brokers(other.m_brokers)
    , m_controller(other.m_controller)
    , m_controllerElectionScheduled(other.m_controllerElectionScheduled)
    , m_linkLatency(other.m_linkLatency)
    , m_topics(other.m_topics)
    , m_producers(other.m_producers)
    , m_consumers(other.m_consumers)
    , m_groups(other.m_groups)
    , m_offsetsTopic(other.m_offsetsTopic)
    , m_pendingCommits(other.m_pendingCommits)
    , m_txns(other.m_txns)
    , m_txnTopic(other.m_txnTopic)
    , m_txnCheckScheduled(other.m_txnCheckScheduled)
    , m_brokerRequests(other.m_brokerRequests)
    , m_nextRequestKey(other.m_nextRequestKey)
    , m_nextParkId(other.m_nextParkId)
    , m_nextProducerId(other.m_nextProducerId)
    , m_metricsIntervalUs(other.m_metricsIntervalUs)
    , m_recordsAppended(other.m_recordsAppended)
    , m_recordsSent(other.m_recordsSent)
    , m_bytesAppended(other.m_bytesAppended)
    , m_metrics(other.m_metrics)
    , m_loads(other.m_loads)
    , m_recordMemory(other.m_recordMemory)
{
    // Listeners belong to whoever attached them, not to the snapshot.
}

Simulation &Simulation::operator=(const Simulation &other)
{
    if (this != &other) {
        auto listeners = std::move(m_listeners);
        Simulation copy(other);
        *this = std::move(copy);
        m_listeners = std::move(listeners);
    }
    return *this;
}

Simulation::~Simulation() = default;

// ---- scheduler ---------------------------------------------------------------------------------

void Simulation::schedule(TimeUs at, Message message)
{
    std::uint32_t slot = 0;
    if (m_freeSlots.empty()) {
        slot = static_cast<std::uint32_t>(m_messages.size());
        m_messages.push_back(std::move(message));
    } else {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
        m_messages[slot] = std::move(message);
    }
    m_tasks.push_back(Task {std::max(at, m_now), m_nextSeq++, slot});
    std::push_heap(m_tasks.begin(), m_tasks.end(), TaskLater {});
}

std::optional<TimeUs> Simulation::nextEventTime() const noexcept
{
    if (m_tasks.empty())
        return std::nullopt;
    return m_tasks.front().time;
}

bool Simulation::step()
{
    if (m_tasks.empty())
        return false;
    std::pop_heap(m_tasks.begin(), m_tasks.end(), TaskLater {});
    const Task task = m_tasks.back();
    m_tasks.pop_back();
    Message message = std::move(m_messages[task.slot]);
    m_freeSlots.push_back(task.slot);
    m_now = task.time;
    ++m_eventsProcessed;
    dispatch(message);
    return true;
}

void Simulation::runUntil(TimeUs time)
{
    while (!m_tasks.empty() && m_tasks.front().time <= time)
        step();
    m_now = std::max(m_now, time);
}

void Simulation::dispatch(Message &message)
{
    std::visit(Overloaded {
                   [this](FollowerFetchMsg &m) { onFollowerFetch(m); },
                   [this](FollowerFetchResponseMsg &m) { onFollowerFetchResponse(m); },
                   [this](ProduceRequestMsg &m) { onProduceRequest(m); },
                   [this](ProduceResponseMsg &m) { onProduceResponse(m); },
                   [this](RequestTimeoutMsg &m) { onRequestTimeout(m); },
                   [this](SenderWakeMsg &m) {
                       ProducerState &p = m_producers[static_cast<std::size_t>(m.producer)];
                       if (p.wakeScheduledUs == m_now)
                           p.wakeScheduledUs = -1;
                       runSender(m.producer);
                   },
                   [this](FenceCheckMsg &m) {
                       const BrokerState &b = brokerRef(m.broker);
                       if (b.incarnation != m.incarnation || b.reachable() || b.fenced)
                           return;
                       // Without an active controller nobody fences; the next controller
                       // re-arms this check when it is elected.
                       if (controllerAvailable())
                           fenceBroker(m.broker);
                   },
                   [this](IsrCheckMsg &m) { onIsrCheck(m); },
                   [this](ControllerElectMsg &) {
                       m_controllerElectionScheduled = false;
                       electController();
                   },
                   [this](AlterPartitionMsg &m) { onAlterPartition(m); },
                   [this](BrokerRegisterMsg &m) {
                       const BrokerState &b = brokerRef(m.broker);
                       if (b.incarnation == m.incarnation && b.reachable())
                           registerBroker(m.broker);
                   },
                   [this](PurgatoryTimeoutMsg &m) { onPurgatoryTimeout(m); },
                   [this](RetentionTickMsg &) { onRetentionTick(); },
                   [this](CleanerTickMsg &) { onCleanerTick(); },
                   [this](MetricsTickMsg &) { onMetricsTick(); },
                   [this](LoadTickMsg &m) { onLoadTick(m.load); },
                   [this](JoinGroupMsg &m) { onJoinGroup(m); },
                   [this](JoinResponseMsg &m) { onJoinResponse(m); },
                   [this](SyncGroupMsg &m) { onSyncGroup(m); },
                   [this](SyncResponseMsg &m) { onSyncResponse(m); },
                   [this](HeartbeatTickMsg &m) { onHeartbeatTick(m); },
                   [this](HeartbeatMsg &m) { onHeartbeat(m); },
                   [this](HeartbeatResponseMsg &m) { onHeartbeatResponse(m); },
                   [this](LeaveGroupMsg &m) { onLeaveGroup(m); },
                   [this](GroupTimerMsg &m) { onGroupTimer(m); },
                   [this](SessionCheckMsg &m) { onSessionCheck(m); },
                   [this](PollMsg &m) { onPoll(m); },
                   [this](OffsetCommitMsg &m) { onOffsetCommit(m); },
                   [this](OffsetCommitResponseMsg &m) { onOffsetCommitResponse(m); },
                   [this](InitPidMsg &m) { onInitPid(m); },
                   [this](InitPidResponseMsg &m) { onInitPidResponse(m); },
                   [this](AddPartitionsMsg &m) { onAddPartitions(m); },
                   [this](AddPartitionsResponseMsg &m) { onAddPartitionsResponse(m); },
                   [this](TxnOffsetCommitMsg &m) { onTxnOffsetCommit(m); },
                   [this](TxnOffsetCommitResponseMsg &m) { onTxnOffsetCommitResponse(m); },
                   [this](EndTxnMsg &m) { onEndTxn(m); },
                   [this](EndTxnResponseMsg &m) { onEndTxnResponse(m); },
                   [this](WriteMarkerMsg &m) { onWriteMarker(m); },
                   [this](MarkerDoneMsg &m) { onMarkerDone(m); },
                   [this](TxnTimeoutCheckMsg &) { onTxnTimeoutCheck(); },
                   [this](WorkerTickMsg &m) { onWorkerTick(m); },
               },
        message);
}

// ---- events and metrics ------------------------------------------------------------------------

void Simulation::addListener(EventListener *listener)
{
    if (listener != nullptr && std::find(m_listeners.begin(), m_listeners.end(), listener) == m_listeners.end())
        m_listeners.push_back(listener);
}

void Simulation::removeListener(EventListener *listener)
{
    std::erase(m_listeners, listener);
}

void Simulation::publish(Event event)
{
    for (EventListener *listener : m_listeners)
        listener->onEvent(event);
}

Event Simulation::makeEvent(EventType type) const
{
    Event event;
    event.timeUs = m_now;
    event.type = type;
    return event;
}

Event Simulation::partitionEvent(EventType type, std::int32_t topic, std::int32_t partition) const
{
    Event event = makeEvent(type);
    event.topic = m_topics[static_cast<std::size_t>(topic)].name;
    event.partition = partition;
    return event;
}

void Simulation::setMetricsInterval(TimeUs intervalUs)
{
    const bool wasOff = m_metricsIntervalUs <= 0;
    m_metricsIntervalUs = intervalUs;
    if (wasOff && intervalUs > 0)
        schedule(m_now + intervalUs, MetricsTickMsg {});
}

void Simulation::onMetricsTick()
{
    if (m_metricsIntervalUs <= 0)
        return;
    MetricsSample sample;
    sample.timeUs = m_now;
    sample.recordsAppended = m_recordsAppended;
    sample.bytesAppended = m_bytesAppended;
    for (const TopicState &topic : m_topics) {
        for (const PartitionState &p : topic.partitions) {
            ++sample.partitions;
            sample.isrTotal += static_cast<std::int32_t>(p.isr.size());
            if (p.leader == kNoBroker)
                ++sample.offline;
            else if (p.isr.size() < p.replicaIds.size())
                ++sample.underReplicated;
        }
    }
    m_metrics.push_back(sample);
    schedule(m_now + m_metricsIntervalUs, MetricsTickMsg {});
}

// ---- network -----------------------------------------------------------------------------------

void Simulation::setLinkLatency(std::int32_t from, std::int32_t to, TimeUs latencyUs)
{
    m_linkLatency[{std::min(from, to), std::max(from, to)}] = latencyUs;
}

TimeUs Simulation::linkLatency(std::int32_t from, std::int32_t to) const noexcept
{
    if (!m_linkLatency.empty()) {
        const auto it = m_linkLatency.find({std::min(from, to), std::max(from, to)});
        if (it != m_linkLatency.end())
            return it->second;
    }
    return m_config.latencyUs;
}

bool Simulation::linkUp(BrokerId a, BrokerId b) const noexcept
{
    return m_brokers[static_cast<std::size_t>(a - 1)].reachable()
        && m_brokers[static_cast<std::size_t>(b - 1)].reachable();
}

const BrokerState *Simulation::broker(BrokerId id) const noexcept
{
    if (id < 1 || id > static_cast<BrokerId>(m_brokers.size()))
        return nullptr;
    return &m_brokers[static_cast<std::size_t>(id - 1)];
}

// ---- broker faults -----------------------------------------------------------------------------

ActionResult Simulation::crashBroker(BrokerId id)
{
    if (broker(id) == nullptr)
        return ActionResult::failure("there is no broker " + std::to_string(id));
    BrokerState &b = brokerRef(id);
    if (!b.alive)
        return ActionResult::failure("broker " + std::to_string(id) + " is already down");
    b.alive = false;
    b.slowByUs = 0;
    becomeUnreachable(id, EventType::BrokerDown);
    // A crashed broker's connections close: clients notice at once (isolation only times out).
    disconnectProducersFrom(id);
    return {};
}

void Simulation::becomeUnreachable(BrokerId id, EventType event)
{
    BrokerState &b = brokerRef(id);
    releaseParkedFetchesOf(id);
    ++b.incarnation;
    // Requests waiting at the broker can never be answered.
    dropBrokerRequests(id);
    if (wantsEvents()) {
        Event e = makeEvent(event);
        e.broker = id;
        publish(e);
    }
    if (m_controller == id)
        onControllerLost();
    // The controller stops hearing heartbeats and fences the broker after the session timeout.
    schedule(m_now + m_config.brokerSessionTimeoutUs, FenceCheckMsg {id, b.incarnation});
}

void Simulation::becomeReachable(BrokerId id, EventType event)
{
    BrokerState &b = brokerRef(id);
    ++b.incarnation;
    if (wantsEvents()) {
        Event e = makeEvent(event);
        e.broker = id;
        publish(e);
    }
    schedule(m_now + m_config.replicaLagTimeMaxUs / 2, IsrCheckMsg {id, b.incarnation});
    if (!controllerAvailable() && !m_controllerElectionScheduled) {
        m_controllerElectionScheduled = true;
        schedule(m_now + m_config.controllerElectionTimeoutUs, ControllerElectMsg {});
    }
}

ActionResult Simulation::restartBroker(BrokerId id)
{
    if (broker(id) == nullptr)
        return ActionResult::failure("there is no broker " + std::to_string(id));
    BrokerState &b = brokerRef(id);
    if (b.alive)
        return ActionResult::failure("broker " + std::to_string(id) + " is already running");
    b.alive = true;
    b.isolated = false;
    becomeReachable(id, EventType::BrokerUp);
    // A restarted broker registers anew with the controller (new incarnation).
    schedule(m_now + linkLatency(id, std::max(m_controller, 1)), BrokerRegisterMsg {id, b.incarnation});
    return {};
}

ActionResult Simulation::isolateBroker(BrokerId id)
{
    if (broker(id) == nullptr)
        return ActionResult::failure("there is no broker " + std::to_string(id));
    BrokerState &b = brokerRef(id);
    if (!b.alive)
        return ActionResult::failure("broker " + std::to_string(id) + " is down; restart it first");
    if (b.isolated)
        return ActionResult::failure("broker " + std::to_string(id) + " is already isolated");
    b.isolated = true;
    becomeUnreachable(id, EventType::BrokerIsolated);
    return {};
}

ActionResult Simulation::healBroker(BrokerId id)
{
    if (broker(id) == nullptr)
        return ActionResult::failure("there is no broker " + std::to_string(id));
    BrokerState &b = brokerRef(id);
    if (!b.isolated)
        return ActionResult::failure("broker " + std::to_string(id) + " is not isolated");
    b.isolated = false;
    becomeReachable(id, EventType::BrokerHealed);
    if (b.fenced)
        schedule(m_now + linkLatency(id, std::max(m_controller, 1)), BrokerRegisterMsg {id, b.incarnation});
    else
        startFetchersOnBroker(id);
    return {};
}

ActionResult Simulation::slowBroker(BrokerId id, TimeUs byUs)
{
    if (broker(id) == nullptr)
        return ActionResult::failure("there is no broker " + std::to_string(id));
    if (byUs < 0)
        return ActionResult::failure("slow: the delay must not be negative");
    BrokerState &b = brokerRef(id);
    b.slowByUs = byUs;
    if (wantsEvents()) {
        Event e = makeEvent(EventType::BrokerSlowed);
        e.broker = id;
        e.count = byUs / kMicrosPerMs;
        publish(e);
    }
    return {};
}

// ---- controller --------------------------------------------------------------------------------

bool Simulation::eligible(BrokerId id) const noexcept
{
    const BrokerState &b = m_brokers[static_cast<std::size_t>(id - 1)];
    return b.reachable() && !b.fenced;
}

void Simulation::onControllerLost()
{
    m_controller = kNoBroker;
    if (!m_controllerElectionScheduled) {
        m_controllerElectionScheduled = true;
        schedule(m_now + m_config.controllerElectionTimeoutUs, ControllerElectMsg {});
    }
}

void Simulation::electController()
{
    if (controllerAvailable())
        return;
    const BrokerId voters = std::min<BrokerId>(kMaxVoters, static_cast<BrokerId>(m_brokers.size()));
    BrokerId reachable = 0;
    BrokerId candidate = kNoBroker;
    for (BrokerId id = 1; id <= voters; ++id) {
        if (brokerRef(id).reachable()) {
            ++reachable;
            if (candidate == kNoBroker)
                candidate = id;
        }
    }
    // A Raft quorum needs a majority of the voters.
    if (reachable * 2 <= voters)
        return;
    m_controller = candidate;
    if (wantsEvents()) {
        Event e = makeEvent(EventType::ControllerElected);
        e.broker = candidate;
        publish(e);
    }
    // The new controller has heard nothing from unreachable brokers: fence them in due course.
    for (const BrokerState &b : m_brokers)
        if (!b.reachable() && !b.fenced)
            schedule(m_now + m_config.brokerSessionTimeoutUs, FenceCheckMsg {b.id, b.incarnation});
    // Brokers that came back while there was no controller register now.
    for (const BrokerState &b : m_brokers)
        if (b.reachable() && b.fenced)
            registerBroker(b.id);
    for (std::size_t t = 0; t < m_topics.size(); ++t)
        for (std::size_t p = 0; p < m_topics[t].partitions.size(); ++p)
            if (m_topics[t].partitions[p].leader == kNoBroker)
                electLeader(static_cast<std::int32_t>(t), static_cast<std::int32_t>(p), "controller-failover");
}

void Simulation::fenceBroker(BrokerId id)
{
    BrokerState &b = brokerRef(id);
    b.fenced = true;
    if (wantsEvents()) {
        Event e = makeEvent(EventType::BrokerFenced);
        e.broker = id;
        publish(e);
    }
    for (std::size_t t = 0; t < m_topics.size(); ++t) {
        TopicState &topic = m_topics[t];
        for (std::size_t pi = 0; pi < topic.partitions.size(); ++pi) {
            PartitionState &p = topic.partitions[pi];
            if (p.replica(id) == nullptr)
                continue;
            const auto ti = static_cast<std::int32_t>(t);
            const auto pIndex = static_cast<std::int32_t>(pi);
            // KRaft removes a fenced broker from every ISR, but never empties an ISR: the last
            // member stays so that a clean election stays possible when it returns.
            if (p.inIsr(id) && p.isr.size() > 1) {
                std::erase(p.isr, id);
                if (wantsEvents()) {
                    Event e = partitionEvent(EventType::IsrShrink, ti, pIndex);
                    e.broker = id;
                    e.brokers = p.isr;
                    e.detail = "fenced";
                    publish(e);
                }
            }
            std::erase_if(p.parkedFetches, [id](const ParkedFetch &f) { return f.follower == id; });
            if (p.leader == id)
                electLeader(ti, pIndex, "leader-fenced");
            else if (p.leader != kNoBroker) {
                maybeAdvanceHighWatermark(ti, pIndex);
                completePurgatory(ti, pIndex);
            }
        }
    }
}

void Simulation::registerBroker(BrokerId id)
{
    BrokerState &b = brokerRef(id);
    // A broker that comes back before it was fenced registers with a new incarnation: the
    // controller drops its old registration first, which moves its leaderships elsewhere.
    if (!b.fenced && controllerAvailable())
        fenceBroker(id);
    if (!controllerAvailable())
        return; // registers when a controller is elected (electController re-elects leaders)
    b.fenced = false;
    if (wantsEvents()) {
        Event e = makeEvent(EventType::BrokerUp);
        e.broker = id;
        e.detail = "registered";
        publish(e);
    }
    for (std::size_t t = 0; t < m_topics.size(); ++t) {
        TopicState &topic = m_topics[t];
        for (std::size_t pi = 0; pi < topic.partitions.size(); ++pi) {
            PartitionState &p = topic.partitions[pi];
            if (p.replica(id) == nullptr)
                continue;
            if (p.leader == kNoBroker)
                electLeader(static_cast<std::int32_t>(t), static_cast<std::int32_t>(pi), "broker-registered");
        }
    }
    startFetchersOnBroker(id);
}

void Simulation::electLeader(std::int32_t topic, std::int32_t partition, const char *reason)
{
    TopicState &t = m_topics[static_cast<std::size_t>(topic)];
    PartitionState &p = t.partitions[static_cast<std::size_t>(partition)];
    const BrokerId previous = p.leader;
    BrokerId chosen = kNoBroker;
    bool unclean = false;
    // Clean election: the first replica, in assignment order, that is in the ISR and eligible.
    for (BrokerId id : p.replicaIds) {
        if (p.inIsr(id) && eligible(id)) {
            chosen = id;
            break;
        }
    }
    if (chosen == kNoBroker && t.config.uncleanLeaderElection) {
        for (BrokerId id : p.replicaIds) {
            if (eligible(id)) {
                chosen = id;
                unclean = true;
                break;
            }
        }
    }
    if (previous != kNoBroker)
        t.lastLeader[static_cast<std::size_t>(partition)] = previous;
    p.purgatory.clear();
    p.parkedFetches.clear();
    p.alterPending = false;
    if (chosen == kNoBroker) {
        p.leader = kNoBroker;
        if (wantsEvents()) {
            Event e = partitionEvent(EventType::PartitionOffline, topic, partition);
            e.brokers = p.isr;
            e.detail = reason;
            publish(e);
        }
        return;
    }
    p.leader = chosen;
    ++p.leaderEpoch;
    t.lastLeader[static_cast<std::size_t>(partition)] = chosen;
    ReplicaState &leader = *p.replica(chosen);
    if (unclean)
        p.isr = {chosen};
    leader.log.assignEpoch(p.leaderEpoch, leader.log.logEndOffset());
    // Every ISR member holds the committed log, so a clean election keeps the HW. An unclean
    // one can lose committed records: the HW falls back to what the new leader has.
    p.highWatermark = std::min(p.highWatermark, leader.log.logEndOffset());
    for (ReplicaState &r : p.replicas) {
        if (r.broker == chosen)
            continue;
        // Kafka resets follower state on election; ISR members count as caught up from now.
        r.followerLeo = 0;
        r.lastFetchLeaderLeo = 0;
        r.lastCaughtUpUs = p.inIsr(r.broker) ? m_now : 0;
    }
    // A group coordinator moving with its __consumer_offsets partition loads the group and
    // gives every member a fresh session (GroupMetadataManager re-arms heartbeat expiry).
    if (topic == m_offsetsTopic)
        for (GroupState &g : m_groups)
            if (g.offsetsPartition == partition)
                for (GroupMember &m : g.members)
                    m.lastHeartbeatUs = m_now;
    if (wantsEvents()) {
        Event e = partitionEvent(EventType::LeaderElected, topic, partition);
        e.broker = chosen;
        e.epoch = p.leaderEpoch;
        e.brokers = p.isr;
        e.detail = std::string(reason) + (unclean ? ",unclean" : "");
        publish(e);
    }
    startFetchers(topic, partition);
}

// ---- topics ------------------------------------------------------------------------------------

std::int32_t Simulation::topicIndex(std::string_view name) const noexcept
{
    for (std::size_t i = 0; i < m_topics.size(); ++i)
        if (m_topics[i].name == name)
            return static_cast<std::int32_t>(i);
    return -1;
}

const PartitionState *Simulation::partition(std::string_view topic, std::int32_t partition) const noexcept
{
    const std::int32_t t = topicIndex(topic);
    if (t < 0)
        return nullptr;
    const auto &partitions = m_topics[static_cast<std::size_t>(t)].partitions;
    if (partition < 0 || partition >= static_cast<std::int32_t>(partitions.size()))
        return nullptr;
    return &partitions[static_cast<std::size_t>(partition)];
}

const ReplicaState *Simulation::visibleReplica(std::int32_t topic, std::int32_t partition) const noexcept
{
    const TopicState &t = m_topics[static_cast<std::size_t>(topic)];
    const PartitionState &p = t.partitions[static_cast<std::size_t>(partition)];
    const BrokerId id = p.leader != kNoBroker ? p.leader : t.lastLeader[static_cast<std::size_t>(partition)];
    return id == kNoBroker ? nullptr : p.replica(id);
}

LogLimits Simulation::limitsFor(std::int32_t topic) const
{
    const TopicConfig &c = m_topics[static_cast<std::size_t>(topic)].config;
    return LogLimits {c.segmentBytes, c.segmentMs * kMicrosPerMs};
}

namespace {
/** AdminUtils.replicaIndex: where the (j+1)-th replica of a partition goes. */
std::int32_t replicaIndex(std::int32_t first, std::int32_t shift, std::int32_t j, std::int32_t n)
{
    const std::int32_t s = 1 + (shift + j) % (n - 1);
    return (first + s) % n;
}

/**
 * Kafka's rack-unaware placement (AdminUtils.assignReplicasToBrokers) continued from partition
 * `firstPartition`. Kafka picks the start index and shift at random; the simulator starts both
 * at 0 so lessons can name leaders (partition 0 → brokers 1,2,3; 1 → 2,3,1; 2 → 3,1,2; 3 → 1,3,2).
 */
std::vector<BrokerId> placeReplicas(std::int32_t partition, std::int32_t rf, std::int32_t brokers)
{
    const std::int32_t shift = partition / brokers;
    const std::int32_t first = partition % brokers;
    std::vector<BrokerId> replicas {first + 1};
    for (std::int32_t j = 0; j < rf - 1; ++j)
        replicas.push_back(replicaIndex(first, shift, j, brokers) + 1);
    return replicas;
}
} // namespace

ActionResult Simulation::createTopic(const std::string &name, std::int32_t partitions, std::int32_t replicationFactor,
    const TopicConfig &config, const std::vector<std::vector<BrokerId>> &assignment)
{
    if (topicIndex(name) >= 0)
        return ActionResult::failure("topic '" + name + "' already exists");
    const auto brokers = static_cast<std::int32_t>(m_brokers.size());
    if (assignment.empty()) {
        if (partitions < 1)
            return ActionResult::failure("partitions must be at least 1");
        if (replicationFactor < 1 || replicationFactor > brokers)
            return ActionResult::failure("replication factor " + std::to_string(replicationFactor)
                + " is larger than the " + std::to_string(brokers) + " available brokers");
    } else {
        for (std::size_t i = 0; i < assignment.size(); ++i) {
            const auto &replicas = assignment[i];
            if (replicas.empty())
                return ActionResult::failure("partition " + std::to_string(i) + " has no replicas");
            for (std::size_t j = 0; j < replicas.size(); ++j) {
                if (replicas[j] < 1 || replicas[j] > brokers)
                    return ActionResult::failure("replica-assignment names broker " + std::to_string(replicas[j])
                        + ", but the cluster has brokers 1.." + std::to_string(brokers));
                if (std::count(replicas.begin(), replicas.end(), replicas[j]) > 1)
                    return ActionResult::failure(
                        "partition " + std::to_string(i) + " lists broker " + std::to_string(replicas[j]) + " twice");
            }
            if (replicas.size() != assignment[0].size())
                return ActionResult::failure("every partition in replica-assignment needs the same number of replicas");
        }
    }

    TopicState topic;
    topic.name = name;
    topic.config = config;
    m_topics.push_back(std::move(topic));
    const auto t = static_cast<std::int32_t>(m_topics.size() - 1);
    const auto count = assignment.empty() ? partitions : static_cast<std::int32_t>(assignment.size());
    const auto rf = assignment.empty() ? replicationFactor : static_cast<std::int32_t>(assignment[0].size());
    if (wantsEvents()) {
        Event e = makeEvent(EventType::TopicCreated);
        e.topic = name;
        e.count = count;
        e.detail = "rf=" + std::to_string(rf);
        publish(e);
    }
    for (std::int32_t i = 0; i < count; ++i)
        addPartition(t, assignment.empty() ? placeReplicas(i, rf, brokers) : assignment[static_cast<std::size_t>(i)],
            "topic-created");
    for (ProducerState &producer : m_producers) {
        producer.queues.resize(m_topics.size());
        producer.queues[static_cast<std::size_t>(t)].resize(static_cast<std::size_t>(count));
        producer.stickyPartition.resize(m_topics.size(), -1);
        producer.roundRobinNext.resize(m_topics.size(), 0);
        producer.pendingBatches.resize(m_topics.size(), 0);
    }
    return {};
}

void Simulation::addPartition(std::int32_t topic, std::vector<BrokerId> replicaIds, const char *reason)
{
    TopicState &t = m_topics[static_cast<std::size_t>(topic)];
    PartitionState p;
    p.index = static_cast<std::int32_t>(t.partitions.size());
    p.replicaIds = std::move(replicaIds);
    for (BrokerId id : p.replicaIds) {
        ReplicaState r;
        r.broker = id;
        p.replicas.push_back(std::move(r));
    }
    // A new partition's ISR is every replica on an unfenced broker.
    for (BrokerId id : p.replicaIds)
        if (!brokerRef(id).fenced)
            p.isr.push_back(id);
    std::sort(p.isr.begin(), p.isr.end());
    p.leaderEpoch = -1; // the first election makes it 0
    const std::int32_t index = p.index;
    t.partitions.push_back(std::move(p));
    t.lastLeader.push_back(kNoBroker);
    electLeader(topic, index, reason);
}

ActionResult Simulation::addPartitions(const std::string &name, std::int32_t newTotal)
{
    const std::int32_t t = topicIndex(name);
    if (t < 0)
        return ActionResult::failure("there is no topic '" + name + "'");
    TopicState &topic = m_topics[static_cast<std::size_t>(t)];
    const auto current = static_cast<std::int32_t>(topic.partitions.size());
    if (newTotal <= current)
        return ActionResult::failure("topic '" + name + "' has " + std::to_string(current)
            + " partitions; Kafka can only increase the count (asked for " + std::to_string(newTotal) + ")");
    const auto rf = static_cast<std::int32_t>(topic.partitions[0].replicaIds.size());
    const auto brokers = static_cast<std::int32_t>(m_brokers.size());
    for (std::int32_t i = current; i < newTotal; ++i)
        addPartition(t, placeReplicas(i, rf, brokers), "partition-added");
    for (ProducerState &producer : m_producers)
        producer.queues[static_cast<std::size_t>(t)].resize(static_cast<std::size_t>(newTotal));
    // Consumers notice the new partitions at their next metadata refresh (metadata.max.age.ms)
    // and the group rebalances to assign them; the simulator does it at once.
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        const GroupState &group = m_groups[g];
        const bool subscribed = std::any_of(group.members.begin(), group.members.end(),
            [t](const GroupMember &m) { return std::find(m.topics.begin(), m.topics.end(), t) != m.topics.end(); });
        if (subscribed && group.phase == GroupState::Phase::Stable)
            prepareRebalance(static_cast<std::int32_t>(g), "partitions added to " + name);
    }
    if (wantsEvents()) {
        Event e = makeEvent(EventType::PartitionsAdded);
        e.topic = name;
        e.from = current;
        e.to = newTotal;
        publish(e);
    }
    return {};
}

ActionResult Simulation::cleanTopic(const std::string &name)
{
    const std::int32_t t = topicIndex(name);
    if (t < 0)
        return ActionResult::failure("there is no topic '" + name + "'");
    TopicState &topic = m_topics[static_cast<std::size_t>(t)];
    if (!topic.config.compacted())
        return ActionResult::failure(
            "topic '" + name + "' has cleanup.policy=delete; only compacted topics are cleaned");
    std::int64_t removed = 0;
    for (std::size_t pi = 0; pi < topic.partitions.size(); ++pi) {
        PartitionState &p = topic.partitions[pi];
        for (ReplicaState &r : p.replicas) {
            if (!brokerRef(r.broker).alive)
                continue;
            const CleanResult result = r.log.clean(
                m_now, topic.config.minCleanableDirtyRatio, topic.config.deleteRetentionMs, p.highWatermark);
            if (result.cleaned && r.broker == p.leader)
                removed += result.recordsRemoved + result.tombstonesRemoved;
            if (result.cleaned && wantsEvents()) {
                Event e = partitionEvent(EventType::LogCompacted, t, static_cast<std::int32_t>(pi));
                e.broker = r.broker;
                e.count = result.recordsRemoved;
                e.from = result.tombstonesRemoved;
                publish(e);
            }
        }
    }
    return {true, "removed " + std::to_string(removed) + " records"};
}

void Simulation::onCleanerTick()
{
    for (std::size_t t = 0; t < m_topics.size(); ++t) {
        TopicState &topic = m_topics[t];
        if (!topic.config.compacted())
            continue;
        for (std::size_t pi = 0; pi < topic.partitions.size(); ++pi) {
            PartitionState &p = topic.partitions[pi];
            for (ReplicaState &r : p.replicas) {
                if (!brokerRef(r.broker).alive)
                    continue;
                const CleanResult result = r.log.clean(
                    m_now, topic.config.minCleanableDirtyRatio, topic.config.deleteRetentionMs, p.highWatermark);
                if (result.cleaned && wantsEvents()) {
                    Event e = partitionEvent(
                        EventType::LogCompacted, static_cast<std::int32_t>(t), static_cast<std::int32_t>(pi));
                    e.broker = r.broker;
                    e.count = result.recordsRemoved;
                    e.from = result.tombstonesRemoved;
                    publish(e);
                }
            }
        }
    }
    schedule(m_now + m_config.cleanerBackoffUs, CleanerTickMsg {});
}

void Simulation::onRetentionTick()
{
    for (std::size_t t = 0; t < m_topics.size(); ++t) {
        TopicState &topic = m_topics[t];
        if (!topic.config.deletes())
            continue;
        for (std::size_t pi = 0; pi < topic.partitions.size(); ++pi) {
            PartitionState &p = topic.partitions[pi];
            for (ReplicaState &r : p.replicas) {
                if (!brokerRef(r.broker).alive)
                    continue;
                const Offset before = r.log.logStartOffset();
                const int deleted = r.log.applyRetention(
                    m_now, topic.config.retentionMs, topic.config.retentionBytes, p.highWatermark);
                if (deleted > 0 && wantsEvents()) {
                    Event e = partitionEvent(
                        EventType::SegmentDeleted, static_cast<std::int32_t>(t), static_cast<std::int32_t>(pi));
                    e.broker = r.broker;
                    e.count = deleted;
                    e.from = before;
                    e.to = r.log.logStartOffset();
                    publish(e);
                }
            }
        }
    }
    schedule(m_now + m_config.retentionCheckIntervalUs, RetentionTickMsg {});
}

// ---- load --------------------------------------------------------------------------------------

namespace {
constexpr TimeUs kLoadTickUs = 10 * kMicrosPerMs;
}

void Simulation::startLoad(const LoadSpec &spec)
{
    m_loads.push_back(LoadState {spec, 0.0, 0});
    schedule(m_now, LoadTickMsg {m_loads.size() - 1});
}

std::string Simulation::expandTemplate(const std::string &pattern, std::int64_t index)
{
    std::string out;
    out.reserve(pattern.size() + 8);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 3, "{i}") == 0) {
            out += std::to_string(index);
            i += 2;
        } else if (pattern.compare(i, 3, "{r}") == 0) {
            out += std::to_string(m_rng.below(10000));
            i += 2;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

void Simulation::onLoadTick(std::size_t load)
{
    LoadState &state = m_loads[load];
    if (state.spec.untilUs >= 0 && m_now >= state.spec.untilUs)
        return;
    state.carry
        += state.spec.recordsPerSecond * static_cast<double>(kLoadTickUs) / static_cast<double>(kMicrosPerSecond);
    const auto count = static_cast<std::int64_t>(std::floor(state.carry));
    state.carry -= static_cast<double>(count);
    for (std::int64_t i = 0; i < count; ++i) {
        const std::string value = nextDefaultValue(state.spec.producer);
        if (state.spec.keyless) {
            send(state.spec.producer, state.spec.topic, std::nullopt, value);
        } else {
            const std::string key = expandTemplate(state.spec.keyTemplate, state.index);
            send(state.spec.producer, state.spec.topic, key, value);
        }
        ++state.index;
    }
    schedule(m_now + kLoadTickUs, LoadTickMsg {load});
}

} // namespace kafkalab::core
