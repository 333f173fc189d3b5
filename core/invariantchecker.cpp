#include "invariantchecker.h"

#include <set>

#include "core/simulation.h"

namespace kafkalab::core {

namespace {
/** The value at `offset` in a replica's log, or nullopt when the log has no such record. */
std::optional<std::string> valueAt(const ReplicaState &replica, Offset offset)
{
    const LogBatch *batch = replica.log.batchAt(offset);
    if (batch == nullptr)
        return std::nullopt;
    const BatchPayload &payload = *batch->payload;
    for (std::size_t i = 0; i < payload.records.size(); ++i)
        if (batch->baseOffset + payload.records[i].offsetDelta == offset)
            return payload.valueIsNull(i) ? std::string("\x01null") : std::string(payload.value(i));
    return std::nullopt;
}
} // namespace

InvariantChecker::InvariantChecker(const Simulation &simulation)
    : m_sim(simulation)
{ }

void InvariantChecker::onEvent(const Event &e)
{
    if (e.type == EventType::ProduceAcked && e.offset >= 0) {
        const std::int32_t t = m_sim.topicIndex(e.topic);
        const std::int32_t producer = m_sim.producerIndex(e.client);
        if (t < 0 || producer < 0)
            return;
        const ReplicaState *replica = m_sim.visibleReplica(t, e.partition);
        if (replica == nullptr)
            return;
        const bool acksAll = m_sim.producers()[static_cast<std::size_t>(producer)].config.acks == -1;
        // Remember what was acknowledged, as the leader had it at that moment.
        for (Offset o = e.offset; o < e.offset + e.count; ++o)
            if (auto value = valueAt(*replica, o))
                m_acked.push_back({t, e.partition, o, *value, e.client, acksAll});
    } else if (e.type == EventType::HighWatermarkAdvanced) {
        auto &last = m_highWatermarks[{e.topic, e.partition}];
        if (e.to < last)
            m_hwViolations.push_back({"hw-decreased",
                e.topic + '-' + std::to_string(e.partition) + ": HW went from " + std::to_string(last) + " to "
                    + std::to_string(e.to)});
        last = std::max(last, e.to);
    }
}

std::int64_t InvariantChecker::lostRecords() const
{
    std::int64_t lost = 0;
    for (const AckedRecord &r : m_acked) {
        const ReplicaState *replica = m_sim.visibleReplica(r.topic, r.partition);
        if (replica == nullptr)
            continue; // offline: not lost, not readable
        if (r.offset < replica->log.logStartOffset())
            continue; // removed by retention, as configured
        const auto now = valueAt(*replica, r.offset);
        if (!now || *now != r.value)
            ++lost;
    }
    return lost;
}

std::int64_t InvariantChecker::duplicateRecords() const
{
    std::int64_t duplicates = 0;
    for (std::size_t t = 0; t < m_sim.topics().size(); ++t) {
        for (std::size_t p = 0; p < m_sim.topics()[t].partitions.size(); ++p) {
            const ReplicaState *replica
                = m_sim.visibleReplica(static_cast<std::int32_t>(t), static_cast<std::int32_t>(p));
            if (replica == nullptr)
                continue;
            std::set<std::pair<ProducerId, std::string>> seen;
            replica->log.forEachBatch(
                replica->log.logStartOffset(), replica->log.logEndOffset(), [&](const LogBatch &b) {
                    const BatchPayload &payload = *b.payload;
                    // Only idempotent producers promise no duplicates; aborted data does not count.
                    if (payload.producerId == kNoProducerId || b.isControl() || m_sim.isAborted(*replica, b))
                        return;
                    for (std::size_t i = 0; i < payload.records.size(); ++i)
                        if (!payload.valueIsNull(i)
                            && !seen.emplace(payload.producerId, std::string(payload.value(i))).second)
                            ++duplicates;
                });
        }
    }
    return duplicates;
}

std::vector<Violation> InvariantChecker::finish() const
{
    std::vector<Violation> violations = m_hwViolations;
    for (const AckedRecord &r : m_acked) {
        const ReplicaState *replica = m_sim.visibleReplica(r.topic, r.partition);
        if (replica == nullptr || r.offset < replica->log.logStartOffset())
            continue;
        const auto now = valueAt(*replica, r.offset);
        if (!now || *now != r.value)
            violations.push_back({"acked-record-lost",
                m_sim.topics()[static_cast<std::size_t>(r.topic)].name + '-' + std::to_string(r.partition) + " offset "
                    + std::to_string(r.offset) + ": " + r.producer + (r.acksAll ? " (acks=all)" : " (acks=1)")
                    + " was acknowledged '" + r.value + "', the log now has "
                    + (now ? "'" + *now + "'" : std::string("nothing"))});
    }
    // Records consumers read are committed data: they must still be there, unchanged, and a
    // read_committed consumer must never have read an aborted transaction's data.
    for (const ConsumerState &c : m_sim.consumers()) {
        for (const ConsumedRecord &r : c.consumed) {
            const ReplicaState *replica = m_sim.visibleReplica(r.topic, r.partition);
            if (replica == nullptr || r.offset < replica->log.logStartOffset())
                continue;
            const auto now = valueAt(*replica, r.offset);
            const std::string read = r.value ? *r.value : std::string("\x01null");
            const std::string where = m_sim.topics()[static_cast<std::size_t>(r.topic)].name + '-'
                + std::to_string(r.partition) + " offset " + std::to_string(r.offset);
            if (!now || *now != read)
                violations.push_back({"consumed-record-lost",
                    c.name + " read '" + read + "' at " + where + ", now "
                        + (now ? "'" + *now + "'" : std::string("gone"))});
            if (c.config.isolation == IsolationLevel::ReadCommitted) {
                const LogBatch *batch = replica->log.batchAt(r.offset);
                if (batch != nullptr && m_sim.isAborted(*replica, *batch))
                    violations.push_back({"aborted-read", c.name + " (read_committed) read aborted data at " + where});
            }
        }
    }
    if (const std::int64_t d = duplicateRecords(); d > 0)
        violations.push_back(
            {"idempotent-duplicate", std::to_string(d) + " record(s) of idempotent producers appear twice"});
    // Exactly-once pipelines: the committed output equals the input, each record once.
    for (const ConsumerState &c : m_sim.consumers()) {
        if (!c.relay || c.relay->mode != ConsumerState::Relay::Mode::ExactlyOnce)
            continue;
        const std::int32_t out = c.relay->topic;
        std::multiset<std::string> output;
        for (std::size_t p = 0; p < m_sim.topics()[static_cast<std::size_t>(out)].partitions.size(); ++p) {
            const ReplicaState *replica = m_sim.visibleReplica(out, static_cast<std::int32_t>(p));
            if (replica == nullptr)
                continue;
            const Offset lso = m_sim.lastStableOffset(out, static_cast<std::int32_t>(p));
            replica->log.forEachBatch(replica->log.logStartOffset(), lso, [&](const LogBatch &b) {
                if (b.isControl() || m_sim.isAborted(*replica, b))
                    return;
                for (std::size_t i = 0; i < b.payload->records.size(); ++i)
                    output.insert(
                        b.payload->valueIsNull(i) ? std::string("\x01null") : std::string(b.payload->value(i)));
            });
        }
        for (const std::string &v : output)
            if (output.count(v) > 1) {
                violations.push_back({"exactly-once-output",
                    "the exactly-once output holds '" + v + "' " + std::to_string(output.count(v)) + " times"});
                break;
            }
    }
    return violations;
}

} // namespace kafkalab::core
