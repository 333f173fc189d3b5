#include "consumergroupview.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

#include "app/ui/statesource.h"
#include "app/ui/theme.h"
#include "app/ui/viewfonts.h"

namespace kafkalab::app {

ConsumerGroupView::ConsumerGroupView(StateSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    setObjectName(QStringLiteral("consumerGroupView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(m_source, &StateSource::stateChanged, this, qOverload<>(&QWidget::update));
}

ConsumerGroupView::~ConsumerGroupView() = default;

QSize ConsumerGroupView::sizeHint() const
{
    return {360, 300};
}

QSize ConsumerGroupView::minimumSizeHint() const
{
    return {240, 120};
}

void ConsumerGroupView::paintEvent(QPaintEvent * /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const GroupsSnapshot &s = m_source->groups();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;

    if (s.groups.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
            m_source->acceptsFaultCommands()
                ? tr("No consumer groups yet.\nTry: consumer create c1 group=g1 then subscribe c1 orders")
                : tr("No consumer groups on this cluster."));
        return;
    }

    double y = pad;
    const double w = width() - 2 * pad;
    for (const GroupInfo &g : s.groups) {
        if (y > height())
            break;
        // Header.
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QPointF(pad, y + fm.ascent()), tr("Group %1").arg(g.groupId));
        const double hw = QFontMetricsF(bold).horizontalAdvance(tr("Group %1").arg(g.groupId)) + pad;
        const bool stable = g.state == u"Stable";
        const bool rebalancing = g.state.contains(u"Rebalance");
        const QString stateText = (stable               ? QStringLiteral("● ")
                                          : rebalancing ? QStringLiteral("⟳ ")
                                                        : QStringLiteral("○ "))
            + g.state;
        p.setFont(small);
        const double sw = fmSmall.horizontalAdvance(stateText) + pad;
        const QRectF pill(pad + hw, y + 1, sw, line - 2);
        const QColor pillColour = stable ? Theme::leader(pal) : rebalancing ? Theme::outOfSync(pal) : Theme::muted(pal);
        p.setPen(Qt::NoPen);
        p.setBrush(pillColour);
        p.drawRoundedRect(pill, 4, 4);
        p.setPen(Theme::textOn(pillColour));
        p.drawText(pill, Qt::AlignCenter, stateText);
        p.setPen(pal.color(QPalette::Text));
        const QString facts = tr("gen %1 · %2 · coordinator %3 · lag %4")
                                  .arg(g.generation)
                                  .arg(g.protocol.isEmpty() ? tr("no protocol") : g.protocol)
                                  .arg(g.coordinator < 0 ? tr("none") : tr("broker %1").arg(g.coordinator))
                                  .arg(g.totalLag);
        y += line + 2;
        p.drawText(QRectF(pad, y, w, fmSmall.height()), Qt::AlignLeft | Qt::AlignVCenter,
            fmSmall.elidedText(facts, Qt::ElideRight, w));
        y += fmSmall.height() + 6;

        // Members.
        p.setFont(font());
        const double nameW = fm.horizontalAdvance(QStringLiteral("c10 AwaitingSync ")) + pad;
        for (const MemberInfo &m : g.members) {
            p.setPen(m.alive ? pal.color(QPalette::Text) : Theme::danger(pal));
            const QString who = m.alive ? m.consumer : m.consumer + QStringLiteral(" ✖");
            p.drawText(QRectF(pad, y, nameW, line), Qt::AlignLeft | Qt::AlignVCenter, who);
            p.setFont(small);
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(
                QRectF(pad + fm.horizontalAdvance(who) + 4, y, nameW, line), Qt::AlignLeft | Qt::AlignVCenter, m.phase);
            // The partitions beside the name; in a narrow panel (long names, presenter fonts) they
            // go under it, indented, and a chip wider than the row is elided, never cut off.
            const double right = width() - pad;
            double chipsLeft = pad + nameW;
            double x = chipsLeft;
            if (!m.assignment.isEmpty() && x + fmSmall.horizontalAdvance(m.assignment.front()) + pad > right) {
                chipsLeft = pad * 2;
                x = chipsLeft;
                y += line + 2;
            }
            if (m.assignment.isEmpty()) {
                p.drawText(QRectF(x, y, w - x, line), Qt::AlignLeft | Qt::AlignVCenter, tr("(no partitions)"));
            }
            for (const QString &part : m.assignment) {
                double cw = fmSmall.horizontalAdvance(part) + pad;
                if (x + cw > right && x > chipsLeft) {
                    x = chipsLeft;
                    y += line + 2;
                }
                cw = std::min(cw, right - x);
                const QRectF chip(x, y + 1, cw, line - 2);
                const QColor c = Theme::keyColor(part, pal);
                p.setPen(QPen(c.darker(140), 1));
                p.setBrush(c);
                p.drawRoundedRect(chip, 4, 4);
                p.setPen(Theme::textOn(c));
                p.drawText(chip, Qt::AlignCenter, fmSmall.elidedText(part, Qt::ElideRight, cw - 4));
                x += cw + 4;
            }
            p.setFont(font());
            y += line + 3;
        }

        // Lag per partition: a bar and the number.
        if (!g.lag.isEmpty()) {
            p.setFont(small);
            y += 2;
            qint64 maxLag = 1;
            for (const PartitionLag &l : g.lag)
                maxLag = std::max(maxLag, l.lag);
            // As wide as the longest partition name, up to a third of the row (then elided).
            double labelW = fmSmall.horizontalAdvance(QStringLiteral("orders-10 ")) + 4;
            for (const PartitionLag &l : g.lag)
                labelW = std::max(labelW, fmSmall.horizontalAdvance(l.partition + u' ') + 4);
            labelW = std::min(labelW, w / 3);
            const double numberW = fmSmall.horizontalAdvance(QStringLiteral("lag 000000 (none)")) + 4;
            const double rowH = fmSmall.height() + 2;
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRectF(pad, y, w, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                fmSmall.elidedText(
                    tr("Lag per partition = high watermark − committed offset; (none) = nothing committed yet"),
                    Qt::ElideRight, w));
            y += rowH;
            for (const PartitionLag &l : g.lag) {
                if (y + rowH > height())
                    break;
                p.setPen(pal.color(QPalette::Text));
                p.drawText(QRectF(pad, y, labelW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                    fmSmall.elidedText(l.partition, Qt::ElideRight, labelW - 4));
                const double barMax = w - labelW - numberW;
                const double bw = barMax * static_cast<double>(l.lag) / static_cast<double>(maxLag);
                p.setPen(Qt::NoPen);
                p.setBrush(Theme::muted(pal).lighter(110));
                p.drawRect(QRectF(pad + labelW, y + 3, barMax, rowH - 6));
                p.setBrush(l.lag > 100 ? Theme::outOfSync(pal) : Theme::follower(pal));
                p.drawRect(QRectF(pad + labelW, y + 3, bw, rowH - 6));
                p.setPen(pal.color(QPalette::Text));
                p.drawText(QRectF(pad + labelW + barMax + 4, y, numberW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                    l.committed < 0 ? tr("lag %1 (none)").arg(l.lag) : tr("lag %1").arg(l.lag));
                y += rowH;
            }
        }
        y += pad;
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.drawLine(QPointF(pad, y - pad / 2), QPointF(width() - pad, y - pad / 2));
    }
}

} // namespace kafkalab::app
