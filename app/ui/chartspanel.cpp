#include "chartspanel.h"

#include <algorithm>
#include <cmath>

#include "app/ui/qcustomplotheader.h"

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include "app/ui/theme.h"
#include "app/ui/viewexport.h"
#include "app/ui/viewfonts.h"

namespace kafkalab::app {
namespace {

constexpr int kRefreshMs = 100;

struct ChartText
{
    const char *title;
    const char *yLabel;
    const char *toggle;
    const char *objectName;
};

constexpr ChartText kCharts[MetricsHistory::kChartCount] = {
    {QT_TRANSLATE_NOOP("ChartsPanel", "Consumer lag per partition"), QT_TRANSLATE_NOOP("ChartsPanel", "records behind"),
        QT_TRANSLATE_NOOP("ChartsPanel", "Lag"), "lagChart"},
    {QT_TRANSLATE_NOOP("ChartsPanel", "Throughput"), QT_TRANSLATE_NOOP("ChartsPanel", "records / s"),
        QT_TRANSLATE_NOOP("ChartsPanel", "Throughput"), "throughputChart"},
    {QT_TRANSLATE_NOOP("ChartsPanel", "ISR size and under-replicated"),
        QT_TRANSLATE_NOOP("ChartsPanel", "replicas / partitions"), QT_TRANSLATE_NOOP("ChartsPanel", "ISR / URP"),
        "isrChart"},
    {QT_TRANSLATE_NOOP("ChartsPanel", "Rebalance pauses (cumulative)"),
        QT_TRANSLATE_NOOP("ChartsPanel", "member-seconds paused"), QT_TRANSLATE_NOOP("ChartsPanel", "Rebalance pauses"),
        "rebalanceChart"},
    {QT_TRANSLATE_NOOP("ChartsPanel", "End-to-end latency"),
        QT_TRANSLATE_NOOP("ChartsPanel", "ms produce → consume (1 s avg)"), QT_TRANSLATE_NOOP("ChartsPanel", "Latency"),
        "latencyChart"},
};

QString trChart(const char *text)
{
    return QCoreApplication::translate("ChartsPanel", text);
}

/** Okabe–Ito, ordered so neighbours differ most; yellow and black adjusted per background. */
QColor seriesColour(int index, bool dark)
{
    static const QColor light[]
        = {QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00), QColor(0x00, 0x9e, 0x73), QColor(0xcc, 0x79, 0xa7),
            QColor(0xe6, 0x9f, 0x00), QColor(0x56, 0xb4, 0xe9), QColor(0x22, 0x22, 0x22), QColor(0x9e, 0x90, 0x00)};
    static const QColor darkColours[]
        = {QColor(0x56, 0xb4, 0xe9), QColor(0xe6, 0x9f, 0x00), QColor(0x2f, 0xc5, 0x9a), QColor(0xdd, 0x8c, 0xb8),
            QColor(0xf0, 0xe4, 0x42), QColor(0xff, 0x7a, 0x33), QColor(0x6a, 0xa8, 0xf0), QColor(0xe6, 0xe6, 0xe6)};
    return dark ? darkColours[index % 8] : light[index % 8];
}

Qt::PenStyle seriesStyle(int index)
{
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    return styles[index % 4];
}

QCPScatterStyle::ScatterShape seriesShape(int index)
{
    static const QCPScatterStyle::ScatterShape shapes[] = {QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare,
        QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond, QCPScatterStyle::ssCross, QCPScatterStyle::ssPlus,
        QCPScatterStyle::ssTriangleInverted, QCPScatterStyle::ssStar};
    return shapes[index % 8];
}

QString seriesLabel(MetricsHistory::Chart chart, const MetricsHistory::Series &s)
{
    using C = MetricsHistory::Chart;
    if (chart == C::Throughput)
        return s.name == u"appended" ? trChart("appended (HW advance)") : trChart("consumed (poll)");
    if (chart == C::Isr)
        return s.name == u"smallest ISR"    ? trChart("smallest ISR (replicas)")
            : s.name == u"under-replicated" ? trChart("under-replicated partitions")
                                            : trChart("offline partitions");
    return s.label;
}

} // namespace

