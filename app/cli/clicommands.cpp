#include "clicommands.h"

#include <cstdio>
#include <functional>
#include <map>

#include <charconv>
#include <cmath>
#include <set>
#include <chrono>
#include <memory_resource>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include <time.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "app/cli/livecommand.h"
#include "app/cli/predictcheck.h"
#include "app/cli/statejson.h"
#include "core/assignor.h"
#include "core/chaos.h"
#include "core/partitioner.h"
#include "core/scenario/scenariorunner.h"
#include "core/simulation.h"
#include "quiz/questionbank.h"

namespace kafkalab::cli {
namespace {

constexpr auto kUsage = R"(Usage: kafkalab-cli COMMAND [OPTIONS]

Commands:
  --version                         print the version
  partition --partitions N KEY...   the partition Kafka's default partitioner picks for each key
  run FILE.kls [--seed N] [--events FILE.jsonl] [--state FILE.json] [--quiet]
                                    run a scenario; exit 1 if an expect fails, 2 on a script error
  assign --strategy range|roundrobin|sticky|cooperative-sticky FILE.json
                                    Kafka's consumer assignors over a described group
  quiz validate [DIR] | list [--json] | export --format gift|aiken|anki-csv | take … | schedule …
                                    the question bank and the quiz engine (docs/quiz.md)
  lessons list [--json] | check      the built-in lessons; check runs every lesson's expectations
  chaos [--seeds N] [--first-seed N] [--acks all|1|0] [--min-insync N] [--unclean] [--transactions] [--script SEED]
                                    random faults with the invariant checker; JSON summary
  bench produce --records N --partitions P --rf R --acks all|1|0 --value-bytes B [--json]
                                    measure the mini broker's produce throughput
  live describe --bootstrap HOST:PORT [--group G]... [--json] [--timeout MS] [-X key=value]...
                                    a real cluster through librdkafka (read-only): brokers, topics,
                                    partitions, groups, committed offsets and lag

See docs/cli.md for the full contract.
)";

struct Streams
{
    QTextStream &out;
    QTextStream &err;
    QTextStream &in;
};

int usageError(Streams &io, const QString &message)
{
    io.err << "kafkalab-cli: " << message << "\n"
           << "Try 'kafkalab-cli --help'.\n";
    return kExitUsage;
}

int cmdPartition(const QStringList &args, Streams &io)
{
    std::int32_t partitions = -1;
    QStringList keys;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == u"--partitions") {
            if (i + 1 >= args.size())
                return usageError(io, QStringLiteral("partition: --partitions needs a value"));
            bool ok = false;
            partitions = args.at(++i).toInt(&ok);
            if (!ok || partitions < 1 || partitions > 1000000)
                return usageError(io,
                    QStringLiteral("partition: --partitions must be a whole number from 1 to 1000000, got '%1'")
                        .arg(args.at(i)));
        } else if (arg == u"--") {
            keys.append(args.mid(i + 1));
            break;
        } else if (arg.startsWith(u"--")) {
            // A mistyped option is not a key (a key that starts with -- goes after --).
            return usageError(
                io, QStringLiteral("partition: unknown option '%1' (keys that start with -- go after --)").arg(arg));
        } else {
            keys.append(arg);
        }
    }
    if (partitions < 0)
        return usageError(io, QStringLiteral("partition: --partitions N is required"));
    if (keys.isEmpty())
        return usageError(io, QStringLiteral("partition: give at least one KEY"));
    for (const QString &key : keys) {
        // Kafka's StringSerializer encodes keys as UTF-8; the hash runs over those bytes.
        const QByteArray bytes = key.toUtf8();
        const auto p
            = core::partitionForKey(std::string_view(bytes.constData(), std::size_t(bytes.size())), partitions);
        io.out << key << '\t' << p << '\n';
    }
    return kExitOk;
}

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

/** Writes each simulation event as one JSON line (`--events FILE.jsonl`). */
class JsonLinesWriter final : public core::EventListener
{
public:
    explicit JsonLinesWriter(QFile &file)
        : m_file(file)
    { }
    void onEvent(const core::Event &event) override
    {
        m_file.write(QJsonDocument(eventToJson(event)).toJson(QJsonDocument::Compact));
        m_file.write("\n");
    }

private:
    QFile &m_file;
};

