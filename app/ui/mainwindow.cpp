#include "mainwindow.h"

#include <QtGlobal>
#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QAbstractButton>
#include <QKeyEvent>
#include <QKeySequence>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QTimer>

#include "app/ui/homepage.h"
#include "app/ui/lessonspage.h"
#include "app/ui/livepage.h"
#include "app/ui/playgroundpage.h"
#include "app/ui/presenteroverlay.h"
#include "app/ui/profilemanager.h"
#include "app/ui/progresspage.h"
#include "app/ui/quizcontent.h"
#include "app/ui/quizpage.h"
#include "app/ui/quizrunner.h"
#include "app/ui/settingspage.h"
#include "app/ui/welcomedialog.h"
#include "app/ui/simulationcontroller.h"
#include "app/ui/svgicon.h"
#include "app/ui/theme.h"

namespace kafkalab::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Kafka Lab"));
    // The pages, in the navigation's order (Page's values); their icons render on another thread
    // while the window is built (svgicon.h).
    const std::array<std::pair<QString, QString>, 7> pages {{
        {tr("Home"), QStringLiteral("home")},
        {tr("Lessons"), QStringLiteral("lessons")},
        {tr("Playground"), QStringLiteral("playground")},
        {tr("Quiz"), QStringLiteral("quiz")},
        {tr("Progress"), QStringLiteral("progress")},
        {tr("Settings"), QStringLiteral("settings")},
        {tr("Live cluster"), QStringLiteral("live")},
    }};
    QStringList iconFiles;
    for (const auto &[title, name] : pages)
        iconFiles << QStringLiteral(":/icons/") + name + QStringLiteral(".svg");
    // 22 px, and 44 for screens at twice the density.
    const QList<QIcon> icons = prerenderedSvgIcons(iconFiles, {22, 44});
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSpacing(2);
    // Every entry is an icon and a word of the same font: the first one's size serves for all,
    // instead of the delegate measuring each (its SVG icon and text) on every layout pass.
    m_navigation->setUniformItemSizes(true);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget#navigation { padding-top: 8px; }"
                                               "QListWidget#navigation::item { padding: 8px 10px; }"));
    QFont navFont = m_navigation->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.1);
    m_navigation->setFont(navFont);
    m_navigation->setFixedWidth(
        std::max(170, QFontMetrics(navFont).horizontalAdvance(QStringLiteral("Playground")) + 80));
    m_pages = new QStackedWidget(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *presenter = viewMenu->addAction(tr("&Presenter mode"));
    presenter->setShortcut(Qt::Key_F11);
    connect(presenter, &QAction::triggered, this, [this] { setPresenterMode(!m_presenter); });
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *welcome = helpMenu->addAction(tr("Show &welcome"));
    welcome->setObjectName(QStringLiteral("showWelcomeAction"));
    connect(welcome, &QAction::triggered, this, &MainWindow::showWelcome);
    QAction *about = helpMenu->addAction(tr("&About Kafka Lab"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    m_profiles = new ProfileManager(this);
    connect(m_profiles, &ProfileManager::profileChanged, this, [this] {
        // The new profile's own theme and font scale (presenter mode keeps its own).
        if (!m_presenter)
            SettingsPage::applySaved();
        if (m_welcomeOnFirstRun)
            showWelcomeIfFirstRun();
    });

    // Every page is built the first time it is shown or used (buildPage), so start-up pays for
    // Home only. Built into its holder while the window is still hidden, Home is laid out once,
    // when the window is shown at its final size (built straight into the stack, it would be
    // laid out at a placeholder size first: most of start-up's text layout).
    for (std::size_t i = 0; i < pages.size(); ++i)
        addPage(static_cast<Page>(i), pages[i].first, pages[i].second, icons.at(static_cast<qsizetype>(i)));

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        buildPage(static_cast<Page>(row));
        m_pages->setCurrentIndex(row);
    });
    m_navigation->setCurrentRow(0);

    m_overlay = new PresenterOverlay(this);
    addShortcuts();
    // Space is the window's play/pause, except on a focused button, which it presses (one rule
    // here rather than on every page with buttons).
    qApp->installEventFilter(this);

    resize(1280, 800);
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    // "Connect when the app starts" (Live page): that page is built right after the first frame
    // instead of when first shown, so it connects.
    if (LivePage::connectsAtStart())
        QTimer::singleShot(0, this, [this] { livePage(); });

    if (!m_profiles->problem().isEmpty()) {
        // A refused or recovered progress database: said once, without stopping anything.
        statusBar()->showMessage(m_profiles->problem(), 30000);
        auto *box = new QMessageBox(m_profiles->isRefused() ? QMessageBox::Warning : QMessageBox::Information,
            tr("Progress database"), m_profiles->problem(), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("progressStoreMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        QTimer::singleShot(0, box, &QMessageBox::show);
    }
}

void MainWindow::showWelcome()
{
    m_profiles->setWelcomeShown(true);
    auto *dialog
        = new WelcomeDialog(m_profiles->currentName(), QuizContent::lessonTitle(QuizContent::firstLesson()), this);
    connect(dialog, &WelcomeDialog::diagnosticRequested, this, &MainWindow::startDiagnostic);
    connect(dialog, &WelcomeDialog::firstLessonRequested, this, [this] {
        if (lessonsPage()->openLesson(QuizContent::firstLesson()))
            showPage(Page::Lessons);
    });
    connect(dialog, &WelcomeDialog::playgroundRequested, this, [this] { showPage(Page::Playground); });
    dialog->show();
}

void MainWindow::showWelcomeIfFirstRun()
{
    m_welcomeOnFirstRun = true;
    if (m_profiles->isFirstRun())
        showWelcome();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page page, const QString &title, const QString &name, const QIcon &icon)
{
    const int index = static_cast<int>(page);
    auto *item = new QListWidgetItem(icon, title);
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(index + 1));
    m_navigation->insertItem(index, item);
    auto *holder = new QWidget(m_pages);
    holder->setObjectName(name + QStringLiteral("Holder"));
    auto *holderLayout = new QVBoxLayout(holder);
    holderLayout->setContentsMargins(0, 0, 0, 0);
    m_pages->insertWidget(index, holder);
    auto *action = new QAction(title, this);
    action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
    connect(action, &QAction::triggered, this, [this, page] { showPage(page); });
    addAction(action);
}

template<typename PageWidget> PageWidget *MainWindow::installPage(Page page, PageWidget *widget)
{
    m_pages->widget(static_cast<int>(page))->layout()->addWidget(widget);
    return widget;
}

void MainWindow::buildPage(Page page)
{
    switch (page) {
    case Page::Home:
        homePage();
        break;
    case Page::Lessons:
        lessonsPage();
        break;
    case Page::Playground:
        playgroundPage();
        break;
    case Page::Quiz:
        quizPage();
        break;
    case Page::Progress:
        progressPage();
        break;
    case Page::Settings:
        settingsPage();
        break;
    case Page::Live:
        livePage();
        break;
    }
}

HomePage *MainWindow::homePage()
{
    if (m_home != nullptr)
        return m_home;
    m_home = installPage(Page::Home, new HomePage(m_profiles));
    connect(m_home, &HomePage::lessonRequested, this, &MainWindow::openLessonPage);
    connect(m_home, &HomePage::playgroundRequested, this, [this] { showPage(Page::Playground); });
    connect(m_home, &HomePage::reviewRequested, this, [this] {
        showPage(Page::Quiz);
        quizPage()->startMode(quiz::QuizMode::Review);
    });
    connect(m_home, &HomePage::diagnosticRequested, this, &MainWindow::startDiagnostic);
    return m_home;
}

LessonsPage *MainWindow::lessonsPage()
{
    if (m_lessons != nullptr)
        return m_lessons;
    m_lessons = installPage(Page::Lessons, new LessonsPage);
    connect(m_lessons, &LessonsPage::questionRequested, this, [this](const QString &id) {
        if (quizPage()->showQuestion(id))
            showPage(Page::Quiz);
    });
    m_lessons->setPresenterMode(m_presenter);
    return m_lessons;
}

PlaygroundPage *MainWindow::playgroundPage()
{
    if (m_playground == nullptr)
        m_playground = installPage(Page::Playground, new PlaygroundPage);
    return m_playground;
}

QuizPage *MainWindow::quizPage()
{
    if (m_quiz != nullptr)
        return m_quiz;
    m_quiz = installPage(Page::Quiz, new QuizPage(m_profiles));
    connect(m_quiz, &QuizPage::lessonRequested, this, &MainWindow::openLessonPage);
    return m_quiz;
}

SettingsPage *MainWindow::settingsPage()
{
    if (m_settings != nullptr)
        return m_settings;
    m_settings = installPage(Page::Settings, new SettingsPage(m_profiles));
    connect(m_settings, &SettingsPage::presenterRequested, this, &MainWindow::setPresenterMode);
    connect(m_settings, &SettingsPage::welcomeRequested, this, &MainWindow::showWelcome);
    return m_settings;
}

LivePage *MainWindow::livePage()
{
    if (m_live == nullptr)
        m_live = installPage(Page::Live, new LivePage);
    return m_live;
}

void MainWindow::addShortcuts()
{
    const auto shortcut = [this](const QKeySequence &key, auto &&slot) {
        auto *s = new QShortcut(key, this);
        s->setContext(Qt::WindowShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::Key_Space), [this] {
        if (currentPage() == Page::Lessons)
            lessonsPage()->continueOrToggle();
        else if (SimulationController *c = currentController())
            c->togglePlay();
    });
    shortcut(QKeySequence(Qt::Key_Right), [this] {
        if (SimulationController *c = currentController())
            c->stepEvent();
    });
    shortcut(QKeySequence(Qt::Key_Left), [this] {
        if (SimulationController *c = currentController())
            c->stepBack();
    });
    // Time travel: a second of simulated time back or forward along the slider's history.
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Left), [this] {
        if (SimulationController *c = currentController())
            c->seekTo(c->timeUs() - 1000000);
    });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Right), [this] {
        if (SimulationController *c = currentController())
            c->seekTo(c->timeUs() + 1000000);
    });
    // Presentation clickers send Page Down / Page Up: next lesson step (or event), one back.
    shortcut(QKeySequence(Qt::Key_PageDown), [this] {
        if (currentPage() == Page::Lessons)
            lessonsPage()->continueOrToggle();
        else if (SimulationController *c = currentController())
            c->stepEvent();
    });
    shortcut(QKeySequence(Qt::Key_PageUp), [this] {
        if (SimulationController *c = currentController())
            c->stepBack();
    });
    for (const auto key : {Qt::Key_Plus, Qt::Key_Equal})
        shortcut(QKeySequence(key), [this] {
            if (SimulationController *c = currentController())
                c->faster();
        });
    shortcut(QKeySequence(Qt::Key_Minus), [this] {
        if (SimulationController *c = currentController())
            c->slower();
    });
    // Presenter tools (clickers send B or . for "blank screen").
    shortcut(QKeySequence(Qt::Key_L), [this] {
        if (m_presenter)
            m_overlay->toggleLaser();
    });
    for (const auto key : {Qt::Key_B, Qt::Key_Period})
        shortcut(QKeySequence(key), [this] {
            if (m_presenter)
                m_overlay->toggleBlank();
        });
    shortcut(QKeySequence(Qt::Key_R), [this] {
        if (currentPage() == Page::Lessons)
            lessonsPage()->revealChecks();
    });
    shortcut(QKeySequence(Qt::Key_Escape), [this] {
        if (m_presenter)
            setPresenterMode(false);
    });
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space) {
        const auto *button = qobject_cast<QAbstractButton *>(QApplication::focusWidget());
        if (button != nullptr && button->window() == this) {
            event->accept();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::startDiagnostic()
{
    showPage(Page::Quiz);
    quizPage()->startDiagnostic();
}

void MainWindow::openLessonPage(const QString &lessonId)
{
    if (lessonsPage()->openLesson(lessonId))
        showPage(Page::Lessons);
}

ProgressPage *MainWindow::progressPage()
{
    if (m_progress != nullptr)
        return m_progress;
    m_progress = installPage(Page::Progress, new ProgressPage(m_profiles));
    connect(m_progress, &ProgressPage::lessonRequested, this, &MainWindow::openLessonPage);
    connect(m_progress, &ProgressPage::quizRequested, this, [this](quiz::QuizMode mode, const QString &topic) {
        showPage(Page::Quiz);
        QuizStartOptions options;
        options.mode = mode;
        options.topic = topic;
        quizPage()->startSession(options);
    });
    connect(m_progress, &ProgressPage::diagnosticRequested, this, &MainWindow::startDiagnostic);
    return m_progress;
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(static_cast<int>(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

bool MainWindow::pageFromName(const QString &name, Page &page)
{
    static const QStringList names {QStringLiteral("home"), QStringLiteral("lessons"), QStringLiteral("playground"),
        QStringLiteral("quiz"), QStringLiteral("progress"), QStringLiteral("settings"), QStringLiteral("live")};
    const qsizetype index = names.indexOf(name.toLower());
    if (index < 0)
        return false;
    page = static_cast<Page>(index);
    return true;
}

SimulationController *MainWindow::currentController() const
{
    switch (currentPage()) {
    case Page::Lessons:
        return m_lessons != nullptr ? m_lessons->controller() : nullptr;
    case Page::Playground:
        return m_playground != nullptr ? m_playground->controller() : nullptr;
    default:
        return nullptr;
    }
}

void MainWindow::setPresenterMode(bool on)
{
    if (on == m_presenter)
        return;
    m_presenter = on;
    if (on) {
        if (Theme::scheme() != Theme::Scheme::HighContrast || Theme::fontScale() < 1.5)
            Theme::apply(*qApp, Theme::Scheme::HighContrast, 1.5);
        showFullScreen();
    } else {
        SettingsPage::applySaved();
        showNormal();
    }
    m_overlay->setActive(on);
    if (m_lessons != nullptr)
        m_lessons->setPresenterMode(on);
    if (on)
        m_overlay->showHint(tr("Presenter mode · Space / Page Down: continue · Page Up: back · L: laser pointer · "
                               "B: blank screen · R: reveal checks · Esc: leave"));
}

QJsonObject MainWindow::runFrameBenchmark(int frames)
{
    SimulationController *controller = currentController();
    QWidget *page = m_pages->currentWidget();
    if (controller != nullptr && !controller->isPlaying())
        controller->play();
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(std::max(frames, 0)));
    QElapsedTimer clock;
    for (int i = 0; i < frames; ++i) {
        clock.start();
        // One frame: a 16 ms tick of simulated time, new snapshots, and a full repaint of the page.
        if (controller != nullptr)
            controller->advanceWall(16.0);
        page->repaint();
        times.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    }
    std::sort(times.begin(), times.end());
    const auto percentile = [&times](double q) {
        if (times.empty())
            return 0.0;
        const auto index = static_cast<std::size_t>(std::min<double>(
            static_cast<double>(times.size() - 1), std::ceil(q * static_cast<double>(times.size())) - 1));
        return times[index];
    };
    QJsonObject result;
    result[u"frames"] = frames;
    result[u"p50Ms"] = std::round(percentile(0.50) * 1000.0) / 1000.0;
    result[u"p99Ms"] = std::round(percentile(0.99) * 1000.0) / 1000.0;
    // The whole process's high-water mark: the playground, its snapshots and Qt together.
#ifdef Q_OS_UNIX
    rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) == 0)
        result[u"peakRssBytes"] = static_cast<double>(usage.ru_maxrss) * 1024.0;
#endif
    return result;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Kafka Lab"),
        tr("<h3>Kafka Lab %1</h3>"
           "<p>Learn Apache Kafka with a live, deterministic mini broker, visualizers and quizzes.</p>"
           "<p>Copyright © the Kafka Lab contributors. Licensed under the "
           "<b>GNU General Public License, version 3 or later</b> (GPL-3.0-or-later).</p>"
           "<p>Uses <b>Qt %2</b> (LGPL-3.0) and <b>QCustomPlot</b> by Emanuel Eichhammer (GPL-3.0).</p>"
           "<p>Apache Kafka is a trademark of the Apache Software Foundation; Kafka Lab is not affiliated "
           "with it.</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

std::optional<QString> MainWindow::openScenarioFile(const QString &path)
{
    QFile file(path);
    std::optional<QString> error;
    showPage(Page::Lessons);
    if (!file.open(QIODevice::ReadOnly)) {
        error = path + QStringLiteral(":0:0: cannot open: ") + file.errorString();
    } else if (auto e
        = lessonsPage()->openScript(QString::fromUtf8(file.readAll()), path, QFileInfo(path).fileName())) {
        error = e->toString();
    }
    if (error) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Scenario error"),
            tr("The scenario could not be opened:\n\n%1").arg(*error), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("scenarioError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    return error;
}

bool MainWindow::confirmHandInOnClose()
{
    const QuizRunner *runner = m_quiz != nullptr ? m_quiz->runner() : nullptr;
    // Only a mock interview keeps answers as drafts; every other mode has recorded each answer.
    if (runner == nullptr || !runner->isRunning() || runner->mode() != quiz::QuizMode::Mock)
        return true;
    const int open = runner->session()->blankCount();
    const QString blanks = open == 1
        ? tr("the question without an answer counts as wrong and comes back in your reviews.")
        : tr("the %1 questions without an answer count as wrong and come back in your reviews.").arg(open);
    QMessageBox box(QMessageBox::Question, tr("Hand in the mock interview?"),
        open == 0 ? tr("A mock interview is running. Quitting hands it in as it stands.")
                  : tr("A mock interview is running. Quitting hands it in as it stands: %1").arg(blanks),
        QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("handInOnCloseBox"));
    QPushButton *handIn = box.addButton(tr("Hand in and quit"), QMessageBox::AcceptRole);
    handIn->setObjectName(QStringLiteral("handInAndQuit"));
    QPushButton *keep = box.addButton(tr("Keep answering"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepAnswering"));
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    if (box.clickedButton() != handIn)
        return false;
    // Handed in here, so the answers are recorded before the window goes.
    m_quiz->runner()->finish();
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmHandInOnClose()) {
        event->ignore();
        showPage(Page::Quiz);
        return;
    }
    if (!m_presenter) {
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    }
    QMainWindow::closeEvent(event);
}

} // namespace kafkalab::app
