#include <QAction>
#include <QPushButton>
#include <QTextBrowser>
#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "app/ui/clusterview.h"
#include "app/ui/commandconsole.h"
#include "app/ui/lessonspage.h"
#include "app/ui/mainwindow.h"
#include "app/ui/questionbrowserpage.h"
#include "app/ui/playgroundpage.h"
#include "app/ui/simulationcontroller.h"
#include "app/ui/simulationviews.h"

// Quiz, progress and profiles.
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>

#include "app/ui/predictquestionwidget.h"
#include "app/ui/profilemanager.h"
#include "app/ui/progresspage.h"
#include "app/ui/quizanswerwidget.h"
#include "app/ui/quizchart.h"
#include "app/ui/quizcontent.h"
#include "app/ui/quizpage.h"
#include "app/ui/quizreportwidget.h"
#include "app/ui/quizrunner.h"
#include "app/ui/quizsessionwidget.h"
#include "app/ui/settingspage.h"
#include "app/ui/welcomedialog.h"
#include "quiz/fsrsscheduler.h"
#include "quiz/manualclock.h"
#include "quiz/progressstats.h"
#include "quiz/progressstore.h"
#include "quiz/questionbank.h"
#include "quiz/quizsession.h"

// Producer, transaction, chart views and export (issue 5 §2).
#ifndef foreach
#define foreach(variable, container) for (variable : container)
#define KAFKALAB_TEST_QCP_FOREACH
#endif
#include <qcustomplot.h>
#ifdef KAFKALAB_TEST_QCP_FOREACH
#undef foreach
#undef KAFKALAB_TEST_QCP_FOREACH
#endif
#include <QTabWidget>

#include "app/ui/chartspanel.h"
#include "app/ui/metricshistory.h"
#include "app/ui/producerpipelineview.h"
#include "app/ui/snapshotbuilder.h"
#include "app/ui/transactionview.h"
#include "app/ui/viewexport.h"

using kafkalab::app::MainWindow;
using kafkalab::app::SimulationController;

namespace {

namespace quiz = kafkalab::quiz;
using kafkalab::app::ProfileManager;
using kafkalab::app::QuizContent;
using kafkalab::app::QuizPage;
using kafkalab::app::QuizStartOptions;

/** The first built-in question of a kind. */
QString firstOfType(quiz::QuestionType type)
{
    for (const quiz::Question &q : QuizContent::bank().questions())
        if (q.type == type)
            return q.id;
    return {};
}

/** Puts some answer into the question on screen, through the answer widget as a user would. */
void answerCurrent(kafkalab::app::QuizSessionWidget *session, const kafkalab::app::QuizRunner *runner)
{
    kafkalab::app::QuizAnswerWidget *answer = session->answerWidget();
    switch (runner->session()->current().question.type) {
    case quiz::QuestionType::Single:
    case quiz::QuestionType::Multi:
    case quiz::QuestionType::Predict:
        answer->activatePosition(0);
        break;
    case quiz::QuestionType::Order:
        answer->moveSelected(1);
        break;
    case quiz::QuestionType::Fill:
        answer->findChild<QLineEdit *>(QStringLiteral("fillAnswer"))->setText(QStringLiteral("something"));
        Q_EMIT answer->answerChanged();
        break;
    case quiz::QuestionType::Recall:
        session->primaryAction(); // the key points
        session->selfGrade(quiz::Rating::Good);
        break;
    }
}

/** One graded answer recorded straight into the store, as a session would record it. */
void recordAnswer(quiz::ProgressStore &store, qint64 profileId, const QString &questionId, qint64 timeMs, bool correct,
    qint64 elapsedMs)
{
    static QHash<QString, quiz::FsrsCard> cards;
    const quiz::FsrsScheduler scheduler;
    const QString key = QString::number(profileId) + u'/' + questionId;
    const quiz::FsrsCard before = cards.value(key);
    const quiz::Rating rating = correct ? quiz::Rating::Good : quiz::Rating::Again;
    const quiz::ReviewOutcome outcome = scheduler.review(before, rating, timeMs);
    cards.insert(key, outcome.card);
    quiz::AttemptRecord a;
    a.profileId = profileId;
    a.questionId = questionId;
    a.topic = QuizContent::bank().find(questionId)->topic;
    a.timeMs = timeMs;
    a.mode = quiz::QuizMode::Practice;
    a.answer = QStringLiteral("A");
    a.correct = correct;
    a.rating = rating;
    a.elapsedMs = elapsedMs;
    a.before = outcome.before;
    a.after = outcome.card.memory;
    a.state = outcome.card.state;
    a.step = outcome.card.step;
    if (!before.isNew())
        a.stateBefore = before.state;
    QVERIFY2(store.recordAnswer(a, outcome.card).ok(), "recordAnswer");
}

} // namespace

