#include "quizcontent.h"

#include "app/cli/predictcheck.h"
#include "app/ui/lessonspage.h"
#include "quiz/questionbank.h"

namespace kafkalab::app {

const quiz::QuestionBank &QuizContent::bank()
{
    static const quiz::QuestionBank bank = quiz::QuestionBank::loadBuiltIn();
    return bank;
}

quiz::AnswerGrader::PredictTruth QuizContent::predictTruth()
{
    return [](const quiz::Question &question) -> std::optional<QString> {
        // The scenario is deterministic: one run per question is enough.
        static QHash<QString, std::optional<QString>> cache;
        const auto it = cache.constFind(question.id);
        if (it != cache.constEnd() && !question.id.isEmpty())
            return *it;
        std::optional<QString> value = cli::simulatePredict(question).value;
        if (!question.id.isEmpty())
            cache.insert(question.id, value);
        return value;
    };
}

const QHash<QString, QString> &QuizContent::lessonTitles()
{
    static const QHash<QString, QString> titles = [] {
        QHash<QString, QString> out;
        for (const LessonEntry &lesson : LessonsPage::builtInLessons())
            out.insert(lesson.id, lesson.title);
        return out;
    }();
    return titles;
}

QString QuizContent::lessonTitle(const QString &id)
{
    const QString title = lessonTitles().value(id);
    return title.isEmpty() ? id : title;
}

QString QuizContent::firstLesson()
{
    const quiz::Question *first = nullptr;
    for (const quiz::Question &q : bank().questions()) {
        if (q.number && !q.lesson.isEmpty() && (first == nullptr || *q.number < *first->number))
            first = &q;
    }
    if (first != nullptr)
        return first->lesson;
    const auto &titles = lessonTitles();
    QStringList ids = titles.keys();
    ids.sort();
    return ids.isEmpty() ? QString() : ids.front();
}

QHash<QString, QString> QuizContent::questionTopics()
{
    QHash<QString, QString> topics;
    for (const quiz::Question &q : bank().questions())
        topics.insert(q.id, q.topic);
    return topics;
}

QString QuizContent::typeLabel(const quiz::Question &question)
{
    switch (question.type) {
    case quiz::QuestionType::Single:
        return QObject::tr("single choice");
    case quiz::QuestionType::Multi:
        return QObject::tr("select all that apply");
    case quiz::QuestionType::Recall:
        return QObject::tr("answer in your own words");
    case quiz::QuestionType::Order:
        return QObject::tr("put in order");
    case quiz::QuestionType::Fill:
        return QObject::tr("fill in");
    case quiz::QuestionType::Predict:
        return QObject::tr("predict what the broker does");
    }
    return {};
}

} // namespace kafkalab::app
