#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/consumerstate.h"
#include "core/types.h"

namespace kafkalab::core {

/**
 * One transactional.id on the transaction coordinator (Kafka's TransactionMetadata), with the
 * states of TransactionState.
 */
struct TxnMetadata
{
    enum class State : std::uint8_t {
        Empty,
        Ongoing,
        PrepareCommit,
        PrepareAbort,
        CompleteCommit,
        CompleteAbort,
        Dead,
        PrepareEpochFence,
    };

    std::string transactionalId;
    ProducerId producerId = kNoProducerId;
    std::int16_t epoch = kNoProducerEpoch;
    State state = State::Empty;
    std::vector<PartitionKey> partitions;
    /** Groups whose offsets this transaction commits (AddOffsetsToTxn). */
    std::vector<std::int32_t> groups;
    TimeUs startedUs = -1;
    TimeUs timeoutUs = 60 * kMicrosPerSecond;
    /** Markers still being written for PrepareCommit/PrepareAbort. */
    std::int32_t pendingMarkers = 0;
    /** The __transaction_state partition whose leader coordinates this id. */
    std::int32_t logPartition = 0;
    /** The latest transitions (time, new state), oldest first, at most kRecentStates: the path a view draws. */
    std::vector<std::pair<TimeUs, State>> recentStates;
    static constexpr std::size_t kRecentStates = 8;
};

[[nodiscard]] const char *txnStateName(TxnMetadata::State state) noexcept;

} // namespace kafkalab::core
