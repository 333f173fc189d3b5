#include "partitionlogview.h"

#include <algorithm>
#include <cmath>

#include <QPainter>
#include <QPainterPath>

#include "app/ui/statesource.h"
#include "app/ui/theme.h"
#include "app/ui/viewfonts.h"

namespace kafkalab::app {

PartitionLogView::PartitionLogView(StateSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    setObjectName(QStringLiteral("partitionLogView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(m_source, &StateSource::stateChanged, this, qOverload<>(&QWidget::update));
}

PartitionLogView::~PartitionLogView() = default;

QSize PartitionLogView::sizeHint() const
{
    return {800, 260};
}

QSize PartitionLogView::minimumSizeHint() const
{
    return {300, 150};
}

void PartitionLogView::paintEvent(QPaintEvent * /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const PartitionLogSnapshot &s = m_source->partitionLog();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;

    if (!s.valid) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No partition selected: click a replica in the cluster view"));
        return;
    }

    // Title.
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    const QString title = tr("Partition %1").arg(s.name);
    p.drawText(QPointF(pad, pad + fm.ascent()), title);
    p.setFont(font());
    const QString facts = s.leader < 0 ? tr("OFFLINE (showing the last leader's log)")
                                       : tr("leader: broker %1   log start %2   HW %3   LSO %4   LEO %5")
                                             .arg(s.leader)
                                             .arg(s.logStartOffset)
                                             .arg(s.highWatermark)
                                             .arg(s.lastStableOffset)
                                             .arg(s.logEndOffset);
    p.setPen(s.leader < 0 ? Theme::danger(pal) : pal.color(QPalette::Text));
    const double titleW = QFontMetricsF(bold).horizontalAdvance(title) + 2 * pad;
    p.drawText(
        QPointF(pad + titleW, pad + fm.ascent()), fm.elidedText(facts, Qt::ElideRight, width() - titleW - 2 * pad));

    // Geometry of the cell strip.
    const double labelW = fm.horizontalAdvance(QStringLiteral("broker 3 (follower) ")) + pad;
    const double cellW = std::max(fmSmall.horizontalAdvance(QStringLiteral("user-0000")) + 8, line * 2.6);
    const double cellH = fmSmall.height() * 2 + 8;
    const double stripLeft = pad + labelW;
    // Room on the right for the LEO labels of the replica bars.
    const double stripWidth = width() - stripLeft - pad - fm.horizontalAdvance(QStringLiteral("LEO 0000000"));
    const int visible = std::max(1, static_cast<int>(stripWidth / cellW));
    const qint64 end = std::max(s.logEndOffset, s.highWatermark);
    const qint64 first = std::max(s.logStartOffset, end - visible);
    const auto xOf = [&](qint64 offset) { return stripLeft + static_cast<double>(offset - first) * cellW; };

    // Cursor rows (group committed offsets and consumer positions) above the strip.
    const int cursorRows = std::min<int>(static_cast<int>(s.cursors.size()), 4);
    const double cursorTop = pad + line * 1.6;
    const double rowH = fmSmall.height() + 4;
    const double stripTop = cursorTop + cursorRows * rowH + 6;
    p.setFont(small);
    for (int i = 0; i < cursorRows; ++i) {
        const Cursor &c = s.cursors[i];
        const double y = cursorTop + i * rowH;
        const QColor colour = c.group ? Theme::follower(pal) : Theme::leader(pal);
        const bool left = c.offset < first;
        const double x = left ? stripLeft : std::min(xOf(c.offset), stripLeft + stripWidth);
        const QString text = (left ? QStringLiteral("◀ ") : QString()) + c.label + u' ' + QString::number(c.offset);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(pad, y, labelW - pad, rowH), Qt::AlignRight | Qt::AlignVCenter,
            c.group ? tr("committed ▾") : tr("position ▾"));
        // The cursor line drops to the strip; a downward triangle marks it (shape as well as colour).
        p.setPen(QPen(colour, 2, c.group ? Qt::SolidLine : Qt::DashLine));
        p.drawLine(QPointF(x, y + rowH - 2), QPointF(x, stripTop));
        QPainterPath tri;
        tri.moveTo(x - 5, y + rowH - 8);
        tri.lineTo(x + 5, y + rowH - 8);
        tri.lineTo(x, y + rowH - 1);
        tri.closeSubpath();
        p.fillPath(tri, colour);
        const double tw = fmSmall.horizontalAdvance(text);
        const double tx = std::clamp(x + 7, stripLeft, width() - pad - tw);
        p.setPen(colour);
        p.drawText(QPointF(tx, y + fmSmall.ascent()), text);
    }

    // Cells.
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRectF(pad, stripTop, labelW - pad - 18, cellH), Qt::AlignRight | Qt::AlignVCenter, tr("records"));
    if (first > s.logStartOffset) {
        p.drawText(QRectF(stripLeft - 18, stripTop, 16, cellH), Qt::AlignCenter, QStringLiteral("…"));
    }
    for (const LogCell &cell : s.cells) {
        if (cell.offset < first)
            continue;
        const QRectF r(xOf(cell.offset) + 1, stripTop, cellW - 2, cellH);
        if (r.right() > width())
            break;
        QColor fill;
        QString top = QString::number(cell.offset);
        QString bottom;
        if (cell.control != LogCell::Control::None) {
            fill = cell.control == LogCell::Control::Commit ? QColor(0x2b, 0x6e, 0x3f) : QColor(0x8b, 0x25, 0x25);
            bottom = cell.control == LogCell::Control::Commit ? QStringLiteral("COMMIT") : QStringLiteral("ABORT");
        } else if (cell.aborted) {
            fill = Theme::muted(pal);
            bottom = cell.keyNull ? QStringLiteral("aborted") : cell.key;
        } else {
            fill = Theme::keyColor(cell.keyNull ? QString() : cell.key, pal);
            bottom = cell.keyNull ? QStringLiteral("∅ key") : cell.key;
        }
        p.setPen(QPen(fill.darker(140), 1));
        p.setBrush(fill);
        p.drawRoundedRect(r, 3, 3);
        if (cell.offset >= s.highWatermark && cell.control == LogCell::Control::None) {
            // Not committed yet: hatched, as well as being right of the HW marker.
            p.setBrush(QBrush(pal.color(QPalette::Text), Qt::BDiagPattern));
            p.setPen(Qt::NoPen);
            p.drawRoundedRect(r, 3, 3);
        }
        QFont cellFont = small;
        cellFont.setStrikeOut(cell.aborted);
        p.setFont(cellFont);
        p.setPen(Theme::textOn(fill));
        p.drawText(QRectF(r.left(), r.top() + 3, r.width(), fmSmall.height()), Qt::AlignCenter, top);
        p.drawText(QRectF(r.left() + 2, r.top() + 3 + fmSmall.height(), r.width() - 4, fmSmall.height()),
            Qt::AlignCenter, fmSmall.elidedText(bottom, Qt::ElideMiddle, r.width() - 4));
    }
    p.setFont(small);

