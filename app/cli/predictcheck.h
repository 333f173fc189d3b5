#pragma once

#include <optional>

#include <QString>

#include "quiz/quizcli.h"

namespace kafkalab::quiz {
struct Question;
}

namespace kafkalab::cli {

/** The simulator's answer to a predict question, or why there is none. */
struct PredictOutcome
{
    std::optional<QString> value;
    /** FILE:LINE:COL of a scenario error, or what went wrong. */
    QString error;
};

/**
 * Runs a predict question's scenario (DESIGN §5: the answer comes from the broker, not from the
 * file) and evaluates its `predict_query` at the end.
 */
[[nodiscard]] PredictOutcome simulatePredict(const quiz::Question &question);

/** The quiz commands' hooks backed by the simulator (validate checks marks, take grades). */
[[nodiscard]] quiz::QuizCliHooks simulatorHooks();

} // namespace kafkalab::cli
