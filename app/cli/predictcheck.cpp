#include "predictcheck.h"

#include "core/scenario/scenariorunner.h"
#include "quiz/question.h"

namespace kafkalab::cli {

PredictOutcome simulatePredict(const quiz::Question &question)
{
    if (question.scenario.trimmed().isEmpty())
        return {std::nullopt, QStringLiteral("a predict question needs a ## Scenario with a kls block")};
    if (question.predictQuery.trimmed().isEmpty())
        return {std::nullopt, QStringLiteral("a predict question needs predict_query")};
    // The query is asked by an expect line appended to the scenario: its `actual` is the answer.
    const QString script
        = question.scenario + QStringLiteral("\nexpect ") + question.predictQuery + QStringLiteral(" == \"\\u0001\"\n");
    const QByteArray text = script.toUtf8();
    auto parsed = core::scenario::parseScript(std::string_view(text.constData(), std::size_t(text.size())), "scenario");
    // Scenario lines are reported as lines of the question file.
    const int firstLine = question.lines.scenario > 0 ? question.lines.scenario + 1 : 1;
    const auto place = [&](const core::scenario::ScriptError &e) {
        const int scenarioLines = static_cast<int>(question.scenario.count(u'\n')) + 1;
        if (e.line > scenarioLines)
            return QStringLiteral("predict_query '%1': %2")
                .arg(question.predictQuery, QString::fromStdString(e.message));
        return QStringLiteral("scenario line %1, column %2 (file line %3): %4")
            .arg(e.line)
            .arg(e.column)
            .arg(firstLine + e.line)
            .arg(QString::fromStdString(e.message));
    };
    if (const auto *error = std::get_if<core::scenario::ScriptError>(&parsed))
        return {std::nullopt, place(*error)};
    core::scenario::ScenarioRunner runner(std::get<core::scenario::Script>(std::move(parsed)));
    runner.runAll();
    if (runner.error())
        return {std::nullopt, place(*runner.error())};
    if (runner.expectations().empty())
        return {std::nullopt, QStringLiteral("the scenario did not reach its end")};
    return {QString::fromStdString(runner.expectations().back().actual), {}};
}

quiz::QuizCliHooks simulatorHooks()
{
    quiz::QuizCliHooks hooks;
    hooks.predictTruth = [](const quiz::Question &q) -> std::optional<QString> { return simulatePredict(q).value; };
    hooks.predictCheck = [](const quiz::Question &q) -> std::optional<QString> {
        const PredictOutcome outcome = simulatePredict(q);
        if (!outcome.value)
            return outcome.error;
        bool listed = false;
        for (const quiz::QuestionOption &option : q.options)
            listed = listed || option.text == *outcome.value;
        if (!listed)
            return QStringLiteral("the simulator answers '%1', which is none of the options").arg(*outcome.value);
        for (const quiz::QuestionOption &option : q.options)
            if (option.correct && option.text != *outcome.value)
                return QStringLiteral("the option marked [x] is '%1' but the simulator answers '%2'")
                    .arg(option.text, *outcome.value);
        return std::nullopt;
    };
    return hooks;
}

} // namespace kafkalab::cli
