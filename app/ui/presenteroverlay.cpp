#include "presenteroverlay.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace kafkalab::app {
namespace {

constexpr qint64 kRingMs = 1200;
constexpr qint64 kTrailMs = 350;
constexpr qint64 kHintMs = 6000;
constexpr double kRingStartRadius = 14.0;
constexpr double kRingEndRadius = 46.0;
const QColor kRingColour(255, 200, 0); // amber: visible on both themes, outlined in black
const QColor kLaserColour(230, 30, 30);

} // namespace

PresenterOverlay::PresenterOverlay(QWidget *window)
    : QWidget(window)
    , m_window(window)
    , m_frame(new QTimer(this))
{
    setObjectName(QStringLiteral("presenterOverlay"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    hide();
    m_frame->setInterval(16);
    connect(m_frame, &QTimer::timeout, this, &PresenterOverlay::animate);
    m_clock.start();
    m_window->installEventFilter(this);
}

PresenterOverlay::~PresenterOverlay() = default;

void PresenterOverlay::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    m_rings.clear();
    m_trail.clear();
    if (active) {
        // Clicks land on child widgets: watch the whole application, keep what is in our window.
        qApp->installEventFilter(this);
        setGeometry(m_window->rect());
        raise();
        show();
    } else {
        qApp->removeEventFilter(this);
        setLaser(false);
        setBlank(false);
        hide();
    }
}

void PresenterOverlay::setLaser(bool on)
{
    m_laser = on && m_active;
    m_trail.clear();
    if (m_laser)
        m_window->setCursor(Qt::BlankCursor);
    else
        m_window->unsetCursor();
    update();
}

void PresenterOverlay::setBlank(bool on)
{
    m_blank = on && m_active;
    update();
}

void PresenterOverlay::highlight(const QPointF &pos)
{
    m_rings.append({pos, m_clock.elapsed()});
    ensureAnimating();
    update();
}

void PresenterOverlay::showHint(const QString &text)
{
    m_hint = text;
    m_hintUntilMs = m_clock.elapsed() + kHintMs;
    QTimer::singleShot(kHintMs + 50, this, qOverload<>(&QWidget::update));
    update();
}

bool PresenterOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize) {
        setGeometry(m_window->rect());
        return false;
    }
    if (!m_active)
        return false;
    const auto *widget = qobject_cast<QWidget *>(watched);
    if (widget == nullptr || widget->window() != m_window)
        return false;
    if (event->type() == QEvent::MouseButtonPress) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton)
            highlight(mapFromGlobal(mouse->globalPosition()));
    } else if (event->type() == QEvent::MouseMove && m_laser) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        m_trail.append({mapFromGlobal(mouse->globalPosition()), m_clock.elapsed()});
        ensureAnimating();
        update();
    }
    return false; // the click still does what it does
}

void PresenterOverlay::ensureAnimating()
{
    if (!m_frame->isActive())
        m_frame->start();
}

void PresenterOverlay::animate()
{
    const qint64 now = m_clock.elapsed();
    m_rings.removeIf([now](const Mark &m) { return now - m.bornMs > kRingMs; });
    // The newest laser point stays (the dot); older ones fade out as the trail.
    while (m_trail.size() > 1 && now - m_trail.front().bornMs > kTrailMs)
        m_trail.removeFirst();
    if (m_rings.isEmpty() && m_trail.size() <= 1)
        m_frame->stop();
    update();
}

void PresenterOverlay::paintEvent(QPaintEvent * /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_blank) {
        p.fillRect(rect(), Qt::black);
        p.setPen(QColor(140, 140, 140));
        p.drawText(rect().adjusted(0, 0, 0, -24), Qt::AlignHCenter | Qt::AlignBottom, tr("Screen blanked — press B"));
        return;
    }
    const qint64 now = m_clock.elapsed();
    for (const Mark &ring : std::as_const(m_rings)) {
        const double t = std::clamp(static_cast<double>(now - ring.bornMs) / kRingMs, 0.0, 1.0);
        const double radius = kRingStartRadius + (kRingEndRadius - kRingStartRadius) * t;
        const int alpha = static_cast<int>(255 * (1.0 - t));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(0, 0, 0, alpha), 7));
        p.drawEllipse(ring.pos, radius, radius);
        QColor amber = kRingColour;
        amber.setAlpha(alpha);
        p.setPen(QPen(amber, 4));
        p.drawEllipse(ring.pos, radius, radius);
    }
    if (now < m_hintUntilMs && !m_hint.isEmpty()) {
        const QFontMetrics fm(font());
        const QString text = fm.elidedText(m_hint, Qt::ElideRight, width() - 40);
        QRect box(0, 0, fm.horizontalAdvance(text) + 32, fm.height() + 16);
        box.moveCenter(QPoint(width() / 2, height() - box.height()));
        p.setPen(QPen(Qt::white, 1));
        p.setBrush(QColor(0, 0, 0, 215));
        p.drawRoundedRect(box, 8, 8);
        p.drawText(box, Qt::AlignCenter, text);
    }
    if (m_laser && !m_trail.isEmpty()) {
        for (qsizetype i = 1; i < m_trail.size(); ++i) {
            const double age = static_cast<double>(now - m_trail[i].bornMs) / kTrailMs;
            QColor c = kLaserColour;
            c.setAlphaF(static_cast<float>(std::clamp(0.7 * (1.0 - age), 0.0, 1.0)));
            p.setPen(QPen(c, 6, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(m_trail[i - 1].pos, m_trail[i].pos);
        }
        const QPointF dot = m_trail.back().pos;
        p.setPen(QPen(Qt::white, 2));
        p.setBrush(kLaserColour);
        p.drawEllipse(dot, 9, 9);
    }
}

} // namespace kafkalab::app
