#pragma once

#include <array>

#include <QElapsedTimer>
#include <QWidget>

#include "app/ui/metricshistory.h"

class QCheckBox;
class QCPItemText;
class QCPTextElement;
class QCustomPlot;
class QGridLayout;
class QTimer;

namespace kafkalab::app {

/**
 * QCustomPlot charts over a MetricsHistory: lag per partition, throughput, ISR size and
 * under-replicated partitions, rebalance pauses, end-to-end latency. Check boxes choose which are
 * shown. Series differ by colour (Okabe–Ito, colour-blind safe), line style and marker shape, with
 * a legend. Charts follow the palette and font, and redraw at most ten times a second, only when
 * visible.
 */
class ChartsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsPanel)

public:
    using Chart = MetricsHistory::Chart;

    explicit ChartsPanel(MetricsHistory *history, QWidget *parent = nullptr);
    ~ChartsPanel() override;

    [[nodiscard]] QCustomPlot *chart(Chart chart) const noexcept { return m_plots[static_cast<std::size_t>(chart)]; }
    [[nodiscard]] bool isChartShown(Chart chart) const noexcept;
    void setChartShown(Chart chart, bool shown);
    /** Copies the history into every chart's graphs and queues a replot (otherwise throttled and lazy). */
    void refresh();
    /** At most this many series per chart (the rest is named in a note). */
    static constexpr int kMaxSeries = 12;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleRefresh();
    void relayout();
    void applyTheme();
    void updateChart(Chart chart);

    MetricsHistory *m_history;
    std::array<QCustomPlot *, MetricsHistory::kChartCount> m_plots {};
    std::array<QCPTextElement *, MetricsHistory::kChartCount> m_titles {};
    std::array<QCPItemText *, MetricsHistory::kChartCount> m_notes {};
    std::array<QCheckBox *, MetricsHistory::kChartCount> m_toggles {};
    QGridLayout *m_grid = nullptr;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_sinceRefresh;
    bool m_dirty = true;
    int m_columns = 0;
};

} // namespace kafkalab::app
