#include "questionselector.h"

#include <algorithm>
#include <map>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include "quiz/progressstats.h"

namespace kafkalab::quiz {

quint64 QuestionSelector::nextRandom(quint64 state)
{
    quint64 z = state + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

ProfileHistory ProfileHistory::load(const ProgressStore &store, qint64 profileId)
{
    ProfileHistory h;
    h.cards = store.cards(profileId);
    const QSqlDatabase db = store.database();
    if (!db.isOpen())
        return h;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT question_id, COUNT(*) FROM attempts WHERE profile_id = ? GROUP BY question_id"));
    q.addBindValue(profileId);
    if (q.exec()) {
        while (q.next())
            h.attemptCounts.insert(q.value(0).toString(), q.value(1).toInt());
    }
    // The latest graded answer per question.
    q.prepare(QStringLiteral(
        "SELECT a.question_id, a.correct FROM attempts a WHERE a.profile_id = ? AND a.id = ("
        " SELECT b.id FROM attempts b WHERE b.profile_id = a.profile_id AND b.question_id = a.question_id"
        " AND b.correct IS NOT NULL ORDER BY b.time_ms DESC, b.id DESC LIMIT 1)"));
    q.addBindValue(profileId);
    if (q.exec()) {
        while (q.next())
            h.lastWrong.insert(q.value(0).toString(), q.value(1).toInt() == 0);
    }
    StatsOptions options;
    options.nowMs = 0;
    options.heatMapDays = 0;
    options.forecastDays = 0;
    const ProgressStatistics stats = ProgressStats::compute(store, profileId, options);
    for (const QuestionTime &t : stats.timePerQuestion)
        h.medianElapsedMs.insert(t.questionId, t.medianMs);
    h.overallMedianElapsedMs = stats.medianTimeMs;
    return h;
}

QList<Question> QuestionSelector::select(QuizMode mode, const QList<Question> &bank, const ProfileHistory &history,
    const FsrsScheduler &scheduler, qint64 nowMs, int count, quint64 seed, const QString &topic)
{
    QList<Question> pool;
    for (const Question &q : bank) {
        if (topic.isEmpty() || q.topic == topic)
            pool.append(q);
    }
    shuffle(pool, seed);
    const int limit = std::max(0, count);
    auto retrievability = [&](const Question &q) { return scheduler.retrievability(history.cards.value(q.id), nowMs); };

    QList<Question> out;
    switch (mode) {
    case QuizMode::Practice:
        std::stable_sort(pool.begin(), pool.end(), [&](const Question &a, const Question &b) {
            return history.attemptCounts.value(a.id) < history.attemptCounts.value(b.id);
        });
        out = pool.mid(0, limit);
        break;
    case QuizMode::Mock: {
        // Deal one question per topic in turn so a short interview still covers ground.
        std::map<QString, QList<Question>> byTopic;
        QStringList topicOrder;
        for (const Question &q : pool) {
            if (!byTopic.count(q.topic))
                topicOrder.append(q.topic);
            byTopic[q.topic].append(q);
        }
        for (qsizetype round = 0; out.size() < limit; ++round) {
            bool any = false;
            for (const QString &t : topicOrder) {
                const QList<Question> &list = byTopic[t];
                if (round < list.size() && out.size() < limit) {
                    out.append(list.at(round));
                    any = true;
                }
            }
            if (!any)
                break;
        }
        break;
    }
    case QuizMode::Review: {
        QList<Question> due;
        QList<Question> fresh;
        for (const Question &q : pool) {
            const auto it = history.cards.constFind(q.id);
            if (it == history.cards.constEnd() || it->isNew())
                fresh.append(q);
            else if (it->dueMs <= nowMs)
                due.append(q);
        }
        std::stable_sort(due.begin(), due.end(),
            [&](const Question &a, const Question &b) { return retrievability(a) < retrievability(b); });
        out = due.mid(0, limit);
        out.append(fresh.mid(0, limit - out.size()));
        break;
    }
    case QuizMode::Mistakes: {
        for (const Question &q : pool) {
            if (history.lastWrong.value(q.id, false))
                out.append(q);
        }
        std::stable_sort(out.begin(), out.end(),
            [&](const Question &a, const Question &b) { return retrievability(a) < retrievability(b); });
        out = out.mid(0, limit);
        break;
    }
    }
    return out;
}

} // namespace kafkalab::quiz
