#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "live/rdkafkalibrary.h"

#include <QString>

#include "live/liveconfig.h"
#include "live/liveerror.h"

namespace kafkalab::live::detail {

// RAII for librdkafka's C objects. Internal to kafkalab_live (and its tests): the public headers
// never include rdkafka.h.
struct HandleDeleter
{
    void operator()(rd_kafka_t *rk) const noexcept { rdkafka().rd_kafka_destroy(rk); }
};
struct PartitionListDeleter
{
    void operator()(rd_kafka_topic_partition_list_t *l) const noexcept
    {
        rdkafka().rd_kafka_topic_partition_list_destroy(l);
    }
};
struct MetadataDeleter
{
    void operator()(const rd_kafka_metadata_t *m) const noexcept { rdkafka().rd_kafka_metadata_destroy(m); }
};
struct QueueDeleter
{
    void operator()(rd_kafka_queue_t *q) const noexcept { rdkafka().rd_kafka_queue_destroy(q); }
};
struct EventDeleter
{
    void operator()(rd_kafka_event_t *e) const noexcept { rdkafka().rd_kafka_event_destroy(e); }
};
struct AdminOptionsDeleter
{
    void operator()(rd_kafka_AdminOptions_t *o) const noexcept { rdkafka().rd_kafka_AdminOptions_destroy(o); }
};
struct GroupListDeleter
{
    void operator()(const rd_kafka_group_list *l) const noexcept { rdkafka().rd_kafka_group_list_destroy(l); }
};
struct MessageDeleter
{
    void operator()(rd_kafka_message_t *m) const noexcept { rdkafka().rd_kafka_message_destroy(m); }
};
struct TopicDeleter
{
    void operator()(rd_kafka_topic_t *t) const noexcept { rdkafka().rd_kafka_topic_destroy(t); }
};

using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
using Metadata = std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>;
using Queue = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
using Event = std::unique_ptr<rd_kafka_event_t, EventDeleter>;
using AdminOptions = std::unique_ptr<rd_kafka_AdminOptions_t, AdminOptionsDeleter>;
using GroupList = std::unique_ptr<const rd_kafka_group_list, GroupListDeleter>;
using Message = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;
using Topic = std::unique_ptr<rd_kafka_topic_t, TopicDeleter>;

/**
 * What librdkafka reported through its error and log callbacks, kept to explain failures
 * ("Connect to ipv4#10.0.0.1:9092 failed: Connection refused"). The log callback runs on
 * librdkafka's own threads, hence the mutex.
 */
class ClientNotes
{
public:
    struct Note
    {
        int code = 0;
        QString reason;
    };

    void addError(int code, const QString &reason);
    void addLog(int level, const QString &text);
    /** Errors reported since the last call, oldest first. */
    [[nodiscard]] std::vector<Note> takeErrors();
    /** The most recent warning or error from the log, empty if none. */
    [[nodiscard]] QString lastProblemLog() const;
    void clear();

private:
    mutable std::mutex m_mutex;
    std::vector<Note> m_errors;
    QString m_lastProblemLog;
};

/** The remaining time of an operation, in whole milliseconds, never negative. */
class Deadline
{
public:
    explicit Deadline(int timeoutMs);
    [[nodiscard]] int remainingMs() const;
    [[nodiscard]] bool expired() const { return remainingMs() <= 0; }

private:
    qint64 m_endMs = 0;
};

/** A librdkafka client handle and its notes. */
class KafkaHandle
{
public:
    /**
     * Creates a client of `type` with `properties` (secret values are masked in errors). No
     * network traffic happens yet: errors here are configuration errors.
     */
    [[nodiscard]] static LiveResult<std::unique_ptr<KafkaHandle>> create(rd_kafka_type_t type,
        const Properties &properties,
        void (*deliveryCallback)(rd_kafka_t *, const rd_kafka_message_t *, void *) = nullptr);

    KafkaHandle(const KafkaHandle &) = delete;
    KafkaHandle &operator=(const KafkaHandle &) = delete;
    ~KafkaHandle();

    [[nodiscard]] rd_kafka_t *get() const noexcept { return m_rk.get(); }
    [[nodiscard]] ClientNotes &notes() noexcept { return *m_notes; }
    /** Runs pending callbacks (the error callback) without blocking. */
    void serveCallbacks() noexcept;

    /**
     * Waits until a broker answers a (brokers-only) metadata request, asking in growing slices so
     * that a refused connection, failed authentication or TLS error ends the wait at once rather
     * than at the deadline. Errors since the cluster last answered count. Returns the
     * user-facing error, or nullopt once the cluster answered.
     */
    [[nodiscard]] std::optional<LiveError> waitForCluster(
        const Deadline &deadline, const std::atomic_bool *cancel, const QString &bootstrap, int timeoutMs);

private:
    KafkaHandle() = default;

    // Declared first so it outlives the handle, whose threads may still log while it shuts down.
    std::unique_ptr<ClientNotes> m_notes;
    std::unique_ptr<rd_kafka_t, HandleDeleter> m_rk;
    std::vector<ClientNotes::Note> m_pendingNotes;
};

} // namespace kafkalab::live::detail
