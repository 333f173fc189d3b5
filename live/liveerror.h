#pragma once

#include <optional>
#include <utility>

#include <QString>

namespace kafkalab::live {

/**
 * A problem met while talking to a real cluster, in words a user can act on. Errors are values:
 * nothing in kafkalab_live throws across its boundary.
 */
struct LiveError
{
    enum class Kind {
        Configuration, ///< a property librdkafka refuses, a missing bootstrap, an unreadable CA file
        Unreachable, ///< no broker answered: connection refused or reset, no route
        Resolve, ///< a broker's host name does not resolve
        Tls, ///< the TLS handshake failed (CA, host name in the certificate, a plaintext port)
        Authentication, ///< SASL rejected the mechanism, user name or password
        Authorization, ///< an ACL denies an operation (DESCRIBE on a topic, a group or the cluster)
        Timeout, ///< nothing (or not everything) answered within the timeout
        UnknownGroup, ///< a named consumer group does not exist
        UnknownTopic, ///< a topic does not exist (or was deleted while shown)
        Unsupported, ///< the cluster (or librdkafka's mock cluster) lacks an API
        Broker, ///< any other error a broker or librdkafka returned
        Cancelled, ///< the caller stopped the operation (disconnect)
    };

    Kind kind = Kind::Broker;
    QString message; ///< a complete sentence for the user
    QString detail; ///< librdkafka's own words, e.g. `Connect to ipv4#127.0.0.1:9092 failed: Connection refused`
    QString code; ///< Kafka's or librdkafka's error name (`TOPIC_AUTHORIZATION_FAILED`, `_TRANSPORT`), may be empty
    QString subject; ///< the topic, group or address concerned, may be empty

    /** The message, then librdkafka's detail in parentheses when it adds something. */
    [[nodiscard]] QString toString() const;
    /**
     * Whether a describe that met this should report failure (exit non-zero): everything except
     * Unsupported, which only notes what a cluster cannot answer.
     */
    [[nodiscard]] bool isFailure() const noexcept { return kind != Kind::Unsupported; }
    /** `unreachable`, `authorization`, … (stable: the CLI's JSON uses it). */
    [[nodiscard]] static QString kindName(Kind kind);
};

/** What an error concerns, for the wording of per-item errors. */
enum class Resource { Cluster, Topic, Partition, Group };

/**
 * The user-facing error for a connection-level librdkafka error `code` (an rd_kafka_resp_err_t)
 * met while connecting to `bootstrap`; `reason` is librdkafka's text (from the error callback or
 * the log), `timeoutMs` the budget that ran out for timeouts.
 */
[[nodiscard]] LiveError connectionError(int code, const QString &reason, const QString &bootstrap, int timeoutMs);

/**
 * The user-facing error for an error a broker returned about one resource (a topic, a partition
 * such as `orders-3`, a group, or the cluster for `what` such as "list consumer groups").
 */
[[nodiscard]] LiveError resourceError(int code, Resource resource, const QString &name, const QString &what = {});

/** The error an operation returns when its caller asked it to stop (a disconnect). */
[[nodiscard]] LiveError cancelledError();

/** librdkafka's name for an error code (`TOPIC_AUTHORIZATION_FAILED`, `_TRANSPORT`). */
[[nodiscard]] QString errorCodeName(int code);

/** A value or a LiveError (std::expected is C++23). */
template<typename T> class [[nodiscard]] LiveResult
{
public:
    LiveResult(T value)
        : m_value(std::move(value))
    { }
    LiveResult(LiveError error)
        : m_error(std::move(error))
    { }

    [[nodiscard]] bool ok() const noexcept { return m_value.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    [[nodiscard]] T &value() & { return *m_value; }
    [[nodiscard]] const T &value() const & { return *m_value; }
    [[nodiscard]] T &&value() && { return std::move(*m_value); }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    /** Meaningful only when !ok(). */
    [[nodiscard]] const LiveError &error() const noexcept { return m_error; }

private:
    std::optional<T> m_value;
    LiveError m_error;
};

} // namespace kafkalab::live
