#include "clusterview.h"

#include <algorithm>
#include <cmath>

#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include "app/ui/statesource.h"
#include "app/ui/theme.h"
#include "app/ui/viewfonts.h"

namespace kafkalab::app {

ClusterView::ClusterView(StateSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    setObjectName(QStringLiteral("clusterView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
    // The tooltip follows the source: a real cluster has no fault menu.
    const auto updateTip = [this] {
        const QString tip = m_source->acceptsFaultCommands()
            ? tr("Right-click a broker to crash, restart, isolate, heal or slow it. Click a replica to show its log.")
            : tr("Click a replica to show its log.");
        if (toolTip() != tip)
            setToolTip(tip);
    };
    updateTip();
    connect(m_source, &StateSource::stateChanged, this, updateTip);
    connect(m_source, &StateSource::stateChanged, this, qOverload<>(&QWidget::update));
}

ClusterView::~ClusterView() = default;

QSize ClusterView::sizeHint() const
{
    return {640, 300};
}

QSize ClusterView::minimumSizeHint() const
{
    return {320, 140};
}

void ClusterView::setShowInternalTopics(bool show)
{
    m_showInternal = show;
    update();
}

int ClusterView::brokerAt(const QPointF &pos) const
{
    for (const auto &[id, rect] : m_brokerRects)
        if (rect.contains(pos))
            return id;
    return -1;
}

QMenu *ClusterView::createBrokerMenu(int broker, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("brokerMenu"));
    const BrokerInfo *info = m_source->cluster().broker(broker);
    menu->addSection(tr("Broker %1").arg(broker));
    const auto add = [&](const QString &name, const QString &text, const QString &command, bool enabled) {
        QAction *action = menu->addAction(text);
        action->setObjectName(name);
        action->setEnabled(enabled && m_source->acceptsFaultCommands());
        connect(action, &QAction::triggered, m_source, [this, command] { m_source->runFaultCommand(command); });
    };
    const bool alive = info != nullptr && info->alive;
    const bool isolated = info != nullptr && info->isolated;
    const QString n = QString::number(broker);
    add(QStringLiteral("crash"), tr("Crash"), QStringLiteral("crash broker ") + n, alive);
    add(QStringLiteral("restart"), tr("Restart"), QStringLiteral("restart broker ") + n, info != nullptr && !alive);
    add(QStringLiteral("isolate"), tr("Isolate (network partition)"), QStringLiteral("isolate broker ") + n,
        alive && !isolated);
    add(QStringLiteral("heal"), tr("Heal network"), QStringLiteral("heal broker ") + n, isolated);
    add(QStringLiteral("slow"), tr("Slow follower (fetches 40 s behind)"),
        QStringLiteral("slow broker ") + n + QStringLiteral(" by=40s"), alive);
    add(QStringLiteral("unslow"), tr("Normal speed"), QStringLiteral("slow broker ") + n + QStringLiteral(" by=0s"),
        info != nullptr && info->slowByMs > 0);
    return menu;
}

void ClusterView::contextMenuEvent(QContextMenuEvent *event)
{
    const int broker = brokerAt(event->pos());
    if (broker < 0)
        return;
    QMenu *menu = createBrokerMenu(broker, this);
    menu->exec(event->globalPos());
    menu->deleteLater();
}

void ClusterView::mousePressEvent(QMouseEvent *event)
{
    for (const auto &[name, rect] : m_chipRects)
        if (rect.contains(event->position())) {
            m_source->setFocusPartition(name);
            return;
        }
    QWidget::mousePressEvent(event);
}

void ClusterView::paintEvent(QPaintEvent * /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    m_brokerRects.clear();
    m_chipRects.clear();

    const ClusterSnapshot &s = m_source->cluster();
    const ViewFonts fonts(font());
    const auto &[fm, line, pad, bold, small, fmSmall] = fonts;

    if (s.brokers.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No cluster yet"));
        return;
    }

    // Footer: partition health and legend (two lines).
    QStringList under;
    QStringList offline;
    for (const PartitionInfo &part : s.partitions) {
        if (part.internal && !m_showInternal)
            continue;
        if (part.offline)
            offline.append(part.name);
        else if (part.underReplicated)
            under.append(part.name);
    }
    const double footerH = line * 2 + pad;
    const QRectF area(pad, pad, width() - 2 * pad, height() - 2 * pad - footerH);

    // Broker grid.
    const int n = static_cast<int>(s.brokers.size());
    const double minBoxW = fm.horizontalAdvance(QStringLiteral("♛ L orders-10")) + 3 * pad;
    const int cols = std::clamp(static_cast<int>(area.width() / minBoxW), 1, n);
    const int rows = (n + cols - 1) / cols;
    const double gap = pad;
    const double boxW = (area.width() - gap * (cols - 1)) / cols;
    const double boxH = (area.height() - gap * (rows - 1)) / rows;

    for (int i = 0; i < n; ++i) {
        const BrokerInfo &b = s.brokers[i];
        const QRectF box(area.left() + (i % cols) * (boxW + gap), area.top() + (i / cols) * (boxH + gap), boxW, boxH);
        m_brokerRects.append({b.id, box});
        const bool down = !b.alive;
        QColor border = pal.color(QPalette::Mid);
        Qt::PenStyle style = Qt::SolidLine;
        QString status = tr("online");
        QColor statusColor = Theme::leader(pal);
        if (down) {
            border = Theme::danger(pal);
            style = Qt::DashLine;
            status = tr("✖ DOWN");
            statusColor = Theme::danger(pal);
        } else if (b.isolated) {
            border = Theme::outOfSync(pal);
            style = Qt::DashDotLine;
            status = tr("⚡ ISOLATED");
            statusColor = Theme::outOfSync(pal);
        } else if (b.fenced) {
            border = Theme::outOfSync(pal);
            style = Qt::DotLine;
            status = tr("⛔ FENCED");
            statusColor = Theme::outOfSync(pal);
        }
        if (b.slowByMs > 0 && !down)
            status += tr("  ◔ SLOW +%1 s").arg(static_cast<double>(b.slowByMs) / 1000.0);
        QColor fill = Theme::card(pal);
        if (down)
            fill = Theme::isDark(pal) ? QColor(0x3a, 0x22, 0x22) : QColor(0xf6, 0xe1, 0xe1);
        p.setPen(QPen(border, b.controller ? 2.5 : 1.5, style));
        p.setBrush(fill);
        p.drawRoundedRect(box, 8, 8);
        if (down) {
            // A dead broker is crossed out as well as red.
            p.setPen(QPen(Theme::danger(pal), 1, Qt::DotLine));
            p.drawLine(box.topLeft() + QPointF(8, 8), box.bottomRight() - QPointF(8, 8));
            p.drawLine(box.topRight() + QPointF(-8, 8), box.bottomLeft() + QPointF(8, -8));
        }
        // Header.
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        const QRectF header(box.left() + pad, box.top() + pad * 0.6, box.width() - 2 * pad, line);
        p.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, tr("Broker %1").arg(b.id));
        if (b.controller) {
            p.setFont(small);
            // A narrow box keeps the star (the legend says what it means) rather than overlap the name.
            const double nameWidth = QFontMetricsF(bold).horizontalAdvance(tr("Broker %1").arg(b.id)) + pad;
            QString badge = tr("★ CONTROLLER");
            if (nameWidth + fmSmall.horizontalAdvance(badge) + pad > header.width())
                badge = tr("★ CTRL");
            if (nameWidth + fmSmall.horizontalAdvance(badge) + pad > header.width())
                badge = QStringLiteral("★");
            const double bw = fmSmall.horizontalAdvance(badge) + pad;
            const QRectF badgeRect(header.right() - bw, header.top() + 1, bw, line - 2);
            p.setPen(Qt::NoPen);
            p.setBrush(pal.color(QPalette::Highlight));
            p.drawRoundedRect(badgeRect, 4, 4);
            p.setPen(pal.color(QPalette::HighlightedText));
            p.drawText(badgeRect, Qt::AlignCenter, badge);
        }
        p.setFont(small);
        p.setPen(statusColor);
        const QRectF statusRect(header.left(), header.bottom(), header.width(), fmSmall.height() + 2);
        p.drawText(statusRect, Qt::AlignLeft | Qt::AlignVCenter,
            fmSmall.elidedText(status, Qt::ElideRight, statusRect.width()));

        // Replica chips.
        p.setFont(font());
        const double chipH = line + 4;
        const double chipW
            = std::min(box.width() - 2 * pad, fm.horizontalAdvance(QStringLiteral("♛ L orders-10 ")) + pad);
        const int chipCols = std::max(1, static_cast<int>((box.width() - pad) / (chipW + pad * 0.5)));
        const double chipTop = statusRect.bottom() + pad * 0.5;
        const int chipRows = std::max(1, static_cast<int>((box.bottom() - pad * 0.5 - chipTop) / (chipH + 3)));
        const int capacity = chipCols * chipRows;
        int index = 0;
        int hidden = 0;
        for (const PartitionInfo &part : s.partitions) {
            if (part.internal && !m_showInternal)
                continue;
            if (!part.replicas.contains(b.id))
                continue;
            if (index >= capacity) {
                ++hidden;
                continue;
            }
            const QRectF chip(box.left() + pad * 0.75 + (index % chipCols) * (chipW + pad * 0.5),
                chipTop + (index / chipCols) * (chipH + 3), chipW, chipH);
            ++index;
            m_chipRects.append({part.name, chip});
            const bool isLeader = part.leader == b.id;
            const bool inIsr = part.isr.contains(b.id);
            QString text;
            QColor chipFill;
            QColor chipBorder;
            Qt::PenStyle chipStyle = Qt::SolidLine;
            if (part.offline) {
                text = QStringLiteral("⚠ ") + part.name + tr(" offline");
                chipFill = fill;
                chipBorder = Theme::danger(pal);
                chipStyle = Qt::DashLine;
            } else if (isLeader) {
                text = QStringLiteral("♛ L ") + part.name;
                chipFill = Theme::leader(pal);
                chipBorder = chipFill.darker(130);
            } else if (inIsr) {
                text = QStringLiteral("✓ ") + part.name;
                chipFill = fill;
                chipBorder = Theme::follower(pal);
            } else {
                text = QStringLiteral("✗ ") + part.name;
                chipFill = fill;
                chipBorder = Theme::outOfSync(pal);
                chipStyle = Qt::DashLine;
            }
            if (down)
                chipBorder = Theme::muted(pal);
            p.setPen(QPen(chipBorder, 1.5, chipStyle));
            p.setBrush(chipFill);
            p.drawRoundedRect(chip, 5, 5);
            QColor textColor = isLeader && !part.offline ? Theme::textOn(chipFill) : pal.color(QPalette::Text);
            if (down)
                textColor = pal.color(QPalette::Disabled, QPalette::Text);
            if (part.name == m_source->focusPartition()) {
                p.setPen(QPen(pal.color(QPalette::Highlight), 2.5));
                p.setBrush(Qt::NoBrush);
                p.drawRoundedRect(chip.adjusted(-2, -2, 2, 2), 6, 6);
            }
            p.setPen(textColor);
            p.drawText(chip.adjusted(pad * 0.4, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(text, Qt::ElideRight, chip.width() - pad * 0.6));
        }
        if (hidden > 0) {
            p.setFont(small);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(box.left(), box.bottom() - fmSmall.height() - 2, box.width() - pad, fmSmall.height()),
                Qt::AlignRight | Qt::AlignVCenter, tr("+%1 more").arg(hidden));
        }
    }

    // Footer.
    p.setFont(font());
    const QRectF footer(pad, height() - footerH, width() - 2 * pad, line);
    const auto listText = [](const QStringList &list) -> QString {
        if (list.size() <= 8)
            return list.join(QStringLiteral(", "));
        return QStringList(list.mid(0, 8)).join(QStringLiteral(", ")) + QStringLiteral(" … (+%1)").arg(list.size() - 8);
    };
    QString health;
    if (under.isEmpty() && offline.isEmpty()) {
        p.setPen(Theme::leader(pal));
        health = tr("✓ All partitions fully replicated");
    } else {
        p.setPen(offline.isEmpty() ? Theme::outOfSync(pal) : Theme::danger(pal));
        if (!offline.isEmpty())
            health += tr("⚠ Offline (%1): %2   ").arg(offline.size()).arg(listText(offline));
        if (!under.isEmpty())
            health += tr("⚠ Under-replicated (%1): %2").arg(under.size()).arg(listText(under));
    }
    p.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(health, Qt::ElideRight, footer.width()));
    p.setFont(small);
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(footer.translated(0, line), Qt::AlignLeft | Qt::AlignVCenter,
        fmSmall.elidedText(m_source->acceptsFaultCommands()
                ? tr("♛ L leader (filled)   ✓ in-sync follower   ✗ out of ISR (dashed)   ⚠ offline   "
                     "★ controller   right-click a broker for faults")
                : tr("♛ L leader (filled)   ✓ in-sync follower   ✗ out of ISR (dashed)   ⚠ offline   "
                     "★ controller"),
            Qt::ElideRight, footer.width()));
}

} // namespace kafkalab::app
