#include "quizchart.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>

#include "app/ui/theme.h"

namespace kafkalab::app {

QuizChart::QuizChart(QWidget *parent)
    : QCustomPlot(parent)
{
    setNoAntialiasingOnDrag(true);
    setAntialiasedElements(QCP::aeAll);
    setNotAntialiasedElements(QCP::aeAxes | QCP::aeGrid);
    legend->setVisible(false);
    m_empty = new QCPItemText(this);
    m_empty->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_empty->position->setCoords(0.5, 0.5);
    m_empty->setPositionAlignment(Qt::AlignCenter);
    m_empty->setTextAlignment(Qt::AlignCenter);
    m_empty->setClipToAxisRect(false);
    m_empty->setVisible(false);
    setMinimumHeight(fontMetrics().height() * 12);
    applyTheme();
}

QuizChart::~QuizChart() = default;

QColor QuizChart::seriesColor(int index, const QPalette &palette)
{
    // Okabe & Ito (2008); on dark backgrounds the deep blue becomes the sky blue to stay visible.
    static const QColor light[] = {QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00), QColor(0x00, 0x9e, 0x73),
        QColor(0xe6, 0x9f, 0x00), QColor(0x56, 0xb4, 0xe9), QColor(0xcc, 0x79, 0xa7)};
    static const QColor dark[] = {QColor(0x56, 0xb4, 0xe9), QColor(0xe6, 0x7e, 0x33), QColor(0x2b, 0xc4, 0x96),
        QColor(0xf0, 0xc0, 0x40), QColor(0x9b, 0xd3, 0xf2), QColor(0xdd, 0x9b, 0xc0)};
    const int i = ((index % 6) + 6) % 6;
    return Theme::isDark(palette) ? dark[i] : light[i];
}

void QuizChart::applyTheme()
{
    if (m_applying)
        return;
    m_applying = true;
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor base = Theme::card(pal);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(110);
    QFont f = font();
    QFont small = f;
    small.setPointSizeF(f.pointSizeF() * 0.9);
    setBackground(QBrush(base));
    for (QCPAxisRect *rect : axisRects()) {
        rect->setBackground(QBrush(base));
        for (QCPAxis *axis : rect->axes()) {
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->setTickLabelFont(small);
            axis->setLabelFont(f);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(QPen(grid, 1));
        }
    }
    legend->setBrush(QBrush(base));
    legend->setBorderPen(m_legendAbove ? QPen(Qt::NoPen) : QPen(grid));
    legend->setTextColor(text);
    legend->setFont(small);
    for (int i = 0; i < itemCount(); ++i) {
        if (auto *t = qobject_cast<QCPItemText *>(item(i))) {
            t->setColor(text);
            t->setFont(t == m_empty ? f : small);
        }
    }
    for (int i = 0; i < plottableCount(); ++i) {
        if (auto *map = qobject_cast<QCPColorMap *>(plottable(i)); map != nullptr && map->colorScale() != nullptr) {
            QCPAxis *axis = map->colorScale()->axis();
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->setTickLabelFont(small);
            axis->setLabelFont(small);
        }
    }
    replot(QCustomPlot::rpQueuedReplot);
    m_applying = false;
}

void QuizChart::showLegendAbove()
{
    legend->setVisible(true);
    if (m_legendAbove)
        return;
    m_legendAbove = true;
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, legend); // takes it out of the axis rect's inset layout
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen);
    plotLayout()->setRowStretchFactor(0, 0.001);
    legend->setMargins(QMargins(4, 2, 4, 2));
}

void QuizChart::clearChart()
{
    clearPlottables();
    for (int i = itemCount() - 1; i >= 0; --i)
        if (item(i) != m_empty)
            removeItem(i);
}

void QuizChart::setEmptyText(const QString &text)
{
    m_empty->setText(text);
    m_empty->setVisible(!text.isEmpty());
    applyTheme();
}

QString QuizChart::emptyText() const
{
    return m_empty->visible() ? m_empty->text() : QString();
}

void QuizChart::changeEvent(QEvent *event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyTheme();
}

void QuizChart::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *save = menu.addAction(tr("Save the chart as…"));
    if (menu.exec(event->globalPos()) != save)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the chart"), QString(), tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        savePdf(path);
    else if (!path.isEmpty())
        savePng(path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".png"));
}

} // namespace kafkalab::app
