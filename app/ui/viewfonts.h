#pragma once

#include <cmath>

#include <QFont>
#include <QFontMetricsF>

namespace kafkalab::app {

/**
 * The fonts and spacing every simulation view paints with, derived from the widget's font so
 * they follow the font scale and presenter mode. Unpack with a structured binding:
 * `const auto &[fm, line, pad, bold, small, fmSmall] = ViewFonts(font());`
 */
struct ViewFonts
{
    explicit ViewFonts(const QFont &base)
        : metrics(base)
        , line(metrics.height())
        , pad(std::round(line * 0.5))
        , bold(base)
        , small(base)
        , smallMetrics((small.setPointSizeF(base.pointSizeF() * 0.85), small))
    {
        bold.setBold(true);
    }

    QFontMetricsF metrics;
    double line;
    double pad;
    QFont bold;
    QFont small;
    QFontMetricsF smallMetrics;
};

} // namespace kafkalab::app
