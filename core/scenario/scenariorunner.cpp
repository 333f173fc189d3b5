#include "scenariorunner.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

#include "core/partitioner.h"

namespace kafkalab::core::scenario {

std::string formatTime(TimeUs t)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%lld.%03llds", static_cast<long long>(t / kMicrosPerSecond),
        static_cast<long long>((t % kMicrosPerSecond) / kMicrosPerMs));
    return buffer;
}

namespace {

std::string joinBrokers(std::vector<BrokerId> ids)
{
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (BrokerId id : ids)
        out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

std::optional<std::int64_t> optionInt(const Command &c, std::string_view key)
{
    const Option *o = c.option(key);
    return o ? parseInteger(o->value) : std::nullopt;
}

std::optional<TimeUs> optionMillis(const Command &c, std::string_view key)
{
    const Option *o = c.option(key);
    return o ? parseMillis(o->value) : std::nullopt;
}

ClusterConfig clusterConfigFrom(const Script &script, std::optional<std::uint64_t> seedOverride)
{
    ClusterConfig config;
    for (const Command &c : script.commands) {
        if (c.verb != "cluster")
            continue;
        if (const Option *v = c.option("version"))
            config.version = parseKafkaVersion(v->value).value_or(kDefaultKafkaVersion);
        config.applyVersionDefaults();
        if (auto b = optionInt(c, "brokers"))
            config.brokers = static_cast<std::int32_t>(*b);
        if (auto s = optionInt(c, "seed"))
            config.seed = static_cast<std::uint64_t>(*s);
        if (auto l = optionMillis(c, "latency"))
            config.latencyUs = *l;
        if (auto r = optionMillis(c, "replica.lag.time.max.ms"))
            config.replicaLagTimeMaxUs = std::max<TimeUs>(*r, kMicrosPerMs);
        if (auto s = optionMillis(c, "broker.session.timeout.ms"))
            config.brokerSessionTimeoutUs = std::max<TimeUs>(*s, kMicrosPerMs);
        break;
    }
    if (seedOverride)
        config.seed = *seedOverride;
    return config;
}

} // namespace

/** Turns the simulation's notable events into readable trace lines. */
class ScenarioRunner::TraceListener final : public EventListener
{
public:
    explicit TraceListener(ScenarioRunner &runner)
        : m_runner(runner)
    { }
    void onEvent(const Event &e) override
    {
        if (!m_runner.onTrace)
            return;
        const std::string tp = e.topic + '-' + std::to_string(e.partition);
        std::string text;
        switch (e.type) {
        case EventType::BrokerDown:
            text = "broker " + std::to_string(e.broker) + " crashed";
            break;
        case EventType::BrokerUp:
            text = "broker " + std::to_string(e.broker)
                + (e.detail == "registered" ? " registered with the controller" : " started");
            break;
        case EventType::BrokerIsolated:
            text = "broker " + std::to_string(e.broker) + " isolated from the network";
            break;
        case EventType::BrokerHealed:
            text = "broker " + std::to_string(e.broker) + " reconnected";
            break;
        case EventType::BrokerFenced:
            text = "controller fenced broker " + std::to_string(e.broker) + " (no heartbeat)";
            break;
        case EventType::ControllerElected:
            text = "broker " + std::to_string(e.broker) + " is the active controller";
            break;
        case EventType::LeaderElected:
            if (e.detail.rfind("topic-created", 0) == 0 || e.detail.rfind("partition-added", 0) == 0)
                return;
            text = tp + ": broker " + std::to_string(e.broker) + " elected leader (epoch " + std::to_string(e.epoch)
                + (e.detail.find("unclean") != std::string::npos ? ", UNCLEAN" : "") + "), ISR ["
                + joinBrokers(e.brokers) + "]";
            break;
        case EventType::PartitionOffline:
            text = tp + ": OFFLINE, no eligible replica";
            break;
        case EventType::IsrShrink:
            text = tp + ": ISR shrank to [" + joinBrokers(e.brokers) + "] (broker " + std::to_string(e.broker) + " "
                + e.detail + ")";
            break;
        case EventType::IsrExpand:
            text = tp + ": ISR expanded to [" + joinBrokers(e.brokers) + "]";
            break;
        case EventType::ReplicaTruncated:
            text = tp + ": broker " + std::to_string(e.broker) + " truncated its log from " + std::to_string(e.from)
                + " to " + std::to_string(e.to);
            break;
        case EventType::ProduceFailed:
            text = e.client + ": " + std::to_string(e.count) + " record(s) to " + tp
                + " FAILED: " + std::string(errorName(e.error));
            break;
        case EventType::ProduceRetried:
            // Only attempts 1, 2, 4, 8 … so a long outage does not flood the trace.
            if ((e.epoch & (e.epoch - 1)) != 0)
                return;
            text = "(attempt " + std::to_string(e.epoch) + ") " + e.client + ": retrying " + std::to_string(e.count)
                + " record(s) to " + tp + " after " + std::string(errorName(e.error));
            break;
        case EventType::AckLost:
            text = e.client + ": the ack from broker " + std::to_string(e.broker) + " was lost";
            break;
        case EventType::SegmentDeleted:
            text = tp + " (broker " + std::to_string(e.broker) + "): retention deleted " + std::to_string(e.count)
                + " segment(s), log start " + std::to_string(e.from) + " -> " + std::to_string(e.to);
            break;
        case EventType::RebalanceStarted:
            text = "group " + e.client + ": rebalance (" + e.detail + ")";
            break;
        case EventType::RebalanceCompleted:
            text = "group " + e.client + ": generation " + std::to_string(e.epoch) + " stable with "
                + std::to_string(e.count) + " member(s), " + e.detail;
            break;
        case EventType::PartitionsAssigned:
        case EventType::PartitionsRevoked: {
            std::string list;
            for (const std::string &p : e.partitions)
                list += (list.empty() ? "" : ",") + p;
            text = e.client + (e.type == EventType::PartitionsAssigned ? " assigned [" : " revoked [") + list + "]"
                + (e.detail.empty() ? "" : " (" + e.detail + ")");
            break;
        }
        case EventType::TransactionState:
            text = "transaction " + e.client + ": " + e.detail + " (epoch " + std::to_string(e.epoch) + ")";
            break;
        case EventType::LogCompacted:
            if (e.count == 0 && e.from == 0)
                return;
            text = tp + " (broker " + std::to_string(e.broker) + "): cleaner removed " + std::to_string(e.count)
                + " superseded record(s) and " + std::to_string(e.from) + " tombstone(s)";
            break;
        default:
            return;
        }
        m_runner.trace("[" + formatTime(e.timeUs) + "] " + text);
    }

private:
    ScenarioRunner &m_runner;
};

ScenarioRunner::ScenarioRunner(Script script, std::optional<std::uint64_t> seedOverride)
    : m_script(std::move(script))
    , m_sim(std::make_unique<Simulation>(clusterConfigFrom(m_script, seedOverride)))
    , m_traceListener(std::make_unique<TraceListener>(*this))
{
    m_sim->addListener(m_traceListener.get());
}

ScenarioRunner::~ScenarioRunner()
{
    m_sim->removeListener(m_traceListener.get());
}

std::size_t ScenarioRunner::failedExpectations() const noexcept
{
    return static_cast<std::size_t>(
        std::count_if(m_expectations.begin(), m_expectations.end(), [](const ExpectOutcome &e) { return !e.passed; }));
}

void ScenarioRunner::narrate(Narration::Kind kind, std::string text, int line)
{
    if (onNarration)
        onNarration(Narration {kind, std::move(text), line});
}

void ScenarioRunner::trace(const std::string &line)
{
    if (onTrace)
        onTrace(line);
}

std::optional<ScriptError> ScenarioRunner::fail(const Command &command, int column, std::string message)
{
    return ScriptError {m_script.file, command.line, column, std::move(message)};
}

bool ScenarioRunner::stepCommand()
{
    if (finished())
        return false;
    const Command &command = m_script.commands[m_next++];
    if (auto error = execute(command)) {
        m_error = error;
        return false;
    }
    return !finished();
}

void ScenarioRunner::runAll()
{
    while (stepCommand()) { }
}

std::optional<ScriptError> ScenarioRunner::runEvents(TimeUs until, const Command &cause)
{
    Simulation &sim = *m_sim;
    while (true) {
        const auto next = sim.nextEventTime();
        if (!next || *next > until)
            break;
        sim.step();
        if (sim.recordsSent() > Limits::kMaxRecords)
            return fail(cause, cause.verbColumn,
                "the scenario produced more than 5000000 records by " + formatTime(sim.now())
                    + "; lower a load rate or the time simulated");
        if (sim.eventsProcessed() - m_eventBudgetStart > Limits::kMaxEvents)
            return fail(cause, cause.verbColumn,
                "the scenario ran more than 50000000 simulation events by " + formatTime(sim.now())
                    + "; lower a load rate or the time simulated");
    }
    sim.runUntil(until);
    return std::nullopt;
}

ScenarioRunner::Checkpoint ScenarioRunner::checkpoint() const
{
    return Checkpoint {std::make_unique<Simulation>(*m_sim), m_next, m_error, m_expectations.size(), m_scheduled,
        m_scheduledOrder, m_eventBudgetStart, m_scope};
}

void ScenarioRunner::restore(const Checkpoint &checkpoint)
{
    *m_sim = *checkpoint.sim; // Simulation's copy assignment keeps the live listeners attached
    m_next = checkpoint.next;
    m_error = checkpoint.error;
    m_expectations.resize(std::min(m_expectations.size(), checkpoint.expectations));
    m_scheduled = checkpoint.scheduled;
    m_scheduledOrder = checkpoint.scheduledOrder;
    m_eventBudgetStart = checkpoint.eventBudgetStart;
    m_scope = checkpoint.scope;
}

std::optional<ScriptError> ScenarioRunner::advanceTo(TimeUs target, const Command &cause)
{
    if (target > Limits::kMaxSimulatedTime)
        return fail(cause, cause.verbColumn,
            "a scenario can simulate at most 30 days (this would reach " + formatTime(target) + ")");
    while (true) {
        auto it = std::min_element(m_scheduled.begin(), m_scheduled.end(),
            [](const Scheduled &a, const Scheduled &b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
        if (it == m_scheduled.end() || it->at > target)
            break;
        Scheduled due = std::move(*it);
        m_scheduled.erase(it);
        if (auto error = runEvents(due.at, cause))
            return error;
        Command now = std::move(due.command);
        now.atUs.reset();
        if (auto error = execute(now))
            return error;
    }
    return runEvents(target, cause);
}

std::optional<ScriptError> ScenarioRunner::flush(std::int32_t producer, const Command &cause)
{
    Simulation &sim = *m_sim;
    sim.beginFlush(producer);
    const ProducerConfig &config = sim.producers()[static_cast<std::size_t>(producer)].config;
    // KafkaProducer.flush() blocks until every record is acknowledged or failed; the delivery
    // timeout bounds it.
    const TimeUs deadline = sim.now() + config.deliveryTimeoutUs + config.requestTimeoutUs + kMicrosPerSecond;
    TimeUs t = sim.now();
    while (sim.hasPending(producer) && t < deadline) {
        t = std::min(deadline, t + 10 * kMicrosPerMs);
        if (auto error = advanceTo(t, cause))
            return error;
    }
    return std::nullopt;
}

std::optional<ScriptError> ScenarioRunner::execute(const Command &c)
{
    Simulation &sim = *m_sim;
    if (c.atUs) {
        if (*c.atUs < sim.now())
            return fail(c, c.verbColumn,
                "at " + formatTime(*c.atUs) + " is already past (the time is " + formatTime(sim.now()) + ")");
        Command later = c;
        m_scheduled.push_back(Scheduled {*c.atUs, m_scheduledOrder++, std::move(later)});
        return std::nullopt;
    }
    const auto positional = [&c](std::size_t i) -> const Token & { return c.args[i]; };
    const auto actionFailed = [&](const ActionResult &r, int column) -> std::optional<ScriptError> {
        if (r.ok)
            return std::nullopt;
        return fail(c, column, r.message);
    };
    const std::string &v = c.verb;

    if (v == "cluster") {
        trace("[" + formatTime(sim.now()) + "] cluster of " + std::to_string(sim.brokers().size()) + " brokers, Kafka "
            + std::to_string(sim.config().version / 100) + "." + std::to_string(sim.config().version % 100) + " rules");
        return std::nullopt;
    }
    if (v == "title") {
        narrate(Narration::Kind::Title, positional(0).text, c.line);
        return std::nullopt;
    }
    if (v == "say") {
        narrate(Narration::Kind::Say, positional(0).text, c.line);
        return std::nullopt;
    }
    if (v == "question") {
        narrate(Narration::Kind::Question, positional(0).text, c.line);
        return std::nullopt;
    }
    if (v == "pause") {
        narrate(Narration::Kind::Pause, {}, c.line);
        return std::nullopt;
    }
    if (v == "focus") {
        narrate(Narration::Kind::Focus, positional(0).text, c.line);
        return std::nullopt;
    }
    if (v == "topic create") {
        TopicConfig config;
        if (auto x = optionInt(c, "min.insync.replicas"))
            config.minInsyncReplicas = static_cast<std::int32_t>(*x);
        if (const Option *o = c.option("cleanup.policy"))
            config.cleanupPolicy = o->value == "delete" ? CleanupPolicy::Delete
                : o->value == "compact"                 ? CleanupPolicy::Compact
                                                        : CleanupPolicy::CompactDelete;
        if (auto x = optionMillis(c, "retention.ms"))
            config.retentionMs = *x < 0 ? -1 : *x / kMicrosPerMs;
        if (auto x = optionInt(c, "retention.bytes"))
            config.retentionBytes = *x;
        if (auto x = optionInt(c, "segment.bytes"))
            config.segmentBytes = *x;
        if (auto x = optionMillis(c, "segment.ms"))
            config.segmentMs = std::max<TimeUs>(*x / kMicrosPerMs, 1);
        if (auto x = optionMillis(c, "delete.retention.ms"))
            config.deleteRetentionMs = std::max<TimeUs>(*x / kMicrosPerMs, 0);
        if (const Option *o = c.option("min.cleanable.dirty.ratio"))
            config.minCleanableDirtyRatio = std::stod(o->value);
        if (const Option *o = c.option("unclean.leader.election.enable"))
            config.uncleanLeaderElection = o->value == "true";
        if (auto x = optionInt(c, "max.message.bytes"))
            config.maxMessageBytes = *x;
        std::vector<std::vector<BrokerId>> assignment;
        if (const Option *o = c.option("replica-assignment")) {
            std::vector<BrokerId> current;
            std::string number;
            for (char ch : o->value + ",") {
                if (ch == ':' || ch == ',') {
                    current.push_back(static_cast<BrokerId>(std::stol(number)));
                    number.clear();
                    if (ch == ',') {
                        assignment.push_back(std::move(current));
                        current.clear();
                    }
                } else {
                    number += ch;
                }
            }
            if (auto p = optionInt(c, "partitions"); p && *p != static_cast<std::int64_t>(assignment.size()))
                return fail(c, c.option("partitions")->valueColumn,
                    "partitions=" + std::to_string(*p) + " but replica-assignment lists "
                        + std::to_string(assignment.size()) + " partitions");
        }
        const auto partitions = static_cast<std::int32_t>(
            optionInt(c, "partitions").value_or(static_cast<std::int64_t>(assignment.size())));
        const auto rf = static_cast<std::int32_t>(
            optionInt(c, "rf").value_or(assignment.empty() ? 1 : static_cast<std::int64_t>(assignment[0].size())));
        if (!assignment.empty() && c.option("rf") && rf != static_cast<std::int32_t>(assignment[0].size()))
            return fail(c, c.option("rf")->valueColumn,
                "rf=" + std::to_string(rf) + " but replica-assignment gives " + std::to_string(assignment[0].size())
                    + " replicas per partition");
        if (auto e = actionFailed(
                sim.createTopic(positional(0).text, partitions, rf, config, assignment), positional(0).column))
            return e;
        if (config.minInsyncReplicas > rf)
            trace("[" + formatTime(sim.now())
                + "] note: min.insync.replicas=" + std::to_string(config.minInsyncReplicas)
                + " exceeds rf=" + std::to_string(rf) + "; Kafka then requires all replicas");
        trace("[" + formatTime(sim.now()) + "] topic " + positional(0).text + ": " + std::to_string(partitions)
            + " partitions, rf " + std::to_string(rf));
        return std::nullopt;
    }
    if (v == "topic alter") {
        const auto total = static_cast<std::int32_t>(*optionInt(c, "partitions"));
        if (auto e = actionFailed(sim.addPartitions(positional(0).text, total), c.option("partitions")->valueColumn))
            return e;
        trace("[" + formatTime(sim.now()) + "] topic " + positional(0).text + " now has " + std::to_string(total)
            + " partitions (keys may map elsewhere)");
        return std::nullopt;
    }
    if (v == "producer create") {
        ProducerSettings s;
        if (const Option *o = c.option("acks"))
            s.acks = o->value == "all" || o->value == "-1" ? -1 : static_cast<std::int32_t>(*parseInteger(o->value));
        if (const Option *o = c.option("enable.idempotence"))
            s.idempotence = o->value == "true";
        if (const Option *o = c.option("transactional.id"))
            s.transactionalId = o->value;
        s.lingerUs = optionMillis(c, "linger.ms");
        if (auto x = optionInt(c, "batch.size"))
            s.batchSize = static_cast<std::int32_t>(*x);
        if (auto x = optionInt(c, "retries"))
            s.retries = static_cast<std::int32_t>(*x);
        if (auto x = optionInt(c, "max.in.flight.requests.per.connection"))
            s.maxInFlight = static_cast<std::int32_t>(*x);
        s.deliveryTimeoutUs = optionMillis(c, "delivery.timeout.ms");
        s.requestTimeoutUs = optionMillis(c, "request.timeout.ms");
        s.retryBackoffUs = optionMillis(c, "retry.backoff.ms");
        s.transactionTimeoutUs = optionMillis(c, "transaction.timeout.ms");
        if (const Option *o = c.option("partitioner"))
            s.partitioner = o->value == "roundrobin" ? PartitionerKind::RoundRobin : PartitionerKind::Default;
        if (auto e = actionFailed(sim.createProducer(positional(0).text, s), c.verbColumn))
            return fail(c, c.verbColumn, "producer " + positional(0).text + ": ConfigException: " + e->message);
        const ProducerConfig &config = sim.producers().back().config;
        trace("[" + formatTime(sim.now()) + "] producer " + positional(0).text
            + ": acks=" + (config.acks == -1 ? std::string("all") : std::to_string(config.acks)) + " idempotence="
            + (config.idempotence ? "on" : "off") + " linger.ms=" + std::to_string(config.lingerUs / kMicrosPerMs)
            + " max.in.flight=" + std::to_string(config.maxInFlight));
        return std::nullopt;
    }
    if (v == "produce") {
        const std::int32_t producer = sim.producerIndex(positional(0).text);
        const std::int32_t topic = sim.topicIndex(positional(1).text);
        const auto count = optionInt(c, "count").value_or(1);
        const Option *key = c.option("key");
        const Option *value = c.option("value");
        const auto partition = optionInt(c, "partition");
        if (partition
            && *partition >= static_cast<std::int64_t>(sim.topics()[static_cast<std::size_t>(topic)].partitions.size()))
            return fail(c, c.option("partition")->valueColumn,
                "topic " + positional(1).text + " has no partition " + std::to_string(*partition));
        const auto expand = [](const std::string &pattern, std::int64_t i) {
            std::string out;
            for (std::size_t k = 0; k < pattern.size(); ++k) {
                if (pattern.compare(k, 3, "{i}") == 0) {
                    out += std::to_string(i);
                    k += 2;
                } else {
                    out += pattern[k];
                }
            }
            return out;
        };
        std::set<std::int32_t> partitions;
        for (std::int64_t i = 0; i < count; ++i) {
            std::optional<std::string> k;
            if (key && !(key->value == "null" && !key->quoted))
                k = expand(key->value, i);
            std::optional<std::string> val;
            if (!value)
                val = sim.nextDefaultValue(producer);
            else if (!(value->value == "null" && !value->quoted))
                val = expand(value->value, i);
            const auto result = sim.send(producer, topic, k ? std::optional<std::string_view>(*k) : std::nullopt,
                val ? std::optional<std::string_view>(*val) : std::nullopt,
                partition ? std::optional<std::int32_t>(static_cast<std::int32_t>(*partition)) : std::nullopt);
            if (result.error != ErrorCode::None)
                return fail(c, c.verbColumn,
                    "produce: the producer refused the record: " + std::string(errorName(result.error)));
            partitions.insert(result.partition);
        }
        std::string where;
        for (std::int32_t p : partitions)
            where += (where.empty() ? "" : ",") + std::to_string(p);
        trace("[" + formatTime(sim.now()) + "] " + positional(0).text + " sends " + std::to_string(count)
            + " record(s) to " + positional(1).text + " partition(s) " + where);
        return std::nullopt;
    }
    if (v == "flush") {
        const std::int32_t producer = sim.producerIndex(positional(0).text);
        if (auto e = flush(producer, c))
            return e;
        const ProducerState &p = sim.producers()[static_cast<std::size_t>(producer)];
        trace("[" + formatTime(sim.now()) + "] " + p.name + " flushed: " + std::to_string(p.ackedRecords) + " acked, "
            + std::to_string(p.failedRecords) + " failed, last error " + std::string(errorName(p.lastError)));
        return std::nullopt;
    }
    if (v == "load") {
        Simulation::LoadSpec spec;
        spec.producer = sim.producerIndex(positional(0).text);
        spec.topic = sim.topicIndex(positional(1).text);
        const std::string rate = c.option("rate")->value;
        const auto slash = rate.find('/');
        const double n = static_cast<double>(*parseInteger(rate.substr(0, slash)));
        spec.recordsPerSecond = rate.substr(slash + 1) == "s" ? n : n / 60.0;
        if (const Option *k = c.option("key")) {
            spec.keyless = false;
            spec.keyTemplate = k->value;
        }
        if (const Option *f = c.option("for"))
            spec.untilUs = sim.now() + *parseDuration(f->value);
        sim.startLoad(spec);
        trace("[" + formatTime(sim.now()) + "] " + positional(0).text + " starts sending " + rate + " to "
            + positional(1).text);
        return std::nullopt;
    }
    if (v == "consumer create") {
        ConsumerConfig config;
        config.groupId = c.option("group")->value;
        if (sim.config().version < 300) {
            // Before 3.0: session.timeout.ms 10 s (KIP-735) and [range] alone.
            config.sessionTimeoutUs = 10 * kMicrosPerSecond;
            config.strategies = {AssignorKind::Range};
        }
        if (const Option *o = c.option("partition.assignment.strategy")) {
            config.strategies.clear();
            std::size_t start = 0;
            while (start <= o->value.size()) {
                const auto comma = o->value.find(',', start);
                const std::string one
                    = o->value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                config.strategies.push_back(parseAssignorKind(one).value_or(AssignorKind::Range));
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        }
        if (const Option *o = c.option("group.instance.id"))
            config.groupInstanceId = o->value;
        if (const Option *o = c.option("enable.auto.commit"))
            config.enableAutoCommit = o->value == "true";
        if (auto x = optionMillis(c, "auto.commit.interval.ms"))
            config.autoCommitIntervalUs = std::max<TimeUs>(*x, kMicrosPerMs);
        if (const Option *o = c.option("auto.offset.reset"))
            config.autoOffsetReset = o->value == "earliest" ? OffsetResetPolicy::Earliest
                : o->value == "latest"                      ? OffsetResetPolicy::Latest
                                                            : OffsetResetPolicy::None;
        if (const Option *o = c.option("isolation.level"))
            config.isolation
                = o->value == "read_committed" ? IsolationLevel::ReadCommitted : IsolationLevel::ReadUncommitted;
        if (auto x = optionMillis(c, "session.timeout.ms"))
            config.sessionTimeoutUs = *x;
        if (auto x = optionMillis(c, "heartbeat.interval.ms"))
            config.heartbeatIntervalUs = std::max<TimeUs>(*x, kMicrosPerMs);
        if (auto x = optionMillis(c, "max.poll.interval.ms"))
            config.maxPollIntervalUs = std::max<TimeUs>(*x, kMicrosPerMs);
        if (auto x = optionInt(c, "max.poll.records"))
            config.maxPollRecords = static_cast<std::int32_t>(*x);
        if (auto x = optionMillis(c, "processing.ms"))
            config.processingUs = std::max<TimeUs>(*x, 0);
        if (auto x = optionMillis(c, "fetch.max.wait.ms"))
            config.fetchMaxWaitUs = std::max<TimeUs>(*x, kMicrosPerMs);
        if (const Option *o = c.option("mode"))
            config.manual = o->value == "manual";
        if (const Option *o = c.option("processing"))
            config.asyncProcessing = o->value == "async";
        if (const Option *o = c.option("poison"))
            config.poison = o->value;
        if (auto x = optionInt(c, "max.retries"))
            config.maxRetries = static_cast<std::int32_t>(*x);
        if (auto x = optionMillis(c, "retry.backoff.ms"))
            config.retryBackoffUs = std::max<TimeUs>(*x, kMicrosPerMs);
        if (const Option *o = c.option("dlq"))
            config.dlqTopic = o->value;
        if (auto e = actionFailed(sim.createConsumer(positional(0).text, config), c.verbColumn))
            return e;
        trace("[" + formatTime(sim.now()) + "] consumer " + positional(0).text + " (" + sim.consumers().back().memberId
            + ") in group " + config.groupId);
        return std::nullopt;
    }
    if (v == "subscribe") {
        std::vector<std::int32_t> topics;
        std::size_t start = 0;
        const std::string &list = positional(1).text;
        while (start <= list.size()) {
            const auto comma = list.find(',', start);
            topics.push_back(
                sim.topicIndex(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        return actionFailed(sim.subscribe(sim.consumerIndex(positional(0).text), topics), positional(0).column);
    }
    if (v == "poll") {
        const std::int32_t consumer = sim.consumerIndex(positional(0).text);
        const ConsumerState &cs = sim.consumers()[static_cast<std::size_t>(consumer)];
        if (!cs.config.manual)
            return fail(c, positional(0).column,
                "consumer " + cs.name + " polls by itself (mode=auto); give it mode=manual to poll step by step");
        const auto max = optionInt(c, "max").value_or(cs.config.maxPollRecords);
        const std::int32_t got = sim.pollNow(consumer, static_cast<std::int32_t>(max));
        trace("[" + formatTime(sim.now()) + "] " + cs.name + " polled " + std::to_string(got) + " record(s)");
        return std::nullopt;
    }
    if (v == "commit") {
        const std::int32_t consumer = sim.consumerIndex(positional(0).text);
        std::map<PartitionKey, Offset> offsets;
        for (const Option &o : c.options) {
            const auto dash = o.key.rfind('-');
            offsets[{sim.topicIndex(o.key.substr(0, dash)),
                static_cast<std::int32_t>(*parseInteger(o.key.substr(dash + 1)))}]
                = *parseInteger(o.value);
        }
        if (auto e = actionFailed(sim.commit(consumer, offsets), positional(0).column))
            return e;
        const bool async = c.args.size() > 1 && c.args[1].text == "async";
        if (async)
            return std::nullopt;
        // commitSync: wait for the coordinator's answer (default.api.timeout.ms bounds it).
        const TimeUs deadline = sim.now() + 60 * kMicrosPerSecond;
        while (sim.commitPending(consumer) && sim.now() < deadline)
            if (auto e = advanceTo(std::min(deadline, sim.now() + kMicrosPerMs), c))
                return e;
        const ConsumerState &cs = sim.consumers()[static_cast<std::size_t>(consumer)];
        if (sim.commitPending(consumer))
            return fail(c, c.verbColumn, "commitSync timed out: no coordinator answered within 60s");
        trace("[" + formatTime(sim.now()) + "] " + cs.name + " committed (last error "
            + std::string(errorName(cs.lastError)) + ")");
        return std::nullopt;
    }
    if (v == "seek") {
        const std::int32_t consumer = sim.consumerIndex(positional(0).text);
        const std::string &tp = positional(1).text;
        const auto dash = tp.rfind('-');
        const PartitionKey key {
            sim.topicIndex(tp.substr(0, dash)), static_cast<std::int32_t>(*parseInteger(tp.substr(dash + 1)))};
        const std::string &target = positional(2).text;
        const Offset offset = target == "beginning" ? -1 : target == "end" ? -2 : *parseInteger(target);
        return actionFailed(sim.seek(consumer, key, offset), positional(1).column);
    }
    if (v == "close")
        return actionFailed(sim.closeConsumer(sim.consumerIndex(positional(0).text)), positional(0).column);
    if (v == "crash consumer") {
        if (auto e = actionFailed(sim.crashConsumer(sim.consumerIndex(positional(0).text)), positional(0).column))
            return e;
        trace("[" + formatTime(sim.now()) + "] consumer " + positional(0).text + " crashed");
        return std::nullopt;
    }
    if (v == "stall consumer")
        return actionFailed(
            sim.stallConsumer(sim.consumerIndex(positional(0).text), *parseDuration(c.option("for")->value)),
            positional(0).column);
    if (v.rfind("txn ", 0) == 0) {
        const std::int32_t producer = sim.producerIndex(positional(0).text);
        const ProducerState &ps = sim.producers()[static_cast<std::size_t>(producer)];
        ActionResult r;
        if (v == "txn init")
            r = sim.initTransactions(producer);
        else if (v == "txn begin")
            r = sim.beginTransaction(producer);
        else if (v == "txn send-offsets")
            r = sim.sendOffsetsToTransaction(producer, sim.consumerIndex(positional(1).text));
        else
            r = sim.endTransaction(producer, v == "txn commit");
        if (auto e = actionFailed(r, positional(0).column))
            return e;
        // initTransactions, commitTransaction and abortTransaction block until the coordinator answers.
        const TimeUs deadline = sim.now() + ps.config.deliveryTimeoutUs + ps.config.requestTimeoutUs;
        while (sim.transactionBusy(producer) && sim.now() < deadline)
            if (auto e = advanceTo(std::min(deadline, sim.now() + kMicrosPerMs), c))
                return e;
        if (sim.transactionBusy(producer))
            return fail(c, c.verbColumn, v + ": timed out waiting for the transaction coordinator");
        const TxnMetadata *txn = sim.transactionOf(producer);
        trace("[" + formatTime(sim.now()) + "] " + ps.name + ": " + v.substr(4) + " -> coordinator state "
            + (txn ? txnStateName(txn->state) : "none") + ", epoch " + std::to_string(ps.epoch)
            + (ps.lastError != ErrorCode::None ? ", last error " + std::string(errorName(ps.lastError)) : ""));
        return std::nullopt;
    }
    if (v == "relay") {
        ConsumerState::Relay relay;
        relay.producer = sim.producerIndex(positional(1).text);
        relay.topic = sim.topicIndex(positional(2).text);
        if (const Option *o = c.option("mode"))
            relay.mode = o->value == "at-most-once" ? ConsumerState::Relay::Mode::AtMostOnce
                : o->value == "exactly-once"        ? ConsumerState::Relay::Mode::ExactlyOnce
                                                    : ConsumerState::Relay::Mode::AtLeastOnce;
        relay.max = optionInt(c, "max").value_or(-1);
        relay.crashAfter = optionInt(c, "crash-after").value_or(-1);
        return actionFailed(sim.setRelay(sim.consumerIndex(positional(0).text), relay), c.verbColumn);
    }
    if (v == "crash broker" || v == "restart broker" || v == "isolate broker" || v == "heal broker"
        || v == "slow broker") {
        const auto id = static_cast<BrokerId>(*parseInteger(positional(0).text));
        ActionResult r;
        if (v == "crash broker")
            r = sim.crashBroker(id);
        else if (v == "restart broker")
            r = sim.restartBroker(id);
        else if (v == "isolate broker")
            r = sim.isolateBroker(id);
        else if (v == "heal broker")
            r = sim.healBroker(id);
        else {
            r = sim.slowBroker(id, *parseDuration(c.option("by")->value));
            if (r.ok)
                trace("[" + formatTime(sim.now()) + "] broker " + std::to_string(id) + "'s replication now runs "
                    + c.option("by")->value + " behind");
        }
        return actionFailed(r, positional(0).column);
    }
    if (v == "drop-acks") {
        sim.dropAcks(sim.producerIndex(positional(0).text), static_cast<std::int32_t>(*optionInt(c, "count")));
        return std::nullopt;
    }
    if (v == "clean") {
        const ActionResult r = sim.cleanTopic(positional(0).text);
        if (!r.ok)
            return fail(c, positional(0).column, r.message);
        trace("[" + formatTime(sim.now()) + "] cleaner ran on " + positional(0).text + ": " + r.message);
        return std::nullopt;
    }
    if (v == "advance") {
        const TimeUs d = *parseDuration(positional(0).text);
        return advanceTo(sim.now() + d, c);
    }
    if (v == "expect") {
        const auto value = evaluate(c.query);
        if (const auto *problem = std::get_if<1>(&value))
            return fail(c, c.query.front().column, *problem);
        const std::string &actual = std::get<0>(value);
        const std::string &expected = c.expected.text;
        bool passed = false;
        const auto a = parseInteger(actual);
        const auto e = parseInteger(expected);
        if (c.op == "contains") {
            passed = actual.find(expected) != std::string::npos;
            if (actual.find(',') != std::string::npos || expected.find(',') == std::string::npos) {
                // For lists, membership of one element.
                bool member = false;
                std::size_t start = 0;
                while (start <= actual.size()) {
                    const auto comma = actual.find(',', start);
                    if (actual.substr(start, comma == std::string::npos ? std::string::npos : comma - start)
                        == expected)
                        member = true;
                    if (comma == std::string::npos)
                        break;
                    start = comma + 1;
                }
                passed = member || (actual.find(',') == std::string::npos && passed);
            }
        } else if (a && e && c.op != "==" && c.op != "!=") {
            passed = c.op == "<" ? *a < *e : c.op == "<=" ? *a <= *e : c.op == ">" ? *a > *e : *a >= *e;
        } else if (c.op == "==" || c.op == "!=") {
            const bool equal = a && e ? *a == *e : actual == expected;
            passed = c.op == "==" ? equal : !equal;
        } else {
            return fail(c, c.expected.column,
                "'" + c.op + "' compares numbers, but got '" + actual + "' and '" + expected + "'");
        }
        std::string queryText;
        for (const Token &t : c.query)
            queryText += (queryText.empty() ? "" : " ") + t.text;
        ExpectOutcome outcome {c.line, c.verbColumn, queryText, c.op, expected, actual, passed};
        m_expectations.push_back(outcome);
        if (onExpect)
            onExpect(outcome);
        return std::nullopt;
    }
    return fail(c, c.verbColumn, "'" + v + "' cannot run here");
}

std::variant<std::string, std::string> ScenarioRunner::evaluate(const std::vector<Token> &query) const
{
    using Result = std::variant<std::string, std::string>;
    const Simulation &sim = *m_sim;
    const std::string &q = query.front().text;
    const auto error = [](std::string text) { return Result(std::in_place_index<1>, std::move(text)); };
    const auto value = [](std::string text) { return Result(std::in_place_index<0>, std::move(text)); };

    struct Tp
    {
        std::int32_t topic = -1;
        std::int32_t partition = -1;
    };
    const auto topicPartition = [&](const Token &token) -> std::optional<Tp> {
        const auto dash = token.text.rfind('-');
        if (dash == std::string::npos)
            return std::nullopt;
        const std::int32_t t = sim.topicIndex(token.text.substr(0, dash));
        const auto p = parseInteger(token.text.substr(dash + 1));
        if (t < 0 || !p || *p < 0
            || *p >= static_cast<std::int64_t>(sim.topics()[static_cast<std::size_t>(t)].partitions.size()))
            return std::nullopt;
        return Tp {t, static_cast<std::int32_t>(*p)};
    };
    const auto partitionList = [&](bool offline) {
        std::vector<std::pair<std::string, std::int32_t>> matches;
        for (const TopicState &topic : sim.topics()) {
            for (const PartitionState &p : topic.partitions) {
                const bool match
                    = offline ? p.leader == kNoBroker : (p.leader != kNoBroker && p.isr.size() < p.replicaIds.size());
                if (match)
                    matches.emplace_back(topic.name, p.index);
            }
        }
        std::sort(matches.begin(), matches.end());
        std::string out;
        for (const auto &[name, index] : matches)
            out += (out.empty() ? "" : ",") + name + '-' + std::to_string(index);
        return out;
    };

    if (q == "controller")
        return value(sim.controller() == kNoBroker ? "none" : std::to_string(sim.controller()));
    if (q == "under-replicated")
        return value(partitionList(false));
    if (q == "offline")
        return value(partitionList(true));
    if (q == "alive") {
        const auto id = parseInteger(query[2].text);
        const BrokerState *b = sim.broker(static_cast<BrokerId>(*id));
        if (b == nullptr)
            return error("there is no broker " + query[2].text);
        return value(b->alive ? "true" : "false");
    }
    if (q == "partition-of") {
        const std::int32_t t = sim.topicIndex(query[1].text);
        const std::string key = query[2].text.substr(4);
        return value(std::to_string(partitionForKey(
            key, static_cast<std::int32_t>(sim.topics()[static_cast<std::size_t>(t)].partitions.size()))));
    }
    if (q == "last-error" && sim.producerIndex(query[1].text) < 0) {
        // A consumer's last error (e.g. NO_OFFSET_FOR_PARTITION with auto.offset.reset=none).
        const ConsumerState &cs = sim.consumers()[static_cast<std::size_t>(sim.consumerIndex(query[1].text))];
        return value(std::string(errorName(cs.lastError)));
    }
    if (q == "acked" || q == "failed" || q == "last-error" || q == "epoch" || q == "txn-state") {
        const std::int32_t i = sim.producerIndex(query[1].text);
        const ProducerState &p = sim.producers()[static_cast<std::size_t>(i)];
        if (q == "acked")
            return value(std::to_string(p.ackedRecords));
        if (q == "failed")
            return value(std::to_string(p.failedRecords));
        if (q == "last-error")
            return value(std::string(errorName(p.lastError)));
        if (q == "txn-state") {
            const TxnMetadata *txn = sim.transactionOf(i);
            return value(txn ? txnStateName(txn->state) : "none");
        }
        return value(std::to_string(p.epoch));
    }

    if (q == "assignment" || q == "consumed" || q == "consumed-values" || q == "paused" || q == "revoked"
        || q == "position" || q == "processed" || q == "partitions" || q == "dead-lettered"
        || q == "processing-failures") {
        const ConsumerState &cs = sim.consumers()[static_cast<std::size_t>(sim.consumerIndex(query[1].text))];
        if (q == "assignment") {
            std::vector<std::pair<std::string, std::int32_t>> names;
            for (const PartitionKey &p : cs.owned)
                names.emplace_back(sim.topics()[static_cast<std::size_t>(p.first)].name, p.second);
            std::sort(names.begin(), names.end());
            std::string out;
            for (const auto &[t, p] : names)
                out += (out.empty() ? "" : ",") + t + '-' + std::to_string(p);
            return value(out);
        }
        if (q == "consumed")
            return value(std::to_string(cs.consumedCount));
        if (q == "processed")
            return value(std::to_string(cs.processed));
        if (q == "partitions")
            return value(std::to_string(cs.owned.size()));
        if (q == "dead-lettered")
            return value(std::to_string(cs.deadLettered));
        if (q == "processing-failures")
            return value(std::to_string(cs.processingFailures));
        if (q == "paused")
            return value(std::to_string(
                (cs.pausedUs + (cs.pausedSinceUs >= 0 && cs.generation >= 0 ? sim.now() - cs.pausedSinceUs : 0))
                / kMicrosPerMs));
        if (q == "revoked")
            return value(std::to_string(cs.revokedPartitions));
        if (q == "position") {
            const auto tp2 = topicPartition(query[2]);
            if (!tp2)
                return error("there is no partition " + query[2].text);
            const auto it = cs.positions.find({tp2->topic, tp2->partition});
            return value(it == cs.positions.end() ? "none" : std::to_string(it->second));
        }
        // consumed-values: in the order the consumer received them.
        std::string out;
        for (const ConsumedRecord &r : cs.consumed)
            out += (out.empty() ? "" : ",") + (r.value ? *r.value : std::string("null"));
        return value(out);
    }
    if (q == "group-state" || q == "generation" || q == "members" || q == "committed" || q == "lag"
        || q == "protocol") {
        const GroupState *g = sim.group(query[1].text);
        if (g == nullptr)
            return error("there is no group " + query[1].text);
        if (q == "group-state")
            return value(groupPhaseName(g->phase));
        if (q == "generation")
            return value(std::to_string(g->generation));
        if (q == "protocol")
            return value(g->protocol ? std::string(assignorName(*g->protocol)) : std::string("none"));
        if (q == "members") {
            std::vector<std::string> names;
            for (const GroupMember &m : g->members)
                names.push_back(sim.consumers()[static_cast<std::size_t>(m.consumer)].name);
            std::sort(names.begin(), names.end());
            std::string out;
            for (const std::string &n : names)
                out += (out.empty() ? "" : ",") + n;
            return value(out);
        }
        if (q == "committed") {
            const auto tp2 = topicPartition(query[2]);
            if (!tp2)
                return error("there is no partition " + query[2].text);
            const auto it = g->committed.find({tp2->topic, tp2->partition});
            return value(it == g->committed.end() ? "none" : std::to_string(it->second));
        }
        // lag: per partition, or summed over the partitions of the group's subscribed topics.
        if (query.size() > 2) {
            const auto tp2 = topicPartition(query[2]);
            if (!tp2)
                return error("there is no partition " + query[2].text);
            return value(std::to_string(sim.groupLag(*g, {tp2->topic, tp2->partition})));
        }
        std::set<std::int32_t> topics;
        for (const GroupMember &m : g->members)
            topics.insert(m.topics.begin(), m.topics.end());
        for (const auto &[key, offset] : g->committed)
            topics.insert(key.first);
        Offset total = 0;
        for (std::int32_t t : topics)
            for (std::size_t p = 0; p < sim.topics()[static_cast<std::size_t>(t)].partitions.size(); ++p)
                total += sim.groupLag(*g, {t, static_cast<std::int32_t>(p)});
        return value(std::to_string(total));
    }

    const auto tp = topicPartition(query[1]);
    if (!tp)
        return error("there is no partition " + query[1].text);
    const TopicState &topic = sim.topics()[static_cast<std::size_t>(tp->topic)];
    const PartitionState &p = topic.partitions[static_cast<std::size_t>(tp->partition)];
    if (q == "leader")
        return value(p.leader == kNoBroker ? "none" : std::to_string(p.leader));
    if (q == "isr")
        return value(joinBrokers(p.isr));
    if (q == "replicas")
        return value(joinBrokers(p.replicaIds));
    if (q == "hw")
        return value(std::to_string(p.highWatermark));
    if (q == "lso")
        return value(std::to_string(sim.lastStableOffset(tp->topic, tp->partition)));
    if (q == "leo") {
        const auto id = static_cast<BrokerId>(*parseInteger(query[2].text.substr(7)));
        const ReplicaState *r = p.replica(id);
        if (r == nullptr)
            return error("broker " + std::to_string(id) + " holds no replica of " + query[1].text);
        return value(std::to_string(r->log.logEndOffset()));
    }
    const ReplicaState *replica = sim.visibleReplica(tp->topic, tp->partition);
    if (q == "log-start")
        return value(std::to_string(replica ? replica->log.logStartOffset() : 0));
    if (q == "segments")
        return value(std::to_string(replica ? replica->log.segments().size() : 0));
    if (replica == nullptr)
        return value(q == "keys" ? "" : "0");
    const Log &log = replica->log;
    if (q == "records")
        return value(std::to_string(log.recordCount()));
    if (q == "aborted") {
        std::int64_t n = 0;
        log.forEachBatch(log.logStartOffset(), log.logEndOffset(), [&](const LogBatch &batch) {
            if (sim.isAborted(*replica, batch))
                n += batch.payload->count();
        });
        return value(std::to_string(n));
    }
    if (q == "keys" || q == "duplicates") {
        std::string keys;
        std::int64_t duplicates = 0;
        std::set<std::pair<std::string, std::string>> seen;
        log.forEachBatch(log.logStartOffset(), log.logEndOffset(), [&](const LogBatch &batch) {
            if (batch.isControl())
                return;
            const BatchPayload &payload = *batch.payload;
            for (std::size_t i = 0; i < payload.records.size(); ++i) {
                const std::string k = payload.keyIsNull(i) ? "null" : std::string(payload.key(i));
                const std::string v = payload.valueIsNull(i) ? std::string("\x01null") : std::string(payload.value(i));
                keys += (keys.empty() ? "" : ",") + k;
                if (!seen.emplace(k, v).second)
                    ++duplicates;
            }
        });
        return value(q == "keys" ? keys : std::to_string(duplicates));
    }
    if (q == "value") {
        const auto offset = *parseInteger(query[2].text.substr(7));
        const LogBatch *batch = log.batchAt(offset);
        if (batch != nullptr) {
            const BatchPayload &payload = *batch->payload;
            for (std::size_t i = 0; i < payload.records.size(); ++i)
                if (batch->baseOffset + payload.records[i].offsetDelta == offset)
                    return value(payload.valueIsNull(i) ? "null" : std::string(payload.value(i)));
        }
        // Compacted away, deleted by retention, or not written (yet).
        return value("none");
    }
    return error("unknown query '" + q + "'");
}

} // namespace kafkalab::core::scenario
