#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace kafkalab::core {

/** Every kind of state change the simulation publishes. Names match the `--events` JSON `type`. */
enum class EventType : std::uint8_t {
    BrokerDown,
    BrokerUp,
    BrokerIsolated,
    BrokerHealed,
    BrokerFenced,
    BrokerSlowed,
    ControllerElected,
    TopicCreated,
    PartitionsAdded,
    LeaderElected,
    PartitionOffline,
    IsrShrink,
    IsrExpand,
    RecordAppended,
    ReplicaFetched,
    ReplicaTruncated,
    HighWatermarkAdvanced,
    ProduceSent,
    ProduceAcked,
    ProduceFailed,
    ProduceRetried,
    AckLost,
    SegmentRolled,
    SegmentDeleted,
    LogCompacted,
    // Consumer-side and transactional events (issue 3 fills these in).
    RebalanceStarted,
    RebalanceCompleted,
    PartitionsAssigned,
    PartitionsRevoked,
    OffsetCommitted,
    TransactionState,
};

[[nodiscard]] std::string_view eventTypeName(EventType type) noexcept;

/**
 * One state change. Fields that do not apply to a type keep their defaults; `eventTypeName`
 * and the field meanings per type are documented in docs/cli.md (the `--events` format).
 */
struct Event
{
    TimeUs timeUs = 0;
    EventType type = EventType::BrokerDown;
    std::string topic;
    std::int32_t partition = -1;
    BrokerId broker = kNoBroker;
    /** Producer, consumer or group name for client events. */
    std::string client;
    /** Offsets or counts: meaning by type (e.g. baseOffset/count, from/to). */
    std::int64_t offset = -1;
    std::int64_t count = -1;
    std::int64_t from = -1;
    std::int64_t to = -1;
    std::int32_t epoch = -1;
    ErrorCode error = ErrorCode::None;
    /** A broker list (ISR after the change, replicas). */
    std::vector<BrokerId> brokers;
    /** Partitions assigned or revoked (`orders-0`). */
    std::vector<std::string> partitions;
    /** Free text: the reason for an election, a retry's attempt count, etc. */
    std::string detail;
};

/** Receives events as they happen. The simulation does no event work when none is attached. */
class EventListener
{
public:
    virtual ~EventListener() = default;
    virtual void onEvent(const Event &event) = 0;
};

} // namespace kafkalab::core