ChartsPanel::ChartsPanel(MetricsHistory *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("chartsPanel"));
    setAccessibleName(tr("Charts"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    auto *toggles = new QHBoxLayout;
    toggles->setContentsMargins(0, 0, 0, 0);
    toggles->addWidget(new QLabel(tr("Show:"), this));
    m_grid = new QGridLayout;
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(4);
    for (int i = 0; i < MetricsHistory::kChartCount; ++i) {
        const ChartText &text = kCharts[i];
        auto *plot = new QCustomPlot(this);
        plot->setObjectName(QString::fromLatin1(text.objectName));
        plot->setAccessibleName(trChart(text.title));
        plot->setMinimumSize(200, 140);
        plot->plotLayout()->insertRow(0);
        m_titles[static_cast<std::size_t>(i)] = new QCPTextElement(plot, trChart(text.title));
        plot->plotLayout()->addElement(0, 0, m_titles[static_cast<std::size_t>(i)]);
        plot->xAxis->setLabel(tr("time (s)"));
        plot->yAxis->setLabel(trChart(text.yLabel));
        // The legend goes under the chart, wrapped into columns, so it never hides a line.
        plot->legend->setVisible(true);
        plot->axisRect()->insetLayout()->take(plot->legend);
        plot->plotLayout()->addElement(2, 0, plot->legend);
        plot->plotLayout()->setRowStretchFactor(2, 0.001);
        plot->plotLayout()->setRowSpacing(0);
        plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        plot->legend->setMargins(QMargins(4, 2, 4, 2));
        plot->setNoAntialiasingOnDrag(true);
        auto *note = new QCPItemText(plot);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setPositionAlignment(Qt::AlignCenter);
        note->setTextAlignment(Qt::AlignCenter);
        note->setVisible(false);
        m_notes[static_cast<std::size_t>(i)] = note;
        if (static_cast<Chart>(i) == Chart::Isr) {
            QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
            ticker->setTickStep(1.0);
            ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
            plot->yAxis->setTicker(ticker);
        }
        ViewExport::addExportMenu(plot);
        m_plots[static_cast<std::size_t>(i)] = plot;

        auto *toggle = new QCheckBox(trChart(text.toggle), this);
        toggle->setObjectName(QString::fromLatin1(text.objectName) + QStringLiteral("Toggle"));
        toggle->setToolTip(trChart(text.title));
        const auto chart = static_cast<Chart>(i);
        toggle->setChecked(chart == Chart::Lag || chart == Chart::Throughput || chart == Chart::Isr);
        connect(toggle, &QCheckBox::toggled, this, [this] {
            relayout();
            refresh();
        });
        m_toggles[static_cast<std::size_t>(i)] = toggle;
        toggles->addWidget(toggle);
    }
    toggles->addStretch(1);
    auto *hint = new QLabel(tr("Right-click a chart to export it"), this);
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // gives way in a narrow window
    toggles->addWidget(hint);
    layout->addLayout(toggles);
    layout->addLayout(m_grid, 1);

    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ChartsPanel::refresh);
    connect(m_history, &MetricsHistory::changed, this, &ChartsPanel::scheduleRefresh);
    applyTheme();
    relayout();
}

ChartsPanel::~ChartsPanel() = default;

bool ChartsPanel::isChartShown(Chart chart) const noexcept
{
    return m_toggles[static_cast<std::size_t>(chart)]->isChecked();
}

void ChartsPanel::setChartShown(Chart chart, bool shown)
{
    m_toggles[static_cast<std::size_t>(chart)]->setChecked(shown);
}

