#include "liveclient.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include <QDateTime>

#include "live/consumerprotocol.h"
#include "live/kafkahandle.h"

namespace kafkalab::live {

using detail::rdkafka;

using detail::Deadline;
using detail::KafkaHandle;

namespace {

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

QString qs(const char *text)
{
    return text == nullptr ? QString() : QString::fromUtf8(text);
}

/** An equal share of the time left for the `phases` steps still to come. */
int share(const Deadline &deadline, int phases)
{
    return std::max(1, deadline.remainingMs() / std::max(phases, 1));
}

/** Collects per-item problems once per (subject, code), so 200 denied partitions make one line. */
class Problems
{
public:
    explicit Problems(QList<LiveError> &out)
        : m_out(out)
    { }
    void add(const LiveError &e)
    {
        if (m_seen.insert({e.subject, e.code}).second)
            m_out.append(e);
    }

private:
    QList<LiveError> &m_out;
    std::set<std::pair<QString, QString>> m_seen;
};

struct GroupQuery
{
    LiveGroup group;
    bool listed = false; ///< the cluster listed or described it
    bool named = false; ///< asked for by name
};

void readGroupInfo(const rd_kafka_group_info &gi, GroupQuery &q, Problems &problems)
{
    LiveGroup &g = q.group;
    g.groupId = qs(gi.group);
    if (gi.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        const LiveError e = resourceError(gi.err, Resource::Group, g.groupId);
        g.error = e.message;
        problems.add(e);
        return;
    }
    g.state = qs(gi.state);
    g.protocolType = qs(gi.protocol_type);
    g.protocol = qs(gi.protocol);
    g.coordinator = gi.broker.id;
    // Kafka describes a group it does not know as Dead with no members.
    q.listed = g.state != u"Dead";
    for (int m = 0; m < gi.member_cnt; ++m) {
        const rd_kafka_group_member_info &mi = gi.members[m];
        LiveMember member;
        member.clientId = qs(mi.client_id);
        member.memberId = qs(mi.member_id);
        member.host = qs(mi.client_host);
        if (g.protocolType == u"consumer" && mi.member_assignment != nullptr && mi.member_assignment_size > 0) {
            const QByteArray bytes(static_cast<const char *>(mi.member_assignment), mi.member_assignment_size);
            if (auto assignment = decodeConsumerAssignment(bytes))
                member.assignment = *assignment;
        }
        g.members.append(member);
    }
    std::sort(g.members.begin(), g.members.end(), [](const LiveMember &a, const LiveMember &b) {
        return a.clientId != b.clientId ? a.clientId < b.clientId : a.memberId < b.memberId;
    });
}

/** One ListConsumerGroupOffsets request per group, all in flight at once; results by group index. */
void fetchCommittedOffsets(rd_kafka_t *rk, std::vector<GroupQuery> &groups, const std::vector<std::size_t> &which,
    const rd_kafka_topic_partition_list_t *partitions, const Deadline &deadline, const std::atomic_bool *cancel,
    Problems &problems, std::set<std::size_t> &answered)
{
    if (which.empty())
        return;
    detail::Queue queue(rdkafka().rd_kafka_queue_new(rk));
    char errstr[256];
    for (std::size_t index : which) {
        detail::AdminOptions options(
            rdkafka().rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS));
        rdkafka().rd_kafka_AdminOptions_set_request_timeout(
            options.get(), std::max(1, deadline.remainingMs()), errstr, sizeof errstr);
        // The index rides along as the request's opaque: a failed request names no group.
        rdkafka().rd_kafka_AdminOptions_set_opaque(options.get(), reinterpret_cast<void *>(index + 1));
        const QByteArray id = groups[index].group.groupId.toUtf8();
        rd_kafka_ListConsumerGroupOffsets_t *request
            = rdkafka().rd_kafka_ListConsumerGroupOffsets_new(id.constData(), partitions);
        rdkafka().rd_kafka_ListConsumerGroupOffsets(rk, &request, 1, options.get(), queue.get());
        rdkafka().rd_kafka_ListConsumerGroupOffsets_destroy(request);
    }
    std::size_t pending = which.size();
    while (pending > 0 && !deadline.expired() && !isCancelled(cancel)) {
        detail::Event event(
            rdkafka().rd_kafka_queue_poll(queue.get(), std::min(100, std::max(1, deadline.remainingMs()))));
        if (!event || rdkafka().rd_kafka_event_type(event.get()) != RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT)
            continue;
        --pending;
        const auto index = reinterpret_cast<std::size_t>(rdkafka().rd_kafka_event_opaque(event.get())) - 1;
        if (index >= groups.size())
            continue;
        LiveGroup &g = groups[index].group;
        answered.insert(index);
        if (const rd_kafka_resp_err_t err = rdkafka().rd_kafka_event_error(event.get())) {
            const LiveError e = resourceError(err, Resource::Group, g.groupId,
                QStringLiteral("read the committed "
                               "offsets of '%1'")
                    .arg(g.groupId));
            g.error = e.message;
            problems.add(e);
            continue;
        }
        std::size_t count = 0;
        const rd_kafka_group_result_t **results = rdkafka().rd_kafka_ListConsumerGroupOffsets_result_groups(
            rdkafka().rd_kafka_event_ListConsumerGroupOffsets_result(event.get()), &count);
        for (std::size_t r = 0; r < count; ++r) {
            if (const rd_kafka_error_t *error = rdkafka().rd_kafka_group_result_error(results[r])) {
                const LiveError e = resourceError(rdkafka().rd_kafka_error_code(error), Resource::Group, g.groupId);
                g.error = e.message;
                problems.add(e);
                continue;
            }
            const rd_kafka_topic_partition_list_t *list = rdkafka().rd_kafka_group_result_partitions(results[r]);
            for (int i = 0; list != nullptr && i < list->cnt; ++i) {
                const rd_kafka_topic_partition_t &tp = list->elems[i];
                if (tp.err != RD_KAFKA_RESP_ERR_NO_ERROR || tp.offset < 0)
                    continue;
                LiveGroupOffset o;
                o.partition = TopicPartition {qs(tp.topic), tp.partition};
                o.committed = tp.offset;
                g.offsets.append(o);
            }
        }
    }
    if (pending > 0 && !isCancelled(cancel)) {
        LiveError e = resourceError(RD_KAFKA_RESP_ERR__TIMED_OUT, Resource::Cluster, {},
            QStringLiteral("read the committed offsets of every group"));
        problems.add(e);
    }
}

} // namespace