int cmdRun(const QStringList &args, Streams &io)
{
    QString file;
    QString eventsPath;
    QString statePath;
    std::optional<std::uint64_t> seed;
    bool quiet = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        const auto value = [&](const char *name) -> std::optional<QString> {
            if (i + 1 >= args.size())
                return std::nullopt;
            Q_UNUSED(name);
            return args.at(++i);
        };
        if (arg == u"--quiet") {
            quiet = true;
        } else if (arg == u"--seed") {
            const auto v = value("--seed");
            bool ok = false;
            const qulonglong n = v ? v->toULongLong(&ok) : 0;
            if (!ok)
                return usageError(io,
                    QStringLiteral("run: --seed needs a whole number%1")
                        .arg(v ? QStringLiteral(", got '%1'").arg(*v) : QString()));
            seed = n;
        } else if (arg == u"--events" || arg == u"--state") {
            const auto v = value("path");
            if (!v || v->isEmpty())
                return usageError(io, QStringLiteral("run: %1 needs a file name").arg(arg));
            (arg == u"--events" ? eventsPath : statePath) = *v;
        } else if (arg.startsWith(u"--")) {
            return usageError(io, QStringLiteral("run: unknown option '%1'").arg(arg));
        } else if (file.isEmpty()) {
            file = arg;
        } else {
            return usageError(io, QStringLiteral("run: only one scenario file, got '%1' and '%2'").arg(file, arg));
        }
    }
    if (file.isEmpty())
        return usageError(io, QStringLiteral("run: give a scenario file (FILE.kls)"));

    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        io.err << file << ": cannot read: " << input.errorString() << '\n';
        return kExitUsage;
    }
    const QByteArray text = input.readAll();
    auto parsed
        = core::scenario::parseScript(std::string_view(text.constData(), std::size_t(text.size())), file.toStdString());
    if (const auto *error = std::get_if<core::scenario::ScriptError>(&parsed)) {
        io.err << qs(error->toString()) << '\n';
        return kExitUsage;
    }

    QFile events(eventsPath);
    std::unique_ptr<JsonLinesWriter> eventWriter;
    if (!eventsPath.isEmpty()) {
        if (!events.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            io.err << eventsPath << ": cannot write: " << events.errorString() << '\n';
            return kExitUsage;
        }
        eventWriter = std::make_unique<JsonLinesWriter>(events);
    }

    core::scenario::ScenarioRunner runner(std::get<core::scenario::Script>(std::move(parsed)), seed);
    if (eventWriter)
        runner.simulation().addListener(eventWriter.get());
    runner.onNarration = [&io](const core::scenario::Narration &n) {
        using Kind = core::scenario::Narration::Kind;
        switch (n.kind) {
        case Kind::Title:
            io.out << "== " << qs(n.text) << " ==\n";
            break;
        case Kind::Say:
            io.out << qs(n.text) << '\n';
            break;
        case Kind::Question:
            io.out << "(see question " << qs(n.text) << ")\n";
            break;
        case Kind::Pause:
            io.out << "-- pause: predict what happens next --\n";
            break;
        case Kind::Focus:
            io.out << "(look at " << qs(n.text) << ")\n";
            break;
        }
    };
    if (!quiet)
        runner.onTrace = [&io](const std::string &line) { io.out << qs(line) << '\n'; };
    runner.onExpect = [&io, &file, quiet](const core::scenario::ExpectOutcome &e) {
        if (e.passed) {
            if (!quiet)
                io.out << "ok   " << file << ':' << e.line << ": " << qs(e.query) << ' ' << qs(e.op) << ' '
                       << qs(e.expected) << '\n';
        } else {
            io.err << file << ':' << e.line << ": expected " << qs(e.query) << ' ' << qs(e.op) << ' ' << qs(e.expected)
                   << ", got " << qs(e.actual) << '\n';
        }
    };
    runner.runAll();
    if (eventWriter)
        runner.simulation().removeListener(eventWriter.get());

    if (!statePath.isEmpty()) {
        QFile state(statePath);
        if (!state.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            io.err << statePath << ": cannot write: " << state.errorString() << '\n';
            return kExitUsage;
        }
        state.write(QJsonDocument(stateToJson(runner.simulation())).toJson(QJsonDocument::Indented));
    }
    if (runner.error()) {
        io.err << qs(runner.error()->toString()) << '\n';
        return kExitUsage;
    }
    const std::size_t failed = runner.failedExpectations();
    if (!quiet || failed > 0)
        io.out << runner.expectations().size() - failed << " passed, " << failed << " failed\n";
    return failed == 0 ? kExitOk : kExitExpectationFailed;
}

