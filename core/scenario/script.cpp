#include "script.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "core/config.h"

namespace kafkalab::core::scenario {

std::string ScriptError::toString() const
{
    return file + ':' + std::to_string(line) + ':' + std::to_string(column) + ": " + message;
}

const Option *Command::option(std::string_view key) const noexcept
{
    for (const Option &o : options)
        if (o.key == key)
            return &o;
    return nullptr;
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    std::int64_t value = 0;
    const char *end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || p != end || text.empty())
        return std::nullopt;
    return value;
}

std::optional<TimeUs> parseDuration(std::string_view text)
{
    std::size_t split = 0;
    while (split < text.size() && (std::isdigit(static_cast<unsigned char>(text[split])) || text[split] == '.'))
        ++split;
    if (split == 0)
        return std::nullopt;
    const std::string number(text.substr(0, split));
    const std::string_view unit = text.substr(split);
    double value = 0;
    const auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || p != number.data() + number.size())
        return std::nullopt;
    double scale = 0;
    if (unit == "us")
        scale = 1;
    else if (unit == "ms")
        scale = 1e3;
    else if (unit == "s")
        scale = 1e6;
    else if (unit == "m")
        scale = 60e6;
    else if (unit == "h")
        scale = 3600e6;
    else if (unit == "d")
        scale = 86400e6;
    else
        return std::nullopt;
    const double us = value * scale;
    if (!(us >= 0) || us > 9.0e15)
        return std::nullopt;
    return static_cast<TimeUs>(std::llround(us));
}

std::optional<TimeUs> parseMillis(std::string_view text)
{
    if (auto ms = parseInteger(text)) {
        if (*ms < -1 || *ms > 9'000'000'000'000LL)
            return std::nullopt;
        return *ms < 0 ? -1 : *ms * kMicrosPerMs;
    }
    return parseDuration(text);
}

