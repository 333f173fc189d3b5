#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace kafkalab::core {

/**
 * Kafka's `Utils.murmur2`: MurmurHash2 with seed 0x9747b28c over the serialized key, in
 * 32-bit wrap-around arithmetic, returned as Java's signed int. Bit-for-bit the Java client's
 * hash, so `partitionForKey` puts a key where a Java producer would.
 */
[[nodiscard]] std::int32_t murmur2(std::span<const std::uint8_t> data) noexcept;
[[nodiscard]] std::int32_t murmur2(std::string_view data) noexcept;

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
[[nodiscard]] std::int32_t partitionForKey(std::string_view key, std::int32_t numPartitions) noexcept;

} // namespace kafkalab::core
