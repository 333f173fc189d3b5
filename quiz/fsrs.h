#pragma once

#include <array>
#include <optional>
#include <span>

#include <QList>
#include <QString>

namespace kafkalab::quiz {

/** A review grade, with FSRS's numbering: 1 Again (forgot), 2 Hard, 3 Good, 4 Easy. */
enum class Rating : int {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
};

/** Parses "1".."4" or "again|hard|good|easy" (case-insensitive). */
std::optional<Rating> ratingFromString(const QString &text);
/** "Again", "Hard", "Good" or "Easy". */
QString ratingName(Rating rating);

/** FSRS's two memory variables. */
struct MemoryState
{
    /** Days until recall probability falls to 90 %; in [0.001, 36500]. */
    double stability = 0.0;
    /** How hard the item is, in [1, 10]. */
    double difficulty = 0.0;
};

/**
 * Where the same-day stability increase (SInc) is clamped to at least 1.
 *
 * The reference implementations differ (see the FSRS reference notes (shared/reference/fsrs.md) and docs/quiz.md):
 * py-fsrs and fsrs4anki clamp for Good and Easy; fsrs-rs >= 6.0 (Anki) also for Hard.
 */
enum class SameDayClamp {
    GoodAndEasy, ///< py-fsrs / fsrs4anki (our default)
    HardGoodAndEasy, ///< fsrs-rs >= 6.0.0, as in Anki
};

/** One entry of a review history: the rating and the whole days since the previous review. */
struct FsrsReview
{
    Rating rating = Rating::Good;
    int elapsedDays = 0;
};

/** The FSRS-6 model's parameters and options. */
struct FsrsParameters
{
    /** FSRS-6 defaults: per-parameter medians over the srs-benchmark 10k collections. */
    static constexpr std::array<double, 21> kDefaultWeights = {0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
        0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

    std::array<double, 21> w = kDefaultWeights;
    /** Target probability of recall at the scheduled review, in (0, 1]. */
    double desiredRetention = 0.9;
    /** Longest interval the scheduler gives, in days. */
    int maximumInterval = 36500;
    SameDayClamp sameDayClamp = SameDayClamp::GoodAndEasy;

    /**
     * Builds parameters from a list of 17 (FSRS-4.5), 19 (FSRS-5) or 21 (FSRS-6) weights,
     * converting older sets as fsrs-rs's check_and_fill_parameters does, and checks py-fsrs's
     * bounds. Returns nullopt and sets `error` when the list is unusable.
     */
    static std::optional<FsrsParameters> fromWeights(std::span<const double> weights, QString *error = nullptr);
};

/**
 * The FSRS-6 memory model (fsrs-rs model.rs, py-fsrs scheduler.py, fsrs4anki 6.1.1).
 *
 * Pure functions of the parameters: no clock, no randomness. All times are in days.
 */
class Fsrs
{
public:
    explicit Fsrs(FsrsParameters parameters = {});

    const FsrsParameters &parameters() const { return m_params; }
    /** DECAY = -w20. */
    double decay() const { return m_decay; }
    /** FACTOR = 0.9^(1/DECAY) - 1, chosen so that R(S, S) = 0.9. */
    double factor() const { return m_factor; }

    /** R(t, S): probability of recall `elapsedDays` after a review with stability S. */
    double retrievability(double elapsedDays, double stability) const;
    /** I(r, S) before rounding: days until R falls to `desiredRetention`. */
    double rawInterval(double stability, double desiredRetention) const;
    /** I(r, S) rounded and clamped to [1, maximumInterval], with r = desiredRetention. */
    int nextInterval(double stability) const;
    /** Same with an explicit retention. */
    int nextInterval(double stability, double desiredRetention) const;

    /** S0(G) = w[G-1]. */
    double initialStability(Rating rating) const;
    /** D0(G) = w4 - e^(w5 (G-1)) + 1, clamped to [1, 10]. */
    double initialDifficulty(Rating rating) const;
    /** D'' before mean reversion: D + ΔD (10 - D) / 9 with ΔD = -w6 (G - 3). */
    double dampedDifficulty(double difficulty, Rating rating) const;
    /** D' = clamp(w7 D0(4) + (1 - w7) D'', 1, 10), D0(4) unclamped. */
    double nextDifficulty(double difficulty, Rating rating) const;
    /** Stability after a successful review (G >= 2) at retrievability R. */
    double nextRecallStability(double difficulty, double stability, double retrievability, Rating rating) const;
    /** Stability after a lapse (G = 1) at retrievability R. */
    double nextForgetStability(double difficulty, double stability, double retrievability) const;
    /** Stability after a second review on the same day. */
    double nextShortTermStability(double stability, Rating rating) const;

    /**
     * One review: from `state` (nullopt for a new item) after `elapsedDays` whole days.
     * R from the old S, then the new S from the old D, then the new D; S clamped to
     * [0.001, 36500] and D to [1, 10].
     */
    MemoryState nextState(std::optional<MemoryState> state, double elapsedDays, Rating rating) const;
    /** Folds a history (the first entry's days are ignored) as fsrs-rs's memory_state does. */
    std::optional<MemoryState> memoryStateFromHistory(std::span<const FsrsReview> history) const;
    /** Converts an SM-2 card (ease factor such as 2.5, interval in days) as fsrs-rs does. */
    MemoryState memoryStateFromSm2(double easeFactor, double intervalDays, double sm2Retention) const;

    static constexpr double kMinStability = 0.001;
    static constexpr double kMaxStability = 36500.0;

private:
    double initialDifficultyUnclamped(Rating rating) const;

    FsrsParameters m_params;
    double m_decay = 0.0;
    double m_factor = 0.0;
};

} // namespace kafkalab::quiz
