#include "fsrsscheduler.h"

#include <algorithm>
#include <cmath>

namespace kafkalab::quiz {

QString cardStateName(CardState state)
{
    switch (state) {
    case CardState::Learning:
        return QStringLiteral("learning");
    case CardState::Review:
        return QStringLiteral("review");
    case CardState::Relearning:
        return QStringLiteral("relearning");
    }
    return QStringLiteral("learning");
}

std::optional<CardState> cardStateFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"learning" || t == u"1")
        return CardState::Learning;
    if (t == u"review" || t == u"2")
        return CardState::Review;
    if (t == u"relearning" || t == u"3")
        return CardState::Relearning;
    return std::nullopt;
}

namespace {

quint64 splitMix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

FsrsScheduler::FsrsScheduler(SchedulerConfig config)
    : m_config(std::move(config))
    , m_model(m_config.parameters)
{ }

double FsrsScheduler::retrievability(const FsrsCard &card, qint64 nowMs) const
{
    if (!card.memory || !card.lastReviewMs)
        return 0.0;
    const qint64 elapsed = std::max<qint64>(0, nowMs - *card.lastReviewMs);
    return m_model.retrievability(double(elapsed / kDayMs), card.memory->stability);
}

int FsrsScheduler::fuzzedInterval(int intervalDays, quint64 seed) const
{
    const double ivl = intervalDays;
    if (ivl < 2.5)
        return intervalDays;
    // Anki's fuzz ranges (scheduler/states/fuzz.rs): ±1 day plus 15 % of the part in [2.5, 7),
    // 10 % of [7, 20) and 5 % beyond.
    struct Range
    {
        double start, end, factor;
    };
    static constexpr Range kRanges[] = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, 1e300, 0.05}};
    double delta = 1.0;
    for (const Range &r : kRanges)
        delta += r.factor * std::max(std::min(ivl, r.end) - r.start, 0.0);
    const int maximum = m_config.parameters.maximumInterval;
    int lo = std::max(2, int(std::lround(ivl - delta)));
    const int hi = std::min(int(std::lround(ivl + delta)), maximum);
    lo = std::min(lo, hi);
    const quint64 span = quint64(hi - lo + 1);
    return lo + int(splitMix64(seed) % span);
}

ReviewOutcome FsrsScheduler::review(const FsrsCard &card, Rating rating, qint64 nowMs, quint64 fuzzSeed) const
{
    ReviewOutcome out;
    out.card = card;
    out.before = card.memory;
    FsrsCard &c = out.card;

    // Whole days since the last review; a new card has none.
    std::optional<qint64> days;
    if (card.lastReviewMs)
        days = std::max<qint64>(0, nowMs - *card.lastReviewMs) / kDayMs;
    if (card.memory && days)
        out.retrievability = m_model.retrievability(double(*days), card.memory->stability);

    if (!card.memory)
        c.memory = m_model.nextState(std::nullopt, 0, rating);
    else
        c.memory = m_model.nextState(card.memory, double(days.value_or(0)), rating);

    auto graduate = [&]() {
        c.state = CardState::Review;
        c.step = 0;
        int ivl = m_model.nextInterval(c.memory->stability);
        if (m_config.enableFuzz)
            ivl = fuzzedInterval(ivl, fuzzSeed);
        out.intervalMs = qint64(ivl) * kDayMs;
    };
    // Learning and relearning share the step logic, each with its own steps.
    auto stepThrough = [&](const QList<qint64> &steps) {
        if (steps.isEmpty() || (c.step >= steps.size() && rating != Rating::Again)) {
            graduate();
            return;
        }
        switch (rating) {
        case Rating::Again:
            c.step = 0;
            out.intervalMs = steps.at(0);
            break;
        case Rating::Hard:
            // py-fsrs: Hard repeats the step; on the first step it waits halfway to the next.
            if (c.step == 0 && steps.size() == 1)
                out.intervalMs = qint64(double(steps.at(0)) * 1.5);
            else if (c.step == 0)
                out.intervalMs = (steps.at(0) + steps.at(1)) / 2;
            else
                out.intervalMs = steps.at(std::min<qsizetype>(c.step, steps.size() - 1));
            break;
        case Rating::Good:
            if (c.step + 1 >= steps.size()) {
                graduate();
            } else {
                ++c.step;
                out.intervalMs = steps.at(c.step);
            }
            break;
        case Rating::Easy:
            graduate();
            break;
        }
    };

    switch (card.state) {
    case CardState::Learning:
        stepThrough(m_config.learningStepsMs);
        break;
    case CardState::Review:
        if (rating == Rating::Again) {
            ++c.lapses;
            if (m_config.relearningStepsMs.isEmpty()) {
                graduate();
            } else {
                c.state = CardState::Relearning;
                c.step = 0;
                out.intervalMs = m_config.relearningStepsMs.at(0);
            }
        } else {
            graduate();
        }
        break;
    case CardState::Relearning:
        stepThrough(m_config.relearningStepsMs);
        break;
    }

    ++c.reps;
    c.lastReviewMs = nowMs;
    c.dueMs = nowMs + out.intervalMs;
    return out;
}

} // namespace kafkalab::quiz
