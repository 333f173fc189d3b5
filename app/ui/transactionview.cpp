#include "transactionview.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include "app/ui/snapshotbuilder.h"
#include "app/ui/statesource.h"
#include "app/ui/theme.h"
#include "app/ui/viewfonts.h"

namespace kafkalab::app {
namespace {

/** Where each coordinator state sits in the diagram (column, row). */
struct StatePlace
{
    const char16_t *state;
    int column;
    int row;
};

constexpr StatePlace kPlaces[] = {
    {u"Dead", 0, 0},
    {u"Empty", 0, 1},
    {u"Ongoing", 1, 1},
    {u"PrepareEpochFence", 1, 2},
    {u"PrepareCommit", 2, 0},
    {u"PrepareAbort", 2, 1},
    {u"CompleteCommit", 3, 0},
    {u"CompleteAbort", 3, 1},
};

struct Transition
{
    const char16_t *from;
    const char16_t *to;
    bool rare; ///< drawn dotted: expiry
};

constexpr Transition kTransitions[] = {
    {u"Empty", u"Ongoing", false},
    {u"Ongoing", u"PrepareCommit", false},
    {u"Ongoing", u"PrepareAbort", false},
    {u"PrepareCommit", u"CompleteCommit", false},
    {u"PrepareAbort", u"CompleteAbort", false},
    {u"Ongoing", u"PrepareEpochFence", false},
    {u"PrepareEpochFence", u"PrepareAbort", false},
    {u"Empty", u"Dead", true},
};

/**
 * A state's name fitted to its box: on one line if it fits, else broken between its words
 * (`Prepare` `Epoch` `Fence`) onto as few lines as the width allows; lines that still do not fit,
 * or lines beyond what the height holds, are elided.
 */
QString fitStateName(const QString &state, const QFontMetricsF &metrics, double width, double height)
{
    if (metrics.horizontalAdvance(state) <= width)
        return state;
    QStringList words;
    qsizetype start = 0;
    for (qsizetype i = 1; i <= state.size(); ++i) {
        if (i == state.size() || state[i].isUpper()) {
            words.append(state.mid(start, i - start));
            start = i;
        }
    }
    QStringList lines;
    for (const QString &word : words) {
        if (!lines.isEmpty() && metrics.horizontalAdvance(lines.back() + word) <= width)
            lines.back() += word;
        else
            lines.append(word);
    }
    const auto maxLines = std::max<qsizetype>(1, static_cast<qsizetype>(height / metrics.height()));
    if (lines.size() > maxLines) {
        lines = lines.mid(0, maxLines);
        lines.back() += u'…';
    }
    for (QString &l : lines)
        l = metrics.elidedText(l, Qt::ElideRight, width);
    return lines.join(u'\n');
}

QPointF edgePoint(const QRectF &r, const QPointF &towards)
{
    const QPointF c = r.center();
    const QPointF d = towards - c;
    if (std::abs(d.x()) < 1e-6 && std::abs(d.y()) < 1e-6)
        return c;
    const double tx
        = std::abs(d.x()) < 1e-6 ? std::numeric_limits<double>::infinity() : r.width() / 2 / std::abs(d.x());
    const double ty
        = std::abs(d.y()) < 1e-6 ? std::numeric_limits<double>::infinity() : r.height() / 2 / std::abs(d.y());
    return c + d * std::min(tx, ty);
}

void drawArrow(
    QPainter &p, const QPointF &from, const QPointF &to, const QColor &colour, Qt::PenStyle style, double width)
{
    p.setPen(QPen(colour, width, style));
    const QPointF d = to - from;
    const double length = std::hypot(d.x(), d.y());
    if (length < 1)
        return;
    const QPointF unit = d / length;
    const double head = 7;
    const QPointF base = to - unit * head;
    p.drawLine(from, base);
    const QPointF normal(-unit.y(), unit.x());
    QPainterPath tip;
    tip.moveTo(to);
    tip.lineTo(base + normal * head * 0.5);
    tip.lineTo(base - normal * head * 0.5);
    tip.closeSubpath();
    p.fillPath(tip, colour);
}

bool decided(const QString &state)
{
    return state == u"CompleteCommit" || state == u"CompleteAbort" || state == u"Empty" || state == u"Dead";
}

} // namespace

TransactionView::TransactionView(StateSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    setObjectName(QStringLiteral("transactionView"));
    setAccessibleName(tr("Transactions"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(m_source, &StateSource::stateChanged, this, qOverload<>(&QWidget::update));
}

TransactionView::~TransactionView() = default;

QSize TransactionView::sizeHint() const
{
    return {900, 280};
}

QSize TransactionView::minimumSizeHint() const
{
    return {420, 180};
}

void TransactionView::setSelectedProducer(const QString &producer)
{
    m_selectedProducer = producer;
    m_selectedId.clear();
    update();
}

QString TransactionView::currentTransactionalId() const
{
    const TransactionInfo *txn = current();
    return txn ? txn->transactionalId : QString();
}

const TransactionInfo *TransactionView::current() const
{
    const TransactionsSnapshot &s = m_source->transactions();
    if (s.transactions.isEmpty())
        return nullptr;
    for (const TransactionInfo &t : s.transactions)
        if (!m_selectedId.isEmpty() && t.transactionalId == m_selectedId)
            return &t;
    for (const TransactionInfo &t : s.transactions)
        for (const TxnClientInfo &c : t.clients)
            if (!m_selectedProducer.isEmpty() && c.producer == m_selectedProducer)
                return &t;
    // The one in the middle of something, else the newest.
    for (const TransactionInfo &t : s.transactions)
        if (!decided(t.state))
            return &t;
    return &s.transactions.back();
}

void TransactionView::mousePressEvent(QMouseEvent *event)
{
    for (const auto &[id, rect] : m_summaryRects)
        if (rect.contains(event->position())) {
            m_selectedId = id;
            update();
            return;
        }
    QWidget::mousePressEvent(event);
}

void TransactionView::paintEvent(QPaintEvent * /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    m_summaryRects.clear();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;
    const TransactionsSnapshot &s = m_source->transactions();

    const double split = std::round(width() * 0.55);
    const QRectF left(pad, pad * 0.5, split - 1.5 * pad, height() - pad);
    const QRectF right(split + pad * 0.5, pad * 0.5, width() - split - 1.5 * pad, height() - pad);
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.drawLine(QPointF(split, pad), QPointF(split, height() - pad));

    if (!s.available) {
        p.setPen(Theme::secondary(pal));
        p.drawText(left, Qt::AlignCenter | Qt::TextWordWrap,
            tr("The transaction coordinator's state is not available for this source."));
    } else if (s.transactions.isEmpty()) {
        p.setPen(Theme::secondary(pal));
        p.drawText(left, Qt::AlignCenter | Qt::TextWordWrap,
            tr("No transactional producers yet.\nTry: producer create tx transactional.id=t1, txn init tx, "
               "txn begin tx, produce tx orders count=3"));
    } else {
        const TransactionInfo *txn = current();
        const double summaryH = fmSmall.height() + 6;
        const double others = (static_cast<double>(s.transactions.size()) - 1) * summaryH;
        paintTransaction(p, *txn, QRectF(left.left(), left.top(), left.width(), left.height() - others));
        double y = left.bottom() - others;
        p.setFont(small);
        for (const TransactionInfo &t : s.transactions) {
            if (&t == txn)
                continue;
            const QRectF r(left.left(), y, left.width(), summaryH - 2);
            m_summaryRects.append({t.transactionalId, r});
            p.setPen(QPen(pal.color(QPalette::Mid), 1));
            p.setBrush(Theme::card(pal));
            p.drawRoundedRect(r, 4, 4);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(r.adjusted(6, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
                fmSmall.elidedText(tr("▸ %1: %2 · pid %3 · epoch %4   (click to show)")
                                       .arg(t.transactionalId, t.state)
                                       .arg(t.producerId)
                                       .arg(t.epoch),
                    Qt::ElideRight, r.width() - 12));
            y += summaryH;
        }
    }
    paintReaders(p, right);
}

void TransactionView::paintTransaction(QPainter &p, const TransactionInfo &txn, const QRectF &area)
{
    const QPalette &pal = palette();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;
    const QFontMetricsF fmBold(bold);

    // Header.
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    const QString title = tr("transactional.id %1").arg(txn.transactionalId);
    p.drawText(QPointF(area.left(), area.top() + fm.ascent()), fmBold.elidedText(title, Qt::ElideRight, area.width()));
    p.setFont(small);
    QStringList facts;
    facts << (txn.coordinator >= 0 ? tr("coordinator: broker %1").arg(txn.coordinator) : tr("coordinator unavailable"));
    facts << tr("pid %1 · epoch %2").arg(txn.producerId).arg(txn.epoch);
    facts << (txn.partitions.isEmpty() ? tr("no partitions yet") : tr("partitions %1").arg(txn.partitions.join(u',')));
    if (!txn.groups.isEmpty())
        facts << tr("offsets of %1").arg(txn.groups.join(u','));
    if (txn.markersTotal > 0)
        facts << tr("markers %1/%2 written").arg(txn.markersWritten).arg(txn.markersTotal);
    if (txn.openForUs >= 0)
        facts << tr("open %1 s of %2 s")
                     .arg(static_cast<double>(txn.openForUs) / 1e6, 0, 'f', 1)
                     .arg(static_cast<double>(txn.timeoutUs) / 1e6, 0, 'f', 0);
    const QRectF factsRect(area.left(), area.top() + line, area.width(), fmSmall.height() * 2 + 2);
    p.drawText(factsRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, facts.join(QStringLiteral(" · ")));
    const double factsH
        = fmSmall.boundingRect(factsRect, Qt::AlignLeft | Qt::TextWordWrap, facts.join(QStringLiteral(" · "))).height();

    // The diagram at its natural height (less when short of room), the producer instances under it.
    const double clientH = fmSmall.height() + 3;
    const int clientRows = std::min<int>(static_cast<int>(txn.clients.size()), 3);
    const double diagramTop = factsRect.top() + factsH + pad * 0.8;
    const double natural = 3 * (fmSmall.height() * 2 + 12) + 2 * pad * 1.8;
    const double diagramH = std::min(natural, area.bottom() - diagramTop - (clientRows + 1) * clientH - pad * 0.5);
    paintDiagram(p, txn, QRectF(area.left(), diagramTop, area.width(), diagramH));
    double clientsTop = diagramTop + diagramH + pad * 0.5;
    p.setFont(small);
    // The path the coordinator took lately (transitions can be quicker than a frame).
    if (txn.recentStates.size() > 1) {
        QStringList path;
        const auto n = static_cast<int>(txn.recentStates.size());
        for (int i = std::max(0, n - 5); i < n; ++i)
            path << tr("%1 (%2 s)")
                        .arg(txn.recentStates[i].second)
                        .arg(static_cast<double>(txn.recentStates[i].first) / 1e6, 0, 'f', 2);
        const QRectF r(area.left(), clientsTop, area.width(), clientH);
        p.setPen(Theme::secondary(pal));
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
            fmSmall.elidedText(tr("path: ") + path.join(QStringLiteral(" → ")), Qt::ElideLeft, r.width()));
        clientsTop += clientH;
    }
    for (int i = 0; i < clientRows; ++i) {
        const TxnClientInfo &c = txn.clients[i];
        const QRectF r(area.left(), clientsTop + i * clientH, area.width(), clientH);
        QString text = tr("%1 · epoch %2 · %3").arg(c.producer).arg(c.epoch).arg(c.state);
        QColor colour = pal.color(QPalette::Text);
        if (!c.alive) {
            text += tr(" · ✖ crashed");
            colour = Theme::secondary(pal);
        } else if (c.fenced) {
            text = tr("✖ %1 · epoch %2 · FENCED zombie (%3): epoch %2 < %4")
                       .arg(c.producer)
                       .arg(c.epoch)
                       .arg(c.lastError == u"NONE" ? QStringLiteral("PRODUCER_FENCED") : c.lastError)
                       .arg(txn.epoch);
            colour = Theme::danger(pal);
        } else if (c.zombie) {
            text = tr("⚠ %1 — ZOMBIE: older epoch, fenced at its next request").arg(text);
            colour = Theme::outOfSync(pal);
        } else {
            text += tr(" · ✓ current instance");
        }
        p.setPen(colour);
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fmSmall.elidedText(text, Qt::ElideRight, r.width()));
    }
}

void TransactionView::paintDiagram(QPainter &p, const TransactionInfo &txn, const QRectF &area)
{
    const QString &state = txn.state;
    const QPalette &pal = palette();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;
    QFont smallBold = small;
    smallBold.setBold(true);
    const QFontMetricsF fmSmallBold(smallBold);
    const double gapX = std::max(22.0, pad * 2.2);
    const double boxW = (area.width() - 3 * gapX) / 4;
    const double wanted = fmSmall.height() * 2 + 12;
    const double gapY = std::max(8.0, std::min(pad * 1.8, (area.height() - 3 * wanted) / 2));
    const double boxH = std::max(fmSmall.height() + 4, std::min(wanted, (area.height() - 2 * gapY) / 3));
    if (boxW < 30 || area.height() < boxH * 3)
        return;
    const auto boxOf = [&](QStringView name) {
        for (const StatePlace &place : kPlaces)
            if (QStringView(place.state) == name)
                return QRectF(
                    area.left() + place.column * (boxW + gapX), area.top() + place.row * (boxH + gapY), boxW, boxH);
        return QRectF();
    };
    const QColor mutedLine = Theme::secondary(pal);
    for (const Transition &t : kTransitions) {
        const QRectF a = boxOf(t.from);
        const QRectF b = boxOf(t.to);
        // Transitions of the recent path are drawn solid and thick: where the coordinator came from.
        bool taken = false;
        for (qsizetype i = 1; i < txn.recentStates.size() && !taken; ++i)
            taken = QStringView(t.from) == txn.recentStates[i - 1].second
                && QStringView(t.to) == txn.recentStates[i].second;
        const bool last = taken && QStringView(t.to) == state;
        drawArrow(p, edgePoint(a, b.center()), edgePoint(b, a.center()), taken ? pal.color(QPalette::Text) : mutedLine,
            t.rare ? Qt::DotLine : Qt::SolidLine,
            last        ? 2.6
                : taken ? 1.8
                        : 1.1);
    }
    const QColor highlight = pal.color(QPalette::Highlight);
    for (const StatePlace &place : kPlaces) {
        const QString name = QStringView(place.state).toString();
        const QRectF r = boxOf(place.state);
        const bool now = name == state;
        const bool danger = name == u"PrepareEpochFence" || name.contains(u"Abort");
        p.setPen(now ? QPen(pal.color(QPalette::Text), 3)
                     : QPen(danger ? Theme::outOfSync(pal) : pal.color(QPalette::Mid), 1.2,
                         danger ? Qt::DashLine : Qt::SolidLine));
        p.setBrush(now ? highlight : Theme::card(pal));
        p.drawRoundedRect(r, 6, 6);
        p.setFont(now ? smallBold : small);
        const QFontMetricsF &metrics = now ? fmSmallBold : fmSmall;
        p.setPen(now ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
        p.drawText(r.adjusted(3, 0, -3, 0), Qt::AlignCenter, fitStateName(name, metrics, r.width() - 6, r.height()));
        if (now) {
            // The label as well as the colour: a "now" tab on the box.
            const QString tag = tr("● now");
            const double tw = fmSmallBold.horizontalAdvance(tag) + 8;
            const QRectF tagRect(r.left() - 4, r.top() - fmSmallBold.height() * 0.6, tw, fmSmallBold.height());
            p.setPen(QPen(pal.color(QPalette::Text), 1));
            p.setBrush(pal.color(QPalette::Base));
            p.drawRoundedRect(tagRect, 3, 3);
            p.setFont(smallBold);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(tagRect, Qt::AlignCenter, tag);
        }
    }
    // What the arrows do not show, under the fence state's column if there is room.
    const QRectF noteRect(
        area.left() + 2 * (boxW + gapX) + boxW * 0.3, area.top() + 2 * (boxH + gapY), boxW * 1.7 + gapX, boxH);
    p.setFont(small);
    p.setPen(mutedLine);
    const int flags = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap;
    QString note = tr("Complete… → Ongoing (next transaction) or Empty (initTransactions)");
    if (fmSmall.boundingRect(noteRect, flags, note).height() > noteRect.height())
        note = tr("Complete… → Ongoing or Empty"); // large fonts: the short form, not a cut-off one
    p.save();
    p.setClipRect(noteRect);
    p.drawText(noteRect, flags, note);
    p.restore();
}

void TransactionView::paintReaders(QPainter &p, const QRectF &area)
{
    const QPalette &pal = palette();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;
    const IsolationReadsSnapshot reads = SnapshotBuilder::isolationReads(m_source->partitionLog());
    QFont smallBold = small;
    smallBold.setBold(true);
    const QFontMetricsF fmSmallBold(smallBold);
    const QFontMetricsF fmBold(bold);

    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    if (!reads.valid) {
        p.drawText(QPointF(area.left(), area.top() + fm.ascent()), tr("Readers"));
        p.setFont(font());
        p.setPen(Theme::secondary(pal));
        p.drawText(area.adjusted(0, line, 0, 0), Qt::AlignCenter | Qt::TextWordWrap,
            tr("Pick a partition (Partition log tab, or click a replica) to compare what each isolation level reads."));
        return;
    }
    p.drawText(QPointF(area.left(), area.top() + fm.ascent()),
        fmBold.elidedText(tr("Readers of %1 · HW %2 · LSO %3")
                              .arg(reads.partition)
                              .arg(reads.highWatermark)
                              .arg(reads.lastStableOffset),
            Qt::ElideRight, area.width()));

    // Columns: offset | read_committed | read_uncommitted.
    const double rowH = fmSmall.height() + 4;
    const double offsetW = fmSmall.horizontalAdvance(QStringLiteral("000000")) + 4;
    const double colW = (area.width() - offsetW - 8) / 2;
    const double committedX = area.left() + offsetW + 4;
    const double uncommittedX = committedX + colW + 4;
    double y = area.top() + line + 2;
    p.setFont(smallBold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRectF(committedX, y, colW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
        fmSmallBold.elidedText(QStringLiteral("read_committed"), Qt::ElideRight, colW));
    p.drawText(QRectF(uncommittedX, y, colW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
        fmSmallBold.elidedText(QStringLiteral("read_uncommitted"), Qt::ElideRight, colW));
    y += rowH;
    p.setFont(small);
    p.setPen(Theme::secondary(pal));
    QStringList why {tr("%n record(s)", nullptr, static_cast<int>(reads.readCommitted.size()))};
    if (reads.abortedSkipped > 0)
        why << tr("skips %n aborted", nullptr, reads.abortedSkipped);
    if (reads.heldBack > 0)
        why << tr("%n waiting", nullptr, reads.heldBack);
    p.drawText(QRectF(committedX, y, colW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
        fmSmall.elidedText(why.join(QStringLiteral(" · ")), Qt::ElideRight, colW));
    p.drawText(QRectF(uncommittedX, y, colW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
        fmSmall.elidedText(tr("%n record(s), aborted too", nullptr, static_cast<int>(reads.readUncommitted.size())),
            Qt::ElideRight, colW));
    y += rowH + 2;

    // The newest offsets that fit, oldest at the top; the LSO and HW lines take a row each.
    const auto cellCount = static_cast<int>(reads.cells.size());
    const bool lsoLine = reads.lastStableOffset < reads.highWatermark;
    const bool hwLine = cellCount > 0 && reads.cells.back().offset >= reads.highWatermark;
    const int rows = std::max(0, static_cast<int>((area.bottom() - y) / rowH) - (lsoLine ? 1 : 0) - (hwLine ? 1 : 0));
    const int first = std::max(0, cellCount - rows);
    const QColor danger = Theme::danger(pal);
    const QColor muted = Theme::secondary(pal);
    const auto boundary = [&](const QString &label, const QColor &colour, Qt::PenStyle style) {
        const double mid = y + rowH / 2;
        p.setFont(smallBold);
        const double w = fmSmallBold.horizontalAdvance(label) + 8;
        p.setPen(QPen(colour, 1.5, style));
        p.drawLine(QPointF(area.left(), mid), QPointF(area.right() - w - 4, mid));
        p.setPen(colour);
        p.drawText(QRectF(area.right() - w, y, w, rowH), Qt::AlignCenter, label);
        p.setFont(small);
        y += rowH;
    };
    const auto chip = [&](const QRectF &r, const QString &text, const QColor &fill, const QColor &border,
                          Qt::PenStyle style, const QColor &textColour) {
        p.setPen(QPen(border, 1.2, style));
        p.setBrush(fill);
        p.drawRoundedRect(r, 3, 3);
        p.setPen(textColour);
        p.drawText(r.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
            fmSmall.elidedText(text, Qt::ElideRight, r.width() - 8));
    };
    if (cellCount == 0) {
        p.setPen(muted);
        p.drawText(QRectF(area.left(), y, area.width(), rowH), Qt::AlignLeft | Qt::AlignVCenter,
            tr("The partition is empty."));
    }
    bool lsoDrawn = !lsoLine;
    bool hwDrawn = false;
    for (int i = first; i < cellCount; ++i) {
        const LogCell &cell = reads.cells[i];
        if (!lsoDrawn && cell.offset >= reads.lastStableOffset) {
            boundary(tr("LSO %1 — read_committed waits here").arg(reads.lastStableOffset), Theme::outOfSync(pal),
                Qt::DashLine);
            lsoDrawn = true;
        }
        if (!hwDrawn && cell.offset >= reads.highWatermark) {
            boundary(tr("HW %1 — consumers stop here").arg(reads.highWatermark), Theme::follower(pal), Qt::SolidLine);
            hwDrawn = true;
        }
        p.setPen(pal.color(QPalette::Text));
        p.drawText(
            QRectF(area.left(), y, offsetW, rowH), Qt::AlignRight | Qt::AlignVCenter, QString::number(cell.offset));
        const QRectF committed(committedX, y + 1, colW, rowH - 2);
        const QRectF uncommitted(uncommittedX, y + 1, colW, rowH - 2);
        const QRectF both(committedX, y + 1, uncommitted.right() - committedX, rowH - 2);
        const QString record = (cell.keyNull ? QStringLiteral("∅") : cell.key) + QStringLiteral(": ")
            + (cell.valueNull ? QStringLiteral("null") : cell.value);
        if (cell.control != LogCell::Control::None) {
            chip(both,
                cell.control == LogCell::Control::Commit ? tr("COMMIT marker — never returned")
                                                         : tr("ABORT marker — never returned"),
                pal.color(QPalette::Base), muted, Qt::DotLine, muted);
        } else if (cell.offset >= reads.highWatermark) {
            chip(
                both, tr("%1 — not replicated yet").arg(record), pal.color(QPalette::Base), muted, Qt::DashLine, muted);
        } else {
            const QColor fill = Theme::keyColor(cell.key, pal);
            const QColor text = Theme::textOn(fill);
            if (cell.offset >= reads.lastStableOffset)
                chip(committed, tr("❚❚ waits: open transaction"), pal.color(QPalette::Base), Theme::outOfSync(pal),
                    Qt::DashLine, Theme::outOfSync(pal));
            else if (cell.aborted)
                chip(committed, tr("✗ skipped (aborted)"), pal.color(QPalette::Base), danger, Qt::DashLine, danger);
            else
                chip(committed, QStringLiteral("✓ ") + record, fill, fill.darker(125), Qt::SolidLine, text);
            if (cell.aborted)
                chip(uncommitted, tr("⚠ %1 (aborted)").arg(record), fill, danger, Qt::DashLine, text);
            else
                chip(uncommitted, QStringLiteral("✓ ") + record, fill, fill.darker(125), Qt::SolidLine, text);
        }
        y += rowH;
    }
}

} // namespace kafkalab::app