void ChartsPanel::relayout()
{
    for (QCustomPlot *plot : m_plots)
        m_grid->removeWidget(plot);
    QList<QCustomPlot *> shown;
    for (int i = 0; i < MetricsHistory::kChartCount; ++i) {
        const bool on = m_toggles[static_cast<std::size_t>(i)]->isChecked();
        m_plots[static_cast<std::size_t>(i)]->setVisible(on);
        if (on)
            shown.append(m_plots[static_cast<std::size_t>(i)]);
    }
    const auto n = static_cast<int>(shown.size());
    // Up to three side by side, fewer when each would be narrower than about 240 px.
    const int fit = std::clamp(width() / 240, 1, 3);
    const int columns = std::min(fit, n <= 3 ? std::max(n, 1) : n == 4 ? 2 : 3);
    m_columns = fit;
    for (int i = 0; i < n; ++i)
        m_grid->addWidget(shown[i], i / columns, i % columns);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyTheme();
        m_dirty = true;
        scheduleRefresh();
    }
}

void ChartsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (std::clamp(width() / 240, 1, 3) != m_columns)
        relayout();
    scheduleRefresh(); // legend columns follow the width
}

void ChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refresh();
}

void ChartsPanel::scheduleRefresh()
{
    m_dirty = true;
    if (!isVisible() || m_timer->isActive())
        return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : kRefreshMs;
    m_timer->start(static_cast<int>(std::max<qint64>(0, kRefreshMs - since)));
}

void ChartsPanel::applyTheme()
{
    const QPalette &pal = palette();
    const bool dark = Theme::isDark(pal);
    const ViewFonts fonts(font());
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = pal.color(QPalette::Mid);
    QColor legendBack = Theme::card(pal);
    legendBack.setAlpha(225);
    for (int i = 0; i < MetricsHistory::kChartCount; ++i) {
        QCustomPlot *plot = m_plots[static_cast<std::size_t>(i)];
        plot->setBackground(pal.color(QPalette::Base));
        for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setLabelColor(text);
            axis->setTickLabelColor(text);
            axis->setLabelFont(fonts.small);
            axis->setTickLabelFont(fonts.small);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(QPen(grid, 1, Qt::SolidLine));
        }
        plot->legend->setBrush(legendBack);
        plot->legend->setBorderPen(QPen(grid, 1));
        plot->legend->setTextColor(text);
        plot->legend->setFont(fonts.small);
        plot->legend->setIconSize(fonts.smallMetrics.height() * 2, fonts.smallMetrics.height());
        QCPTextElement *title = m_titles[static_cast<std::size_t>(i)];
        title->setFont(fonts.bold);
        title->setTextColor(text);
        QCPItemText *note = m_notes[static_cast<std::size_t>(i)];
        note->setFont(fonts.bold);
        note->setColor(Theme::secondary(pal));
        for (int g = 0; g < plot->graphCount(); ++g) {
            QCPGraph *graph = plot->graph(g);
            graph->setPen(QPen(seriesColour(g, dark), 2, seriesStyle(g)));
            graph->setScatterStyle(
                QCPScatterStyle(seriesShape(g), seriesColour(g, dark), fonts.smallMetrics.height() * 0.5));
        }
    }
}

