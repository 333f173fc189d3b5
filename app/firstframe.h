#pragma once

#include <functional>

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QObject>
#include <QTimer>
#include <QWidget>
#include <QWindow>

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace kafkalab::app {

/**
 * Calls `then` once, right after `window` is first exposed and painted (its widgets paint while
 * the expose event is handled; `then` is queued behind it). For work that the first frame does
 * not need and should not slow down. Header-only so the bare-window baseline of the start-up
 * benchmark (tests/bench/barewindow) measures exactly as the app does.
 */
inline void afterFirstFrame(QWidget &window, std::function<void()> then)
{
    class Watcher final : public QObject
    {
    public:
        Watcher(QObject *parent, std::function<void()> f)
            : QObject(parent)
            , m_then(std::move(f))
        { }

    protected:
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Expose && m_then) {
                // Queued: runs after the expose is handled, that is after the first paint.
                QTimer::singleShot(0, parent(), std::move(m_then));
                m_then = nullptr;
                deleteLater();
            }
            return QObject::eventFilter(watched, event);
        }

    private:
        std::function<void()> m_then;
    };
    window.winId(); // creates the native window, so windowHandle() exists
    window.windowHandle()->installEventFilter(new Watcher(&window, std::move(then)));
}

/**
 * For the start-up benchmark: once `window`'s first frame is painted, prints
 * `{"firstFrameMs": …, "sinceLaunchMs": …}` and quits. firstFrameMs is measured on `clock`
 * (started first thing in main); sinceLaunchMs from the CLOCK_MONOTONIC time in nanoseconds that
 * the launcher put in KAFKALAB_BENCH_LAUNCH_NS just before starting the process, so it includes
 * loading the shared libraries (-1 without it).
 */
inline void quitAfterFirstFrame(QWidget &window, const QElapsedTimer &clock)
{
    afterFirstFrame(window, [&clock] {
        double sinceLaunchMs = -1;
        if (const char *launch = std::getenv("KAFKALAB_BENCH_LAUNCH_NS")) {
            timespec now {};
            clock_gettime(CLOCK_MONOTONIC, &now);
            const double nowNs = static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
            sinceLaunchMs = (nowNs - std::strtod(launch, nullptr)) / 1e6;
        }
        std::printf("{\"firstFrameMs\": %.1f, \"sinceLaunchMs\": %.1f}\n",
            static_cast<double>(clock.nsecsElapsed()) / 1e6, sinceLaunchMs);
        std::fflush(stdout);
        QApplication::exit(0);
    });
}

} // namespace kafkalab::app
