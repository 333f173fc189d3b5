#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

namespace kafkalab::quiz {

/** The kinds of question in docs/content-format.md. */
enum class QuestionType {
    Single, ///< one correct option
    Multi, ///< one or more correct options
    Recall, ///< free recall, self-graded against the key points
    Order, ///< options written in the correct order; shown shuffled
    Fill, ///< a typed answer matched against accepted answers
    Predict, ///< predict what the simulated broker does; the truth comes from the simulator
};

/** "single", "multi", … as written in the front matter. */
QString questionTypeName(QuestionType type);
std::optional<QuestionType> questionTypeFromString(const QString &text);
/** Whether the type has a `## Options` section. */
bool questionTypeHasOptions(QuestionType type);
/** Default per-question time limit in mock interviews, seconds, when the file gives none. */
int defaultTimeLimitSeconds(QuestionType type);

/** One topic of the fixed list in docs/content-format.md. */
struct TopicInfo
{
    QString id;
    QString covers;
};
/** The fixed topic list, in the documented order. */
const QList<TopicInfo> &knownTopics();
/** Whether `id` is one of knownTopics(). */
bool isKnownTopic(const QString &id);
/** What the topic covers ("" for an unknown topic). */
QString topicDescription(const QString &id);

/** One `- [x]` / `- [ ]` option with its `>` explanation. */
struct QuestionOption
{
    QString text;
    bool correct = false;
    /** The `>` why line(s), joined by spaces. */
    QString why;
    /** 1-based line of the option in its file. */
    int line = 0;
};

/** Lines of the parts of a question file that later checks point at (1-based, 0 = absent). */
struct QuestionLines
{
    int id = 1;
    int lesson = 0;
    int scenario = 0;
    int options = 0;
    int predictQuery = 0;
};

/**
 * A parsed question (docs/content-format.md). Text fields hold the section's Markdown as
 * written, trimmed.
 */
struct Question
{
    QString id;
    std::optional<int> number;
    QString source;
    QString topic;
    int difficulty = 1;
    QuestionType type = QuestionType::Single;
    QStringList tags;
    QString lesson;
    std::optional<int> timeLimitSeconds;
    QString kafkaVersion;
    QString versionNote;
    QString predictQuery;

    QString prompt;
    /** The kls script of a predict question (the fenced block's content). */
    QString scenario;
    QList<QuestionOption> options;
    QStringList acceptedAnswers;
    QString modelAnswer;
    QStringList keyPoints;
    QString pitfall;
    QStringList followUps;

    /** The file as reported in problems. */
    QString file;
    QuestionLines lines;

    /** Indices of the options marked `[x]`. */
    QList<int> correctOptionIndices() const;
    /** time_limit_s, or the default for the type. */
    int effectiveTimeLimitSeconds() const;
};

} // namespace kafkalab::quiz
