#pragma once

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;

namespace kafkalab::app {

class SimulationController;

/** Play/pause, step, step back and speed for one controller, with the simulated clock. */
class SimulationToolbar final : public QToolBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulationToolbar)

public:
    explicit SimulationToolbar(SimulationController *controller, QWidget *parent = nullptr);
    ~SimulationToolbar() override;

private:
    void updateState();
    void updateClock();

    SimulationController *m_controller;
    QAction *m_play = nullptr;
    QAction *m_step = nullptr;
    QAction *m_back = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_clock = nullptr;
};

} // namespace kafkalab::app