    // Offset markers below the strip: one row each, an upward triangle and a label.
    struct Marker
    {
        QString label;
        qint64 offset;
        QColor colour;
    };
    QList<Marker> markers;
    markers.append({tr("log start"), s.logStartOffset, pal.color(QPalette::Text)});
    markers.append({tr("HW (committed)"), s.highWatermark, Theme::leader(pal)});
    if (s.lastStableOffset != s.highWatermark)
        markers.append({tr("LSO (read_committed)"), s.lastStableOffset, Theme::outOfSync(pal)});
    markers.append({tr("LEO"), s.logEndOffset, Theme::follower(pal)});
    double y = stripTop + cellH + 4;
    // Markers whose offsets coincide share a row, labels joined.
    QList<Marker> merged;
    for (const Marker &m : markers) {
        bool joined = false;
        for (Marker &o : merged)
            if (o.offset == m.offset) {
                o.label += QStringLiteral(" = ") + m.label;
                joined = true;
            }
        if (!joined)
            merged.append(m);
    }
    for (const Marker &m : merged) {
        const bool left = m.offset < first;
        const double x = left ? stripLeft : xOf(m.offset);
        QPainterPath tri;
        tri.moveTo(x, y);
        tri.lineTo(x - 5, y + 8);
        tri.lineTo(x + 5, y + 8);
        tri.closeSubpath();
        p.fillPath(tri, m.colour);
        p.setPen(QPen(m.colour, 1.5));
        p.drawLine(QPointF(x, stripTop), QPointF(x, y));
        const QString text = (left ? QStringLiteral("◀ ") : QString()) + m.label + u' ' + QString::number(m.offset);
        const double tw = fmSmall.horizontalAdvance(text);
        const double tx = x + 8 + tw > width() - pad ? x - 8 - tw : x + 8;
        p.drawText(QPointF(tx, y + fmSmall.ascent() - 1), text);
        y += rowH;
    }

    // One bar per replica up to its LEO.
    y += 4;
    p.setFont(font());
    const double barH = line * 0.9;
    for (const ReplicaInfo &r : s.replicas) {
        if (y + barH > height() - 2)
            break;
        const QString role = r.leader ? tr("leader") : r.inIsr ? tr("in ISR") : tr("out of ISR");
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(pad, y, labelW - pad, barH), Qt::AlignRight | Qt::AlignVCenter,
            fm.elidedText(tr("broker %1 (%2)").arg(r.broker).arg(role), Qt::ElideRight, labelW - pad));
        const double x1 = std::clamp(xOf(r.logEndOffset), stripLeft, stripLeft + stripWidth);
        const QColor colour = r.leader ? Theme::leader(pal) : r.inIsr ? Theme::follower(pal) : Theme::outOfSync(pal);
        p.setPen(Qt::NoPen);
        p.setBrush(r.inIsr || r.leader ? QBrush(colour) : QBrush(colour, Qt::Dense4Pattern));
        p.drawRoundedRect(QRectF(stripLeft, y + 2, std::max(2.0, x1 - stripLeft), barH - 4), 3, 3);
        p.setPen(pal.color(QPalette::Text));
        const QString leo = tr("LEO %1").arg(r.logEndOffset);
        const double tw = fm.horizontalAdvance(leo);
        p.drawText(QPointF(std::min(x1 + 6, width() - pad - tw), y + barH / 2 + fm.ascent() / 2 - 2), leo);
        y += barH + 2;
    }
}

} // namespace kafkalab::app
