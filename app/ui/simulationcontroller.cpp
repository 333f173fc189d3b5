#include "simulationcontroller.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <QTimer>

#include "app/ui/snapshotbuilder.h"
#include "core/event.h"
#include "core/scenario/scenariorunner.h"
#include "core/scenario/script.h"
#include "core/simulation.h"

namespace kafkalab::app {

namespace scenario = core::scenario;

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

ControllerError fromScriptError(const scenario::ScriptError &e)
{
    return ControllerError {qs(e.file), e.line, e.column, qs(e.message)};
}

constexpr std::array kSpeeds {0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0};
constexpr std::size_t kMaxSnapshots = 240;
/**
 * The periodic snapshots of the last kDenseHistoryUs are one simulated second apart; older ones
 * are thinned to one per kSparseStepUs (snapshots after a command always stay). Seeking into
 * older history replays up to kSparseStepUs of events; in exchange 240 snapshots cover half an
 * hour, and a busy cluster's history takes a fraction of the memory.
 */
constexpr qint64 kDenseHistoryUs = 30'000'000;
constexpr qint64 kSparseStepUs = 10'000'000;
constexpr int kTickMs = 16;
/** Wall-clock time one tick may spend running events, so the UI stays responsive. */
constexpr double kTickBudgetMs = 10.0;

} // namespace

QString ControllerError::toString() const
{
    return file + u':' + QString::number(line) + u':' + QString::number(column) + QStringLiteral(": ") + message;
}

/** Adapts the core's EventListener to the controller: counts events, no work per event beyond that. */
class SimulationController::EventBridge final : public core::EventListener
{
public:
    void onEvent(const core::Event &event) override
    {
        ++m_count;
        switch (event.type) {
        case core::EventType::RecordAppended:
        case core::EventType::ReplicaFetched:
        case core::EventType::HighWatermarkAdvanced:
        case core::EventType::ProduceSent:
        case core::EventType::ProduceAcked:
        case core::EventType::OffsetCommitted:
            break;
        default:
            m_structural = true;
        }
    }
    int take() { return std::exchange(m_count, 0); }
    bool takeStructural() { return std::exchange(m_structural, false); }

private:
    int m_count = 0;
    bool m_structural = false;
};

/** The runner, its simulation and the lesson position at one moment. */
struct SimulationController::Snapshot
{
    qint64 timeUs = 0;
    quint64 events = 0;
    /** Taken right after a command ran: replaying from an older snapshot would miss that command. */
    bool afterCommand = false;
    scenario::ScenarioRunner::Checkpoint runner;
    std::size_t nextCommand = 0;
    qint64 lessonAdvanceTarget = -1;
    std::set<qint64> barriers;
};

SimulationController::SimulationController(QObject *parent)
    : StateSource(parent)
    , m_bridge(std::make_unique<EventBridge>())
    , m_advanceCause(std::make_unique<scenario::Command>())
    , m_timer(new QTimer(this))
{
    m_advanceCause->verb = "advance";
    m_advanceCause->line = 0;
    m_timer->setInterval(kTickMs);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &SimulationController::onTick);
}

SimulationController::~SimulationController()
{
    if (m_runner)
        m_runner->simulation().removeListener(m_bridge.get());
}

QString SimulationController::defaultPlaygroundScript()
{
    return QStringLiteral("# The default playground\n"
                          "cluster brokers=3\n"
                          "topic create orders partitions=6 rf=3 min.insync.replicas=2\n"
                          "producer create p1 acks=all\n"
                          "load p1 orders rate=50/s key=user-{r}\n"
                          "consumer create c1 group=g1 auto.offset.reset=earliest\n"
                          "consumer create c2 group=g1 auto.offset.reset=earliest\n"
                          "subscribe c1 orders\n"
                          "subscribe c2 orders\n");
}

const core::Simulation *SimulationController::simulation() const noexcept
{
    return m_runner ? &m_runner->simulation() : nullptr;
}

qint64 SimulationController::timeUs() const noexcept
{
    return m_runner ? m_runner->simulation().now() : 0;
}

