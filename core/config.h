#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/types.h"

namespace kafkalab::core {

/**
 * A Kafka release as major*100 + minor (4.0 → 400, 3.7 → 307, 2.4 → 204). Defaults that changed
 * between releases follow the cluster's version; 4.0 is the default.
 */
using KafkaVersion = std::int32_t;
constexpr KafkaVersion kDefaultKafkaVersion = 400;

/** Cluster-wide settings (`cluster brokers=3 …`). */
struct ClusterConfig
{
    std::int32_t brokers = 3;
    std::uint64_t seed = 42;
    KafkaVersion version = kDefaultKafkaVersion;
    /** One-way network latency of every link unless a link has its own. */
    TimeUs latencyUs = 1 * kMicrosPerMs;
    /** replica.lag.time.max.ms: 30 s since 2.5 (KIP-537 era), 10 s before. */
    TimeUs replicaLagTimeMaxUs = 30 * kMicrosPerSecond;
    /** replica.fetch.wait.max.ms: how long a follower's fetch waits at the leader for data. */
    TimeUs replicaFetchWaitMaxUs = 500 * kMicrosPerMs;
    /** replica.fetch.max.bytes: most bytes a follower fetch returns per partition. */
    std::int64_t replicaFetchMaxBytes = 1048576;
    /**
     * How long the controller waits for a silent broker before fencing it: KRaft's
     * broker.session.timeout.ms (9 s); in ZooKeeper mode (before 3.3 here) the ZooKeeper
     * session timeout (18 s since 2.5).
     */
    TimeUs brokerSessionTimeoutUs = 9 * kMicrosPerSecond;
    /** controller.quorum.election.timeout.ms: time to elect a new active controller. */
    TimeUs controllerElectionTimeoutUs = 1 * kMicrosPerSecond;
    /** log.retention.check.interval.ms (5 min). */
    TimeUs retentionCheckIntervalUs = 300 * kMicrosPerSecond;
    /** log.cleaner.backoff.ms: how often the cleaner looks for dirty compacted logs. */
    TimeUs cleanerBackoffUs = 15 * kMicrosPerSecond;

    /** Settings whose defaults depend on the version, applied once the version is known. */
    void applyVersionDefaults();
    /** True when the HW must not advance while the ISR is below min.insync.replicas (3.7+). */
    [[nodiscard]] bool hwWaitsForMinIsr() const noexcept { return version >= 307; }
    /** True for KRaft clusters (production-ready in 3.3, the only mode since 4.0). */
    [[nodiscard]] bool kraft() const noexcept { return version >= 303; }
};

enum class CleanupPolicy : std::uint8_t { Delete, Compact, CompactDelete };

/** Topic-level configuration, with Kafka's defaults. */
struct TopicConfig
{
    std::int32_t minInsyncReplicas = 1;
    CleanupPolicy cleanupPolicy = CleanupPolicy::Delete;
    std::int64_t retentionMs = 604800000;
    std::int64_t retentionBytes = -1;
    std::int64_t segmentBytes = 1073741824;
    std::int64_t segmentMs = 604800000;
    std::int64_t deleteRetentionMs = 86400000;
    double minCleanableDirtyRatio = 0.5;
    bool uncleanLeaderElection = false;
    std::int64_t maxMessageBytes = 1048588;

    [[nodiscard]] bool compacted() const noexcept { return cleanupPolicy != CleanupPolicy::Delete; }
    [[nodiscard]] bool deletes() const noexcept { return cleanupPolicy != CleanupPolicy::Compact; }
};

enum class PartitionerKind : std::uint8_t { Default, RoundRobin };

/**
 * Producer configuration after Kafka's rules were applied. Build it with resolveProducerConfig
 * so idempotence is enabled, disabled or refused exactly as KafkaProducer does.
 */
struct ProducerConfig
{
    /** -1 is acks=all. */
    std::int32_t acks = -1;
    bool idempotence = true;
    std::optional<std::string> transactionalId;
    TimeUs lingerUs = 5 * kMicrosPerMs;
    std::int32_t batchSize = 16384;
    std::int32_t retries = 2147483647;
    std::int32_t maxInFlight = 5;
    TimeUs deliveryTimeoutUs = 120 * kMicrosPerSecond;
    TimeUs requestTimeoutUs = 30 * kMicrosPerSecond;
    TimeUs retryBackoffUs = 100 * kMicrosPerMs;
    TimeUs transactionTimeoutUs = 60 * kMicrosPerSecond;
    std::int64_t bufferMemory = 33554432;
    PartitionerKind partitioner = PartitionerKind::Default;
};

/** What a scenario or UI asked for; unset fields take the version's default. */
struct ProducerSettings
{
    std::optional<std::int32_t> acks;
    std::optional<bool> idempotence;
    std::optional<std::string> transactionalId;
    std::optional<TimeUs> lingerUs;
    std::optional<std::int32_t> batchSize;
    std::optional<std::int32_t> retries;
    std::optional<std::int32_t> maxInFlight;
    std::optional<TimeUs> deliveryTimeoutUs;
    std::optional<TimeUs> requestTimeoutUs;
    std::optional<TimeUs> retryBackoffUs;
    std::optional<TimeUs> transactionTimeoutUs;
    std::optional<PartitionerKind> partitioner;
};

/** A configuration the client refuses (Kafka's ConfigException), with its message. */
struct ConfigError
{
    std::string message;
};

/**
 * Applies KafkaProducer's rules (KIP-679): defaults by version (acks=all and idempotence on since
 * 3.0, linger.ms=5 since 4.0); idempotence needs acks=all, retries > 0 and
 * max.in.flight.requests.per.connection ≤ 5. An explicit enable.idempotence=true with a
 * conflicting setting is an error; when idempotence is only on by default, a conflict silently
 * turns it off. A transactional.id requires idempotence. delivery.timeout.ms must be at least
 * linger.ms + request.timeout.ms.
 */
[[nodiscard]] std::optional<ConfigError> resolveProducerConfig(
    const ProducerSettings &settings, KafkaVersion version, ProducerConfig &out);

/** "4.0" → 400, "3.7" → 307, "2" → 200; nullopt for anything else or outside 0.11–4.x. */
[[nodiscard]] std::optional<KafkaVersion> parseKafkaVersion(std::string_view text);

} // namespace kafkalab::core
