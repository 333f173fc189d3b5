#include "liveproducer.h"

#include "live/kafkahandle.h"

namespace kafkalab::live {

using detail::rdkafka;

using detail::Deadline;
using detail::KafkaHandle;

namespace {

struct Delivery
{
    bool done = false;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    int partition = -1;
    qint64 offset = -1;
};

void onDelivery(rd_kafka_t * /*rk*/, const rd_kafka_message_t *message, void * /*opaque*/)
{
    auto *delivery = static_cast<Delivery *>(message->_private);
    if (delivery == nullptr)
        return;
    delivery->done = true;
    delivery->err = message->err;
    delivery->partition = message->partition;
    delivery->offset = message->offset;
}

LiveError writeError(rd_kafka_resp_err_t err, const QString &topic)
{
    if (err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED) {
        LiveError e = resourceError(err, Resource::Topic, topic);
        e.message = QStringLiteral("Not authorized to write to topic '%1': the cluster's ACLs do not allow this user "
                                   "WRITE on it.")
                        .arg(topic);
        return e;
    }
    if (err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
        return resourceError(RD_KAFKA_RESP_ERR__TIMED_OUT, Resource::Topic, topic,
            QStringLiteral("get the record acknowledged by topic '%1'").arg(topic));
    return resourceError(err, Resource::Topic, topic, QStringLiteral("write to topic '%1'").arg(topic));
}

} // namespace

LiveResult<ProduceResult> produceRecord(
    const ConnectionSettings &settings, const ProduceRequest &request, const std::atomic_bool *cancel)
{
    const Deadline deadline(settings.timeoutMs);
    const QString bootstrap = settings.bootstrap.trimmed();
    // Declared before the handle: librdkafka may still touch it until the handle is gone.
    Delivery delivery;
    Properties properties = settings.properties();
    properties.prepend({QStringLiteral("acks"), QStringLiteral("all")});
    properties.prepend({QStringLiteral("allow.auto.create.topics"), QStringLiteral("false")});
    properties.append({QStringLiteral("message.timeout.ms"), QString::number(std::max(1, settings.timeoutMs))});
    auto created = KafkaHandle::create(RD_KAFKA_PRODUCER, properties, onDelivery);
    if (!created)
        return created.error();
    const std::unique_ptr<KafkaHandle> handle = std::move(created).value();
    rd_kafka_t *rk = handle->get();
    if (auto error = handle->waitForCluster(deadline, cancel, bootstrap, settings.timeoutMs))
        return *error;

    // Check the topic first: librdkafka would otherwise wait for it to appear until the timeout.
    const QByteArray topic = request.topic.toUtf8();
    {
        const detail::Topic rkt(rdkafka().rd_kafka_topic_new(rk, topic.constData(), nullptr));
        const rd_kafka_metadata_t *raw = nullptr;
        if (const rd_kafka_resp_err_t err
            = rdkafka().rd_kafka_metadata(rk, 0, rkt.get(), &raw, std::max(1, deadline.remainingMs())))
            return connectionError(err, handle->notes().lastProblemLog(), bootstrap, settings.timeoutMs);
        const detail::Metadata metadata(raw);
        if (metadata->topic_cnt < 1 || metadata->topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR)
            return writeError(
                metadata->topic_cnt < 1 ? RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART : metadata->topics[0].err,
                request.topic);
        if (request.partition >= metadata->topics[0].partition_cnt)
            return resourceError(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION, Resource::Partition,
                request.topic + u'-' + QString::number(request.partition));
    }

    rd_kafka_headers_t *headers = rdkafka().rd_kafka_headers_new(static_cast<size_t>(request.headers.size()));
    for (const auto &[name, value] : request.headers) {
        const QByteArray n = name.toUtf8();
        rdkafka().rd_kafka_header_add(headers, n.constData(), n.size(), value.constData(), value.size());
    }
    const rd_kafka_resp_err_t err = rdkafka().rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.constData()),
        RD_KAFKA_V_PARTITION(request.partition < 0 ? RD_KAFKA_PARTITION_UA : request.partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(request.keyNull ? nullptr : request.key.constData(),
            request.keyNull ? 0 : static_cast<size_t>(request.key.size())),
        RD_KAFKA_V_VALUE(request.valueNull ? nullptr : const_cast<char *>(request.value.constData()),
            request.valueNull ? 0 : static_cast<size_t>(request.value.size())),
        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(&delivery), RD_KAFKA_V_END);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        // The headers belong to the message only when producev succeeds.
        rdkafka().rd_kafka_headers_destroy(headers);
        return writeError(err, request.topic);
    }
    while (!delivery.done && !deadline.expired() && !(cancel != nullptr && cancel->load()))
        rdkafka().rd_kafka_poll(rk, std::min(100, std::max(1, deadline.remainingMs())));
    if (!delivery.done) {
        // The delivery callback must not outlive `delivery`: purge, then serve the callbacks.
        rdkafka().rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rdkafka().rd_kafka_flush(rk, 1000);
        rdkafka().rd_kafka_poll(rk, 0);
        if (cancel != nullptr && cancel->load())
            return cancelledError();
        return writeError(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, request.topic);
    }
    if (delivery.err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return writeError(delivery.err, request.topic);
    return ProduceResult {request.topic, delivery.partition, delivery.offset};
}

} // namespace kafkalab::live
