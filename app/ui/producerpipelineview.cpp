#include "producerpipelineview.h"

#include <algorithm>
#include <cmath>

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include "app/ui/statesource.h"
#include "app/ui/theme.h"
#include "app/ui/viewfonts.h"

namespace kafkalab::app {
namespace {

QString bytesText(qint64 bytes)
{
    if (bytes < 1024)
        return QString::number(bytes) + QStringLiteral(" B");
    return QString::number(static_cast<double>(bytes) / 1024.0, 'f', bytes < 10 * 1024 ? 1 : 0) + QStringLiteral(" KB");
}

QString durationText(qint64 us)
{
    if (us < 10000)
        return QString::number(static_cast<double>(us) / 1000.0, 'f', 1) + QStringLiteral(" ms");
    if (us < 10000000)
        return QString::number(us / 1000) + QStringLiteral(" ms");
    return QString::number(static_cast<double>(us) / 1e6, 'f', 1) + QStringLiteral(" s");
}

QString sequenceText(const ProducerBatchInfo &b)
{
    if (b.baseSequence < 0)
        return {};
    return QStringLiteral("seq %1–%2").arg(b.baseSequence).arg(b.baseSequence + std::max(1, b.records) - 1);
}

/** A bar with a text over it; the fill fraction also shows as the text, so colour is never the only signal. */
void drawBar(QPainter &p, const QRectF &r, double fraction, const QColor &fill, const QString &text,
    const QPalette &pal, const QFontMetricsF &fm, Qt::PenStyle outline = Qt::SolidLine)
{
    // A tinted fill under text in the normal text colour: readable wherever the fill ends.
    const double f = std::clamp(fraction, 0.0, 1.0);
    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(r, 3, 3);
    if (f > 0) {
        QColor tint = fill;
        tint.setAlphaF(0.38F);
        p.setBrush(tint);
        p.drawRoundedRect(QRectF(r.left(), r.top(), std::max(3.0, r.width() * f), r.height()), 3, 3);
    }
    p.setPen(QPen(fill, 1, outline));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r, 3, 3);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(r.adjusted(3, 0, -3, 0), Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, r.width() - 6));
}

/** The first text that fits `width`, else the last one. */
QString fitting(const QFontMetricsF &fm, double width, const QStringList &candidates)
{
    for (const QString &c : candidates)
        if (fm.horizontalAdvance(c) <= width)
            return c;
    return candidates.back();
}

/** A small rounded label; `dashed` adds a second, non-colour cue. */
double drawBadge(QPainter &p, double x, double y, double h, const QString &text, const QColor &colour,
    const QFontMetricsF &fm, bool filled = true, bool dashed = false)
{
    const double w = fm.horizontalAdvance(text) + 8;
    const QRectF r(x, y, w, h);
    p.setPen(QPen(colour, 1.2, dashed ? Qt::DashLine : Qt::SolidLine));
    p.setBrush(filled ? colour : Qt::transparent);
    p.drawRoundedRect(r, 3, 3);
    p.setPen(filled ? Theme::textOn(colour) : colour);
    p.drawText(r, Qt::AlignCenter, text);
    return w;
}

} // namespace

ProducerPipelineView::ProducerPipelineView(StateSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    setObjectName(QStringLiteral("producerPipelineView"));
    setAccessibleName(tr("Producer pipeline"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Each producer: partitioner → accumulator batches → in-flight requests per broker → acks. "
                  "Click a collapsed producer to show it in full."));
    connect(m_source, &StateSource::stateChanged, this, qOverload<>(&QWidget::update));
}

ProducerPipelineView::~ProducerPipelineView() = default;

QSize ProducerPipelineView::sizeHint() const
{
    return {900, 260};
}

QSize ProducerPipelineView::minimumSizeHint() const
{
    return {360, 150};
}

void ProducerPipelineView::setSelectedProducer(const QString &name)
{
    if (name == m_selected)
        return;
    m_selected = name;
    update();
}

void ProducerPipelineView::mousePressEvent(QMouseEvent *event)
{
    for (const auto &[name, rect] : m_summaryRects)
        if (rect.contains(event->position())) {
            setSelectedProducer(name);
            return;
        }
    QWidget::mousePressEvent(event);
}

