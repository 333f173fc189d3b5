#include "event.h"

namespace kafkalab::core {

std::string_view eventTypeName(EventType type) noexcept
{
    switch (type) {
    case EventType::BrokerDown:
        return "BrokerDown";
    case EventType::BrokerUp:
        return "BrokerUp";
    case EventType::BrokerIsolated:
        return "BrokerIsolated";
    case EventType::BrokerHealed:
        return "BrokerHealed";
    case EventType::BrokerFenced:
        return "BrokerFenced";
    case EventType::BrokerSlowed:
        return "BrokerSlowed";
    case EventType::ControllerElected:
        return "ControllerElected";
    case EventType::TopicCreated:
        return "TopicCreated";
    case EventType::PartitionsAdded:
        return "PartitionsAdded";
    case EventType::LeaderElected:
        return "LeaderElected";
    case EventType::PartitionOffline:
        return "PartitionOffline";
    case EventType::IsrShrink:
        return "IsrShrink";
    case EventType::IsrExpand:
        return "IsrExpand";
    case EventType::RecordAppended:
        return "RecordAppended";
    case EventType::ReplicaFetched:
        return "ReplicaFetched";
    case EventType::ReplicaTruncated:
        return "ReplicaTruncated";
    case EventType::HighWatermarkAdvanced:
        return "HighWatermarkAdvanced";
    case EventType::ProduceSent:
        return "ProduceSent";
    case EventType::ProduceAcked:
        return "ProduceAcked";
    case EventType::ProduceFailed:
        return "ProduceFailed";
    case EventType::ProduceRetried:
        return "ProduceRetried";
    case EventType::AckLost:
        return "AckLost";
    case EventType::SegmentRolled:
        return "SegmentRolled";
    case EventType::SegmentDeleted:
        return "SegmentDeleted";
    case EventType::LogCompacted:
        return "LogCompacted";
    case EventType::RebalanceStarted:
        return "RebalanceStarted";
    case EventType::RebalanceCompleted:
        return "RebalanceCompleted";
    case EventType::PartitionsAssigned:
        return "PartitionsAssigned";
    case EventType::PartitionsRevoked:
        return "PartitionsRevoked";
    case EventType::OffsetCommitted:
        return "OffsetCommitted";
    case EventType::TransactionState:
        return "TransactionState";
    }
    return "Unknown";
}

} // namespace kafkalab::core
