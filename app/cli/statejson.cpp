#include "statejson.h"

#include <QJsonArray>
#include <QString>

#include "core/event.h"
#include "core/simulation.h"

namespace kafkalab::cli {
namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QJsonArray brokerArray(const std::vector<core::BrokerId> &ids)
{
    std::vector<core::BrokerId> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    QJsonArray array;
    for (core::BrokerId id : sorted)
        array.append(id);
    return array;
}

QString cleanupPolicyName(core::CleanupPolicy policy)
{
    switch (policy) {
    case core::CleanupPolicy::Delete:
        return QStringLiteral("delete");
    case core::CleanupPolicy::Compact:
        return QStringLiteral("compact");
    case core::CleanupPolicy::CompactDelete:
        return QStringLiteral("compact,delete");
    }
    return {};
}

} // namespace

QJsonObject stateToJson(const core::Simulation &sim)
{
    QJsonObject root;
    root[u"timeUs"] = static_cast<qint64>(sim.now());
    root[u"eventsProcessed"] = static_cast<qint64>(sim.eventsProcessed());
    root[u"controller"] = sim.controller() == core::kNoBroker ? QJsonValue() : QJsonValue(sim.controller());

    QJsonArray brokers;
    for (const core::BrokerState &b : sim.brokers()) {
        QJsonObject o;
        o[u"id"] = b.id;
        o[u"alive"] = b.alive;
        o[u"isolated"] = b.isolated;
        o[u"fenced"] = b.fenced;
        brokers.append(o);
    }
    root[u"brokers"] = brokers;

    QJsonArray topics;
    for (std::size_t t = 0; t < sim.topics().size(); ++t) {
        const core::TopicState &topic = sim.topics()[t];
        QJsonObject to;
        to[u"name"] = qs(topic.name);
        QJsonObject config;
        config[u"min.insync.replicas"] = topic.config.minInsyncReplicas;
        config[u"cleanup.policy"] = cleanupPolicyName(topic.config.cleanupPolicy);
        config[u"retention.ms"] = static_cast<qint64>(topic.config.retentionMs);
        config[u"retention.bytes"] = static_cast<qint64>(topic.config.retentionBytes);
        config[u"segment.bytes"] = static_cast<qint64>(topic.config.segmentBytes);
        config[u"unclean.leader.election.enable"] = topic.config.uncleanLeaderElection;
        to[u"config"] = config;
        QJsonArray partitions;
        for (std::size_t pi = 0; pi < topic.partitions.size(); ++pi) {
            const core::PartitionState &p = topic.partitions[pi];
            QJsonObject po;
            po[u"partition"] = p.index;
            po[u"leader"] = p.leader == core::kNoBroker ? QJsonValue() : QJsonValue(p.leader);
            po[u"leaderEpoch"] = p.leaderEpoch;
            QJsonArray replicas;
            for (core::BrokerId id : p.replicaIds)
                replicas.append(id);
            po[u"replicas"] = replicas;
            po[u"isr"] = brokerArray(p.isr);
            po[u"highWatermark"] = static_cast<qint64>(p.highWatermark);
            po[u"lastStableOffset"] = static_cast<qint64>(p.highWatermark);
            const core::ReplicaState *visible
                = sim.visibleReplica(static_cast<std::int32_t>(t), static_cast<std::int32_t>(pi));
            po[u"logStartOffset"] = static_cast<qint64>(visible ? visible->log.logStartOffset() : 0);
            QJsonObject leos;
            for (const core::ReplicaState &r : p.replicas)
                leos[QString::number(r.broker)] = static_cast<qint64>(r.log.logEndOffset());
            po[u"logEndOffsets"] = leos;
            QJsonArray records;
            if (visible != nullptr) {
                const core::Log &log = visible->log;
                log.forEachBatch(log.logStartOffset(), log.logEndOffset(), [&](const core::LogBatch &batch) {
                    const core::BatchPayload &payload = *batch.payload;
                    for (std::size_t i = 0; i < payload.records.size(); ++i) {
                        QJsonObject r;
                        r[u"offset"] = static_cast<qint64>(batch.baseOffset + payload.records[i].offsetDelta);
                        r[u"key"] = payload.keyIsNull(i) ? QJsonValue() : QJsonValue(qs(payload.key(i)));
                        r[u"value"] = payload.valueIsNull(i) ? QJsonValue() : QJsonValue(qs(payload.value(i)));
                        r[u"producerId"] = payload.producerId == core::kNoProducerId
                            ? QJsonValue()
                            : QJsonValue(static_cast<qint64>(payload.producerId));
                        r[u"sequence"] = payload.baseSequence < 0
                            ? QJsonValue()
                            : QJsonValue(payload.baseSequence + static_cast<int>(i));
                        r[u"transactional"] = payload.transactional;
                        r[u"control"] = payload.control == core::ControlType::None
                            ? QJsonValue()
                            : QJsonValue(payload.control == core::ControlType::Commit ? QStringLiteral("COMMIT")
                                                                                      : QStringLiteral("ABORT"));
                        r[u"aborted"] = false;
                        records.append(r);
                    }
                });
            }
            po[u"records"] = records;
            partitions.append(po);
        }
        to[u"partitions"] = partitions;
        topics.append(to);
    }
    root[u"topics"] = topics;

    QJsonArray producers;
    for (const core::ProducerState &p : sim.producers()) {
        QJsonObject o;
        o[u"name"] = qs(p.name);
        o[u"producerId"]
            = p.producerId == core::kNoProducerId ? QJsonValue() : QJsonValue(static_cast<qint64>(p.producerId));
        o[u"epoch"] = p.epoch;
        o[u"acked"] = static_cast<qint64>(p.ackedRecords);
        o[u"failed"] = static_cast<qint64>(p.failedRecords);
        o[u"retries"] = static_cast<qint64>(p.retries);
        o[u"lastError"] = qs(core::errorName(p.lastError));
        o[u"transactionalId"] = p.config.transactionalId ? QJsonValue(qs(*p.config.transactionalId)) : QJsonValue();
        o[u"transactionState"] = QJsonValue();
        producers.append(o);
    }
    root[u"producers"] = producers;
    const auto partitionName = [&sim](const core::PartitionKey &p) {
        return QString(qs(sim.topics()[static_cast<std::size_t>(p.first)].name) + u'-' + QString::number(p.second));
    };
    const auto partitionList = [&](std::vector<core::PartitionKey> keys) {
        std::sort(keys.begin(), keys.end(), [&sim](const core::PartitionKey &a, const core::PartitionKey &b) {
            const std::string &ta = sim.topics()[static_cast<std::size_t>(a.first)].name;
            const std::string &tb = sim.topics()[static_cast<std::size_t>(b.first)].name;
            return ta != tb ? ta < tb : a.second < b.second;
        });
        QJsonArray array;
        for (const core::PartitionKey &k : keys)
            array.append(partitionName(k));
        return array;
    };

    QJsonArray groups;
    for (const core::GroupState &g : sim.groups()) {
        QJsonObject o;
        o[u"groupId"] = qs(g.groupId);
        o[u"state"] = QString::fromLatin1(core::groupPhaseName(g.phase));
        o[u"generation"] = g.generation;
        o[u"protocol"] = g.protocol ? QJsonValue(qs(core::assignorName(*g.protocol))) : QJsonValue();
        const core::BrokerId coordinator = sim.coordinatorOf(g);
        o[u"coordinator"] = coordinator == core::kNoBroker ? QJsonValue() : QJsonValue(coordinator);
        QJsonArray members;
        for (const core::GroupMember &m : g.members) {
            QJsonObject mo;
            mo[u"consumer"] = qs(sim.consumers()[static_cast<std::size_t>(m.consumer)].name);
            mo[u"memberId"] = qs(m.memberId);
            mo[u"groupInstanceId"] = m.groupInstanceId ? QJsonValue(qs(*m.groupInstanceId)) : QJsonValue();
            mo[u"assignment"] = partitionList(m.assignment);
            members.append(mo);
        }
        o[u"members"] = members;
        QJsonObject committed;
        QJsonObject lag;
        std::vector<core::PartitionKey> keys;
        for (const auto &[key, offset] : g.committed) {
            committed[partitionName(key)] = static_cast<qint64>(offset);
            lag[partitionName(key)] = static_cast<qint64>(sim.groupLag(g, key));
        }
        o[u"committed"] = committed;
        o[u"lag"] = lag;
        groups.append(o);
    }
    root[u"groups"] = groups;

    QJsonArray consumers;
    for (const core::ConsumerState &c : sim.consumers()) {
        QJsonObject o;
        o[u"name"] = qs(c.name);
        o[u"group"] = qs(c.config.groupId);
        o[u"memberId"] = qs(c.memberId);
        o[u"alive"] = c.alive;
        o[u"assignment"] = partitionList(c.owned);
        QJsonObject positions;
        for (const auto &[key, offset] : c.positions)
            positions[partitionName(key)] = static_cast<qint64>(offset);
        o[u"positions"] = positions;
        QJsonArray consumed;
        for (const core::ConsumedRecord &r : c.consumed) {
            QJsonObject ro;
            ro[u"topic"] = qs(sim.topics()[static_cast<std::size_t>(r.topic)].name);
            ro[u"partition"] = r.partition;
            ro[u"offset"] = static_cast<qint64>(r.offset);
            ro[u"key"] = r.key ? QJsonValue(qs(*r.key)) : QJsonValue();
            ro[u"value"] = r.value ? QJsonValue(qs(*r.value)) : QJsonValue();
            consumed.append(ro);
        }
        o[u"consumed"] = consumed;
        consumers.append(o);
    }
    root[u"consumers"] = consumers;
    return root;
}

