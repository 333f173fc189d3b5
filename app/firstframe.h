#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QObject>
#include <QTimer>
#include <QWidget>
#include <QWindow>

#include <cstdio>

namespace kafkalab::app {

/**
 * For the start-up benchmark: once `window` is first exposed (its widgets paint while that
 * event is handled), prints `{"firstFrameMs": …}` measured on `clock` and quits. Header-only so
 * the bare-window baseline (tests/bench/barewindow) measures exactly the same way.
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
                    std::printf("{\"firstFrameMs\": %.1f}\n", static_cast<double>(m_clock.nsecsElapsed()) / 1e6);
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
