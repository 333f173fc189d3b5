#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "app/ui/statesource.h"

class QTimer;

namespace kafkalab::core {
class Simulation;
namespace scenario {
class ScenarioRunner;
struct Command;
struct NameScope;
} // namespace scenario
} // namespace kafkalab::core

namespace kafkalab::app {

/** A problem with a script or a console line, placed at its line and column (1-based). */
struct ControllerError
{
    QString file;
    int line = 0;
    int column = 0;
    QString message;

    /** `FILE:LINE:COL: message`, as the CLI prints it. */
    [[nodiscard]] QString toString() const;
};

/** One `expect` line's outcome, for the lesson player. */
struct ExpectResult
{
    int line = 0;
    QString query;
    QString op;
    QString expected;
    QString actual;
    bool passed = false;
};

/**
 * Owns one simulation (through a core::scenario::ScenarioRunner) and drives its simulated time
 * from a QTimer at a chosen speed. Views read the snapshots it publishes; commands (console lines,
 * context-menu actions, lesson steps) go through the runner so they behave exactly as in a script.
 *
 * Step back keeps copies of the Simulation (a copy is a snapshot) every second of simulated time
 * and replays forward from the nearest one. A command that changes state outside the event queue
 * (a console line, a lesson step, an `at` command coming due) is a barrier: snapshots before it are
 * dropped, so a replay never has to re-run a command.
 */
class SimulationController final : public StateSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulationController)

public:
    enum class Mode { Empty, Playground, Lesson };
    enum class NarrationKind { Title, Say, Question, Pause, Focus };

    explicit SimulationController(QObject *parent = nullptr);
    ~SimulationController() override;

    /** The default playground: 3 brokers, `orders` (6 partitions, rf 3), p1 under load, a group of two. */
    [[nodiscard]] static QString defaultPlaygroundScript();

    /** Parses and runs a whole script at once, then lets time flow (the playground). */
    std::optional<ControllerError> loadPlayground(const QString &script, const QString &file);
    /** Parses a script for the lesson player: commands run one at a time with continueLesson(). */
    std::optional<ControllerError> loadLesson(const QString &script, const QString &file);
    void clear();

    [[nodiscard]] Mode mode() const noexcept { return m_mode; }
    [[nodiscard]] bool hasSimulation() const noexcept { return m_runner != nullptr; }
    [[nodiscard]] const core::Simulation *simulation() const noexcept;

    // ---- time ------------------------------------------------------------------------------
    [[nodiscard]] bool isPlaying() const noexcept { return m_playing; }
    [[nodiscard]] double speed() const noexcept { return m_speed; }
    [[nodiscard]] qint64 timeUs() const noexcept;
    [[nodiscard]] quint64 eventsProcessed() const noexcept;
    [[nodiscard]] bool canStepBack() const noexcept;
    static constexpr double kMinSpeed = 0.1;
    static constexpr double kMaxSpeed = 1000.0;

    void play();
    void pause();
    void togglePlay();
    void setSpeed(double speed);
    void faster();
    void slower();
    /** Runs one simulation event. */
    void stepEvent();
    /** Goes back one event (restore the nearest snapshot, replay forward). */
    void stepBack();
    /**
     * Time travel: shows the simulation as it was (or will be again) at `timeUs`, within
     * [historyStartUs, historyEndUs]. Playing, stepping or running a command from the past
     * continues from there; commands that had run later are then dropped from the timeline.
     */
    void seekTo(qint64 timeUs);
    /** The earliest time a snapshot can bring back. */
    [[nodiscard]] qint64 historyStartUs() const noexcept;
    /** The latest time reached on this timeline. */
    [[nodiscard]] qint64 historyEndUs() const noexcept;
    /** Whether the views show the past (after step back or a seek), not the latest time reached. */
    [[nodiscard]] bool inPast() const noexcept { return m_inPast; }
    /** One timer tick's worth of simulated time for `wallMs` of real time (used by the timer and the frame benchmark).
     */
    void advanceWall(double wallMs);

    // ---- commands --------------------------------------------------------------------------
    /** Parses and runs a console line; the error carries the column. */
    std::optional<ControllerError> executeLine(const QString &line);
    [[nodiscard]] QStringList names() const;
    [[nodiscard]] static QStringList commandWords();

    // ---- lessons ---------------------------------------------------------------------------
    /** Runs commands until a `pause`, the end, or an `advance` (which then plays out over time). */
    void continueLesson();
    /** Runs the lesson's next command that changes the simulation (narration on the way included). */
    void stepLessonCommand();
    [[nodiscard]] bool lessonWaiting() const noexcept
    {
        return m_mode == Mode::Lesson && !m_lessonRunning && !lessonFinished();
    }
    [[nodiscard]] bool lessonFinished() const noexcept;
    [[nodiscard]] int lessonCommandIndex() const noexcept { return static_cast<int>(m_nextCommand); }
    [[nodiscard]] int lessonCommandCount() const noexcept;

    // ---- views -----------------------------------------------------------------------------
    [[nodiscard]] const ClusterSnapshot &cluster() const noexcept override { return m_cluster; }
    [[nodiscard]] const PartitionLogSnapshot &partitionLog() const noexcept override { return m_log; }
    [[nodiscard]] const GroupsSnapshot &groups() const noexcept override { return m_groups; }
    [[nodiscard]] const ProducersSnapshot &producers() const noexcept override { return m_producers; }
    [[nodiscard]] const TransactionsSnapshot &transactions() const noexcept override { return m_transactions; }
    [[nodiscard]] const ClientMetricsSnapshot &clientMetrics() const noexcept override { return m_clientMetrics; }
    [[nodiscard]] QString focusPartition() const override { return m_focus; }
    void setFocusPartition(const QString &partition) override;
    [[nodiscard]] QStringList partitionNames() const override;
    [[nodiscard]] bool acceptsFaultCommands() const noexcept override { return hasSimulation(); }
    void runFaultCommand(const QString &line) override { executeLine(line); }

