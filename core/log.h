#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <memory>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/chunkedlist.h"
#include "core/types.h"

namespace kafkalab::core {

/** One record's place inside a BatchPayload's byte buffer. Lengths of -1 mean null. */
struct RecordMeta
{
    std::int32_t offsetDelta = 0;
    std::int32_t keyPos = 0;
    std::int32_t keyLen = -1;
    std::int32_t valueLen = -1;
    TimeUs timestampUs = 0;
};

enum class ControlType : std::uint8_t { None, Commit, Abort };

/**
 * The keys and values of one batch, back to back, in a memory resource. Appending is a bounds
 * check and a copy: unlike std::string there is no terminator to keep, and reserve() allocates
 * exactly what it is asked for. Copies use the default resource, as pmr containers do.
 */
class RecordBytes
{
public:
    explicit RecordBytes(std::pmr::memory_resource *memory = std::pmr::get_default_resource()) noexcept
        : m_memory(memory)
    { }
    RecordBytes(const RecordBytes &other);
    RecordBytes(RecordBytes &&other) noexcept;
    RecordBytes &operator=(const RecordBytes &other);
    RecordBytes &operator=(RecordBytes &&other) noexcept;
    ~RecordBytes() { release(); }

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] std::size_t capacity() const noexcept { return m_capacity; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    [[nodiscard]] const char *data() const noexcept { return m_data; }
    [[nodiscard]] std::string_view view() const noexcept { return {m_data, m_size}; }
    [[nodiscard]] std::pmr::memory_resource *resource() const noexcept { return m_memory; }

    /** Makes room for `capacity` bytes in all; allocates exactly that when it grows. */
    void reserve(std::size_t capacity);
    void append(std::string_view bytes)
    {
        if (bytes.size() > m_capacity - m_size)
            reserve(std::max(m_size + bytes.size(), 2 * m_capacity));
        if (!bytes.empty())
            std::memcpy(m_data + m_size, bytes.data(), bytes.size());
        m_size += bytes.size();
    }

private:
    void release() noexcept;

    char *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
    std::pmr::memory_resource *m_memory;
};

/**
 * The records of one batch as the producer built them: keys and values packed in one buffer,
 * plus the idempotence fields of the v2 batch header. Immutable once the leader appended it,
 * so every replica's log shares the same payload (replication copies a pointer, not bytes).
 */
struct BatchPayload
{
    BatchPayload() = default;
    /** Keeps the records and bytes in `memory` (see Simulation::setRecordMemory). */
    explicit BatchPayload(std::pmr::memory_resource *memory)
        : records(memory)
        , bytes(memory)
    { }

    std::pmr::vector<RecordMeta> records;
    RecordBytes bytes;
    ProducerId producerId = kNoProducerId;
    std::int16_t producerEpoch = kNoProducerEpoch;
    std::int32_t baseSequence = kNoSequence;
    bool transactional = false;
    ControlType control = ControlType::None;
    /** Offset delta of the last record as produced; compaction keeps it though records go. */
    std::int32_t lastOffsetDelta = -1;
    /** Approximate wire size: a 61-byte v2 batch header plus each record's encoding. */
    std::int64_t sizeBytes = kBatchOverheadBytes;
    /** Largest record timestamp (the batch header's maxTimestamp). */
    TimeUs maxTimestampUs = 0;

    static constexpr std::int64_t kBatchOverheadBytes = 61;
    /** Per-record framing (length, attributes, deltas, header count) in the v2 format. */
    static constexpr std::int64_t kRecordOverheadBytes = 8;

    [[nodiscard]] static std::int64_t recordSize(std::int32_t keyLen, std::int32_t valueLen) noexcept
    {
        return kRecordOverheadBytes + (keyLen > 0 ? keyLen : 0) + (valueLen > 0 ? valueLen : 0);
    }
    /** Appends one record (offset delta lastOffsetDelta + 1). Inline: the producer's per-record path. */
    void append(
        const std::optional<std::string_view> &key, const std::optional<std::string_view> &value, TimeUs timestampUs)
    {
        RecordMeta meta;
        meta.offsetDelta = ++lastOffsetDelta;
        meta.keyPos = static_cast<std::int32_t>(bytes.size());
        meta.timestampUs = timestampUs;
        if (key) {
            meta.keyLen = static_cast<std::int32_t>(key->size());
            bytes.append(*key);
        }
        if (value) {
            meta.valueLen = static_cast<std::int32_t>(value->size());
            bytes.append(*value);
        }
        sizeBytes += recordSize(meta.keyLen, meta.valueLen);
        maxTimestampUs = std::max(maxTimestampUs, timestampUs);
        records.push_back(meta);
    }
    [[nodiscard]] bool keyIsNull(std::size_t i) const noexcept { return records[i].keyLen < 0; }
    [[nodiscard]] bool valueIsNull(std::size_t i) const noexcept { return records[i].valueLen < 0; }
    [[nodiscard]] std::string_view key(std::size_t i) const noexcept;
    [[nodiscard]] std::string_view value(std::size_t i) const noexcept;
    [[nodiscard]] std::int32_t count() const noexcept { return static_cast<std::int32_t>(records.size()); }
};

/** A batch in a replica's log: the shared payload plus what the leader stamped on append. */
struct LogBatch
{
    Offset baseOffset = 0;
    std::int32_t leaderEpoch = 0;
    TimeUs appendTimeUs = 0;
    /** KIP-534: when a tombstone in this batch may be dropped by the cleaner (-1: not yet set). */
    TimeUs deleteHorizonUs = -1;
    std::shared_ptr<const BatchPayload> payload;

