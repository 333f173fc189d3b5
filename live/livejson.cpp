#include "livejson.h"

#include <QJsonArray>

namespace kafkalab::live {
namespace {

QJsonArray intArray(const QList<int> &values)
{
    QJsonArray array;
    for (int v : values)
        array.append(v);
    return array;
}

QJsonValue optionalInt(qint64 value)
{
    return value < 0 ? QJsonValue() : QJsonValue(value);
}

QJsonValue optionalString(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QJsonObject errorToJson(const LiveError &error)
{
    QJsonObject o;
    o[u"kind"] = LiveError::kindName(error.kind);
    o[u"message"] = error.message;
    o[u"detail"] = optionalString(error.detail);
    o[u"code"] = optionalString(error.code);
    o[u"subject"] = optionalString(error.subject);
    return o;
}

QJsonObject stateToJson(const LiveClusterState &state)
{
    QJsonObject root;
    root[u"timeUs"] = state.timeUs;
    root[u"bootstrap"] = state.bootstrap;
    root[u"clusterId"] = optionalString(state.clusterId);
    root[u"controller"] = optionalInt(state.controller);

    QJsonArray brokers;
    for (const LiveBroker &b : state.brokers) {
        QJsonObject o;
        o[u"id"] = b.id;
        o[u"alive"] = b.alive;
        o[u"isolated"] = false;
        o[u"host"] = optionalString(b.host);
        o[u"port"] = optionalInt(b.port);
        brokers.append(o);
    }
    root[u"brokers"] = brokers;

    QJsonArray topics;
    for (const LiveTopic &t : state.topics) {
        QJsonObject to;
        to[u"name"] = t.name;
        to[u"internal"] = t.internal;
        if (!t.error.isEmpty())
            to[u"error"] = t.error;
        QJsonArray partitions;
        for (const LivePartition &p : t.partitions) {
            QJsonObject po;
            po[u"partition"] = p.partition;
            po[u"leader"] = optionalInt(p.leader);
            if (p.leaderEpoch >= 0)
                po[u"leaderEpoch"] = p.leaderEpoch;
            po[u"replicas"] = intArray(p.replicas);
            po[u"isr"] = intArray(p.isr);
            po[u"highWatermark"] = optionalInt(p.logEndOffset);
            po[u"logStartOffset"] = optionalInt(p.logStartOffset);
            po[u"underReplicated"] = p.underReplicated();
            po[u"offline"] = p.offline();
            if (!p.error.isEmpty())
                po[u"error"] = p.error;
            partitions.append(po);
        }
        to[u"partitions"] = partitions;
        topics.append(to);
    }
    root[u"topics"] = topics;

    QJsonArray groups;
    for (const LiveGroup &g : state.groups) {
        QJsonObject o;
        o[u"groupId"] = g.groupId;
        o[u"state"] = optionalString(g.state);
        o[u"protocolType"] = optionalString(g.protocolType);
        o[u"protocol"] = optionalString(g.protocol);
        o[u"coordinator"] = optionalInt(g.coordinator);
        QJsonArray members;
        for (const LiveMember &m : g.members) {
            QJsonObject mo;
            mo[u"consumer"] = m.clientId;
            mo[u"memberId"] = m.memberId;
            mo[u"host"] = optionalString(m.host);
            QJsonArray assignment;
            for (const TopicPartition &tp : m.assignment)
                assignment.append(tp.name());
            mo[u"assignment"] = assignment;
            members.append(mo);
        }
        o[u"members"] = members;
        QJsonObject committed;
        QJsonObject lag;
        for (const LiveGroupOffset &offset : g.offsets) {
            committed[offset.partition.name()] = offset.committed;
            if (offset.lag >= 0)
                lag[offset.partition.name()] = offset.lag;
        }
        o[u"committed"] = committed;
        o[u"lag"] = lag;
        if (!g.error.isEmpty())
            o[u"error"] = g.error;
        groups.append(o);
    }
    root[u"groups"] = groups;

    QJsonArray problems;
    for (const LiveError &e : state.problems)
        problems.append(errorToJson(e));
    root[u"problems"] = problems;
    return root;
}

} // namespace kafkalab::live
