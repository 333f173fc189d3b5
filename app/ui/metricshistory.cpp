#include "metricshistory.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "app/ui/statesource.h"

namespace kafkalab::app {
namespace {

/** Kafka's cooperative protocol comes with the cooperative-sticky assignor; the others are eager. */
QString protocolKind(const QString &protocol)
{
    if (protocol.isEmpty())
        return {};
    return protocol.startsWith(u"cooperative") ? QStringLiteral("cooperative") : QStringLiteral("eager");
}

} // namespace

MetricsHistory::MetricsHistory(StateSource *source, QObject *parent)
    : QObject(parent)
    , m_source(source)
{
    connect(m_source, &StateSource::stateChanged, this, &MetricsHistory::sample);
}

MetricsHistory::~MetricsHistory() = default;

const QList<MetricsHistory::Series> &MetricsHistory::series(Chart chart) const noexcept
{
    return m_series[static_cast<int>(chart)];
}

bool MetricsHistory::available(Chart chart) const noexcept
{
    return chart != Chart::Latency || m_latencyAvailable;
}

int MetricsHistory::sampleCount() const noexcept
{
    qsizetype n = 0;
    for (const auto &list : m_series)
        for (const Series &s : list)
            n = std::max(n, s.t.size());
    return static_cast<int>(n);
}

double MetricsHistory::firstTime() const noexcept
{
    double first = std::numeric_limits<double>::infinity();
    for (const auto &list : m_series)
        for (const Series &s : list)
            if (!s.t.isEmpty())
                first = std::min(first, s.t.front());
    return std::isinf(first) ? -1 : first;
}

void MetricsHistory::clear()
{
    for (int i = 0; i < kChartCount; ++i) {
        m_series[i].clear();
        m_index[i].clear();
    }
    m_window.clear();
    m_pauseIntegral.clear();
    m_lastT = -1;
    m_lastAppendUs = -1;
}

void MetricsHistory::truncate(double t)
{
    for (int i = 0; i < kChartCount; ++i) {
        QList<Series> &list = m_series[i];
        for (Series &s : list) {
            qsizetype keep = s.t.size();
            while (keep > 0 && s.t[keep - 1] > t)
                --keep;
            s.t.resize(keep);
            s.v.resize(keep);
        }
        // Series that only existed in the discarded future go away (a topic created later).
        list.erase(std::remove_if(list.begin(), list.end(), [](const Series &s) { return s.t.isEmpty(); }), list.end());
        m_index[i].clear();
        for (int k = 0; k < list.size(); ++k)
            m_index[i].insert(list[k].name, k);
    }
    const auto tUs = static_cast<qint64>(std::llround(t * 1e6));
    while (!m_window.isEmpty() && m_window.back().timeUs > tUs)
        m_window.removeLast();
    // Integrated pauses resume from what the kept history says.
    m_pauseIntegral.clear();
    for (const Series &s : m_series[static_cast<int>(Chart::RebalancePauses)])
        m_pauseIntegral.insert(s.name, s.v.isEmpty() ? 0.0 : s.v.back());
    m_lastAppendUs = -1;
    m_lastT = t;
}

void MetricsHistory::decimate(Series &series)
{
    const qsizetype n = series.t.size();
    const qsizetype fresh = n / 4;
    QVector<double> t;
    QVector<double> v;
    t.reserve(n);
    v.reserve(n);
    for (qsizetype i = 0; i < n - fresh; i += 2) {
        t.append(series.t[i]);
        v.append(series.v[i]);
    }
    for (qsizetype i = n - fresh; i < n; ++i) {
        t.append(series.t[i]);
        v.append(series.v[i]);
    }
    series.t = std::move(t);
    series.v = std::move(v);
}

void MetricsHistory::put(Chart chart, const QString &name, double t, double v, bool replaceLast)
{
    const int c = static_cast<int>(chart);
    auto it = m_index[c].constFind(name);
    if (it == m_index[c].constEnd()) {
        m_series[c].append(Series {name, name, {}, {}});
        it = m_index[c].insert(name, static_cast<int>(m_series[c].size() - 1));
    }
    Series &s = m_series[c][*it];
    if (replaceLast && !s.t.isEmpty() && s.t.back() >= static_cast<double>(m_lastAppendUs) / 1e6) {
        s.t.back() = t;
        s.v.back() = v;
        return;
    }
    s.t.append(t);
    s.v.append(v);
    if (s.t.size() > kMaxPoints)
        decimate(s);
}

void MetricsHistory::sample()
{
    const ClusterSnapshot &cluster = m_source->cluster();
    if (cluster.brokers.isEmpty()) {
        if (m_lastT >= 0) {
            clear();
            Q_EMIT changed();
        }
        return;
    }
    const qint64 nowUs = cluster.timeUs;
    const double t = static_cast<double>(nowUs) / 1e6;
    if (m_lastT >= 0 && t < m_lastT)
        truncate(t);
    const double dt = m_lastT >= 0 ? std::max(0.0, t - m_lastT) : 0.0;
    const bool replaceLast = m_lastAppendUs >= 0 && nowUs - m_lastAppendUs < kMinIntervalUs;

    const GroupsSnapshot &groups = m_source->groups();
    const ClientMetricsSnapshot &clients = m_source->clientMetrics();
    m_clientMetrics = clients.available;
    m_latencyAvailable = clients.available;

    // Counters for rates.
    Counters now;
    now.timeUs = nowUs;
    int minIsr = -1;
    for (const PartitionInfo &p : cluster.partitions) {
        if (p.internal)
            continue;
        now.appended += p.highWatermark;
        if (!p.offline)
            minIsr = minIsr < 0 ? static_cast<int>(p.isr.size()) : std::min(minIsr, static_cast<int>(p.isr.size()));
    }
    for (const ConsumerMetrics &m : clients.consumers) {
        now.consumed += m.consumed;
        now.latencyTotalUs[m.group] += m.latencyTotalUs;
        now.latencyRecords[m.group] += m.latencyRecords;
        now.pausedUs[m.group] += m.pausedUs;
    }
    // Readings closer than a fiftieth of the window replace each other, which bounds the window.
    if (m_window.size() > 1 && nowUs - m_window[m_window.size() - 2].timeUs < kRateWindowUs / 50)
        m_window.back() = now;
    else
        m_window.append(now);
    // The base for rates: the newest reading at least kRateWindowUs old, else the oldest kept.
    while (m_window.size() > 2 && m_window[1].timeUs <= nowUs - kRateWindowUs)
        m_window.removeFirst();
    const Counters &base = m_window.front();
    const double rateDt = static_cast<double>(nowUs - base.timeUs) / 1e6;

    // Lag per group and partition (the legend names the group only when there are several).
    const int lagChart = static_cast<int>(Chart::Lag);
    for (const GroupInfo &g : groups.groups)
        for (const PartitionLag &lag : g.lag) {
            const QString key = g.groupId + u' ' + lag.partition;
            put(Chart::Lag, key, t, static_cast<double>(lag.lag), replaceLast);
            m_series[lagChart][m_index[lagChart].value(key)].label = groups.groups.size() > 1 ? key : lag.partition;
        }

    // Throughput.
    if (rateDt > 0) {
        put(Chart::Throughput, QStringLiteral("appended"), t,
            std::max(0.0, static_cast<double>(now.appended - base.appended) / rateDt), replaceLast);
        if (m_clientMetrics)
            put(Chart::Throughput, QStringLiteral("consumed"), t,
                std::max(0.0, static_cast<double>(now.consumed - base.consumed) / rateDt), replaceLast);
    } else {
        put(Chart::Throughput, QStringLiteral("appended"), t, 0, replaceLast);
        if (m_clientMetrics)
            put(Chart::Throughput, QStringLiteral("consumed"), t, 0, replaceLast);
    }

    // Replication health.
    // Always first, so each series keeps its colour and style whatever the scenario.
    put(Chart::Isr, QStringLiteral("smallest ISR"), t,
        minIsr >= 0 ? static_cast<double>(minIsr) : std::numeric_limits<double>::quiet_NaN(), replaceLast);
    put(Chart::Isr, QStringLiteral("under-replicated"), t, cluster.underReplicated, replaceLast);
    put(Chart::Isr, QStringLiteral("offline"), t, cluster.offline, replaceLast);

    // Rebalance pauses: member-seconds spent without partitions while the group rebalanced.
    for (const GroupInfo &g : groups.groups) {
        double paused = 0;
        if (m_clientMetrics) {
            paused = static_cast<double>(now.pausedUs.value(g.groupId)) / 1e6;
        } else {
            int members = 0;
            for (const MemberInfo &m : g.members)
                if (m.alive && m.phase != u"Stable" && m.assignment.isEmpty())
                    ++members;
            double &integral = m_pauseIntegral[g.groupId];
            integral += members * dt;
            paused = integral;
        }
        put(Chart::RebalancePauses, g.groupId, t, paused, replaceLast);
        const QString kind = protocolKind(g.protocol);
        const int c = static_cast<int>(Chart::RebalancePauses);
        m_series[c][m_index[c].value(g.groupId)].label
            = kind.isEmpty() ? g.groupId : g.groupId + QStringLiteral(" (") + kind + u')';
    }

    // End-to-end latency (produce → consume), averaged over the rate window.
    if (m_latencyAvailable) {
        for (auto it = now.latencyRecords.constBegin(); it != now.latencyRecords.constEnd(); ++it) {
            const qint64 records = it.value() - base.latencyRecords.value(it.key());
            const qint64 total = now.latencyTotalUs.value(it.key()) - base.latencyTotalUs.value(it.key());
            const double ms = records > 0 ? static_cast<double>(total) / static_cast<double>(records) / 1000.0
                                          : std::numeric_limits<double>::quiet_NaN();
            put(Chart::Latency, it.key(), t, ms, replaceLast);
        }
    }

    if (!replaceLast)
        m_lastAppendUs = nowUs;
    m_lastT = t;
    Q_EMIT changed();
}

} // namespace kafkalab::app