class TestApp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KafkaLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_app"));
    }

    void navigatesEveryPage()
    {
        MainWindow window;
        window.show();
        const auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(nav != nullptr);
        QCOMPARE(nav->count(), 7);
        for (int i = 0; i < nav->count(); ++i) {
            const auto page = static_cast<MainWindow::Page>(i);
            window.showPage(page);
            QCOMPARE(window.currentPage(), page);
            QVERIFY(!window.grab().isNull());
        }
        MainWindow::Page parsed {};
        QVERIFY(MainWindow::pageFromName(QStringLiteral("playground"), parsed));
        QCOMPARE(parsed, MainWindow::Page::Playground);
        QVERIFY(!MainWindow::pageFromName(QStringLiteral("nowhere"), parsed));
    }

    void quizPageShowsTheBankAndLinksLessons()
    {
        MainWindow window;
        window.show();
        window.showPage(MainWindow::Page::Quiz);
        auto *browser = window.findChild<kafkalab::app::QuestionBrowserPage *>();
        QVERIFY(browser != nullptr);
        QVERIFY(browser->questionCount() >= 100);
        QVERIFY(browser->showQuestion(QStringLiteral("q17-isr")));
        auto *view = window.findChild<QTextBrowser *>(QStringLiteral("questionView"));
        QVERIFY(view->toPlainText().contains(QStringLiteral("q17-isr")));
        QVERIFY(!view->toPlainText().contains(QStringLiteral("Model answer")));
        window.findChild<QPushButton *>(QStringLiteral("revealAnswer"))->click();
        QVERIFY(view->toPlainText().contains(QStringLiteral("Model answer")));
        // From a question, its lesson is one click away.
        window.findChild<QPushButton *>(QStringLiteral("openLesson"))->click();
        QCOMPARE(window.currentPage(), MainWindow::Page::Lessons);
    }

    void pageShortcutsSwitchPages()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), MainWindow::Page::Progress);
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), MainWindow::Page::Lessons);
    }

    void consoleCrashesABroker()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Playground);
        window.show();
        kafkalab::app::PlaygroundPage *page = window.playgroundPage();
        page->ensureStarted();
        SimulationController *controller = page->controller();
        controller->pause();
        QVERIFY(controller->cluster().broker(2) != nullptr);
        QVERIFY(controller->cluster().broker(2)->alive);
        QVERIFY(page->console()->submit(QStringLiteral("crash broker 2")));
        QVERIFY(!controller->cluster().broker(2)->alive);
        QVERIFY(page->console()->history().contains(QStringLiteral("crash broker 2")));
        // The controller notices after broker.session.timeout.ms and moves leadership away.
        controller->setSpeed(1000);
        for (int i = 0; i < 20; ++i)
            controller->advanceWall(16);
        for (const auto &p : controller->cluster().partitions)
            if (!p.internal)
                QVERIFY2(p.leader != 2, qPrintable(p.name));
        QVERIFY(controller->cluster().underReplicated > 0);
    }

    void contextMenuActionChangesBroker()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Playground);
        window.show();
        kafkalab::app::PlaygroundPage *page = window.playgroundPage();
        page->ensureStarted();
        page->controller()->pause();
        kafkalab::app::ClusterView *view = page->views()->clusterView();
        view->resize(900, 400);
        (void)view->grab(); // paints, which lays out the broker boxes
        const int found = view->brokerAt(QPointF(view->width() * 0.5, view->height() * 0.3));
        QVERIFY(found >= 1 && found <= 3);
        QMenu *menu = view->createBrokerMenu(3, view);
        auto *isolate = menu->findChild<QAction *>(QStringLiteral("isolate"));
        auto *heal = menu->findChild<QAction *>(QStringLiteral("heal"));
        QVERIFY(isolate != nullptr && heal != nullptr);
        QVERIFY(isolate->isEnabled());
        QVERIFY(!heal->isEnabled());
        isolate->trigger();
        QVERIFY(page->controller()->cluster().broker(3)->isolated);
        delete menu;
        menu = view->createBrokerMenu(3, view);
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("heal"))->isEnabled());
        menu->findChild<QAction *>(QStringLiteral("heal"))->trigger();
        QVERIFY(!page->controller()->cluster().broker(3)->isolated);
        delete menu;
    }

    void badConsoleLineShowsColumn()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Playground);
        window.show();
        kafkalab::app::PlaygroundPage *page = window.playgroundPage();
        page->ensureStarted();
        page->controller()->pause();
        kafkalab::app::CommandConsole *console = page->console();
        QVERIFY(!console->submit(QStringLiteral("produce p1 orders count=lots")));
        const QString error = console->errorText();
        QVERIFY2(error.contains(QStringLiteral("column 25")), qPrintable(error));
        // The caret sits under the bad value.
        QVERIFY2(error.contains(QString(24, u' ') + u'^'), qPrintable(error));
        QVERIFY(!console->submit(QStringLiteral("crash broker 9")));
        QVERIFY(console->errorText().contains(QStringLiteral("column")));
        // The app keeps going: the next good line runs.
        const quint64 before = page->controller()->eventsProcessed();
        QVERIFY(console->submit(QStringLiteral("advance 2s")));
        QVERIFY(page->controller()->eventsProcessed() > before);
        QVERIFY(console->errorText().isEmpty());
    }

    void stepBackReplaysDeterministically()
    {
        SimulationController controller;
        QVERIFY(!controller.loadPlayground(SimulationController::defaultPlaygroundScript(), QStringLiteral("pg")));
        controller.setSpeed(100);
        for (int i = 0; i < 30; ++i)
            controller.advanceWall(16);
        for (int i = 0; i < 5; ++i)
            controller.stepEvent();
        const quint64 events = controller.eventsProcessed();
        const qint64 hw = controller.cluster().partitions.front().highWatermark;
        const qint64 time = controller.timeUs();
        QVERIFY(controller.canStepBack());
        controller.stepBack();
        QCOMPARE(controller.eventsProcessed(), events - 1);
        controller.stepEvent();
        QCOMPARE(controller.eventsProcessed(), events);
        QCOMPARE(controller.timeUs(), time);
        QCOMPARE(controller.cluster().partitions.front().highWatermark, hw);
    }

    void lessonPlayerStopsAtPauseAndShowsExpectations()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Lessons);
        window.show();
        kafkalab::app::LessonsPage *lessons = window.lessonsPage();
        const QString script = QStringLiteral("title \"A tiny lesson\"\n"
                                              "cluster brokers=3\n"
                                              "topic create orders partitions=1 rf=3\n"
                                              "say \"Three replicas, one leader.\"\n"
                                              "focus orders-0\n"
                                              "pause\n"
                                              "crash broker 1\n"
                                              "advance 15s\n"
                                              "say \"A new leader was elected.\"\n"
                                              "expect leader orders-0 != 1\n"
                                              "expect isr orders-0 == \"1,2,3\"\n");
        QVERIFY(!lessons->openScript(script, QStringLiteral("tiny.kls"), QStringLiteral("tiny")));
        QVERIFY(lessons->narrationText().contains(QStringLiteral("Three replicas")));
        SimulationController *controller = lessons->controller();
        QVERIFY(controller->lessonWaiting());
        QCOMPARE(controller->focusPartition(), QStringLiteral("orders-0"));
        lessons->continueOrToggle();
        // The advance plays out over time; drive it fast.
        controller->setSpeed(1000);
        for (int i = 0; i < 200 && !controller->lessonFinished(); ++i)
            controller->advanceWall(16);
        QVERIFY(controller->lessonFinished());
        QVERIFY(lessons->narrationText().contains(QStringLiteral("new leader")));
        auto *expects = lessons->findChild<QListWidget *>(QStringLiteral("expectations"));
        QCOMPARE(expects->count(), 2);
        QVERIFY(expects->item(0)->text().startsWith(QStringLiteral("✔")));
        QVERIFY(expects->item(1)->text().startsWith(QStringLiteral("✘")));
    }

    void brokenScenarioReportsFileLineColumn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.kls"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("cluster brokers=3\n# a comment\ntopic create orders partitions=six rf=3\n");
        file.close();
        MainWindow window;
        window.show();
        const auto error = window.openScenarioFile(path);
        QVERIFY(error.has_value());
        QVERIFY2(
            QRegularExpression(QRegularExpression::escape(path) + QStringLiteral(":3:\\d+: ")).match(*error).hasMatch(),
            qPrintable(*error));
        QCOMPARE(window.currentPage(), MainWindow::Page::Lessons);
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("scenarioError"));
        QVERIFY(box != nullptr);
        QVERIFY(box->text().contains(QStringLiteral(":3:")));
        box->close();
        // A missing file is reported too, and nothing crashes.
        QVERIFY(window.openScenarioFile(dir.filePath(QStringLiteral("missing.kls"))).has_value());
    }

    void frameBenchmarkReportsJson()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Playground);
        window.show();
        window.playgroundPage()->ensureStarted();
        const QJsonObject result = window.runFrameBenchmark(5);
        QCOMPARE(result.value(QStringLiteral("frames")).toInt(), 5);
        QVERIFY(result.contains(QStringLiteral("p50Ms")));
        QVERIFY(result.value(QStringLiteral("p99Ms")).toDouble() >= result.value(QStringLiteral("p50Ms")).toDouble());
    }

    void lessonsPageHasAnEmptyStateOrAList()
    {
        kafkalab::app::LessonsPage page;
        const int count = page.lessonCount();
        if (count == 0)
            QVERIFY(page.findChild<QWidget *>(QStringLiteral("lessonsEmpty")) != nullptr);
        else
            QCOMPARE(page.findChild<QListWidget *>(QStringLiteral("lessonList"))->count(), count);
    }
    void mockInterviewEndToEndWithManualClock()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("progress.sqlite"));
        ProfileManager profiles(db, QStringLiteral("mock-tester"));
        QVERIFY(profiles.isOpen());
        quiz::ManualClock clock;
        QuizPage page(&profiles);
        page.setClock(clock);
        page.resize(1100, 760);
        page.show();
        QuizStartOptions options;
        options.mode = quiz::QuizMode::Mock;
        options.count = 3;
        options.seed = 7;
        QVERIFY(!page.startSession(options));
        QCOMPARE(page.view(), QuizPage::View::Session);
        kafkalab::app::QuizRunner *runner = page.runner();
        kafkalab::app::QuizSessionWidget *session = page.sessionWidget();
        QCOMPARE(runner->session()->size(), 3);
        // Both clocks are on screen: the question's and the interview's.
        QVERIFY2(session->questionTimeText().contains(QStringLiteral("left")), qPrintable(session->questionTimeText()));
        QVERIFY(session->totalTimeText().contains(QStringLiteral("left")));

        // Question 1: answered in 5 s, saved as a draft; Enter goes on to the next blank question.
        answerCurrent(session, runner);
        clock.advance(5000);
        session->primaryAction();
        QCOMPARE(runner->session()->currentIndex(), 1);
        QCOMPARE(runner->session()->item(0).status(), quiz::ItemStatus::Draft);
        QCOMPARE(profiles.store().attemptCount(profiles.currentId()), 0); // drafts are not answers yet

        // Question 2: flagged, then left until its own time runs out: submitted blank by the clock.
        QVERIFY(runner->toggleFlag());
        const qint64 limit = runner->session()->item(1).limitMs;
        QVERIFY(limit > 0);
        clock.advance(limit + 1000);
        runner->tick();
        QVERIFY(runner->session()->item(1).submitted);
        QVERIFY(runner->session()->item(1).timedOut);
        QVERIFY2(session->bannerText().contains(QStringLiteral("Time ran out for question 2")),
            qPrintable(session->bannerText()));
        QCOMPARE(runner->session()->currentIndex(), 2);
        QCOMPARE(session->shownIndex(), 2);
        // The time-out is recorded at once, in its own transaction.
        QCOMPARE(profiles.store().attemptCount(profiles.currentId()), 1);

        // The navigator jumps back; a locked question cannot change.
        runner->goTo(1);
        QCOMPARE(session->shownIndex(), 1);
        QVERIFY(!runner->saveDraft(quiz::Answer {}));
        runner->goTo(2);
        answerCurrent(session, runner);
        clock.advance(3000);
        session->handIn(false);
        QCOMPARE(page.view(), QuizPage::View::Report);

        // The report: score, time per question, what to study next.
        const quiz::SessionReport report = page.reportWidget()->report();
        QCOMPARE(report.questions, 3);
        QCOMPARE(report.items.size(), 3);
        QCOMPARE(report.items.at(0).timeMs, 5000);
        QCOMPARE(report.items.at(1).timeMs, limit);
        QVERIFY(report.items.at(1).timedOut);
        QVERIFY(report.items.at(1).flagged);
        QVERIFY(!report.items.at(1).answered);
        QCOMPARE(report.items.at(2).timeMs, 3000);
        QVERIFY(!report.weakest.isEmpty()); // the blank one at least
        QVERIFY(page.reportWidget()->scoreText().contains(QStringLiteral("of 3 right")));
        const QString details = page.reportWidget()->detailsText();
        QVERIFY2(details.contains(QStringLiteral("timed out")), qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("Study next")));
        QVERIFY(details.contains(report.items.at(1).questionId));
        // The chart has a bar per question, right ones and wrong ones apart.
        kafkalab::app::QuizChart *chart = page.reportWidget()->timeChart();
        int bars = 0;
        for (int i = 0; i < chart->plottableCount(); ++i)
            if (auto *b = qobject_cast<QCPBars *>(chart->plottable(i)))
                bars += b->dataCount();
        QCOMPARE(bars, 3);

        // Every answer is in the store: three attempts of this mock session, times as charged.
        const QList<quiz::AttemptRecord> attempts = profiles.store().attempts(profiles.currentId());
        QCOMPARE(attempts.size(), 3);
        QHash<QString, quiz::AttemptRecord> byQuestion;
        for (const quiz::AttemptRecord &a : attempts) {
            QCOMPARE(a.mode, quiz::QuizMode::Mock);
            QVERIFY(a.sessionId.has_value());
            byQuestion.insert(a.questionId, a);
        }
        QCOMPARE(byQuestion.value(report.items.at(0).questionId).elapsedMs, 5000);
        QCOMPARE(byQuestion.value(report.items.at(1).questionId).elapsedMs, limit);
        QCOMPARE(byQuestion.value(report.items.at(1).questionId).correct, std::optional<bool>(false));

        // A whole interview that runs out of time is handed in by the clock.
        page.showStart();
        options.count = 2;
        options.totalTimeMs = 60'000;
        QVERIFY(!page.startSession(options));
        answerCurrent(session, runner);
        clock.advance(61'000);
        runner->tick();
        QCOMPARE(page.view(), QuizPage::View::Report);
        QVERIFY(runner->session()->isFinished());
        for (int i = 0; i < 2; ++i)
            QVERIFY(runner->session()->item(i).submitted);
        QCOMPARE(profiles.store().attemptCount(profiles.currentId()), 5);
    }

    void everyQuestionKindIsAnswerableWithTheKeyboard()
    {
        QTemporaryDir dir;
        ProfileManager profiles(dir.filePath(QStringLiteral("progress.sqlite")), QStringLiteral("keys"));
        QuizPage page(&profiles);
        page.resize(1200, 780);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        const auto key = [](Qt::Key k, Qt::KeyboardModifiers mods = Qt::NoModifier) {
            QWidget *target = QApplication::focusWidget();
            QVERIFY(target != nullptr);
            QTest::keyClick(target, k, mods);
        };
        QuizStartOptions options;
        options.mode = quiz::QuizMode::Practice;
        options.seed = 1;
        for (const auto type : {quiz::QuestionType::Single, quiz::QuestionType::Multi, quiz::QuestionType::Order,
                 quiz::QuestionType::Fill, quiz::QuestionType::Recall, quiz::QuestionType::Predict})
            options.questionIds.append(firstOfType(type));
        QVERIFY(!options.questionIds.contains(QString()));
        QVERIFY(!page.startSession(options));
        kafkalab::app::QuizSessionWidget *session = page.sessionWidget();
        const kafkalab::app::QuizRunner *runner = page.runner();

        // Single: 1 picks the first option shown, Enter submits, Enter again goes on.
        key(Qt::Key_1);
        key(Qt::Key_Return);
        QVERIFY2(session->feedbackText().contains(QStringLiteral("Model answer")), qPrintable(session->feedbackText()));
        QVERIFY(runner->session()->item(0).submitted);
        key(Qt::Key_Return);
        QCOMPARE(session->shownIndex(), 1);
        // Multi: 1 and 2 tick two boxes; Space toggles the focused one (not the simulation's play/pause).
        key(Qt::Key_1);
        key(Qt::Key_2);
        QCOMPARE(runner->session()->current().question.type, quiz::QuestionType::Multi);
        QCOMPARE(session->answerWidget()->answer().selected.size(), 2);
        key(Qt::Key_Space);
        QCOMPARE(session->answerWidget()->answer().selected.size(), 1);
        key(Qt::Key_Return);
        QVERIFY(runner->session()->item(1).submitted);
        key(Qt::Key_Return);
        // Order: Alt+Down moves the selected step.
        const QList<int> before = session->answerWidget()->answer().order;
        key(Qt::Key_Down, Qt::AltModifier);
        const QList<int> after = session->answerWidget()->answer().order;
        QCOMPARE(after.size(), before.size());
        QVERIFY(after != before);
        QCOMPARE(after.at(1), before.at(0));
        key(Qt::Key_Return);
        QVERIFY(runner->session()->item(2).submitted);
        key(Qt::Key_Return);
        // Fill: type, Enter.
        const quiz::Question &fill = runner->session()->current().question;
        QTest::keyClicks(QApplication::focusWidget(), fill.acceptedAnswers.value(0));
        key(Qt::Key_Return);
        QVERIFY(runner->session()->item(3).submitted);
        QVERIFY(runner->session()->item(3).grade->correct);
        key(Qt::Key_Return);
        // Recall: notes, Ctrl+Enter shows the key points, 3 grades it Good.
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("ISR and acks"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(session->feedbackText().contains(QStringLiteral("Key points")));
        QVERIFY(!runner->session()->item(4).submitted);
        key(Qt::Key_3);
        QVERIFY(runner->session()->item(4).submitted);
        QCOMPARE(runner->session()->item(4).grade->rating, quiz::Rating::Good);
        key(Qt::Key_Return);
        // Predict: the scenario runs beside the question; after the answer the broker's own value shows.
        kafkalab::app::PredictQuestionWidget *predict = session->predictWidget();
        QVERIFY(predict->isVisible());
        predict->skipToPause();
        QVERIFY(predict->atPause());
        key(Qt::Key_1);
        key(Qt::Key_Return);
        QVERIFY(runner->session()->item(5).submitted);
        QVERIFY(predict->isRevealed());
        const quiz::Question &p = runner->session()->item(5).question;
        QCOMPARE(predict->truth(), QuizContent::predictTruth()(p).value_or(QString()));
        QCOMPARE(runner->session()->item(5).grade->expected, predict->truth());
        key(Qt::Key_Return);
        QCOMPARE(page.view(), QuizPage::View::Report);

        const QList<quiz::AttemptRecord> attempts = profiles.store().attempts(profiles.currentId());
        QCOMPARE(attempts.size(), 6);
        QCOMPARE(attempts.at(4).answer, QStringLiteral("Good: ISR and acks"));
        QCOMPARE(attempts.at(4).rating, std::optional<quiz::Rating>(quiz::Rating::Good));
    }

    void progressPageChartsTheStoredAnswers()
    {
        QTemporaryDir dir;
        ProfileManager profiles(dir.filePath(QStringLiteral("progress.sqlite")), QStringLiteral("charts"));
        const qint64 noon = QDateTime(QDate(2024, 3, 15), QTime(12, 0)).toMSecsSinceEpoch();
        quiz::ManualClock clock(noon);
        kafkalab::app::ProgressPage page(&profiles);
        page.setClock(clock);
        page.refresh();
        // No answers: an intentional empty state, not empty axes.
        QVERIFY(page.isEmptyState());
        QVERIFY(page.findChild<QWidget *>(QStringLiteral("progressEmpty"))->isVisibleTo(&page));

        const QList<quiz::Question> &bank = QuizContent::bank().questions();
        const QString a = bank.at(0).id;
        const QString b = bank.at(1).id;
        const QString c = bank.at(2).id;
        constexpr qint64 day = 86'400'000;
        quiz::ProgressStore &store = profiles.store();
        const qint64 id = profiles.currentId();
        recordAnswer(store, id, a, noon - 2 * day, true, 10'000);
        recordAnswer(store, id, a, noon - day, false, 20'000);
        recordAnswer(store, id, b, noon - day, true, 30'000);
        recordAnswer(store, id, b, noon, true, 40'000);
        recordAnswer(store, id, c, noon, true, 50'000);
        recordAnswer(store, id, c, noon + 60'000, true, 60'000);
        profiles.notifyAttemptsChanged();
        page.refresh();
        QVERIFY(!page.isEmptyState());
        QCOMPARE(page.statistics().totalAttempts, 6);

        // Accuracy per study day: three days, 100 %, 50 %, 100 %.
        auto *accuracy = page.findChild<kafkalab::app::QuizChart *>(QStringLiteral("accuracyChart"));
        QVERIFY(accuracy != nullptr);
        QCPGraph *line = accuracy->graph(0);
        QCOMPARE(line->dataCount(), 3);
        QCOMPARE(line->data()->at(0)->value, 100.0);
        QCOMPARE(line->data()->at(1)->value, 50.0);
        QCOMPARE(line->data()->at(2)->value, 100.0);
        // The line pools the last 7 days: 1/1, 2/3, 5/6.
        QCPGraph *weekly = accuracy->graph(1);
        QCOMPARE(weekly->dataCount(), 3);
        QCOMPARE(weekly->data()->at(1)->value, 200.0 / 3.0);
        QCOMPARE(weekly->data()->at(2)->value, 500.0 / 6.0);
        auto *answersPerDay = qobject_cast<QCPBars *>(accuracy->plottable(0));
        QVERIFY(answersPerDay != nullptr);
        QCOMPARE(answersPerDay->data()->at(1)->value, 2.0);
        QCOMPARE(answersPerDay->data()->at(2)->value, 3.0);

        // Topic mastery: a bar for every topic of the bank.
        auto *mastery = page.findChild<kafkalab::app::QuizChart *>(QStringLiteral("masteryChart"));
        auto *masteryBars = qobject_cast<QCPBars *>(mastery->plottable(0));
        QCOMPARE(masteryBars->dataCount(), int(page.statistics().topics.size()));
        QCOMPARE(masteryBars->dataCount(), int(quiz::knownTopics().size()));

        // The review forecast counts the three cards over 30 days.
        auto *forecast = page.findChild<kafkalab::app::QuizChart *>(QStringLiteral("forecastChart"));
        auto *due = qobject_cast<QCPBars *>(forecast->plottable(0));
        QCOMPARE(due->dataCount(), 30);
        double dueTotal = 0;
        for (int i = 0; i < due->dataCount(); ++i)
            dueTotal += due->data()->at(i)->value;
        QCOMPARE(dueTotal, 3.0);

        // Time per question: the three questions, slowest first (c: median 55 s).
        auto *times = page.findChild<kafkalab::app::QuizChart *>(QStringLiteral("timeChart"));
        auto *timeBars = qobject_cast<QCPBars *>(times->plottable(0));
        QCOMPARE(timeBars->dataCount(), 3);
        QCOMPARE(timeBars->data()->at(0)->value, 55.0);

        // The heat map: today's cell holds today's three answers.
        auto *heat = page.findChild<kafkalab::app::QuizChart *>(QStringLiteral("heatMapChart"));
        auto *map = qobject_cast<QCPColorMap *>(heat->plottable(0));
        QVERIFY(map != nullptr);
        const auto &days = page.statistics().heatMap;
        QCOMPARE(days.back().second, 3);
        const int offset = days.front().first.dayOfWeek() - 1;
        const int cell = offset + int(days.size()) - 1;
        QCOMPARE(map->data()->cell(cell / 7, cell % 7), 3.0);

        // Something to study next, with its lesson a click away.
        QVERIFY(page.recommendationCount() >= 1);
        QSignalSpy lesson(&page, &kafkalab::app::ProgressPage::lessonRequested);
        auto *open = page.findChild<QPushButton *>(QStringLiteral("recommendLesson0"));
        QVERIFY(open != nullptr);
        open->click();
        QCOMPARE(lesson.count(), 1);
        QVERIFY(QuizContent::lessonTitles().contains(lesson.at(0).at(0).toString()));
    }

    void profilesSwitchCreateAndDeleteWithoutLosingAnswers()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("progress.sqlite"));
        const QString appName = QCoreApplication::applicationName();
        ProfileManager profiles(db, ProfileManager::defaultProfileName());
        kafkalab::app::SettingsPage settings(&profiles);
        QSignalSpy changed(&profiles, &ProfileManager::profileChanged);

        // Bad names are refused with a reason; a good one is created from the Settings page.
        QVERIFY(profiles.createProfile(QStringLiteral("  ")).has_value());
        QVERIFY(profiles.createProfile(QStringLiteral("../etc")).has_value());
        settings.findChild<QLineEdit *>(QStringLiteral("newProfileName"))->setText(QStringLiteral("alice"));
        QVERIFY(settings.createFromInput());
        QVERIFY(profiles.profileNames().contains(QStringLiteral("alice")));
        QVERIFY(profiles.createProfile(QStringLiteral("Alice")).has_value()); // taken, whatever the case

        // Switching: the selected profile is used, with its own settings file.
        QVERIFY(settings.switchToSelected());
        QCOMPARE(profiles.currentName(), QStringLiteral("alice"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(QCoreApplication::applicationName(), appName + QStringLiteral("-alice"));
        QVERIFY(profiles.isFirstRun());
        profiles.setWelcomeShown(true);
        QVERIFY(!profiles.isFirstRun());
        const qint64 alice = profiles.currentId();
        recordAnswer(profiles.store(), alice, QuizContent::bank().questions().at(0).id,
            QDateTime::currentMSecsSinceEpoch(), true, 1000);
        QCOMPARE(profiles.store().attemptCount(alice), 1);

        // Back to default: its answers are its own, and the settings file is the plain one again.
        QVERIFY(!profiles.switchTo(ProfileManager::defaultProfileName()));
        QCOMPARE(QCoreApplication::applicationName(), appName);
        QCOMPARE(profiles.store().attemptCount(profiles.currentId()), 0);
        // The CLI sees the same profiles in the same database.
        QVERIFY(profiles.store().findProfile(QStringLiteral("alice")).has_value());

        // The profile in use cannot be deleted; another one can, and its answers are kept in a file.
        QVERIFY(profiles.deleteProfile(ProfileManager::defaultProfileName()).has_value());
        QString backup;
        QVERIFY(!profiles.deleteProfile(QStringLiteral("alice"), &backup));
        QVERIFY(!profiles.profileNames().contains(QStringLiteral("alice")));
        QVERIFY(!profiles.store().findProfile(QStringLiteral("alice")).has_value());
        QFile file(backup);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(backup));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json.value(QStringLiteral("profile")).toString(), QStringLiteral("alice"));
        QCOMPARE(json.value(QStringLiteral("attempts")).toArray().size(), 1);
        // Importing the backup brings the answers back.
        file.seek(0);
        const auto imported = profiles.store().importJson(file.readAll(), QStringLiteral("alice"));
        QVERIFY(imported.ok());
        QCOMPARE(imported->attemptsImported, 1);
    }

    void badDatabasesAreReportedAndNothingIsLost()
    {
        QTemporaryDir dir;
        // Corrupt: moved aside (not deleted), a fresh one started, and the page says where it went.
        const QString corrupt = dir.filePath(QStringLiteral("corrupt.sqlite"));
        {
            QFile f(corrupt);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        {
            ProfileManager profiles(corrupt, QStringLiteral("p"));
            QVERIFY(profiles.isOpen());
            QVERIFY(!profiles.isRefused());
            QVERIFY2(profiles.problem().contains(QStringLiteral("corrupt")), qPrintable(profiles.problem()));
            QuizPage page(&profiles);
            QVERIFY(page.findChild<QLabel *>(QStringLiteral("quizStoreProblem"))->isVisibleTo(&page));
        }
        const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("corrupt.sqlite.corrupt-*")});
        QCOMPARE(aside.size(), 1);

        // Newer than this build: refused untouched; quizzes still run, unrecorded, and say so.
        const QString newer = dir.filePath(QStringLiteral("newer.sqlite"));
        {
            QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            sql.setDatabaseName(newer);
            QVERIFY(sql.open());
            QSqlQuery q(sql);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (x)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
            sql.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        QFile before(newer);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();
        {
            ProfileManager profiles(newer, QStringLiteral("p"));
            QVERIFY(!profiles.isOpen());
            QVERIFY(profiles.isRefused());
            QVERIFY2(profiles.problem().contains(QStringLiteral("newer")), qPrintable(profiles.problem()));
            QuizPage page(&profiles);
            auto *banner = page.findChild<QLabel *>(QStringLiteral("quizStoreProblem"));
            QVERIFY(banner->isVisibleTo(&page));
            QVERIFY(banner->text().contains(QStringLiteral("not being saved")));
            QuizStartOptions options;
            options.questionIds = {firstOfType(quiz::QuestionType::Single)};
            QVERIFY(!page.startSession(options));
            page.sessionWidget()->answerWidget()->activatePosition(0);
            page.sessionWidget()->primaryAction();
            QVERIFY(page.runner()->session()->item(0).submitted);
            kafkalab::app::ProgressPage progress(&profiles);
            QVERIFY(progress.isEmptyState());
        }
        QFile after(newer);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
    }

    void quittingDuringAMockInterviewAsksFirst()
    {
        // A mock interview's answers are drafts until handed in: closing the window asks, and
        // only "Hand in and quit" records them (blanks as wrong) and closes.
        MainWindow window;
        window.show();
        window.showPage(MainWindow::Page::Quiz);
        QuizStartOptions options;
        options.mode = quiz::QuizMode::Mock;
        options.count = 3;
        options.seed = 11;
        QVERIFY(!window.quizPage()->startSession(options));
        kafkalab::app::QuizRunner *runner = window.quizPage()->runner();
        ProfileManager *profiles = window.profileManager();
        const int before = profiles->store().attemptCount(profiles->currentId());
        QString asked;
        const auto answerTheBox = [&asked](const QString &button) {
            asked.clear();
            QTimer::singleShot(0, [&asked, button] {
                // Always answered, so a failing check below never leaves the test waiting on the box.
                if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                    asked = box->objectName() + u'|' + box->text();
                    if (auto *b = box->findChild<QPushButton *>(button))
                        b->click();
                    else
                        box->reject();
                }
            });
        };
        const auto checkAsked = [&asked] {
            QVERIFY2(asked.startsWith(QStringLiteral("handInOnCloseBox|")), qPrintable(asked));
            QVERIFY2(
                asked.contains(QStringLiteral("the 3 questions without an answer count as wrong")), qPrintable(asked));
        };

        window.showPage(MainWindow::Page::Home);
        answerTheBox(QStringLiteral("keepAnswering"));
        QVERIFY(!window.close());
        checkAsked();
        QVERIFY(window.isVisible());
        QVERIFY(runner->isRunning());
        QCOMPARE(window.currentPage(), MainWindow::Page::Quiz); // back to the interview
        QCOMPARE(profiles->store().attemptCount(profiles->currentId()), before);

        answerTheBox(QStringLiteral("handInAndQuit"));
        QVERIFY(window.close());
        checkAsked();
        QVERIFY(!window.isVisible());
        QVERIFY(runner->session()->isFinished());
        QCOMPARE(profiles->store().attemptCount(profiles->currentId()), before + 3);
    }

    void welcomeIsShownOnceAndOnRequest()
    {
        MainWindow window;
        window.show();
        ProfileManager *profiles = window.profileManager();
        profiles->setWelcomeShown(false);
        QVERIFY(profiles->isFirstRun());
        window.showWelcomeIfFirstRun();
        auto *welcome = window.findChild<kafkalab::app::WelcomeDialog *>();
        QVERIFY(welcome != nullptr);
        QVERIFY(!welcome->isModal());
        QVERIFY(!profiles->isFirstRun());
        // The playground button goes there and closes the welcome.
        welcome->findChild<QPushButton *>(QStringLiteral("welcomePlayground"))->click();
        QCOMPARE(window.currentPage(), MainWindow::Page::Playground);
        QTRY_VERIFY(window.findChild<kafkalab::app::WelcomeDialog *>() == nullptr);
        // Not again by itself…
        window.showWelcomeIfFirstRun();
        QVERIFY(window.findChild<kafkalab::app::WelcomeDialog *>() == nullptr);
        // …but from the Help menu.
        auto *action = window.findChild<QAction *>(QStringLiteral("showWelcomeAction"));
        QVERIFY(action != nullptr);
        action->trigger();
        welcome = window.findChild<kafkalab::app::WelcomeDialog *>();
        QVERIFY(welcome != nullptr);
        welcome->findChild<QPushButton *>(QStringLiteral("welcomeDiagnostic"))->click();
        QCOMPARE(window.currentPage(), MainWindow::Page::Quiz);
        QCOMPARE(window.quizPage()->view(), QuizPage::View::Session);
        QCOMPARE(window.quizPage()->runner()->mode(), quiz::QuizMode::Mock);
        window.quizPage()->showStart();

        // Space presses a focused button on the Quiz page (the window's Space is play/pause).
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *practice = window.quizPage()->findChild<QPushButton *>(QStringLiteral("startPractice"));
        practice->setFocus();
        QTest::keyClick(practice, Qt::Key_Space);
        QCOMPARE(window.quizPage()->view(), QuizPage::View::Session);
        QCOMPARE(window.quizPage()->runner()->mode(), quiz::QuizMode::Practice);
        window.quizPage()->showStart();
    }

    // ---- producer pipeline, transactions, charts, export -----------------------------------

    void producerViewShowsBatchesInFlightAndDuplicates()
    {
        SimulationController controller;
        QVERIFY(!controller.loadPlayground(QStringLiteral("cluster brokers=3\n"
                                                          "topic create t partitions=1 rf=3\n"
                                                          "producer create p1 acks=all enable.idempotence=false "
                                                          "linger.ms=50 max.in.flight.requests.per.connection=2\n"
                                                          "drop-acks p1 count=1\n"
                                                          "produce p1 t count=5\n"),
            QStringLiteral("dup.kls")));
        // The records wait in one open batch until linger.ms.
        const kafkalab::app::ProducerInfo *p1 = controller.producers().producer(QStringLiteral("p1"));
        QVERIFY(controller.producers().available);
        QVERIFY(p1 != nullptr);
        QVERIFY(!p1->idempotent);
        QCOMPARE(p1->lingerMs, qint64(50));
        QCOMPARE(p1->batches.size(), 1);
        QCOMPARE(p1->batches[0].stage, kafkalab::app::ProducerBatchInfo::Stage::Filling);
        QCOMPARE(p1->batches[0].records, 5);
        QCOMPARE(p1->batches[0].partition, QStringLiteral("t-0"));
        // After linger.ms it is on the wire to the leader, one request of max.in.flight=2.
        bool sawInFlight = false;
        for (int i = 0; i < 200 && !sawInFlight; ++i) {
            controller.stepEvent();
            p1 = controller.producers().producer(QStringLiteral("p1"));
            if (!p1->connections.isEmpty()) {
                sawInFlight = true;
                QCOMPARE(p1->connections[0].inFlight, 1);
                QCOMPARE(p1->batches[0].stage, kafkalab::app::ProducerBatchInfo::Stage::InFlight);
                QCOMPARE(p1->batches[0].broker, p1->connections[0].broker);
                QVERIFY(!p1->batches[0].appendedBefore);
            }
        }
        QVERIFY(sawInFlight);
        // The ack is lost, the retry is written again: the view counts it as the log's `duplicates` query does.
        QVERIFY(!controller.executeLine(QStringLiteral("advance 5s")));
        p1 = controller.producers().producer(QStringLiteral("p1"));
        QCOMPARE(p1->acked, qint64(5));
        QCOMPARE(p1->retries, qint64(1));
        QCOMPARE(p1->duplicates, qint64(5));
        QVERIFY(p1->batches.isEmpty());
        QVERIFY(!p1->recentAcks.isEmpty());
        QVERIFY(!controller.executeLine(QStringLiteral("expect duplicates t-0 == 5")));

        kafkalab::app::SimulationViews views(&controller);
        views.resize(1200, 700);
        views.showTab(kafkalab::app::SimulationViews::Tab::Producers);
        QVERIFY(!views.producerView()->grab().isNull());
    }

    void idempotentRetriesAreDeduplicated()
    {
        SimulationController controller;
        QVERIFY(!controller.loadPlayground(QStringLiteral("cluster brokers=3\n"
                                                          "topic create t partitions=1 rf=3\n"
                                                          "producer create p1 acks=all\n"
                                                          "drop-acks p1 count=1\n"
                                                          "produce p1 t count=5\n"
                                                          "advance 5s\n"),
            QStringLiteral("idem.kls")));
        const kafkalab::app::ProducerInfo *p1 = controller.producers().producer(QStringLiteral("p1"));
        QVERIFY(p1->idempotent);
        QVERIFY(p1->producerId >= 0);
        QCOMPARE(p1->duplicates, qint64(0));
        QCOMPARE(p1->deduped, qint64(1));
    }

    void transactionViewFollowsCommitAbortAndReaders()
    {
        SimulationController controller;
        QVERIFY(!controller.loadPlayground(QStringLiteral("cluster brokers=3\n"
                                                          "topic create t partitions=1 rf=3\n"
                                                          "producer create tx transactional.id=t1\n"
                                                          "txn init tx\n"
                                                          "advance 1s\n"
                                                          "txn begin tx\n"
                                                          "produce tx t key=k{i} count=3\n"
                                                          "flush tx\n"
                                                          "advance 1s\n"),
            QStringLiteral("txn.kls")));
        controller.pause();
        controller.setFocusPartition(QStringLiteral("t-0"));
        const auto txnOf = [&]() -> const kafkalab::app::TransactionInfo & {
            return controller.transactions().transactions.front();
        };
        QCOMPARE(controller.transactions().transactions.size(), 1);
        QCOMPARE(txnOf().transactionalId, QStringLiteral("t1"));
        QCOMPARE(txnOf().state, QStringLiteral("Ongoing"));
        QCOMPARE(txnOf().partitions, QStringList {QStringLiteral("t-0")});
        QVERIFY(txnOf().openForUs > 0);
        // An open transaction: read_uncommitted sees its records, read_committed stops at the LSO.
        auto reads = kafkalab::app::SnapshotBuilder::isolationReads(controller.partitionLog());
        QVERIFY(reads.valid);
        QCOMPARE(reads.readUncommitted.size(), 3);
        QCOMPARE(reads.readCommitted.size(), 0);
        QCOMPARE(reads.heldBack, 3);

        kafkalab::app::SimulationViews views(&controller);
        views.resize(1200, 700);
        QCOMPARE(views.transactionView()->currentTransactionalId(), QStringLiteral("t1"));
        QVERIFY(!views.transactionView()->grab().isNull());

        QVERIFY(!controller.executeLine(QStringLiteral("txn commit tx")));
        QVERIFY(!controller.executeLine(QStringLiteral("advance 1s")));
        QCOMPARE(txnOf().state, QStringLiteral("CompleteCommit"));
        QCOMPARE(txnOf().markersTotal, 1);
        QCOMPARE(txnOf().markersWritten, 1);
        QStringList path;
        for (const auto &step : txnOf().recentStates)
            path << step.second;
        QVERIFY2(path.join(u',').endsWith(QStringLiteral("Ongoing,PrepareCommit,CompleteCommit")),
            qPrintable(path.join(u',')));
        reads = kafkalab::app::SnapshotBuilder::isolationReads(controller.partitionLog());
        QCOMPARE(reads.readCommitted.size(), 3);
        QCOMPARE(reads.markers, 1);

        // An aborted transaction: still in the log, skipped by read_committed only.
        QVERIFY(!controller.executeLine(QStringLiteral("txn begin tx")));
        QVERIFY(!controller.executeLine(QStringLiteral("produce tx t key=bad{i} count=2")));
        QVERIFY(!controller.executeLine(QStringLiteral("flush tx")));
        QVERIFY(!controller.executeLine(QStringLiteral("advance 1s")));
        QVERIFY(!controller.executeLine(QStringLiteral("txn abort tx")));
        QVERIFY(!controller.executeLine(QStringLiteral("advance 1s")));
        QCOMPARE(txnOf().state, QStringLiteral("CompleteAbort"));
        reads = kafkalab::app::SnapshotBuilder::isolationReads(controller.partitionLog());
        QCOMPARE(reads.readUncommitted.size(), 5);
        QCOMPARE(reads.readCommitted.size(), 3);
        QCOMPARE(reads.abortedSkipped, 2);
        QCOMPARE(reads.markers, 2);

        // A second instance with the same transactional.id fences the first one.
        QVERIFY(!controller.executeLine(QStringLiteral("producer create tx2 transactional.id=t1")));
        QVERIFY(!controller.executeLine(QStringLiteral("txn init tx2")));
        QVERIFY(!controller.executeLine(QStringLiteral("advance 1s")));
        QCOMPARE(txnOf().epoch, 1);
        QCOMPARE(txnOf().clients.size(), 2);
        QVERIFY(txnOf().clients[0].zombie);
        QVERIFY(!txnOf().clients[1].zombie);
        QVERIFY(!controller.executeLine(QStringLiteral("txn begin tx")));
        QVERIFY(!controller.executeLine(QStringLiteral("produce tx t value=late")));
        QVERIFY(!controller.executeLine(QStringLiteral("advance 1s")));
        QVERIFY(txnOf().clients[0].fenced);
        QVERIFY2(txnOf().clients[0].lastError == u"PRODUCER_FENCED"
                || txnOf().clients[0].lastError == u"INVALID_PRODUCER_EPOCH",
            qPrintable(txnOf().clients[0].lastError));
        QVERIFY(!views.transactionView()->grab().isNull());
    }

    void lessonFocusBringsTheProducerTabForward()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Lessons);
        window.show();
        kafkalab::app::LessonsPage *lessons = window.lessonsPage();
        QVERIFY(!lessons->openScript(QStringLiteral("cluster brokers=3\n"
                                                    "topic create t partitions=1 rf=3\n"
                                                    "producer create p1 acks=1\n"
                                                    "focus producer:p1\n"
                                                    "pause\n"
                                                    "producer create tx transactional.id=t1\n"
                                                    "focus producer:tx\n"
                                                    "pause\n"
                                                    "focus t-0\n"),
            QStringLiteral("focus.kls"), QStringLiteral("focus")));
        kafkalab::app::SimulationViews *views = lessons->views();
        if (qEnvironmentVariableIsSet("KAFKALAB_VIEWS_TAB"))
            QSKIP("KAFKALAB_VIEWS_TAB pins the tab");
        // The player ran up to the first pause.
        QCOMPARE(views->currentTab(), kafkalab::app::SimulationViews::Tab::Producers);
        QCOMPARE(views->producerView()->selectedProducer(), QStringLiteral("p1"));
        // The partition focus is unchanged by a producer hint.
        QVERIFY(!lessons->controller()->focusPartition().startsWith(u"producer:"));
        lessons->continueOrToggle();
        QCOMPARE(views->currentTab(), kafkalab::app::SimulationViews::Tab::Transactions);
        lessons->continueOrToggle();
        QCOMPARE(views->currentTab(), kafkalab::app::SimulationViews::Tab::Transactions);
        QCOMPARE(lessons->controller()->focusPartition(), QStringLiteral("t-0"));
    }

    void metricsHistorySamplesAndTruncatesOnStepBack()
    {
        SimulationController controller;
        kafkalab::app::MetricsHistory history(&controller);
        QVERIFY(!controller.loadPlayground(SimulationController::defaultPlaygroundScript(), QStringLiteral("pg")));
        controller.setSpeed(100);
        for (int i = 0; i < 40; ++i)
            controller.advanceWall(16);
        controller.pause();
        QVERIFY(history.sampleCount() > 10);
        QCOMPARE(history.lastTime(), static_cast<double>(controller.timeUs()) / 1e6);
        using Chart = kafkalab::app::MetricsHistory::Chart;
        QCOMPARE(history.series(Chart::Lag).size(), 6);
        QVERIFY(history.available(Chart::Latency));
        const QList<kafkalab::app::MetricsHistory::Series> &throughput = history.series(Chart::Throughput);
        QVERIFY(!throughput.isEmpty());
        QVERIFY2(throughput.front().v.back() > 10, "the playground produces 50 records/s");
        // Back in time: nothing after the new present survives.
        const qint64 before = controller.timeUs();
        for (int i = 0; i < 2000 && controller.timeUs() >= before && controller.canStepBack(); ++i)
            controller.stepBack();
        QVERIFY(controller.timeUs() < before);
        const double now = static_cast<double>(controller.timeUs()) / 1e6;
        QCOMPARE(history.lastTime(), now);
        for (int c = 0; c < kafkalab::app::MetricsHistory::kChartCount; ++c)
            for (const auto &s : history.series(static_cast<Chart>(c)))
                QVERIFY2(s.t.isEmpty() || s.t.back() <= now, qPrintable(s.name));
        // A new scenario starts a new history.
        QVERIFY(!controller.loadPlayground(QStringLiteral("cluster brokers=1\n"), QStringLiteral("one")));
        QVERIFY(history.lastTime() <= 0.0);
        QVERIFY(history.series(Chart::Lag).isEmpty());
    }

    void metricsHistoryMemoryIsBounded()
    {
        SimulationController controller;
        kafkalab::app::MetricsHistory history(&controller);
        QVERIFY(!controller.loadPlayground(QStringLiteral("cluster brokers=1\n"), QStringLiteral("one")));
        controller.setSpeed(10);
        const int samples = kafkalab::app::MetricsHistory::kMaxPoints + 1500;
        for (int i = 0; i < samples; ++i)
            controller.advanceWall(16); // 160 ms of simulated time, one sample each
        controller.pause();
        QVERIFY(history.sampleCount() <= kafkalab::app::MetricsHistory::kMaxPoints);
        QVERIFY(history.sampleCount() > kafkalab::app::MetricsHistory::kMaxPoints / 2);
        // Older history is kept, only coarser.
        QVERIFY(history.firstTime() < 1.0);
        QVERIFY(history.lastTime() > samples * 0.15);
    }

    void chartsHaveDataAfterTheDefaultPlayground()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Playground);
        window.show();
        kafkalab::app::PlaygroundPage *page = window.playgroundPage();
        page->ensureStarted();
        SimulationController *controller = page->controller();
        controller->setSpeed(200);
        for (int i = 0; i < 60; ++i)
            controller->advanceWall(16);
        controller->pause();
        kafkalab::app::ChartsPanel *charts = page->views()->chartsPanel();
        using Chart = kafkalab::app::MetricsHistory::Chart;
        for (int c = 0; c < kafkalab::app::MetricsHistory::kChartCount; ++c)
            charts->setChartShown(static_cast<Chart>(c), true);
        charts->refresh();
        for (int c = 0; c < kafkalab::app::MetricsHistory::kChartCount; ++c) {
            QCustomPlot *plot = charts->chart(static_cast<Chart>(c));
            QVERIFY2(plot->graphCount() > 0, qPrintable(plot->objectName()));
            QVERIFY2(plot->graph(0)->dataCount() > 5, qPrintable(plot->objectName()));
        }
        QCOMPARE(charts->chart(Chart::Lag)->graphCount(), 6);
        QVERIFY(charts->chart(Chart::Lag)->legend->visible());
        // Lines differ by more than colour.
        QVERIFY(
            charts->chart(Chart::Lag)->graph(0)->pen().style() != charts->chart(Chart::Lag)->graph(1)->pen().style());
        QVERIFY(charts->chart(Chart::Lag)->graph(0)->scatterStyle().shape()
            != charts->chart(Chart::Lag)->graph(1)->scatterStyle().shape());
    }

    void exportWritesPngSvgAndPdf()
    {
        SimulationController controller;
        QVERIFY(!controller.loadPlayground(SimulationController::defaultPlaygroundScript(), QStringLiteral("pg")));
        controller.setSpeed(100);
        for (int i = 0; i < 20; ++i)
            controller.advanceWall(16);
        controller.pause();
        kafkalab::app::SimulationViews views(&controller);
        views.resize(1200, 760);
        views.showTab(kafkalab::app::SimulationViews::Tab::Charts);
        views.chartsPanel()->refresh();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QList<QWidget *> widgets {views.clusterView(), views.producerView(), views.transactionView(),
            views.chartsPanel()->chart(kafkalab::app::MetricsHistory::Chart::Lag)};
        int n = 0;
        for (QWidget *widget : widgets) {
            widget->resize(widget->size().expandedTo(QSize(600, 300)));
            for (const QString &suffix : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
                const QString path = dir.filePath(QStringLiteral("view%1.%2").arg(n++).arg(suffix));
                const auto error = kafkalab::app::ViewExport::exportWidget(widget, path);
                QVERIFY2(!error, qPrintable(error.value_or(QString())));
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray bytes = file.readAll();
                QVERIFY2(bytes.size() > 1000, qPrintable(path));
                if (suffix == u"png") {
                    QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
                    QImage image;
                    QVERIFY(image.loadFromData(bytes, "PNG"));
                    QVERIFY(image.width() >= widget->width());
                } else if (suffix == u"svg") {
                    QVERIFY(bytes.contains("<svg"));
                    QVERIFY(bytes.trimmed().endsWith("</svg>"));
                } else {
                    QVERIFY(bytes.startsWith("%PDF-"));
                    QVERIFY(bytes.contains("%%EOF"));
                }
            }
        }
        // Every view has "Export view…" in its context menu.
        QCOMPARE(
            kafkalab::app::ViewExport::formatFor(QStringLiteral("a/B.SVG")), kafkalab::app::ViewExport::Format::Svg);
        QVERIFY(!kafkalab::app::ViewExport::formatFor(QStringLiteral("a.jpg")));
    }

    void exportToAnUnwritablePathSaysWhy()
    {
        kafkalab::app::ClusterView *view = nullptr;
        SimulationController controller;
        QVERIFY(!controller.loadPlayground(SimulationController::defaultPlaygroundScript(), QStringLiteral("pg")));
        controller.pause();
        kafkalab::app::SimulationViews views(&controller);
        view = views.clusterView();
        view->resize(600, 300);
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("no/such/folder/cluster.png"));
        auto error = kafkalab::app::ViewExport::exportWidget(view, missing);
        QVERIFY(error.has_value());
        QVERIFY2(error->contains(QStringLiteral("does not exist")), qPrintable(*error));
        QVERIFY(!QFile::exists(missing));
        // A file where a folder should be.
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        error = kafkalab::app::ViewExport::exportWidget(view, dir.filePath(QStringLiteral("file/cluster.pdf")));
        QVERIFY(error.has_value());
        QVERIFY(error->contains(QStringLiteral("cluster.pdf")));
        // An unknown type is refused before anything is written.
        error = kafkalab::app::ViewExport::exportWidget(view, dir.filePath(QStringLiteral("cluster.bmp")));
        QVERIFY(error.has_value());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("cluster.bmp"))));
    }
};

QTEST_MAIN(TestApp)
#include "test_app.moc"
