#pragma once

#include <functional>
#include <optional>

#include <QString>

class QMenu;
class QPoint;
class QWidget;

namespace kafkalab::app {

/**
 * Saves any view or chart as PNG (pixels at the screen's device pixel ratio), SVG or PDF (vector),
 * the format chosen by the file's extension. QCustomPlot charts are drawn through their own
 * toPixmap/toPainter so the vector formats stay vector; other widgets through QWidget::render.
 */
class ViewExport final
{
public:
    ViewExport() = delete;

    enum class Format { Png, Svg, Pdf };

    /** The format for a file name's extension (case-insensitive), or none. */
    [[nodiscard]] static std::optional<Format> formatFor(const QString &path);
    /** Writes `widget` to `path`; on failure the message says what went wrong, for the user. */
    [[nodiscard]] static std::optional<QString> exportWidget(QWidget *widget, const QString &path);
    /** Asks for a file name (the filter picks the format) and exports; errors are shown in a dialog. */
    static void exportWithDialog(QWidget *widget, QWidget *dialogParent = nullptr);

    /**
     * Gives `view` a context menu with "Export view…". `extend` may add its own actions first
     * (for example the cluster view's broker faults) for the point clicked.
     */
    static void addExportMenu(QWidget *view, std::function<void(QMenu *, const QPoint &)> extend = {});
};

} // namespace kafkalab::app