void ChartsPanel::updateChart(Chart chart)
{
    QCustomPlot *plot = m_plots[static_cast<std::size_t>(chart)];
    QCPItemText *note = m_notes[static_cast<std::size_t>(chart)];
    const QList<MetricsHistory::Series> &all = m_history->series(chart);
    const bool dark = Theme::isDark(palette());
    const ViewFonts fonts(font());
    const int shown = std::min<int>(static_cast<int>(all.size()), kMaxSeries);
    while (plot->graphCount() > shown)
        plot->removeGraph(plot->graphCount() - 1);
    double yMax = 0;
    double xMin = m_history->firstTime();
    double xMax = m_history->lastTime();
    for (int i = 0; i < shown; ++i) {
        const MetricsHistory::Series &s = all[i];
        QCPGraph *graph = i < plot->graphCount() ? plot->graph(i) : nullptr;
        if (graph == nullptr) {
            graph = plot->addGraph();
            graph->setPen(QPen(seriesColour(i, dark), 2, seriesStyle(i)));
            graph->setScatterStyle(
                QCPScatterStyle(seriesShape(i), seriesColour(i, dark), fonts.smallMetrics.height() * 0.5));
            if (chart == Chart::Isr && s.name != u"smallest ISR")
                graph->setLineStyle(QCPGraph::lsStepLeft);
        }
        graph->setName(seriesLabel(chart, s));
        graph->setData(s.t, s.v, true);
        // A marker every so often identifies the line without colour; not on every point.
        graph->setScatterSkip(std::max(0, static_cast<int>(s.t.size()) / 8 - 1));
        for (double v : s.v)
            if (!std::isnan(v))
                yMax = std::max(yMax, v);
    }
    QStringList notes;
    if (!m_history->available(chart))
        notes.append(tr("Not available for this source"));
    else if (shown == 0 || m_history->sampleCount() == 0)
        notes.append(chart == Chart::Lag          ? tr("No consumer groups yet")
                : chart == Chart::RebalancePauses ? tr("No consumer groups yet")
                : chart == Chart::Latency         ? tr("Nothing consumed yet")
                                                  : tr("No samples yet: play the simulation"));
    if (all.size() > shown)
        notes.append(tr("%n more series not shown", nullptr, static_cast<int>(all.size() - shown)));
    note->setText(notes.join(u'\n'));
    note->setVisible(!notes.isEmpty());
    if (shown > 0 && notes.size() == 1 && all.size() > shown) {
        // Only the overflow note: keep it out of the data's way.
        note->position->setCoords(1.0, 1.0);
        note->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    } else {
        note->position->setCoords(0.5, 0.5);
        note->setPositionAlignment(Qt::AlignCenter);
    }
    plot->legend->setVisible(shown > 0);
    // The title shortens with an ellipsis rather than spill over the chart's edges.
    QCPTextElement *title = m_titles[static_cast<std::size_t>(chart)];
    const QString fullTitle = trChart(kCharts[static_cast<int>(chart)].title);
    title->setText(QFontMetricsF(title->font()).elidedText(fullTitle, Qt::ElideRight, plot->width() - 12));
    // As many legend columns as fit the chart's width.
    double widest = 0;
    const QFontMetricsF legendMetrics(plot->legend->font());
    for (int i = 0; i < shown; ++i)
        widest = std::max(widest, legendMetrics.horizontalAdvance(plot->graph(i)->name()));
    const double item = widest + plot->legend->iconSize().width() + plot->legend->iconTextPadding() + 16;
    const int columns = std::max(1, static_cast<int>((plot->width() - 16) / std::max(1.0, item)));
    if (columns != plot->legend->wrap()) {
        plot->legend->setWrap(columns);
        plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true); // re-flows the items
    }
    if (xMin < 0 || xMax <= xMin) {
        xMin = std::max(0.0, xMax - 1);
        xMax = xMin + 1;
    }
    plot->xAxis->setRange(xMin, xMax);
    const double top = chart == Chart::Isr ? std::max(3.0, yMax) + 0.5 : std::max(1.0, yMax * 1.15);
    // A little below zero, so lines at zero stay visible above the axis.
    plot->yAxis->setRange(-top * 0.04, top);
}

void ChartsPanel::refresh()
{
    m_timer->stop();
    m_sinceRefresh.start();
    m_dirty = false;
    for (int i = 0; i < MetricsHistory::kChartCount; ++i) {
        if (!m_toggles[static_cast<std::size_t>(i)]->isChecked())
            continue;
        updateChart(static_cast<Chart>(i));
        m_plots[static_cast<std::size_t>(i)]->replot(QCustomPlot::rpQueuedReplot);
    }
    // Hidden charts catch up when shown (the toggle calls refresh).
}

} // namespace kafkalab::app
