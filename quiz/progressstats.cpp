#include "progressstats.h"

#include <algorithm>
#include <limits>
#include <map>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include "quiz/progressstore.h"

namespace kafkalab::quiz {
namespace {

constexpr qint64 kDayMs = 86'400'000;

QDate dateOfDay(qint64 day)
{
    return QDate(1970, 1, 1).addDays(day);
}

/** The median of `n` values read in ascending order by `query` with `LIMIT 2 OFFSET ?` bound last. */
qint64 medianFromIndex(QSqlQuery &query, int offsetBinding, qint64 n)
{
    if (n <= 0)
        return 0;
    query.bindValue(offsetBinding, (n - 1) / 2);
    if (!query.exec() || !query.next())
        return 0;
    const qint64 lower = query.value(0).toLongLong();
    // Even counts average the two middle values.
    const qint64 upper = n % 2 == 0 && query.next() ? query.value(0).toLongLong() : lower;
    query.finish();
    return (lower + upper) / 2;
}

/**
 * Median time per question from index attempts_by_question_time: each question's middle one or
 * two values, read by `LIMIT 2 OFFSET (n-1)/2` subqueries batched with UNION ALL (one round trip
 * per 200 questions instead of one per question).
 */
void fillMedians(const QSqlDatabase &db, qint64 profileId, QList<QuestionTime> &times)
{
    constexpr qsizetype kBatch = 200;
    for (qsizetype from = 0; from < times.size(); from += kBatch) {
        const qsizetype to = std::min(times.size(), from + kBatch);
        QStringList parts;
        for (qsizetype i = from; i < to; ++i) {
            parts.append(
                QStringLiteral("SELECT %1 AS k, elapsed_ms FROM (SELECT elapsed_ms FROM attempts WHERE profile_id = ?"
                               " AND question_id = ? ORDER BY elapsed_ms LIMIT %2 OFFSET %3)")
                    .arg(i)
                    .arg(times.at(i).attempts % 2 == 0 ? 2 : 1)
                    .arg((times.at(i).attempts - 1) / 2));
        }
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(parts.join(QStringLiteral(" UNION ALL ")));
        for (qsizetype i = from; i < to; ++i) {
            q.addBindValue(profileId);
            q.addBindValue(times.at(i).questionId);
        }
        if (!q.exec())
            return;
        QHash<qsizetype, QList<qint64>> middle;
        while (q.next())
            middle[q.value(0).toLongLong()].append(q.value(1).toLongLong());
        for (auto it = middle.cbegin(); it != middle.cend(); ++it) {
            qint64 sum = 0;
            for (qint64 v : it.value())
                sum += v;
            times[it.key()].medianMs = sum / it.value().size();
        }
    }
}

} // namespace

StatsOptions StatsOptions::forNow(qint64 nowMs)
{
    StatsOptions o;
    o.nowMs = nowMs;
    return o;
}

ProgressStatistics ProgressStats::compute(const ProgressStore &store, qint64 profileId, const StatsOptions &options)
{
    ProgressStatistics stats;
    const QSqlDatabase db = store.database();
    if (!db.isOpen())
        return stats;
    const qint64 today = store.studyDay(options.nowMs);

    // Per study day (index attempts_by_day): accuracy, then the heat map and streaks.
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        // True retention rides along: answers to cards that were in the Review state, as Anki
        // counts it (learning steps are not memory tests).
        q.prepare(QStringLiteral("SELECT day, COUNT(*), SUM(correct = 1), SUM(correct IS NOT NULL),"
                                 " SUM(state_before = 2 AND correct IS NOT NULL), SUM(state_before = 2 AND correct = 1)"
                                 " FROM attempts WHERE profile_id = ? GROUP BY day ORDER BY day"));
        q.addBindValue(profileId);
        QHash<qint64, int> perDay;
        qint64 previous = std::numeric_limits<qint64>::min();
        int run = 0;
        if (q.exec()) {
            while (q.next()) {
                DayAccuracy d;
                const qint64 day = q.value(0).toLongLong();
                d.day = dateOfDay(day);
                d.attempts = q.value(1).toInt();
                d.correct = q.value(2).toInt();
                d.graded = q.value(3).toInt();
                d.accuracy = d.graded > 0 ? double(d.correct) / d.graded : 0.0;
                stats.totalAttempts += d.attempts;
                stats.accuracyByDay.append(d);
                perDay.insert(day, d.attempts);
                const int reviews = q.value(4).toInt();
                const int passed = q.value(5).toInt();
                stats.trueRetention.reviews += reviews;
                stats.trueRetention.passed += passed;
                if (day > today - 30) {
                    stats.trueRetentionLast30Days.reviews += reviews;
                    stats.trueRetentionLast30Days.passed += passed;
                }
                run = day == previous + 1 ? run + 1 : 1;
                previous = day;
                stats.longestStreak = std::max(stats.longestStreak, run);
            }
        }
        for (qint64 day = today - options.heatMapDays + 1; day <= today; ++day)
            stats.heatMap.append({dateOfDay(day), perDay.value(day, 0)});
        // Today without answers yet does not break the streak: count from yesterday then.
        qint64 day = perDay.contains(today) ? today : today - 1;
        while (perDay.contains(day)) {
            ++stats.currentStreak;
            --day;
        }
    }