QJsonObject eventToJson(const core::Event &e)
{
    QJsonObject o;
    o[u"tUs"] = static_cast<qint64>(e.timeUs);
    o[u"type"] = qs(core::eventTypeName(e.type));
    if (!e.topic.empty())
        o[u"topic"] = qs(e.topic);
    if (e.partition >= 0)
        o[u"partition"] = e.partition;
    if (e.broker != core::kNoBroker)
        o[u"broker"] = e.broker;
    if (!e.client.empty())
        o[u"client"] = qs(e.client);
    if (e.offset >= 0)
        o[u"offset"] = static_cast<qint64>(e.offset);
    if (e.count >= 0)
        o[u"count"] = static_cast<qint64>(e.count);
    if (e.from >= 0)
        o[u"from"] = static_cast<qint64>(e.from);
    if (e.to >= 0)
        o[u"to"] = static_cast<qint64>(e.to);
    if (e.epoch >= 0)
        o[u"epoch"] = e.epoch;
    if (e.error != core::ErrorCode::None)
        o[u"error"] = qs(core::errorName(e.error));
    if (!e.brokers.empty() || e.type == core::EventType::IsrShrink || e.type == core::EventType::IsrExpand)
        o[u"isr"] = brokerArray(e.brokers);
    if (!e.partitions.empty() || e.type == core::EventType::PartitionsAssigned
        || e.type == core::EventType::PartitionsRevoked) {
        QJsonArray partitions;
        for (const std::string &p : e.partitions)
            partitions.append(qs(p));
        o[u"partitions"] = partitions;
        if (!e.client.empty())
            o[u"consumer"] = qs(e.client);
    }
    if (!e.detail.empty())
        o[u"detail"] = qs(e.detail);
    return o;
}

} // namespace kafkalab::cli
