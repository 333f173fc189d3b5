#include "question.h"

namespace kafkalab::quiz {

QString questionTypeName(QuestionType type)
{
    switch (type) {
    case QuestionType::Single:
        return QStringLiteral("single");
    case QuestionType::Multi:
        return QStringLiteral("multi");
    case QuestionType::Recall:
        return QStringLiteral("recall");
    case QuestionType::Order:
        return QStringLiteral("order");
    case QuestionType::Fill:
        return QStringLiteral("fill");
    case QuestionType::Predict:
        return QStringLiteral("predict");
    }
    return QStringLiteral("single");
}

std::optional<QuestionType> questionTypeFromString(const QString &text)
{
    static const QuestionType kAll[] = {QuestionType::Single, QuestionType::Multi, QuestionType::Recall,
        QuestionType::Order, QuestionType::Fill, QuestionType::Predict};
    for (QuestionType t : kAll) {
        if (questionTypeName(t) == text)
            return t;
    }
    return std::nullopt;
}

bool questionTypeHasOptions(QuestionType type)
{
    return type == QuestionType::Single || type == QuestionType::Multi || type == QuestionType::Order
        || type == QuestionType::Predict;
}

int defaultTimeLimitSeconds(QuestionType type)
{
    // Roughly what an interviewer allows before moving on: reading plus thinking time.
    switch (type) {
    case QuestionType::Single:
    case QuestionType::Fill:
        return 60;
    case QuestionType::Multi:
    case QuestionType::Order:
        return 90;
    case QuestionType::Predict:
        return 120;
    case QuestionType::Recall:
        return 180;
    }
    return 90;
}

const QList<TopicInfo> &knownTopics()
{
    static const QList<TopicInfo> kTopics = {
        {QStringLiteral("fundamentals"),
            QStringLiteral("what Kafka is, log vs queue, topics, offsets, brokers, retention basics")},
        {QStringLiteral("partitioning"),
            QStringLiteral("keys, the partitioner, ordering, hot partitions, partition counts")},
        {QStringLiteral("producer"),
            QStringLiteral("acks, batching, linger, compression, retries, idempotence, producer tuning")},
        {QStringLiteral("consumer"),
            QStringLiteral("poll loop, offset commits, auto.offset.reset, consumer tuning, backpressure")},
        {QStringLiteral("consumer-groups"),
            QStringLiteral("groups, assignors, rebalances, heartbeats, static membership, lag")},
        {QStringLiteral("replication"),
            QStringLiteral("replicas, ISR, high watermark, min.insync.replicas, leader election")},
        {QStringLiteral("storage"), QStringLiteral("segments, retention, compaction, tombstones, disks")},
        {QStringLiteral("delivery-semantics"),
            QStringLiteral("at-most/at-least/exactly-once, transactions, idempotent pipelines")},
        {QStringLiteral("kraft"), QStringLiteral("controllers, ZooKeeper vs KRaft, metadata, cluster operations")},
        {QStringLiteral("streams"), QStringLiteral("Kafka Streams, state stores, windowing, EOS in Streams")},
        {QStringLiteral("connect"), QStringLiteral("Kafka Connect, connectors, converters, DLQs")},
        {QStringLiteral("schema-registry"), QStringLiteral("schemas, compatibility modes, evolution")},
        {QStringLiteral("security"), QStringLiteral("TLS, SASL, ACLs, quotas as protection")},
        {QStringLiteral("operations"),
            QStringLiteral("monitoring, metrics, lag, sizing, quotas, upgrades, production pitfalls")},
        {QStringLiteral("design"),
            QStringLiteral("Kafka vs RabbitMQ/SQS, system design with Kafka, patterns (DLQ, outbox, salting)")},
    };
    return kTopics;
}

bool isKnownTopic(const QString &id)
{
    for (const TopicInfo &t : knownTopics()) {
        if (t.id == id)
            return true;
    }
    return false;
}

QString topicDescription(const QString &id)
{
    for (const TopicInfo &t : knownTopics()) {
        if (t.id == id)
            return t.covers;
    }
    return {};
}

QList<int> Question::correctOptionIndices() const
{
    QList<int> out;
    for (int i = 0; i < options.size(); ++i) {
        if (options.at(i).correct)
            out.append(i);
    }
    return out;
}

int Question::effectiveTimeLimitSeconds() const
{
    return timeLimitSeconds.value_or(defaultTimeLimitSeconds(type));
}

} // namespace kafkalab::quiz
