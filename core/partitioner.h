#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

namespace kafkalab::core {

/**
 * Kafka's `Utils.murmur2`: MurmurHash2 with seed 0x9747b28c over the serialized key, in
 * 32-bit wrap-around arithmetic, returned as Java's signed int. Bit-for-bit the Java client's
 * hash, so `partitionForKey` puts a key where a Java producer would.
 */
[[nodiscard]] std::int32_t murmur2(std::span<const std::uint8_t> data) noexcept;
/** As above, over the bytes of `data`. Inline: the producer hashes every keyed record. */
[[nodiscard]] inline std::int32_t murmur2(std::string_view data) noexcept
{
    // Constants and structure of org.apache.kafka.common.utils.Utils#murmur2.
    constexpr std::uint32_t kSeed = 0x9747b28cU;
    constexpr std::uint32_t kM = 0x5bd1e995U;
    constexpr int kR = 24;

    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    const auto length = static_cast<std::uint32_t>(data.size());
    std::uint32_t h = kSeed ^ length;
    const std::size_t blocks = data.size() / 4;

    for (std::size_t i = 0; i < blocks; ++i) {
        const unsigned char *b = bytes + i * 4;
        // Little-endian block, bytes taken unsigned (Java masks each with 0xff).
        std::uint32_t k = 0;
        if constexpr (std::endian::native == std::endian::little)
            std::memcpy(&k, b, sizeof k);
        else
            k = static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8)
                | (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
        k *= kM;
        k ^= k >> kR;
        k *= kM;
        h *= kM;
        h ^= k;
    }

    const unsigned char *tail = bytes + blocks * 4;
    switch (data.size() % 4) {
    case 3:
        h ^= static_cast<std::uint32_t>(tail[2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= static_cast<std::uint32_t>(tail[1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= static_cast<std::uint32_t>(tail[0]);
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

/** Kafka's `Utils.toPositive`: clears the sign bit (not `abs`, which fails for INT_MIN). */
[[nodiscard]] constexpr std::int32_t toPositive(std::int32_t value) noexcept
{
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(value) & 0x7fffffffU);
}

/**
 * `BuiltInPartitioner.partitionForKey`: `toPositive(murmur2(key)) % numPartitions`.
 * An empty key is hashed like any other; a null key never reaches this function (keyless
 * records go to the sticky partitioner).
 */
[[nodiscard]] inline std::int32_t partitionForKey(std::string_view key, std::int32_t numPartitions) noexcept
{
    return toPositive(murmur2(key)) % numPartitions;
}

} // namespace kafkalab::core
