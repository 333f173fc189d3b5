#include "log.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace kafkalab::core {

RecordBytes::RecordBytes(const RecordBytes &other)
    : m_memory(std::pmr::get_default_resource())
{
    append(other.view());
}

RecordBytes::RecordBytes(RecordBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_capacity(std::exchange(other.m_capacity, 0))
    , m_memory(other.m_memory)
{ }

RecordBytes &RecordBytes::operator=(const RecordBytes &other)
{
    if (this != &other) {
        m_size = 0;
        append(other.view());
    }
    return *this;
}

RecordBytes &RecordBytes::operator=(RecordBytes &&other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
        m_memory = other.m_memory;
    }
    return *this;
}

void RecordBytes::reserve(std::size_t capacity)
{
    if (capacity <= m_capacity)
        return;
    auto *grown = static_cast<char *>(m_memory->allocate(capacity, 1));
    if (m_size > 0)
        std::memcpy(grown, m_data, m_size);
    release();
    m_data = grown;
    m_capacity = capacity;
}

void RecordBytes::release() noexcept
{
    if (m_data != nullptr)
        m_memory->deallocate(m_data, m_capacity, 1);
    m_data = nullptr;
    m_capacity = 0;
}

std::string_view BatchPayload::key(std::size_t i) const noexcept
{
    const RecordMeta &meta = records[i];
    if (meta.keyLen < 0)
        return {};
    return bytes.view().substr(std::size_t(meta.keyPos), std::size_t(meta.keyLen));
}

std::string_view BatchPayload::value(std::size_t i) const noexcept
{
    const RecordMeta &meta = records[i];
    if (meta.valueLen < 0)
        return {};
    const std::size_t pos = std::size_t(meta.keyPos) + std::size_t(std::max(meta.keyLen, 0));
    return bytes.view().substr(pos, std::size_t(meta.valueLen));
}

void Log::append(LogBatch batch, TimeUs now, const LogLimits &limits)
{
    const std::int64_t size = batch.payload->sizeBytes;
    const TimeUs maxTimestamp = std::max(batch.appendTimeUs, batch.payload->maxTimestampUs);

    // Roll like LogSegment.shouldRoll: the batch would overflow segment.bytes, or the active
    // segment is older than segment.ms. An empty active segment never rolls.
    bool roll = m_segments.empty();
    if (!roll) {
        const Segment &active = m_segments.back();
        if (!active.batches.empty()
            && (active.bytes + size > limits.segmentBytes || now - active.createdUs >= limits.segmentUs))
            roll = true;
    }
    if (roll) {
        Segment segment;
        segment.baseOffset = batch.baseOffset;
        segment.createdUs = now;
        m_segments.push_back(std::move(segment));
    }
    Segment &active = m_segments.back();
    active.bytes += size;
    active.maxTimestampUs = std::max(active.maxTimestampUs, maxTimestamp);
    m_sizeBytes += size;
    m_logEndOffset = batch.nextOffset();
    active.batches.push_back(std::move(batch));
}

void Log::truncateTo(Offset offset)
{
    if (offset >= m_logEndOffset)
        return;
    offset = std::max(offset, m_logStartOffset);
    while (!m_segments.empty()) {
        Segment &segment = m_segments.back();
        while (!segment.batches.empty() && segment.batches.back().baseOffset >= offset) {
            const std::int64_t size = segment.batches.back().payload->sizeBytes;
            segment.bytes -= size;
            m_sizeBytes -= size;
            segment.batches.pop_back();
        }
        if (segment.batches.empty() && m_segments.size() > 1 && segment.baseOffset >= offset)
            m_segments.pop_back();
        else
            break;
    }
    m_logEndOffset = offset;
    m_cleanerCheckpoint = std::min(m_cleanerCheckpoint, offset);
    // LeaderEpochFileCache.truncateFromEnd: epochs that start at or after the new end are gone.
    while (!m_epochs.empty() && m_epochs.back().startOffset >= offset)
        m_epochs.pop_back();
}