namespace {

enum class Kind {
    Int, // integer in [min, max]
    Millis, // plain milliseconds or a duration
    Duration, // a duration with a unit
    Bool,
    Enum, // one of `choices`
    String,
    Double, // real in [min, max]
    Rate, // 5000/s, 300/m
    Assignment, // 1:2:3,2:3:1
    Version, // 3.7
    Acks, // 0 | 1 | all | -1
    Strategies, // range,cooperative-sticky
};

struct OptionSpec
{
    const char *key;
    Kind kind;
    double min = 0;
    double max = 0;
    std::vector<std::string> choices = {};
    bool required = false;
};

struct CommandSpec
{
    /** Positional argument kinds: "topic", "new-topic", "producer", "new-producer", "broker",
     * "duration", "text", "id", "any" */
    std::vector<std::string> positionals;
    std::vector<OptionSpec> options;
};

const std::map<std::string, CommandSpec> &commandSpecs()
{
    static const std::map<std::string, CommandSpec> specs = {
        {"cluster",
            {{},
                {{"brokers", Kind::Int, 1, 64}, {"seed", Kind::Int, 0, 9.0e18}, {"latency", Kind::Millis, 0, 0},
                    {"replica.lag.time.max.ms", Kind::Millis}, {"broker.session.timeout.ms", Kind::Millis},
                    {"version", Kind::Version}}}},
        {"topic create",
            {{"new-topic"},
                {{"partitions", Kind::Int, 1, 10000}, {"rf", Kind::Int, 1, 64},
                    {"min.insync.replicas", Kind::Int, 1, 64},
                    {"cleanup.policy", Kind::Enum, 0, 0, {"delete", "compact", "compact,delete", "delete,compact"}},
                    {"retention.ms", Kind::Millis}, {"retention.bytes", Kind::Int, -1, 9.0e18},
                    {"segment.bytes", Kind::Int, 14, 2147483647}, {"segment.ms", Kind::Millis},
                    {"delete.retention.ms", Kind::Millis}, {"min.cleanable.dirty.ratio", Kind::Double, 0, 1},
                    {"unclean.leader.election.enable", Kind::Bool}, {"max.message.bytes", Kind::Int, 100, 2147483647},
                    {"replica-assignment", Kind::Assignment}}}},
        {"topic alter", {{"topic"}, {{"partitions", Kind::Int, 1, 10000, {}, true}}}},
        {"producer create",
            {{"new-producer"},
                {{"acks", Kind::Acks}, {"enable.idempotence", Kind::Bool}, {"transactional.id", Kind::String},
                    {"linger.ms", Kind::Millis}, {"batch.size", Kind::Int, 0, 2147483647},
                    {"retries", Kind::Int, 0, 2147483647},
                    {"max.in.flight.requests.per.connection", Kind::Int, 1, 1000},
                    {"delivery.timeout.ms", Kind::Millis}, {"request.timeout.ms", Kind::Millis},
                    {"retry.backoff.ms", Kind::Millis}, {"transaction.timeout.ms", Kind::Millis},
                    {"partitioner", Kind::Enum, 0, 0, {"default", "roundrobin"}}}}},
        {"produce",
            {{"producer", "topic"},
                {{"key", Kind::String}, {"value", Kind::String}, {"partition", Kind::Int, 0, 9999},
                    {"count", Kind::Int, 1, static_cast<double>(Limits::kMaxRecordsPerCommand)}}}},
        {"flush", {{"producer"}, {}}},
        {"consumer create",
            {{"new-consumer"},
                {{"group", Kind::String, 0, 0, {}, true}, {"partition.assignment.strategy", Kind::Strategies},
                    {"group.instance.id", Kind::String}, {"enable.auto.commit", Kind::Bool},
                    {"auto.commit.interval.ms", Kind::Millis},
                    {"auto.offset.reset", Kind::Enum, 0, 0, {"earliest", "latest", "none"}},
                    {"isolation.level", Kind::Enum, 0, 0, {"read_uncommitted", "read_committed"}},
                    {"session.timeout.ms", Kind::Millis}, {"heartbeat.interval.ms", Kind::Millis},
                    {"max.poll.interval.ms", Kind::Millis}, {"max.poll.records", Kind::Int, 1, 100000},
                    {"processing.ms", Kind::Millis}, {"fetch.max.wait.ms", Kind::Millis},
                    {"mode", Kind::Enum, 0, 0, {"auto", "manual"}}, {"processing", Kind::Enum, 0, 0, {"sync", "async"}},
                    {"poison", Kind::String}, {"max.retries", Kind::Int, 0, 1000}, {"retry.backoff.ms", Kind::Millis},
                    {"dlq", Kind::String}}}},
        {"subscribe", {{"consumer", "topics"}, {}}},
        {"poll", {{"consumer"}, {{"max", Kind::Int, 1, 100000}}}},
        {"commit", {{"consumer"}, {}}},
        {"seek", {{"consumer", "partition", "seek-target"}, {}}},
        {"close", {{"consumer"}, {}}},
        {"crash consumer", {{"consumer"}, {}}},
        {"stall consumer", {{"consumer"}, {{"for", Kind::Duration, 0, 0, {}, true}}}},
        {"txn init", {{"producer"}, {}}},
        {"txn begin", {{"producer"}, {}}},
        {"txn send-offsets", {{"producer", "consumer"}, {}}},
        {"txn commit", {{"producer"}, {}}},
        {"txn abort", {{"producer"}, {}}},
        {"relay",
            {{"consumer", "producer", "topic"},
                {{"max", Kind::Int, 1, static_cast<double>(Limits::kMaxRecords)},
                    {"mode", Kind::Enum, 0, 0, {"at-most-once", "at-least-once", "exactly-once"}},
                    {"crash-after", Kind::Int, 0, static_cast<double>(Limits::kMaxRecords)}}}},
        {"load",
            {{"producer", "topic"},
                {{"rate", Kind::Rate, 0, 0, {}, true}, {"key", Kind::String}, {"for", Kind::Duration}}}},
        {"crash broker", {{"broker"}, {}}},
        {"restart broker", {{"broker"}, {}}},
        {"isolate broker", {{"broker"}, {}}},
        {"heal broker", {{"broker"}, {}}},
        {"slow broker", {{"broker"}, {{"by", Kind::Duration, 0, 0, {}, true}}}},
        {"drop-acks", {{"producer"}, {{"count", Kind::Int, 1, 1000000, {}, true}}}},
        {"clean", {{"topic"}, {}}},
        {"advance", {{"duration"}, {}}},
        {"title", {{"text"}, {}}},
        {"say", {{"text"}, {}}},
        {"question", {{"id"}, {}}},
        {"pause", {{}, {}}},
        {"focus", {{"any"}, {}}},
    };
    return specs;
}

std::optional<ScriptError> tokenize(
    std::string_view line, const std::string &file, int lineNumber, std::vector<Token> &out)
{
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        if (c == '#')
            break;
        Token token;
        token.column = static_cast<int>(i) + 1;
        // A word, possibly with a quoted part (`value="a b"` or `"a b"`).
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
            if (line[i] == '"') {
                if (token.text.empty() && !token.quoted)
                    token.leadingQuote = true;
                token.quoted = true;
                const std::size_t open = i++;
                bool closed = false;
                while (i < line.size()) {
                    if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) {
                        token.text += line[i + 1];
                        i += 2;
                        continue;
                    }
                    if (line[i] == '"') {
                        closed = true;
                        ++i;
                        break;
                    }
                    token.text += line[i++];
                }
                if (!closed)
                    return ScriptError {
                        file, lineNumber, static_cast<int>(open) + 1, "unterminated string: missing closing '\"'"};
            } else {
                token.text += line[i++];
            }
        }
        out.push_back(std::move(token));
    }
    return std::nullopt;
}

