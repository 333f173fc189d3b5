#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include <QByteArray>
#include <QList>
#include <QString>

#include "live/liveconfig.h"
#include "live/liveerror.h"

namespace kafkalab::live {

namespace detail {
class KafkaHandle;
}

/** One record read by a tail (or written by produceRecord()). */
struct TailRecord
{
    QString topic;
    int partition = 0;
    qint64 offset = -1;
    qint64 timestampMs = -1; ///< -1 when the record has none
    bool logAppendTime = false; ///< the broker's time rather than the producer's
    QByteArray key;
    bool keyNull = true;
    QByteArray value;
    bool valueNull = true;
    QList<std::pair<QString, QByteArray>> headers;
};

/**
 * Reads the newest records of a topic, like `kafka-console-consumer` without a group: partitions
 * are assigned directly (librdkafka's simple consumer), no group is joined, no offset is ever
 * committed, so the cluster's consumer groups are untouched. Runs on a worker thread.
 */
class LiveTail
{
public:
    /**
     * Connects and starts reading every partition of `topic`, `lastRecords` records before each
     * partition's end (0: only new records). Fails within the settings' timeout: unreachable
     * cluster, unknown topic, not authorized.
     */
    [[nodiscard]] static LiveResult<std::unique_ptr<LiveTail>> start(const ConnectionSettings &settings,
        const QString &topic, int lastRecords, const std::atomic_bool *cancel = nullptr);

    LiveTail(const LiveTail &) = delete;
    LiveTail &operator=(const LiveTail &) = delete;
    ~LiveTail();

    /**
     * Returns up to `maxRecords` records, waiting at most `waitMs` for the first. Problems met
     * (the topic was deleted, the brokers went away, an ACL denies reading) go to `problems`.
     */
    [[nodiscard]] QList<TailRecord> poll(int waitMs, int maxRecords, QList<LiveError> *problems);

    [[nodiscard]] const QString &topic() const noexcept { return m_topic; }
    [[nodiscard]] const QList<int> &partitions() const noexcept { return m_partitions; }

private:
    struct Parts;
    LiveTail() = default;

    QString m_topic;
    QString m_bootstrap;
    int m_timeoutMs = 0;
    QList<int> m_partitions;
    std::unique_ptr<Parts> m_parts;
};

} // namespace kafkalab::live
