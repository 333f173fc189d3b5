#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <utility>

#include <QByteArray>
#include <QList>
#include <QString>

/**
 * librdkafka's in-process mock cluster for the live-mode tests: real brokers speaking the Kafka
 * protocol on loopback ports, with topics, records and committed offsets set up through real
 * clients. librdkafka 2.0's mock answers Metadata, Produce, Fetch, ListOffsets, OffsetCommit and
 * OffsetFetch, but not ListGroups or DescribeGroups, and its ISR always equals the replicas.
 */
class MockCluster
{
public:
    explicit MockCluster(int brokers)
    {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, &silence);
        char errstr[256];
        m_rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
        m_cluster = rd_kafka_mock_cluster_new(m_rk, brokers);
    }
    ~MockCluster()
    {
        // The cluster first: it is bookkept by the handle.
        rd_kafka_mock_cluster_destroy(m_cluster);
        rd_kafka_destroy(m_rk);
    }
    MockCluster(const MockCluster &) = delete;
    MockCluster &operator=(const MockCluster &) = delete;

    [[nodiscard]] QString bootstrap() const { return QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(m_cluster)); }
    [[nodiscard]] rd_kafka_mock_cluster_t *get() const { return m_cluster; }

    bool createTopic(const char *name, int partitions, int replicationFactor)
    {
        return rd_kafka_mock_topic_create(m_cluster, name, partitions, replicationFactor) == RD_KAFKA_RESP_ERR_NO_ERROR;
    }

    /** Writes `count` records to one partition (key `key-I`, value `value-I`, a header `h=I`); true once acknowledged.
     */
    bool produce(const char *topic, int partition, int count)
    {
        rd_kafka_t *producer = client(RD_KAFKA_PRODUCER, nullptr);
        if (producer == nullptr)
            return false;
        for (int i = 0; i < count; ++i) {
            const QByteArray key = "key-" + QByteArray::number(i);
            const QByteArray value = "value-" + QByteArray::number(i);
            const QByteArray header = QByteArray::number(i);
            rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key.constData(), size_t(key.size())),
                RD_KAFKA_V_VALUE(const_cast<char *>(value.constData()), size_t(value.size())),
                RD_KAFKA_V_HEADER("h", header.constData(), header.size()), RD_KAFKA_V_END);
        }
        const bool ok
            = rd_kafka_flush(producer, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR && rd_kafka_outq_len(producer) == 0;
        rd_kafka_destroy(producer);
        return ok;
    }

    /** Commits offsets for `group` the way a consumer does (OffsetCommit to the coordinator). */
    bool commit(const char *group, const QList<std::pair<std::pair<const char *, int>, qint64>> &offsets)
    {
        rd_kafka_t *consumer = client(RD_KAFKA_CONSUMER, group);
        if (consumer == nullptr)
            return false;
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(int(offsets.size()));
        for (const auto &[tp, offset] : offsets)
            rd_kafka_topic_partition_list_add(list, tp.first, tp.second)->offset = offset;
        const bool ok = rd_kafka_commit(consumer, list, 0) == RD_KAFKA_RESP_ERR_NO_ERROR;
        rd_kafka_topic_partition_list_destroy(list);
        rd_kafka_consumer_close(consumer);
        rd_kafka_destroy(consumer);
        return ok;
    }

private:
    static void silence(const rd_kafka_t *, int, const char *, const char *) { }

    rd_kafka_t *client(rd_kafka_type_t type, const char *group) const
    {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[256];
        rd_kafka_conf_set_log_cb(conf, &silence);
        const QByteArray servers = bootstrap().toUtf8();
        rd_kafka_conf_set(conf, "bootstrap.servers", servers.constData(), errstr, sizeof errstr);
        if (group != nullptr)
            rd_kafka_conf_set(conf, "group.id", group, errstr, sizeof errstr);
        rd_kafka_t *rk = rd_kafka_new(type, conf, errstr, sizeof errstr);
        if (rk == nullptr)
            rd_kafka_conf_destroy(conf);
        return rk;
    }

    rd_kafka_t *m_rk = nullptr;
    rd_kafka_mock_cluster_t *m_cluster = nullptr;
};