bool knownName(const std::vector<std::string> &names, const std::string &name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joinChoices(const std::vector<std::string> &choices)
{
    std::string out;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i > 0)
            out += i + 1 == choices.size() ? " or " : ", ";
        out += choices[i];
    }
    return out;
}

std::optional<std::string> checkValue(const OptionSpec &spec, const std::string &value)
{
    switch (spec.kind) {
    case Kind::Int: {
        const auto v = parseInteger(value);
        if (!v || static_cast<double>(*v) < spec.min || static_cast<double>(*v) > spec.max)
            return "expected a whole number from " + std::to_string(static_cast<std::int64_t>(spec.min)) + " to "
                + std::to_string(static_cast<std::int64_t>(spec.max));
        return std::nullopt;
    }
    case Kind::Millis:
        if (!parseMillis(value))
            return "expected milliseconds (30000) or a duration (30s, 250ms, 5m)";
        return std::nullopt;
    case Kind::Duration:
        if (!parseDuration(value))
            return "expected a duration such as 250ms, 30s, 5m or 1h";
        return std::nullopt;
    case Kind::Bool:
        if (value != "true" && value != "false")
            return "expected true or false";
        return std::nullopt;
    case Kind::Enum:
        if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end())
            return "expected " + joinChoices(spec.choices);
        return std::nullopt;
    case Kind::String:
        return std::nullopt;
    case Kind::Double: {
        double v = 0;
        const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || p != value.data() + value.size() || v < spec.min || v > spec.max)
            return "expected a number from " + std::to_string(spec.min).substr(0, 3) + " to "
                + std::to_string(spec.max).substr(0, 3);
        return std::nullopt;
    }
    case Kind::Rate: {
        const auto slash = value.find('/');
        const auto n = parseInteger(value.substr(0, slash));
        const std::string unit = slash == std::string::npos ? "" : value.substr(slash + 1);
        if (!n || *n < 0 || (unit != "s" && unit != "m"))
            return "expected a rate such as 5000/s or 300/m";
        const double perSecond = unit == "s" ? static_cast<double>(*n) : static_cast<double>(*n) / 60.0;
        if (perSecond > Limits::kMaxLoadRate)
            return "the simulator caps load at 1000000/s";
        return std::nullopt;
    }
    case Kind::Assignment: {
        std::size_t start = 0;
        while (start <= value.size()) {
            const auto comma = value.find(',', start);
            const std::string part
                = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            std::size_t s = 0;
            while (s <= part.size()) {
                const auto colon = part.find(':', s);
                const auto id
                    = parseInteger(part.substr(s, colon == std::string::npos ? std::string::npos : colon - s));
                if (!id || *id < 1)
                    return "expected broker ids per partition, such as 1:2:3,2:3:1";
                if (colon == std::string::npos)
                    break;
                s = colon + 1;
            }
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        return std::nullopt;
    }
    case Kind::Version:
        if (!parseKafkaVersion(value))
            return "expected a Kafka version such as 2.8, 3.7 or 4.0";
        return std::nullopt;
    case Kind::Acks:
        if (value != "0" && value != "1" && value != "all" && value != "-1")
            return "expected 0, 1 or all";
        return std::nullopt;
    case Kind::Strategies: {
        std::size_t start = 0;
        while (start <= value.size()) {
            const auto comma = value.find(',', start);
            const std::string one = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (one != "range" && one != "roundrobin" && one != "sticky" && one != "cooperative-sticky")
                return "expected range, roundrobin, sticky or cooperative-sticky (a comma-separated list)";
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        return std::nullopt;
    }
    }
    return std::nullopt;
}

