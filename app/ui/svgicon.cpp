#include "svgicon.h"

#include <future>
#include <utility>

#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace kafkalab::app {

namespace {

/** Hands every request to a pixmap icon made from the images once they are rendered. */
class PrerenderedIconEngine final : public QIconEngine
{
public:
    PrerenderedIconEngine(std::shared_future<QList<QList<QImage>>> rendered, qsizetype index)
        : m_rendered(std::move(rendered))
        , m_index(index)
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        icon().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().pixmap(size, mode, state);
    }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().actualSize(size, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return icon().availableSizes(mode, state);
    }
    void virtual_hook(int id, void *data) override
    {
        if (id == QIconEngine::ScaledPixmapHook) {
            // High-DPI screens ask for a size at a scale: the pixmap icon picks and scales.
            auto *arg = static_cast<QIconEngine::ScaledPixmapArgument *>(data);
            arg->pixmap = icon().pixmap(arg->size, arg->scale, arg->mode, arg->state);
            return;
        }
        if (id == QIconEngine::IsNullHook) {
            *static_cast<bool *>(data) = icon().isNull();
            return;
        }
        QIconEngine::virtual_hook(id, data);
    }
    [[nodiscard]] QIconEngine *clone() const override { return new PrerenderedIconEngine(m_rendered, m_index); }
    [[nodiscard]] QString key() const override { return QStringLiteral("KafkaLabPrerenderedSvg"); }

private:
    const QIcon &icon()
    {
        if (m_icon.isNull()) {
            for (const QImage &image : m_rendered.get().at(m_index))
                m_icon.addPixmap(QPixmap::fromImage(image));
        }
        return m_icon;
    }

    std::shared_future<QList<QList<QImage>>> m_rendered;
    qsizetype m_index;
    QIcon m_icon;
};

} // namespace

QList<QIcon> prerenderedSvgIcons(const QStringList &resources, const QList<int> &sides)
{
    std::shared_future<QList<QList<QImage>>> rendered = std::async(std::launch::async, [resources, sides] {
        // QSvgRenderer and QPainter on a QImage work on any thread (QPixmap would not).
        QList<QList<QImage>> all;
        for (const QString &resource : resources) {
            QSvgRenderer svg(resource);
            QList<QImage> images;
            for (const int side : sides) {
                QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
                image.fill(Qt::transparent);
                QPainter painter(&image);
                svg.render(&painter);
                painter.end();
                images.append(image);
            }
            all.append(images);
        }
        return all;
    }).share();
    QList<QIcon> icons;
    for (qsizetype i = 0; i < resources.size(); ++i)
        icons.append(QIcon(new PrerenderedIconEngine(rendered, i)));
    return icons;
}

} // namespace kafkalab::app
