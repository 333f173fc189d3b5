#include "quizsession.h"

#include <algorithm>
#include <map>

#include "quiz/clock.h"
#include "quiz/questionselector.h"

namespace kafkalab::quiz {
namespace {

/** FNV-1a: a stable per-question seed (qHash is randomised per process). */
quint64 stableHash(const QString &text)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (QChar c : text) {
        h ^= c.unicode();
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace

ItemStatus SessionItem::status() const
{
    if (submitted)
        return ItemStatus::Submitted;
    return draft ? ItemStatus::Draft : ItemStatus::Unanswered;
}

QuizSession::QuizSession(QList<Question> questions, SessionConfig config, const Clock &clock,
    const FsrsScheduler &scheduler, QHash<QString, FsrsCard> cards, AnswerGrader::PredictTruth predictTruth)
    : m_config(config)
    , m_clock(clock)
    , m_scheduler(scheduler)
    , m_cards(std::move(cards))
    , m_predictTruth(std::move(predictTruth))
{
    const bool mock = m_config.mode == QuizMode::Mock;
    qint64 sumOfLimits = 0;
    for (Question &q : questions) {
        SessionItem item;
        const quint64 seed = m_config.seed ^ stableHash(q.id);
        item.displayOrder.resize(q.options.size());
        for (int i = 0; i < item.displayOrder.size(); ++i)
            item.displayOrder[i] = i;
        // Authors often write the right option first, and order questions are written in the
        // right order: shuffle those. Predict options stay as written (values such as broker ids).
        if (q.type == QuestionType::Single || q.type == QuestionType::Multi || q.type == QuestionType::Order) {
            QuestionSelector::shuffle(item.displayOrder, seed);
            if (q.type == QuestionType::Order && item.displayOrder.size() > 1
                && std::is_sorted(item.displayOrder.cbegin(), item.displayOrder.cend()))
                std::rotate(item.displayOrder.begin(), item.displayOrder.begin() + 1, item.displayOrder.end());
        }
        if (mock && m_config.perQuestionLimits)
            item.limitMs = qint64(q.effectiveTimeLimitSeconds()) * 1000;
        sumOfLimits += qint64(q.effectiveTimeLimitSeconds()) * 1000;
        item.question = std::move(q);
        m_items.append(std::move(item));
    }
    if (mock && m_config.totalTimeLimitMs <= 0)
        m_config.totalTimeLimitMs = sumOfLimits;
    m_startedMs = m_clock.nowMs();
    m_runningSinceMs = m_startedMs;
    m_finished = m_items.isEmpty();
}

qint64 QuizSession::spentMs(int index) const
{
    const SessionItem &it = m_items.at(index);
    qint64 spent = it.spentMs;
    if (index == m_current && !m_finished && !it.submitted)
        spent += std::max<qint64>(0, m_clock.nowMs() - m_runningSinceMs);
    return spent;
}

qint64 QuizSession::remainingTotalMs() const
{
    if (m_config.totalTimeLimitMs <= 0)
        return -1;
    return std::max<qint64>(0, m_startedMs + m_config.totalTimeLimitMs - m_clock.nowMs());
}

qint64 QuizSession::remainingQuestionMs() const
{
    if (m_finished || current().limitMs <= 0)
        return -1;
    return std::max<qint64>(0, current().limitMs - spentMs(m_current));
}

void QuizSession::chargeTime(qint64 untilMs)
{
    if (!m_finished && !m_items.isEmpty() && !m_items[m_current].submitted)
        m_items[m_current].spentMs += std::max<qint64>(0, untilMs - m_runningSinceMs);
    m_runningSinceMs = std::max(m_runningSinceMs, untilMs);
}

int QuizSession::nextOpenItem(int from) const
{
    for (int k = 1; k <= size(); ++k) {
        const int i = (from + k) % size();
        if (!m_items.at(i).submitted)
            return i;
    }
    return -1;
}

bool QuizSession::goTo(int index)
{
    tick();
    if (m_finished || index < 0 || index >= size())
        return false;
    if (m_config.mode != QuizMode::Mock && index < m_current)
        return false;
    chargeTime(m_clock.nowMs());
    m_current = index;
    return true;
}

bool QuizSession::next()
{
    tick();
    if (m_finished)
        return false;
    if (m_current + 1 >= size()) {
        if (m_config.mode != QuizMode::Mock) {
            chargeTime(m_clock.nowMs());
            m_finished = true;
        }
        return false;
    }
    return goTo(m_current + 1);
}

bool QuizSession::previous()
{
    if (m_config.mode != QuizMode::Mock)
        return false;
    return goTo(m_current - 1);
}

bool QuizSession::setDraft(const Answer &answer)
{
    tick();
    if (m_finished || m_config.mode != QuizMode::Mock || m_items[m_current].submitted)
        return false;
    m_items[m_current].draft = answer;
    return true;
}

bool QuizSession::toggleFlag()
{
    tick();
    if (m_finished)
        return false;
    m_items[m_current].flagged = !m_items[m_current].flagged;
    return true;
}

QList<NavigatorEntry> QuizSession::navigator() const
{
    QList<NavigatorEntry> out;
    for (int i = 0; i < size(); ++i) {
        const SessionItem &it = m_items.at(i);
        out.append({i, it.question.id, it.status(), it.flagged, i == m_current && !m_finished, spentMs(i)});
    }
    return out;
}

Submission QuizSession::lock(int index, const Answer &answer, qint64 atMs, qint64 elapsedMs, bool timedOut)
{
    SessionItem &it = m_items[index];
    const Question &q = it.question;
    Submission s;
    s.index = index;
    s.timedOut = timedOut;
    s.grade = AnswerGrader::grade(q, answer, m_predictTruth);
    const FsrsCard before = m_cards.value(q.id);
    // Anki seeds fuzz with the card and its review count; the id's hash plays the card's part.
    const ReviewOutcome outcome
        = m_scheduler.review(before, s.grade.rating, atMs, stableHash(q.id) + quint64(before.reps));
    m_cards.insert(q.id, outcome.card);
    s.cardAfter = outcome.card;

    AttemptRecord &a = s.attempt;
    a.profileId = m_config.profileId;
    a.questionId = q.id;
    a.topic = q.topic;
    a.timeMs = atMs;
    a.mode = m_config.mode;
    a.answer = answer.describe(q);
    a.correct = s.grade.correct;
    a.rating = s.grade.rating;
    a.elapsedMs = elapsedMs;
    a.before = outcome.before;
    a.after = outcome.card.memory;
    a.intervalDays = double(outcome.intervalMs) / double(FsrsScheduler::kDayMs);
    a.state = outcome.card.state;
    a.step = outcome.card.step;
    if (!before.isNew())
        a.stateBefore = before.state;
    a.sessionId = m_config.sessionId;

    it.submitted = true;
    it.timedOut = timedOut;
    it.grade = s.grade;
    it.submittedAnswer = answer;
    it.spentMs = elapsedMs;
    return s;
}

Result<Submission> QuizSession::submit(const Answer &answer)
{
    const QList<Submission> expired = tick();
    if (!expired.isEmpty() || m_finished)
        return Result<Submission>::failure(
            m_finished ? QStringLiteral("the session is over") : QStringLiteral("time ran out for this question"));
    if (m_items[m_current].submitted)
        return Result<Submission>::failure(QStringLiteral("this question is already answered"));
    const Question &q = m_items[m_current].question;
    if (q.type == QuestionType::Recall && !answer.selfRating)
        return Result<Submission>::failure(QStringLiteral("grade your recall: Again, Hard, Good or Easy"));
    const qint64 now = m_clock.nowMs();
    chargeTime(now);
    qint64 elapsed = m_items[m_current].spentMs;
    if (m_items[m_current].limitMs > 0)
        elapsed = std::min(elapsed, m_items[m_current].limitMs);
    return lock(m_current, answer, now, elapsed, false);
}

QList<Submission> QuizSession::tick()
{
    QList<Submission> out;
    if (m_finished)
        return out;
    const qint64 now = m_clock.nowMs();
    if (m_config.totalTimeLimitMs > 0 && now - m_startedMs >= m_config.totalTimeLimitMs) {
        const qint64 deadline = m_startedMs + m_config.totalTimeLimitMs;
        if (m_config.mode == QuizMode::Mock)
            return finishAt(deadline, true);
        chargeTime(deadline);
        m_finished = true;
        return out;
    }
    if (m_config.mode != QuizMode::Mock)
        return out;
    SessionItem &cur = m_items[m_current];
    if (cur.submitted || cur.limitMs <= 0 || spentMs(m_current) < cur.limitMs)
        return out;
    // The question's own time is up: submit what is there and move to the next open question.
    const qint64 deadline = m_runningSinceMs + (cur.limitMs - cur.spentMs);
    chargeTime(deadline);
    out.append(lock(m_current, cur.draft.value_or(Answer {}), deadline, cur.limitMs, true));
    m_runningSinceMs = now;
    const int next = nextOpenItem(m_current);
    if (next < 0)
        m_finished = true;
    else
        m_current = next;
    return out;
}

QList<Submission> QuizSession::finishAt(qint64 atMs, bool timedOut)
{
    QList<Submission> out;
    if (m_finished)
        return out;
    chargeTime(atMs);
    for (int i = 0; i < size(); ++i) {
        SessionItem &it = m_items[i];
        if (it.submitted)
            continue;
        const qint64 elapsed = it.limitMs > 0 ? std::min(it.spentMs, it.limitMs) : it.spentMs;
        out.append(lock(i, it.draft.value_or(Answer {}), atMs, elapsed, timedOut));
    }
    m_finished = true;
    return out;
}

int QuizSession::blankCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
        [](const SessionItem &item) { return !item.submitted && (!item.draft || item.draft->isEmpty()); }));
}