void ProducerPipelineView::paintEvent(QPaintEvent * /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    m_summaryRects.clear();
    const ProducersSnapshot &s = m_source->producers();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;

    if (!s.available || s.producers.isEmpty()) {
        p.setPen(Theme::secondary(pal));
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
            !s.available
                ? tr("Producer internals are not available for this source:\na cluster does not expose its "
                     "clients' accumulators.")
                : tr("No producers yet.\nTry: producer create p1 linger.ms=20 then produce p1 orders count=50"));
        return;
    }

    // The selected producer first, then the source's order.
    QList<const ProducerInfo *> order;
    if (const ProducerInfo *selected = s.producer(m_selected))
        order.append(selected);
    for (const ProducerInfo &info : s.producers)
        if (info.name != m_selected)
            order.append(&info);

    const double summaryH = fmSmall.height() + 6;
    const double minLane = line * 2.6 + (fmSmall.height() + 4) * 4;
    const double area = height() - pad;
    auto full = static_cast<int>(order.size());
    // As many full lanes as fit, keeping a line for each collapsed producer.
    while (full > 1 && full * minLane + (static_cast<double>(order.size()) - full) * summaryH > area)
        --full;
    const double summaries = (static_cast<double>(order.size()) - full) * summaryH;
    const double laneH = std::max(minLane, (area - summaries) / full);
    double y = pad * 0.5;
    for (int i = 0; i < full; ++i) {
        paintLane(p, *order[i], QRectF(pad, y, width() - 2 * pad, laneH - pad * 0.5));
        y += laneH;
    }
    p.setFont(small);
    for (int i = full; i < order.size(); ++i) {
        const ProducerInfo &info = *order[i];
        int waiting = 0;
        int inFlight = 0;
        for (const ProducerBatchInfo &b : info.batches)
            (b.stage == ProducerBatchInfo::Stage::InFlight ? inFlight : waiting) += 1;
        const QRectF r(pad, y, width() - 2 * pad, summaryH - 2);
        m_summaryRects.append({info.name, r});
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.setBrush(Theme::card(pal));
        p.drawRoundedRect(r, 4, 4);
        p.setPen(pal.color(QPalette::Text));
        QString text = tr("▸ %1 · acks=%2 · %3 batches waiting · %4 in flight · ✓ acked %5 · ✖ failed %6")
                           .arg(info.name, info.acks)
                           .arg(waiting)
                           .arg(inFlight)
                           .arg(info.acked)
                           .arg(info.failed);
        if (info.duplicates > 0)
            text += tr(" · ⚠ duplicates %1").arg(info.duplicates);
        text += tr("   (click to show)");
        p.drawText(r.adjusted(6, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
            fmSmall.elidedText(text, Qt::ElideRight, r.width() - 12));
        y += summaryH;
    }
}

