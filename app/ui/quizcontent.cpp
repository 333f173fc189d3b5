#include "quizcontent.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>

#include <QCoreApplication>
#include <QThread>
#include <QTimer>
#include <QtGlobal>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "app/cli/predictcheck.h"
#include "app/ui/lessonspage.h"
#include "quiz/questionbank.h"

namespace kafkalab::app {

namespace {

// Below the main thread, which builds the window meanwhile. Not Qt's IdlePriority: a machine
// kept busy by other programs could starve an idle thread while the main thread waits for it.
void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    // Qt's priorities other than idle do nothing under Linux's default scheduler; the nice value
    // does, and it belongs to the thread.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

// Parsing the 144 built-in question files takes about 15 ms: more than the rest of Home's
// start-up. Loaded once, on a thread of its own, when first wanted (QuizContent::preload).
std::atomic<bool> g_bankLoadStarted {false};

const std::shared_future<quiz::QuestionBank> &bankLoading()
{
    static const std::shared_future<quiz::QuestionBank> loading = [] {
        g_bankLoadStarted = true;
        // The application's end waits for the loader: a process that exits under it destroys
        // statics it uses (yaml-cpp's among them).
        if (QCoreApplication::instance() != nullptr)
            qAddPostRoutine([] { bankLoading().wait(); });
        return std::async(std::launch::async, [] {
            lowerThisThreadsPriority();
            return quiz::QuestionBank::loadBuiltIn();
        }).share();
    }();
    return loading;
}

} // namespace

void QuizContent::preload()
{
    (void)bankLoading();
}

bool QuizContent::bankLoadStarted()
{
    return g_bankLoadStarted;
}

void QuizContent::whenBankReady(QObject *context, std::function<void()> ready)
{
    if (bankLoading().wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        ready();
        return;
    }
    // The loader thread has no event loop to post from; a short timer looks again (loading
    // takes about 15 ms, so this runs a few times at most).
    QTimer::singleShot(
        4, context, [context, ready = std::move(ready)]() mutable { whenBankReady(context, std::move(ready)); });
}

const quiz::QuestionBank &QuizContent::bank()
{
    return bankLoading().get();
}

quiz::AnswerGrader::PredictTruth QuizContent::predictTruth()
{
    return [](const quiz::Question &question) -> std::optional<QString> {
        // The scenario is deterministic: one run per question is enough.
        static QHash<QString, std::optional<QString>> cache;
        const auto it = cache.constFind(question.id);
        if (it != cache.constEnd() && !question.id.isEmpty())
            return *it;
        std::optional<QString> value = cli::simulatePredict(question).value;
        if (!question.id.isEmpty())
            cache.insert(question.id, value);
        return value;
    };
}

const QHash<QString, QString> &QuizContent::lessonTitles()
{
    static const QHash<QString, QString> titles = [] {
        QHash<QString, QString> out;
        for (const LessonEntry &lesson : LessonsPage::builtInLessons())
            out.insert(lesson.id, lesson.title);
        return out;
    }();
    return titles;
}

QString QuizContent::lessonTitle(const QString &id)
{
    const QString title = lessonTitles().value(id);
    return title.isEmpty() ? id : title;
}

const QHash<QString, int> &QuizContent::lessonQuestionNumbers()
{
    static const QHash<QString, int> numbers = [] {
        QHash<QString, int> out;
        for (const quiz::Question &q : bank().questions()) {
            if (!q.number || q.lesson.isEmpty())
                continue;
            const auto it = out.constFind(q.lesson);
            if (it == out.constEnd() || *q.number < *it)
                out.insert(q.lesson, *q.number);
        }
        return out;
    }();
    return numbers;
}

QString QuizContent::firstLesson()
{
    const QHash<QString, int> &numbers = lessonQuestionNumbers();
    if (!numbers.isEmpty()) {
        const auto first = std::min_element(numbers.cbegin(), numbers.cend());
        return first.key();
    }
    const auto &titles = lessonTitles();
    QStringList ids = titles.keys();
    ids.sort();
    return ids.isEmpty() ? QString() : ids.front();
}

QHash<QString, QString> QuizContent::questionTopics()
{
    QHash<QString, QString> topics;
    for (const quiz::Question &q : bank().questions())
        topics.insert(q.id, q.topic);
    return topics;
}

QString QuizContent::typeLabel(const quiz::Question &question)
{
    switch (question.type) {
    case quiz::QuestionType::Single:
        return QObject::tr("single choice");
    case quiz::QuestionType::Multi:
        return QObject::tr("select all that apply");
    case quiz::QuestionType::Recall:
        return QObject::tr("answer in your own words");
    case quiz::QuestionType::Order:
        return QObject::tr("put in order");
    case quiz::QuestionType::Fill:
        return QObject::tr("fill in");
    case quiz::QuestionType::Predict:
        return QObject::tr("predict what the broker does");
    }
    return {};
}

} // namespace kafkalab::app