/** `assign --strategy S FILE.json`: Kafka's assignors over a described group (DESIGN §4). */
int cmdAssign(const QStringList &args, Streams &io)
{
    QString strategy;
    QString path;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--strategy") {
            if (i + 1 >= args.size())
                return usageError(io, QStringLiteral("assign: --strategy needs a value"));
            strategy = args.at(++i);
        } else if (args.at(i).startsWith(u"--")) {
            return usageError(io, QStringLiteral("assign: unknown option '%1'").arg(args.at(i)));
        } else if (path.isEmpty()) {
            path = args.at(i);
        } else {
            return usageError(
                io, QStringLiteral("assign: only one FILE.json, got '%1' and '%2'").arg(path, args.at(i)));
        }
    }
    core::AssignorKind kind {};
    if (strategy == u"range")
        kind = core::AssignorKind::Range;
    else if (strategy == u"roundrobin")
        kind = core::AssignorKind::RoundRobin;
    else if (strategy == u"sticky")
        kind = core::AssignorKind::Sticky;
    else if (strategy == u"cooperative-sticky")
        kind = core::AssignorKind::CooperativeSticky;
    else
        return usageError(io,
            QStringLiteral("assign: --strategy must be range, roundrobin, sticky or cooperative-sticky%1")
                .arg(strategy.isEmpty() ? QString() : QStringLiteral(", got '%1'").arg(strategy)));
    if (path.isEmpty())
        return usageError(io, QStringLiteral("assign: give the group as FILE.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        io.err << path << ": cannot read: " << file.errorString() << '\n';
        return kExitUsage;
    }
    const QByteArray data = file.readAll();
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    const auto fail = [&](qsizetype offset, const QString &message) {
        // Report a line and column from the byte offset, as an editor shows them.
        const QByteArray before = data.left(offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
        io.err << path << ':' << line << ':' << column << ": " << message << '\n';
        return kExitUsage;
    };
    if (parseError.error != QJsonParseError::NoError)
        return fail(parseError.offset, parseError.errorString());
    const auto where = [&](const QString &key) {
        const qsizetype at = data.indexOf(QByteArray(QByteArray("\"") + key.toUtf8() + '"'));
        return at < 0 ? qsizetype(0) : at;
    };
    if (!doc.isObject())
        return fail(0, QStringLiteral("expected an object with \"topics\" and \"members\""));
    const QJsonObject root = doc.object();
    if (!root.value(u"topics").isObject())
        return fail(where(QStringLiteral("topics")),
            QStringLiteral("\"topics\" must be an object of topic name to partition count"));
    if (!root.value(u"members").isArray())
        return fail(where(QStringLiteral("members")), QStringLiteral("\"members\" must be an array"));
    std::map<std::string, std::int32_t> topics;
    const QJsonObject topicObject = root.value(u"topics").toObject();
    for (auto it = topicObject.begin(); it != topicObject.end(); ++it) {
        const double n = it.value().toDouble(-1);
        if (!it.value().isDouble() || n < 1 || n > 100000 || n != std::floor(n))
            return fail(where(it.key()),
                QStringLiteral("topic \"%1\": the partition count must be a whole number from 1 to 100000")
                    .arg(it.key()));
        topics[it.key().toStdString()] = static_cast<std::int32_t>(n);
    }
    std::vector<core::AssignorMember> members;
    std::set<std::string> ids;
    for (const QJsonValue &value : root.value(u"members").toArray()) {
        const QJsonObject m = value.toObject();
        const QString id = m.value(u"id").toString();
        if (!value.isObject() || id.isEmpty())
            return fail(where(QStringLiteral("members")), QStringLiteral("every member needs a string \"id\""));
        if (!ids.insert(id.toStdString()).second)
            return fail(where(id), QStringLiteral("member \"%1\" is listed twice").arg(id));
        core::AssignorMember member;
        member.memberId = id.toStdString();
        if (m.value(u"instanceId").isString())
            member.groupInstanceId = m.value(u"instanceId").toString().toStdString();
        for (const QJsonValue &t : m.value(u"topics").toArray()) {
            if (topics.find(t.toString().toStdString()) == topics.end())
                return fail(where(id),
                    QStringLiteral("member \"%1\" subscribes to \"%2\", which is not in \"topics\"")
                        .arg(id, t.toString()));
            member.topics.push_back(t.toString().toStdString());
        }
        for (const QJsonValue &o : m.value(u"owned").toArray()) {
            const QString tp = o.toString();
            const qsizetype dash = tp.lastIndexOf(u'-');
            bool ok = false;
            const int partition = dash > 0 ? tp.mid(dash + 1).toInt(&ok) : -1;
            const auto topic = topics.find(tp.left(dash).toStdString());
            if (!ok || topic == topics.end() || partition < 0 || partition >= topic->second)
                return fail(where(id),
                    QStringLiteral("member \"%1\" owns \"%2\", which is not a partition of the listed topics")
                        .arg(id, tp));
            member.owned.push_back({tp.left(dash).toStdString(), partition});
        }
        member.generation = m.value(u"generation").toInt(-1);
        members.push_back(std::move(member));
    }
    const core::AssignmentResult result = core::assign(kind, topics, members);
    const auto toArray = [](const std::vector<core::TopicPartition> &list) {
        QJsonArray array;
        for (const core::TopicPartition &tp : list)
            array.append(QString::fromStdString(tp.toString()));
        return array;
    };
    QJsonObject assignment;
    QJsonObject revoked;
    for (const core::AssignorMember &m : members) {
        const auto a = result.assignment.find(m.memberId);
        assignment[QString::fromStdString(m.memberId)]
            = a == result.assignment.end() ? QJsonArray() : toArray(a->second);
        const auto r = result.revoked.find(m.memberId);
        revoked[QString::fromStdString(m.memberId)] = r == result.revoked.end() ? QJsonArray() : toArray(r->second);
    }
    QJsonObject out;
    out[u"assignment"] = assignment;
    out[u"revoked"] = revoked;
    io.out << QJsonDocument(out).toJson(QJsonDocument::Compact) << '\n';
    return kExitOk;
}

/** `chaos`: the invariant checker over random fault schedules (DESIGN §4). */
int cmdChaos(const QStringList &args, Streams &io)
{
    core::ChaosOptions options;
    std::optional<std::uint64_t> printSeed;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == u"--unclean") {
            options.uncleanElection = true;
            continue;
        }
        if (arg == u"--transactions") {
            options.transactions = true;
            continue;
        }
        if (i + 1 >= args.size())
            return usageError(io, QStringLiteral("chaos: %1 needs a value").arg(arg));
        const QString value = args.at(++i);
        bool ok = false;
        const qlonglong n = value.toLongLong(&ok);
        if (arg == u"--seeds") {
            if (!ok || n < 1 || n > 1000000)
                return usageError(io, QStringLiteral("chaos: --seeds must be from 1 to 1000000, got '%1'").arg(value));
            options.seeds = n;
        } else if (arg == u"--script") {
            // Print the scenario of one seed, to run or edit it.
            if (!ok || n < 0)
                return usageError(io, QStringLiteral("chaos: --script needs a seed, got '%1'").arg(value));
            printSeed = static_cast<std::uint64_t>(n);
        } else if (arg == u"--first-seed") {
            if (!ok || n < 0)
                return usageError(
                    io, QStringLiteral("chaos: --first-seed must be a whole number, got '%1'").arg(value));
            options.firstSeed = static_cast<std::uint64_t>(n);
        } else if (arg == u"--acks") {
            if (value == u"all" || value == u"-1")
                options.acks = -1;
            else if (value == u"1" || value == u"0")
                options.acks = value.toInt();
            else
                return usageError(io, QStringLiteral("chaos: --acks must be all, 1 or 0, got '%1'").arg(value));
        } else if (arg == u"--min-insync") {
            if (!ok || n < 1 || n > 3)
                return usageError(io, QStringLiteral("chaos: --min-insync must be 1, 2 or 3, got '%1'").arg(value));
            options.minInsyncReplicas = static_cast<std::int32_t>(n);
        } else {
            return usageError(io, QStringLiteral("chaos: unknown option '%1'").arg(arg));
        }
    }
    if (printSeed) {
        io.out << QString::fromStdString(core::chaosScript(options, *printSeed));
        return kExitOk;
    }
    const auto started = std::chrono::steady_clock::now();
    const core::ChaosSummary summary = core::runChaos(options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    QJsonObject out;
    out[u"runs"] = static_cast<qint64>(summary.runs);
    out[u"acked"] = static_cast<qint64>(summary.acked);
    out[u"lost"] = static_cast<qint64>(summary.lost);
    out[u"duplicates"] = static_cast<qint64>(summary.duplicates);
    out[u"failedRuns"] = static_cast<qint64>(summary.failedRuns);
    out[u"seconds"] = seconds;
    QJsonArray violations;
    for (const core::ChaosRun &run : summary.failures) {
        for (const core::Violation &v : run.violations) {
            QJsonObject o;
            o[u"seed"] = static_cast<qint64>(run.seed);
            o[u"invariant"] = QString::fromStdString(v.invariant);
            o[u"detail"] = QString::fromStdString(v.detail);
            o[u"script"] = QString::fromStdString(run.script);
            violations.append(o);
        }
    }
    out[u"violations"] = violations;
    io.out << QJsonDocument(out).toJson(QJsonDocument::Indented);
    return kExitOk;
}

