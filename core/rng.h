#pragma once

#include <cstdint>

namespace kafkalab::core {

/**
 * The simulation's random numbers: xoshiro256** seeded through SplitMix64, with the project's
 * own bounded and real-valued draws. Standard-library distributions are avoided on purpose:
 * their output differs between library implementations, and the same scenario and seed must
 * give the same trace on every machine.
 */
class Rng
{
public:
    explicit Rng(std::uint64_t seed = 42) noexcept { reseed(seed); }

    void reseed(std::uint64_t seed) noexcept
    {
        for (auto &word : m_state) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            word = z ^ (z >> 31);
        }
    }

    std::uint64_t next() noexcept
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    /** Uniform in [0, bound); bound > 0. Lemire's multiply-shift with rejection, so unbiased. */
    std::uint64_t below(std::uint64_t bound) noexcept
    {
        while (true) {
            const std::uint64_t x = next();
            __extension__ using U128 = unsigned __int128;
            const U128 m = static_cast<U128>(x) * bound;
            const auto low = static_cast<std::uint64_t>(m);
            if (low >= bound || low >= (0 - bound) % bound)
                return static_cast<std::uint64_t>(m >> 64);
        }
    }

    /** Uniform in [lo, hi], inclusive. */
    std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept
    {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    friend bool operator==(const Rng &, const Rng &) = default;

private:
    static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_state[4] = {};
};

} // namespace kafkalab::core