quint64 SimulationController::eventsProcessed() const noexcept
{
    return m_runner ? m_runner->simulation().eventsProcessed() : 0;
}

bool SimulationController::canStepBack() const noexcept
{
    return m_runner && !m_snapshots.empty() && m_snapshots.front().events < eventsProcessed();
}

qint64 SimulationController::historyStartUs() const noexcept
{
    return m_snapshots.empty() ? timeUs() : m_snapshots.front().timeUs;
}

qint64 SimulationController::historyEndUs() const noexcept
{
    return std::max(m_headUs, timeUs());
}

void SimulationController::clear()
{
    pause();
    if (m_runner)
        m_runner->simulation().removeListener(m_bridge.get());
    m_runner.reset();
    m_snapshots.clear();
    m_barriers.clear();
    m_headUs = 0;
    m_inPast = false;
    m_mode = Mode::Empty;
    m_nextCommand = 0;
    m_lessonRunning = false;
    m_lessonAdvanceTarget = -1;
    m_consoleLine = 0;
    refresh();
    Q_EMIT lessonStateChanged();
}

std::optional<ControllerError> SimulationController::load(const QString &text, const QString &file, Mode mode)
{
    const QByteArray utf8 = text.toUtf8();
    auto parsed = scenario::parseScript(
        std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())), file.toStdString());
    if (const auto *error = std::get_if<scenario::ScriptError>(&parsed))
        return fromScriptError(*error);
    clear();
    m_file = file;
    m_mode = mode;
    m_runner = std::make_unique<scenario::ScenarioRunner>(std::get<scenario::Script>(std::move(parsed)));
    attachRunner();
    m_focus.clear();
    return std::nullopt;
}

void SimulationController::attachRunner()
{
    m_runner->simulation().addListener(m_bridge.get());
    m_runner->onTrace = [this](const std::string &line) {
        if (!m_replaying)
            Q_EMIT logLine(qs(line));
    };
    m_runner->onNarration = [this](const scenario::Narration &n) {
        const auto kind = static_cast<NarrationKind>(static_cast<int>(n.kind));
        if (kind == NarrationKind::Focus) {
            // `focus producer:p1`, `group:g1` or `broker-2` are hints for the views, not partitions.
            const QString subject = qs(n.text);
            const qsizetype dash = subject.lastIndexOf(u'-');
            if (dash > 0
                && m_runner->simulation().partition(subject.left(dash).toStdString(), subject.mid(dash + 1).toInt())
                    != nullptr)
                setFocusPartition(subject);
            Q_EMIT viewHint(subject);
        }
        Q_EMIT narration(kind, qs(n.text), n.line);
    };
    m_runner->onExpect = [this](const scenario::ExpectOutcome &o) {
        Q_EMIT expectation(ExpectResult {o.line, qs(o.query), qs(o.op), qs(o.expected), qs(o.actual), o.passed});
    };
}

std::optional<ControllerError> SimulationController::loadPlayground(const QString &script, const QString &file)
{
    if (auto error = load(script, file, Mode::Playground))
        return error;
    std::optional<ControllerError> failure;
    for (const scenario::Command &c : m_runner->script().commands) {
        if (c.atUs)
            m_barriers.insert(*c.atUs);
        if ((failure = runCommand(c)))
            break;
    }
    syncScope();
    barrier();
    refresh();
    return failure;
}

std::optional<ControllerError> SimulationController::loadLesson(const QString &script, const QString &file)
{
    if (auto error = load(script, file, Mode::Lesson))
        return error;
    takeSnapshot();
    refresh();
    Q_EMIT lessonStateChanged();
    return std::nullopt;
}

int SimulationController::lessonCommandCount() const noexcept
{
    return m_runner ? static_cast<int>(m_runner->script().commands.size()) : 0;
}

bool SimulationController::lessonFinished() const noexcept
{
    return m_mode != Mode::Lesson || (m_nextCommand >= m_runner->script().commands.size() && m_lessonAdvanceTarget < 0);
}