void ProducerPipelineView::paintLane(QPainter &p, const ProducerInfo &info, const QRectF &lane)
{
    const QPalette &pal = palette();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;
    const QFontMetricsF fmBold(bold);
    QFont smallBold = small;
    smallBold.setBold(true);
    const QFontMetricsF fmSmallBold(smallBold);
    const double rowH = fmSmall.height() + 4;

    // Header: name and configuration.
    p.setFont(bold);
    p.setPen(info.alive ? pal.color(QPalette::Text) : Theme::danger(pal));
    const QString name = info.alive ? info.name : info.name + tr(" ✖ crashed");
    p.drawText(QPointF(lane.left(), lane.top() + fm.ascent()), name);
    double x = lane.left() + fmBold.horizontalAdvance(name) + pad;
    p.setFont(small);
    const double badgeH = fmSmall.height() + 2;
    const double badgeY = lane.top() + (line - badgeH) / 2;
    const auto badge = [&](const QString &text, const QColor &colour, bool filled, bool dashed = false) {
        if (x + fmSmall.horizontalAdvance(text) + 8 > lane.right())
            return;
        x += drawBadge(p, x, badgeY, badgeH, text, colour, fmSmall, filled, dashed) + 4;
    };
    badge(tr("acks=%1").arg(info.acks), Theme::follower(pal), true);
    if (info.idempotent)
        badge(tr("✓ idempotent · pid %1 · epoch %2").arg(info.producerId).arg(info.epoch), Theme::leader(pal), true);
    else
        badge(tr("✗ idempotence off: retries can duplicate"), Theme::outOfSync(pal), false, true);
    if (!info.transactionalId.isEmpty())
        badge(tr("transactional.id=%1 · %2").arg(info.transactionalId, info.txnState),
            info.txnState == u"Fenced" ? Theme::danger(pal) : Theme::follower(pal), false, info.txnState == u"Fenced");
    p.setPen(pal.color(QPalette::Text));
    const QString retries
        = info.retriesConfig >= 2147483647 ? QStringLiteral("∞") : QString::number(info.retriesConfig);
    const QString config = tr("batch.size %1 · linger.ms %2 · max.in.flight %3 · retries %4 · delivery.timeout %5 s")
                               .arg(bytesText(info.batchSizeBytes))
                               .arg(info.lingerMs)
                               .arg(info.maxInFlight)
                               .arg(retries)
                               .arg(info.deliveryTimeoutMs / 1000);
    if (x < lane.right() - 40)
        p.drawText(QRectF(x, lane.top(), lane.right() - x, line), Qt::AlignLeft | Qt::AlignVCenter,
            fmSmall.elidedText(config, Qt::ElideRight, lane.right() - x));

    // Four stages with arrows between them.
    const QString arrow = QStringLiteral("➜");
    const double arrowW = fm.horizontalAdvance(arrow) + pad * 0.6;
    // Narrow (a side panel, presenter fonts): the partitioner box, the least telling, makes room.
    const bool compact = lane.width() < fm.averageCharWidth() * 100;
    const int firstBox = compact ? 1 : 0;
    const double boxesW = lane.width() - (3 - firstBox) * arrowW;
    const double top = lane.top() + line * 1.25;
    const double boxH = lane.bottom() - top;
    const double widths[4] = {compact ? 0.0 : boxesW * 0.15, boxesW * (compact ? 0.43 : 0.37),
        boxesW * (compact ? 0.34 : 0.29), boxesW * (compact ? 0.23 : 0.19)};
    QRectF boxes[4];
    double bx = lane.left();
    for (int i = firstBox; i < 4; ++i) {
        boxes[i] = QRectF(bx, top, widths[i], boxH);
        bx += widths[i];
        if (i < 3) {
            p.setFont(font());
            p.setPen(Theme::secondary(pal));
            p.drawText(QRectF(bx, top, arrowW, boxH), Qt::AlignCenter, arrow);
            bx += arrowW;
        }
    }
    QString titles[4] = {tr("Partitioner"), tr("Accumulator"), tr("In flight (≤ %1 per broker)").arg(info.maxInFlight),
        tr("Acks (acks=%1)").arg(info.acks)};
    if (fmSmallBold.horizontalAdvance(titles[2]) > boxes[2].width() - 12)
        titles[2] = tr("In flight ≤ %1").arg(info.maxInFlight);
    if (fmSmallBold.horizontalAdvance(titles[3]) > boxes[3].width() - 12)
        titles[3] = tr("Acks");
    for (int i = firstBox; i < 4; ++i) {
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.setBrush(Theme::card(pal));
        p.drawRoundedRect(boxes[i], 6, 6);
        p.setFont(smallBold);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(boxes[i].left() + 6, boxes[i].top() + 2, boxes[i].width() - 12, rowH),
            Qt::AlignLeft | Qt::AlignVCenter, fmSmallBold.elidedText(titles[i], Qt::ElideRight, boxes[i].width() - 12));
    }
    p.setFont(small);
    const auto rowRect = [&](const QRectF &box, int row) {
        return QRectF(box.left() + 6, box.top() + 2 + rowH * (row + 1), box.width() - 12, rowH - 2);
    };
    const auto rowsIn = [&](const QRectF &box) { return std::max(0, static_cast<int>((box.height() - 4) / rowH) - 1); };
    const auto text = [&](const QRectF &r, const QString &t, const QColor &colour) {
        p.setPen(colour);
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fmSmall.elidedText(t, Qt::ElideRight, r.width()));
    };
    const QColor textColour = pal.color(QPalette::Text);
    const QColor mutedText = Theme::secondary(pal);

    // 1. Partitioner.
    if (!compact) {
        QStringList lines;
        if (info.partitioner == u"roundrobin") {
            lines << tr("round-robin");
        } else {
            lines << tr("key → murmur2");
            lines << (info.stickyPartitions.isEmpty() ? tr("no key → sticky")
                                                      : tr("no key → sticky %1").arg(info.stickyPartitions.join(u',')));
        }
        lines << tr("pending %1").arg(info.pendingRecords);
        lines << tr("sent %1").arg(info.sent);
        const int rows = rowsIn(boxes[0]);
        for (int i = 0; i < std::min<int>(rows, static_cast<int>(lines.size())); ++i)
            text(rowRect(boxes[0], i), lines[i], i < 2 ? textColour : mutedText);
    }

    // 2. Accumulator: batches not on the wire, most urgent first.
    QList<const ProducerBatchInfo *> waiting;
    QList<const ProducerBatchInfo *> inFlight;
    for (const ProducerBatchInfo &b : info.batches)
        (b.stage == ProducerBatchInfo::Stage::InFlight ? inFlight : waiting).append(&b);
    std::stable_sort(waiting.begin(), waiting.end(), [](const ProducerBatchInfo *a, const ProducerBatchInfo *b) {
        return static_cast<int>(a->stage) > static_cast<int>(b->stage);
    });
    {
        const QRectF box = boxes[1];
        const int rows = rowsIn(box);
        if (waiting.isEmpty() && rows > 0)
            text(rowRect(box, 0), tr("empty: nothing waiting to be sent"), mutedText);
        const double labelW = std::min(box.width() * 0.28, fmSmall.horizontalAdvance(QStringLiteral("orders-10 ")) + 4);
        const int shownRows = waiting.size() > rows ? rows - 1 : rows;
        for (int i = 0; i < std::min<int>(shownRows, static_cast<int>(waiting.size())); ++i) {
            const ProducerBatchInfo &b = *waiting[i];
            const QRectF r = rowRect(box, i);
            text(QRectF(r.left(), r.top(), labelW, r.height()), b.partition, textColour);
            const double rest = r.width() - labelW;
            const QRectF bytesBar(r.left() + labelW, r.top() + 1, rest * 0.38, r.height() - 2);
            const QRectF ageBar(bytesBar.right() + 4, r.top() + 1, rest * 0.32, r.height() - 2);
            const QRectF status(ageBar.right() + 4, r.top(), r.right() - ageBar.right() - 4, r.height());
            drawBar(p, bytesBar,
                static_cast<double>(b.bytes) / static_cast<double>(std::max<qint64>(1, info.batchSizeBytes)),
                Theme::follower(pal),
                fitting(fmSmall, bytesBar.width() - 6,
                    {tr("%1 rec, %2").arg(b.records).arg(bytesText(b.bytes)), bytesText(b.bytes)}),
                pal, fmSmall);
            const double lingerUs = static_cast<double>(std::max<qint64>(1, info.lingerMs * 1000));
            drawBar(p, ageBar, static_cast<double>(b.ageUs) / lingerUs, Theme::outOfSync(pal),
                fitting(fmSmall, ageBar.width() - 6,
                    {tr("%1/%2 ms").arg(b.ageUs / 1000).arg(info.lingerMs), tr("%1 ms").arg(b.ageUs / 1000)}),
                pal, fmSmall);
            QString state;
            QColor colour = textColour;
            switch (b.stage) {
            case ProducerBatchInfo::Stage::Filling:
                state = tr("filling");
                colour = mutedText;
                break;
            case ProducerBatchInfo::Stage::Ready:
                state = b.attempts > 0 ? tr("✓ ready · retry %1").arg(b.attempts) : tr("✓ ready");
                colour = Theme::leader(pal);
                break;
            case ProducerBatchInfo::Stage::Backoff:
                state = tr("↻ backoff %1 · try %2").arg(durationText(b.backoffLeftUs)).arg(b.attempts + 1);
                colour = Theme::outOfSync(pal);
                break;
            case ProducerBatchInfo::Stage::InFlight:
                break;
            }
            if (b.appendedBefore) {
                state = tr("⚠ written once: DUP on retry");
                colour = Theme::danger(pal);
            }
            text(status, state, colour);
        }
        const int hidden = static_cast<int>(waiting.size()) - std::max(0, shownRows)
            + (info.hiddenBatches > 0 ? info.hiddenBatches : 0);
        if (hidden > 0 && rows > 0 && waiting.size() > shownRows)
            text(rowRect(box, rows - 1), tr("+%1 more batches").arg(hidden), mutedText);
    }

    // 3. In flight, per broker connection.
    {
        const QRectF box = boxes[2];
        const int rows = rowsIn(box);
        int row = 0;
        if (info.connections.isEmpty() && rows > 0)
            text(rowRect(box, row++),
                info.acks == u"0" ? tr("acks=0: nothing waits for an answer") : tr("no request on the wire"),
                mutedText);
        for (const ConnectionInfo &c : info.connections) {
            if (row >= rows)
                break;
            const QRectF r = rowRect(box, row++);
            const QString label = tr("→ broker %1").arg(c.broker);
            const double lw = fmSmall.horizontalAdvance(label) + 6;
            text(r, label, textColour);
            // One slot per allowed request: filled = in use (a count next to it, too).
            const double slot = std::min(r.height() - 4, 12.0);
            double sx = r.left() + lw;
            const bool full = c.inFlight >= info.maxInFlight;
            for (int k = 0; k < info.maxInFlight && sx + slot < r.right() - 40; ++k) {
                p.setPen(QPen(full ? Theme::outOfSync(pal) : Theme::follower(pal), 1.2));
                p.setBrush(
                    k < c.inFlight ? (full ? Theme::outOfSync(pal) : Theme::follower(pal)) : pal.color(QPalette::Base));
                p.drawRect(QRectF(sx, r.center().y() - slot / 2, slot, slot));
                sx += slot + 3;
            }
            text(QRectF(sx + 2, r.top(), r.right() - sx - 2, r.height()),
                full ? tr("%1/%2 full").arg(c.inFlight).arg(info.maxInFlight)
                     : tr("%1/%2").arg(c.inFlight).arg(info.maxInFlight),
                full ? Theme::outOfSync(pal) : textColour);
            for (const ProducerBatchInfo *b : inFlight) {
                if (b->broker != c.broker)
                    continue;
                if (row >= rows)
                    break;
                const QRectF br
                    = rowRect(box, row++).adjusted(fmSmall.horizontalAdvance(QStringLiteral("→ ")), 0, 0, 0);
                QStringList parts {b->partition, tr("%1 rec").arg(b->records)};
                if (!sequenceText(*b).isEmpty())
                    parts << sequenceText(*b) << tr("epoch %1").arg(b->epoch);
                if (b->attempts > 1)
                    parts << tr("↻ try %1").arg(b->attempts);
                QString t = parts.join(QStringLiteral(" · "));
                QColor colour = b->attempts > 1 ? Theme::outOfSync(pal) : textColour;
                if (b->appendedBefore && b->attempts > 1) {
                    t = QStringLiteral("⚠ ") + t + tr(" · DUPLICATE");
                    colour = Theme::danger(pal);
                }
                text(br, t, colour);
            }
        }
    }

    // 4. Acks and outcomes.
    {
        const QRectF box = boxes[3];
        const int rows = rowsIn(box);
        QList<QPair<QString, QColor>> lines;
        lines.append({tr("✓ acked %1").arg(info.acked), Theme::leader(pal)});
        if (info.failed > 0)
            lines.append({tr("✖ failed %1 (gave up)").arg(info.failed), Theme::danger(pal)});
        if (info.retries > 0)
            lines.append({tr("↻ retries %1").arg(info.retries), Theme::outOfSync(pal)});
        if (info.duplicates > 0)
            lines.append({tr("⚠ %1 written twice").arg(info.duplicates), Theme::danger(pal)});
        if (info.deduped > 0)
            lines.append({tr("⊘ deduplicated retries %1").arg(info.deduped), Theme::leader(pal)});
        if (info.lastError != u"NONE" && !info.lastError.isEmpty())
            lines.append({tr("last error %1").arg(info.lastError), Theme::danger(pal)});
        for (auto it = info.recentAcks.crbegin(); it != info.recentAcks.crend(); ++it)
            lines.append({it->baseOffset >= 0 ? tr("%1 @%2 ×%3").arg(it->partition).arg(it->baseOffset).arg(it->records)
                                              : tr("%1 ×%2 (no offset)").arg(it->partition).arg(it->records),
                mutedText});
        for (int i = 0; i < std::min<int>(rows, static_cast<int>(lines.size())); ++i)
            text(rowRect(box, i), lines[i].first, lines[i].second);
    }
}

} // namespace kafkalab::app
