#pragma once

#include <functional>
#include <optional>

#include <QList>
#include <QString>

#include "quiz/fsrs.h"
#include "quiz/question.h"

namespace kafkalab::quiz {

/** What the user answered to one question. Indices are into Question::options (file order). */
struct Answer
{
    /** single, multi, predict: the options picked. */
    QList<int> selected;
    /** order: the options in the order the user put them. */
    QList<int> order;
    /** fill: the typed answer; recall: optional notes. */
    QString text;
    /** recall: the self-grade against the key points. */
    std::optional<Rating> selfRating;

    /** Nothing given at all (a mock question left blank). */
    bool isEmpty() const { return selected.isEmpty() && order.isEmpty() && text.trimmed().isEmpty() && !selfRating; }
    /**
     * The answer as stored in attempts.answer: option letters in file order ("B", "A,C"), the
     * order as letters ("C,A,B,D"), the typed text, or the recall grade ("Good: notes").
     */
    QString describe(const Question &question) const;
};

/** One option with what Practice mode shows about it. */
struct OptionFeedback
{
    int index = 0;
    QString text;
    bool correct = false;
    bool selected = false;
    QString why;
};

/** The verdict on one answer. */
struct Grade
{
    /** Right or wrong; scoring is all-or-nothing (docs/quiz.md). */
    bool correct = false;
    /** 1 or 0: kept as a number so reports can sum it. */
    double score = 0.0;
    /** The FSRS rating the answer gives the card: Good if right, Again if wrong, the self-grade for recall. */
    Rating rating = Rating::Again;
    /** Every option with its explanation, in file order (choice and predict questions). */
    QList<OptionFeedback> options;
    /** What the right answer is, in words (the correct order, the accepted answers, the simulator's value). */
    QString expected;
};

/**
 * Grades answers. Multi-select and order questions are all-or-nothing: exactly the right set,
 * exactly the right sequence (docs/quiz.md explains why).
 */
class AnswerGrader
{
public:
    /** The simulator's value of a predict question's query; nullopt = trust the file's `[x]`. */
    using PredictTruth = std::function<std::optional<QString>(const Question &)>;

    static Grade grade(const Question &question, const Answer &answer, const PredictTruth &truth = {});
    /** Whether `text` matches an accepted answer: case-insensitive, trimmed, inner spaces collapsed. */
    static bool fillMatches(const Question &question, const QString &text);
};

} // namespace kafkalab::quiz
