#include "clock.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace kafkalab::quiz {
namespace {

class SystemClock final : public Clock
{
public:
    SystemClock()
        : m_startMs(QDateTime::currentMSecsSinceEpoch())
    {
        m_timer.start();
    }
    qint64 nowMs() const override { return m_startMs + m_timer.elapsed(); }

private:
    qint64 m_startMs;
    QElapsedTimer m_timer;
};

} // namespace

const Clock &Clock::system()
{
    static const SystemClock kClock;
    return kClock;
}

} // namespace kafkalab::quiz