Q_SIGNALS:
    void playingChanged(bool playing);
    void speedChanged(double speed);
    /** A readable line for the event log (core events, commands, errors). */
    void logLine(const QString &text);
    /** How many core events the last slice ran (the event bridge counts them). */
    void eventsRan(int count);
    void narration(kafkalab::app::SimulationController::NarrationKind kind, const QString &text, int line);
    void expectation(const kafkalab::app::ExpectResult &result);
    void lessonStateChanged();
    void commandFailed(const kafkalab::app::ControllerError &error);

private:
    class EventBridge;
    struct Snapshot;

    std::optional<ControllerError> load(const QString &script, const QString &file, Mode mode);
    void attachRunner();
    void onTick();
    void runUntil(qint64 target, double budgetMs);
    void barrier();
    void takeSnapshot(bool afterCommand = false);
    /** Thins the periodic snapshots older than the dense history (see kDenseHistoryUs). */
    void thinSnapshots();
    void restore(const Snapshot &snapshot);
    void leavePast();
    void runLesson(bool oneCommand);
    void refresh();
    void syncScope();
    std::optional<ControllerError> runCommand(const core::scenario::Command &command);

    std::unique_ptr<core::scenario::ScenarioRunner> m_runner;
    std::unique_ptr<EventBridge> m_bridge;
    std::unique_ptr<core::scenario::Command> m_advanceCause;
    std::vector<Snapshot> m_snapshots;
    std::set<qint64> m_barriers;
    Mode m_mode = Mode::Empty;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_wall;
    bool m_playing = false;
    double m_speed = 1.0;
    bool m_replaying = false;
    int m_consoleLine = 0;
    qint64 m_snapshotIntervalUs = 1000000;
    qint64 m_headUs = 0;
    bool m_inPast = false;
    std::size_t m_nextCommand = 0;
    bool m_lessonRunning = false;
    qint64 m_lessonAdvanceTarget = -1;
    QString m_file;
    QString m_focus;
    ClusterSnapshot m_cluster;
    PartitionLogSnapshot m_log;
    GroupsSnapshot m_groups;
    ProducersSnapshot m_producers;
    TransactionsSnapshot m_transactions;
    ClientMetricsSnapshot m_clientMetrics;
};

} // namespace kafkalab::app