    // Cards: retrievability now per question, and the review forecast.
    const QHash<QString, FsrsCard> cards = store.cards(profileId);
    const Fsrs model(options.parameters);
    std::map<qint64, int> dueByDay;
    for (auto it = cards.cbegin(); it != cards.cend(); ++it) {
        if (!it->lastReviewMs)
            continue;
        const qint64 dueDay = std::max(today, store.studyDay(it->dueMs));
        if (dueDay < today + options.forecastDays)
            ++dueByDay[dueDay];
    }
    for (qint64 day = today; day < today + options.forecastDays; ++day) {
        const auto it = dueByDay.find(day);
        stats.forecast.append({dateOfDay(day), it == dueByDay.end() ? 0 : it->second});
    }

    // Per question (index attempts_by_question_time): topics, accuracy, time.
    {
        QHash<QString, TopicMastery> topics;
        QHash<QString, int> bankCounts;
        for (auto it = options.questionTopics.cbegin(); it != options.questionTopics.cend(); ++it)
            ++bankCounts[it.value()];
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT question_id, MAX(topic), COUNT(*), SUM(correct = 1), SUM(elapsed_ms)"
                                 " FROM attempts WHERE profile_id = ? GROUP BY question_id"));
        q.addBindValue(profileId);
        qint64 totalElapsed = 0;
        if (q.exec()) {
            while (q.next()) {
                const QString id = q.value(0).toString();
                const int count = q.value(2).toInt();
                const qint64 elapsed = q.value(4).toLongLong();
                QString topic = options.questionTopics.value(id, q.value(1).toString());
                if (topic.isEmpty())
                    topic = QStringLiteral("unknown");
                TopicMastery &t = topics[topic];
                t.topic = topic;
                ++t.seen;
                t.attempts += count;
                t.correct += q.value(3).toInt();
                const auto card = cards.constFind(id);
                if (card != cards.constEnd() && card->memory && card->lastReviewMs) {
                    const double days = double(std::max<qint64>(0, options.nowMs - *card->lastReviewMs) / kDayMs);
                    t.meanRetrievability += model.retrievability(days, card->memory->stability);
                }
                QuestionTime qt;
                qt.questionId = id;
                qt.attempts = count;
                qt.meanMs = count > 0 ? elapsed / count : 0;
                stats.timePerQuestion.append(qt);
                totalElapsed += elapsed;
            }
        }
        stats.meanTimeMs = stats.totalAttempts > 0 ? totalElapsed / stats.totalAttempts : 0;
        fillMedians(db, profileId, stats.timePerQuestion);
        for (auto it = bankCounts.cbegin(); it != bankCounts.cend(); ++it) {
            if (!topics.contains(it.key()))
                topics.insert(it.key(), TopicMastery {it.key()});
        }
        for (auto it = topics.begin(); it != topics.end(); ++it) {
            TopicMastery &t = *it;
            const double retrievabilitySum = t.meanRetrievability;
            t.questions = std::max(t.seen, bankCounts.value(t.topic, 0));
            t.accuracy = t.attempts > 0 ? double(t.correct) / t.attempts : 0.0;
            t.meanRetrievability = t.seen > 0 ? retrievabilitySum / t.seen : 0.0;
            t.mastery = t.questions > 0 ? retrievabilitySum / t.questions : 0.0;
            stats.topics.append(t);
        }
        std::sort(stats.topics.begin(), stats.topics.end(),
            [](const TopicMastery &a, const TopicMastery &b) { return a.topic < b.topic; });
    }

    // Median time over all answers (index attempts_by_elapsed).
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral(
            "SELECT elapsed_ms FROM attempts WHERE profile_id = ? ORDER BY elapsed_ms LIMIT 2 OFFSET ?"));
        q.bindValue(0, profileId);
        stats.medianTimeMs = medianFromIndex(q, 1, stats.totalAttempts);
    }

    for (Retention *r : {&stats.trueRetention, &stats.trueRetentionLast30Days})
        r->rate = r->reviews > 0 ? double(r->passed) / r->reviews : 0.0;
    return stats;
}

} // namespace kafkalab::quiz
