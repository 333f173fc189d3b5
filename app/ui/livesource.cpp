#include "livesource.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <set>

#include <QDateTime>
#include <QStringDecoder>
#include <QThread>
#include <QTimer>

#include "live/liveclient.h"

namespace kafkalab::app {

/**
 * Where worker threads post their results. Closed when the source goes away, so a worker that
 * finishes late (a librdkafka call outliving the shutdown wait) never touches a deleted object.
 */
class LiveSource::Mailbox
{
public:
    explicit Mailbox(LiveSource *target)
        : m_target(target)
    { }
    void post(std::function<void(LiveSource &)> f)
    {
        const std::lock_guard lock(m_mutex);
        if (m_target == nullptr)
            return;
        LiveSource *target = m_target;
        QMetaObject::invokeMethod(
            target, [target, f = std::move(f)] { f(*target); }, Qt::QueuedConnection);
    }
    void close()
    {
        const std::lock_guard lock(m_mutex);
        m_target = nullptr;
    }

private:
    std::mutex m_mutex;
    LiveSource *m_target;
};

/** One connection: its client lives on (and is used only by) the worker thread. */
struct LiveSource::Session
{
    quint64 id = 0;
    live::ConnectionSettings settings;
    live::DescribeOptions options;
    std::atomic_bool cancel {false};
    std::unique_ptr<live::LiveClient> client;
};

struct LiveSource::TailSession
{
    quint64 id = 0;
    live::ConnectionSettings settings;
    QString topic;
    int lastRecords = 0;
    std::atomic_bool cancel {false};
    std::atomic_bool paused {false};
};

namespace {

/** Shown as text when the bytes are UTF-8, as hex otherwise; long values are cut. */
QString displayBytes(const QByteArray &bytes)
{
    constexpr qsizetype kMax = 160;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes.left(kMax * 4));
    if (!decoder.hasError())
        return text.size() > kMax ? text.left(kMax) + u'…' : text;
    const QByteArray hex = bytes.left(kMax / 2).toHex(' ');
    return QStringLiteral("0x ") + QString::fromLatin1(hex)
        + (bytes.size() > kMax / 2 ? QStringLiteral(" …") : QString());
}

LogCell toCell(const live::TailRecord &r)
{
    LogCell cell;
    cell.offset = r.offset;
    cell.keyNull = r.keyNull;
    if (!r.keyNull)
        cell.key = displayBytes(r.key);
    cell.valueNull = r.valueNull;
    if (!r.valueNull)
        cell.value = displayBytes(r.value);
    return cell;
}

} // namespace

LiveSource::LiveSource(QObject *parent)
    : StateSource(parent)
    , m_mailbox(std::make_shared<Mailbox>(this))
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &LiveSource::refreshNow);
    startWorker(m_worker, QStringLiteral("live-describe"));
    startWorker(m_tailWorker, QStringLiteral("live-tail"));
}

LiveSource::~LiveSource()
{
    m_mailbox->close();
    if (m_session)
        m_session->cancel = true;
    if (m_tail)
        m_tail->cancel = true;
    stopWorker(m_worker);
    stopWorker(m_tailWorker);
}

void LiveSource::startWorker(Worker &worker, const QString &name)
{
    worker.thread = new QThread;
    worker.thread->setObjectName(name);
    worker.context = new QObject;
    worker.context->moveToThread(worker.thread);
    worker.thread->start();
}

void LiveSource::stopWorker(Worker &worker)
{
    worker.context->deleteLater();
    worker.thread->quit();
    // Cancelled work stops between librdkafka calls; one call can still run until its own deadline.
    if (worker.thread->wait(3000)) {
        delete worker.thread;
    } else {
        QObject::connect(worker.thread, &QThread::finished, worker.thread, &QObject::deleteLater);
    }
    worker = {};
}

