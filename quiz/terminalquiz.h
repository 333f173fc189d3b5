#pragma once

#include <QList>
#include <QString>

#include "quiz/answergrader.h"
#include "quiz/progressstore.h"
#include "quiz/question.h"

class QTextStream;

namespace kafkalab::quiz {

class Clock;
class QuizSession;
class FsrsScheduler;
struct ProfileHistory;
struct Submission;

/** What `quiz take` was asked for. */
struct TerminalQuizOptions
{
    QuizMode mode = QuizMode::Practice;
    int count = 10;
    /** 0 = none (mock: the sum of the questions' limits). */
    qint64 totalTimeMs = 0;
    QString profile = QStringLiteral("default");
    quint64 seed = 0;
    QString topic;
};

/**
 * `quiz take`: a quiz on a terminal, reading answers line by line and recording each in the
 * progress store. It prints `recorded` on a line of its own only after the answer's transaction
 * has committed, so a script (or a test) can rely on it.
 */
class TerminalQuiz
{
public:
    TerminalQuiz(const QList<Question> &bank, ProgressStore &store, const Clock &clock, QTextStream &out,
        QTextStream &err, QTextStream &in, AnswerGrader::PredictTruth predictTruth = {});

    /** Runs one session; returns the process exit code (0, or 1 if an answer could not be recorded). */
    int run(const TerminalQuizOptions &options);

private:
    enum class Read { Answer, Command, Eof };

    bool record(const QList<Submission> &submissions);
    void showQuestion(const QuizSession &session);
    void showFeedback(const QuizSession &session, const Submission &submission);
    void showNavigator(const QuizSession &session);
    void showReport(const QuizSession &session, const ProfileHistory &history);
    /** Reads one line; nullopt at end of input. */
    std::optional<QString> readLine();
    /** Parses an answer typed for the current question; sets `error` when it is not one. */
    std::optional<Answer> parseAnswer(const QuizSession &session, const QString &line, QString *error) const;
    int runGraded(QuizSession &session, const ProfileHistory &history);
    int runMock(QuizSession &session, const ProfileHistory &history);
    bool noteTimeouts(QuizSession &session, const QList<Submission> &submissions);

    const QList<Question> &m_bank;
    ProgressStore &m_store;
    const Clock &m_clock;
    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
    AnswerGrader::PredictTruth m_predictTruth;
    bool m_recordFailed = false;
};

} // namespace kafkalab::quiz
