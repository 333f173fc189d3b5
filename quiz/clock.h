#pragma once

#include <QtGlobal>

namespace kafkalab::quiz {

/**
 * Where the quiz engine gets the time: wall-clock milliseconds since the epoch. Sessions,
 * timers and the store take a Clock so tests can move time without sleeping.
 */
class Clock
{
public:
    virtual ~Clock() = default;
    /** Milliseconds since 1970-01-01 UTC. */
    virtual qint64 nowMs() const = 0;

    /**
     * The machine's clock. It reads the wall clock once and then advances with a monotonic
     * timer, so a system clock change mid-quiz cannot make a timer jump or run backwards.
     */
    static const Clock &system();
};

} // namespace kafkalab::quiz