const std::vector<std::string> &queryNames()
{
    static const std::vector<std::string> names = {"leader", "isr", "replicas", "hw", "leo", "lso", "log-start",
        "records", "keys", "value", "duplicates", "acked", "failed", "last-error", "epoch", "alive", "controller",
        "under-replicated", "offline", "partition-of", "segments", "aborted", "assignment", "group-state", "generation",
        "members", "committed", "lag", "consumed", "consumed-values", "paused", "revoked", "position", "protocol",
        "txn-state", "processed", "partitions", "dead-lettered", "processing-failures"};
    return names;
}

std::optional<ScriptError> checkTopicPartition(
    const Token &token, const std::string &file, int line, const NameScope &scope)
{
    const auto dash = token.text.rfind('-');
    if (dash == std::string::npos || dash == 0 || !parseInteger(token.text.substr(dash + 1)))
        return ScriptError {
            file, line, token.column, "expected a partition such as orders-0, got '" + token.text + "'"};
    const std::string topic = token.text.substr(0, dash);
    if (!knownName(scope.topics, topic))
        return ScriptError {
            file, line, token.column, "unknown topic '" + topic + "' (create it first with `topic create`)"};
    return std::nullopt;
}

std::optional<ScriptError> checkExpect(Command &command, const std::vector<Token> &tokens, std::size_t first,
    const std::string &file, int line, const NameScope &scope)
{
    static const std::vector<std::string> ops = {"==", "!=", "<", "<=", ">", ">=", "contains"};
    std::size_t opIndex = tokens.size();
    for (std::size_t i = first; i < tokens.size(); ++i) {
        if (!tokens[i].quoted && std::find(ops.begin(), ops.end(), tokens[i].text) != ops.end()) {
            opIndex = i;
            break;
        }
    }
    const int endColumn = tokens.empty() ? 1 : tokens.back().column + static_cast<int>(tokens.back().text.size());
    if (first >= tokens.size())
        return ScriptError {file, line, endColumn, "expect: expected a query such as `hw orders-0`"};
    if (opIndex == tokens.size())
        return ScriptError {
            file, line, endColumn, "expect: expected an operator (==, !=, <, <=, >, >=, contains) and a value"};
    if (opIndex + 1 >= tokens.size())
        return ScriptError {file, line, endColumn, "expect: expected a value after '" + tokens[opIndex].text + "'"};
    if (opIndex + 2 < tokens.size())
        return ScriptError {file, line, tokens[opIndex + 2].column,
            "expect: unexpected '" + tokens[opIndex + 2].text + "' after the value (quote values that contain spaces)"};
    command.query.assign(
        tokens.begin() + static_cast<std::ptrdiff_t>(first), tokens.begin() + static_cast<std::ptrdiff_t>(opIndex));
    command.op = tokens[opIndex].text;
    command.expected = tokens[opIndex + 1];

    const Token &name = command.query.front();
    if (std::find(queryNames().begin(), queryNames().end(), name.text) == queryNames().end())
        return ScriptError {file, line, name.column, "unknown query '" + name.text + "'"};
    const auto arg
        = [&](std::size_t i) -> const Token * { return i < command.query.size() ? &command.query[i] : nullptr; };
    const std::string &q = name.text;
    if (q == "leader" || q == "isr" || q == "replicas" || q == "hw" || q == "leo" || q == "lso" || q == "log-start"
        || q == "records" || q == "keys" || q == "value" || q == "duplicates" || q == "segments" || q == "aborted") {
        if (!arg(1))
            return ScriptError {file, line, name.column, q + ": expected a partition such as orders-0"};
        if (auto e = checkTopicPartition(*arg(1), file, line, scope))
            return e;
        if (q == "leo" && (!arg(2) || arg(2)->text.rfind("broker=", 0) != 0 || !parseInteger(arg(2)->text.substr(7))))
            return ScriptError {
                file, line, arg(2) ? arg(2)->column : name.column, "leo: expected broker=N after the partition"};
        if (q == "value" && (!arg(2) || arg(2)->text.rfind("offset=", 0) != 0 || !parseInteger(arg(2)->text.substr(7))))
            return ScriptError {
                file, line, arg(2) ? arg(2)->column : name.column, "value: expected offset=N after the partition"};
    } else if (q == "acked" || q == "failed" || q == "last-error" || q == "epoch" || q == "txn-state") {
        if (!arg(1))
            return ScriptError {file, line, name.column, q + ": expected a producer name"};
        if (!knownName(scope.producers, arg(1)->text)
            && !(q == "last-error" && knownName(scope.consumers, arg(1)->text)))
            return ScriptError {file, line, arg(1)->column, "unknown producer '" + arg(1)->text + "'"};
    } else if (q == "assignment" || q == "consumed" || q == "consumed-values" || q == "paused" || q == "revoked"
        || q == "processed" || q == "partitions") {
        if (!arg(1) || !knownName(scope.consumers, arg(1)->text))
            return ScriptError {file, line, arg(1) ? arg(1)->column : name.column, q + ": expected a known consumer"};
    } else if (q == "position") {
        if (!arg(1) || !knownName(scope.consumers, arg(1)->text))
            return ScriptError {file, line, arg(1) ? arg(1)->column : name.column, q + ": expected a known consumer"};
        if (!arg(2))
            return ScriptError {file, line, name.column, "position: expected a partition such as orders-0"};
        if (auto e = checkTopicPartition(*arg(2), file, line, scope))
            return e;
    } else if (q == "group-state" || q == "generation" || q == "members" || q == "committed" || q == "lag"
        || q == "protocol") {
        if (!arg(1) || !knownName(scope.groups, arg(1)->text))
            return ScriptError {file, line, arg(1) ? arg(1)->column : name.column,
                q + ": expected a known group (one a consumer joined)"};
        if (q == "committed" && !arg(2))
            return ScriptError {file, line, name.column, "committed: expected a partition such as orders-0"};
        if ((q == "committed" || q == "lag") && arg(2))
            if (auto e = checkTopicPartition(*arg(2), file, line, scope))
                return e;
    } else if (q == "alive") {
        if (!arg(1) || arg(1)->text != "broker" || !arg(2) || !parseInteger(arg(2)->text))
            return ScriptError {file, line, name.column, "alive: expected `alive broker N`"};
    } else if (q == "partition-of") {
        if (!arg(1) || !knownName(scope.topics, arg(1)->text))
            return ScriptError {
                file, line, arg(1) ? arg(1)->column : name.column, "partition-of: expected a known topic"};
        if (!arg(2) || arg(2)->text.rfind("key=", 0) != 0)
            return ScriptError {file, line, arg(2) ? arg(2)->column : name.column, "partition-of: expected key=K"};
    }
    return std::nullopt;
}

