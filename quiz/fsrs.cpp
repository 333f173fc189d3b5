#include "fsrs.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace kafkalab::quiz {

std::optional<Rating> ratingFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"1" || t == u"again" || t == u"a")
        return Rating::Again;
    if (t == u"2" || t == u"hard" || t == u"h")
        return Rating::Hard;
    if (t == u"3" || t == u"good" || t == u"g")
        return Rating::Good;
    if (t == u"4" || t == u"easy" || t == u"e")
        return Rating::Easy;
    return std::nullopt;
}

QString ratingName(Rating rating)
{
    switch (rating) {
    case Rating::Again:
        return QStringLiteral("Again");
    case Rating::Hard:
        return QStringLiteral("Hard");
    case Rating::Good:
        return QStringLiteral("Good");
    case Rating::Easy:
        return QStringLiteral("Easy");
    }
    return QStringLiteral("Good");
}

std::optional<FsrsParameters> FsrsParameters::fromWeights(std::span<const double> weights, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<FsrsParameters> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    std::vector<double> w(weights.begin(), weights.end());
    if (w.size() == 17) {
        // fsrs-rs check_and_fill_parameters: FSRS-4.5's difficulty formulas re-expressed in FSRS-5's.
        w[4] = w[4] + 2.0 * w[5];
        w[5] = std::log(1.0 + 3.0 * w[5]) / 3.0;
        w[6] = w[6] + 0.5;
        w.insert(w.end(), {0.0, 0.0, 0.0, 0.5});
    } else if (w.size() == 19) {
        w.insert(w.end(), {0.0, 0.5});
    } else if (w.size() != 21) {
        return fail(QStringLiteral("FSRS needs 17, 19 or 21 parameters, got %1").arg(w.size()));
    }
    // py-fsrs's bounds; they keep the formulas finite and monotonic.
    static constexpr std::array<std::pair<double, double>, 21> kBounds = {{{0.001, 100}, {0.001, 100}, {0.001, 100},
        {0.001, 100}, {1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75}, {0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
        {0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1}, {1, 6}, {0, 2}, {0, 2}, {0, 0.8}, {0.1, 0.8}}};
    FsrsParameters result;
    for (std::size_t i = 0; i < 21; ++i) {
        if (!std::isfinite(w[i]) || w[i] < kBounds[i].first || w[i] > kBounds[i].second)
            return fail(QStringLiteral("FSRS parameter w%1 = %2 is outside [%3, %4]")
                            .arg(i)
                            .arg(w[i])
                            .arg(kBounds[i].first)
                            .arg(kBounds[i].second));
        result.w[i] = w[i];
    }
    return result;
}

Fsrs::Fsrs(FsrsParameters parameters)
    : m_params(parameters)
    , m_decay(-parameters.w[20])
    , m_factor(std::pow(0.9, 1.0 / m_decay) - 1.0)
{ }

double Fsrs::retrievability(double elapsedDays, double stability) const
{
    const double t = std::max(0.0, elapsedDays);
    const double s = std::max(stability, kMinStability);
    return std::pow(1.0 + m_factor * t / s, m_decay);
}

double Fsrs::rawInterval(double stability, double desiredRetention) const
{
    return stability / m_factor * (std::pow(desiredRetention, 1.0 / m_decay) - 1.0);
}

int Fsrs::nextInterval(double stability) const
{
    return nextInterval(stability, m_params.desiredRetention);
}

int Fsrs::nextInterval(double stability, double desiredRetention) const
{
    const double days = std::round(rawInterval(stability, desiredRetention));
    // Compare as double first: for tiny retentions the raw value exceeds int's range.
    if (!(days >= 1.0))
        return 1;
    if (days >= double(m_params.maximumInterval))
        return m_params.maximumInterval;
    return int(days);
}

double Fsrs::initialStability(Rating rating) const
{
    return std::max(m_params.w[std::size_t(int(rating) - 1)], kMinStability);
}

double Fsrs::initialDifficultyUnclamped(Rating rating) const
{
    return m_params.w[4] - std::exp(m_params.w[5] * (int(rating) - 1)) + 1.0;
}

double Fsrs::initialDifficulty(Rating rating) const
{
    return std::clamp(initialDifficultyUnclamped(rating), 1.0, 10.0);
}

double Fsrs::dampedDifficulty(double difficulty, Rating rating) const
{
    const double delta = -m_params.w[6] * (int(rating) - 3);
    // Linear damping: the closer D is to 10, the smaller the step up.
    return difficulty + delta * (10.0 - difficulty) / 9.0;
}

double Fsrs::nextDifficulty(double difficulty, Rating rating) const
{
    const double w7 = m_params.w[7];
    // Mean reversion towards D0(Easy), deliberately unclamped as in all reference implementations.
    const double reverted
        = w7 * initialDifficultyUnclamped(Rating::Easy) + (1.0 - w7) * dampedDifficulty(difficulty, rating);
    return std::clamp(reverted, 1.0, 10.0);
}

double Fsrs::nextRecallStability(double difficulty, double stability, double retrievability, Rating rating) const
{
    const auto &w = m_params.w;
    const double hardPenalty = rating == Rating::Hard ? w[15] : 1.0;
    const double easyBonus = rating == Rating::Easy ? w[16] : 1.0;
    return stability
        * (1.0
            + std::exp(w[8]) * (11.0 - difficulty) * std::pow(stability, -w[9])
                * (std::exp(w[10] * (1.0 - retrievability)) - 1.0) * hardPenalty * easyBonus);
}

double Fsrs::nextForgetStability(double difficulty, double stability, double retrievability) const
{
    const auto &w = m_params.w;
    const double longTerm = w[11] * std::pow(difficulty, -w[12]) * (std::pow(stability + 1.0, w[13]) - 1.0)
        * std::exp(w[14] * (1.0 - retrievability));
    // FSRS-6 caps post-lapse stability so a lapse never beats a same-day Again.
    const double shortTermCap = stability / std::exp(w[17] * w[18]);
    return std::min(longTerm, shortTermCap);
}

double Fsrs::nextShortTermStability(double stability, Rating rating) const
{
    const auto &w = m_params.w;
    double increase = std::exp(w[17] * (int(rating) - 3 + w[18])) * std::pow(stability, -w[19]);
    const Rating clampFrom = m_params.sameDayClamp == SameDayClamp::GoodAndEasy ? Rating::Good : Rating::Hard;
    if (int(rating) >= int(clampFrom))
        increase = std::max(increase, 1.0);
    return stability * increase;
}

MemoryState Fsrs::nextState(std::optional<MemoryState> state, double elapsedDays, Rating rating) const
{
    if (!state)
        return {initialStability(rating), initialDifficulty(rating)};
    const double s = state->stability;
    const double d = state->difficulty;
    double nextS = 0.0;
    if (elapsedDays < 1.0) {
        nextS = nextShortTermStability(s, rating);
    } else {
        const double r = retrievability(elapsedDays, s);
        nextS = rating == Rating::Again ? nextForgetStability(d, s, r) : nextRecallStability(d, s, r, rating);
    }
    return {std::clamp(nextS, kMinStability, kMaxStability), nextDifficulty(d, rating)};
}

std::optional<MemoryState> Fsrs::memoryStateFromHistory(std::span<const FsrsReview> history) const
{
    std::optional<MemoryState> state;
    for (const FsrsReview &review : history)
        state = nextState(state, state ? double(review.elapsedDays) : 0.0, review.rating);
    return state;
}

MemoryState Fsrs::memoryStateFromSm2(double easeFactor, double intervalDays, double sm2Retention) const
{
    const auto &w = m_params.w;
    const double stability = std::clamp(
        intervalDays * m_factor / (std::pow(sm2Retention, 1.0 / m_decay) - 1.0), kMinStability, kMaxStability);
    const double w8 = std::exp(w[8]);
    const double difficulty = 11.0
        - (easeFactor - 1.0) / (w8 * std::pow(stability, -w[9]) * (std::exp(w[10] * (1.0 - sm2Retention)) - 1.0));
    return {stability, std::clamp(difficulty, 1.0, 10.0)};
}

} // namespace kafkalab::quiz
