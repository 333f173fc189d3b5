#include "livecommand.h"

#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include "app/cli/clicommands.h"
#include "live/liveclient.h"
#include "live/liveclusterstate.h"
#include "live/liveconfig.h"
#include "live/livejson.h"

namespace kafkalab::cli {
namespace {

constexpr auto kLiveUsage = R"(Usage: kafkalab-cli live describe --bootstrap HOST:PORT[,HOST:PORT…] [OPTIONS]

Reads a real Kafka cluster through librdkafka (read-only): brokers and controller, topics with
partitions, leaders, replicas and ISR, consumer groups with members, committed offsets and lag.

Options:
  --bootstrap LIST   bootstrap servers (required)
  --group G          describe only this group (repeatable); works without the ACL to list groups
  --json             print JSON in the shape of `run --state`
  --timeout MS       give up after MS milliseconds (default 10000)
  -X key=value       any librdkafka property, e.g. -X security.protocol=SASL_SSL
                     -X sasl.mechanism=SCRAM-SHA-256 -X sasl.username=alice (repeatable)
  --config FILE      librdkafka properties from a file, one key=value per line (# comments);
                     keeps passwords off the command line

Exit: 0 described, 1 something asked for could not be read (unknown group, not authorized,
timed out), 2 bad arguments, 3 the cluster could not be reached or described.
)";

int usage(QTextStream &err, const QString &message)
{
    err << "kafkalab-cli: live: " << message << "\n"
        << "Try 'kafkalab-cli live --help'.\n";
    return kExitUsage;
}

QString joined(const QList<int> &ids)
{
    QStringList parts;
    for (int id : ids)
        parts.append(QString::number(id));
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(u',');
}

QString offsetText(qint64 offset)
{
    return offset < 0 ? QStringLiteral("?") : QString::number(offset);
}

/** Left-aligned columns, two spaces apart. */
void printTable(QTextStream &out, const QString &indent, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths.append(0);
            widths[c] = std::max(widths[c], row[c].size());
        }
    for (const QStringList &row : rows) {
        QString line = indent;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row[c].leftJustified(widths[c] + 2) : row[c];
        while (line.endsWith(u' '))
            line.chop(1);
        out << line << '\n';
    }
}

void printText(const live::LiveClusterState &s, QTextStream &out)
{
    out << "Cluster     " << s.bootstrap;
    if (!s.clusterId.isEmpty())
        out << "  (cluster id " << s.clusterId << ')';
    out << '\n';
    out << "Controller  "
        << (s.controller < 0 ? QStringLiteral("unknown (the cluster did not report one of its brokers)")
                             : QStringLiteral("broker %1").arg(s.controller))
        << '\n';

    out << "\nBrokers (" << s.brokers.size() << ")\n";
    QList<QStringList> brokers;
    for (const live::LiveBroker &b : s.brokers)
        brokers.append({QString::number(b.id),
            b.alive ? b.host + u':' + QString::number(b.port)
                    : QStringLiteral("DOWN (in replica lists, absent from the metadata)"),
            b.id == s.controller ? QStringLiteral("controller") : QString()});
    printTable(out, QStringLiteral("  "), brokers);

    out << "\nTopics (" << s.topics.size() << ")   under-replicated partitions: " << s.underReplicatedCount()
        << "   offline: " << s.offlineCount() << '\n';
    for (const live::LiveTopic &t : s.topics) {
        out << "  " << t.name << "  " << t.partitions.size()
            << (t.partitions.size() == 1 ? " partition" : " partitions") << (t.internal ? "  (internal)" : "") << '\n';
        if (!t.error.isEmpty()) {
            out << "    ! " << t.error << '\n';
            continue;
        }
        QList<QStringList> rows {{QStringLiteral("PARTITION"), QStringLiteral("LEADER"), QStringLiteral("REPLICAS"),
            QStringLiteral("ISR"), QStringLiteral("LOG START"), QStringLiteral("HIGH WATERMARK"), QString()}};
        for (const live::LivePartition &p : t.partitions) {
            QString status;
            if (p.offline())
                status = QStringLiteral("OFFLINE");
            else if (p.underReplicated())
                status = QStringLiteral("under-replicated");
            if (!p.error.isEmpty())
                status += (status.isEmpty() ? QString() : QStringLiteral("; ")) + p.error;
            rows.append({live::TopicPartition {t.name, p.partition}.name(),
                p.leader < 0 ? QStringLiteral("none") : QString::number(p.leader), joined(p.replicas), joined(p.isr),
                offsetText(p.logStartOffset), offsetText(p.logEndOffset), status});
        }
        printTable(out, QStringLiteral("    "), rows);
    }

    out << "\nConsumer groups (" << s.groups.size() << ")\n";
    for (const live::LiveGroup &g : s.groups) {
        out << "  " << g.groupId << "  " << (g.state.isEmpty() ? QStringLiteral("state unknown") : g.state);
        if (!g.protocol.isEmpty())
            out << "  " << g.protocol;
        if (g.coordinator >= 0)
            out << "  coordinator " << g.coordinator;
        out << "  total lag " << g.totalLag() << '\n';
        if (!g.error.isEmpty())
            out << "    ! " << g.error << '\n';
        for (const live::LiveMember &m : g.members) {
            QStringList parts;
            for (const live::TopicPartition &tp : m.assignment)
                parts.append(tp.name());
            out << "    member " << m.clientId << "  " << m.memberId
                << (m.host.isEmpty() ? QString() : QStringLiteral("  ") + m.host) << ": "
                << (parts.isEmpty() ? QStringLiteral("(no partitions)") : parts.join(QStringLiteral(", "))) << '\n';
        }
        QList<QStringList> rows;
        for (const live::LiveGroupOffset &o : g.offsets)
            rows.append({o.partition.name(), QStringLiteral("committed ") + QString::number(o.committed),
                QStringLiteral("end ") + offsetText(o.logEndOffset),
                QStringLiteral("lag ") + (o.lag < 0 ? QStringLiteral("? (topic gone)") : QString::number(o.lag))});
        if (rows.isEmpty())
            out << "    no committed offsets\n";
        printTable(out, QStringLiteral("    "), rows);
    }
    if (!s.problems.isEmpty()) {
        out << "\nProblems\n";
        for (const live::LiveError &e : s.problems)
            out << (e.isFailure() ? "  ! " : "  note: ") << e.toString() << '\n';
    }
}

int describe(const QStringList &args, QTextStream &out, QTextStream &err)
{
    live::ConnectionSettings settings;
    live::DescribeOptions options;
    bool json = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        const auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size())
                return std::nullopt;
            return args.at(++i);
        };
        if (arg == u"--json") {
            json = true;
        } else if (arg == u"--bootstrap" || arg == u"-b") {
            const auto v = value();
            if (!v || v->trimmed().isEmpty())
                return usage(err, QStringLiteral("--bootstrap needs HOST:PORT"));
            settings.bootstrap = *v;
        } else if (arg == u"--group" || arg == u"-g") {
            const auto v = value();
            if (!v || v->isEmpty())
                return usage(err, QStringLiteral("--group needs a group id"));
            options.groups.append(*v);
        } else if (arg == u"--timeout") {
            const auto v = value();
            bool ok = false;
            const int ms = v ? v->toInt(&ok) : 0;
            if (!ok || ms < 100 || ms > 600000)
                return usage(err,
                    QStringLiteral("--timeout must be milliseconds from 100 to 600000, got '%1'")
                        .arg(v.value_or(QString())));
            settings.timeoutMs = ms;
        } else if (arg == u"-X" || arg.startsWith(u"-X")) {
            const auto v = arg == u"-X" ? value() : std::optional(arg.mid(2));
            if (!v)
                return usage(err, QStringLiteral("-X needs key=value"));
            auto property = live::parseProperty(*v);
            if (!property)
                return usage(err, QStringLiteral("-X: ") + property.error().message);
            settings.extra.append(property.value());
        } else if (arg == u"--config") {
            const auto v = value();
            if (!v)
                return usage(err, QStringLiteral("--config needs a file"));
            QFile file(*v);
            if (!file.open(QIODevice::ReadOnly))
                return usage(err, QStringLiteral("cannot read %1: %2").arg(*v, file.errorString()));
            auto properties = live::parsePropertyLines(QString::fromUtf8(file.readAll()));
            if (!properties)
                return usage(err, *v + u':' + properties.error().message);
            settings.extra.append(properties.value());
        } else {
            return usage(err, QStringLiteral("unknown option '%1'").arg(arg));
        }
    }
    if (settings.bootstrap.trimmed().isEmpty())
        return usage(err, QStringLiteral("describe: --bootstrap HOST:PORT is required"));
    // With named groups, only those: listing every group needs an ACL many users lack.
    options.listGroups = options.groups.isEmpty();

    auto client = live::LiveClient::create(settings);
    if (!client) {
        err << "kafkalab-cli: live describe: " << client.error().toString() << '\n';
        return kExitUsage;
    }
    auto state = client.value()->describe(options);
    if (!state) {
        err << "kafkalab-cli: live describe: " << state.error().toString() << '\n';
        return kExitLiveUnavailable;
    }
    if (json)
        out << QJsonDocument(live::stateToJson(state.value())).toJson(QJsonDocument::Indented);
    else
        printText(state.value(), out);
    for (const live::LiveError &e : state->problems)
        if (e.isFailure())
            err << "kafkalab-cli: live describe: " << e.toString() << '\n';
    return state->hasFailures() ? kExitExpectationFailed : kExitOk;
}

} // namespace

int runLiveCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h" || args.first() == u"help") {
        (args.isEmpty() ? err : out) << kLiveUsage;
        return args.isEmpty() ? kExitUsage : kExitOk;
    }
    if (args.first() == u"describe")
        return describe(args.mid(1), out, err);
    return usage(err, QStringLiteral("unknown subcommand '%1' (describe)").arg(args.first()));
}

} // namespace kafkalab::cli