std::optional<ControllerError> SimulationController::runCommand(const scenario::Command &command)
{
    if (auto error = m_runner->execute(command)) {
        const ControllerError e = fromScriptError(*error);
        Q_EMIT logLine(QStringLiteral("error: ") + e.toString());
        Q_EMIT commandFailed(e);
        return e;
    }
    return std::nullopt;
}

void SimulationController::continueLesson()
{
    runLesson(false);
}

void SimulationController::stepLessonCommand()
{
    runLesson(true);
}

void SimulationController::runLesson(bool oneCommand)
{
    if (m_mode != Mode::Lesson || !m_runner || m_lessonAdvanceTarget >= 0)
        return;
    leavePast();
    m_lessonRunning = true;
    const auto &commands = m_runner->script().commands;
    while (m_nextCommand < commands.size()) {
        const scenario::Command &c = commands[m_nextCommand++];
        if (c.verb == "advance" && !c.atUs) {
            // Plays out over time at the chosen speed rather than in one jump.
            const auto d = scenario::parseDuration(c.args.front().text);
            m_lessonAdvanceTarget = timeUs() + d.value_or(0);
            barrier(); // carries the advance in progress, so time travel can resume it
            refresh();
            Q_EMIT lessonStateChanged();
            play();
            return;
        }
        if (c.atUs)
            m_barriers.insert(*c.atUs);
        if (runCommand(c)) {
            m_nextCommand = commands.size();
            break;
        }
        const bool staging = c.verb == "title" || c.verb == "say" || c.verb == "question" || c.verb == "focus"
            || c.verb == "pause" || c.verb == "expect";
        if (c.verb == "pause" || (oneCommand && !staging))
            break;
    }
    m_lessonRunning = false;
    pause();
    syncScope();
    // Even staging lines move the lesson on: a snapshot here lets time travel come back to this step.
    barrier();
    refresh();
    Q_EMIT lessonStateChanged();
}

void SimulationController::play()
{
    if (!m_runner || m_playing)
        return;
    leavePast();
    m_playing = true;
    m_wall.start();
    m_timer->start();
    Q_EMIT playingChanged(true);
}

void SimulationController::pause()
{
    if (!m_playing)
        return;
    m_playing = false;
    m_timer->stop();
    Q_EMIT playingChanged(false);
}

void SimulationController::togglePlay()
{
    if (m_playing)
        pause();
    else
        play();
}

void SimulationController::setSpeed(double speed)
{
    speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    if (speed == m_speed)
        return;
    m_speed = speed;
    Q_EMIT speedChanged(speed);
}

void SimulationController::faster()
{
    for (double s : kSpeeds)
        if (s > m_speed * 1.0001) {
            setSpeed(s);
            return;
        }
}

void SimulationController::slower()
{
    for (auto it = kSpeeds.rbegin(); it != kSpeeds.rend(); ++it)
        if (*it < m_speed * 0.9999) {
            setSpeed(*it);
            return;
        }
}

void SimulationController::onTick()
{
    const double wallMs = std::min<double>(static_cast<double>(m_wall.nsecsElapsed()) / 1e6, 100.0);
    m_wall.restart();
    advanceWall(wallMs);
}

void SimulationController::advanceWall(double wallMs)
{
    if (!m_runner)
        return;
    qint64 target = timeUs() + std::max<qint64>(1, std::llround(wallMs * 1000.0 * m_speed));
    if (m_mode == Mode::Lesson) {
        if (m_lessonAdvanceTarget < 0) {
            pause();
            return;
        }
        target = std::min(target, m_lessonAdvanceTarget);
    }
    runUntil(target, kTickBudgetMs);
    if (m_mode == Mode::Lesson && m_lessonAdvanceTarget >= 0 && timeUs() >= m_lessonAdvanceTarget) {
        m_lessonAdvanceTarget = -1;
        continueLesson();
        return;
    }
    refresh();
}

