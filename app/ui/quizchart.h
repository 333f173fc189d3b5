#pragma once

#include "app/ui/qcustomplotheader.h"

namespace kafkalab::app {

/**
 * A QCustomPlot that follows the application's theme: background, axes, grid, legend and text
 * items take the palette's colours and the widget's font (so presenter mode's 1.5× fonts reach
 * the charts), again whenever the palette or font changes. Series use the Okabe–Ito colours,
 * which stay apart for colour-blind readers; charts add shapes, patterns or labels as well.
 * A thin subclass: QCustomPlot itself is used as the distribution ships it.
 */
class QuizChart final : public QCustomPlot
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuizChart)

public:
    explicit QuizChart(QWidget *parent = nullptr);
    ~QuizChart() override;

    /** Okabe–Ito series colour `index` (0 blue, 1 vermillion, 2 bluish green, 3 orange, 4 sky blue, 5 purple). */
    [[nodiscard]] static QColor seriesColor(int index, const QPalette &palette);
    /** Re-applies the palette and font to every part of the chart and replots. */
    void applyTheme();
    /** Shows the legend in a row above the plot, its entries side by side, so it never hides data. */
    void showLegendAbove();
    /** Removes every plottable and item (but the empty-chart text) before new data is drawn. */
    void clearChart();
    /** Shows `text` in the middle of an empty chart (empty `text` hides it). */
    void setEmptyText(const QString &text);
    [[nodiscard]] QString emptyText() const;

protected:
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    QCPItemText *m_empty = nullptr;
    bool m_applying = false;
    bool m_legendAbove = false;
};

} // namespace kafkalab::app
