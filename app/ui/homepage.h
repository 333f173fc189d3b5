#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace kafkalab::app {

class ProfileManager;

/**
 * The first page: what Kafka Lab is, then the learner's own state at a glance — reviews due
 * today, the study streak, and the lesson to continue — each with the button that acts on it.
 * Refreshed whenever it is shown or answers are recorded.
 */
class HomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HomePage)

public:
    explicit HomePage(ProfileManager *profiles, QWidget *parent = nullptr);
    ~HomePage() override;

    /** Reads the progress database and the last lesson again. */
    void refresh();
    [[nodiscard]] int dueToday() const noexcept { return m_due; }
    [[nodiscard]] int streak() const noexcept { return m_streak; }
    /** The lesson "Continue" opens: the last one opened, or the first lesson. */
    [[nodiscard]] QString continueLesson() const { return m_continueLesson; }

    /** Remembers the lesson the learner opened last (per profile, in its settings). */
    static void rememberLesson(const QString &id);

Q_SIGNALS:
    void lessonRequested(const QString &lessonId);
    void reviewRequested();
    void diagnosticRequested();
    void playgroundRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showContinueLesson(const QString &lessonId, const QString &title);

    ProfileManager *m_profiles;
    QLabel *m_dueValue = nullptr;
    QLabel *m_dueText = nullptr;
    QPushButton *m_review = nullptr;
    QLabel *m_streakValue = nullptr;
    QLabel *m_streakText = nullptr;
    QLabel *m_lessonValue = nullptr;
    QPushButton *m_continue = nullptr;
    int m_due = 0;
    int m_streak = 0;
    QString m_continueLesson;
    bool m_shownBefore = false;
};

} // namespace kafkalab::app
