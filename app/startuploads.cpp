#include "startuploads.h"

#ifdef KAFKALAB_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>
#endif

#include <QApplication>

#include "app/firstframe.h"
#include "app/ui/quizcontent.h"
#include "app/ui/svgicon.h"
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
}

void StartupLoads::startWithApplication()
{
    m_sqliteDriver = std::async(std::launch::async, &quiz::ProgressStore::loadDriver);
    // The window manager's icon: Qt would render the SVG at each size when creating the window.
    QApplication::setWindowIcon(
        prerenderedSvgIcons({QStringLiteral(":/icons/kafkalab.svg")}, {16, 24, 32, 48, 64, 128}).front());
}

void StartupLoads::startAfterFirstFrame(QWidget &window)
{
    afterFirstFrame(window, [] { QuizContent::preload(); });
}

} // namespace kafkalab::app
