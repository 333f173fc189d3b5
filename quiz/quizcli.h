#pragma once

#include <QStringList>

#include "quiz/answergrader.h"
#include "quiz/questionbank.h"

class QTextStream;

namespace kafkalab::quiz {

class Clock;

/** What the app can plug into the quiz commands: the simulator, and a clock for tests. */
struct QuizCliHooks
{
    /** `quiz validate`: checks predict questions against the simulator. */
    PredictCheck predictCheck;
    /** `quiz take`: the simulator's answer to predict questions. */
    AnswerGrader::PredictTruth predictTruth;
    /** The clock for `quiz take`; the machine's when null. */
    const Clock *clock = nullptr;
};

/**
 * Runs `kafkalab-cli quiz …`. `args` are the arguments after `quiz` (so `{"validate", "DIR"}`).
 * Output goes to `out`, diagnostics to `err`, answers are read from `in`.
 *
 * Subcommands (docs/quiz.md): validate [DIR] · list [--json] · export --format gift|aiken|anki-csv
 * · schedule --history G:DAYS,… [--retention R] [--json] · take [--db FILE] [--mode M] [--count N]
 * [--time 10m] [--profile NAME] [--seed N] [--topic T] · progress export|import · bench.
 *
 * Exit codes as kafkalab-cli's: 0 success, 1 problems found or a runtime failure (the database),
 * 2 bad arguments (the message names the argument).
 */
int runQuizCommand(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in);

/** Same, with the app's hooks. */
int runQuizCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const QuizCliHooks &hooks);

} // namespace kafkalab::quiz
