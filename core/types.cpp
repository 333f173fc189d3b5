#include "types.h"

namespace kafkalab::core {

std::string_view errorName(ErrorCode code) noexcept
{
    switch (code) {
    case ErrorCode::None:
        return "NONE";
    case ErrorCode::OffsetOutOfRange:
        return "OFFSET_OUT_OF_RANGE";
    case ErrorCode::CoordinatorNotAvailable:
        return "COORDINATOR_NOT_AVAILABLE";
    case ErrorCode::NotCoordinator:
        return "NOT_COORDINATOR";
    case ErrorCode::IllegalGeneration:
        return "ILLEGAL_GENERATION";
    case ErrorCode::UnknownMemberId:
        return "UNKNOWN_MEMBER_ID";
    case ErrorCode::RebalanceInProgress:
        return "REBALANCE_IN_PROGRESS";
    case ErrorCode::FencedInstanceId:
        return "FENCED_INSTANCE_ID";
    case ErrorCode::NoOffsetForPartition:
        return "NO_OFFSET_FOR_PARTITION";
    case ErrorCode::CorruptMessage:
        return "CORRUPT_MESSAGE";
    case ErrorCode::UnknownTopicOrPartition:
        return "UNKNOWN_TOPIC_OR_PARTITION";
    case ErrorCode::LeaderNotAvailable:
        return "LEADER_NOT_AVAILABLE";
    case ErrorCode::NotLeaderOrFollower:
        return "NOT_LEADER_OR_FOLLOWER";
    case ErrorCode::RequestTimedOut:
        return "REQUEST_TIMED_OUT";
    case ErrorCode::MessageTooLarge:
        return "MESSAGE_TOO_LARGE";
    case ErrorCode::InvalidRecord:
        return "INVALID_RECORD";
    case ErrorCode::NetworkException:
        return "NETWORK_EXCEPTION";
    case ErrorCode::RecordListTooLarge:
        return "RECORD_LIST_TOO_LARGE";
    case ErrorCode::NotEnoughReplicas:
        return "NOT_ENOUGH_REPLICAS";
    case ErrorCode::NotEnoughReplicasAfterAppend:
        return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
    case ErrorCode::InvalidRequiredAcks:
        return "INVALID_REQUIRED_ACKS";
    case ErrorCode::OutOfOrderSequenceNumber:
        return "OUT_OF_ORDER_SEQUENCE_NUMBER";
    case ErrorCode::DuplicateSequenceNumber:
        return "DUPLICATE_SEQUENCE_NUMBER";
    case ErrorCode::InvalidProducerEpoch:
        return "INVALID_PRODUCER_EPOCH";
    case ErrorCode::InvalidTxnState:
        return "INVALID_TXN_STATE";
    case ErrorCode::InvalidProducerIdMapping:
        return "INVALID_PRODUCER_ID_MAPPING";
    case ErrorCode::ConcurrentTransactions:
        return "CONCURRENT_TRANSACTIONS";
    case ErrorCode::ProducerFenced:
        return "PRODUCER_FENCED";
    case ErrorCode::DeliveryTimeout:
        return "DELIVERY_TIMEOUT";
    }
    return "UNKNOWN_SERVER_ERROR";
}

bool isRetriable(ErrorCode code) noexcept
{
    switch (code) {
    case ErrorCode::UnknownTopicOrPartition:
    case ErrorCode::LeaderNotAvailable:
    case ErrorCode::NotLeaderOrFollower:
    case ErrorCode::RequestTimedOut:
    case ErrorCode::NetworkException:
    case ErrorCode::NotEnoughReplicas:
    case ErrorCode::NotEnoughReplicasAfterAppend:
    case ErrorCode::ConcurrentTransactions:
        return true;
    default:
        return false;
    }
}

} // namespace kafkalab::core
