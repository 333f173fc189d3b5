#pragma once

#include "quiz/clock.h"

namespace kafkalab::quiz {

/** A clock that only moves when told to: for tests and for replaying sessions. */
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'700'000'000'000)
        : m_nowMs(startMs)
    { }
    qint64 nowMs() const override { return m_nowMs; }
    void advance(qint64 ms) { m_nowMs += ms; }
    void set(qint64 ms) { m_nowMs = ms; }

private:
    qint64 m_nowMs;
};

} // namespace kafkalab::quiz
