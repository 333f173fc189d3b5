#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/** The mini broker: a deterministic, in-process simulation of Apache Kafka. */
namespace kafkalab::core {

/** Simulated time in microseconds since the start of the scenario. */
using TimeUs = std::int64_t;
/** A position in a partition's log. */
using Offset = std::int64_t;
/** Broker ids run 1..N, as in the scenarios (`crash broker 2`). */
using BrokerId = std::int32_t;
using ProducerId = std::int64_t;

constexpr TimeUs kMicrosPerMs = 1000;
constexpr TimeUs kMicrosPerSecond = 1000 * kMicrosPerMs;
constexpr BrokerId kNoBroker = -1;
constexpr ProducerId kNoProducerId = -1;
constexpr std::int16_t kNoProducerEpoch = -1;
constexpr std::int32_t kNoSequence = -1;

[[nodiscard]] constexpr TimeUs msToUs(std::int64_t ms) noexcept
{
    return ms * kMicrosPerMs;
}

/**
 * Errors a broker (or the client library) reports, with Kafka's protocol error codes. Client-side
 * conditions that have no protocol code use negative values.
 */
enum class ErrorCode : std::int16_t {
    None = 0,
    OffsetOutOfRange = 1,
    CorruptMessage = 2,
    UnknownTopicOrPartition = 3,
    LeaderNotAvailable = 5,
    NotLeaderOrFollower = 6,
    MessageTooLarge = 10,
    RequestTimedOut = 7,
    NetworkException = 13,
    CoordinatorNotAvailable = 15,
    NotCoordinator = 16,
    RecordListTooLarge = 18,
    NotEnoughReplicas = 19,
    NotEnoughReplicasAfterAppend = 20,
    InvalidRequiredAcks = 21,
    IllegalGeneration = 22,
    UnknownMemberId = 25,
    RebalanceInProgress = 27,
    OutOfOrderSequenceNumber = 45,
    DuplicateSequenceNumber = 46,
    InvalidProducerEpoch = 47,
    InvalidTxnState = 48,
    InvalidProducerIdMapping = 49,
    ConcurrentTransactions = 51,
    InvalidRecord = 87,
    FencedInstanceId = 82,
    ProducerFenced = 90,
    /** The producer expired a batch after delivery.timeout.ms (Java's TimeoutException). */
    DeliveryTimeout = -1,
    /** auto.offset.reset=none and no committed offset (NoOffsetForPartitionException). */
    NoOffsetForPartition = -2,
};

/** Kafka's upper-case error name, e.g. `NOT_ENOUGH_REPLICAS`; `NONE` for success. */
[[nodiscard]] std::string_view errorName(ErrorCode code) noexcept;

/** True for errors the Java producer retries (RetriableException subclasses). */
[[nodiscard]] bool isRetriable(ErrorCode code) noexcept;

/** A topic partition by name, as the scenario language writes it (`orders-0`). */
struct TopicPartition
{
    std::string topic;
    std::int32_t partition = 0;

    [[nodiscard]] std::string toString() const { return topic + '-' + std::to_string(partition); }
    friend bool operator==(const TopicPartition &, const TopicPartition &) = default;
    friend auto operator<=>(const TopicPartition &, const TopicPartition &) = default;
};

} // namespace kafkalab::core
