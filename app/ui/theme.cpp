#include "theme.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include <QApplication>
#include <QFont>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPolygonF>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>

#include "core/partitioner.h"

namespace kafkalab::app {
namespace {

Theme::Scheme g_scheme = Theme::Scheme::System;
double g_fontScale = 1.0;
QFont g_baseFont;
QPalette g_systemPalette;
bool g_captured = false;

/**
 * The "more" chevron of menu bars and tool bars that do not fit, drawn in the palette's text
 * colour. Fusion's own is a dark PNG: invisible in the dark themes, and reading it makes Qt load
 * every image format plugin, a few milliseconds of the menu bar's construction at start-up.
 */
class ExtensionChevronEngine final : public QIconEngine
{
public:
    explicit ExtensionChevronEngine(Qt::Orientation orientation)
        : m_orientation(orientation)
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette palette = QApplication::palette();
        const QColor colour
            = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::ButtonText);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(colour, std::max(1.5, rect.height() / 10.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        // Two chevrons ("»"), pointing right for a horizontal bar and down for a vertical one.
        const QRectF r = QRectF(rect).adjusted(
            rect.width() * 0.25, rect.height() * 0.3, -rect.width() * 0.25, -rect.height() * 0.3);
        for (const double at : {0.0, 0.5}) {
            QPolygonF chevron;
            if (m_orientation == Qt::Horizontal) {
                const double x = r.left() + at * r.width();
                chevron << QPointF(x, r.top()) << QPointF(x + r.width() / 2, r.center().y()) << QPointF(x, r.bottom());
            } else {
                const double y = r.top() + at * r.height();
                chevron << QPointF(r.left(), y) << QPointF(r.center().x(), y + r.height() / 2) << QPointF(r.right(), y);
            }
            painter->drawPolyline(chevron);
        }
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    [[nodiscard]] QIconEngine *clone() const override { return new ExtensionChevronEngine(m_orientation); }

private:
    Qt::Orientation m_orientation;
};

/**
 * The app's style: Fusion with two changes.
 * - Fusion outlines check boxes, radio buttons, text fields and framed panels with the window
 *   colour made darker, which is invisible on a black window (high contrast): an unchecked box,
 *   an empty text field or text area and the pages' cards disappeared. On very dark palettes
 *   this draws their edges again in the text or mid colour.
 * - The extension chevrons are ExtensionChevronEngine's.
 */
class KafkaLabStyle final : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    [[nodiscard]] QIcon standardIcon(
        StandardPixmap icon, const QStyleOption *option, const QWidget *widget) const override
    {
        if (icon == SP_ToolBarHorizontalExtensionButton)
            return QIcon(new ExtensionChevronEngine(Qt::Horizontal));
        if (icon == SP_ToolBarVerticalExtensionButton)
            return QIcon(new ExtensionChevronEngine(Qt::Vertical));
        return QProxyStyle::standardIcon(icon, option, widget);
    }

    void drawPrimitive(
        PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        if (option->palette.color(QPalette::Window).lightnessF() > 0.2F)
            return;
        if (element == PE_PanelLineEdit || element == PE_Frame) {
            // Text fields, text areas and framed panels (the pages' cards) need an edge too:
            // Fusion draws it a shade darker than the window, which on black is black.
            painter->save();
            painter->setPen(QPen(option->palette.color(QPalette::Mid), 1));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5));
            painter->restore();
            return;
        }
        if (element != PE_IndicatorCheckBox && element != PE_IndicatorRadioButton)
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QColor pen = option->palette.color(QPalette::Text);
        if (!(option->state & State_Enabled))
            pen = option->palette.color(QPalette::Disabled, QPalette::Text);
        painter->setPen(QPen(pen, 1.5));
        painter->setBrush(Qt::NoBrush);
        const QRectF r = QRectF(option->rect).adjusted(1, 1, -1, -1);
        if (element == PE_IndicatorRadioButton)
            painter->drawEllipse(r);
        else
            painter->drawRoundedRect(r, 2, 2);
        painter->restore();
    }
};

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x20, 0x23, 0x28));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x17, 0x19, 0x1d));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x2a, 0x30));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x2c, 0x30, 0x37));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x2c, 0x30, 0x37));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Mid, QColor(0x50, 0x55, 0x5c));
    p.setColor(QPalette::Link, QColor(0x7c, 0xb7, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xff));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf4, 0xf6));
    p.setColor(QPalette::WindowText, QColor(0x1b, 0x1f, 0x24));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xee, 0xf0, 0xf3));
    p.setColor(QPalette::Text, QColor(0x1b, 0x1f, 0x24));
    p.setColor(QPalette::Button, QColor(0xe8, 0xea, 0xee));
    p.setColor(QPalette::ButtonText, QColor(0x1b, 0x1f, 0x24));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xd1));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0xb8, 0xbd, 0xc4));
    p.setColor(QPalette::Link, QColor(0x0b, 0x5c, 0xc2));
    p.setColor(QPalette::LinkVisited, QColor(0x6a, 0x3f, 0xb5));
    for (const auto role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
        p.setColor(QPalette::Disabled, role, QColor(0x9a, 0x9f, 0xa6));
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0xf0, 0xf1, 0xf3));
    return p;
}

