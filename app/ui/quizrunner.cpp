#include "quizrunner.h"

#include <QDateTime>
#include <QLocale>

#include "app/ui/profilemanager.h"
#include "app/ui/quizcontent.h"
#include "quiz/clock.h"
#include "quiz/fsrsscheduler.h"
#include "quiz/questionbank.h"
#include "quiz/questionselector.h"

namespace kafkalab::app {

using quiz::QuizMode;

QuizRunner::QuizRunner(ProfileManager *profiles, const quiz::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_clock(&clock)
    , m_scheduler(std::make_unique<quiz::FsrsScheduler>())
    , m_history(std::make_unique<quiz::ProfileHistory>())
{ }

QuizRunner::~QuizRunner() = default;

void QuizRunner::setClock(const quiz::Clock &clock)
{
    if (!isRunning())
        m_clock = &clock;
}

const quiz::ProfileHistory &QuizRunner::history() const
{
    return *m_history;
}

quiz::SessionReport QuizRunner::report() const
{
    return m_session ? m_session->report(*m_history) : quiz::SessionReport {};
}

std::optional<QString> QuizRunner::start(const QuizStartOptions &options)
{
    quiz::ProgressStore &store = m_profiles->store();
    const qint64 profileId = m_profiles->currentId();
    *m_history = store.isOpen() ? quiz::ProfileHistory::load(store, profileId) : quiz::ProfileHistory {};
    const qint64 now = m_clock->nowMs();
    const quint64 seed = options.seed.value_or(quint64(now));
    QList<quiz::Question> questions;
    if (options.questionIds.isEmpty()) {
        questions = quiz::QuestionSelector::select(options.mode, QuizContent::bank().questions(), *m_history,
            *m_scheduler, now, std::max(1, options.count), seed, options.topic);
    } else {
        for (const QString &id : options.questionIds)
            if (const quiz::Question *q = QuizContent::bank().find(id))
                questions.append(*q);
    }
    if (questions.isEmpty()) {
        switch (options.mode) {
        case QuizMode::Review: {
            qint64 next = 0;
            for (const quiz::FsrsCard &c : std::as_const(m_history->cards))
                if (!c.isNew() && (next == 0 || c.dueMs < next))
                    next = c.dueMs;
            return next > 0 ? tr("Nothing is due for review; the next review is due %1.")
                                  .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(next), QLocale::ShortFormat))
                            : tr("Nothing is due for review.");
        }
        case QuizMode::Mistakes:
            return tr("No open mistakes: every question you got wrong, you have since got right.");
        default:
            return options.topic.isEmpty() ? tr("There are no questions to ask.")
                                           : tr("There are no questions on %1.").arg(options.topic);
        }
    }
    quiz::SessionConfig config;
    config.mode = options.mode;
    config.profileId = profileId;
    config.totalTimeLimitMs = options.totalTimeMs;
    config.seed = seed;
    if (options.mode == QuizMode::Mock && store.isOpen()) {
        const auto sessionId = store.startSession(profileId, QuizMode::Mock, now, int(questions.size()));
        if (sessionId)
            config.sessionId = *sessionId;
        else
            m_lastError = sessionId.error();
    }
    m_options = options;
    m_recorded = 0;
    m_finishedEmitted = false;
    m_session = std::make_unique<quiz::QuizSession>(
        questions, config, *m_clock, *m_scheduler, m_history->cards, QuizContent::predictTruth());
    Q_EMIT changed();
    return std::nullopt;
}

void QuizRunner::record(const QList<quiz::Submission> &submissions)
{
    m_pending.append(submissions);
    flushPending();
}

void QuizRunner::flushPending()
{
    quiz::ProgressStore &store = m_profiles->store();
    if (m_pending.isEmpty())
        return;
    if (!store.isOpen()) {
        // Nothing can be recorded (the database was refused); the problem is shown on the page.
        m_recorded += int(m_pending.size());
        m_pending.clear();
        return;
    }
    int written = 0;
    while (!m_pending.isEmpty()) {
        // One transaction per answer: when recordAnswer returns, this answer is on disk.
        const auto id = store.recordAnswer(m_pending.front().attempt, m_pending.front().cardAfter);
        if (!id) {
            m_lastError = id.error();
            Q_EMIT recordFailed(m_lastError);
            break;
        }
        m_pending.removeFirst();
        ++m_recorded;
        ++written;
    }
    if (m_pending.isEmpty())
        m_lastError.clear();
    if (written > 0)
        m_profiles->notifyAttemptsChanged();
}

void QuizRunner::checkFinished()
{
    if (!m_session || !m_session->isFinished() || m_finishedEmitted)
        return;
    m_finishedEmitted = true;
    flushPending();
    if (const auto id = m_session->config().sessionId)
        (void)m_profiles->store().finishSession(*id, m_clock->nowMs(), report().score);
    Q_EMIT finished();
}

quiz::Result<quiz::Submission> QuizRunner::submit(const quiz::Answer &answer)
{
    if (!m_session)
        return quiz::Result<quiz::Submission>::failure(tr("No session is running."));
    // A deadline that passed first wins over a late answer.
    tick();
    auto submission = m_session->submit(answer);
    if (submission)
        record({*submission});
    Q_EMIT changed();
    checkFinished();
    return submission;
}

bool QuizRunner::saveDraft(const quiz::Answer &answer)
{
    if (!m_session)
        return false;
    tick();
    const bool saved = m_session->setDraft(answer);
    Q_EMIT changed();
    return saved;
}

bool QuizRunner::toggleFlag()
{
    if (!m_session)
        return false;
    tick();
    const bool ok = m_session->toggleFlag();
    Q_EMIT changed();
    return ok;
}

bool QuizRunner::goTo(int index)
{
    if (!m_session)
        return false;
    tick();
    const bool ok = m_session->goTo(index);
    Q_EMIT changed();
    checkFinished();
    return ok;
}

bool QuizRunner::next()
{
    if (!m_session)
        return false;
    tick();
    const bool ok = m_session->next();
    Q_EMIT changed();
    checkFinished();
    return ok;
}

bool QuizRunner::previous()
{
    if (!m_session)
        return false;
    tick();
    const bool ok = m_session->previous();
    Q_EMIT changed();
    return ok;
}

void QuizRunner::tick()
{
    if (!m_session || m_session->isFinished()) {
        flushPending();
        return;
    }
    const QList<quiz::Submission> expired = m_session->tick();
    const bool over = m_session->isFinished();
    if (!expired.isEmpty())
        record(expired);
    else
        flushPending();
    if (!expired.isEmpty() || over) {
        QList<int> indices;
        for (const quiz::Submission &s : expired)
            indices.append(s.index);
        Q_EMIT timedOut(indices, over);
        Q_EMIT changed();
    }
    checkFinished();
}

void QuizRunner::finish()
{
    if (!m_session)
        return;
    record(m_session->finish());
    Q_EMIT changed();
    checkFinished();
}

void QuizRunner::close()
{
    if (isRunning())
        finish();
    flushPending();
    m_session.reset();
    Q_EMIT changed();
}

} // namespace kafkalab::app