int Log::applyRetention(TimeUs now, std::int64_t retentionMs, std::int64_t retentionBytes, Offset hw)
{
    int deleted = 0;
    // Never the active segment; never a segment holding offsets at or above the HW
    // (UnifiedLog.deletableSegments stops at the high watermark).
    const auto deletable = [&](const Segment &segment) {
        if (&segment == &m_segments.back())
            return false;
        const Segment &next = *(&segment + 1);
        return next.baseOffset <= hw;
    };
    while (m_segments.size() > 1) {
        const Segment &oldest = m_segments.front();
        if (!deletable(oldest))
            break;
        const bool expired = retentionMs >= 0 && now - oldest.maxTimestampUs > retentionMs * kMicrosPerMs;
        const bool overSize = retentionBytes >= 0 && m_sizeBytes - oldest.bytes >= retentionBytes;
        if (!expired && !overSize)
            break;
        m_sizeBytes -= oldest.bytes;
        m_segments.erase(m_segments.begin());
        m_logStartOffset = m_segments.front().baseOffset;
        m_cleanerCheckpoint = std::max(m_cleanerCheckpoint, m_logStartOffset);
        ++deleted;
    }
    return deleted;
}

double Log::dirtyRatio() const noexcept
{
    if (m_segments.size() < 2)
        return 0.0;
    const Offset activeBase = m_segments.back().baseOffset;
    std::int64_t total = 0;
    std::int64_t dirty = 0;
    for (std::size_t i = 0; i + 1 < m_segments.size(); ++i) {
        for (const LogBatch &batch : m_segments[i].batches) {
            total += batch.payload->sizeBytes;
            if (batch.baseOffset >= m_cleanerCheckpoint && batch.baseOffset < activeBase)
                dirty += batch.payload->sizeBytes;
        }
    }
    return total == 0 ? 0.0 : static_cast<double>(dirty) / static_cast<double>(total);
}

CleanResult Log::clean(TimeUs now, double minDirtyRatio, std::int64_t deleteRetentionMs, Offset hw)
{
    CleanResult result;
    result.dirtyRatio = dirtyRatio();
    if (m_segments.size() < 2)
        return result;
    // KIP-534: a log whose tombstones have passed their delete horizon is cleanable even when
    // its dirty ratio is low, so deletes do not wait for new writes.
    bool expiredTombstones = false;
    for (std::size_t s = 0; s + 1 < m_segments.size() && !expiredTombstones; ++s)
        for (const LogBatch &batch : m_segments[s].batches)
            if (batch.deleteHorizonUs >= 0 && batch.deleteHorizonUs <= now)
                expiredTombstones = true;
    const bool dirtyEnough = result.dirtyRatio > 0.0 && result.dirtyRatio >= minDirtyRatio;
    if (!dirtyEnough && !expiredTombstones)
        return result;
    // The cleanable range ends at the active segment and never passes the HW
    // (LogCleanerManager.cleanableOffsets: firstUncleanableDirtyOffset ≤ HW).
    const Offset end = std::min(m_segments.back().baseOffset, hw);
    if (end <= m_cleanerCheckpoint && !expiredTombstones)
        return result;

    // Offset map over the dirty range: key → offset of its latest record.
    std::unordered_map<std::string_view, Offset> latest;
    forEachBatch(m_cleanerCheckpoint, end, [&](const LogBatch &batch) {
        const BatchPayload &p = *batch.payload;
        if (p.control != ControlType::None)
            return;
        for (std::size_t i = 0; i < p.records.size(); ++i) {
            const Offset offset = batch.baseOffset + p.records[i].offsetDelta;
            if (offset < end && !p.keyIsNull(i))
                latest[p.key(i)] = offset;
        }
    });

    // The new segments are built beside the old ones: the offset map's keys point into the old
    // payloads, which must stay alive until the pass is over.
    std::vector<Segment> cleanedSegments;
    cleanedSegments.reserve(m_segments.size());
    std::int64_t newSize = 0;
    for (std::size_t s = 0; s < m_segments.size(); ++s) {
        const Segment &segment = m_segments[s];
        if (s + 1 == m_segments.size()) {
            newSize += segment.bytes;
            cleanedSegments.push_back(segment);
            break;
        }
        Segment out;
        out.baseOffset = segment.baseOffset;
        out.createdUs = segment.createdUs;
        out.maxTimestampUs = segment.maxTimestampUs;
        for (const LogBatch &batch : segment.batches) {
            const BatchPayload &p = *batch.payload;
            if (batch.baseOffset >= end || p.control != ControlType::None) {
                out.bytes += p.sizeBytes;
                out.batches.push_back(batch);
                continue;
            }
            auto rebuilt = std::make_shared<BatchPayload>();
            rebuilt->producerId = p.producerId;
            rebuilt->producerEpoch = p.producerEpoch;
            rebuilt->baseSequence = p.baseSequence;
            rebuilt->transactional = p.transactional;
            bool hasTombstone = false;
            const TimeUs horizon = batch.deleteHorizonUs;
            for (std::size_t i = 0; i < p.records.size(); ++i) {
                const Offset offset = batch.baseOffset + p.records[i].offsetDelta;
                const std::string_view key = p.key(i);
                const auto it = latest.find(key);
                const bool superseded = !p.keyIsNull(i) && it != latest.end() && it->second > offset;
                if (superseded) {
                    ++result.recordsRemoved;
                    continue;
                }
                if (p.valueIsNull(i)) {
                    // A tombstone survives its first cleaning; once its horizon has passed a
                    // later pass removes it (KIP-534 stores the horizon in the batch).
                    if (horizon >= 0 && now >= horizon) {
                        ++result.tombstonesRemoved;
                        continue;
                    }
                    hasTombstone = true;
                }
                RecordMeta meta = p.records[i];
                meta.keyPos = static_cast<std::int32_t>(rebuilt->bytes.size());
                rebuilt->bytes.append(key);
                if (!p.valueIsNull(i))
                    rebuilt->bytes.append(p.value(i));
                rebuilt->sizeBytes += BatchPayload::recordSize(meta.keyLen, meta.valueLen);
                rebuilt->records.push_back(meta);
            }
            rebuilt->lastOffsetDelta = p.lastOffsetDelta;
            rebuilt->maxTimestampUs = p.maxTimestampUs;
            if (rebuilt->records.empty())
                continue;
            LogBatch copy = batch;
            copy.deleteHorizonUs
                = !hasTombstone ? -1 : (horizon >= 0 ? horizon : now + deleteRetentionMs * kMicrosPerMs);
            copy.payload = std::move(rebuilt);
            out.bytes += copy.payload->sizeBytes;
            out.batches.push_back(std::move(copy));
        }
        newSize += out.bytes;
        // A segment emptied by cleaning disappears, as Kafka's cleaner merges small segments.
        if (!out.batches.empty())
            cleanedSegments.push_back(std::move(out));
    }
    m_segments = std::move(cleanedSegments);
    m_sizeBytes = newSize;
    m_cleanerCheckpoint = std::max(m_cleanerCheckpoint, end);
    result.cleaned = true;
    return result;
}

