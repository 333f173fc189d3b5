#include "partitioner.h"

namespace kafkalab::core {

std::int32_t murmur2(std::span<const std::uint8_t> data) noexcept
{
    return murmur2(std::string_view(reinterpret_cast<const char *>(data.data()), data.size()));
}

} // namespace kafkalab::core
