#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

#include "quiz/answergrader.h"

namespace kafkalab::quiz {
class QuestionBank;
struct Question;
} // namespace kafkalab::quiz

namespace kafkalab::app {

/**
 * What the quiz pages share: the built-in question bank (loaded once; the resources never
 * change), the simulator as the judge of predict questions, and the lessons by id.
 */
class QuizContent final
{
public:
    QuizContent() = delete;

    /**
     * Starts loading the built-in bank on another thread, below the calling thread's priority,
     * unless it is loading or loaded: the app calls this once its window is on screen (or Home
     * does, earlier, when it needs the first lesson), so the pages that need the bank (the Quiz
     * page, a lesson's questions) do not wait for it.
     */
    static void preload();
    /** Whether anything has started loading the built-in bank yet. */
    [[nodiscard]] static bool bankLoadStarted();
    /**
     * Calls `ready` (in `context`'s thread, unless `context` is gone) once the built-in bank is
     * loaded: now if it is, else as soon as the loader finishes.
     */
    static void whenBankReady(QObject *context, std::function<void()> ready);
    /** The built-in bank: its valid questions, and the problems of the files left out. */
    [[nodiscard]] static const quiz::QuestionBank &bank();
    /** The simulator's answer to a predict question's query (DESIGN §5), cached per question. */
    [[nodiscard]] static quiz::AnswerGrader::PredictTruth predictTruth();
    /** The title of each built-in lesson by id. */
    [[nodiscard]] static const QHash<QString, QString> &lessonTitles();
    /** A lesson's title, or its id when it has none. */
    [[nodiscard]] static QString lessonTitle(const QString &id);
    /**
     * For each lesson that shows questions of the 25-question Q&A (seed 000), the lowest of their
     * numbers: the lessons' order as a learning path.
     */
    [[nodiscard]] static const QHash<QString, int> &lessonQuestionNumbers();
    /** Where a newcomer starts: the lesson of the lowest-numbered question of the Q&A. */
    [[nodiscard]] static QString firstLesson();
    /** The topic of every question by id (for statistics). */
    [[nodiscard]] static QHash<QString, QString> questionTopics();
    /** "single choice", "select all that apply", … */
    [[nodiscard]] static QString typeLabel(const quiz::Question &question);
};

} // namespace kafkalab::app
