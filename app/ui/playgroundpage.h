#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace kafkalab::app {

class CommandConsole;
class SimulationController;
class SimulationToolbar;
class SimulationViews;

/** Free simulation: the toolbar, the views, the event log and the command console. */
class PlaygroundPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaygroundPage)

public:
    explicit PlaygroundPage(QWidget *parent = nullptr);
    ~PlaygroundPage() override;

    [[nodiscard]] SimulationController *controller() const noexcept { return m_controller; }
    [[nodiscard]] SimulationViews *views() const noexcept { return m_views; }
    [[nodiscard]] CommandConsole *console() const noexcept { return m_console; }
    /** Loads the default playground unless a simulation is already there. */
    void ensureStarted();
    /** Starts over with the default playground. */
    void reset();

protected:
    void showEvent(QShowEvent *event) override;

private:
    SimulationController *m_controller;
    SimulationToolbar *m_toolbar = nullptr;
    SimulationViews *m_views = nullptr;
    QPlainTextEdit *m_eventLog = nullptr;
    CommandConsole *m_console = nullptr;
    bool m_autoPlayed = false;
};

} // namespace kafkalab::app