void SimulationController::runUntil(qint64 target, double budgetMs)
{
    QElapsedTimer clock;
    clock.start();
    core::Simulation &sim = m_runner->simulation();
    const qint64 slice = std::max<qint64>(5000, (target - sim.now()) / 64);
    while (sim.now() < target) {
        qint64 end = std::min(target, sim.now() + slice);
        bool atBarrier = false;
        if (const auto it = m_barriers.lower_bound(sim.now()); it != m_barriers.end() && *it <= end) {
            end = *it;
            atBarrier = true;
        }
        if (auto error = m_runner->advanceTo(end, *m_advanceCause)) {
            const ControllerError e = fromScriptError(*error);
            Q_EMIT logLine(QStringLiteral("error: ") + e.toString());
            Q_EMIT commandFailed(e);
            pause();
            m_lessonAdvanceTarget = -1;
            break;
        }
        if (atBarrier) {
            m_barriers.erase(end);
            syncScope();
            barrier();
        } else if (m_snapshots.empty() || sim.now() - m_snapshots.back().timeUs >= m_snapshotIntervalUs) {
            takeSnapshot();
        }
        if (static_cast<double>(clock.nsecsElapsed()) / 1e6 > budgetMs)
            break; // fall behind rather than freeze the window
    }
}

void SimulationController::stepEvent()
{
    if (!m_runner)
        return;
    leavePast();
    core::Simulation &sim = m_runner->simulation();
    const auto next = sim.nextEventTime();
    if (!next)
        return;
    if (const auto it = m_barriers.lower_bound(sim.now()); it != m_barriers.end() && *it <= *next) {
        const qint64 at = *it;
        m_barriers.erase(it);
        if (auto error = m_runner->advanceTo(at, *m_advanceCause))
            Q_EMIT commandFailed(fromScriptError(*error));
        syncScope();
        barrier();
    } else {
        sim.step();
        if (m_snapshots.empty() || sim.now() - m_snapshots.back().timeUs >= m_snapshotIntervalUs)
            takeSnapshot();
    }
    refresh();
}

void SimulationController::stepBack()
{
    if (!canStepBack())
        return;
    pause();
    const quint64 target = eventsProcessed() - 1;
    auto it = std::find_if(
        m_snapshots.rbegin(), m_snapshots.rend(), [target](const Snapshot &s) { return s.events <= target; });
    if (it == m_snapshots.rend())
        return;
    restore(*it);
    core::Simulation &sim = m_runner->simulation();
    m_replaying = true;
    while (sim.eventsProcessed() < target && sim.step()) { }
    m_replaying = false;
    m_barriers.erase(m_barriers.begin(), m_barriers.upper_bound(sim.now()));
    m_bridge->take();
    m_inPast = true;
    refresh();
}

void SimulationController::seekTo(qint64 targetUs)
{
    if (!m_runner || m_snapshots.empty())
        return;
    pause();
    const qint64 head = historyEndUs();
    targetUs = std::clamp(targetUs, historyStartUs(), head);
    auto it = std::find_if(
        m_snapshots.rbegin(), m_snapshots.rend(), [targetUs](const Snapshot &s) { return s.timeUs <= targetUs; });
    if (it == m_snapshots.rend())
        it = std::prev(m_snapshots.rend());
    restore(*it);
    // A lesson's time only flows during an `advance`: never replay past the one in progress.
    if (m_mode == Mode::Lesson)
        targetUs = std::min(targetUs, m_lessonAdvanceTarget >= 0 ? m_lessonAdvanceTarget : it->timeUs);
    m_replaying = true;
    if (auto error = m_runner->advanceTo(std::max(targetUs, timeUs()), *m_advanceCause))
        Q_EMIT commandFailed(fromScriptError(*error));
    m_replaying = false;
    m_barriers.erase(m_barriers.begin(), m_barriers.upper_bound(timeUs()));
    syncScope();
    m_bridge->take();
    m_headUs = head;
    m_inPast = timeUs() < head;
    refresh();
    Q_EMIT lessonStateChanged();
}

void SimulationController::restore(const Snapshot &snapshot)
{
    m_runner->restore(snapshot.runner);
    m_nextCommand = snapshot.nextCommand;
    m_lessonAdvanceTarget = snapshot.lessonAdvanceTarget;
    m_barriers = snapshot.barriers;
}

