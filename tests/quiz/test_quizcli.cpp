// `kafkalab-cli quiz …` through runQuizCommand with in-memory streams: every subcommand, bad
// arguments (exit 2, naming the argument), scripted `quiz take` sessions, and a child process
// killed with SIGKILL right after it printed `recorded`, whose answer must still be in the database.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "quiz/fsrs.h"
#include "quiz/manualclock.h"
#include "quiz/progressstore.h"
#include "quiz/quizcli.h"

using namespace kafkalab::quiz;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(const QStringList &args, const QString &input = {}, const QuizCliHooks &hooks = {})
{
    Run r;
    QString in = input;
    QTextStream outStream(&r.out);
    QTextStream errStream(&r.err);
    QTextStream inStream(&in, QIODevice::ReadOnly);
    r.code = runQuizCommand(args, outStream, errStream, inStream, hooks);
    return r;
}

QString fixtures(const QString &sub = QStringLiteral("bank/questions"))
{
    return QStringLiteral(KAFKALAB_SOURCE_DIR "/tests/quiz/data/") + sub;
}

/** A questions directory holding copies of some fixture questions only. */
QString bankWith(QTemporaryDir &dir, const QStringList &ids)
{
    const QString path = dir.filePath(QStringLiteral("questions-") + ids.join(u'-'));
    QDir().mkpath(path);
    for (const QString &id : ids)
        QFile::copy(fixtures() + u'/' + id + QStringLiteral(".md"), path + u'/' + id + QStringLiteral(".md"));
    return path;
}

} // namespace

class TestQuizCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString db() { return m_dir.filePath(QStringLiteral("cli-%1.sqlite").arg(++m_n)); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("nothing") << QStringList {} << QStringLiteral("no subcommand");
        QTest::newRow("unknown") << QStringList {QStringLiteral("quizz")} << QStringLiteral("'quizz'");
        QTest::newRow("unknown option") << QStringList {QStringLiteral("list"), QStringLiteral("--xml")}
                                        << QStringLiteral("'--xml'");
        QTest::newRow("missing value") << QStringList {QStringLiteral("take"), QStringLiteral("--count")}
                                       << QStringLiteral("--count needs a value");
        QTest::newRow("count 0") << QStringList {QStringLiteral("take"), QStringLiteral("--count"), QStringLiteral("0")}
                                 << QStringLiteral("--count");
        QTest::newRow("bad mode") << QStringList {QStringLiteral("take"), QStringLiteral("--mode=exam")}
                                  << QStringLiteral("--mode");
        QTest::newRow("time without unit") << QStringList {QStringLiteral("take"), QStringLiteral("--time"),
            QStringLiteral("10")} << QStringLiteral("--time");
        QTest::newRow("bad topic") << QStringList {QStringLiteral("take"), QStringLiteral("--topic"),
            QStringLiteral("magic")}
                                   << QStringLiteral("--topic");
        QTest::newRow("missing questions dir") << QStringList {QStringLiteral("list"), QStringLiteral("--questions"),
            QStringLiteral("/no/such/dir")} << QStringLiteral("--questions");
        QTest::newRow("validate missing dir")
            << QStringList {QStringLiteral("validate"), QStringLiteral("/no/such/dir")} << QStringLiteral("DIR");
        QTest::newRow("validate two dirs") << QStringList {QStringLiteral("validate"), QStringLiteral("a"),
            QStringLiteral("b")} << QStringLiteral("at most one DIR");
        QTest::newRow("export without format") << QStringList {QStringLiteral("export")} << QStringLiteral("--format");
        QTest::newRow("export bad format") << QStringList {QStringLiteral("export"), QStringLiteral("--format"),
            QStringLiteral("qti")} << QStringLiteral("--format");
        QTest::newRow("schedule without history")
            << QStringList {QStringLiteral("schedule")} << QStringLiteral("--history");
        QTest::newRow("schedule bad grade") << QStringList {QStringLiteral("schedule"), QStringLiteral("--history"),
            QStringLiteral("5:0")} << QStringLiteral("--history: entry 1 '5:0'");
        QTest::newRow("schedule bad entry") << QStringList {QStringLiteral("schedule"), QStringLiteral("--history"),
            QStringLiteral("3:0,good")} << QStringLiteral("entry 2 'good'");
        QTest::newRow("schedule first days") << QStringList {QStringLiteral("schedule"), QStringLiteral("--history"),
            QStringLiteral("3:4")} << QStringLiteral("must be 0");
        QTest::newRow("schedule retention") << QStringList {QStringLiteral("schedule"), QStringLiteral("--history"),
            QStringLiteral("3:0"), QStringLiteral("--retention"), QStringLiteral("1.5")}
                                            << QStringLiteral("--retention");
        QTest::newRow("flag with value") << QStringList {QStringLiteral("list"), QStringLiteral("--json=yes")}
                                         << QStringLiteral("--json takes no value");
        QTest::newRow("progress without verb")
            << QStringList {QStringLiteral("progress")} << QStringLiteral("'export' or 'import'");
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QVERIFY(r.err.startsWith(u"kafkalab-cli: quiz"));
        QVERIFY(r.out.isEmpty());
    }

    void help()
    {
        const Run r = run({QStringLiteral("help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"validate [DIR]"));
        QVERIFY(r.out.contains(u"schedule --history"));
    }

    void validate()
    {
        Run r = run({QStringLiteral("validate"), fixtures()});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("OK: 6 questions in 6 files, no problems (%1)\n").arg(fixtures()));

        r = run({QStringLiteral("validate"), fixtures(QStringLiteral("invalid")), QStringLiteral("--lessons"),
            fixtures(QStringLiteral("bank/lessons"))});
        QCOMPARE(r.code, 1);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 24);
        QVERIFY(lines.contains(fixtures(QStringLiteral("invalid/unknown-topic.md"))
            + QStringLiteral(":3: unknown topic 'kafka-magic' (one of: fundamentals, partitioning, producer, consumer, "
                             "consumer-groups, replication, storage, delivery-semantics, kraft, streams, connect, "
                             "schema-registry, security, operations, design)")));
        QVERIFY(r.err.contains(u"24 problem(s) in 17 of 17 question files"));

        // Without lessons next to the questions, a lesson reference is a problem.
        QTemporaryDir tmp;
        r = run({QStringLiteral("validate"), bankWith(tmp, {QStringLiteral("q17-isr")})});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains(u"q17-isr.md:9: unknown lesson 'isr-shrink'"));

        // A predict check from the app runs over predict questions.
        QuizCliHooks hooks;
        hooks.predictCheck = [](const Question &) { return std::optional(QStringLiteral("leader is 3")); };
        r = run({QStringLiteral("validate"), fixtures()}, {}, hooks);
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains(u"predict-leader.md:24: the simulator disagrees: leader is 3"));

        // The built-in bank (whatever state the writers left it in) validates without crashing.
        r = run({QStringLiteral("validate")});
        QVERIFY(r.code == 0 || r.code == 1);
    }

    void listJson()
    {
        const Run r
            = run({QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--questions"), fixtures()});
        QCOMPARE(r.code, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QVERIFY2(!doc.isNull(), qPrintable(error.errorString()));
        const QJsonArray array = doc.array();
        QCOMPARE(array.size(), 6);
        QJsonObject isr, fill;
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.keys().size(), 8);
            if (o.value(QStringLiteral("id")).toString() == u"q17-isr")
                isr = o;
            if (o.value(QStringLiteral("id")).toString() == u"fill-hw")
                fill = o;
        }
        QCOMPARE(isr.value(QStringLiteral("number")).toInt(), 17);
        QCOMPARE(isr.value(QStringLiteral("source")).toString(), QStringLiteral("000#17"));
        QCOMPARE(isr.value(QStringLiteral("topic")).toString(), QStringLiteral("replication"));
        QCOMPARE(isr.value(QStringLiteral("difficulty")).toInt(), 2);
        QCOMPARE(isr.value(QStringLiteral("type")).toString(), QStringLiteral("single"));
        QCOMPARE(isr.value(QStringLiteral("lesson")).toString(), QStringLiteral("isr-shrink"));
        QCOMPARE(isr.value(QStringLiteral("tags")).toArray().size(), 3);
        QVERIFY(fill.value(QStringLiteral("number")).isNull());
        QVERIFY(fill.value(QStringLiteral("lesson")).isNull());
        QVERIFY(fill.value(QStringLiteral("source")).isNull());
        QCOMPARE(fill.value(QStringLiteral("tags")).toArray().size(), 0);

        const Run plain = run({QStringLiteral("list"), QStringLiteral("--questions"), fixtures()});
        QCOMPARE(plain.code, 0);
        QCOMPARE(plain.out.count(u'\n'), 6);
        QVERIFY(plain.out.contains(u"q17-isr"));
    }

    void exportFormats()
    {
        Run r = run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("gift"),
            QStringLiteral("--questions"), fixtures()});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"::q17-isr::[markdown]"));
        QVERIFY(r.err.isEmpty());

        r = run(
            {QStringLiteral("export"), QStringLiteral("--format=aiken"), QStringLiteral("--questions"), fixtures()});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.endsWith(u"ANSWER: A\n\n"));
        QVERIFY2(r.err.contains(u"skipped 5 (1 fill, 1 multi, 1 order, 1 predict, 1 recall), exported 1"),
            qPrintable(r.err));

        const QString file = m_dir.filePath(QStringLiteral("cards.csv"));
        r = run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("anki-csv"),
            QStringLiteral("--questions"), fixtures(), QStringLiteral("--output"), file});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("#separator:semicolon\r\n"));
    }

    void schedule()
    {
        Run r = run({QStringLiteral("schedule"), QStringLiteral("--history"),
            QStringLiteral("1:0,3:0,3:1,3:3,3:8,3:21"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.keys(),
            QStringList({QStringLiteral("difficulty"), QStringLiteral("interval"), QStringLiteral("stability")}));
        QVERIFY(qAbs(o.value(QStringLiteral("stability")).toDouble() - 53.62691) < 1e-3);
        QVERIFY(qAbs(o.value(QStringLiteral("difficulty")).toDouble() - 6.3574867) < 1e-4);
        QCOMPARE(o.value(QStringLiteral("interval")).toInt(), 54);

        r = run({QStringLiteral("schedule"), QStringLiteral("--history"), QStringLiteral("1:0,3:0,3:1,3:3,3:8,3:21"),
            QStringLiteral("--retention"), QStringLiteral("0.8"), QStringLiteral("--json")});
        const double s = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("stability")).toDouble();
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("interval")).toInt(),
            Fsrs().nextInterval(s, 0.8));
        QCOMPARE(Fsrs().nextInterval(s, 0.8), 178); // 53.627 * 3.316

        // A single Again: S0 = 0.212 days, and the interval is at least one day.
        r = run(
            {QStringLiteral("schedule"), QStringLiteral("--history"), QStringLiteral("1:0"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("interval")).toInt(), 1);

        r = run({QStringLiteral("schedule"), QStringLiteral("--history"), QStringLiteral("3:0")});
        QCOMPARE(r.code, 0);
        QCOMPARE(
            r.out, QStringLiteral("stability 2.3065 days, difficulty 2.1181, next review in 2 days (retention 0.9)\n"));
    }

    void takePracticeFill()
    {
        QTemporaryDir tmp;
        const QString path = db();
        const Run r
            = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
                      bankWith(tmp, {QStringLiteral("fill-hw")}), QStringLiteral("--profile"), QStringLiteral("ana")},
                QStringLiteral("High   Watermark\n"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"[1/1] fill-hw | replication | difficulty 1 | fill in"), qPrintable(r.out));
        QVERIFY(r.out.contains(u"Correct.\n"));
        QVERIFY(r.out.contains(u"Accepted: high watermark / HW"));
        QCOMPARE(r.out.count(QStringLiteral("\nrecorded\n")), 1);
        QVERIFY(r.out.indexOf(u"Correct.") < r.out.indexOf(u"recorded"));
        QVERIFY(r.out.contains(u"Session over: 1 answered, 1 right (100%)."));

        ProgressStore store;
        QVERIFY(store.open(path));
        const auto profile = store.findProfile(QStringLiteral("ana"));
        QVERIFY(profile);
        const auto attempts = store.attempts(profile->id);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().answer, QStringLiteral("High   Watermark"));
        QCOMPARE(attempts.first().correct, true);
        QCOMPARE(attempts.first().mode, QuizMode::Practice);

        // Right after, nothing is due (the card waits for its 10-minute step) and nothing is new.
        const Run review = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
            bankWith(tmp, {QStringLiteral("fill-hw")}), QStringLiteral("--profile"), QStringLiteral("ana"),
            QStringLiteral("--mode"), QStringLiteral("review")});
        QCOMPARE(review.code, 0);
        QVERIFY2(review.out.startsWith(u"Nothing is due for review; the next review is due "), qPrintable(review.out));
        const Run mistakes = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
            bankWith(tmp, {QStringLiteral("fill-hw")}), QStringLiteral("--profile"), QStringLiteral("ana"),
            QStringLiteral("--mode"), QStringLiteral("mistakes")});
        QVERIFY(mistakes.out.startsWith(u"No open mistakes"));
    }

    void takeRecallAndRetries()
    {
        QTemporaryDir tmp;
        const QString path = db();
        Run r = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
                        bankWith(tmp, {QStringLiteral("recall-log")})},
            QStringLiteral("a log; reading does not delete\nperfect\n3\n"));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"Key points:\n  - append-only log, partitioned"));
        QCOMPARE(r.out.count(QStringLiteral("How well did you recall it?")), 2); // "perfect" is not a grade
        QCOMPARE(r.out.count(QStringLiteral("\nrecorded\n")), 1);

        // Invalid answers are explained and asked again; nothing is recorded for them.
        r = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
                    bankWith(tmp, {QStringLiteral("predict-leader")})},
            QStringLiteral("9\nabc\n1 2\nhelp\n2\n"));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"9 is not an option: use 1 to 3."));
        QCOMPARE(r.out.count(QStringLiteral("Please answer with one number from 1 to 3.")), 2);
        QVERIFY(r.out.contains(u"Scenario (runs until the pause):\n    cluster brokers=3 seed=1"));
        QVERIFY(r.out.contains(u"Correct."));
        QCOMPARE(r.out.count(QStringLiteral("\nrecorded\n")), 1);

        // skip records nothing; end of input ends the session cleanly.
        r = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
                    bankWith(tmp, {QStringLiteral("fill-hw"), QStringLiteral("predict-leader")})},
            QStringLiteral("skip\n"));
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains(u"recorded"));
        QVERIFY(r.out.contains(u"Session over: 0 answered"));

        ProgressStore store;
        QVERIFY(store.open(path));
        const auto attempts = store.attempts(store.findProfile(QStringLiteral("default"))->id);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).rating, Rating::Good);
        QCOMPARE(attempts.at(0).answer, QStringLiteral("Good: a log; reading does not delete"));
        QCOMPARE(attempts.at(1).answer, QStringLiteral("B"));
    }

    void takeMockInterview()
    {
        QTemporaryDir tmp;
        const QString path = db();
        const QString bank = bankWith(tmp, {QStringLiteral("predict-leader"), QStringLiteral("fill-hw")});
        ManualClock clock;
        QuizCliHooks hooks;
        hooks.clock = &clock;
        // Which question comes first depends on the seed; answer with "goto" to be sure.
        Run r
            = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"), bank,
                      QStringLiteral("--mode"), QStringLiteral("mock"), QStringLiteral("--seed"), QStringLiteral("5")},
                QStringLiteral("flag\nnav\nsubmit\n"), hooks);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"Mock interview: 2 questions, 3m in all"), qPrintable(r.out)); // 120 s + 60 s
        QVERIFY(r.out.contains(u"Flagged for review."));
        QVERIFY(r.out.contains(u"flagged"));
        QCOMPARE(r.out.count(QStringLiteral("\nrecorded\n")), 2); // blanks are recorded, as wrong
        QVERIFY(r.out.contains(u"Score: 0/2 (0%)"));
        QVERIFY(r.out.contains(u"Study next:\n  replication (0%): replicas, ISR"));

        ProgressStore store;
        QVERIFY(store.open(path));
        QSqlQuery q(store.database());
        QVERIFY(
            q.exec(QStringLiteral("SELECT question_count, score, finished_ms IS NOT NULL FROM sessions")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(1).toDouble(), 0.0);
        QVERIFY(q.value(2).toBool());
        const auto attempts = store.attempts(store.findProfile(QStringLiteral("default"))->id);
        QCOMPARE(attempts.size(), 2);
        for (const AttemptRecord &a : attempts) {
            QCOMPARE(a.mode, QuizMode::Mock);
            QVERIFY(a.sessionId);
            QCOMPARE(a.correct, false);
        }
        store.close();

        // Answer one question (predict: options are not shuffled, "2" is right) and hand in.
        const QString single = bankWith(tmp, {QStringLiteral("predict-leader")});
        r = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"), single,
                    QStringLiteral("--mode"), QStringLiteral("mock")},
            QStringLiteral("2\nsubmit\n"), hooks);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"Saved."));
        QVERIFY(r.out.contains(u"Score: 1/1 (100%)"));
    }

    void takeRefusesANewerDatabase()
    {
        const QString path = db();
        {
            ProgressStore store;
            QVERIFY(store.open(path));
            QSqlQuery q(store.database());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=42")));
        }
        const Run r
            = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"), fixtures()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"schema version 42, newer than this Kafka Lab supports"), qPrintable(r.err));
        QVERIFY(!r.out.contains(u"Kafka Lab quiz:"));
    }

    void takeRecoversFromACorruptDatabase()
    {
        const QString path = db();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(5000, '\x42'));
        }
        QTemporaryDir tmp;
        const Run r = run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
                              bankWith(tmp, {QStringLiteral("fill-hw")})},
            QStringLiteral("hw\n"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(u"could not be read") && r.err.contains(u".corrupt-"), qPrintable(r.err));
        QVERIFY(r.out.contains(u"recorded"));
    }

    void statsAndProgressExportImport()
    {
        QTemporaryDir tmp;
        const QString path = db();
        QVERIFY(run({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
                        bankWith(tmp, {QStringLiteral("fill-hw")}), QStringLiteral("--profile"), QStringLiteral("ben")},
                    QStringLiteral("hw\n"))
                    .code
            == 0);
        Run r = run({QStringLiteral("stats"), QStringLiteral("--db"), path, QStringLiteral("--profile"),
            QStringLiteral("ben"), QStringLiteral("--json"), QStringLiteral("--questions"), fixtures()});
        QCOMPARE(r.code, 0);
        const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(stats.value(QStringLiteral("attempts")).toInt(), 1);
        QCOMPARE(stats.value(QStringLiteral("currentStreak")).toInt(), 1);
        QCOMPARE(
            stats.value(QStringLiteral("forecast")).toArray().first().toObject().value(QStringLiteral("due")).toInt(),
            1);

        r = run({QStringLiteral("stats"), QStringLiteral("--db"), path, QStringLiteral("--profile"),
            QStringLiteral("nobody")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(u"--profile: no profile named 'nobody'"));

        const QString json = m_dir.filePath(QStringLiteral("ben.json"));
        r = run({QStringLiteral("progress"), QStringLiteral("export"), QStringLiteral("--db"), path,
            QStringLiteral("--profile"), QStringLiteral("ben"), QStringLiteral("--format"), QStringLiteral("json"),
            QStringLiteral("--output"), json});
        QCOMPARE(r.code, 0);
        r = run({QStringLiteral("progress"), QStringLiteral("import"), json, QStringLiteral("--db"), path,
            QStringLiteral("--profile"), QStringLiteral("ben-copy")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("Imported 1 answers (0 already there) and 1 cards into profile ben-copy.\n"));
        r = run({QStringLiteral("progress"), QStringLiteral("export"), QStringLiteral("--db"), path,
            QStringLiteral("--profile"), QStringLiteral("ben-copy"), QStringLiteral("--format"),
            QStringLiteral("csv")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(u"question_id,topic,time_ms,"));
        QVERIFY(r.out.contains(u"\r\nfill-hw,replication,"));
        r = run({QStringLiteral("progress"), QStringLiteral("import"), m_dir.filePath(QStringLiteral("missing.json")),
            QStringLiteral("--db"), path});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"FILE: cannot read"));
    }

    void recordedSurvivesKill9()
    {
#ifdef Q_OS_UNIX
        const QString child = QStringLiteral(KAFKALAB_BINARY_DIR "/tests/quiz/quizcli_child");
        QVERIFY2(QFileInfo::exists(child), "build the quizcli_child target");
        QTemporaryDir tmp;
        const QString path = db();
        QProcess p;
        p.setProgram(child);
        p.setArguments({QStringLiteral("take"), QStringLiteral("--db"), path, QStringLiteral("--questions"),
            bankWith(tmp, {QStringLiteral("fill-hw"), QStringLiteral("predict-leader")}), QStringLiteral("--seed"),
            QStringLiteral("1")});
        p.start();
        QVERIFY(p.waitForStarted(10'000));
        QByteArray out;
        auto waitFor = [&](const QByteArray &text) {
            QElapsedTimer t;
            t.start();
            while (!out.contains(text) && t.elapsed() < 20'000) {
                p.waitForReadyRead(200);
                out += p.readAllStandardOutput();
            }
            return out.contains(text);
        };
        QVERIFY2(waitFor("(or skip, quit, help):\n"), out.constData());
        // "2" answers either question: the predict option 2, or the fill text "2".
        p.write("2\n");
        QVERIFY2(waitFor("\nrecorded\n"), out.constData());
        // The child now waits for the next answer. Kill it without warning (SIGKILL).
        p.kill();
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        // The answer is in the WAL, not yet checkpointed into the database file…
        QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
        // …and a new connection finds it.
        ProgressStore store;
        QVERIFY(store.open(path));
        const auto profile = store.findProfile(QStringLiteral("default"));
        QVERIFY(profile);
        const auto attempts = store.attempts(profile->id);
        QCOMPARE(attempts.size(), 1);
        QVERIFY(attempts.first().answer == u"2" || attempts.first().answer == u"B");
        QCOMPARE(store.cards(profile->id).size(), 1);
#else
        QSKIP("SIGKILL is a Unix signal");
#endif
    }
};

QTEST_GUILESS_MAIN(TestQuizCli)
#include "test_quizcli.moc"
