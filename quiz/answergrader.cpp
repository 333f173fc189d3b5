#include "answergrader.h"

#include <algorithm>

#include <QSet>

namespace kafkalab::quiz {
namespace {

QString letters(const QList<int> &indices)
{
    QStringList out;
    for (int i : indices)
        out.append(QString(QChar(char16_t(u'A' + std::clamp(i, 0, 25)))));
    return out.join(u',');
}

QString normalized(const QString &text)
{
    return text.simplified().toCaseFolded();
}

} // namespace

QString Answer::describe(const Question &question) const
{
    switch (question.type) {
    case QuestionType::Single:
    case QuestionType::Multi:
    case QuestionType::Predict: {
        QList<int> sorted = selected;
        std::sort(sorted.begin(), sorted.end());
        return letters(sorted);
    }
    case QuestionType::Order:
        return letters(order);
    case QuestionType::Fill:
        return text.trimmed();
    case QuestionType::Recall:
        if (!selfRating)
            return text.trimmed();
        return text.trimmed().isEmpty() ? ratingName(*selfRating)
                                        : ratingName(*selfRating) + QStringLiteral(": ") + text.trimmed();
    }
    return {};
}

bool AnswerGrader::fillMatches(const Question &question, const QString &text)
{
    const QString given = normalized(text);
    if (given.isEmpty())
        return false;
    for (const QString &accepted : question.acceptedAnswers) {
        if (normalized(accepted) == given)
            return true;
    }
    return false;
}

Grade AnswerGrader::grade(const Question &question, const Answer &answer, const PredictTruth &truth)
{
    Grade g;
    QList<int> correct = question.correctOptionIndices();
    const QSet<int> picked(answer.selected.cbegin(), answer.selected.cend());

    if (question.type == QuestionType::Predict && truth) {
        // The broker, not the file, decides (DESIGN §5): the option whose text is the simulator's value.
        if (const auto value = truth(question)) {
            correct.clear();
            for (int i = 0; i < question.options.size(); ++i) {
                if (question.options.at(i).text.trimmed() == value->trimmed())
                    correct.append(i);
            }
            g.expected = *value;
        }
    }
    const QSet<int> right(correct.cbegin(), correct.cend());

    if (questionTypeHasOptions(question.type) && question.type != QuestionType::Order) {
        for (int i = 0; i < question.options.size(); ++i) {
            const QuestionOption &o = question.options.at(i);
            g.options.append({i, o.text, right.contains(i), picked.contains(i), o.why});
        }
    }

    switch (question.type) {
    case QuestionType::Single:
    case QuestionType::Predict:
        g.correct = answer.selected.size() == 1 && right.contains(answer.selected.first());
        if (g.expected.isEmpty() && !correct.isEmpty())
            g.expected = question.options.at(correct.first()).text;
        break;
    case QuestionType::Multi: {
        g.correct = !picked.isEmpty() && picked == right;
        QStringList texts;
        for (int i : correct)
            texts.append(question.options.at(i).text);
        g.expected = texts.join(QStringLiteral("; "));
        break;
    }
    case QuestionType::Order: {
        QList<int> expected(question.options.size());
        for (int i = 0; i < expected.size(); ++i)
            expected[i] = i;
        g.correct = answer.order == expected;
        QStringList steps;
        for (const QuestionOption &o : question.options)
            steps.append(o.text);
        g.expected = steps.join(QStringLiteral(" -> "));
        break;
    }
    case QuestionType::Fill:
        g.correct = fillMatches(question, answer.text);
        g.expected = question.acceptedAnswers.join(QStringLiteral(" / "));
        break;
    case QuestionType::Recall:
        // Hard still counts as recalled, as FSRS treats it.
        g.correct = answer.selfRating && *answer.selfRating != Rating::Again;
        g.expected = question.modelAnswer;
        break;
    }
    g.score = g.correct ? 1.0 : 0.0;
    if (question.type == QuestionType::Recall)
        g.rating = answer.selfRating.value_or(Rating::Again);
    else
        g.rating = g.correct ? Rating::Good : Rating::Again;
    return g;
}

} // namespace kafkalab::quiz
