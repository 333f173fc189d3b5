#pragma once

#include <optional>

#include <QByteArray>
#include <QList>

#include "live/liveclusterstate.h"

namespace kafkalab::live {

/**
 * Decodes the assignment a consumer group member received in SyncGroup (Kafka's embedded
 * ConsumerProtocolAssignment, versions 0-3: int16 version, [topic string, [int32 partition]],
 * nullable user data; big-endian). Returns the partitions sorted, or nullopt when the bytes are not
 * such an assignment. Empty bytes are an empty assignment (a member between rebalances).
 */
[[nodiscard]] std::optional<QList<TopicPartition>> decodeConsumerAssignment(const QByteArray &bytes);

/** The inverse, version 0 without user data (tests build member assignments with it). */
[[nodiscard]] QByteArray encodeConsumerAssignment(const QList<TopicPartition> &assignment);

} // namespace kafkalab::live
