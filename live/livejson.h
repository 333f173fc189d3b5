#pragma once

#include <QJsonObject>

#include "live/liveclusterstate.h"

namespace kafkalab::live {

/**
 * The state as `kafkalab-cli live describe --json` prints it: the keys of the simulator's `--state`
 * where they mean the same (timeUs is wall-clock here; highWatermark is the log end offset a
 * read_uncommitted ListOffsets returns; leaderEpoch only where known), plus live-only keys
 * (bootstrap, clusterId, host/port, internal, underReplicated, offline, problems).
 */
[[nodiscard]] QJsonObject stateToJson(const LiveClusterState &state);

/** One problem as JSON: {"kind", "message", "detail", "code", "subject"}. */
[[nodiscard]] QJsonObject errorToJson(const LiveError &error);

} // namespace kafkalab::live
