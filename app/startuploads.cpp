#include "startuploads.h"

#ifdef KAFKALAB_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>
#endif

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

#include "app/firstframe.h"
#include "app/ui/quizcontent.h"
#include "quiz/progressstore.h"

namespace kafkalab::app {

StartupLoads::StartupLoads()
{
#ifdef KAFKALAB_HAVE_FONTCONFIG
    // FcInit loads the default configuration that Qt's font database then uses (fontconfig is
    // thread-safe; the first caller's configuration wins).
    m_fonts = std::async(std::launch::async, [] { (void)FcInit(); });
#endif
}

StartupLoads::~StartupLoads()
{
    if (m_sqliteDriver.valid())
        m_sqliteDriver.wait();
    if (m_fonts.valid())
        m_fonts.wait();
    QuizContent::waitForPreload();
}

void StartupLoads::startWithApplication()
{
    m_sqliteDriver = std::async(std::launch::async, &quiz::ProgressStore::loadDriver);
    m_appIcon = std::async(std::launch::async, [] {
        // QSvgRenderer and QPainter on a QImage work on any thread (QPixmap would not).
        QSvgRenderer svg(QStringLiteral(":/icons/kafkalab.svg"));
        QList<QImage> sizes;
        for (const int side : {16, 24, 32, 48, 64, 128}) {
            QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            svg.render(&painter);
            painter.end();
            sizes.append(image);
        }
        return sizes;
    });
}

QIcon StartupLoads::appIcon()
{
    QIcon icon;
    if (m_appIcon.valid()) {
        for (const QImage &image : m_appIcon.get())
            icon.addPixmap(QPixmap::fromImage(image));
    }
    return icon;
}

void StartupLoads::startAfterFirstFrame(QWidget &window)
{
    afterFirstFrame(window, [] { QuizContent::preload(); });
}

} // namespace kafkalab::app