std::optional<ScriptError> checkCommand(Command &command, const std::vector<Token> &tokens, std::size_t first,
    const std::string &file, int line, NameScope &scope)
{
    const Token &head = tokens[first];
    command.verbColumn = head.column;
    if (head.text == "expect") {
        command.verb = "expect";
        return checkExpect(command, tokens, first + 1, file, line, scope);
    }

    // Two-word verbs: `topic create`, `crash broker` …
    std::size_t next = first + 1;
    std::string verb = head.text;
    const auto &specs = commandSpecs();
    if (specs.find(verb) == specs.end() && next < tokens.size()) {
        const std::string twoWords = verb + ' ' + tokens[next].text;
        if (specs.find(twoWords) != specs.end()) {
            verb = twoWords;
            ++next;
        } else if (verb == "txn") {
            return ScriptError {file, line, tokens[next].column, "expected `txn init|begin|send-offsets|commit|abort`"};
        } else if (verb == "topic" || verb == "producer") {
            return ScriptError {file, line, tokens[next].column,
                "expected `" + verb + (verb == "topic" ? " create` or `topic alter`" : " create`")};
        } else if (verb == "crash" || verb == "restart" || verb == "isolate" || verb == "heal" || verb == "slow") {
            return ScriptError {file, line, tokens[next].column, "expected `" + verb + " broker N`"};
        }
    }
    const auto spec = specs.find(verb);
    if (spec == specs.end())
        return ScriptError {file, line, head.column, "unknown command '" + head.text + "'"};
    command.verb = verb;

    // Split the rest into positionals and key=value options.
    for (std::size_t i = next; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        const auto eq = t.text.find('=');
        const bool isOption = eq != std::string::npos && eq > 0 && !t.leadingQuote;
        if (isOption && command.args.size() >= spec->second.positionals.size()) {
            Option o;
            o.key = t.text.substr(0, eq);
            o.value = t.text.substr(eq + 1);
            o.column = t.column;
            o.valueColumn = t.column + static_cast<int>(eq) + 1;
            o.quoted = t.quoted;
            command.options.push_back(std::move(o));
        } else {
            if (!command.options.empty())
                return ScriptError {
                    file, line, t.column, "unexpected '" + t.text + "' among the options (quote text with spaces)"};
            command.args.push_back(t);
        }
    }
    if (verb == "commit") {
        // commit c1 [sync|async] [orders-0=995 …]
        if (command.args.empty())
            return ScriptError {file, line, tokens.back().column + static_cast<int>(tokens.back().text.size()),
                "commit: expected a consumer name"};
        if (!knownName(scope.consumers, command.args[0].text))
            return ScriptError {file, line, command.args[0].column, "unknown consumer '" + command.args[0].text + "'"};
        if (command.args.size() > 2)
            return ScriptError {file, line, command.args[2].column, "unexpected '" + command.args[2].text + "'"};
        if (command.args.size() == 2 && command.args[1].text != "sync" && command.args[1].text != "async")
            return ScriptError {file, line, command.args[1].column,
                "commit: expected sync or async, got '" + command.args[1].text + "'"};
        for (const Option &o : command.options) {
            if (auto e = checkTopicPartition(Token {o.key, o.column, false, false}, file, line, scope))
                return e;
            const auto offset = parseInteger(o.value);
            if (!offset || *offset < 0)
                return ScriptError {
                    file, line, o.valueColumn, "commit: expected an offset (a whole number), got '" + o.value + "'"};
        }
        return std::nullopt;
    }
    const auto &positionals = spec->second.positionals;
    const int endColumn = tokens.back().column + static_cast<int>(tokens.back().text.size());
    if (command.args.size() < positionals.size()) {
        const std::string &want = positionals[command.args.size()];
        std::string what = want == "new-topic" || want == "topic" ? "a topic name"
            : want == "new-producer" || want == "producer"        ? "a producer name"
            : want == "broker"                                    ? "a broker id"
            : want == "duration"                                  ? "a duration such as 30s"
            : want == "text"                                      ? "quoted text"
                                                                  : "a value";
        return ScriptError {file, line, endColumn, verb + ": expected " + what};
    }
    if (command.args.size() > positionals.size())
        return ScriptError {file, line, command.args[positionals.size()].column,
            "unexpected '" + command.args[positionals.size()].text + "'"};
    for (std::size_t i = 0; i < positionals.size(); ++i) {
        const std::string &want = positionals[i];
        const Token &arg = command.args[i];
        if (want == "topic" && !knownName(scope.topics, arg.text))
            return ScriptError {
                file, line, arg.column, "unknown topic '" + arg.text + "' (create it first with `topic create`)"};
        if (want == "producer" && !knownName(scope.producers, arg.text))
            return ScriptError {
                file, line, arg.column, "unknown producer '" + arg.text + "' (create it first with `producer create`)"};
        if (want == "new-topic") {
            if (knownName(scope.topics, arg.text))
                return ScriptError {file, line, arg.column, "topic '" + arg.text + "' already exists"};
            if (arg.text.empty() || arg.text.size() > 249
                || arg.text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
                    != std::string::npos)
                return ScriptError {
                    file, line, arg.column, "topic names use letters, digits, '.', '_' and '-' (at most 249)"};
            scope.topics.push_back(arg.text);
        }
        if (want == "consumer" && !knownName(scope.consumers, arg.text))
            return ScriptError {
                file, line, arg.column, "unknown consumer '" + arg.text + "' (create it first with `consumer create`)"};
        if (want == "new-consumer") {
            if (knownName(scope.consumers, arg.text))
                return ScriptError {file, line, arg.column, "consumer '" + arg.text + "' already exists"};
            scope.consumers.push_back(arg.text);
        }
        if (want == "topics") {
            std::size_t start = 0;
            while (start <= arg.text.size()) {
                const auto comma = arg.text.find(',', start);
                const std::string topic
                    = arg.text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!knownName(scope.topics, topic))
                    return ScriptError {
                        file, line, arg.column + static_cast<int>(start), "unknown topic '" + topic + "'"};
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        }
        if (want == "partition")
            if (auto e = checkTopicPartition(arg, file, line, scope))
                return e;
        if (want == "seek-target" && arg.text != "beginning" && arg.text != "end" && !parseInteger(arg.text))
            return ScriptError {
                file, line, arg.column, "seek: expected an offset, beginning or end, got '" + arg.text + "'"};
        if (want == "new-producer") {
            if (knownName(scope.producers, arg.text))
                return ScriptError {file, line, arg.column, "producer '" + arg.text + "' already exists"};
            scope.producers.push_back(arg.text);
        }
        if (want == "broker") {
            const auto id = parseInteger(arg.text);
            if (!id || *id < 1 || *id > 64)
                return ScriptError {file, line, arg.column, "expected a broker id (1, 2, …), got '" + arg.text + "'"};
        }
        if (want == "duration") {
            const auto d = parseDuration(arg.text);
            if (!d)
                return ScriptError {
                    file, line, arg.column, "expected a duration such as 250ms, 30s, 5m or 1h, got '" + arg.text + "'"};
            if (*d > Limits::kMaxSimulatedTime)
                return ScriptError {file, line, arg.column, "a scenario can simulate at most 30 days"};
        }
    }
    for (const Option &o : command.options) {
        const auto it = std::find_if(spec->second.options.begin(), spec->second.options.end(),
            [&o](const OptionSpec &s) { return o.key == s.key; });
        if (it == spec->second.options.end()) {
            std::string known;
            for (const OptionSpec &s : spec->second.options)
                known += (known.empty() ? "" : ", ") + std::string(s.key);
            return ScriptError {file, line, o.column,
                verb + ": unknown option '" + o.key + "'"
                    + (known.empty() ? std::string(" (it takes none)") : " (known: " + known + ")")};
        }
        const auto firstUse = std::find_if(
            command.options.begin(), command.options.end(), [&o](const Option &x) { return x.key == o.key; });
        if (&*firstUse != &o)
            return ScriptError {file, line, o.column, "option '" + o.key + "' is given twice"};
        if (auto problem = checkValue(*it, o.value))
            return ScriptError {file, line, o.valueColumn, o.key + ": " + *problem + ", got '" + o.value + "'"};
    }
    for (const OptionSpec &s : spec->second.options)
        if (s.required && command.option(s.key) == nullptr)
            return ScriptError {file, line, endColumn, verb + ": missing required option " + s.key + "="};
    if (verb == "consumer create") {
        const std::string &group = command.option("group")->value;
        if (!knownName(scope.groups, group))
            scope.groups.push_back(group);
    }
    if (verb == "topic create" && command.option("partitions") == nullptr
        && command.option("replica-assignment") == nullptr)
        return ScriptError {file, line, endColumn, "topic create: give partitions=N (or replica-assignment=…)"};
    return std::nullopt;
}

} // namespace