void SimulationController::leavePast()
{
    if (!m_inPast || !m_runner)
        return;
    m_inPast = false;
    const quint64 now = eventsProcessed();
    const auto future
        = std::find_if(m_snapshots.begin(), m_snapshots.end(), [now](const Snapshot &s) { return s.events > now; });
    const bool lostCommands = std::any_of(future, m_snapshots.end(), [](const Snapshot &s) { return s.afterCommand; });
    m_snapshots.erase(future, m_snapshots.end());
    if (lostCommands)
        Q_EMIT logLine(tr("[%1s] time travel: continuing from here starts a new timeline; the commands run "
                          "after this point are not replayed")
                           .arg(static_cast<double>(timeUs()) / 1e6, 0, 'f', 3));
    m_headUs = timeUs();
}

void SimulationController::barrier()
{
    takeSnapshot(true);
}

void SimulationController::takeSnapshot(bool afterCommand)
{
    if (!m_runner)
        return;
    const core::Simulation &sim = m_runner->simulation();
    // Snapshots after the current point belong to a future we are about to re-run: drop them.
    while (!m_snapshots.empty() && m_snapshots.back().events > sim.eventsProcessed())
        m_snapshots.pop_back();
    if (!m_snapshots.empty() && m_snapshots.back().events == sim.eventsProcessed()) {
        if (!afterCommand)
            return; // nothing ran since the snapshot at this very point
        m_snapshots.pop_back(); // a command ran since: the new snapshot supersedes it
    }
    m_snapshots.push_back(Snapshot {sim.now(), sim.eventsProcessed(), afterCommand, m_runner->checkpoint(),
        m_nextCommand, m_lessonAdvanceTarget, m_barriers});
    if (!afterCommand)
        thinSnapshots();
    if (m_snapshots.size() > kMaxSnapshots)
        m_snapshots.erase(m_snapshots.begin());
}

void SimulationController::thinSnapshots()
{
    const qint64 denseFrom = m_snapshots.back().timeUs - kDenseHistoryUs;
    qint64 lastBucket = -1;
    std::erase_if(m_snapshots, [&](const Snapshot &s) {
        if (s.timeUs >= denseFrom)
            return false;
        const qint64 bucket = s.timeUs / kSparseStepUs;
        // The first snapshot of each bucket stays; a snapshot after a command always does.
        const bool keep = s.afterCommand || bucket != lastBucket;
        lastBucket = bucket;
        return !keep;
    });
}

std::optional<ControllerError> SimulationController::executeLine(const QString &line)
{
    if (!m_runner)
        return ControllerError {QStringLiteral("console"), 1, 1, tr("no simulation is loaded")};
    const QByteArray utf8 = line.toUtf8();
    ++m_consoleLine;
    auto parsed = scenario::parseCommandLine(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())),
        "console", m_consoleLine, m_runner->scope());
    if (const auto *error = std::get_if<scenario::ScriptError>(&parsed)) {
        const ControllerError e = fromScriptError(*error);
        syncScope();
        Q_EMIT commandFailed(e);
        return e;
    }
    const scenario::Command &command = std::get<scenario::Command>(parsed);
    if (command.verb.empty())
        return std::nullopt;
    Q_EMIT logLine(QStringLiteral("> ") + line.trimmed());
    leavePast();
    if (command.atUs)
        m_barriers.insert(*command.atUs);
    auto failure = runCommand(command);
    syncScope();
    barrier();
    refresh();
    return failure;
}

void SimulationController::syncScope()
{
    if (!m_runner)
        return;
    const core::Simulation &sim = m_runner->simulation();
    scenario::NameScope &scope = m_runner->scope();
    scope.topics.clear();
    scope.producers.clear();
    scope.consumers.clear();
    scope.groups.clear();
    for (const core::TopicState &t : sim.topics())
        scope.topics.push_back(t.name);
    for (const core::ProducerState &p : sim.producers())
        scope.producers.push_back(p.name);
    for (const core::ConsumerState &c : sim.consumers()) {
        scope.consumers.push_back(c.name);
        if (std::find(scope.groups.begin(), scope.groups.end(), c.config.groupId) == scope.groups.end())
            scope.groups.push_back(c.config.groupId);
    }
}

