#pragma once

#include <future>

namespace kafkalab::app {

/**
 * Start-up work that does not need the main thread, run on other threads while the main thread
 * connects to the display and builds the window. Each is something the first frame would
 * otherwise wait for on the main thread (docs/app.md, "Benchmarks"):
 * - fontconfig's configuration and font cache (Linux), 3–5 ms, parsed by the first text Qt lays
 *   out; started before QApplication, which mostly waits on the display server meanwhile;
 * - Qt's SQLite driver plugin, about 3 ms of dynamic loading, for Home's progress;
 * - the question bank, 15 ms of YAML (QuizContent::preload), at a lower priority than the main
 *   thread: Home needs only one title from it, which it shows when the bank is ready.
 *
 * Construct it first thing in main. Its destructor waits for every load, so that static
 * destructors never run under one.
 */
class StartupLoads final
{
public:
    StartupLoads();
    ~StartupLoads();
    StartupLoads(const StartupLoads &) = delete;
    StartupLoads &operator=(const StartupLoads &) = delete;

    /** The loads that need the QApplication (its plugin paths): call once it exists. */
    void startWithApplication();

private:
    std::future<void> m_fonts;
    std::future<void> m_sqliteDriver;
    bool m_bankStarted = false;
};

} // namespace kafkalab::app
