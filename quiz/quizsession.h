#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "quiz/answergrader.h"
#include "quiz/fsrsscheduler.h"
#include "quiz/progressstore.h"
#include "quiz/question.h"
#include "quiz/result.h"

namespace kafkalab::quiz {

class Clock;
struct ProfileHistory;

/** How a session runs. */
struct SessionConfig
{
    QuizMode mode = QuizMode::Practice;
    qint64 profileId = 0;
    /** The sessions row the attempts belong to (mock interviews), if any. */
    std::optional<qint64> sessionId;
    /**
     * Time for the whole session, ms; 0 = none. A mock interview without one gets the sum of
     * its questions' limits. When it runs out a mock interview submits every open question; the
     * other modes just end.
     */
    qint64 totalTimeLimitMs = 0;
    /** Mock interviews: each question also has its own limit (time_limit_s or the type's default). */
    bool perQuestionLimits = true;
    /** Shuffles the options (and order questions' steps) reproducibly. */
    quint64 seed = 0;
};

/** Where a question of the session stands. */
enum class ItemStatus {
    Unanswered, ///< nothing entered yet
    Draft, ///< mock: an answer is saved but can still change
    Submitted, ///< graded and final
};

/** One question of a session. */
struct SessionItem
{
    Question question;
    /** Display position -> option index: options are shown in this order. */
    QList<int> displayOrder;
    std::optional<Answer> draft;
    bool flagged = false;
    /** Time charged to the question before the current stretch, ms. */
    qint64 spentMs = 0;
    /** The question's own limit in mock interviews, ms (0 = none). */
    qint64 limitMs = 0;
    bool submitted = false;
    /** Locked by a time limit rather than by the user. */
    bool timedOut = false;
    std::optional<Grade> grade;
    std::optional<Answer> submittedAnswer;

    ItemStatus status() const;
};

/** A graded answer, ready to be recorded (ProgressStore::recordAnswer(attempt, cardAfter)). */
struct Submission
{
    int index = 0;
    Grade grade;
    AttemptRecord attempt;
    FsrsCard cardAfter;
    bool timedOut = false;
};

/** One row of the mock interview's navigator. */
struct NavigatorEntry
{
    int index = 0;
    QString questionId;
    ItemStatus status = ItemStatus::Unanswered;
    bool flagged = false;
    bool current = false;
    qint64 spentMs = 0;
};

/** One question in the end-of-session report. */
struct ReportItem
{
    QString questionId;
    QString topic;
    bool answered = false;
    bool correct = false;
    bool timedOut = false;
    bool flagged = false;
    qint64 timeMs = 0;
    /** The user's median time on this question before (or on all questions), for comparison. */
    std::optional<qint64> userMedianMs;
};

/** Accuracy on one topic in the session. */
struct TopicScore
{
    QString topic;
    int questions = 0;
    int correct = 0;
    double accuracy = 0.0;
};

/** What to study next for a weak topic. */
struct StudySuggestion
{
    QString topic;
    double accuracy = 0.0;
    /** What the topic covers (docs/content-format.md). */
    QString covers;
    /** Lessons demonstrating the missed questions. */
    QStringList lessons;
    /** The questions missed, to revisit in Mistakes mode. */
    QStringList questionIds;
};

/** The report at the end of a session (the mock interview's score sheet). */
struct SessionReport
{
    int questions = 0;
    int answered = 0;
    int correct = 0;
    /** correct / questions. */
    double score = 0.0;
    qint64 totalTimeMs = 0;
    QList<ReportItem> items;
    QList<TopicScore> topics;
    /** Up to three topics below 100 %, weakest first. */
    QList<StudySuggestion> weakest;
};

/**
 * One quiz session over a fixed list of questions: Practice (grade each answer at once, with
 * per-option explanations), Mock interview (drafts, flags, navigator, total and per-question time
 * limits with auto-submit), Review and Mistakes (graded at once like Practice).
 *
 * Time comes from the Clock; nothing runs by itself. The UI calls tick() from a timer (a few
 * times a second) and records what it returns; every other call ticks first, so a late action
 * cannot beat a deadline. Each submission carries the attempt and the card to record.
 */
class QuizSession
{
public:
    QuizSession(QList<Question> questions, SessionConfig config, const Clock &clock, const FsrsScheduler &scheduler,
        QHash<QString, FsrsCard> cards, AnswerGrader::PredictTruth predictTruth = {});

    QuizMode mode() const { return m_config.mode; }
    const SessionConfig &config() const { return m_config; }
    int size() const { return int(m_items.size()); }
    int currentIndex() const { return m_current; }
    const SessionItem &item(int index) const { return m_items.at(index); }
    const SessionItem &current() const { return m_items.at(m_current); }
    bool isFinished() const { return m_finished; }
    qint64 startedMs() const { return m_startedMs; }
    /** The card of a question as it stands in this session. */
    FsrsCard card(const QString &questionId) const { return m_cards.value(questionId); }

    /** Time charged to an item so far, including the running stretch, ms. */
    qint64 spentMs(int index) const;
    /** Time left for the session, ms; -1 without a limit. */
    qint64 remainingTotalMs() const;
    /** Time left for the current question, ms; -1 without a limit. */
    qint64 remainingQuestionMs() const;

    /** Moves to an item (mock interviews: any; other modes: forward only). */
    bool goTo(int index);
    /** The next item; in Practice, Review and Mistakes past the last one the session ends. */
    bool next();
    /** The previous item (mock interviews). */
    bool previous();

    /** Mock interviews: saves an answer for the current question without grading it. */
    bool setDraft(const Answer &answer);
    /** Mock interviews: flags or unflags the current question for review. */
    bool toggleFlag();
    QList<NavigatorEntry> navigator() const;

    /** Grades `answer` for the current question and locks it. Fails if it is locked or the session is over. */
    Result<Submission> submit(const Answer &answer);
    /** Applies the clock: auto-submits timed-out questions (mock) or ends the session; returns what to record. */
    QList<Submission> tick();
    /** Open questions with nothing (or an empty draft) entered: handing in counts them as wrong. */
    int blankCount() const;
    /** Ends the session; a mock interview submits every open question (drafts as they are, blanks as wrong). */
    QList<Submission> finish();

    /** The report, comparing times with `history` (load it before the session starts). */
    SessionReport report(const ProfileHistory &history) const;

private:
    void chargeTime(qint64 untilMs);
    Submission lock(int index, const Answer &answer, qint64 atMs, qint64 elapsedMs, bool timedOut);
    QList<Submission> finishAt(qint64 atMs, bool timedOut);
    int nextOpenItem(int from) const;

    QList<SessionItem> m_items;
    SessionConfig m_config;
    const Clock &m_clock;
    const FsrsScheduler &m_scheduler;
    QHash<QString, FsrsCard> m_cards;
    AnswerGrader::PredictTruth m_predictTruth;
    int m_current = 0;
    qint64 m_startedMs = 0;
    qint64 m_runningSinceMs = 0;
    bool m_finished = false;
};

} // namespace kafkalab::quiz
