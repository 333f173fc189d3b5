#pragma once

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
 * For the start-up benchmark: once `window` is first exposed (its widgets paint while that
 * event is handled), prints `{"firstFrameMs": …, "sinceLaunchMs": …}` and quits. firstFrameMs is
 * measured on `clock` (started first thing in main); sinceLaunchMs from the CLOCK_MONOTONIC time
 * in nanoseconds that the launcher put in KAFKALAB_BENCH_LAUNCH_NS just before starting the
 * process, so it includes loading the shared libraries (-1 without it). Header-only so the
 * bare-window baseline (tests/bench/barewindow) measures exactly the same way.
 */
inline void quitAfterFirstFrame(QWidget &window, const QElapsedTimer &clock)
{
    class Watcher final : public QObject
    {
    public:
        Watcher(QObject *parent, const QElapsedTimer &c)
            : QObject(parent)
            , m_clock(c)
        { }

    protected:
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Expose && !m_done) {
                m_done = true;
                // Queued: runs after the expose is handled, that is after the first paint.
                QTimer::singleShot(0, this, [this] {
                    double sinceLaunchMs = -1;
                    if (const char *launch = std::getenv("KAFKALAB_BENCH_LAUNCH_NS")) {
                        timespec now {};
                        clock_gettime(CLOCK_MONOTONIC, &now);
                        const double nowNs = static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
                        sinceLaunchMs = (nowNs - std::strtod(launch, nullptr)) / 1e6;
                    }
                    std::printf("{\"firstFrameMs\": %.1f, \"sinceLaunchMs\": %.1f}\n",
                        static_cast<double>(m_clock.nsecsElapsed()) / 1e6, sinceLaunchMs);
                    std::fflush(stdout);
                    QApplication::exit(0);
                });
            }
            return QObject::eventFilter(watched, event);
        }

    private:
        const QElapsedTimer &m_clock;
        bool m_done = false;
    };
    window.winId(); // creates the native window, so windowHandle() exists
    window.windowHandle()->installEventFilter(new Watcher(&window, clock));
}

} // namespace kafkalab::app
