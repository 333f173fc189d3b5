#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include "quiz/contentproblem.h"
#include "quiz/question.h"

namespace kafkalab::quiz {

/**
 * Checks a valid predict question against the simulator: returns an error message when the
 * simulator's value of `predict_query` is not the option marked `[x]`, nullopt when they agree.
 * The quiz library does not link the broker; the app provides this.
 */
using PredictCheck = std::function<std::optional<QString>(const Question &)>;

/** How a bank validates what it loads. */
struct BankOptions
{
    /**
     * Ids of the lessons that exist (content/lessons/NAME.kls gives NAME). When absent, the lessons
     * next to the questions are used: the built-in ones for the built-in bank, DIR/../lessons for a
     * directory.
     */
    std::optional<QSet<QString>> knownLessons;
    /** Optional simulator check for predict questions. */
    PredictCheck predictCheck;
};

/**
 * All questions of a directory or of the built-in resources: the valid ones, and every problem
 * found in the others. A file with any problem is left out; the rest stays usable (DESIGN §5).
 */
class QuestionBank
{
public:
    /** Where the built-in questions are in the resources. */
    static QString builtInQuestionsPath();
    /** Where the built-in lessons are in the resources. */
    static QString builtInLessonsPath();

    /** Loads the .md files of DIR (README.md excepted), in file name order. */
    static QuestionBank loadDirectory(const QString &dir, const BankOptions &options = {});
    /** Loads the questions compiled into the binary (kafkalab_content). */
    static QuestionBank loadBuiltIn(const BankOptions &options = {});
    /** Base names of the .kls files in a directory. */
    static QSet<QString> lessonIdsIn(const QString &lessonsDir);

    const QList<Question> &questions() const { return m_questions; }
    const QList<ContentProblem> &problems() const { return m_problems; }
    /** The valid question with this id, or nullptr. */
    const Question *find(const QString &id) const;
    /** Number of question files read. */
    int fileCount() const { return m_fileCount; }
    /** Set when the directory itself could not be read. */
    const std::optional<QString> &loadError() const { return m_loadError; }

    /** Builds a bank from questions already in memory (tests, generated content); no validation. */
    static QuestionBank fromQuestions(QList<Question> questions);

private:
    void load(
        const QString &dir, const QString &displayPrefix, const QSet<QString> &lessons, const PredictCheck &check);

    QList<Question> m_questions;
    QHash<QString, qsizetype> m_index;
    QList<ContentProblem> m_problems;
    int m_fileCount = 0;
    std::optional<QString> m_loadError;
};

} // namespace kafkalab::quiz
