#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QVector>

namespace kafkalab::app {

class StateSource;

/**
 * Time series for the charts, sampled from a StateSource's snapshots on every stateChanged, so
 * the same charts work for the simulator and a live cluster. Time is ClusterSnapshot::timeUs in
 * seconds. When time goes backwards (step back, time travel, a new scenario) the history is cut
 * at that time. Memory is bounded: past kMaxPoints a series keeps its newest quarter as is and
 * every other point of the rest (older history gets coarser, never lost entirely).
 */
class MetricsHistory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsHistory)

public:
    enum class Chart { Lag, Throughput, Isr, RebalancePauses, Latency };
    static constexpr int kChartCount = 5;

    struct Series
    {
        QString name; ///< stable key (`g1 orders-0`, `appended`)
        QString label; ///< legend text; may change (a group's protocol becomes known)
        QVector<double> t; ///< seconds of simulated (or cluster) time
        QVector<double> v;
    };

    explicit MetricsHistory(StateSource *source, QObject *parent = nullptr);
    ~MetricsHistory() override;

    [[nodiscard]] const QList<Series> &series(Chart chart) const noexcept;
    /** Whether the source reports what the chart needs (end-to-end latency: the simulator only). */
    [[nodiscard]] bool available(Chart chart) const noexcept;
    /** Samples taken so far (the longest series' length). */
    [[nodiscard]] int sampleCount() const noexcept;
    /** Time of the newest sample in seconds, or -1 with none. */
    [[nodiscard]] double lastTime() const noexcept { return m_lastT; }
    [[nodiscard]] double firstTime() const noexcept;

    /** Reads the source now (also done on every stateChanged). */
    void sample();
    void clear();

    static constexpr int kMaxPoints = 4096;
    /** Closer samples than this (simulated µs) replace the newest one instead of adding a point. */
    static constexpr qint64 kMinIntervalUs = 50000;
    /** Rates (records/s, latency) are averaged over at least this much time. */
    static constexpr qint64 kRateWindowUs = 1000000;

Q_SIGNALS:
    /** New samples (or a cut): charts redraw. */
    void changed();

private:
    /** Counters kept for rates over the last kRateWindowUs. */
    struct Counters
    {
        qint64 timeUs = 0;
        qint64 appended = 0;
        qint64 consumed = 0;
        QHash<QString, qint64> latencyTotalUs;
        QHash<QString, qint64> latencyRecords;
        QHash<QString, qint64> pausedUs;
    };

    void truncate(double t);
    void put(Chart chart, const QString &name, double t, double v, bool replaceLast);
    static void decimate(Series &series);

    StateSource *m_source;
    QList<Series> m_series[kChartCount];
    QHash<QString, int> m_index[kChartCount];
    QList<Counters> m_window;
    /** Integrated pauses per group when the source has no per-consumer counters. */
    QHash<QString, double> m_pauseIntegral;
    double m_lastT = -1;
    qint64 m_lastAppendUs = -1;
    bool m_latencyAvailable = false;
    bool m_clientMetrics = false;
};

} // namespace kafkalab::app