void LiveSource::connectTo(const live::ConnectionSettings &settings, const QStringList &groups, int refreshMs)
{
    disconnectFromCluster();
    m_settings = settings;
    m_groupNames = groups;
    m_refreshMs = std::max(500, refreshMs);
    auto session = std::make_shared<Session>();
    session->id = m_nextId++;
    session->settings = settings;
    session->options.listGroups = true;
    session->options.groups = groups;
    m_session = session;
    m_connectedClock.start();
    m_refreshes = 0;
    setStatus(Status::Connecting);
    refreshNow();
}

void LiveSource::disconnectFromCluster()
{
    stopTail();
    m_timer->stop();
    if (m_session) {
        m_session->cancel = true;
        // The client is destroyed on the worker thread, after any describe still running.
        QMetaObject::invokeMethod(
            m_worker.context, [session = m_session] { session->client.reset(); }, Qt::QueuedConnection);
        m_session.reset();
    }
    m_refreshing = false;
    m_lastError.reset();
    m_state = {};
    m_haveState = false;
    m_vanished.clear();
    m_focus.clear();
    rebuild();
    setStatus(Status::Disconnected);
    Q_EMIT stateChanged();
}

void LiveSource::refreshNow()
{
    if (!m_session || m_refreshing)
        return;
    m_timer->stop();
    m_refreshing = true;
    Q_EMIT statusChanged();
    QMetaObject::invokeMethod(
        m_worker.context,
        [session = m_session, mailbox = m_mailbox] {
            if (session->cancel)
                return;
            if (!session->client) {
                auto created = live::LiveClient::create(session->settings);
                if (!created) {
                    const live::LiveResult<live::LiveClusterState> failed(created.error());
                    mailbox->post([id = session->id, failed](LiveSource &s) { s.onDescribed(id, failed); });
                    return;
                }
                session->client = std::move(created).value();
            }
            auto result = session->client->describe(session->options, &session->cancel);
            mailbox->post([id = session->id, result = std::move(result)](LiveSource &s) { s.onDescribed(id, result); });
        },
        Qt::QueuedConnection);
}

void LiveSource::setRefreshInterval(int ms)
{
    m_refreshMs = std::max(500, ms);
    if (m_timer->isActive())
        m_timer->start(m_refreshMs);
    Q_EMIT statusChanged();
}

void LiveSource::scheduleRefresh()
{
    if (m_session && !m_refreshing)
        m_timer->start(m_refreshMs);
}

void LiveSource::onDescribed(quint64 session, const live::LiveResult<live::LiveClusterState> &result)
{
    if (!m_session || m_session->id != session)
        return;
    m_refreshing = false;
    if (result) {
        // Topics shown at the last refresh and gone now were deleted while shown.
        m_vanished.clear();
        if (m_haveState)
            for (const live::LiveTopic &before : std::as_const(m_state.topics)) {
                const live::LiveTopic *now = result->topic(before.name);
                const bool gone = now == nullptr || (now->partitions.isEmpty() && !now->error.isEmpty());
                if (gone && before.error.isEmpty())
                    m_vanished.append(before.name);
            }
        m_state = result.value();
        m_haveState = true;
        m_lastError.reset();
        ++m_refreshes;
        m_status = Status::Connected;
    } else if (result.error().kind == live::LiveError::Kind::Cancelled) {
        return;
    } else {
        m_lastError = result.error();
        m_status = Status::Failed;
    }
    rebuild();
    scheduleRefresh();
    Q_EMIT statusChanged();
    Q_EMIT stateChanged();
}

void LiveSource::setStatus(Status status)
{
    m_status = status;
    Q_EMIT statusChanged();
}

