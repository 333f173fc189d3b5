#include "clicommands.h"

#include <cstdio>
#include <functional>
#include <map>

#include <QTextStream>

#include "core/partitioner.h"

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

struct Streams {
    QTextStream &out;
    QTextStream &err;
    QTextStream &in;
};

int usageError(Streams &io, const QString &message)
{
    io.err << "kafkalab-cli: " << message << "\n" << "Try 'kafkalab-cli --help'.\n";
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
        const auto p = core::partitionForKey(std::string_view(bytes.constData(), std::size_t(bytes.size())), partitions);
        io.out << key << '\t' << p << '\n';
    }
    return kExitOk;
}

} // namespace

int run(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in)
{
    Streams io{out, err, in};
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
