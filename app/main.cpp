#include <cstdio>
#include <optional>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTimer>

#include "app/firstframe.h"
#include "app/startuploads.h"
#include "app/ui/lessonspage.h"
#include "app/ui/mainwindow.h"
#include "app/ui/profilemanager.h"
#include "app/ui/quizpage.h"
#include "app/ui/settingspage.h"
#include "app/ui/theme.h"
#include "quiz/progressstore.h"

namespace {

void printErr(const QString &text)
{
    std::fprintf(stderr, "%s\n", text.toLocal8Bit().constData());
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer startClock; // --bench-startup measures from here to the first frame
    startClock.start();
    kafkalab::app::StartupLoads loads;
    QApplication app(argc, argv);
    // The same names as kafkalab-cli: both find the same settings and progress database.
    QApplication::setApplicationName(QStringLiteral("kafkalab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Kafka Lab"));
    QApplication::setOrganizationName(QStringLiteral("KafkaLab"));
    QApplication::setApplicationVersion(QStringLiteral(KAFKALAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.kafkalab.KafkaLab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Learn Apache Kafka with a live, deterministic mini broker."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption page(QStringLiteral("page"),
        QStringLiteral("Open a page: home, lessons, playground, quiz, progress, settings, live."),
        QStringLiteral("PAGE"));
    const QCommandLineOption lesson(
        QStringLiteral("lesson"), QStringLiteral("Open a built-in lesson."), QStringLiteral("ID"));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
        QStringLiteral("Open a scenario script (.kls) in the lesson player."), QStringLiteral("FILE"));
    const QCommandLineOption presenter(
        QStringLiteral("presenter"), QStringLiteral("Presenter mode: full screen, large fonts, high contrast."));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QStringLiteral("Use a named profile (classroom machines): its answers and its settings, as in "
                       "kafkalab-cli quiz --profile NAME."),
        QStringLiteral("NAME"));
    const QCommandLineOption database(QStringLiteral("db"),
        QStringLiteral("The progress database (default: progress.sqlite in the data directory, shared with "
                       "kafkalab-cli)."),
        QStringLiteral("FILE"));
    const QCommandLineOption quizMode(QStringLiteral("quiz"),
        QStringLiteral("Start a quiz on the Quiz page: practice, mock, review or mistakes."), QStringLiteral("MODE"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save the window as PNG after --after milliseconds, then quit."), QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"), QStringLiteral("Delay before --screenshot (ms)."),
        QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption benchFrames(QStringLiteral("bench-frames"),
        QStringLiteral("Render N frames of the current page while the simulation runs; print timings as JSON."),
        QStringLiteral("N"));
    const QCommandLineOption benchStartup(QStringLiteral("bench-startup"),
        QStringLiteral("Quit as soon as the first frame is painted; print the time to it as JSON."));
    parser.addOptions(
        {page, lesson, scenario, presenter, profile, database, quizMode, screenshot, after, benchFrames, benchStartup});
    parser.process(app); // --help and --version exit here

    loads.startWithApplication();

    if (parser.isSet(profile) && parser.value(profile).trimmed().isEmpty()) {
        printErr(QStringLiteral("kafkalab: --profile needs a name"));
        return 2;
    }
    std::optional<kafkalab::quiz::QuizMode> startQuiz;
    if (parser.isSet(quizMode)) {
        startQuiz = kafkalab::quiz::quizModeFromString(parser.value(quizMode).toLower());
        if (!startQuiz) {
            printErr(QStringLiteral("kafkalab: --quiz: unknown mode '%1' (practice, mock, review, mistakes)")
                         .arg(parser.value(quizMode)));
            return 2;
        }
    }
    // The quiz profile (as kafkalab-cli's --profile) and its settings file, before any setting is read.
    kafkalab::app::ProfileManager::prepareStartup(parser.value(profile), parser.value(database));
    kafkalab::app::SettingsPage::applySaved();
    if (parser.isSet(presenter)) {
        // Before the window exists, so every widget is built with the presenter font.
        kafkalab::app::Theme::apply(app, kafkalab::app::Theme::Scheme::HighContrast, 1.5);
    }

    kafkalab::app::MainWindow window;
    if (parser.isSet(page)) {
        kafkalab::app::MainWindow::Page p {};
        if (kafkalab::app::MainWindow::pageFromName(parser.value(page), p)) {
            window.showPage(p);
        } else {
            printErr(QStringLiteral(
                "kafkalab: unknown page '%1' (home, lessons, playground, quiz, progress, settings, live)")
                         .arg(parser.value(page)));
            return 2;
        }
    }
    if (parser.isSet(lesson)) {
        window.showPage(kafkalab::app::MainWindow::Page::Lessons);
        if (!window.lessonsPage()->openLesson(parser.value(lesson)))
            printErr(QStringLiteral("kafkalab: no built-in lesson '%1'").arg(parser.value(lesson)));
    }
    if (parser.isSet(scenario)) {
        if (const auto error = window.openScenarioFile(parser.value(scenario))) {
            printErr(*error);
        }
    }
    if (startQuiz) {
        window.showPage(kafkalab::app::MainWindow::Page::Quiz);
        if (const auto why = window.quizPage()->startMode(*startQuiz))
            printErr(QStringLiteral("kafkalab: --quiz: ") + *why);
    }
    const bool scripted = parser.isSet(screenshot) || parser.isSet(benchFrames) || parser.isSet(benchStartup)
        || parser.isSet(page) || parser.isSet(lesson) || parser.isSet(scenario) || startQuiz.has_value();
    if (!scripted) {
        // The first start of a profile greets it; runs that open a page or take a screenshot go straight there.
        QTimer::singleShot(0, &window, [&window] { window.showWelcomeIfFirstRun(); });
    }
    if (parser.isSet(screenshot) || parser.isSet(benchFrames)) {
        // Deterministic size for docs and CI, whatever the saved geometry says.
        window.resize(1280, 800);
    }
    if (parser.isSet(presenter))
        window.setPresenterMode(true);
    else
        window.show();
    loads.startAfterFirstFrame(window);

    if (parser.isSet(benchStartup)) {
        kafkalab::app::quitAfterFirstFrame(window, startClock);
        return QApplication::exec();
    }
    if (parser.isSet(benchFrames)) {
        bool ok = false;
        const int frames = parser.value(benchFrames).toInt(&ok);
        if (!ok || frames <= 0) {
            printErr(QStringLiteral("kafkalab: --bench-frames needs a positive number"));
            return 2;
        }
        QTimer::singleShot(0, &window, [&window, frames] {
            const QJsonObject result = window.runFrameBenchmark(frames);
            std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
            QApplication::exit(0);
        });
        return QApplication::exec();
    }
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        QTimer::singleShot(parser.value(after).toInt(), &window, [&window, path] {
            const bool saved = window.grab().save(path, "PNG");
            if (!saved)
                printErr(QStringLiteral("kafkalab: cannot write %1").arg(path));
            QApplication::exit(saved ? 0 : 1);
        });
        return QApplication::exec();
    }
    return QApplication::exec();
}