/** A lesson compiled into the binary (":/content/lessons/ID.kls"). */
struct LessonFile
{
    QString id;
    QString path;
    QByteArray text;
};

std::vector<LessonFile> builtInLessons()
{
    std::vector<LessonFile> lessons;
    QDir dir(QStringLiteral(":/content/lessons"));
    const QStringList names = dir.entryList({QStringLiteral("*.kls")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        lessons.push_back(
            {QFileInfo(name).completeBaseName(), QStringLiteral("content/lessons/") + name, file.readAll()});
    }
    return lessons;
}

/** `lessons list [--json]` and `lessons check`: the built-in lessons and their expectations. */
int cmdLessons(const QStringList &args, Streams &io)
{
    if (args.isEmpty() || (args.at(0) != u"list" && args.at(0) != u"check"))
        return usageError(io, QStringLiteral("lessons: expected `lessons list [--json]` or `lessons check`"));
    const bool json = args.contains(QStringLiteral("--json"));
    for (const QString &arg : args.mid(1))
        if (arg != u"--json")
            return usageError(io, QStringLiteral("lessons: unknown option '%1'").arg(arg));
    const std::vector<LessonFile> lessons = builtInLessons();
    if (args.at(0) == u"list") {
        QJsonArray list;
        for (const LessonFile &lesson : lessons) {
            auto parsed = core::scenario::parseScript(
                std::string_view(lesson.text.constData(), std::size_t(lesson.text.size())), lesson.path.toStdString());
            QJsonObject o;
            o[u"id"] = lesson.id;
            QString title;
            QJsonArray questions;
            if (const auto *script = std::get_if<core::scenario::Script>(&parsed)) {
                for (const core::scenario::Command &c : script->commands) {
                    if (c.verb == "title" && title.isEmpty())
                        title = qs(c.args.at(0).text);
                    if (c.verb == "question")
                        questions.append(qs(c.args.at(0).text));
                }
            }
            o[u"title"] = title;
            o[u"questions"] = questions;
            if (json)
                list.append(o);
            else
                io.out << lesson.id << '\t' << title << '\n';
        }
        if (json)
            io.out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    // check: every lesson parses, links only questions that exist, runs without error, and all
    // its expectations hold.
    const quiz::QuestionBank bank = quiz::QuestionBank::loadBuiltIn();
    int failed = 0;
    int passed = 0;
    for (const LessonFile &lesson : lessons) {
        auto parsed = core::scenario::parseScript(
            std::string_view(lesson.text.constData(), std::size_t(lesson.text.size())), lesson.path.toStdString());
        if (const auto *error = std::get_if<core::scenario::ScriptError>(&parsed)) {
            io.err << qs(error->toString()) << '\n';
            ++failed;
            continue;
        }
        bool linksOk = true;
        for (const core::scenario::Command &c : std::get<core::scenario::Script>(parsed).commands) {
            if (c.verb == "question" && bank.find(qs(c.args.at(0).text)) == nullptr) {
                io.err << lesson.path << ':' << c.line << ": question '" << qs(c.args.at(0).text)
                       << "' is not in the question bank\n";
                linksOk = false;
            }
        }
        core::scenario::ScenarioRunner runner(std::get<core::scenario::Script>(std::move(parsed)));
        runner.runAll();
        bool ok = linksOk && !runner.error().has_value() && !runner.expectations().empty();
        if (runner.error())
            io.err << qs(runner.error()->toString()) << '\n';
        if (runner.expectations().empty())
            io.err << lesson.path << ": a lesson needs expect lines to be checked\n";
        for (const core::scenario::ExpectOutcome &e : runner.expectations()) {
            if (!e.passed) {
                ok = false;
                io.err << lesson.path << ':' << e.line << ": expected " << qs(e.query) << ' ' << qs(e.op) << ' '
                       << qs(e.expected) << ", got " << qs(e.actual) << '\n';
            }
        }
        io.out << (ok ? "ok     " : "FAILED ") << lesson.id << " (" << runner.expectations().size()
               << " expectations)\n";
        ok ? ++passed : ++failed;
    }
    io.out << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? kExitOk : kExitExpectationFailed;
}

/** CPU time this thread has used, which other load on the machine does not inflate. */
double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::int64_t peakRssBytes()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::int64_t>(usage.ru_maxrss) * 1024;
}

/**
 * Memory for the benchmark's record batches: 64 MiB chunks mapped with MAP_POPULATE, so the
 * kernel provides the pages in one call per chunk instead of one page fault per 4 KiB page (a
 * broker similarly works in preallocated segments). Bump allocation; nothing is returned until
 * the benchmark ends.
 */
class PrefaultedArena final : public std::pmr::memory_resource
{
public:
    PrefaultedArena() = default;
    /** Maps and populates `bytes` now, so the measured run finds its memory ready. */
    void reserve(std::size_t bytes)
    {
        if (!m_chunks.empty())
            return;
        m_chunks.emplace_back(map(bytes), bytes);
    }
    PrefaultedArena(const PrefaultedArena &) = delete;
    PrefaultedArena &operator=(const PrefaultedArena &) = delete;
    ~PrefaultedArena() override
    {
        for (const auto &[base, size] : m_chunks)
            munmap(base, size);
    }

private:
    static constexpr std::size_t kChunk = 16U << 20;

    /**
     * Transparent huge pages where the kernel offers them (madvise mode): 2 MiB pages need 512
     * times fewer TLB entries and page-table walks while batches are written. Then every page
     * is provided at once (MADV_POPULATE_WRITE, Linux 5.14; touching each page otherwise).
     */
    static void *map(std::size_t size)
    {
        void *base = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (base == MAP_FAILED)
            throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
        madvise(base, size, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
        if (madvise(base, size, MADV_POPULATE_WRITE) == 0)
            return base;
#endif
        const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        for (std::size_t at = 0; at < size; at += page)
            static_cast<volatile char *>(base)[at] = 0;
        return base;
    }

    void *do_allocate(std::size_t bytes, std::size_t alignment) override
    {
        std::size_t offset = (m_used + alignment - 1) & ~(alignment - 1);
        if (m_chunks.empty() || offset + bytes > m_chunks.back().second) {
            const std::size_t size = std::max(kChunk, bytes + alignment);
            m_chunks.emplace_back(map(size), size);
            offset = 0;
        }
        m_used = offset + bytes;
        return static_cast<char *>(m_chunks.back().first) + offset;
    }
    void do_deallocate(void *, std::size_t, std::size_t) override { }
    bool do_is_equal(const std::pmr::memory_resource &other) const noexcept override
    {
        return this == &other;
    }

    std::vector<std::pair<void *, std::size_t>> m_chunks;
    std::size_t m_used = 0;
};

/** `bench rebalance`: wall time to simulate a group of N members forming, then one leaving. */
int cmdBenchRebalance(const QStringList &args, Streams &io)
{
    std::int32_t members = 200;
    std::int32_t partitions = 400;
    QString strategy = QStringLiteral("cooperative-sticky");
    bool json = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == u"--json") {
            json = true;
            continue;
        }
        if (i + 1 >= args.size())
            return usageError(io, QStringLiteral("bench rebalance: %1 needs a value").arg(arg));
        const QString value = args.at(++i);
        bool ok = false;
        const int n = value.toInt(&ok);
        if (arg == u"--members" && ok && n >= 1 && n <= 10000)
            members = n;
        else if (arg == u"--partitions" && ok && n >= 1 && n <= 10000)
            partitions = n;
        else if (arg == u"--strategy" && core::parseAssignorKind(value.toStdString()))
            strategy = value;
        else
            return usageError(io, QStringLiteral("bench rebalance: bad %1 '%2'").arg(arg, value));
    }
    const auto kind = *core::parseAssignorKind(strategy.toStdString());
    const auto started = std::chrono::steady_clock::now();
    core::Simulation sim;
    sim.createTopic("bench", partitions, 3, {});
    for (std::int32_t m = 0; m < members; ++m) {
        core::ConsumerConfig config;
        config.groupId = "bench-group";
        config.strategies = {kind};
        config.keepRecords = false;
        config.sessionTimeoutUs = 10 * core::kMicrosPerSecond;
        sim.createConsumer("member-" + std::to_string(m), config);
        sim.subscribe(m, {0});
    }
    const auto stable = [&sim](std::int32_t generation) {
        const core::GroupState *g = sim.group("bench-group");
        return g != nullptr && g->phase == core::GroupState::Phase::Stable && g->generation >= generation;
    };
    while (!stable(1) && sim.step()) { }
    const double joinSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto secondStarted = std::chrono::steady_clock::now();
    sim.closeConsumer(0);
    while (!stable(2) && sim.step()) { }
    // Cooperative: partitions that moved between live members are handed over in a follow-up
    // rebalance; wait until every live member runs the group's latest generation.
    const auto settled = [&sim, &stable] {
        const core::GroupState *g = sim.group("bench-group");
        if (!stable(2))
            return false;
        for (const core::ConsumerState &c : sim.consumers())
            if (c.alive && (c.phase != core::ConsumerState::Phase::Stable || c.generation != g->generation))
                return false;
        return true;
    };
    const core::TimeUs deadline = sim.now() + 30 * core::kMicrosPerSecond;
    while (!settled() && sim.now() < deadline && sim.step()) { }
    const double leaveSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - secondStarted).count();
    QJsonObject result;
    result[u"members"] = members;
    result[u"partitions"] = partitions;
    result[u"strategy"] = strategy;
    result[u"joinSeconds"] = joinSeconds;
    result[u"leaveSeconds"] = leaveSeconds;
    result[u"generation"] = sim.group("bench-group")->generation;
    result[u"simulatedSeconds"] = static_cast<double>(sim.now()) / 1e6;
    result[u"events"] = static_cast<qint64>(sim.eventsProcessed());
    if (json)
        io.out << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    else
        io.out << QJsonDocument(result).toJson(QJsonDocument::Indented);
    return kExitOk;
}

