#include "clicommands.h"

#include <cstdio>
#include <functional>
#include <map>

#include <charconv>
#include <chrono>
#include <memory_resource>
#include <sys/mman.h>
#include <sys/resource.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "app/cli/statejson.h"
#include "core/partitioner.h"
#include "core/scenario/scenariorunner.h"
#include "core/simulation.h"

namespace kafkalab::cli {
namespace {

constexpr auto kUsage = R"(Usage: kafkalab-cli COMMAND [OPTIONS]

Commands:
  --version                         print the version
  partition --partitions N KEY...   the partition Kafka's default partitioner picks for each key
  run FILE.kls [--seed N] [--events FILE.jsonl] [--state FILE.json] [--quiet]
                                    run a scenario; exit 1 if an expect fails, 2 on a script error
  bench produce --records N --partitions P --rf R --acks all|1|0 --value-bytes B [--json]
                                    measure the mini broker's produce throughput

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
        void *base = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (base == MAP_FAILED)
            throw std::bad_alloc();
        m_chunks.emplace_back(base, bytes);
    }
    PrefaultedArena(const PrefaultedArena &) = delete;
    PrefaultedArena &operator=(const PrefaultedArena &) = delete;
    ~PrefaultedArena() override
    {
        for (const auto &[base, size] : m_chunks)
            munmap(base, size);
    }

private:
    static constexpr std::size_t kChunk = 64U << 20;

    void *do_allocate(std::size_t bytes, std::size_t alignment) override
    {
        std::size_t offset = (m_used + alignment - 1) & ~(alignment - 1);
        if (m_chunks.empty() || offset + bytes > m_chunks.back().second) {
            const std::size_t size = std::max(kChunk, bytes + alignment);
            void *base = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
            if (base == MAP_FAILED)
                throw std::bad_alloc();
            m_chunks.emplace_back(base, size);
            offset = 0;
        }
        m_used = offset + bytes;
        return static_cast<char *>(m_chunks.back().first) + offset;
    }
    void do_deallocate(void *, std::size_t, std::size_t) override { }
    bool do_is_equal(const std::pmr::memory_resource &other) const noexcept override { return this == &other; }

    std::vector<std::pair<void *, std::size_t>> m_chunks;
    std::size_t m_used = 0;
};

int cmdBench(const QStringList &args, Streams &io)
{
    if (args.isEmpty() || args.at(0) != u"produce")
        return usageError(io, QStringLiteral("bench: expected `bench produce …`"));
    std::int64_t records = 1000000;
    std::int32_t partitions = 6;
    std::int32_t rf = 3;
    std::int32_t brokers = 3;
    std::int32_t acks = -1;
    std::int32_t valueBytes = 100;
    bool json = false;
    bool keyless = false;
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
        if (arg == u"--consume")
            return usageError(io,
                QStringLiteral("bench produce: --consume needs consumer groups, which this version of the simulator "
                               "does not run yet"));
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
    const std::size_t perRecord = static_cast<std::size_t>(valueBytes) + 24 + sizeof(core::RecordMeta);
    arena.reserve(static_cast<std::size_t>(records) * perRecord * 11 / 10 + (64U << 20));
    const double setupSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - setupStarted).count();

    const auto started = std::chrono::steady_clock::now();
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
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    QJsonObject result;
    result[u"records"] = static_cast<qint64>(producer.ackedRecords);
    result[u"failed"] = static_cast<qint64>(producer.failedRecords);
    result[u"seconds"] = seconds;
    result[u"recordsPerSecond"] = static_cast<double>(records) / seconds;
    result[u"megabytesPerSecond"] = static_cast<double>(payloadBytes) / seconds / 1e6;
    result[u"peakRssBytes"] = static_cast<qint64>(peakRssBytes());
    result[u"payloadBytes"] = static_cast<qint64>(payloadBytes);
    result[u"setupSeconds"] = setupSeconds;
    result[u"simulatedSeconds"] = static_cast<double>(sim.now()) / 1e6;
    result[u"events"] = static_cast<qint64>(sim.eventsProcessed());
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
