#include "viewexport.h"

#include <utility>

#include "app/ui/qcustomplotheader.h"

#include <QBuffer>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QTemporaryDir>
#include <QWidget>

namespace kafkalab::app {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ViewExport", text);
}

QString titleOf(const QWidget *widget)
{
    const QString name = widget->accessibleName().isEmpty() ? widget->objectName() : widget->accessibleName();
    return name.isEmpty() ? QStringLiteral("Kafka Lab view") : QStringLiteral("Kafka Lab — ") + name;
}

/** Opens a context menu with "Export view…" (after the view's own actions) on right-click or the menu key. */
class ExportMenuFilter final : public QObject
{
public:
    ExportMenuFilter(QWidget *view, std::function<void(QMenu *, const QPoint &)> extend)
        : QObject(view)
        , m_view(view)
        , m_extend(std::move(extend))
    { }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_view || event->type() != QEvent::ContextMenu)
            return false;
        auto *e = static_cast<QContextMenuEvent *>(event);
        QMenu menu(m_view);
        menu.setObjectName(QStringLiteral("viewMenu"));
        if (m_extend)
            m_extend(&menu, e->pos());
        if (!menu.actions().isEmpty())
            menu.addSeparator();
        QAction *exportAction = menu.addAction(tr("E&xport view…"));
        exportAction->setObjectName(QStringLiteral("exportView"));
        QWidget *view = m_view;
        connect(exportAction, &QAction::triggered, view, [view] { ViewExport::exportWithDialog(view, view); });
        menu.exec(e->globalPos());
        return true;
    }

private:
    QWidget *m_view;
    std::function<void(QMenu *, const QPoint &)> m_extend;
};

std::optional<QString> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return std::nullopt;
}

/** QCustomPlot's own savePng/savePdf write a file: let them write a temporary one, then copy it safely. */
std::optional<QByteArray> viaTemporaryFile(const std::function<bool(const QString &)> &save, const QString &suffix)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return std::nullopt;
    const QString path = dir.filePath(QStringLiteral("export.") + suffix);
    if (!save(path))
        return std::nullopt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

} // namespace

std::optional<ViewExport::Format> ViewExport::formatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png")
        return Format::Png;
    if (suffix == u"svg")
        return Format::Svg;
    if (suffix == u"pdf")
        return Format::Pdf;
    return std::nullopt;
}

std::optional<QString> ViewExport::exportWidget(QWidget *widget, const QString &path)
{
    if (widget == nullptr)
        return tr("There is no view to export.");
    const auto format = formatFor(path);
    if (!format)
        return tr("Unknown file type for %1: use .png, .svg or .pdf.").arg(QDir::toNativeSeparators(path));
    // Fail early (and without rendering) when the place cannot be written.
    {
        const QFileInfo dir(QFileInfo(path).absolutePath());
        if (!dir.exists() || !dir.isDir())
            return tr("Cannot write %1: the folder %2 does not exist.")
                .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(dir.filePath()));
    }
    const QSize size = widget->size().expandedTo(QSize(1, 1));
    auto *plot = qobject_cast<QCustomPlot *>(widget);
    QByteArray bytes;
    switch (*format) {
    case Format::Png: {
        const double ratio = widget->devicePixelRatioF();
        if (plot != nullptr) {
            const auto data = viaTemporaryFile(
                [&](const QString &file) { return plot->savePng(file, size.width(), size.height(), ratio); },
                QStringLiteral("png"));
            if (!data)
                return tr("Could not render the chart as PNG.");
            bytes = *data;
        } else {
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            if (!widget->grab().save(&buffer, "PNG"))
                return tr("Could not render the view as PNG.");
        }
        break;
    }
    case Format::Svg: {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(widget->logicalDpiX());
        svg.setTitle(titleOf(widget));
        svg.setDescription(tr("Exported from Kafka Lab"));
        if (plot != nullptr) {
            QCPPainter painter;
            if (!painter.begin(&svg))
                return tr("Could not render the chart as SVG.");
            painter.setMode(QCPPainter::pmVectorized);
            painter.setMode(QCPPainter::pmNoCaching);
            // An opaque background, so a dark theme's light text stays readable in any viewer.
            painter.fillRect(QRect(QPoint(0, 0), size), widget->palette().color(QPalette::Base));
            plot->toPainter(&painter, size.width(), size.height());
            painter.end();
        } else {
            QPainter painter;
            if (!painter.begin(&svg))
                return tr("Could not render the view as SVG.");
            widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
            painter.end();
        }
        break;
    }
    case Format::Pdf: {
        if (plot != nullptr) {
            const auto data = viaTemporaryFile(
                [&](const QString &file) {
                    return plot->savePdf(file, size.width(), size.height(), QCP::epAllowCosmetic,
                        QStringLiteral("Kafka Lab"), titleOf(widget));
                },
                QStringLiteral("pdf"));
            if (!data)
                return tr("Could not render the chart as PDF.");
            bytes = *data;
        } else {
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            QPdfWriter pdf(&buffer);
            pdf.setCreator(QStringLiteral("Kafka Lab"));
            pdf.setTitle(titleOf(widget));
            // One page the size of the view, at the screen's resolution, so text keeps its layout.
            const int dpi = widget->logicalDpiX();
            pdf.setResolution(dpi);
            pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
            pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / dpi, size.height() * 72.0 / dpi), QPageSize::Point,
                QString(), QPageSize::ExactMatch));
            QPainter painter;
            if (!painter.begin(&pdf))
                return tr("Could not render the view as PDF.");
            widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
            painter.end();
        }
        break;
    }
    }
    if (bytes.isEmpty())
        return tr("Nothing was rendered for %1.").arg(QDir::toNativeSeparators(path));
    return writeFile(path, bytes);
}

void ViewExport::exportWithDialog(QWidget *widget, QWidget *dialogParent)
{
    if (widget == nullptr)
        return;
    const QString png = tr("PNG image (*.png)");
    const QString svg = tr("SVG vector image (*.svg)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    const QString base = widget->objectName().isEmpty() ? QStringLiteral("kafkalab-view") : widget->objectName();
    QString selected = png;
    QString path = QFileDialog::getSaveFileName(dialogParent, tr("Export view"),
        QDir(dir).filePath(base + QStringLiteral(".png")), QStringList {png, svg, pdf}.join(QStringLiteral(";;")),
        &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected == svg ? QStringLiteral(".svg")
            : selected == pdf   ? QStringLiteral(".pdf")
                                : QStringLiteral(".png");
    if (const auto error = exportWidget(widget, path)) {
        QMessageBox box(QMessageBox::Warning, tr("Export failed"), *error, QMessageBox::Ok, dialogParent);
        box.setObjectName(QStringLiteral("exportError"));
        box.exec();
    }
}

void ViewExport::addExportMenu(QWidget *view, std::function<void(QMenu *, const QPoint &)> extend)
{
    if (view == nullptr)
        return;
    view->installEventFilter(new ExportMenuFilter(view, std::move(extend)));
}

} // namespace kafkalab::app