int cmdBench(const QStringList &args, Streams &io)
{
    if (!args.isEmpty() && args.at(0) == u"rebalance")
        return cmdBenchRebalance(args, io);
    if (args.isEmpty() || args.at(0) != u"produce")
        return usageError(io, QStringLiteral("bench: expected `bench produce …` or `bench rebalance …`"));
    std::int64_t records = 1000000;
    std::int32_t partitions = 6;
    std::int32_t rf = 3;
    std::int32_t brokers = 3;
    std::int32_t acks = -1;
    std::int32_t valueBytes = 100;
    bool json = false;
    bool keyless = false;
    bool consume = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == u"--json") {
            json = true;
            continue;
        }
        if (arg == u"--keyless") {
            keyless = true;
            continue;
        }
        if (arg == u"--consume") {
            consume = true;
            continue;
        }
        if (i + 1 >= args.size())
            return usageError(io, QStringLiteral("bench produce: %1 needs a value").arg(arg));
        const QString value = args.at(++i);
        bool ok = false;
        const qlonglong n = value.toLongLong(&ok);
        const auto bad = [&](const QString &range) {
            return usageError(io, QStringLiteral("bench produce: %1 must be %2, got '%3'").arg(arg, range, value));
        };
        if (arg == u"--acks") {
            if (value == u"all" || value == u"-1")
                acks = -1;
            else if (value == u"0" || value == u"1")
                acks = value.toInt();
            else
                return bad(QStringLiteral("all, 1 or 0"));
        } else if (arg == u"--records") {
            if (!ok || n < 1 || n > 100000000)
                return bad(QStringLiteral("from 1 to 100000000"));
            records = n;
        } else if (arg == u"--partitions") {
            if (!ok || n < 1 || n > 10000)
                return bad(QStringLiteral("from 1 to 10000"));
            partitions = static_cast<std::int32_t>(n);
        } else if (arg == u"--rf") {
            if (!ok || n < 1 || n > 64)
                return bad(QStringLiteral("from 1 to 64"));
            rf = static_cast<std::int32_t>(n);
        } else if (arg == u"--brokers") {
            if (!ok || n < 1 || n > 64)
                return bad(QStringLiteral("from 1 to 64"));
            brokers = static_cast<std::int32_t>(n);
        } else if (arg == u"--value-bytes") {
            if (!ok || n < 0 || n > 1000000)
                return bad(QStringLiteral("from 0 to 1000000"));
            valueBytes = static_cast<std::int32_t>(n);
        } else {
            return usageError(io, QStringLiteral("bench produce: unknown option '%1'").arg(arg));
        }
    }
    brokers = std::max(brokers, rf);

    // Setup, outside the measured window: the arena's pages are provided by the kernel up front
    // (record bytes + per-record metadata + per-batch headroom), as a broker preallocates segments.
    const auto setupStarted = std::chrono::steady_clock::now();
    PrefaultedArena arena;
    // Per record: the value, a key of up to 12 bytes ("key-1999999") and its RecordMeta, plus a
    // sixteenth for the unused tail of each batch's buffers; the arena adds 16 MiB chunks if
    // batches closed early need more.
    const std::size_t perRecord = static_cast<std::size_t>(valueBytes) + 12 + sizeof(core::RecordMeta);
    arena.reserve(static_cast<std::size_t>(records) * perRecord / 16 * 17);
    const double setupSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - setupStarted).count();

    const auto started = std::chrono::steady_clock::now();
    const double cpuStarted = threadCpuSeconds();
    core::ClusterConfig config;
    config.brokers = brokers;
    core::Simulation sim(config);
    sim.setRecordMemory(&arena);
    core::TopicConfig topicConfig;
    topicConfig.minInsyncReplicas = acks == -1 ? std::min(2, rf) : 1;
    sim.createTopic("bench", partitions, rf, topicConfig);
    core::ProducerSettings settings;
    settings.acks = acks;
    sim.createProducer("bench", settings);
    sim.setKeepAckedRanges(0, false);
    // --consume: a group of six consumers reads everything back (range over the partitions).
    constexpr int kConsumers = 6;
    if (consume) {
        for (int c = 0; c < kConsumers; ++c) {
            core::ConsumerConfig cc;
            cc.groupId = "bench-group";
            cc.autoOffsetReset = core::OffsetResetPolicy::Earliest;
            cc.keepRecords = false;
            sim.createConsumer("consumer-" + std::to_string(c), cc);
            sim.subscribe(c, {0});
        }
        // Let the group form before the clock's work starts in earnest (initial rebalance delay).
        sim.runUntil(sim.now() + 4 * core::kMicrosPerSecond);
    }
    const auto consumedTotal = [&sim] {
        std::int64_t total = 0;
        for (const core::ConsumerState &c : sim.consumers())
            total += c.consumedCount;
        return total;
    };
    const core::ProducerState &producer = sim.producers().front();
    const std::int64_t highWater = producer.config.bufferMemory;

    const std::string value(static_cast<std::size_t>(valueBytes), 'x');
    char key[32] = "key-";
    std::int64_t payloadBytes = 0;
    for (std::int64_t i = 0; i < records; ++i) {
        // buffer.memory: when the accumulator is full, send() blocks until the sender drains it.
        while (producer.bufferedBytes > highWater && sim.step()) { }
        if (keyless) {
            sim.send(0, 0, std::nullopt, value);
            payloadBytes += valueBytes;
        } else {
            const auto [end, ec] = std::to_chars(key + 4, key + sizeof key, i);
            const std::string_view k(key, static_cast<std::size_t>(end - key));
            sim.send(0, 0, k, value);
            payloadBytes += valueBytes + static_cast<std::int64_t>(k.size());
        }
    }
    sim.beginFlush(0);
    while (sim.hasPending(0) && sim.step()) { }
    if (consume) {
        while (consumedTotal() < producer.ackedRecords && sim.step()) { }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double cpuSeconds = threadCpuSeconds() - cpuStarted;

    QJsonObject result;
    result[u"records"] = static_cast<qint64>(producer.ackedRecords);
    result[u"failed"] = static_cast<qint64>(producer.failedRecords);
    result[u"seconds"] = seconds;
    result[u"recordsPerSecond"] = static_cast<double>(records) / seconds;
    result[u"megabytesPerSecond"] = static_cast<double>(payloadBytes) / seconds / 1e6;
    result[u"peakRssBytes"] = static_cast<qint64>(peakRssBytes());
    result[u"payloadBytes"] = static_cast<qint64>(payloadBytes);
    result[u"setupSeconds"] = setupSeconds;
    result[u"cpuSeconds"] = cpuSeconds;
    result[u"simulatedSeconds"] = static_cast<double>(sim.now()) / 1e6;
    result[u"events"] = static_cast<qint64>(sim.eventsProcessed());
    if (consume)
        result[u"consumed"] = static_cast<qint64>(consumedTotal());
    if (json) {
        io.out << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    } else {
        io.out << "records           " << result[u"records"].toInteger() << '\n'
               << "seconds           " << seconds << '\n'
               << "records/s         " << qint64(result[u"recordsPerSecond"].toDouble()) << '\n'
               << "MB/s              " << result[u"megabytesPerSecond"].toDouble() << '\n'
               << "peak RSS (bytes)  " << result[u"peakRssBytes"].toInteger() << '\n';
    }
    return producer.ackedRecords == records ? kExitOk : kExitExpectationFailed;
}

} // namespace

