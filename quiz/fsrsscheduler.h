#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "quiz/fsrs.h"

namespace kafkalab::quiz {

/** Where a card is in its life (py-fsrs numbering; stored in the database as these numbers). */
enum class CardState : int {
    Learning = 1, ///< new, or between learning steps
    Review = 2, ///< graduated: scheduled in days by I(r, S)
    Relearning = 3, ///< lapsed from Review, going through relearning steps
};

/** "learning", "review" or "relearning". */
QString cardStateName(CardState state);
/** Inverse of cardStateName; also accepts the numbers 1..3. */
std::optional<CardState> cardStateFromString(const QString &text);

/** The scheduling state of one question for one profile. */
struct FsrsCard
{
    CardState state = CardState::Learning;
    /** Index into the (re)learning steps while Learning/Relearning; 0 otherwise. */
    int step = 0;
    /** Absent until the first review. */
    std::optional<MemoryState> memory;
    /** When the card is due, ms since the epoch (0 = due now). */
    qint64 dueMs = 0;
    /** Time of the last review, ms since the epoch. */
    std::optional<qint64> lastReviewMs;
    int reps = 0;
    int lapses = 0;

    bool isNew() const { return !lastReviewMs.has_value(); }
};

/** The scheduler's configuration (py-fsrs defaults). */
struct SchedulerConfig
{
    FsrsParameters parameters;
    /** Learning steps, ms: 1 min, 10 min. */
    QList<qint64> learningStepsMs = {60'000, 600'000};
    /** Relearning steps, ms: 10 min. */
    QList<qint64> relearningStepsMs = {600'000};
    /** Spread review intervals >= 2.5 days with Anki's fuzz so cards learnt together do not stay together. */
    bool enableFuzz = true;
};

/** What one review did to a card. */
struct ReviewOutcome
{
    FsrsCard card;
    /** The card's memory state before the review (absent for a new card). */
    std::optional<MemoryState> before;
    /** Retrievability at the time of the review (absent for a new card). */
    std::optional<double> retrievability;
    /** Time until the next review, ms. */
    qint64 intervalMs = 0;
};

/**
 * py-fsrs's scheduler around the FSRS-6 model: learning steps, graduation, lapses to
 * relearning, same-day reviews with the short-term formula, optional fuzz.
 *
 * Days since the last review are whole days (floor of the elapsed time), as py-fsrs's
 * `timedelta.days`. Time is passed in explicitly; the scheduler has no clock.
 */
class FsrsScheduler
{
public:
    explicit FsrsScheduler(SchedulerConfig config = {});

    const SchedulerConfig &config() const { return m_config; }
    const Fsrs &model() const { return m_model; }

    /**
     * Rates `card` at `nowMs`. `fuzzSeed` makes the fuzz deterministic (Anki seeds it with the
     * card id and its number of reviews); it is ignored when fuzz is off.
     */
    ReviewOutcome review(const FsrsCard &card, Rating rating, qint64 nowMs, quint64 fuzzSeed = 0) const;
    /** Probability of recall now; 0 for a card never reviewed. */
    double retrievability(const FsrsCard &card, qint64 nowMs) const;
    /** Applies Anki's fuzz to an interval in days (>= 2.5 days only), picking with `seed`. */
    int fuzzedInterval(int intervalDays, quint64 seed) const;

    static constexpr qint64 kDayMs = 86'400'000;

private:
    SchedulerConfig m_config;
    Fsrs m_model;
};

} // namespace kafkalab::quiz
