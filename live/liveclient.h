#pragma once

#include <atomic>
#include <memory>

#include <QStringList>

#include "live/liveclusterstate.h"
#include "live/liveconfig.h"
#include "live/liveerror.h"

namespace kafkalab::live {

namespace detail {
class KafkaHandle;
}

/** What a describe reads besides brokers and topics. */
struct DescribeOptions
{
    /** List every consumer group of the cluster (Kafka's ListGroups; needs DESCRIBE on the cluster). */
    bool listGroups = true;
    /**
     * Groups to describe by name as well: they work where listing is not allowed or not supported.
     * A named group that does not exist is reported as a problem (LiveError::Kind::UnknownGroup).
     */
    QStringList groups;
};

/**
 * A read-only connection to a real cluster through librdkafka. describe() reads brokers, the
 * controller, every topic with its partitions (leader, replicas, ISR, log start and end offsets)
 * and consumer groups (state, assignor, members and their assignments, committed offsets, lag).
 *
 * Every call blocks for at most the settings' timeout: run it on a worker thread. One LiveClient is
 * used by one thread at a time; the connection stays open between describes.
 */
class LiveClient
{
public:
    /** Checks the settings and creates the client; no network traffic yet. */
    [[nodiscard]] static LiveResult<std::unique_ptr<LiveClient>> create(const ConnectionSettings &settings);

    LiveClient(const LiveClient &) = delete;
    LiveClient &operator=(const LiveClient &) = delete;
    ~LiveClient();

    /**
     * Reads the cluster within the settings' timeout. Fails (an unreachable cluster, failed
     * authentication or TLS, a timeout before any metadata) or returns the state, with what could
     * not be read in LiveClusterState::problems. `cancel`, when set, stops between steps with a
     * Cancelled error.
     */
    [[nodiscard]] LiveResult<LiveClusterState> describe(
        const DescribeOptions &options, const std::atomic_bool *cancel = nullptr);

    [[nodiscard]] const ConnectionSettings &settings() const noexcept { return m_settings; }

private:
    LiveClient(ConnectionSettings settings, std::unique_ptr<detail::KafkaHandle> handle);

    ConnectionSettings m_settings;
    std::unique_ptr<detail::KafkaHandle> m_handle;
};

} // namespace kafkalab::live
