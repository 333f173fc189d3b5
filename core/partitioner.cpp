#include "partitioner.h"

namespace kafkalab::core {

std::int32_t murmur2(std::span<const std::uint8_t> data) noexcept
{
    // Constants and structure of org.apache.kafka.common.utils.Utils#murmur2.
    constexpr std::uint32_t kSeed = 0x9747b28cU;
    constexpr std::uint32_t kM = 0x5bd1e995U;
    constexpr int kR = 24;

    const auto length = static_cast<std::uint32_t>(data.size());
    std::uint32_t h = kSeed ^ length;
    const std::size_t blocks = data.size() / 4;

    for (std::size_t i = 0; i < blocks; ++i) {
        const std::size_t i4 = i * 4;
        // Little-endian block, bytes taken unsigned (Java masks each with 0xff).
        std::uint32_t k = static_cast<std::uint32_t>(data[i4]) | (static_cast<std::uint32_t>(data[i4 + 1]) << 8)
            | (static_cast<std::uint32_t>(data[i4 + 2]) << 16) | (static_cast<std::uint32_t>(data[i4 + 3]) << 24);
        k *= kM;
        k ^= k >> kR;
        k *= kM;
        h *= kM;
        h ^= k;
    }

    const std::size_t tail = blocks * 4;
    switch (data.size() % 4) {
    case 3:
        h ^= static_cast<std::uint32_t>(data[tail + 2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= static_cast<std::uint32_t>(data[tail + 1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= static_cast<std::uint32_t>(data[tail]);
        h *= kM;
        break;
    default:
        break;
    }

    h ^= h >> 13;
    h *= kM;
    h ^= h >> 15;
    return static_cast<std::int32_t>(h);
}

std::int32_t murmur2(std::string_view data) noexcept
{
    return murmur2(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(data.data()), data.size()));
}

std::int32_t partitionForKey(std::string_view key, std::int32_t numPartitions) noexcept
{
    return toPositive(murmur2(key)) % numPartitions;
}

} // namespace kafkalab::core
