#pragma once

#include <QColor>
#include <QString>

class QPalette;
class QApplication;

namespace kafkalab::app {

/** Colours and scales shared by the views; derived from the current palette so dark mode works. */
class Theme final
{
public:
    Theme() = delete;

    enum class Scheme { System, Light, Dark, HighContrast };

    [[nodiscard]] static bool isDark(const QPalette &palette);
    /** A stable colour for a record key (same key, same colour), readable under dark text. */
    [[nodiscard]] static QColor keyColor(const QString &key, const QPalette &palette);
    [[nodiscard]] static QColor leader(const QPalette &palette);
    /** Secondary text and lines: between text and background, readable in every scheme (not all set PlaceholderText).
     */
    [[nodiscard]] static QColor secondary(const QPalette &palette);
    [[nodiscard]] static QColor follower(const QPalette &palette);
    [[nodiscard]] static QColor outOfSync(const QPalette &palette);
    [[nodiscard]] static QColor danger(const QPalette &palette);
    [[nodiscard]] static QColor muted(const QPalette &palette);
    [[nodiscard]] static QColor card(const QPalette &palette);
    /** Text colour with enough contrast on `background`. */
    [[nodiscard]] static QColor textOn(const QColor &background);

    /** Applies a colour scheme and a font scale (1.0 = the system's size) to the application. */
    static void apply(QApplication &app, Scheme scheme, double fontScale);
    [[nodiscard]] static Scheme scheme() noexcept;
    [[nodiscard]] static double fontScale() noexcept;
};

} // namespace kafkalab::app
