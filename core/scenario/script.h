#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/types.h"

namespace kafkalab::core::scenario {

/** An error in a scenario, reported as `FILE:LINE:COL: message` (1-based line and column). */
struct ScriptError
{
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;

    [[nodiscard]] std::string toString() const;
};

/** A word of a command line, with the column it starts at. */
struct Token
{
    std::string text;
    int column = 1;
    bool quoted = false;
    /** The word starts with a quote, so it is text even if it contains '='. */
    bool leadingQuote = false;
};

/** A `key=value` option. */
struct Option
{
    std::string key;
    std::string value;
    int column = 1;
    int valueColumn = 1;
    bool quoted = false;
};

/** One parsed and checked command of a scenario script. */
struct Command
{
    int line = 0;
    /** The command's name: `cluster`, `topic create`, `crash broker`, `expect` … */
    std::string verb;
    int verbColumn = 1;
    /** Positional arguments after the verb (names, a duration, a query). */
    std::vector<Token> args;
    std::vector<Option> options;
    /** `at 75s <command>`: when set, the command runs at this absolute simulated time. */
    std::optional<TimeUs> atUs;
    /** For `expect`: the query words, the operator and the expected value. */
    std::vector<Token> query;
    std::string op;
    Token expected;

    [[nodiscard]] const Option *option(std::string_view key) const noexcept;
};

struct Script
{
    std::string file;
    std::vector<Command> commands;
};

/**
 * Parses and checks a whole script: syntax, known commands and options, value types and
 * ranges, and names used before they are declared. Any error means nothing runs.
 */
[[nodiscard]] std::variant<Script, ScriptError> parseScript(std::string_view text, const std::string &file);

/** Parses one console line in the context of a running scenario's declared names. */
struct NameScope
{
    std::vector<std::string> topics;
    std::vector<std::string> producers;
    std::vector<std::string> consumers;
    std::vector<std::string> groups;
};
[[nodiscard]] std::variant<Command, ScriptError> parseCommandLine(
    std::string_view line, const std::string &file, int lineNumber, NameScope &scope);

/** `250ms`, `30s`, `5m`, `1h`, `2d`, `500us` → microseconds. */
[[nodiscard]] std::optional<TimeUs> parseDuration(std::string_view text);
/** A plain number of milliseconds (`30000`) or a duration (`30s`) → microseconds. */
[[nodiscard]] std::optional<TimeUs> parseMillis(std::string_view text);
[[nodiscard]] std::optional<std::int64_t> parseInteger(std::string_view text);

/** Bounds that stop a runaway script with a clear error. */
struct Limits
{
    static constexpr std::int64_t kMaxRecordsPerCommand = 1000000;
    static constexpr TimeUs kMaxSimulatedTime = 30LL * 24 * 3600 * kMicrosPerSecond;
    static constexpr std::uint64_t kMaxEvents = 50000000;
    static constexpr double kMaxLoadRate = 1000000.0;
    static constexpr std::int64_t kMaxRecords = 5000000;
    static constexpr int kMaxCommands = 100000;
};

} // namespace kafkalab::core::scenario
