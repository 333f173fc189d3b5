#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/event.h"
#include "core/types.h"

namespace kafkalab::core {

class Simulation;

/** One broken promise the checker found. */
struct Violation
{
    /** `acked-record-lost`, `hw-decreased`, `consumed-record-lost`, `aborted-read`,
     * `idempotent-duplicate`, `exactly-once-output`. */
    std::string invariant;
    std::string detail;
};

/**
 * Watches a run (as an EventListener) and checks Kafka's promises at the end (DESIGN §2):
 * acknowledged acks=all records are never lost, the high watermark never decreases, records a
 * consumer read are never lost, read_committed never returns aborted data, idempotent producers
 * never duplicate, and an exactly-once pipeline's committed output equals its input.
 *
 * Where Kafka makes no promise (acks=1 or 0, unclean election, more replicas lost than
 * min.insync.replicas allows) the losses it finds are the lesson, not a bug: `finish` reports
 * them all and the caller decides which are expected.
 */
class InvariantChecker final : public EventListener
{
public:
    explicit InvariantChecker(const Simulation &simulation);

    void onEvent(const Event &event) override;

    /** Checks the final state. Call once, after the run. */
    [[nodiscard]] std::vector<Violation> finish() const;

    [[nodiscard]] std::int64_t ackedRecords() const noexcept { return static_cast<std::int64_t>(m_acked.size()); }
    /** Acknowledged records (acks=all or 1) that are gone or changed at the end. */
    [[nodiscard]] std::int64_t lostRecords() const;
    /** Records of idempotent producers that appear more than once. */
    [[nodiscard]] std::int64_t duplicateRecords() const;

private:
    struct AckedRecord
    {
        std::int32_t topic;
        std::int32_t partition;
        Offset offset;
        std::string value;
        std::string producer;
        bool acksAll;
    };
    const Simulation &m_sim;
    std::vector<AckedRecord> m_acked;
    std::map<std::pair<std::string, std::int32_t>, Offset> m_highWatermarks;
    std::vector<Violation> m_hwViolations;
};

} // namespace kafkalab::core
