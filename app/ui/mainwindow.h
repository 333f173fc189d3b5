#pragma once

#include <QJsonObject>
#include <QIcon>
#include <QMainWindow>

#include <optional>

class QListWidget;
class QStackedWidget;

namespace kafkalab::app {

class HomePage;
class LessonsPage;
class LivePage;
class PlaygroundPage;
class PresenterOverlay;
class ProfileManager;
class ProgressPage;
class QuizPage;
class SettingsPage;
class SimulationController;

/** The application's main window: a page list with icons on the left and the pages on the right. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page { Home, Lessons, Playground, Quiz, Progress, Settings, Live };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    [[nodiscard]] Page currentPage() const;
    /** `home`, `lessons`, … → the page; false for an unknown name. */
    static bool pageFromName(const QString &name, Page &page);

    // Each page is built the first time it is shown or asked for here.
    HomePage *homePage();
    LessonsPage *lessonsPage();
    PlaygroundPage *playgroundPage();
    LivePage *livePage();
    QuizPage *quizPage();
    ProgressPage *progressPage();
    SettingsPage *settingsPage();
    /** The learner profiles and the progress database of this window. */
    [[nodiscard]] ProfileManager *profileManager() const noexcept { return m_profiles; }
    /** The controller of the current page (lessons or playground), or nullptr. */
    [[nodiscard]] SimulationController *currentController() const;

    /** Presenter mode: full screen, large fonts, high contrast. */
    void setPresenterMode(bool on);
    [[nodiscard]] bool presenterMode() const noexcept { return m_presenter; }
    /** Renders `frames` frames of the current page while its simulation runs; {"frames","p50Ms","p99Ms"}. */
    QJsonObject runFrameBenchmark(int frames);
    void showAbout();
    /** The welcome with its three starting points (non-modal). */
    void showWelcome();
    /** Shows the welcome on a profile's first start, and from now on after switching to a new profile. */
    void showWelcomeIfFirstRun();
    /**
     * Opens a scenario file in the lesson player. On error the message (`FILE:LINE:COL: …`) is shown
     * in a non-blocking message box and returned; the app keeps running.
     */
    std::optional<QString> openScenarioFile(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /**
     * During a mock interview, whose answers are drafts until handed in: asks whether to hand it
     * in and quit (true, handed in) or keep answering (false). True when no interview runs.
     */
    bool confirmHandInOnClose();
    /** Adds a page to the list, and to the stack an empty holder for the page, built later. */
    void addPage(Page page, const QString &title, const QString &name, const QIcon &icon);
    /** Builds `page` if it has not been built yet. */
    void buildPage(Page page);
    /** Puts a newly built page into its holder. */
    template<typename PageWidget> PageWidget *installPage(Page page, PageWidget *widget);
    void addShortcuts();
    /** Opens a lesson (from the Quiz, Progress or Home page) and shows the Lessons page. */
    void openLessonPage(const QString &lessonId);
    /** Shows the Quiz page and starts the diagnostic mock interview (from Home, Progress, the welcome). */
    void startDiagnostic();

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    HomePage *m_home = nullptr;
    LessonsPage *m_lessons = nullptr;
    PlaygroundPage *m_playground = nullptr;
    LivePage *m_live = nullptr;
    SettingsPage *m_settings = nullptr;
    ProfileManager *m_profiles = nullptr;
    QuizPage *m_quiz = nullptr;
    ProgressPage *m_progress = nullptr;
    PresenterOverlay *m_overlay = nullptr;
    bool m_presenter = false;
    bool m_welcomeOnFirstRun = false;
};

} // namespace kafkalab::app