QPalette highContrastPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, Qt::black);
    p.setColor(QPalette::WindowText, Qt::white);
    p.setColor(QPalette::Base, Qt::black);
    p.setColor(QPalette::AlternateBase, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Text, Qt::white);
    p.setColor(QPalette::Button, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::ButtonText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0xff, 0xd7, 0x00));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Mid, QColor(0xa0, 0xa0, 0xa0));
    // Hints in empty fields and views ("No cluster yet"): Qt's default is dark text, unreadable here.
    p.setColor(QPalette::PlaceholderText, QColor(0xb8, 0xb8, 0xb8));
    // Links in high contrast: bright cyan (and underlined, as links are), never dark blue on black.
    p.setColor(QPalette::Link, QColor(0x00, 0xe5, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xff, 0x9e, 0xf5));
    // Disabled is mid grey (still readable on black) so a control that cannot be used looks it.
    for (const auto role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
        p.setColor(QPalette::Disabled, role, QColor(0x8c, 0x8c, 0x8c));
    return p;
}

} // namespace

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.45F;
}

QColor Theme::keyColor(const QString &key, const QPalette &palette)
{
    if (key.isEmpty())
        return muted(palette);
    // The same colour for a key in every run (qHash is seeded per process, so the colours
    // changed each start): Kafka's own murmur2 of the key's UTF-8 bytes. A golden-ratio walk
    // over the hue circle keeps neighbouring hashes apart.
    const QByteArray utf8 = key.toUtf8();
    const auto hash = static_cast<std::uint32_t>(core::murmur2(std::string_view(utf8.constData(), utf8.size())));
    const auto h = static_cast<double>(hash % 1000U) / 1000.0;
    const double hue = std::fmod(h * 0.618033988749895 * 7.0, 1.0);
    return isDark(palette) ? QColor::fromHslF(static_cast<float>(hue), 0.45F, 0.38F)
                           : QColor::fromHslF(static_cast<float>(hue), 0.65F, 0.80F);
}

QColor Theme::leader(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x2e, 0x9d, 0x5b) : QColor(0x1e, 0x8e, 0x4e);
}

QColor Theme::follower(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x4a, 0x8f, 0xd9) : QColor(0x2f, 0x6f, 0xc0);
}

QColor Theme::outOfSync(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf0, 0xa0, 0x30) : QColor(0xc7, 0x6a, 0x00);
}

QColor Theme::danger(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf0, 0x60, 0x60) : QColor(0xc6, 0x28, 0x28);
}

QColor Theme::muted(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x60, 0x64, 0x6b) : QColor(0xb0, 0xb4, 0xba);
}

QColor Theme::card(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    return isDark(palette) ? base.lighter(125) : base;
}

QColor Theme::textOn(const QColor &background)
{
    return background.lightnessF() > 0.55F ? QColor(0x11, 0x11, 0x11) : QColor(0xf5, 0xf5, 0xf5);
}

void Theme::apply(QApplication &app, Scheme scheme, double fontScale)
{
    if (!g_captured) {
        g_baseFont = QApplication::font();
        g_systemPalette = QApplication::palette();
        g_captured = true;
    }
    g_scheme = scheme;
    g_fontScale = fontScale;
    QApplication::setStyle(new KafkaLabStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
    switch (scheme) {
    case Scheme::System:
        // Follow the desktop: keep its palette, but give the bare default a calmer light one.
        QApplication::setPalette(isDark(g_systemPalette) ? darkPalette() : lightPalette());
        break;
    case Scheme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case Scheme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    case Scheme::HighContrast:
        QApplication::setPalette(highContrastPalette());
        break;
    }
    QFont font = g_baseFont;
    font.setPointSizeF(std::max(6.0, g_baseFont.pointSizeF() * fontScale));
    QApplication::setFont(font);
    Q_UNUSED(app);
}

QColor Theme::secondary(const QPalette &palette)
{
    const QColor t = palette.color(QPalette::Text);
    const QColor b = palette.color(QPalette::Base);
    const auto mix = [](float x, float y) { return x * 0.62F + y * 0.38F; };
    return QColor::fromRgbF(mix(t.redF(), b.redF()), mix(t.greenF(), b.greenF()), mix(t.blueF(), b.blueF()));
}

Theme::Scheme Theme::scheme() noexcept
{
    return g_scheme;
}

double Theme::fontScale() noexcept
{
    return g_fontScale;
}

} // namespace kafkalab::app
