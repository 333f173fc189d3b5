#pragma once

#include <QWidget>

#include <optional>

#include "quiz/answergrader.h"

class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTimer;

namespace kafkalab::app {

class PredictQuestionWidget;
class QuizAnswerWidget;
class QuizRunner;

/**
 * One running quiz session. Practice, Review and Mistakes grade each answer at once and explain
 * it (every option's why, the model answer, key points, pitfall, the lesson); a mock interview
 * keeps drafts, shows the question's and the interview's time left, flags, and a navigator to
 * jump between questions, and submits by itself when time runs out. Recall questions are
 * self-graded Again/Hard/Good/Easy against the key points; predict questions run their scenario
 * beside the question.
 *
 * Keys: Enter (Ctrl+Enter in a notes box) submits or goes on, 1–9 pick options, 1–4 grade a
 * recall, Alt+←/→ move between mock questions, Ctrl+F flags.
 */
class QuizSessionWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuizSessionWidget)

public:
    explicit QuizSessionWidget(QuizRunner *runner, QWidget *parent = nullptr);
    ~QuizSessionWidget() override;

    /** Shows the runner's new session from its current question and starts the timers. */
    void begin();
    /** Enter: submit, show the key points, save and go on, or the next question. */
    void primaryAction();
    /** Grades the recall question on screen (after its key points are shown). */
    void selfGrade(quiz::Rating rating);
    /** Mock interviews: hands in; with `confirm`, asks first when questions are still blank. */
    void handIn(bool confirm);
    /** Practice, Review, Mistakes: moves on without recording anything. */
    void skip();
    /** Ends a practice-style session (its summary follows). */
    void endSession();

    [[nodiscard]] QuizAnswerWidget *answerWidget() const noexcept { return m_answer; }
    [[nodiscard]] PredictQuestionWidget *predictWidget() const noexcept { return m_predict; }
    [[nodiscard]] QString bannerText() const;
    [[nodiscard]] QString feedbackText() const;
    [[nodiscard]] QString questionTimeText() const;
    [[nodiscard]] QString totalTimeText() const;
    /** Index of the question on screen. */
    [[nodiscard]] int shownIndex() const noexcept { return m_shownIndex; }

Q_SIGNALS:
    void lessonRequested(const QString &lessonId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class Stage { Answering, SelfGrading, Feedback };

    void onChanged();
    void onTimedOut(const QList<int> &indices, bool sessionOver);
    void onAnswerChanged();
    void onDigit(int digit);
    void showItem(int index);
    void setStage(Stage stage);
    void updateChrome();
    void updateTimers();
    void updateNavigator();
    void showBanner(const QString &text, bool warning);
    void arrangeBody();
    void showKeyPoints();
    void submitGraded(std::optional<quiz::Rating> rating);
    void saveAndNext();
    bool isMock() const;
    QString feedbackMarkdown(const quiz::Grade *grade, std::optional<qint64> nextDueMs) const;

    QuizRunner *m_runner;
    QTimer *m_ticker = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_meta = nullptr;
    QLabel *m_questionTime = nullptr;
    QLabel *m_totalTime = nullptr;
    QLabel *m_banner = nullptr;
    QSplitter *m_split = nullptr;
    QSplitter *m_body = nullptr;
    QWidget *m_navBox = nullptr;
    QListWidget *m_navigator = nullptr;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_prompt = nullptr;
    QLabel *m_lockedNote = nullptr;
    QuizAnswerWidget *m_answer = nullptr;
    QWidget *m_gradeRow = nullptr;
    QLabel *m_gradeNote = nullptr;
    QList<QPushButton *> m_gradeButtons;
    QLabel *m_feedback = nullptr;
    PredictQuestionWidget *m_predict = nullptr;
    QPushButton *m_prev = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_flag = nullptr;
    QPushButton *m_skip = nullptr;
    QPushButton *m_primary = nullptr;
    QPushButton *m_end = nullptr;
    Stage m_stage = Stage::Answering;
    int m_shownIndex = -1;
    bool m_updatingNavigator = false;
};

} // namespace kafkalab::app
