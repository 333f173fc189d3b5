#pragma once

#include <vector>

#include "assignmentindex.h"

namespace kafkalab::core::detail {

/**
 * Kafka's `AbstractStickyAssignor` (clients 3.5+, without rack awareness): the shared algorithm
 * of StickyAssignor and CooperativeStickyAssignor.
 *
 * Where the outcome depends on the iteration order of a Java `HashMap` of members, this
 * reproduces that order from the member ids' `String.hashCode` (see
 * `AssignmentIndex::javaHashMapOrder`); where it depends on a `HashSet` of partitions, the
 * lowest partition is taken. One input always gives one output.
 */
class StickyAssignor
{
public:
    struct Result
    {
        /** Partitions per member (indexed like AssignmentIndex), ascending. */
        std::vector<std::vector<PartitionId>> assignment;
        /**
         * `partitionsTransferringOwnership`: per partition, the member it is newly given to while
         * another member still has to revoke it; -1 when none. From the constrained builder when
         * subscriptions are equal, otherwise computed from owned vs assigned as
         * `CooperativeStickyAssignor.computePartitionsTransferringOwnership` does.
         */
        std::vector<MemberIndex> transferringTo;
        /** True when the identical-subscriptions (constrained) path ran. */
        bool constrained = false;
    };

    /**
     * @param useOwned false when the members' owned partitions must be ignored (a cooperative
     *        assignor on the EAGER protocol: members revoked everything before joining).
     */
    StickyAssignor(const AssignmentIndex &index, bool useOwned);

    [[nodiscard]] Result run() const;

private:
    const AssignmentIndex &m_index;
    bool m_useOwned;
};

} // namespace kafkalab::core::detail
