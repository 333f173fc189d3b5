#pragma once

#include <QWidget>

#include "quiz/quizsession.h"

class QLabel;
class QPushButton;
class QTextBrowser;

namespace kafkalab::app {

class QuizChart;

/**
 * The end of a session: the score, each question's result and time next to the learner's usual
 * time (a chart and a table), accuracy per topic, and the weakest topics with their lessons one
 * click away and the missed questions to revisit in Mistakes mode.
 */
class QuizReportWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuizReportWidget)

public:
    explicit QuizReportWidget(QWidget *parent = nullptr);
    ~QuizReportWidget() override;

    void setReport(const quiz::SessionReport &report, quiz::QuizMode mode, bool recorded);
    [[nodiscard]] const quiz::SessionReport &report() const noexcept { return m_report; }
    [[nodiscard]] QString scoreText() const;
    [[nodiscard]] QString detailsText() const;
    [[nodiscard]] QuizChart *timeChart() const noexcept { return m_chart; }

Q_SIGNALS:
    void lessonRequested(const QString &lessonId);
    void questionRequested(const QString &questionId);
    void mistakesRequested();
    void newQuizRequested();

private:
    void fillChart();

    quiz::SessionReport m_report;
    QLabel *m_title = nullptr;
    QLabel *m_score = nullptr;
    QuizChart *m_chart = nullptr;
    QTextBrowser *m_details = nullptr;
    QPushButton *m_mistakes = nullptr;
    QPushButton *m_again = nullptr;
};

} // namespace kafkalab::app
