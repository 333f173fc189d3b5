#include "config.h"

#include <charconv>

namespace kafkalab::core {

void ClusterConfig::applyVersionDefaults()
{
    // replica.lag.time.max.ms went from 10 s to 30 s in 2.5.
    replicaLagTimeMaxUs = (version >= 205 ? 30 : 10) * kMicrosPerSecond;
    // KRaft fences a silent broker after broker.session.timeout.ms (9 s); with ZooKeeper the
    // controller notices when the broker's ZooKeeper session expires (18 s since 2.5, 6 s before).
    if (kraft())
        brokerSessionTimeoutUs = 9 * kMicrosPerSecond;
    else
        brokerSessionTimeoutUs = (version >= 205 ? 18 : 6) * kMicrosPerSecond;
}

std::optional<ConfigError> resolveProducerConfig(
    const ProducerSettings &settings, KafkaVersion version, ProducerConfig &out)
{
    ProducerConfig config;
    const bool transactional = settings.transactionalId.has_value();
    const bool idempotenceAsked = settings.idempotence.value_or(false) || transactional;
    // KIP-679 (3.0): acks=all and enable.idempotence=true became the defaults. Before that,
    // asking for idempotence (or transactions) switched an unset acks to all and an unset
    // retries to MAX_INT (ProducerConfig.maybeOverrideAcksAndRetries).
    config.acks = settings.acks.value_or(version >= 300 || idempotenceAsked ? -1 : 1);
    // KIP-1030 (4.0): linger.ms default 0 → 5.
    config.lingerUs = settings.lingerUs.value_or(version >= 400 ? 5 * kMicrosPerMs : 0);
    config.batchSize = settings.batchSize.value_or(16384);
    // KIP-91 (2.1): retries default 0 → MAX_INT, bounded by delivery.timeout.ms instead.
    config.retries = settings.retries.value_or(version >= 201 || idempotenceAsked ? 2147483647 : 0);
    config.maxInFlight = settings.maxInFlight.value_or(5);
    config.deliveryTimeoutUs = settings.deliveryTimeoutUs.value_or(120 * kMicrosPerSecond);
    config.requestTimeoutUs = settings.requestTimeoutUs.value_or(30 * kMicrosPerSecond);
    config.retryBackoffUs = settings.retryBackoffUs.value_or(100 * kMicrosPerMs);
    config.transactionTimeoutUs = settings.transactionTimeoutUs.value_or(60 * kMicrosPerSecond);
    config.partitioner = settings.partitioner.value_or(PartitionerKind::Default);
    config.transactionalId = settings.transactionalId;

    if (config.acks != -1 && config.acks != 0 && config.acks != 1)
        return ConfigError {"acks must be 0, 1 or all"};
    if (config.batchSize < 0)
        return ConfigError {"batch.size must be at least 0"};
    if (config.maxInFlight < 1)
        return ConfigError {"max.in.flight.requests.per.connection must be at least 1"};
    if (config.retries < 0)
        return ConfigError {"retries must be at least 0"};
    if (config.requestTimeoutUs <= 0)
        return ConfigError {"request.timeout.ms must be positive"};
    if (config.deliveryTimeoutUs < config.lingerUs + config.requestTimeoutUs)
        return ConfigError {"delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms"};

    const bool explicitIdempotence = settings.idempotence.has_value();
    bool idempotence = settings.idempotence.value_or(version >= 300 || transactional);
    if (transactional && explicitIdempotence && !*settings.idempotence)
        return ConfigError {"Cannot set a transactional.id without also enabling idempotence"};

    if (idempotence) {
        const char *conflict = nullptr;
        if (config.maxInFlight > 5)
            conflict = "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer";
        else if (config.retries == 0)
            conflict = "Must set retries to non-zero when using the idempotent producer";
        else if (config.acks != -1)
            conflict = "Must set acks to all in order to use the idempotent producer. Otherwise we cannot "
                       "guarantee idempotence";
        if (conflict != nullptr) {
            // Explicitly asked for (or needed by transactions): Kafka throws ConfigException.
            // Only on by default: Kafka quietly turns it off.
            if (explicitIdempotence || transactional)
                return ConfigError {conflict};
            idempotence = false;
        }
    }
    config.idempotence = idempotence;
    out = config;
    return std::nullopt;
}

std::optional<KafkaVersion> parseKafkaVersion(std::string_view text)
{
    int major = 0;
    int minor = 0;
    const char *begin = text.data();
    const char *end = text.data() + text.size();
    auto [p, ec] = std::from_chars(begin, end, major);
    if (ec != std::errc() || p == begin)
        return std::nullopt;
    if (p != end) {
        if (*p != '.')
            return std::nullopt;
        const char *minorBegin = p + 1;
        auto [q, ec2] = std::from_chars(minorBegin, end, minor);
        if (ec2 != std::errc() || q == minorBegin)
            return std::nullopt;
        // Accept a patch level (3.0.1) and ignore it.
        if (q != end) {
            if (*q != '.')
                return std::nullopt;
            int patch = 0;
            auto [r, ec3] = std::from_chars(q + 1, end, patch);
            if (ec3 != std::errc() || r != end)
                return std::nullopt;
        }
    }
    const KafkaVersion version = major * 100 + minor;
    if (version < 11 || major > 4 || minor > 99)
        return std::nullopt;
    return version;
}

} // namespace kafkalab::core
