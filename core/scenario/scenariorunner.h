#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/scenario/script.h"
#include "core/simulation.h"

namespace kafkalab::core::scenario {

/** Lesson staging a script emits: `title`, `say`, `question`, `pause`, `focus`. */
struct Narration
{
    enum class Kind { Title, Say, Question, Pause, Focus };
    Kind kind = Kind::Say;
    std::string text;
    int line = 0;
};

/** The outcome of one `expect` line. */
struct ExpectOutcome
{
    int line = 0;
    int column = 0;
    std::string query;
    std::string op;
    std::string expected;
    std::string actual;
    bool passed = false;
};

/**
 * Runs a parsed scenario against a Simulation, one command at a time. The CLI (`run`,
 * `lessons check`), the tests and the app's lesson player and console all go through it.
 */
class ScenarioRunner
{
    struct Scheduled
    {
        TimeUs at;
        std::size_t order;
        Command command;
    };

public:
    /**
     * Everything the runner and its simulation hold at one moment: restoring it puts both back
     * exactly there (pending `at` commands, declared names, the script position included), so
     * the app can travel in time across commands, not only across events.
     */
    struct Checkpoint
    {
        std::unique_ptr<Simulation> sim;
        std::size_t next = 0;
        std::optional<ScriptError> error;
        std::size_t expectations = 0;
        std::vector<Scheduled> scheduled;
        std::size_t scheduledOrder = 0;
        std::uint64_t eventBudgetStart = 0;
        NameScope scope;
    };

    explicit ScenarioRunner(Script script, std::optional<std::uint64_t> seedOverride = std::nullopt);
    ~ScenarioRunner();
    ScenarioRunner(const ScenarioRunner &) = delete;
    ScenarioRunner &operator=(const ScenarioRunner &) = delete;

    std::function<void(const Narration &)> onNarration;
    std::function<void(const std::string &)> onTrace;
    std::function<void(const ExpectOutcome &)> onExpect;

    /** Runs the next command; false once the script is done or stopped by an error. */
    bool stepCommand();
    /** Runs every remaining command. */
    void runAll();
    [[nodiscard]] bool finished() const noexcept { return m_next >= m_script.commands.size() || m_error.has_value(); }
    [[nodiscard]] const std::optional<ScriptError> &error() const noexcept { return m_error; }
    [[nodiscard]] const std::vector<ExpectOutcome> &expectations() const noexcept { return m_expectations; }
    [[nodiscard]] std::size_t failedExpectations() const noexcept;
    [[nodiscard]] const Script &script() const noexcept { return m_script; }
    [[nodiscard]] std::size_t nextCommandIndex() const noexcept { return m_next; }

    [[nodiscard]] Simulation &simulation() noexcept { return *m_sim; }
    [[nodiscard]] const Simulation &simulation() const noexcept { return *m_sim; }

    /** Runs one command (from the script or a console line); returns an error with its place. */
    std::optional<ScriptError> execute(const Command &command);
    /** Evaluates a query (`hw orders-0`) to the text `expect` compares; error text on failure. */
    [[nodiscard]] std::variant<std::string, std::string> evaluate(const std::vector<Token> &query) const;
    /** Names declared so far (for console completion and parsing). */
    [[nodiscard]] NameScope &scope() noexcept { return m_scope; }

    /** Lets simulated time pass to `target`, running scheduled `at` commands on the way. */
    std::optional<ScriptError> advanceTo(TimeUs target, const Command &cause);

    [[nodiscard]] Checkpoint checkpoint() const;
    /** Puts the runner back at `checkpoint`; listeners and callbacks stay as they are. */
    void restore(const Checkpoint &checkpoint);

private:
    class TraceListener;

    std::optional<ScriptError> fail(const Command &command, int column, std::string message);
    std::optional<ScriptError> runEvents(TimeUs until, const Command &cause);
    std::optional<ScriptError> flush(std::int32_t producer, const Command &cause);
    void narrate(Narration::Kind kind, std::string text, int line);
    void trace(const std::string &line);

    Script m_script;
    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<TraceListener> m_traceListener;
    std::size_t m_next = 0;
    std::optional<ScriptError> m_error;
    std::vector<ExpectOutcome> m_expectations;
    std::vector<Scheduled> m_scheduled;
    std::size_t m_scheduledOrder = 0;
    std::uint64_t m_eventBudgetStart = 0;
    NameScope m_scope;
};

/** `12.345s`, as traces print simulated time. */
[[nodiscard]] std::string formatTime(TimeUs t);

} // namespace kafkalab::core::scenario
