#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

#include "quiz/progressstore.h"
#include "quiz/quizsession.h"

namespace kafkalab::quiz {
class Clock;
class FsrsScheduler;
struct ProfileHistory;
} // namespace kafkalab::quiz

namespace kafkalab::app {

class ProfileManager;

/** What a session is asked for. */
struct QuizStartOptions
{
    quiz::QuizMode mode = quiz::QuizMode::Practice;
    int count = 10;
    /** The session's total time, ms; 0 = none (a mock interview: the sum of its questions' limits). */
    qint64 totalTimeMs = 0;
    /** Restricts the questions to one topic; empty = all. */
    QString topic;
    /** Question and option order; absent = from the clock. */
    std::optional<quint64> seed;
    /** These questions, in this order, instead of the mode's choice (revisiting a report's questions). */
    QStringList questionIds;
};

/**
 * Runs one quiz session for the current profile and records every answer, the way the terminal
 * quiz does (docs/quiz.md "Using it from the app"): each Submission returned by submit(),
 * tick() and finish() is recorded in its own transaction at once. An answer that cannot be
 * recorded (a locked or full disk) is kept and retried with the next one, never dropped silently.
 *
 * The widgets show the session; this class holds no widget, so tests drive it directly with a
 * ManualClock.
 */
class QuizRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuizRunner)

public:
    QuizRunner(ProfileManager *profiles, const quiz::Clock &clock, QObject *parent = nullptr);
    ~QuizRunner() override;

    /** Starts a session; returns why not (nothing due, no mistakes, no questions on the topic). */
    std::optional<QString> start(const QuizStartOptions &options);
    /** A session exists (running or finished, until the next start or close()). */
    [[nodiscard]] bool hasSession() const noexcept { return m_session != nullptr; }
    [[nodiscard]] bool isRunning() const { return m_session && !m_session->isFinished(); }
    [[nodiscard]] const quiz::QuizSession *session() const noexcept { return m_session.get(); }
    [[nodiscard]] quiz::QuizMode mode() const noexcept { return m_options.mode; }
    [[nodiscard]] const QuizStartOptions &options() const noexcept { return m_options; }
    [[nodiscard]] const quiz::Clock &clock() const noexcept { return *m_clock; }
    /** The clock of the next sessions (tests pass a ManualClock); not while one runs. */
    void setClock(const quiz::Clock &clock);
    /** The profile's history as it was when the session started (the report compares with it). */
    [[nodiscard]] const quiz::ProfileHistory &history() const;
    [[nodiscard]] quiz::SessionReport report() const;
    /** Submissions of this session, by item index (graded answers and time-outs). */
    [[nodiscard]] int recordedCount() const noexcept { return m_recorded; }
    /** Answers graded but not yet in the database (a failed write waiting for a retry). */
    [[nodiscard]] int pendingCount() const { return int(m_pending.size()); }
    [[nodiscard]] QString lastError() const { return m_lastError; }

    /** Grades the current question and records the answer (every mode but mock). */
    quiz::Result<quiz::Submission> submit(const quiz::Answer &answer);
    /** Mock interviews: keeps the answer as a draft for the current question. */
    bool saveDraft(const quiz::Answer &answer);
    bool toggleFlag();
    bool goTo(int index);
    /** The next question; past the last one a practice-style session ends. */
    bool next();
    bool previous();
    /** Applies the clock: records what timed out; emits timedOut() and finished() as they happen. */
    void tick();
    /** Hands in a mock interview (open questions are submitted as they stand) or ends a session. */
    void finish();
    /** Forgets the session (after its report). */
    void close();

Q_SIGNALS:
    /** The session moved or changed (current question, drafts, flags, time-outs). */
    void changed();
    /** Time ran out: for `indices` (mock: one question), or the whole session (`sessionOver`). */
    void timedOut(const QList<int> &indices, bool sessionOver);
    /** The session is over; report() is final. */
    void finished();
    /** An answer could not be written; `message` says why. It stays pending and is retried. */
    void recordFailed(const QString &message);

private:
    void record(const QList<quiz::Submission> &submissions);
    void flushPending();
    void checkFinished();

    ProfileManager *m_profiles;
    const quiz::Clock *m_clock;
    std::unique_ptr<quiz::FsrsScheduler> m_scheduler;
    std::unique_ptr<quiz::ProfileHistory> m_history;
    std::unique_ptr<quiz::QuizSession> m_session;
    QuizStartOptions m_options;
    QList<quiz::Submission> m_pending;
    QString m_lastError;
    int m_recorded = 0;
    bool m_finishedEmitted = false;
};

} // namespace kafkalab::app
