#include "quizbench.h"

#include <algorithm>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include "quiz/clock.h"
#include "quiz/fsrsscheduler.h"
#include "quiz/progressstats.h"
#include "quiz/progressstore.h"
#include "quiz/questionselector.h"

namespace kafkalab::quiz {
namespace {

constexpr qint64 kDayMs = 86'400'000;

QJsonObject summarize(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) {
        return ms.isEmpty() ? 0.0 : ms.at(std::min<qsizetype>(ms.size() - 1, qsizetype(p * double(ms.size()))));
    };
    QJsonObject o;
    o.insert(QStringLiteral("runs"), int(ms.size()));
    o.insert(QStringLiteral("minMs"), ms.isEmpty() ? 0.0 : ms.first());
    o.insert(QStringLiteral("p50Ms"), at(0.5));
    o.insert(QStringLiteral("p99Ms"), at(0.99));
    o.insert(QStringLiteral("maxMs"), ms.isEmpty() ? 0.0 : ms.last());
    return o;
}

double elapsedMs(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

QJsonObject timeBank(const QString &dir, const QuizBenchOptions &options, bool builtIn)
{
    QList<double> runs;
    int files = 0;
    int questions = 0;
    int problems = 0;
    BankOptions bankOptions;
    bankOptions.predictCheck = options.predictCheck;
    for (int i = 0; i < options.bankRuns; ++i) {
        QElapsedTimer t;
        t.start();
        const QuestionBank bank
            = builtIn ? QuestionBank::loadBuiltIn(bankOptions) : QuestionBank::loadDirectory(dir, bankOptions);
        runs.append(elapsedMs(t));
        files = bank.fileCount();
        questions = int(bank.questions().size());
        problems = int(bank.problems().size());
    }
    QJsonObject o = summarize(runs);
    o.insert(QStringLiteral("files"), files);
    o.insert(QStringLiteral("questions"), questions);
    o.insert(QStringLiteral("problems"), problems);
    return o;
}

} // namespace

Result<QJsonObject> QuizBench::run(const QuizBenchOptions &options)
{
    using R = Result<QJsonObject>;
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return R::failure(QStringLiteral("cannot create a temporary directory"));
    QJsonObject result;

    // 1. The bank as shipped (or as given), then scaled up with renamed copies.
    const bool builtIn = options.questionsDir.isEmpty();
    const QString source = builtIn ? QuestionBank::builtInQuestionsPath() : options.questionsDir;
    result.insert(QStringLiteral("bank"), timeBank(source, options, builtIn));
    const QStringList names = QDir(source).entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name);
    if (!names.isEmpty()) {
        const QString scaled = tmp.filePath(QStringLiteral("questions"));
        QDir().mkpath(scaled);
        for (int n = 0; n < options.scaledFiles; ++n) {
            const QString name = names.at(n % names.size());
            const QString id = QFileInfo(name).completeBaseName();
            QFile in(QDir(source).filePath(name));
            if (!in.open(QIODevice::ReadOnly))
                continue;
            QByteArray content = in.readAll();
            const QString copyId = id + QStringLiteral("-c") + QString::number(n);
            content.replace(QByteArray(QByteArray("\nid: ") + id.toUtf8() + "\n"),
                QByteArray(QByteArray("\nid: ") + copyId.toUtf8() + "\n"));
            QFile out(QDir(scaled).filePath(copyId + QStringLiteral(".md")));
            if (out.open(QIODevice::WriteOnly))
                out.write(content);
        }
        result.insert(QStringLiteral("scaledBank"), timeBank(scaled, options, false));
    }

