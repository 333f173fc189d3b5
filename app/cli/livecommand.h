#pragma once

#include <QStringList>

class QTextStream;

namespace kafkalab::cli {

/** `live describe` exit code: the cluster could not be reached or described at all. */
constexpr int kExitLiveUnavailable = 3;

/**
 * `kafkalab-cli live describe --bootstrap HOST:PORT [--group G]… [--json] [--timeout MS]
 * [-X key=value]… [--config FILE]`: a real cluster through librdkafka (docs/cli.md). `args` are
 * the arguments after `live`. Exit 0 described, 1 described but something asked for could not be
 * read (unknown group, not authorized, timed out), 2 bad arguments or properties, 3 the cluster
 * could not be described (unreachable, authentication or TLS failure, no answer in time).
 */
int runLiveCommand(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace kafkalab::cli
