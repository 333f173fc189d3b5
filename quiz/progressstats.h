#pragma once

#include <optional>

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include "quiz/fsrs.h"

namespace kafkalab::quiz {

class ProgressStore;

/** Answers on one study day. */
struct DayAccuracy
{
    QDate day;
    int attempts = 0;
    /** Answers that were graded (recall answers count once self-graded). */
    int graded = 0;
    int correct = 0;
    /** correct / graded, 0 when nothing was graded. */
    double accuracy = 0.0;
};

/** How well one topic is known. */
struct TopicMastery
{
    QString topic;
    /** Questions of the topic in the bank (from StatsOptions), at least `seen`. */
    int questions = 0;
    /** Questions of the topic answered at least once. */
    int seen = 0;
    int attempts = 0;
    int correct = 0;
    double accuracy = 0.0;
    /** Mean probability of recall now over the seen questions. */
    double meanRetrievability = 0.0;
    /** Sum of today's recall probabilities over all the topic's questions (unseen count 0) / questions. */
    double mastery = 0.0;
};

/** Reviews falling due on one day (overdue cards count on the first day). */
struct ForecastDay
{
    QDate day;
    int due = 0;
};

/** Anki's "true retention": the pass rate of answers given to cards in the Review state. */
struct Retention
{
    int reviews = 0;
    int passed = 0;
    double rate = 0.0;
};

/** Time spent answering one question. */
struct QuestionTime
{
    QString questionId;
    int attempts = 0;
    qint64 medianMs = 0;
    qint64 meanMs = 0;
};

/** Everything the Progress page and reports show; computed in the library, drawn by the UI. */
struct ProgressStatistics
{
    qint64 totalAttempts = 0;
    QList<DayAccuracy> accuracyByDay;
    QList<TopicMastery> topics;
    QList<ForecastDay> forecast;
    Retention trueRetention;
    Retention trueRetentionLast30Days;
    /** Median and mean time per answer over all attempts, ms. */
    qint64 medianTimeMs = 0;
    qint64 meanTimeMs = 0;
    QList<QuestionTime> timePerQuestion;
    /** Consecutive study days up to today (today may still be empty without breaking it). */
    int currentStreak = 0;
    int longestStreak = 0;
    /** Attempts per day over the last StatsOptions::heatMapDays days, oldest first, zeros included. */
    QList<std::pair<QDate, int>> heatMap;
};

/** What the statistics are relative to. */
struct StatsOptions
{
    /** "Now", ms since the epoch. Days are the store's study days (ProgressStore::dayBoundary()). */
    qint64 nowMs = 0;
    int forecastDays = 30;
    int heatMapDays = 365;
    /** Topic of each question, for rows stored without one (schema 1-2) and for unseen questions. */
    QHash<QString, QString> questionTopics;
    FsrsParameters parameters;

    /** Options for `nowMs` with the defaults. */
    static StatsOptions forNow(qint64 nowMs);
};

/**
 * Computes ProgressStatistics from the store with a handful of aggregate queries, each answered
 * from a covering index in index order (no sorting), so 100,000 answers take a few tens of ms.
 */
class ProgressStats
{
public:
    static ProgressStatistics compute(const ProgressStore &store, qint64 profileId, const StatsOptions &options);
};

} // namespace kafkalab::quiz