QList<Submission> QuizSession::finish()
{
    QList<Submission> out = tick();
    if (m_finished)
        return out;
    if (m_config.mode == QuizMode::Mock) {
        out.append(finishAt(m_clock.nowMs(), false));
    } else {
        chargeTime(m_clock.nowMs());
        m_finished = true;
    }
    return out;
}

SessionReport QuizSession::report(const ProfileHistory &history) const
{
    SessionReport r;
    r.questions = size();
    std::map<QString, TopicScore> topics;
    std::map<QString, StudySuggestion> suggestions;
    for (int i = 0; i < size(); ++i) {
        const SessionItem &it = m_items.at(i);
        ReportItem ri;
        ri.questionId = it.question.id;
        ri.topic = it.question.topic;
        ri.answered = it.submittedAnswer && !it.submittedAnswer->isEmpty();
        ri.correct = it.grade && it.grade->correct;
        ri.timedOut = it.timedOut;
        ri.flagged = it.flagged;
        ri.timeMs = spentMs(i);
        if (const auto m = history.medianElapsedMs.constFind(it.question.id); m != history.medianElapsedMs.constEnd())
            ri.userMedianMs = *m;
        else if (history.overallMedianElapsedMs > 0)
            ri.userMedianMs = history.overallMedianElapsedMs;
        r.answered += ri.answered ? 1 : 0;
        r.correct += ri.correct ? 1 : 0;
        r.totalTimeMs += ri.timeMs;
        r.items.append(ri);

        TopicScore &t = topics[ri.topic];
        t.topic = ri.topic;
        ++t.questions;
        t.correct += ri.correct ? 1 : 0;
        if (!ri.correct) {
            StudySuggestion &s = suggestions[ri.topic];
            s.topic = ri.topic;
            s.covers = topicDescription(ri.topic);
            s.questionIds.append(ri.questionId);
            if (!it.question.lesson.isEmpty() && !s.lessons.contains(it.question.lesson))
                s.lessons.append(it.question.lesson);
        }
    }
    r.score = r.questions > 0 ? double(r.correct) / r.questions : 0.0;
    for (auto &[name, t] : topics) {
        t.accuracy = t.questions > 0 ? double(t.correct) / t.questions : 0.0;
        r.topics.append(t);
    }
    QList<StudySuggestion> weak;
    for (auto &[name, s] : suggestions) {
        s.accuracy = topics[name].accuracy;
        weak.append(s);
    }
    // Weakest first; among equals, the topic with more misses.
    std::stable_sort(weak.begin(), weak.end(), [](const StudySuggestion &a, const StudySuggestion &b) {
        if (a.accuracy != b.accuracy)
            return a.accuracy < b.accuracy;
        return a.questionIds.size() > b.questionIds.size();
    });
    r.weakest = weak.mid(0, 3);
    return r;
}

} // namespace kafkalab::quiz
