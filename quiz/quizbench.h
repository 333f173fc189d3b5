#pragma once

#include <QJsonObject>
#include <QString>

#include "quiz/questionbank.h"
#include "quiz/result.h"

namespace kafkalab::quiz {

/** What `quiz bench` measures. */
struct QuizBenchOptions
{
    /** The questions to load; the built-in ones when empty. */
    QString questionsDir;
    /** Attempts in the statistics database. */
    int attempts = 100'000;
    /** Answers recorded one by one for the latency percentiles. */
    int records = 1000;
    /** Question files in the scaled bank (copies of the real ones with new ids). */
    int scaledFiles = 500;
    /** Loads of each bank to time. */
    int bankRuns = 20;
    PredictCheck predictCheck;
};

/**
 * The quiz engine's performance targets, measured (never in unit tests, CONVENTIONS 20):
 * loading and validating the bank (< 50 ms), statistics over 100,000 attempts (< 100 ms),
 * recording an answer (< 2 ms at p99). Works in a temporary directory.
 */
class QuizBench
{
public:
    static Result<QJsonObject> run(const QuizBenchOptions &options);
    /** The result in a few readable lines. */
    static QString describe(const QJsonObject &result);
};

} // namespace kafkalab::quiz
