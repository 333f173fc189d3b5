#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include "quiz/fsrsscheduler.h"
#include "quiz/progressstore.h"
#include "quiz/question.h"

namespace kafkalab::quiz {

/** What a profile has done so far, as the selector and the mock report need it. */
struct ProfileHistory
{
    QHash<QString, FsrsCard> cards;
    /** Number of answers per question. */
    QHash<QString, int> attemptCounts;
    /** Whether the latest graded answer to each question was wrong. */
    QHash<QString, bool> lastWrong;
    /** Median time per question over past answers, ms. */
    QHash<QString, qint64> medianElapsedMs;
    /** Median time per answer over all questions, ms (0 without history). */
    qint64 overallMedianElapsedMs = 0;

    /** Loads it from the store. */
    static ProfileHistory load(const ProgressStore &store, qint64 profileId);
};

/** Which questions a session asks, per mode. Deterministic for a seed. */
class QuestionSelector
{
public:
    /**
     * - Practice: unseen and least-practised questions first, random among equals.
     * - Mock: random, spread over topics (one per topic in turn).
     * - Review: due cards, least likely remembered first; new questions fill the rest.
     * - Mistakes: questions whose latest answer was wrong, least likely remembered first.
     * `topic` (optional) restricts every mode to one topic.
     */
    static QList<Question> select(QuizMode mode, const QList<Question> &bank, const ProfileHistory &history,
        const FsrsScheduler &scheduler, qint64 nowMs, int count, quint64 seed, const QString &topic = {});

    /** Fisher–Yates with SplitMix64: the same on every platform, unlike std::shuffle's distributions. */
    template<typename T> static void shuffle(QList<T> &items, quint64 seed)
    {
        for (qsizetype i = items.size() - 1; i > 0; --i) {
            seed = nextRandom(seed);
            items.swapItemsAt(i, qsizetype(seed % quint64(i + 1)));
        }
    }
    static quint64 nextRandom(quint64 state);
};

} // namespace kafkalab::quiz