QString LiveSource::statusText() const
{
    const QString every = tr("every %1 s").arg(static_cast<double>(m_refreshMs) / 1000.0);
    const QString when
        = m_haveState ? QDateTime::fromMSecsSinceEpoch(m_state.timeUs / 1000).toString(u"HH:mm:ss") : QString();
    switch (m_status) {
    case Status::Disconnected:
        return tr("Not connected.");
    case Status::Connecting:
        return tr("Connecting to %1…").arg(m_settings.bootstrap.trimmed());
    case Status::Connected: {
        const QString controller = m_state.controller < 0 ? tr("controller unknown (not reported)")
                                                          : tr("controller: broker %1").arg(m_state.controller);
        QString text = tr("Connected to %1 · brokers: %2 · topics: %3 · groups: %4 · %5 · under-replicated: %6, "
                          "offline: %7 · refreshed %8 (%9)")
                           .arg(m_settings.bootstrap.trimmed())
                           .arg(m_state.brokers.size())
                           .arg(m_state.topics.size())
                           .arg(m_state.groups.size())
                           .arg(controller)
                           .arg(m_state.underReplicatedCount())
                           .arg(m_state.offlineCount())
                           .arg(when, every);
        if (!m_vanished.isEmpty())
            text += u' ' + tr("Deleted since the last refresh: %1.").arg(m_vanished.join(QStringLiteral(", ")));
        return text;
    }
    case Status::Failed: {
        const QString error = m_lastError ? m_lastError->toString() : tr("The last refresh failed.");
        return m_haveState ? tr("%1 Showing the state from %2; retrying %3.").arg(error, when, every)
                           : tr("%1 Retrying %2.").arg(error, every);
    }
    }
    return {};
}

QStringList LiveSource::topicNames() const
{
    QStringList names;
    QStringList internal;
    for (const live::LiveTopic &t : m_state.topics)
        (t.internal ? internal : names).append(t.name);
    return names + internal;
}

// ---- snapshots --------------------------------------------------------------------------------

void LiveSource::rebuild()
{
    ClusterSnapshot c;
    c.timeUs = m_connectedClock.isValid() ? m_connectedClock.nsecsElapsed() / 1000 : 0;
    c.events = m_refreshes;
    for (const live::LiveBroker &b : std::as_const(m_state.brokers)) {
        BrokerInfo info;
        info.id = b.id;
        info.alive = b.alive;
        info.controller = b.id == m_state.controller;
        c.brokers.append(info);
    }
    for (const live::LiveTopic &t : std::as_const(m_state.topics)) {
        for (const live::LivePartition &p : t.partitions) {
            PartitionInfo info;
            info.topic = t.name;
            info.partition = p.partition;
            info.name = live::TopicPartition {t.name, p.partition}.name();
            info.leader = p.leader;
            info.leaderEpoch = std::max(0, p.leaderEpoch);
            info.replicas = p.replicas;
            info.isr = p.isr;
            info.highWatermark = std::max<qint64>(0, p.logEndOffset);
            info.offline = p.offline();
            info.underReplicated = p.underReplicated();
            info.internal = t.internal;
            if (!info.internal) {
                c.underReplicated += info.underReplicated ? 1 : 0;
                c.offline += info.offline ? 1 : 0;
            }
            c.partitions.append(info);
        }
    }
    m_cluster = c;

    GroupsSnapshot g;
    for (const live::LiveGroup &group : std::as_const(m_state.groups)) {
        GroupInfo info;
        info.groupId = group.groupId;
        info.state = group.state.isEmpty() ? tr("Unknown") : group.state;
        info.protocol = group.protocol;
        info.coordinator = group.coordinator;
        std::set<QString> topics;
        for (const live::LiveMember &m : group.members) {
            MemberInfo member;
            member.consumer = m.clientId;
            member.memberId = m.memberId;
            member.phase = m.host;
            for (const live::TopicPartition &tp : m.assignment) {
                member.assignment.append(tp.name());
                topics.insert(tp.topic);
            }
            info.members.append(member);
        }
        for (const live::LiveGroupOffset &o : group.offsets)
            topics.insert(o.partition.topic);
        // Lag over every partition of the topics the group reads or has offsets for, as the simulator shows it.
        for (const QString &name : topics) {
            const live::LiveTopic *topic = m_state.topic(name);
            if (topic == nullptr)
                continue;
            for (const live::LivePartition &p : topic->partitions) {
                PartitionLag lag;
                lag.partition = live::TopicPartition {name, p.partition}.name();
                lag.end = std::max<qint64>(0, p.logEndOffset);
                for (const live::LiveGroupOffset &o : group.offsets)
                    if (o.partition.topic == name && o.partition.partition == p.partition)
                        lag.committed = o.committed;
                lag.lag = lag.committed >= 0 ? std::max<qint64>(0, lag.end - lag.committed)
                                             : std::max<qint64>(0, lag.end - std::max<qint64>(0, p.logStartOffset));
                info.totalLag += lag.lag;
                info.lag.append(lag);
            }
        }
        g.groups.append(info);
    }
    m_groups = g;

    const QStringList names = partitionNames();
    if (!names.contains(m_focus)) {
        m_focus = names.isEmpty() ? QString() : names.first();
        Q_EMIT focusChanged(m_focus);
    }
    rebuildLog();
}

