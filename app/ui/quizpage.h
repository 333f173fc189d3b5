#pragma once

#include <QWidget>

#include <memory>
#include <optional>

#include "app/ui/quizrunner.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;

namespace kafkalab::quiz {
class Clock;
}

namespace kafkalab::app {

class ProfileManager;
class ProfilePageHeader;
class QuestionBrowserPage;
class QuizReportWidget;
class QuizSessionWidget;

/**
 * The Quiz page: start a session in any mode of the engine (Practice, Mock interview, Review,
 * Mistakes), take it, read its report; and browse the whole bank in a second tab. Every answer
 * is recorded for the current profile as it is given.
 */
class QuizPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuizPage)

public:
    enum class View { Start, Session, Report, Browser };

    explicit QuizPage(ProfileManager *profiles, QWidget *parent = nullptr);
    ~QuizPage() override;

    /** The clock of the next sessions (tests pass a ManualClock). */
    void setClock(const quiz::Clock &clock);
    /** Starts a session and shows it; returns why it could not start (shown on the page too). */
    std::optional<QString> startSession(const QuizStartOptions &options);
    /** The diagnostic: a 10-question mock interview across the topics, timed by the questions' limits. */
    std::optional<QString> startDiagnostic();
    /** Opens the browser tab on a question (a lesson's link); false if the bank has no such id. */
    bool showQuestion(const QString &id);
    /** `practice`, `mock`, `review` or `mistakes` with the start screen's settings. */
    std::optional<QString> startMode(quiz::QuizMode mode);
    /** Back to the start screen (a running session is ended and recorded first). */
    void showStart();

    [[nodiscard]] View view() const;
    [[nodiscard]] QuizRunner *runner() const noexcept { return m_runner; }
    [[nodiscard]] QuizSessionWidget *sessionWidget() const noexcept { return m_session; }
    [[nodiscard]] QuizReportWidget *reportWidget() const noexcept { return m_report; }
    [[nodiscard]] QuestionBrowserPage *browser() const noexcept { return m_browser; }
    /** The start screen's message (why a mode could not start, or the counts). */
    [[nodiscard]] QString startMessage() const;

Q_SIGNALS:
    void lessonRequested(const QString &lessonId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildStart();
    void refreshStart();
    void onFinished();

    ProfileManager *m_profiles;
    QuizRunner *m_runner;
    ProfilePageHeader *m_header = nullptr;
    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_start = nullptr;
    QuizSessionWidget *m_session = nullptr;
    QuizReportWidget *m_report = nullptr;
    QuestionBrowserPage *m_browser = nullptr;
    QLabel *m_message = nullptr;
    QComboBox *m_topic = nullptr;
    QSpinBox *m_count = nullptr;
    QSpinBox *m_minutes = nullptr;
    QLabel *m_reviewCount = nullptr;
    QLabel *m_mistakesCount = nullptr;
    QPushButton *m_reviewButton = nullptr;
    QPushButton *m_mistakesButton = nullptr;
};

} // namespace kafkalab::app
