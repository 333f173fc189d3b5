#pragma once

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSlider;

namespace kafkalab::app {

class SimulationController;

/**
 * Play/pause, step, step back and speed for one controller, the simulated clock, and a time
 * slider over the history the controller can bring back (time travel).
 */
class SimulationToolbar final : public QToolBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulationToolbar)

public:
    explicit SimulationToolbar(SimulationController *controller, QWidget *parent = nullptr);
    ~SimulationToolbar() override;

    /**
     * The time-travel slider with its labels, a row of its own under the toolbar (it needs the
     * width); the page puts it in its layout, which then owns it.
     */
    [[nodiscard]] QWidget *timelineRow() const noexcept { return m_timelineRow; }

private:
    void updateState();
    void updateClock();
    void seek(int valueMs);

    SimulationController *m_controller;
    QAction *m_play = nullptr;
    QAction *m_step = nullptr;
    QAction *m_back = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_clock = nullptr;
    QSlider *m_timeline = nullptr;
    QWidget *m_timelineRow = nullptr;
    QLabel *m_timelineEnd = nullptr;
};

} // namespace kafkalab::app