void LiveSource::rebuildLog()
{
    PartitionLogSnapshot s;
    s.name = m_focus;
    const PartitionInfo *info = nullptr;
    for (const PartitionInfo &p : std::as_const(m_cluster.partitions))
        if (p.name == m_focus)
            info = &p;
    if (info == nullptr) {
        m_log = s;
        return;
    }
    const live::LivePartition *p = m_state.partition(live::TopicPartition {info->topic, info->partition});
    s.valid = true;
    s.leader = info->leader;
    s.logStartOffset = p != nullptr ? std::max<qint64>(0, p->logStartOffset) : 0;
    s.highWatermark = info->highWatermark;
    if (info->topic == m_tailTopic) {
        const QList<LogCell> cells = m_tailCells.value(info->partition);
        s.cells = cells;
        // A read_uncommitted consumer only gets records below the high watermark: a tailed record
        // newer than the last refresh moves it.
        if (!cells.isEmpty())
            s.highWatermark = std::max(s.highWatermark, cells.last().offset + 1);
    }
    // Clients see only the high watermark: the leader's log end may be ahead, followers' are unknown.
    s.lastStableOffset = s.highWatermark;
    s.logEndOffset = s.highWatermark;
    for (int broker : info->replicas) {
        const bool leader = broker == info->leader;
        if (!leader && !info->isr.contains(broker))
            continue;
        s.replicas.append(ReplicaInfo {broker, s.highWatermark, leader, true});
    }
    for (const live::LiveGroup &group : std::as_const(m_state.groups))
        for (const live::LiveGroupOffset &o : group.offsets)
            if (o.partition.topic == info->topic && o.partition.partition == info->partition)
                s.cursors.append(Cursor {group.groupId + tr(" committed"), o.committed, true});
    m_log = s;
}

void LiveSource::setFocusPartition(const QString &partition)
{
    if (partition == m_focus)
        return;
    m_focus = partition;
    rebuildLog();
    Q_EMIT focusChanged(partition);
    Q_EMIT stateChanged();
}

QStringList LiveSource::partitionNames() const
{
    QStringList out;
    for (const PartitionInfo &p : m_cluster.partitions)
        if (!p.internal)
            out.append(p.name);
    return out;
}

// ---- tail ---------------------------------------------------------------------------------------