    // 2. Statistics over `attempts` answers: 300 questions over a year.
    ProgressStore store;
    const QString dbPath = tmp.filePath(QStringLiteral("bench.sqlite"));
    if (Status s = store.open(dbPath); !s)
        return R::failure(s.error());
    const auto profile = store.ensureProfile(QStringLiteral("bench"));
    if (!profile)
        return R::failure(profile.error());
    const qint64 now = Clock::system().nowMs();
    const qint64 start = now - 365 * kDayMs;
    constexpr int kQuestions = 300;
    {
        QSqlDatabase db = store.database();
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("BEGIN")))
            return R::failure(QStringLiteral("cannot fill the benchmark database"));
        q.prepare(QStringLiteral("INSERT INTO attempts (profile_id, question_id, topic, time_ms, mode, answer, correct,"
                                 " rating, elapsed_ms, stability_before, difficulty_before, stability_after,"
                                 " difficulty_after, interval_days, state, step, state_before, day) VALUES (?, ?, ?, ?,"
                                 " 'review', 'A', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 2, ?)"));
        quint64 rng = 42;
        const auto &topics = knownTopics();
        for (int i = 0; i < options.attempts; ++i) {
            rng = QuestionSelector::nextRandom(rng);
            const int question = int(rng % kQuestions);
            const bool correct = (rng >> 20) % 10 < 8;
            q.bindValue(0, profile->id);
            q.bindValue(1, QStringLiteral("q%1").arg(question, 3, 10, QChar(u'0')));
            q.bindValue(2, topics.at(question % topics.size()).id);
            const qint64 at = start + qint64(i) * (365 * kDayMs / options.attempts);
            q.bindValue(3, at);
            q.bindValue(4, int(correct));
            q.bindValue(5, correct ? 3 : 1);
            q.bindValue(6, 5000 + qint64((rng >> 32) % 115'000));
            q.bindValue(7, 5.0);
            q.bindValue(8, 5.0);
            q.bindValue(9, correct ? 12.0 : 1.5);
            q.bindValue(10, 5.1);
            q.bindValue(11, correct ? 12.0 : 0.007);
            q.bindValue(12, correct ? 2 : 3);
            q.bindValue(13, store.studyDay(at));
            if (!q.exec())
                return R::failure(QStringLiteral("cannot fill the benchmark database"));
        }
        q.prepare(
            QStringLiteral("INSERT INTO cards (profile_id, question_id, state, step, stability, difficulty, due_ms,"
                           " last_review_ms, reps, lapses) VALUES (?, ?, 2, 0, ?, 5.0, ?, ?, 10, 1)"));
        for (int i = 0; i < kQuestions; ++i) {
            q.bindValue(0, profile->id);
            q.bindValue(1, QStringLiteral("q%1").arg(i, 3, 10, QChar(u'0')));
            q.bindValue(2, 1.0 + i % 60);
            q.bindValue(3, now + (i % 40 - 5) * kDayMs);
            q.bindValue(4, now - (i % 20) * kDayMs);
            if (!q.exec())
                return R::failure(QStringLiteral("cannot fill the benchmark database"));
        }
        if (!q.exec(QStringLiteral("COMMIT")))
            return R::failure(QStringLiteral("cannot fill the benchmark database"));
    }
    QList<double> statRuns;
    StatsOptions statsOptions = StatsOptions::forNow(now);
    for (int i = 0; i < 10; ++i) {
        QElapsedTimer t;
        t.start();
        const ProgressStatistics stats = ProgressStats::compute(store, profile->id, statsOptions);
        statRuns.append(elapsedMs(t));
        if (stats.totalAttempts != options.attempts)
            return R::failure(QStringLiteral("statistics saw %1 attempts, expected %2")
                                  .arg(stats.totalAttempts)
                                  .arg(options.attempts));
    }
    QJsonObject statsJson = summarize(statRuns);
    statsJson.insert(QStringLiteral("attempts"), options.attempts);
    result.insert(QStringLiteral("stats"), statsJson);

    // 3. Recording answers one by one, each its own durable transaction.
    SchedulerConfig config;
    config.enableFuzz = false;
    const FsrsScheduler scheduler(config);
    QHash<QString, FsrsCard> cards = store.cards(profile->id);
    QList<double> recordRuns;
    for (int i = 0; i < options.records; ++i) {
        const QString id = QStringLiteral("q%1").arg(i % kQuestions, 3, 10, QChar(u'0'));
        const qint64 at = now + i * 1000;
        const FsrsCard before = cards.value(id);
        const ReviewOutcome out = scheduler.review(before, i % 5 ? Rating::Good : Rating::Again, at);
        cards.insert(id, out.card);
        AttemptRecord a;
        a.profileId = profile->id;
        a.questionId = id;
        a.timeMs = at;
        a.mode = QuizMode::Review;
        a.answer = QStringLiteral("B");
        a.correct = i % 5 != 0;
        a.rating = i % 5 ? Rating::Good : Rating::Again;
        a.elapsedMs = 12'000;
        a.before = out.before;
        a.after = out.card.memory;
        a.intervalDays = double(out.intervalMs) / double(kDayMs);
        a.state = out.card.state;
        if (!before.isNew())
            a.stateBefore = before.state;
        QElapsedTimer t;
        t.start();
        const auto recorded = store.recordAnswer(a, out.card);
        recordRuns.append(elapsedMs(t));
        if (!recorded)
            return R::failure(recorded.error());
    }
    QJsonObject recordJson = summarize(recordRuns);
    recordJson.insert(QStringLiteral("synchronous"), QStringLiteral("FULL"));
    result.insert(QStringLiteral("record"), recordJson);
    return result;
}

QString QuizBench::describe(const QJsonObject &r)
{
    auto line = [](const QString &what, const QJsonObject &o) {
        return QStringLiteral("%1: p50 %2 ms, p99 %3 ms, max %4 ms over %5 runs\n")
            .arg(what)
            .arg(o.value(QStringLiteral("p50Ms")).toDouble(), 0, 'f', 3)
            .arg(o.value(QStringLiteral("p99Ms")).toDouble(), 0, 'f', 3)
            .arg(o.value(QStringLiteral("maxMs")).toDouble(), 0, 'f', 3)
            .arg(o.value(QStringLiteral("runs")).toInt());
    };
    const QJsonObject bank = r.value(QStringLiteral("bank")).toObject();
    QString out = line(QStringLiteral("load + validate %1 question files (target < 50 ms)")
                           .arg(bank.value(QStringLiteral("files")).toInt()),
        bank);
    if (r.contains(QStringLiteral("scaledBank"))) {
        const QJsonObject scaled = r.value(QStringLiteral("scaledBank")).toObject();
        out += line(
            QStringLiteral("load + validate %1 question files").arg(scaled.value(QStringLiteral("files")).toInt()),
            scaled);
    }
    const QJsonObject stats = r.value(QStringLiteral("stats")).toObject();
    out += line(QStringLiteral("statistics over %1 attempts (target < 100 ms)")
                    .arg(stats.value(QStringLiteral("attempts")).toInt()),
        stats);
    out += line(QStringLiteral("record one answer, synchronous=FULL (target p99 < 2 ms)"),
        r.value(QStringLiteral("record")).toObject());
    return out;
}

} // namespace kafkalab::quiz