LiveResult<std::unique_ptr<LiveClient>> LiveClient::create(const ConnectionSettings &settings)
{
    Properties properties = settings.properties();
    // A describing client: read_uncommitted so the "latest" offset is the high watermark, not the
    // last stable offset; never a group member, never creating topics.
    properties.prepend({QStringLiteral("isolation.level"), QStringLiteral("read_uncommitted")});
    properties.prepend({QStringLiteral("enable.auto.commit"), QStringLiteral("false")});
    properties.prepend({QStringLiteral("allow.auto.create.topics"), QStringLiteral("false")});
    auto handle = KafkaHandle::create(RD_KAFKA_CONSUMER, properties);
    if (!handle)
        return handle.error();
    return std::unique_ptr<LiveClient>(new LiveClient(settings, std::move(handle).value()));
}

LiveClient::LiveClient(ConnectionSettings settings, std::unique_ptr<KafkaHandle> handle)
    : m_settings(std::move(settings))
    , m_handle(std::move(handle))
{ }

LiveClient::~LiveClient() = default;

LiveResult<LiveClusterState> LiveClient::describe(const DescribeOptions &options, const std::atomic_bool *cancel)
{
    const int timeoutMs = m_settings.timeoutMs;
    const QString bootstrap = m_settings.bootstrap.trimmed();
    const Deadline deadline(timeoutMs);
    rd_kafka_t *rk = m_handle->get();
    // 1. Reach the cluster (a refused connection or failed authentication ends this at once).
    if (auto error = m_handle->waitForCluster(deadline, cancel, bootstrap, timeoutMs))
        return *error;

    // 2. Every topic.
    const rd_kafka_metadata_t *raw = nullptr;
    if (const rd_kafka_resp_err_t err
        = rdkafka().rd_kafka_metadata(rk, 1, nullptr, &raw, std::max(1, deadline.remainingMs())))
        return connectionError(err, m_handle->notes().lastProblemLog(), bootstrap, timeoutMs);
    const detail::Metadata metadata(raw);

    LiveClusterState state;
    state.bootstrap = bootstrap;
    Problems problems(state.problems);
    std::set<int> alive;
    for (int i = 0; i < metadata->broker_cnt; ++i) {
        const rd_kafka_metadata_broker_t &b = metadata->brokers[i];
        state.brokers.append(LiveBroker {b.id, qs(b.host), b.port, true});
        alive.insert(b.id);
    }
    std::set<int> referenced;
    for (int t = 0; t < metadata->topic_cnt; ++t) {
        const rd_kafka_metadata_topic_t &mt = metadata->topics[t];
        LiveTopic topic;
        topic.name = qs(mt.topic);
        topic.internal = topic.name.startsWith(QStringLiteral("__"));
        if (mt.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            const LiveError e = resourceError(mt.err, Resource::Topic, topic.name);
            topic.error = e.message;
            problems.add(e);
        }
        for (int p = 0; p < mt.partition_cnt; ++p) {
            const rd_kafka_metadata_partition_t &mp = mt.partitions[p];
            LivePartition partition;
            partition.partition = mp.id;
            partition.leader = mp.leader;
            for (int r = 0; r < mp.replica_cnt; ++r) {
                partition.replicas.append(mp.replicas[r]);
                referenced.insert(mp.replicas[r]);
            }
            for (int r = 0; r < mp.isr_cnt; ++r)
                partition.isr.append(mp.isrs[r]);
            std::sort(partition.isr.begin(), partition.isr.end());
            // LEADER_NOT_AVAILABLE is what an offline partition looks like; REPLICA_NOT_AVAILABLE only
            // says a follower is down, which the replica and ISR lists already show.
            if (mp.err != RD_KAFKA_RESP_ERR_NO_ERROR && mp.err != RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE
                && mp.err != RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE)
                partition.error
                    = resourceError(mp.err, Resource::Partition, TopicPartition {topic.name, mp.id}.name()).message;
            topic.partitions.append(partition);
        }
        std::sort(topic.partitions.begin(), topic.partitions.end(),
            [](const LivePartition &a, const LivePartition &b) { return a.partition < b.partition; });
        state.topics.append(topic);
    }
    // Kafka lists only live brokers; a broker named in a replica list but absent is down.
    for (int id : referenced)
        if (!alive.contains(id))
            state.brokers.append(LiveBroker {id, {}, -1, false});
    std::sort(state.brokers.begin(), state.brokers.end(),
        [](const LiveBroker &a, const LiveBroker &b) { return a.id < b.id; });
    std::sort(state.topics.begin(), state.topics.end(),
        [](const LiveTopic &a, const LiveTopic &b) { return a.name < b.name; });
    // The controller from the metadata response, if it names a live broker (librdkafka 2.0 has no
    // DescribeCluster; some clusters and the mock cluster report none or an id that is no broker).
    const int controller = rdkafka().rd_kafka_controllerid(rk, 0);
    state.controller = alive.contains(controller) ? controller : -1;
    if (char *id = rdkafka().rd_kafka_clusterid(rk, 0)) {
        state.clusterId = qs(id);
        rdkafka().rd_kafka_mem_free(rk, id);
    }

    // 3. Log start and end offsets: ListOffsets earliest (-2) and latest (-1), batched per leader.
    {
        detail::PartitionList earliest(rdkafka().rd_kafka_topic_partition_list_new(64));
        detail::PartitionList latest(rdkafka().rd_kafka_topic_partition_list_new(64));
        for (const LiveTopic &topic : state.topics) {
            if (!topic.error.isEmpty())
                continue;
            const QByteArray name = topic.name.toUtf8();
            for (const LivePartition &p : topic.partitions) {
                if (p.offline())
                    continue;
                rdkafka().rd_kafka_topic_partition_list_add(earliest.get(), name.constData(), p.partition)->offset
                    = RD_KAFKA_OFFSET_BEGINNING;
                rdkafka().rd_kafka_topic_partition_list_add(latest.get(), name.constData(), p.partition)->offset
                    = RD_KAFKA_OFFSET_END;
            }
        }
        const auto apply = [&](rd_kafka_topic_partition_list_t *list, rd_kafka_resp_err_t overall, bool end) {
            for (int i = 0; i < list->cnt; ++i) {
                const rd_kafka_topic_partition_t &tp = list->elems[i];
                const QString topicName = qs(tp.topic);
                for (LiveTopic &topic : state.topics) {
                    if (topic.name != topicName)
                        continue;
                    for (LivePartition &p : topic.partitions) {
                        if (p.partition != tp.partition)
                            continue;
                        // Earliest (-2) and latest (-1) come back as real offsets (>= 0) when answered.
                        if (tp.err == RD_KAFKA_RESP_ERR_NO_ERROR && tp.offset >= 0) {
                            (end ? p.logEndOffset : p.logStartOffset) = tp.offset;
                        } else {
                            const rd_kafka_resp_err_t err = tp.err != 0 ? tp.err
                                : overall != 0                          ? overall
                                                                        : RD_KAFKA_RESP_ERR__TIMED_OUT;
                            const LiveError e = resourceError(err,
                                err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ? Resource::Topic
                                                                                    : Resource::Partition,
                                err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED
                                    ? topic.name
                                    : TopicPartition {topic.name, tp.partition}.name(),
                                QStringLiteral("read the log offsets of %1")
                                    .arg(TopicPartition {topic.name, tp.partition}.name()));
                            p.error = e.message;
                            problems.add(e);
                        }
                    }
                }
            }
        };
        if (earliest->cnt > 0 && !isCancelled(cancel)) {
            const rd_kafka_resp_err_t err
                = rdkafka().rd_kafka_offsets_for_times(rk, earliest.get(), share(deadline, 4));
            apply(earliest.get(), err, false);
        }
        if (latest->cnt > 0 && !isCancelled(cancel)) {
            const rd_kafka_resp_err_t err = rdkafka().rd_kafka_offsets_for_times(rk, latest.get(), share(deadline, 3));
            apply(latest.get(), err, true);
        }
    }
    if (isCancelled(cancel))
        return cancelledError();

    // 4. Consumer groups: listed (ListGroups + DescribeGroups on every broker) and named ones.
    std::vector<GroupQuery> groups;
    const auto queryFor = [&groups](const QString &id) -> GroupQuery & {
        for (GroupQuery &q : groups)
            if (q.group.groupId == id)
                return q;
        groups.push_back(GroupQuery {});
        groups.back().group.groupId = id;
        return groups.back();
    };
    bool canDescribeGroups = true;
    const auto listGroups = [&](const QString &only, int budgetMs) {
        const rd_kafka_group_list *rawList = nullptr;
        const QByteArray name = only.toUtf8();
        const rd_kafka_resp_err_t err
            = rdkafka().rd_kafka_list_groups(rk, only.isEmpty() ? nullptr : name.constData(), &rawList, budgetMs);
        const detail::GroupList list(rawList);
        if (err == RD_KAFKA_RESP_ERR__PARTIAL) {
            problems.add(resourceError(RD_KAFKA_RESP_ERR__TIMED_OUT, Resource::Cluster, {},
                QStringLiteral("list the consumer groups of every broker (groups some brokers coordinate may be "
                               "missing)")));
        } else if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            LiveError e = resourceError(err, Resource::Cluster, only,
                only.isEmpty() ? QStringLiteral("list the consumer groups")
                               : QStringLiteral("describe consumer group '%1'").arg(only));
            if (err == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE) {
                canDescribeGroups = false;
                e.subject.clear();
                e.message = QStringLiteral("The cluster cannot list or describe consumer groups (no ListGroups or "
                                           "DescribeGroups): only the committed offsets of named groups are shown.");
            }
            problems.add(e);
            return;
        }
        for (int i = 0; list && i < list->group_cnt; ++i) {
            const rd_kafka_group_info &gi = list->groups[i];
            GroupQuery &q = queryFor(qs(gi.group));
            readGroupInfo(gi, q, problems);
        }
    };
    if (options.listGroups)
        listGroups({}, share(deadline, 2));
    for (const QString &name : options.groups) {
        if (name.isEmpty() || isCancelled(cancel))
            continue;
        GroupQuery &q = queryFor(name);
        q.named = true;
        if (!q.listed && canDescribeGroups)
            listGroups(name, share(deadline, 2));
    }
    if (isCancelled(cancel))
        return cancelledError();

    // 5. Committed offsets: first "every committed partition" (OffsetFetch with no topics, Kafka
    //    0.10.2+); groups that answer nothing are asked again about every partition by name, which
    //    older brokers and librdkafka's mock cluster need.
    std::vector<std::size_t> all(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i)
        all[i] = i;
    std::set<std::size_t> answered;
    fetchCommittedOffsets(rk, groups, all, nullptr, deadline, cancel, problems, answered);
    std::vector<std::size_t> again;
    for (std::size_t i : answered)
        if (groups[i].group.offsets.isEmpty() && groups[i].group.error.isEmpty())
            again.push_back(i);
    if (!again.empty() && !deadline.expired()) {
        detail::PartitionList every(rdkafka().rd_kafka_topic_partition_list_new(64));
        for (const LiveTopic &topic : state.topics) {
            if (topic.internal || !topic.error.isEmpty())
                continue;
            const QByteArray name = topic.name.toUtf8();
            for (const LivePartition &p : topic.partitions)
                rdkafka().rd_kafka_topic_partition_list_add(every.get(), name.constData(), p.partition);
        }
        if (every->cnt > 0) {
            std::set<std::size_t> ignored;
            fetchCommittedOffsets(rk, groups, again, every.get(), deadline, cancel, problems, ignored);
        }
    }
    if (isCancelled(cancel))
        return cancelledError();

    // 6. Lag = log end (high watermark) − committed offset, where both are known.
    for (GroupQuery &q : groups) {
        LiveGroup &g = q.group;
        std::sort(g.offsets.begin(), g.offsets.end(),
            [](const LiveGroupOffset &a, const LiveGroupOffset &b) { return a.partition < b.partition; });
        for (LiveGroupOffset &o : g.offsets) {
            const LivePartition *p = state.partition(o.partition);
            if (p != nullptr && p->logEndOffset >= 0) {
                o.logEndOffset = p->logEndOffset;
                o.lag = std::max<qint64>(0, p->logEndOffset - o.committed);
            }
        }
        if (q.named && !q.listed && g.offsets.isEmpty() && g.error.isEmpty()) {
            LiveError e;
            e.kind = LiveError::Kind::UnknownGroup;
            e.subject = g.groupId;
            e.message = canDescribeGroups
                ? QStringLiteral("Consumer group '%1' does not exist: the cluster knows no such group and it has no "
                                 "committed offsets.")
                      .arg(g.groupId)
                : QStringLiteral("Consumer group '%1' has no committed offsets (it may not exist).").arg(g.groupId);
            problems.add(e);
            continue;
        }
        state.groups.append(g);
    }
    std::sort(state.groups.begin(), state.groups.end(),
        [](const LiveGroup &a, const LiveGroup &b) { return a.groupId < b.groupId; });
    state.timeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    return state;
}

} // namespace kafkalab::live
