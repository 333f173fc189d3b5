#pragma once

#include <compare>
#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

namespace kafkalab::core {

/**
 * An append-only-at-the-end sequence whose copies share their elements: the elements live in
 * chunks of kChunk, and a copy copies one pointer per chunk. Only the last chunk ever changes
 * (push_back, pop_back); when a copy shares it, it is copied first (copy on write).
 *
 * It holds the simulation's histories that grow with every record (a log's batches, what a
 * consumer read, what a producer had acknowledged), so that a checkpoint of the whole simulation
 * (the app takes one every simulated second for time travel) costs what changed since the last
 * one, not everything that ever happened, and the checkpoints share the memory.
 *
 * Every chunk but the last is full, so an index maps to its chunk with a shift; iterators are
 * random access (binary search works) and read-only.
 */
template<typename T> class ChunkedList
{
public:
    static constexpr std::size_t kChunkShift = 6;
    static constexpr std::size_t kChunk = std::size_t {1} << kChunkShift;

    class const_iterator
    {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T *;
        using reference = const T &;

        const_iterator() = default;
        const_iterator(const ChunkedList *list, std::size_t index) noexcept
            : m_list(list)
            , m_index(index)
        { }
        reference operator*() const noexcept { return (*m_list)[m_index]; }
        pointer operator->() const noexcept { return &(*m_list)[m_index]; }
        reference operator[](difference_type n) const noexcept { return *(*this + n); }
        const_iterator &operator++() noexcept
        {
            ++m_index;
            return *this;
        }
        const_iterator operator++(int) noexcept
        {
            const_iterator old = *this;
            ++m_index;
            return old;
        }
        const_iterator &operator--() noexcept
        {
            --m_index;
            return *this;
        }
        const_iterator operator--(int) noexcept
        {
            const_iterator old = *this;
            --m_index;
            return old;
        }
        const_iterator &operator+=(difference_type n) noexcept
        {
            m_index = static_cast<std::size_t>(static_cast<difference_type>(m_index) + n);
            return *this;
        }
        const_iterator &operator-=(difference_type n) noexcept { return *this += -n; }
        friend const_iterator operator+(const_iterator it, difference_type n) noexcept { return it += n; }
        friend const_iterator operator+(difference_type n, const_iterator it) noexcept { return it += n; }
        friend const_iterator operator-(const_iterator it, difference_type n) noexcept { return it -= n; }
        friend difference_type operator-(const const_iterator &a, const const_iterator &b) noexcept
        {
            return static_cast<difference_type>(a.m_index) - static_cast<difference_type>(b.m_index);
        }
        friend bool operator==(const const_iterator &a, const const_iterator &b) noexcept
        {
            return a.m_index == b.m_index;
        }
        friend auto operator<=>(const const_iterator &a, const const_iterator &b) noexcept
        {
            return a.m_index <=> b.m_index;
        }

    private:
        const ChunkedList *m_list = nullptr;
        std::size_t m_index = 0;
    };

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    [[nodiscard]] const T &operator[](std::size_t i) const noexcept
    {
        return (*m_chunks[i >> kChunkShift])[i & (kChunk - 1)];
    }
    [[nodiscard]] const T &back() const noexcept { return m_chunks.back()->back(); }
    [[nodiscard]] const_iterator begin() const noexcept { return {this, 0}; }
    [[nodiscard]] const_iterator end() const noexcept { return {this, m_size}; }

    void push_back(T value)
    {
        if (m_chunks.empty() || m_chunks.back()->size() == kChunk) {
            m_chunks.push_back(std::make_shared<Chunk>());
            m_chunks.back()->reserve(kChunk);
        }
        ownLastChunk().push_back(std::move(value));
        ++m_size;
    }
    void pop_back()
    {
        Chunk &last = ownLastChunk();
        last.pop_back();
        if (last.empty())
            m_chunks.pop_back();
        --m_size;
    }

private:
    using Chunk = std::vector<T>;

    /** The last chunk, copied first if a copy of this list shares it. */
    Chunk &ownLastChunk()
    {
        std::shared_ptr<Chunk> &last = m_chunks.back();
        if (last.use_count() > 1) {
            auto own = std::make_shared<Chunk>();
            own->reserve(kChunk);
            own->assign(last->begin(), last->end());
            last = std::move(own);
        }
        return *last;
    }

    std::vector<std::shared_ptr<Chunk>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace kafkalab::core
