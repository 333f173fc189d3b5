#pragma once

#include <QIcon>
#include <QList>
#include <QString>
#include <QStringList>

namespace kafkalab::app {

/**
 * Icons from SVG resources (":/icons/home.svg"), rendered at `sides` (square, in pixels) on
 * another thread from the moment this is called, one thread for them all. Qt's SVG icon engine
 * parses and renders an SVG on the GUI thread the first time each size is painted, after loading
 * its plugin: for the navigation's seven icons and the window's that was about 2 ms of the first
 * frame. Using an icon waits for the render if it has not finished; other sizes are scaled from
 * the nearest.
 */
[[nodiscard]] QList<QIcon> prerenderedSvgIcons(const QStringList &resources, const QList<int> &sides);

} // namespace kafkalab::app