std::variant<Command, ScriptError> parseCommandLine(
    std::string_view line, const std::string &file, int lineNumber, NameScope &scope)
{
    std::vector<Token> tokens;
    if (auto error = tokenize(line, file, lineNumber, tokens))
        return *error;
    Command command;
    command.line = lineNumber;
    if (tokens.empty())
        return command; // blank or comment
    std::size_t first = 0;
    if (tokens[0].text == "at" && !tokens[0].quoted) {
        if (tokens.size() < 3)
            return ScriptError {
                file, lineNumber, tokens[0].column, "at: expected `at TIME command`, e.g. `at 75s crash broker 2`"};
        const auto at = parseDuration(tokens[1].text);
        if (!at)
            return ScriptError {
                file, lineNumber, tokens[1].column, "at: expected a time such as 75s, got '" + tokens[1].text + "'"};
        if (*at > Limits::kMaxSimulatedTime)
            return ScriptError {file, lineNumber, tokens[1].column, "a scenario can simulate at most 30 days"};
        if (tokens[2].text == "at" || tokens[2].text == "expect" || tokens[2].text == "advance")
            return ScriptError {file, lineNumber, tokens[2].column, "at: '" + tokens[2].text + "' cannot be scheduled"};
        command.atUs = *at;
        first = 2;
    }
    if (auto error = checkCommand(command, tokens, first, file, lineNumber, scope))
        return *error;
    return command;
}

