#pragma once

#include <QJsonObject>

namespace kafkalab::core {
class Simulation;
struct Event;
} // namespace kafkalab::core

namespace kafkalab::cli {

/** The `--state` JSON of DESIGN §4: brokers, topics with partitions and records, producers, groups, consumers. */
[[nodiscard]] QJsonObject stateToJson(const core::Simulation &simulation);

/** One `--events` line: `{"tUs": …, "type": "IsrShrink", …}` with the fields that apply to the type. */
[[nodiscard]] QJsonObject eventToJson(const core::Event &event);

} // namespace kafkalab::cli