QStringList SimulationController::names() const
{
    QStringList out;
    if (!m_runner)
        return out;
    const core::Simulation &sim = m_runner->simulation();
    for (const core::TopicState &t : sim.topics()) {
        if (t.name.rfind("__", 0) == 0)
            continue;
        out.append(qs(t.name));
        for (const core::PartitionState &p : t.partitions)
            out.append(qs(t.name) + u'-' + QString::number(p.index));
    }
    for (const core::ProducerState &p : sim.producers())
        out.append(qs(p.name));
    for (const core::ConsumerState &c : sim.consumers())
        out.append(qs(c.name));
    for (const core::GroupState &g : sim.groups())
        out.append(qs(g.groupId));
    out.removeDuplicates();
    return out;
}

QStringList SimulationController::commandWords()
{
    return {QStringLiteral("advance"), QStringLiteral("at"), QStringLiteral("broker"), QStringLiteral("clean"),
        QStringLiteral("close"), QStringLiteral("commit"), QStringLiteral("consumer"), QStringLiteral("crash"),
        QStringLiteral("create"), QStringLiteral("drop-acks"), QStringLiteral("expect"), QStringLiteral("flush"),
        QStringLiteral("heal"), QStringLiteral("isolate"), QStringLiteral("load"), QStringLiteral("poll"),
        QStringLiteral("produce"), QStringLiteral("producer"), QStringLiteral("relay"), QStringLiteral("restart"),
        QStringLiteral("seek"), QStringLiteral("slow"), QStringLiteral("stall"), QStringLiteral("subscribe"),
        QStringLiteral("topic"), QStringLiteral("alter"), QStringLiteral("txn"), QStringLiteral("init"),
        QStringLiteral("begin"), QStringLiteral("abort"), QStringLiteral("send-offsets"), QStringLiteral("group="),
        QStringLiteral("partitions="), QStringLiteral("rf="), QStringLiteral("rate="), QStringLiteral("key="),
        QStringLiteral("count="), QStringLiteral("acks="), QStringLiteral("by="), QStringLiteral("for="),
        QStringLiteral("leader"), QStringLiteral("isr"), QStringLiteral("hw"), QStringLiteral("lag"),
        QStringLiteral("assignment"), QStringLiteral("group-state"), QStringLiteral("under-replicated"),
        QStringLiteral("offline"), QStringLiteral("controller")};
}

void SimulationController::setFocusPartition(const QString &partition)
{
    if (partition == m_focus)
        return;
    m_focus = partition;
    if (m_runner)
        m_log = SnapshotBuilder::partitionLog(m_runner->simulation(), m_focus);
    Q_EMIT focusChanged(partition);
    Q_EMIT stateChanged();
}

QStringList SimulationController::partitionNames() const
{
    QStringList out;
    for (const PartitionInfo &p : m_cluster.partitions)
        if (!p.internal)
            out.append(p.name);
    return out;
}

void SimulationController::refresh()
{
    if (!m_runner) {
        m_cluster = {};
        m_log = {};
        m_groups = {};
        m_producers = {};
        m_transactions = {};
        m_clientMetrics = {};
        Q_EMIT stateChanged();
        return;
    }
    const core::Simulation &sim = m_runner->simulation();
    if (!m_inPast)
        m_headUs = std::max<qint64>(m_headUs, sim.now());
    m_cluster = SnapshotBuilder::cluster(sim);
    if (m_focus.isEmpty()) {
        for (const PartitionInfo &p : m_cluster.partitions)
            if (!p.internal) {
                m_focus = p.name;
                Q_EMIT focusChanged(m_focus);
                break;
            }
    }
    m_log = SnapshotBuilder::partitionLog(sim, m_focus);
    m_groups = SnapshotBuilder::groups(sim);
    m_producers = SnapshotBuilder::producers(sim);
    m_transactions = SnapshotBuilder::transactions(sim);
    m_clientMetrics = SnapshotBuilder::clientMetrics(sim);
    m_bridge->takeStructural();
    Q_EMIT eventsRan(m_bridge->take());
    Q_EMIT stateChanged();
}

} // namespace kafkalab::app
