#pragma once

#include <QList>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace kafkalab::app {

class SimulationController;
class SimulationToolbar;
class SimulationViews;
struct ControllerError;

/** A lesson compiled into the binary (":/content/lessons/ID.kls"). */
struct LessonEntry
{
    QString id;
    QString title;
    QString path;
};

/**
 * The lessons: a list of the built-in lessons and a player that runs one command at a time,
 * shows the narration large, stops at each `pause` until Continue (Space), applies `focus` to the
 * views and shows each `expect` as a tick or a cross. The lesson's linked questions are links to
 * the Quiz page. In presenter mode the checks (the answers to "what do you expect?") stay hidden
 * until the teacher reveals them (R).
 */
class LessonsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LessonsPage)

public:
    explicit LessonsPage(QWidget *parent = nullptr);
    ~LessonsPage() override;

    [[nodiscard]] static const QList<LessonEntry> &builtInLessons();
    /**
     * One built-in lesson's title, reading only its file (Home at start-up needs just the lesson
     * to continue); nothing when there is no such lesson.
     */
    [[nodiscard]] static std::optional<QString> builtInLessonTitle(const QString &id);
    [[nodiscard]] SimulationController *controller() const noexcept { return m_controller; }
    [[nodiscard]] SimulationViews *views() const noexcept { return m_views; }
    [[nodiscard]] int lessonCount() const;

    /** Opens a built-in lesson by id; false if there is none. */
    bool openLesson(const QString &id);
    /** Opens a script (a lesson or any scenario); the error names FILE:LINE:COL. */
    std::optional<ControllerError> openScript(const QString &text, const QString &file, const QString &title);
    /** Space: continue at a pause, otherwise play/pause. */
    void continueOrToggle();
    [[nodiscard]] QString narrationText() const;
    /** Runs the next command that changes the simulation, with the narration before it. */
    void stepCommand();
    void setPresenterMode(bool on);
    /** Shows the checks hidden in presenter mode. */
    void revealChecks();
    [[nodiscard]] bool checksHidden() const;
    /** The linked questions of the open lesson, by id. */
    [[nodiscard]] QStringList linkedQuestions() const { return m_questionIds; }

Q_SIGNALS:
    void questionRequested(const QString &questionId);

private:
    void onNarration(int kind, const QString &text);
    void updateControls();
    void showError(const QString &text);
    void updateQuestionLinks();
    void setListVisible(bool visible);

    SimulationController *m_controller;
    QList<LessonEntry> m_lessons;
    QListWidget *m_list = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_narration = nullptr;
    QLabel *m_progress = nullptr;
    QPushButton *m_continue = nullptr;
    QPushButton *m_restart = nullptr;
    QPushButton *m_stepCommand = nullptr;
    QPushButton *m_reveal = nullptr;
    QToolButton *m_listToggle = nullptr;
    QLabel *m_questions = nullptr;
    QLabel *m_checksLabel = nullptr;
    QListWidget *m_expects = nullptr;
    QStackedWidget *m_playerStack = nullptr;
    SimulationToolbar *m_toolbar = nullptr;
    SimulationViews *m_views = nullptr;
    QString m_currentText;
    QString m_currentFile;
    QString m_currentTitle;
    QStringList m_paragraphs;
    QStringList m_questionIds;
    bool m_presenter = false;
    bool m_checksRevealed = false;
};

} // namespace kafkalab::app