std::variant<Script, ScriptError> parseScript(std::string_view text, const std::string &file)
{
    Script script;
    script.file = file;
    NameScope scope;
    int lineNumber = 0;
    std::size_t start = 0;
    // Invalid UTF-8 would end up in names and narration; refuse it with its place.
    {
        int line = 1;
        int column = 1;
        for (std::size_t i = 0; i < text.size();) {
            const auto c = static_cast<unsigned char>(text[i]);
            std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
            bool ok = len != 0 && i + len <= text.size();
            for (std::size_t k = 1; ok && k < len; ++k)
                ok = (static_cast<unsigned char>(text[i + k]) >> 6) == 2;
            if (!ok)
                return ScriptError {file, line, column, "invalid UTF-8"};
            if (c == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
            i += len;
        }
    }
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        ++lineNumber;
        auto parsed = parseCommandLine(text.substr(start, end - start), file, lineNumber, scope);
        if (auto *error = std::get_if<ScriptError>(&parsed))
            return *error;
        Command command = std::get<Command>(std::move(parsed));
        if (!command.verb.empty()) {
            if (script.commands.size() >= static_cast<std::size_t>(Limits::kMaxCommands))
                return ScriptError {file, lineNumber, 1, "a scenario may have at most 100000 commands"};
            script.commands.push_back(std::move(command));
        }
        if (end == text.size())
            break;
        start = end + 1;
    }
    // `cluster` configures the cluster before anything else exists.
    for (std::size_t i = 0; i < script.commands.size(); ++i) {
        const Command &c = script.commands[i];
        if (c.verb == "cluster") {
            for (std::size_t j = 0; j < i; ++j) {
                const std::string &v = script.commands[j].verb;
                if (v != "title" && v != "say" && v != "question" && v != "pause" && v != "focus")
                    return ScriptError {file, c.line, c.verbColumn, "`cluster` must come before any other command"};
            }
            for (std::size_t j = i + 1; j < script.commands.size(); ++j)
                if (script.commands[j].verb == "cluster")
                    return ScriptError {file, script.commands[j].line, script.commands[j].verbColumn,
                        "only one `cluster` command is allowed"};
            break;
        }
    }
    return script;
}

} // namespace kafkalab::core::scenario