std::int64_t Log::recordCount() const noexcept
{
    std::int64_t count = 0;
    for (const Segment &segment : m_segments)
        for (const LogBatch &batch : segment.batches)
            if (!batch.isControl())
                count += batch.payload->count();
    return count;
}

const LogBatch *Log::batchAt(Offset offset) const noexcept
{
    for (const Segment &segment : m_segments) {
        if (segment.batches.empty() || segment.batches.back().nextOffset() <= offset)
            continue;
        const auto it = std::upper_bound(segment.batches.begin(), segment.batches.end(), offset,
            [](Offset o, const LogBatch &b) { return o < b.baseOffset; });
        if (it == segment.batches.begin())
            return nullptr;
        const LogBatch &batch = *std::prev(it);
        return offset < batch.nextOffset() ? &batch : nullptr;
    }
    return nullptr;
}

void Log::assignEpoch(std::int32_t epoch, Offset startOffset)
{
    if (!m_epochs.empty() && m_epochs.back().epoch >= epoch)
        return;
    m_epochs.push_back({epoch, startOffset});
}

Log::EpochEntry Log::endOffsetForEpoch(std::int32_t epoch) const noexcept
{
    // Largest known epoch ≤ the requested one; its end is where the next epoch starts.
    for (std::size_t i = m_epochs.size(); i-- > 0;) {
        if (m_epochs[i].epoch <= epoch) {
            const Offset end = i + 1 < m_epochs.size() ? m_epochs[i + 1].startOffset : m_logEndOffset;
            return {m_epochs[i].epoch, end};
        }
    }
    return {-1, m_logStartOffset};
}

} // namespace kafkalab::core
