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

#include "app/ui/clusterview.h"
#include "app/ui/commandconsole.h"
#include "app/ui/lessonspage.h"
#include "app/ui/mainwindow.h"
#include "app/ui/questionbrowserpage.h"
#include "app/ui/playgroundpage.h"
#include "app/ui/simulationcontroller.h"
#include "app/ui/simulationviews.h"

using kafkalab::app::MainWindow;
using kafkalab::app::SimulationController;

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
        QCOMPARE(nav->count(), 6);
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
};

QTEST_MAIN(TestApp)
#include "test_app.moc"
