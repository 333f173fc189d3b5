// The simulation player: time travel over snapshots, the lesson player's single-command step,
// linked questions, and the presenter tools. Off-screen (QT_QPA_PLATFORM=offscreen), as CI runs it.
#include <cstdlib>

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QStyle>
#include <QTest>

#include "app/firstframe.h"
#include "app/ui/homepage.h"
#include "app/ui/lessonspage.h"
#include "app/ui/livepage.h"
#include "app/ui/mainwindow.h"
#include "app/ui/pagewidgets.h"
#include "app/ui/playgroundpage.h"
#include "app/ui/presenteroverlay.h"
#include "app/ui/progresspage.h"
#include "app/ui/quizcontent.h"
#include "app/ui/quizpage.h"
#include "app/ui/settingspage.h"
#include "app/ui/simulationcontroller.h"
#include "app/ui/svgicon.h"
#include "app/ui/theme.h"

using kafkalab::app::afterFirstFrame;
using kafkalab::app::HomePage;
using kafkalab::app::LessonsPage;
using kafkalab::app::LivePage;
using kafkalab::app::MainWindow;
using kafkalab::app::PlaygroundPage;
using kafkalab::app::prerenderedSvgIcons;
using kafkalab::app::PresenterOverlay;
using kafkalab::app::ProgressPage;
using kafkalab::app::QuizContent;
using kafkalab::app::QuizPage;
using kafkalab::app::SettingsPage;
using kafkalab::app::SimulationController;
using kafkalab::app::Theme;
using kafkalab::app::WrappingLabel;

namespace {

/** A playground whose high watermark says how far time has run: one record every 100 ms. */
const QString kTicker = QStringLiteral("cluster brokers=3\n"
                                       "topic create t partitions=1 rf=3\n"
                                       "producer create p acks=all\n"
                                       "load p t rate=10/s\n");

qint64 highWatermark(const SimulationController &c)
{
    for (const auto &p : c.cluster().partitions)
        if (p.name == QStringLiteral("t-0"))
            return p.highWatermark;
    return -1;
}

void runFor(SimulationController &c, double simulatedMs)
{
    c.setSpeed(1.0);
    for (double done = 0; done < simulatedMs; done += 50)
        c.advanceWall(50);
}

} // namespace

