#pragma once

#include <future>

class QWidget;

namespace kafkalab::app {

/**
 * Start-up work that does not need the main thread, run on other threads while the main thread
 * connects to the display and builds the window; and the work no page on screen needs, started
 * once the first frame is painted (docs/app.md, "Start-up"):
 * - fontconfig's configuration and font cache (Linux), 3–5 ms, which the first text Qt lays out
 *   would parse; started before QApplication, which mostly waits on the display server meanwhile;
 * - Qt's SQLite driver plugin, about 3 ms of dynamic loading, for Home's progress;
 * - the app's icon at the sizes window managers draw (svgicon.h), which creating the window
 *   would otherwise render from the SVG;
 * - after the first frame, the question bank, 15 ms of YAML (QuizContent::preload), so the Quiz
 *   page and the lessons' questions do not wait for it. Home asks for it earlier only on a
 *   profile's first start, for the first lesson's title.
 *
 * Construct it first thing in main. Its destructor waits for its loads (QuizContent waits for
 * the bank's when the application ends), so that static destructors never run under one.
 */
class StartupLoads final
{
public:
    StartupLoads();
    ~StartupLoads();
    StartupLoads(const StartupLoads &) = delete;
    StartupLoads &operator=(const StartupLoads &) = delete;

    /**
     * The loads that need the QApplication (its plugin paths), and the application's icon: call
     * once it exists.
     */
    void startWithApplication();
    /** The loads that wait for `window`'s first frame: call once it is shown. */
    void startAfterFirstFrame(QWidget &window);

private:
    std::future<void> m_fonts;
    std::future<void> m_sqliteDriver;
};

} // namespace kafkalab::app