void LiveSource::startTail(const QString &topic, int lastRecords)
{
    stopTail();
    if (!m_session || topic.isEmpty())
        return;
    auto tail = std::make_shared<TailSession>();
    tail->id = m_nextId++;
    tail->settings = m_settings;
    tail->topic = topic;
    tail->lastRecords = std::max(0, lastRecords);
    m_tail = tail;
    m_tailTopic = topic;
    m_tailPaused = false;
    m_tailCells.clear();
    Q_EMIT tailStatusChanged(tr("Connecting to read %1…").arg(topic), false);
    QMetaObject::invokeMethod(
        m_tailWorker.context,
        [tail, mailbox = m_mailbox] {
            const auto report = [&](const QString &message, bool error) {
                mailbox->post([id = tail->id, message, error](LiveSource &s) {
                    if (s.m_tail && s.m_tail->id == id)
                        Q_EMIT s.tailStatusChanged(message, error);
                });
            };
            auto started = live::LiveTail::start(tail->settings, tail->topic, tail->lastRecords, &tail->cancel);
            if (!started) {
                if (!tail->cancel)
                    report(started.error().toString(), true);
                return;
            }
            const std::unique_ptr<live::LiveTail> reader = std::move(started).value();
            const auto partitions = reader->partitions().size();
            report((partitions == 1 ? tr("Reading %1 (1 partition)").arg(tail->topic)
                                    : tr("Reading %1 (%2 partitions)").arg(tail->topic).arg(partitions))
                    + tr(" without a consumer group; nothing is committed."),
                false);
            QList<live::LiveError> reported;
            while (!tail->cancel) {
                if (tail->paused) {
                    QThread::msleep(100);
                    continue;
                }
                QList<live::LiveError> problems = reported;
                const QList<live::TailRecord> records = reader->poll(200, 500, &problems);
                if (!records.isEmpty())
                    mailbox->post([id = tail->id, records](LiveSource &s) { s.onTailRecords(id, records); });
                bool deleted = false;
                for (qsizetype i = reported.size(); i < problems.size(); ++i) {
                    report(problems[i].toString(), true);
                    deleted = deleted || problems[i].kind == live::LiveError::Kind::UnknownTopic;
                }
                reported = problems;
                if (deleted)
                    return;
            }
        },
        Qt::QueuedConnection);
}

void LiveSource::stopTail()
{
    if (!m_tail)
        return;
    m_tail->cancel = true;
    m_tail.reset();
    m_tailTopic.clear();
    m_tailPaused = false;
    m_tailCells.clear();
    rebuildLog();
    Q_EMIT tailStatusChanged(tr("Not reading any topic."), false);
    Q_EMIT stateChanged();
}

void LiveSource::setTailPaused(bool paused)
{
    if (!m_tail || paused == m_tailPaused)
        return;
    m_tailPaused = paused;
    m_tail->paused = paused;
    Q_EMIT tailStatusChanged(
        paused ? tr("Paused: %1 is not being read.").arg(m_tailTopic) : tr("Reading %1 again.").arg(m_tailTopic),
        false);
}

void LiveSource::onTailRecords(quint64 tail, const QList<live::TailRecord> &records)
{
    if (!m_tail || m_tail->id != tail)
        return;
    for (const live::TailRecord &r : records) {
        QList<LogCell> &cells = m_tailCells[r.partition];
        cells.append(toCell(r));
        if (cells.size() > PartitionLogSnapshot::kMaxCells)
            cells.remove(0, cells.size() - PartitionLogSnapshot::kMaxCells);
    }
    Q_EMIT recordsArrived(records);
    if (m_focus.startsWith(m_tailTopic + u'-')) {
        rebuildLog();
        Q_EMIT stateChanged();
    }
}

// ---- writes -------------------------------------------------------------------------------------

void LiveSource::setWritesUnlocked(bool unlocked)
{
    m_writesUnlocked = unlocked;
}

bool LiveSource::produce(const live::ProduceRequest &request)
{
    if (!m_session || !m_writesUnlocked)
        return false;
    QMetaObject::invokeMethod(
        m_worker.context,
        [session = m_session, request, mailbox = m_mailbox] {
            auto result = live::produceRecord(session->settings, request, &session->cancel);
            const bool ok = result.ok();
            const QString message = ok
                ? tr("Written to %1-%2 at offset %3.").arg(result->topic).arg(result->partition).arg(result->offset)
                : result.error().toString();
            mailbox->post([ok, message](LiveSource &s) { Q_EMIT s.produced(ok, message); });
        },
        Qt::QueuedConnection);
    return true;
}

} // namespace kafkalab::app