int run(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in)
{
    Streams io {out, err, in};
    if (args.size() < 2)
        return usageError(io, QStringLiteral("no command given"));
    const QString command = args.at(1);
    const QStringList rest = args.mid(2);

    if (command == u"--version" || command == u"-v") {
        out << "kafkalab-cli " << KAFKALAB_VERSION << '\n';
        return kExitOk;
    }
    if (command == u"--help" || command == u"-h" || command == u"help") {
        out << kUsage;
        return kExitOk;
    }
    if (command == u"partition")
        return cmdPartition(rest, io);
    if (command == u"run")
        return cmdRun(rest, io);
    if (command == u"bench")
        return cmdBench(rest, io);
    if (command == u"assign")
        return cmdAssign(rest, io);
    if (command == u"chaos")
        return cmdChaos(rest, io);
    if (command == u"lessons")
        return cmdLessons(rest, io);
    if (command == u"live")
        return runLiveCommand(rest, out, err);
    if (command == u"quiz")
        return quiz::runQuizCommand(rest, out, err, in, simulatorHooks());
    return usageError(io, QStringLiteral("unknown command '%1'").arg(command));
}

int run(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    const int code = run(args, out, err, in);
    out.flush();
    err.flush();
    return code;
}

} // namespace kafkalab::cli
