#include "livetail.h"

#include "live/kafkahandle.h"

namespace kafkalab::live {

using detail::rdkafka;

using detail::Deadline;
using detail::KafkaHandle;

// Declared in this order so they are destroyed queue, topic, then the handle that owns them.
struct LiveTail::Parts
{
    std::unique_ptr<KafkaHandle> handle;
    detail::Topic topic;
    detail::Queue queue;
};

namespace {

QString qs(const char *text)
{
    return text == nullptr ? QString() : QString::fromUtf8(text);
}

TailRecord toRecord(const rd_kafka_message_t &m, const QString &topic)
{
    TailRecord r;
    r.topic = topic;
    r.partition = m.partition;
    r.offset = m.offset;
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    r.timestampMs = rdkafka().rd_kafka_message_timestamp(&m, &type);
    r.logAppendTime = type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME;
    if (type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE)
        r.timestampMs = -1;
    r.keyNull = m.key == nullptr;
    if (!r.keyNull)
        r.key = QByteArray(static_cast<const char *>(m.key), static_cast<qsizetype>(m.key_len));
    r.valueNull = m.payload == nullptr;
    if (!r.valueNull)
        r.value = QByteArray(static_cast<const char *>(m.payload), static_cast<qsizetype>(m.len));
    rd_kafka_headers_t *headers = nullptr;
    if (rdkafka().rd_kafka_message_headers(&m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR && headers != nullptr) {
        const char *name = nullptr;
        const void *value = nullptr;
        size_t size = 0;
        for (size_t i = 0;
             rdkafka().rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
            r.headers.append({qs(name),
                value == nullptr ? QByteArray() : QByteArray(static_cast<const char *>(value), qsizetype(size))});
    }
    return r;
}

} // namespace

LiveResult<std::unique_ptr<LiveTail>> LiveTail::start(
    const ConnectionSettings &settings, const QString &topic, int lastRecords, const std::atomic_bool *cancel)
{
    const Deadline deadline(settings.timeoutMs);
    const QString bootstrap = settings.bootstrap.trimmed();
    Properties properties = settings.properties();
    // No group.id, nothing stored or committed: this reader leaves no trace in the cluster.
    properties.prepend({QStringLiteral("enable.auto.commit"), QStringLiteral("false")});
    properties.prepend({QStringLiteral("enable.auto.offset.store"), QStringLiteral("false")});
    properties.prepend({QStringLiteral("allow.auto.create.topics"), QStringLiteral("false")});
    properties.prepend({QStringLiteral("isolation.level"), QStringLiteral("read_uncommitted")});
    auto handle = KafkaHandle::create(RD_KAFKA_CONSUMER, properties);
    if (!handle)
        return handle.error();
    std::unique_ptr<LiveTail> tail(new LiveTail);
    tail->m_topic = topic;
    tail->m_bootstrap = bootstrap;
    tail->m_timeoutMs = settings.timeoutMs;
    tail->m_parts = std::make_unique<Parts>();
    Parts &parts = *tail->m_parts;
    parts.handle = std::move(handle).value();
    rd_kafka_t *rk = parts.handle->get();
    if (auto error = parts.handle->waitForCluster(deadline, cancel, bootstrap, settings.timeoutMs))
        return *error;

    const QByteArray name = topic.toUtf8();
    parts.topic.reset(rdkafka().rd_kafka_topic_new(rk, name.constData(), nullptr));
    const rd_kafka_metadata_t *raw = nullptr;
    if (const rd_kafka_resp_err_t err
        = rdkafka().rd_kafka_metadata(rk, 0, parts.topic.get(), &raw, std::max(1, deadline.remainingMs())))
        return connectionError(err, parts.handle->notes().lastProblemLog(), bootstrap, settings.timeoutMs);
    const detail::Metadata metadata(raw);
    if (metadata->topic_cnt < 1)
        return resourceError(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, Resource::Topic, topic);
    const rd_kafka_metadata_topic_t &mt = metadata->topics[0];
    if (mt.err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return resourceError(mt.err, Resource::Topic, topic, QStringLiteral("read topic '%1'").arg(topic));
    if (mt.partition_cnt == 0)
        return resourceError(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, Resource::Topic, topic);

    parts.queue.reset(rdkafka().rd_kafka_queue_new(rk));
    const int64_t start = lastRecords > 0 ? RD_KAFKA_OFFSET_TAIL(lastRecords) : RD_KAFKA_OFFSET_END;
    for (int p = 0; p < mt.partition_cnt; ++p) {
        const int32_t id = mt.partitions[p].id;
        if (rdkafka().rd_kafka_consume_start_queue(parts.topic.get(), id, start, parts.queue.get()) != 0) {
            const rd_kafka_resp_err_t err = rdkafka().rd_kafka_last_error();
            for (int started : tail->m_partitions)
                rdkafka().rd_kafka_consume_stop(parts.topic.get(), started);
            tail->m_partitions.clear();
            return resourceError(err, Resource::Topic, topic, QStringLiteral("read topic '%1'").arg(topic));
        }
        tail->m_partitions.append(id);
    }
    std::sort(tail->m_partitions.begin(), tail->m_partitions.end());
    return tail;
}

LiveTail::~LiveTail()
{
    if (m_parts && m_parts->topic)
        for (int p : m_partitions)
            rdkafka().rd_kafka_consume_stop(m_parts->topic.get(), p);
}

QList<TailRecord> LiveTail::poll(int waitMs, int maxRecords, QList<LiveError> *problems)
{
    QList<TailRecord> out;
    Parts &parts = *m_parts;
    const auto report = [problems](const LiveError &e) {
        if (problems == nullptr)
            return;
        for (const LiveError &seen : std::as_const(*problems))
            if (seen.code == e.code && seen.subject == e.subject)
                return;
        problems->append(e);
    };
    parts.handle->serveCallbacks();
    for (const auto &note : parts.handle->notes().takeErrors())
        if (note.code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || note.code == RD_KAFKA_RESP_ERR__AUTHENTICATION
            || note.code == RD_KAFKA_RESP_ERR__SSL)
            report(connectionError(note.code, note.reason, m_bootstrap, m_timeoutMs));
    int wait = waitMs;
    while (out.size() < maxRecords) {
        const detail::Message message(rdkafka().rd_kafka_consume_queue(parts.queue.get(), wait));
        wait = 0;
        if (!message)
            break;
        if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            out.append(toRecord(*message, m_topic));
            continue;
        }
        if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
            continue;
        if (message->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || message->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC
            || message->err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION) {
            LiveError e = resourceError(message->err, Resource::Topic, m_topic);
            e.message = QStringLiteral("Topic '%1' no longer exists: it was deleted while being read.").arg(m_topic);
            report(e);
            continue;
        }
        LiveError e
            = resourceError(message->err, Resource::Topic, m_topic, QStringLiteral("read topic '%1'").arg(m_topic));
        if (message->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
            e.message = QStringLiteral("Not authorized to read topic '%1': the cluster's ACLs do not allow this user "
                                       "READ on it.")
                            .arg(m_topic);
        report(e);
    }
    return out;
}

} // namespace kafkalab::live