    [[nodiscard]] Offset lastOffset() const noexcept { return baseOffset + payload->lastOffsetDelta; }
    [[nodiscard]] Offset nextOffset() const noexcept { return lastOffset() + 1; }
    [[nodiscard]] bool isControl() const noexcept { return payload->control != ControlType::None; }
};

/**
 * A segment's batches. Chunked and shared between copies: the app's time-travel checkpoints copy
 * the whole simulation every simulated second, and a log's history is most of it.
 */
using BatchList = ChunkedList<LogBatch>;

/** A log segment: the unit of retention and the boundary the cleaner never crosses when active. */
struct Segment
{
    Offset baseOffset = 0;
    TimeUs createdUs = 0;
    TimeUs maxTimestampUs = 0;
    std::int64_t bytes = 0;
    BatchList batches;
};

/** Settings the log needs from its topic, in simulation units. */
struct LogLimits
{
    std::int64_t segmentBytes = 1073741824;
    TimeUs segmentUs = 604800000LL * kMicrosPerMs;
};

/** What one cleaning pass did. */
struct CleanResult
{
    bool cleaned = false;
    double dirtyRatio = 0.0;
    std::int64_t recordsRemoved = 0;
    std::int64_t tombstonesRemoved = 0;
};

/**
 * One replica's log: segments of batches, a log start offset and a log end offset (LEO).
 * Offsets are assigned by the leader; followers append the leader's batches unchanged.
 */
class Log
{
public:
    [[nodiscard]] Offset logStartOffset() const noexcept { return m_logStartOffset; }
    [[nodiscard]] Offset logEndOffset() const noexcept { return m_logEndOffset; }
    [[nodiscard]] std::int64_t sizeBytes() const noexcept { return m_sizeBytes; }
    [[nodiscard]] const std::vector<Segment> &segments() const noexcept { return m_segments; }
    [[nodiscard]] bool empty() const noexcept { return m_logEndOffset == m_logStartOffset; }

    /** Appends a batch whose baseOffset is the current LEO, rolling a segment when it is full or old. */
    void append(LogBatch batch, TimeUs now, const LogLimits &limits);

    /** Removes everything at and above `offset` (follower truncation after a leader change). */
    void truncateTo(Offset offset);

    /**
     * Calls f(const LogBatch&) for each batch holding offsets in [from, upTo), in order. If f
     * returns bool, returning false stops the walk. Finds the first batch by binary search, so a
     * fetch near the end of a long log costs what it returns.
     */
    template<typename F> void forEachBatch(Offset from, Offset upTo, F &&f) const
    {
        for (const Segment &segment : m_segments) {
            if (segment.batches.empty() || segment.batches.back().nextOffset() <= from)
                continue;
            auto it = std::upper_bound(segment.batches.begin(), segment.batches.end(), from,
                [](Offset o, const LogBatch &b) { return o < b.baseOffset; });
            if (it != segment.batches.begin())
                --it;
            for (; it != segment.batches.end(); ++it) {
                const LogBatch &batch = *it;
                if (batch.baseOffset >= upTo)
                    return;
                if (batch.nextOffset() <= from)
                    continue;
                if constexpr (std::is_same_v<decltype(f(batch)), bool>) {
                    if (!f(batch))
                        return;
                } else {
                    f(batch);
                }
            }
        }
    }

    /** Deletes whole segments past retention (never the active one, never at or above `hw`). */
    int applyRetention(TimeUs now, std::int64_t retentionMs, std::int64_t retentionBytes, Offset hw);

    /**
     * One pass of Kafka's log cleaner: keeps the latest record of every key below the active
     * segment, drops tombstones whose delete horizon (delete.retention.ms after they were first
     * cleaned, KIP-534) has passed. Runs only when the dirty ratio reaches `minDirtyRatio`.
     */
    CleanResult clean(TimeUs now, double minDirtyRatio, std::int64_t deleteRetentionMs, Offset hw);

    /** Bytes above the cleaner checkpoint over all non-active bytes (0 when nothing is cleanable). */
    [[nodiscard]] double dirtyRatio() const noexcept;
    /** Data records (not control markers) currently in the log. */
    [[nodiscard]] std::int64_t recordCount() const noexcept;
    /** The batch containing `offset`, or nullptr. */
    [[nodiscard]] const LogBatch *batchAt(Offset offset) const noexcept;

    /** Leader-epoch cache: (epoch, start offset), as Kafka's LeaderEpochFileCache. */
    struct EpochEntry
    {
        std::int32_t epoch = 0;
        Offset startOffset = 0;
    };
    [[nodiscard]] const std::vector<EpochEntry> &epochs() const noexcept { return m_epochs; }
    [[nodiscard]] std::int32_t latestEpoch() const noexcept { return m_epochs.empty() ? -1 : m_epochs.back().epoch; }
    /** Records that `epoch` starts at `startOffset` (a new leader does this on election). */
    void assignEpoch(std::int32_t epoch, Offset startOffset);
    /**
     * OffsetsForLeaderEpoch (KIP-101): the end offset of `epoch` in this log, i.e. the start of the
     * next higher epoch, or the LEO when `epoch` is the latest. Returns the epoch actually found.
     */
    [[nodiscard]] EpochEntry endOffsetForEpoch(std::int32_t epoch) const noexcept;

private:
    std::vector<Segment> m_segments;
    std::vector<EpochEntry> m_epochs;
    Offset m_logStartOffset = 0;
    Offset m_logEndOffset = 0;
    /** First offset the cleaner has not cleaned yet. */
    Offset m_cleanerCheckpoint = 0;
    std::int64_t m_sizeBytes = 0;
};

} // namespace kafkalab::core