class TestPlayer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KafkaLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_player"));
    }

    // First, while nothing in this process has touched the question bank.
    void aReturningLearnersHomeNeedsNoQuestionBank()
    {
        // Home continues the last lesson: the bank (15 ms of parsing) is left for after the
        // first frame (StartupLoads), where it does not slow the window's appearance.
        QSettings().setValue(QStringLiteral("lessons/last"), QStringLiteral("commit-log-replay"));
        {
            MainWindow window;
            auto *home = window.findChild<HomePage *>(QStringLiteral("homePage"));
            QVERIFY(home != nullptr);
            QCOMPARE(home->continueLesson(), QStringLiteral("commit-log-replay"));
            QVERIFY(!QuizContent::bankLoadStarted());
        }
        QSettings().remove(QStringLiteral("lessons/last"));
    }

    void afterFirstFrameRunsOnceTheWindowIsPainted()
    {
        QWidget window;
        window.resize(200, 100);
        int calls = 0;
        bool paintedFirst = false;
        class Painted final : public QWidget
        {
        public:
            using QWidget::QWidget;
            bool painted = false;

        protected:
            void paintEvent(QPaintEvent *) override { painted = true; }
        };
        auto *child = new Painted(&window);
        child->resize(200, 100);
        afterFirstFrame(window, [&] {
            ++calls;
            paintedFirst = child->painted;
        });
        QCoreApplication::processEvents();
        QCOMPARE(calls, 0); // not shown yet
        window.show();
        QTRY_COMPARE(calls, 1);
        QVERIFY(paintedFirst);
        window.hide();
        window.show();
        QTest::qWait(50);
        QCOMPARE(calls, 1); // once
    }

    void seekBackShowsThePastAndForwardReturns()
    {
        SimulationController c;
        QVERIFY(!c.loadPlayground(kTicker, QStringLiteral("ticker.kls")));
        runFor(c, 6000);
        const qint64 endUs = c.timeUs();
        const qint64 endHw = highWatermark(c);
        QVERIFY2(endHw >= 50, qPrintable(QString::number(endHw)));
        QCOMPARE(c.historyEndUs(), endUs);
        QVERIFY(c.historyStartUs() <= 1000000);

        c.seekTo(2000000);
        QCOMPARE(c.timeUs(), 2000000);
        QVERIFY(c.inPast());
        const qint64 pastHw = highWatermark(c);
        QVERIFY2(pastHw > 5 && pastHw < endHw, qPrintable(QStringLiteral("%1 vs %2").arg(pastHw).arg(endHw)));
        QCOMPARE(c.historyEndUs(), endUs); // the slider keeps its range

        // Forward again to the latest time: the same state as before (deterministic replay).
        c.seekTo(endUs);
        QCOMPARE(c.timeUs(), endUs);
        QCOMPARE(highWatermark(c), endHw);
        QVERIFY(!c.inPast());
    }

    void oldHistoryIsThinnedButSeeksExactly()
    {
        // 90 s of history: the last 30 s have a snapshot every second, older time one every
        // 10 s (and after each command). Seeking there restores the bucket's snapshot and
        // replays up to 10 s: the same state as a run that stopped there.
        SimulationController c;
        QVERIFY(!c.loadPlayground(kTicker, QStringLiteral("ticker.kls")));
        runFor(c, 12000);
        QVERIFY(!c.executeLine(QStringLiteral("crash broker 3")));
        runFor(c, 78000);
        QVERIFY(c.historyStartUs() <= 1000000); // nothing older than the count cap was dropped
        SimulationController reference;
        QVERIFY(!reference.loadPlayground(kTicker, QStringLiteral("ticker.kls")));
        runFor(reference, 7000);
        const qint64 hwAt7 = highWatermark(reference);
        c.seekTo(7000000);
        QCOMPARE(c.timeUs(), 7000000);
        QCOMPARE(highWatermark(c), hwAt7);
        QVERIFY(c.cluster().broker(3)->alive); // before the crash
        c.seekTo(15000000);
        QVERIFY(!c.cluster().broker(3)->alive); // after it: the snapshot after the command stayed
        c.seekTo(c.historyEndUs());
        QVERIFY(!c.inPast());
    }

    void timeTravelCrossesConsoleCommands()
    {
        SimulationController c;
        QVERIFY(!c.loadPlayground(kTicker, QStringLiteral("ticker.kls")));
        runFor(c, 2000);
        QVERIFY(!c.executeLine(QStringLiteral("crash broker 3")));
        runFor(c, 2000);
        const auto alive = [&c](int id) { return c.cluster().broker(id)->alive; };
        QVERIFY(!alive(3));
        const qint64 endUs = c.timeUs();

        // Before the command: broker 3 is alive again; after it: down, as it was.
        c.seekTo(1000000);
        QVERIFY(alive(3));
        c.seekTo(endUs - 500000);
        QVERIFY(!alive(3));
        c.seekTo(endUs);
        QVERIFY(!alive(3));
    }

    void continuingFromThePastStartsANewTimeline()
    {
        SimulationController c;
        QVERIFY(!c.loadPlayground(kTicker, QStringLiteral("ticker.kls")));
        runFor(c, 2000);
        QVERIFY(!c.executeLine(QStringLiteral("crash broker 3")));
        runFor(c, 2000);
        c.seekTo(1000000);
        QSignalSpy log(&c, &SimulationController::logLine);
        QVERIFY(!c.executeLine(QStringLiteral("crash broker 2")));
        QVERIFY(!c.inPast());
        QCOMPARE(c.historyEndUs(), c.timeUs()); // the old future is gone
        bool told = false;
        for (const auto &args : log)
            told = told || args.at(0).toString().contains(QStringLiteral("new timeline"));
        QVERIFY(told);
        QVERIFY(c.cluster().broker(3)->alive);
        QVERIFY(!c.cluster().broker(2)->alive);
    }

    void stepBackUndoesOneEvent()
    {
        SimulationController c;
        QVERIFY(!c.loadPlayground(kTicker, QStringLiteral("ticker.kls")));
        runFor(c, 1500);
        const quint64 events = c.eventsProcessed();
        c.stepBack();
        QCOMPARE(c.eventsProcessed(), events - 1);
        c.stepEvent();
        QCOMPARE(c.eventsProcessed(), events);
    }

    void timelineSliderSeeks()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Playground);
        window.playgroundPage()->reset(); // the page loads its playground when first shown
        SimulationController *c = window.currentController();
        QVERIFY(c != nullptr);
        c->pause();
        runFor(*c, 3000);
        // Both the Lessons and the Playground page have a slider: take the one on the page shown.
        QSlider *slider = nullptr;
        for (QSlider *s : window.findChildren<QSlider *>(QStringLiteral("timeline")))
            if (s->isVisibleTo(&window))
                slider = s;
        QVERIFY(slider != nullptr);
        QVERIFY(slider->maximum() >= 3000);
        slider->setValue(1000);
        QCOMPARE(c->timeUs(), 1000000);
        QVERIFY(c->inPast());
    }

    void lessonStepRunsOneCommandAndTravelsBack()
    {
        LessonsPage page;
        QVERIFY(page.openLesson(QStringLiteral("isr-timeline")));
        SimulationController *c = page.controller();
        for (int guard = 0; guard < 100 && !c->lessonWaiting(); ++guard)
            c->advanceWall(1000); // the lesson's opening `advance` plays out first
        QVERIFY(c->lessonWaiting());
        const int before = c->lessonCommandIndex();
        page.stepCommand();
        QVERIFY(c->lessonCommandIndex() > before);
        QVERIFY(c->lessonCommandIndex() < c->lessonCommandCount());
        // Linked questions become links to the Quiz page.
        QVERIFY(page.linkedQuestions().contains(QStringLiteral("q17-isr")));
        auto *links = page.findChild<QLabel *>(QStringLiteral("lessonQuestions"));
        QVERIFY(links->text().contains(QStringLiteral("question:q17-isr")));
        QSignalSpy asked(&page, &LessonsPage::questionRequested);
        Q_EMIT links->linkActivated(QStringLiteral("question:q17-isr"));
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.at(0).at(0).toString(), QStringLiteral("q17-isr"));

        // Run the lesson to its end, then travel back to its start: the lesson position follows.
        for (int guard = 0; guard < 200 && !c->lessonFinished(); ++guard) {
            if (c->lessonWaiting())
                page.continueOrToggle();
            else
                c->advanceWall(1000);
        }
        QVERIFY(c->lessonFinished());
        const int end = c->lessonCommandIndex();
        c->seekTo(c->historyStartUs());
        QVERIFY(c->lessonCommandIndex() < end);
        QVERIFY(!c->lessonFinished());
    }

    void lessonQuestionLinkOpensTheQuizBrowser()
    {
        MainWindow window;
        window.showPage(MainWindow::Page::Lessons);
        QVERIFY(window.lessonsPage()->openLesson(QStringLiteral("isr-timeline")));
        auto *links = window.lessonsPage()->findChild<QLabel *>(QStringLiteral("lessonQuestions"));
        Q_EMIT links->linkActivated(QStringLiteral("question:q17-isr"));
        QCOMPARE(window.currentPage(), MainWindow::Page::Quiz);
        QCOMPARE(window.quizPage()->view(), QuizPage::View::Browser);
    }

    void homeContinuesTheLastLesson()
    {
        MainWindow window;
        auto *home = window.findChild<HomePage *>(QStringLiteral("homePage"));
        QVERIFY(home != nullptr);
        QVERIFY(window.lessonsPage()->openLesson(QStringLiteral("tombstones")));
        home->refresh();
        QCOMPARE(home->continueLesson(), QStringLiteral("tombstones"));
        window.showPage(MainWindow::Page::Home);
        Q_EMIT home->lessonRequested(home->continueLesson());
        QCOMPARE(window.currentPage(), MainWindow::Page::Lessons);
    }

    void prerenderedIconsMatchQtsSvgIcons()
    {
        // Rendered on another thread, the icons are the pixels Qt's SVG engine would draw.
        const QStringList files {QStringLiteral(":/icons/home.svg"), QStringLiteral(":/icons/live.svg")};
        const QList<QIcon> icons = prerenderedSvgIcons(files, {22, 44});
        QCOMPARE(icons.size(), 2);
        for (qsizetype i = 0; i < files.size(); ++i) {
            QVERIFY(!icons.at(i).isNull());
            QCOMPARE(icons.at(i).availableSizes(), (QList<QSize> {QSize(22, 22), QSize(44, 44)}));
            for (const int side : {22, 44}) {
                const QImage ours
                    = icons.at(i).pixmap(QSize(side, side), 1.0).toImage().convertToFormat(QImage::Format_ARGB32);
                const QImage qts = QIcon(files.at(i))
                                       .pixmap(QSize(side, side), 1.0)
                                       .toImage()
                                       .convertToFormat(QImage::Format_ARGB32);
                QCOMPARE(ours.size(), QSize(side, side));
                QCOMPARE(ours, qts);
            }
            // Another size is scaled from the nearest; a disabled one is generated as for any icon.
            QCOMPARE(icons.at(i).pixmap(QSize(30, 30), 1.0).size(), QSize(30, 30));
            QVERIFY(!icons.at(i).pixmap(QSize(22, 22), 1.0, QIcon::Disabled).isNull());
        }
    }

    void oneLessonsTitleIsReadWithoutTheOthers()
    {
        // Home reads just the lesson it continues; the answer is the one the full list gives.
        for (const auto &lesson : LessonsPage::builtInLessons())
            QCOMPARE(LessonsPage::builtInLessonTitle(lesson.id), std::optional<QString>(lesson.title));
        QVERIFY(!LessonsPage::builtInLessonTitle(QStringLiteral("no-such-lesson")).has_value());
        QVERIFY(!LessonsPage::builtInLessonTitle(QStringLiteral("../lessons/commit-log-replay")).has_value());
        QVERIFY(!LessonsPage::builtInLessonTitle(QString()).has_value());
        QCOMPARE(QuizContent::lessonTitle(QStringLiteral("no-such-lesson")), QStringLiteral("no-such-lesson"));
    }

    void pagesAreBuiltWhenFirstUsed()
    {
        MainWindow window;
        // Start-up builds Home only; the others wait until they are shown or asked for.
        QVERIFY(window.findChild<HomePage *>() != nullptr);
        QVERIFY(window.findChild<LessonsPage *>() == nullptr);
        QVERIFY(window.findChild<PlaygroundPage *>() == nullptr);
        QVERIFY(window.findChild<QuizPage *>() == nullptr);
        QVERIFY(window.findChild<ProgressPage *>() == nullptr);
        QVERIFY(window.findChild<LivePage *>() == nullptr);
        QVERIFY(window.findChild<SettingsPage *>() == nullptr);
        window.showPage(MainWindow::Page::Progress);
        ProgressPage *page = window.findChild<ProgressPage *>();
        QVERIFY(page != nullptr);
        QCOMPARE(window.progressPage(), page);
        // Built once: showing it again, or asking for it, gives the same page.
        window.showPage(MainWindow::Page::Home);
        window.showPage(MainWindow::Page::Progress);
        QCOMPARE(window.findChildren<ProgressPage *>().size(), 1);
        // A page used before it is shown (a question link opening the Quiz page) is built then.
        QuizPage *quiz = window.quizPage();
        QVERIFY(quiz != nullptr);
        window.showPage(MainWindow::Page::Quiz);
        QCOMPARE(window.findChild<QuizPage *>(), quiz);
        // A lesson opened while presenting starts with its checks hidden.
        window.setPresenterMode(true);
        QVERIFY(window.lessonsPage()->checksHidden());
        window.setPresenterMode(false);
    }

    void homeStartsWithTheFirstLessonOnceTheBankIsLoaded()
    {
        QSettings().remove(QStringLiteral("lessons/last"));
        QuizContent::preload();
        MainWindow window;
        auto *home = window.findChild<HomePage *>(QStringLiteral("homePage"));
        QVERIFY(home != nullptr);
        QTRY_COMPARE(home->continueLesson(), QuizContent::firstLesson());
        QVERIFY(!home->continueLesson().isEmpty());
        auto *start = home->findChild<QPushButton *>(QStringLiteral("homeContinue"));
        QVERIFY(start->isEnabled());
        QCOMPARE(start->text(), QStringLiteral("Start the first lesson"));
    }

    void lessonListIsALearningPath()
    {
        LessonsPage page;
        auto *list = page.findChild<QListWidget *>(QStringLiteral("lessonList"));
        QVERIFY(list != nullptr);
        QCOMPARE(list->count(), page.lessonCount());
        // Q1's lesson first (where a newcomer starts), then by question number, then the rest.
        QCOMPARE(list->item(0)->data(Qt::UserRole).toString(), QuizContent::firstLesson());
        QVERIFY(list->item(0)->text().startsWith(QStringLiteral("Q1 · ")));
        int previous = 0;
        bool numbered = true;
        static const QRegularExpression numberPrefix(QStringLiteral("^Q(\\d+) · "));
        for (int i = 0; i < list->count(); ++i) {
            const QRegularExpressionMatch m = numberPrefix.match(list->item(i)->text());
            if (!m.hasMatch()) {
                numbered = false; // the worked examples come after every numbered lesson
                continue;
            }
            QVERIFY2(numbered, qPrintable(list->item(i)->text()));
            QVERIFY(m.captured(1).toInt() >= previous);
            previous = m.captured(1).toInt();
        }
        QVERIFY(previous >= 20);
        QVERIFY(!numbered); // seed 003's worked examples are there too
    }

    void keyColoursAreTheSameInEveryRun()
    {
        // Teachers say "the purple records": a key's colour comes from a fixed hash (Kafka's
        // murmur2), not qHash, whose seed changes with every start. These are the colours of
        // three keys on the light and dark palettes.
        QPalette light(Qt::white);
        light.setColor(QPalette::Window, Qt::white);
        light.setColor(QPalette::Base, Qt::white);
        QPalette dark(Qt::black);
        dark.setColor(QPalette::Window, Qt::black);
        dark.setColor(QPalette::Base, Qt::black);
        QStringList colours;
        for (const char *key : {"user-1", "42", "orders-0"})
            colours << Theme::keyColor(QString::fromLatin1(key), light).name()
                    << Theme::keyColor(QString::fromLatin1(key), dark).name();
        QCOMPARE(colours.join(u' '), QStringLiteral("#abcced #35628d #deedab #788d35 #edbaab #8d4935"));
        // Different keys, different colours.
        QVERIFY(Theme::keyColor(QStringLiteral("user-1"), light) != Theme::keyColor(QStringLiteral("user-2"), light));
    }

    void extensionChevronIsDrawnInTheThemesTextColour()
    {
        // The "more" button of a menu bar or tool bar that does not fit: Fusion's is a dark PNG,
        // invisible on the dark themes (and reading it loads every image plugin at start-up).
        for (const auto scheme : {Theme::Scheme::Light, Theme::Scheme::Dark, Theme::Scheme::HighContrast}) {
            Theme::apply(*qApp, scheme, 1.0);
            const QColor text = QApplication::palette().color(QPalette::ButtonText);
            for (const auto which :
                {QStyle::SP_ToolBarHorizontalExtensionButton, QStyle::SP_ToolBarVerticalExtensionButton}) {
                const QImage image = QApplication::style()->standardIcon(which).pixmap(QSize(16, 16)).toImage();
                QVERIFY(!image.isNull());
                int strokes = 0;
                for (int y = 0; y < image.height(); ++y) {
                    for (int x = 0; x < image.width(); ++x) {
                        const QColor c = image.pixelColor(x, y);
                        if (c.alpha() > 200 && std::abs(c.red() - text.red()) < 40
                            && std::abs(c.green() - text.green()) < 40 && std::abs(c.blue() - text.blue()) < 40)
                            ++strokes;
                    }
                }
                QVERIFY2(strokes >= 6, qPrintable(QStringLiteral("%1 pixels in %2").arg(strokes).arg(text.name())));
            }
        }
        Theme::apply(*qApp, Theme::Scheme::System, 1.0);
    }

    void wrappingLabelFollowsTextFontAndWidth()
    {
        WrappingLabel label(QStringLiteral("short"));
        const int oneLine = label.heightForWidth(400);
        QCOMPARE(label.heightForWidth(400), oneLine);
        // Changed text, a narrower width and a larger font each give a new answer.
        label.setText(QString(QStringLiteral("a longer sentence that has to wrap ")).repeated(8));
        const int wrapped = label.heightForWidth(400);
        QVERIFY(wrapped > oneLine);
        QVERIFY(label.heightForWidth(150) > wrapped);
        QFont big = label.font();
        big.setPointSizeF(big.pointSizeF() * 2);
        label.setFont(big);
        QVERIFY(label.heightForWidth(400) > wrapped);
        // The same as QLabel's own answer for the same text, font and width.
        QLabel plain(label.text());
        plain.setWordWrap(true);
        plain.setFont(big);
        QCOMPARE(label.heightForWidth(333), plain.heightForWidth(333));
    }

    void presenterHidesChecksUntilRevealed()
    {
        LessonsPage page;
        page.setPresenterMode(true);
        QVERIFY(page.openLesson(QStringLiteral("isr-timeline")));
        auto *checks = page.findChild<QListWidget *>(QStringLiteral("expectations"));
        auto *reveal = page.findChild<QPushButton *>(QStringLiteral("revealChecks"));
        SimulationController *c = page.controller();
        for (int guard = 0; guard < 200 && checks->count() == 0 && !c->lessonFinished(); ++guard) {
            if (c->lessonWaiting())
                page.continueOrToggle();
            else
                c->advanceWall(1000);
        }
        QVERIFY(checks->count() > 0);
        QVERIFY(page.checksHidden());
        QVERIFY(!checks->isVisibleTo(&page));
        QVERIFY(reveal->isVisibleTo(&page));
        page.revealChecks();
        QVERIFY(checks->isVisibleTo(&page));
        QVERIFY(!reveal->isVisibleTo(&page));
        page.setPresenterMode(false);
        QVERIFY(!page.checksHidden());
    }

    void overlayHighlightsClicksAndBlanks()
    {
        MainWindow window;
        window.resize(1280, 800);
        auto *overlay = window.findChild<PresenterOverlay *>(QStringLiteral("presenterOverlay"));
        QVERIFY(overlay != nullptr);
        QVERIFY(!overlay->isActive());
        window.setPresenterMode(true);
        QVERIFY(overlay->isActive());
        QCOMPARE(overlay->geometry(), window.rect());
        overlay->highlight(QPointF(100, 100));
        QCOMPARE(overlay->activeHighlights(), 1);
        overlay->toggleBlank();
        QVERIFY(overlay->blank());
        overlay->toggleLaser();
        QVERIFY(overlay->laser());
        window.setPresenterMode(false);
        QVERIFY(!overlay->isActive());
        QVERIFY(!overlay->blank());
        QVERIFY(!overlay->laser());
    }
};

QTEST_MAIN(TestPlayer)
#include "test_player.moc"
