// Progress store: schema and migrations (one test per step, each from a hand-made fixture of the
// previous version), refusal of newer databases, corrupt files moved aside, atomic answers,
// profiles, JSON/CSV export and import, and the statistics.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "quiz/fsrsscheduler.h"
#include "quiz/manualclock.h"
#include "quiz/progressstats.h"
#include "quiz/progressstore.h"

using namespace kafkalab::quiz;

namespace {

constexpr qint64 kDay = 86'400'000;
constexpr qint64 kHour = 3'600'000;
// 2024-03-01 00:00:00 UTC.
constexpr qint64 kT0 = 1'709'251'200'000;

/** A raw connection for building fixtures and inspecting files behind the store's back. */
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~RawDb()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    bool exec(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql)) {
            qWarning().noquote() << "fixture SQL failed:" << q.lastError().text() << sql;
            return false;
        }
        return true;
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    bool m_ok = false;
};

// The schema as each version shipped it, written out here on purpose: if someone edits a shipped
// migration instead of adding one, these fixtures stop matching and the tests say so.
const QStringList kSchemaV1 = {
    QStringLiteral(
        "CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL)"),
    QStringLiteral(
        "CREATE TABLE attempts (id INTEGER PRIMARY KEY,"
        " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
        " question_id TEXT NOT NULL, time_ms INTEGER NOT NULL,"
        " mode TEXT NOT NULL CHECK (mode IN ('practice', 'mock', 'review', 'mistakes')),"
        " answer TEXT NOT NULL DEFAULT '', correct INTEGER CHECK (correct IN (0, 1)),"
        " rating INTEGER CHECK (rating BETWEEN 1 AND 4), elapsed_ms INTEGER NOT NULL DEFAULT 0,"
        " stability_before REAL, difficulty_before REAL, stability_after REAL, difficulty_after REAL,"
        " interval_days REAL NOT NULL DEFAULT 0, state INTEGER NOT NULL DEFAULT 1 CHECK (state BETWEEN 1 AND 3))"),
    QStringLiteral("CREATE INDEX attempts_profile_time ON attempts(profile_id, time_ms)"),
    QStringLiteral("CREATE INDEX attempts_profile_question ON attempts(profile_id, question_id, time_ms)"),
};
const QStringList kSchemaV2Additions = {
    QStringLiteral("CREATE TABLE cards (profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
                   " question_id TEXT NOT NULL, state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),"
                   " step INTEGER NOT NULL DEFAULT 0, stability REAL, difficulty REAL, due_ms INTEGER NOT NULL,"
                   " last_review_ms INTEGER, reps INTEGER NOT NULL DEFAULT 0, lapses INTEGER NOT NULL DEFAULT 0,"
                   " PRIMARY KEY (profile_id, question_id)) WITHOUT ROWID"),
    QStringLiteral("CREATE INDEX cards_due ON cards(profile_id, due_ms)"),
};

bool buildFixture(const QString &path, const QStringList &statements, int version)
{
    RawDb db(path);
    if (!db.ok())
        return false;
    for (const QString &s : statements) {
        if (!db.exec(s))
            return false;
    }
    return db.exec(QStringLiteral("PRAGMA user_version=%1").arg(version));
}

QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

/** Answers a question the way a session does: FSRS review, then one recorded transaction. */
struct Answerer
{
    Answerer(ProgressStore &s, qint64 profile)
        : store(s)
        , profileId(profile)
    { }
    ProgressStore &store;
    qint64 profileId;
    FsrsScheduler scheduler {[] {
        SchedulerConfig c;
        c.enableFuzz = false;
        return c;
    }()};
    QHash<QString, FsrsCard> cards;

    qint64 answer(const QString &questionId, const QString &topic, qint64 timeMs, bool correct,
        qint64 elapsedMs = 20'000, QuizMode mode = QuizMode::Practice, const QString &text = QStringLiteral("A"))
    {
        const Rating rating = correct ? Rating::Good : Rating::Again;
        const FsrsCard before = cards.value(questionId);
        const ReviewOutcome out = scheduler.review(before, rating, timeMs);
        AttemptRecord a;
        a.profileId = profileId;
        a.questionId = questionId;
        a.topic = topic;
        a.timeMs = timeMs;
        a.mode = mode;
        a.answer = text;
        a.correct = correct;
        a.rating = rating;
        a.elapsedMs = elapsedMs;
        a.before = out.before;
        a.after = out.card.memory;
        a.intervalDays = double(out.intervalMs) / kDay;
        a.state = out.card.state;
        a.step = out.card.step;
        if (!before.isNew())
            a.stateBefore = before.state;
        const auto id = store.recordAnswer(a, out.card);
        if (!id)
            qWarning().noquote() << id.error();
        cards.insert(questionId, out.card);
        return id ? *id : -1;
    }
};

} // namespace

class TestProgress : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("progress-%1.sqlite").arg(++m_n)); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void freshDatabase()
    {
        const QString path = freshPath();
        ProgressStore store;
        const Status s = store.open(path);
        QVERIFY2(s, qPrintable(s.error()));
        QVERIFY(store.isOpen());
        QCOMPARE(store.schemaVersion(), ProgressStore::kSchemaVersion);
        QCOMPARE(store.migrations().size(), ProgressStore::kSchemaVersion);
        QVERIFY(store.notices().isEmpty());
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        for (const char *table : {"profiles", "attempts", "cards", "sessions"}) {
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                               .arg(QLatin1StringView(table)))
                && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
    }

    void defaultPathIsInAppData()
    {
        const QString path = ProgressStore::defaultPath();
        QVERIFY(path.endsWith(u"/progress.sqlite"));
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void openErrors()
    {
        ProgressStore store;
        QVERIFY(!store.open(QString()));
        const Status s = store.open(m_dir.path());
        QVERIFY(!s);
        QVERIFY(s.error().contains(u"is not a file"));
        QVERIFY(!store.isOpen());
        // Nothing works on a closed store, and it says so.
        const auto r = store.recordAnswer(AttemptRecord {}, FsrsCard {});
        QVERIFY(!r);
        QVERIFY(r.error().contains(u"not open"));
    }

    void profiles()
    {
        ProgressStore store;
        QVERIFY(store.open(freshPath()));
        const auto alice = store.ensureProfile(QStringLiteral("alice"));
        QVERIFY(alice);
        const auto again = store.ensureProfile(QStringLiteral(" alice "));
        QVERIFY(again);
        QCOMPARE(again->id, alice->id);
        const auto bob = store.ensureProfile(QStringLiteral("bob"));
        QVERIFY(bob && bob->id != alice->id);
        QVERIFY(!store.ensureProfile(QStringLiteral("  ")));
        QCOMPARE(store.profiles().size(), 2);
        QCOMPARE(store.profiles().first().name, QStringLiteral("alice"));
        QVERIFY(store.renameProfile(bob->id, QStringLiteral("robert")));
        QVERIFY(store.findProfile(QStringLiteral("robert")));
        QVERIFY(!store.findProfile(QStringLiteral("bob")));
        const Status clash = store.renameProfile(bob->id, QStringLiteral("alice"));
        QVERIFY(!clash);
        QVERIFY(clash.error().contains(u"alice"));
        QVERIFY(!store.renameProfile(9999, QStringLiteral("nobody")));
    }

    void recordAndReadBack()
    {
        const QString path = freshPath();
        {
            ProgressStore store;
            QVERIFY(store.open(path));
            const auto p = store.ensureProfile(QStringLiteral("alice"));
            QVERIFY(p);
            Answerer a {store, p->id};
            QVERIFY(a.answer(QStringLiteral("q17-isr"), QStringLiteral("replication"), kT0, true, 31'000,
                        QuizMode::Mock, QStringLiteral("A"))
                > 0);
            QVERIFY(a.answer(QStringLiteral("q17-isr"), QStringLiteral("replication"), kT0 + 10 * 60'000, true) > 0);
            // An ungraded answer (recall before self-grading) is logged but does not move the card.
            AttemptRecord ungraded;
            ungraded.profileId = p->id;
            ungraded.questionId = QStringLiteral("recall-log");
            ungraded.timeMs = kT0 + kHour;
            ungraded.answer = QStringLiteral("free text, with \"quotes\"\nand a newline");
            QVERIFY(store.recordAnswer(ungraded, FsrsCard {}));
        }
        // Reopen: everything committed is there.
        ProgressStore store;
        QVERIFY(store.open(path));
        const auto p = store.findProfile(QStringLiteral("alice"));
        QVERIFY(p);
        const QList<AttemptRecord> attempts = store.attempts(p->id);
        QCOMPARE(attempts.size(), 3);
        const AttemptRecord &first = attempts.at(0);
        QCOMPARE(first.questionId, QStringLiteral("q17-isr"));
        QCOMPARE(first.topic, QStringLiteral("replication"));
        QCOMPARE(first.mode, QuizMode::Mock);
        QCOMPARE(first.elapsedMs, 31'000);
        QCOMPARE(first.correct, true);
        QCOMPARE(first.rating, Rating::Good);
        QVERIFY(!first.before);
        QVERIFY(first.after);
        QCOMPARE(first.after->stability, 2.3065);
        QCOMPARE(first.state, CardState::Learning);
        QCOMPARE(first.step, 1);
        QCOMPARE(first.intervalDays, 10.0 / (24 * 60));
        QVERIFY(attempts.at(1).before);
        QCOMPARE(attempts.at(1).state, CardState::Review);
        QVERIFY(!attempts.at(2).correct);
        QVERIFY(!attempts.at(2).rating);
        QCOMPARE(attempts.at(2).answer, QStringLiteral("free text, with \"quotes\"\nand a newline"));

        const auto cards = store.cards(p->id);
        QCOMPARE(cards.size(), 1);
        const FsrsCard card = cards.value(QStringLiteral("q17-isr"));
        QCOMPARE(card.state, CardState::Review);
        QCOMPARE(card.reps, 2);
        QCOMPARE(card.lastReviewMs, kT0 + 10 * 60'000);
        QCOMPARE(card.dueMs, kT0 + 10 * 60'000 + 2 * kDay);
        QCOMPARE(store.attemptCount(p->id), 3);
        QCOMPARE(store.attempts(p->id, kT0 + 1).size(), 2);
    }

    void answerIsOneTransaction()
    {
        ProgressStore store;
        QVERIFY(store.open(freshPath()));
        const auto p = store.ensureProfile(QStringLiteral("alice"));
        AttemptRecord a;
        a.profileId = p->id;
        a.questionId = QStringLiteral("q1");
        a.timeMs = kT0;
        a.correct = true;
        a.rating = Rating::Good;
        FsrsCard broken;
        broken.state = CardState(7); // violates the cards.state CHECK after the attempt row is inserted
        const auto r = store.recordAnswer(a, broken);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(u"card"), qPrintable(r.error()));
        // The attempt insert was rolled back with the failed card update.
        QCOMPARE(store.attemptCount(p->id), 0);
        // And the store still works.
        QVERIFY(store.recordAnswer(a, FsrsCard {}));
        QCOMPARE(store.attemptCount(p->id), 1);
    }

    void migration1FromEmptyVersion0()
    {
        const QString path = freshPath();
        {
            // Version 0: an SQLite file with nothing in it yet but an unrelated table.
            RawDb db(path);
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE notes (text TEXT)")));
            QVERIFY(db.exec(QStringLiteral("INSERT INTO notes VALUES ('keep me')")));
        }
        ProgressStore store;
        const Status s = store.open(path);
        QVERIFY2(s, qPrintable(s.error()));
        QCOMPARE(store.schemaVersion(), 3);
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT text FROM notes")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("keep me"));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM attempts")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // Migration 1's constraints hold: an unknown mode is rejected.
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO attempts (profile_id, question_id, time_ms, mode) VALUES (1, 'x', 0, 'exam')")));
    }

    void migration2BuildsCardsFromVersion1()
    {
        const QString path = freshPath();
        QStringList fixture = kSchemaV1;
        fixture << QStringLiteral("INSERT INTO profiles VALUES (1, 'alice', 0)")
                << QStringLiteral("INSERT INTO profiles VALUES (2, 'bob', 0)")
                // alice, q1: Good (learning step), Good (graduates, 2 days), Again (relearning, 10 min)
                << QStringLiteral("INSERT INTO attempts (profile_id, question_id, time_ms, mode, correct, rating,"
                                  " stability_after, difficulty_after, interval_days, state) VALUES"
                                  " (1, 'q1', 1000, 'practice', 1, 3, 2.3065, 2.1181, 0.00694444, 1)")
                << QStringLiteral(
                       "INSERT INTO attempts (profile_id, question_id, time_ms, mode, correct, rating,"
                       " stability_before, difficulty_before, stability_after, difficulty_after, interval_days,"
                       " state) VALUES (1, 'q1', 601000, 'practice', 1, 3, 2.3065, 2.1181, 2.3065, 2.1112, 2, 2)")
                << QStringLiteral(
                       "INSERT INTO attempts (profile_id, question_id, time_ms, mode, correct, rating,"
                       " stability_before, difficulty_before, stability_after, difficulty_after, interval_days,"
                       " state) VALUES (1, 'q1', 172801000, 'review', 0, 1, 2.3065, 2.1112, 1.2, 7.3, 0.00694444, 3)")
                // bob, q2: one ungraded answer only: no card.
                << QStringLiteral("INSERT INTO attempts (profile_id, question_id, time_ms, mode, answer) VALUES"
                                  " (2, 'q2', 5000, 'practice', 'some recall text')");
        QVERIFY(buildFixture(path, fixture, 1));

        ProgressStore store;
        const Status s = store.open(path);
        QVERIFY2(s, qPrintable(s.error()));
        QCOMPARE(store.schemaVersion(), 3);
        const auto alice = store.cards(1);
        QCOMPARE(alice.size(), 1);
        const FsrsCard c = alice.value(QStringLiteral("q1"));
        QCOMPARE(c.state, CardState::Relearning);
        QVERIFY(c.memory);
        QCOMPARE(c.memory->stability, 1.2);
        QCOMPARE(c.memory->difficulty, 7.3);
        QCOMPARE(c.lastReviewMs, 172801000);
        QCOMPARE(c.dueMs, 172801000 + 600000);
        QCOMPARE(c.reps, 3);
        QCOMPARE(c.lapses, 1);
        QVERIFY(store.cards(2).isEmpty());
        QCOMPARE(store.attempts(1).size(), 3);
        QCOMPARE(store.attempts(2).first().answer, QStringLiteral("some recall text"));
    }

    void migration3AddsSessionsFromVersion2()
    {
        const QString path = freshPath();
        QStringList fixture = kSchemaV1 + kSchemaV2Additions;
        fixture << QStringLiteral("INSERT INTO profiles VALUES (1, 'alice', 0)")
                << QStringLiteral("INSERT INTO attempts (profile_id, question_id, time_ms, mode, correct, rating,"
                                  " stability_after, difficulty_after, interval_days, state) VALUES"
                                  " (1, 'q1', 1000, 'mock', 1, 3, 2.3065, 2.1181, 2, 2)")
                << QStringLiteral(
                       "INSERT INTO attempts (profile_id, question_id, time_ms, mode, correct, rating,"
                       " stability_before, difficulty_before, stability_after, difficulty_after, interval_days,"
                       " state) VALUES (1, 'q1', 172801000, 'review', 1, 3, 2.3065, 2.1181, 10.9, 2.1, 11, 2)")
                << QStringLiteral("INSERT INTO cards VALUES (1, 'q1', 2, 0, 10.9, 2.1, 1123201000, 172801000, 2, 0)");
        QVERIFY(buildFixture(path, fixture, 2));

        ProgressStore store;
        const Status s = store.open(path);
        QVERIFY2(s, qPrintable(s.error()));
        QCOMPARE(store.schemaVersion(), 3);
        // Old rows: no topic, no session, step 0; the card is untouched.
        const auto attempts = store.attempts(1);
        QCOMPARE(attempts.size(), 2);
        QVERIFY(attempts.first().topic.isEmpty());
        QVERIFY(!attempts.first().sessionId);
        QCOMPARE(attempts.first().step, 0);
        QCOMPARE(store.cards(1).value(QStringLiteral("q1")).dueMs, 1123201000);
        // Backfilled: the state before each answer (none for the first), and the study day in this
        // machine's zone with the 4 am rollover.
        QVERIFY(!attempts.at(0).stateBefore);
        QCOMPARE(attempts.at(1).stateBefore, CardState::Review);
        ProgressStore local;
        for (const AttemptRecord &a : attempts)
            QCOMPARE(a.studyDay, local.studyDay(a.timeMs));
        // New columns and the sessions table work.
        const auto session = store.startSession(1, QuizMode::Mock, 2000, 5);
        QVERIFY(session);
        AttemptRecord a;
        a.profileId = 1;
        a.questionId = QStringLiteral("q2");
        a.topic = QStringLiteral("storage");
        a.timeMs = 1'200'000'000;
        a.mode = QuizMode::Mock;
        a.sessionId = *session;
        a.step = 1;
        const auto recorded = store.recordAnswer(a, FsrsCard {});
        QVERIFY2(recorded, qPrintable(recorded.error()));
        QVERIFY(store.finishSession(*session, 4000, 0.8));
        const auto after = store.attempts(1);
        QCOMPARE(after.size(), 3);
        QCOMPARE(after.last().topic, QStringLiteral("storage"));
        QCOMPARE(after.last().sessionId, *session);
        QCOMPARE(after.last().step, 1);
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT score, finished_ms, question_count FROM sessions")) && q.next());
        QCOMPARE(q.value(0).toDouble(), 0.8);
        QCOMPARE(q.value(1).toLongLong(), 4000);
        QCOMPARE(q.value(2).toInt(), 5);
    }

    void failedMigrationRollsBackItsStep()
    {
        const QString path = freshPath();
        QStringList fixture = kSchemaV1;
        // Something already named `cards` makes step 2 fail half-way (its CREATE TABLE).
        fixture << QStringLiteral("CREATE TABLE cards (x INTEGER)")
                << QStringLiteral("INSERT INTO profiles VALUES (1, 'alice', 0)")
                << QStringLiteral(
                       "INSERT INTO attempts (profile_id, question_id, time_ms, mode) VALUES (1, 'q1', 1, 'practice')");
        QVERIFY(buildFixture(path, fixture, 1));
        ProgressStore store;
        const Status s = store.open(path);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(u"migration 2 failed"), qPrintable(s.error()));
        QVERIFY(!store.isOpen());
        RawDb db(path);
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 1);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM attempts")).toInt(), 1);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'cards_due'")).toInt(), 0);
    }

    void newerDatabaseIsRefusedUntouched()
    {
        const QString path = freshPath();
        QVERIFY(buildFixture(path,
            {QStringLiteral("CREATE TABLE future (x INTEGER)"), QStringLiteral("INSERT INTO future VALUES (42)")}, 99));
        const QByteArray before = sha256(path);
        const qint64 sizeBefore = QFileInfo(path).size();
        ProgressStore store;
        const Status s = store.open(path);
        QVERIFY(!s);
        QVERIFY2(
            s.error().contains(u"schema version 99, newer than this Kafka Lab supports (3)"), qPrintable(s.error()));
        QVERIFY(s.error().contains(path));
        QVERIFY(!store.isOpen());
        QVERIFY(!store.movedAsidePath());
        QCOMPARE(sha256(path), before);
        QCOMPARE(QFileInfo(path).size(), sizeBefore);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    }

    void corruptFileIsMovedAside_data()
    {
        QTest::addColumn<QByteArray>("content");
        QByteArray random(8192, '\0');
        quint32 x = 12345;
        for (char &c : random) {
            x = x * 1664525u + 1013904223u;
            c = char(x >> 24);
        }
        QTest::newRow("random bytes") << random;
        QTest::newRow("sqlite header, garbage pages") << QByteArray("SQLite format 3\0", 16) + random;
        QTest::newRow("text file") << QByteArray("this is my shopping list\n");
    }

    void corruptFileIsMovedAside()
    {
        QFETCH(QByteArray, content);
        const QString path = freshPath();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        ManualClock clock(QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9)).toMSecsSinceEpoch());
        ProgressStore store(&clock);
        const Status s = store.open(path);
        QVERIFY2(s, qPrintable(s.error()));
        const QString aside = path + QStringLiteral(".corrupt-20240506-070809");
        QCOMPARE(store.movedAsidePath(), aside);
        QCOMPARE(store.notices().size(), 1);
        QVERIFY(store.notices().first().contains(aside));
        QVERIFY(store.notices().first().contains(u"fresh"));
        // Never deleted: the bytes are all there under the new name.
        QFile moved(aside);
        QVERIFY(moved.open(QIODevice::ReadOnly));
        QCOMPARE(moved.readAll(), content);
        // And a fresh, working database took its place.
        QCOMPARE(store.schemaVersion(), ProgressStore::kSchemaVersion);
        QVERIFY(store.ensureProfile(QStringLiteral("alice")));
        store.close();

        // A second corrupt file in the same second gets its own name.
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(content);
        }
        ProgressStore again(&clock);
        QVERIFY(again.open(path));
        QCOMPARE(again.movedAsidePath(), aside + QStringLiteral("-1"));
    }

    void damagedRealDatabaseIsMovedAside()
    {
        const QString path = freshPath();
        {
            ProgressStore store;
            QVERIFY(store.open(path));
            const auto p = store.ensureProfile(QStringLiteral("alice"));
            Answerer a {store, p->id};
            for (int i = 0; i < 300; ++i)
                a.answer(QStringLiteral("q%1").arg(i), QStringLiteral("storage"), kT0 + i * 1000, i % 3 != 0);
        }
        // Overwrite a page in the middle (b-tree pages, not the header).
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() > 5 * 4096);
            f.seek(2 * 4096);
            f.write(QByteArray(4096 * 2, '\x5a'));
        }
        ProgressStore store;
        const Status s = store.open(path);
        QVERIFY2(s, qPrintable(s.error()));
        QVERIFY(store.movedAsidePath());
        QVERIFY(QFileInfo::exists(*store.movedAsidePath()));
        QCOMPARE(store.profiles().size(), 0);
    }

    void exportImportJson()
    {
        ProgressStore store;
        QVERIFY(store.open(freshPath()));
        const auto alice = store.ensureProfile(QStringLiteral("alice"));
        Answerer a {store, alice->id};
        a.answer(QStringLiteral("q1"), QStringLiteral("replication"), kT0, true);
        a.answer(QStringLiteral("q1"), QStringLiteral("replication"), kT0 + 600'000, true);
        a.answer(QStringLiteral("q2"), QStringLiteral("storage"), kT0 + 700'000, false, 5000, QuizMode::Review,
            QStringLiteral("B, C"));

        const auto json = store.exportJson(alice->id);
        QVERIFY(json);
        const QJsonObject root = QJsonDocument::fromJson(*json).object();
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("kafkalab-progress"));
        QCOMPARE(root.value(QStringLiteral("profile")).toString(), QStringLiteral("alice"));
        QCOMPARE(root.value(QStringLiteral("attempts")).toArray().size(), 3);
        QCOMPARE(root.value(QStringLiteral("cards")).toArray().size(), 2);
        QVERIFY(root.value(QStringLiteral("attempts"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("stabilityBefore"))
                    .isNull());

        const auto imported = store.importJson(*json, QStringLiteral("bob"));
        QVERIFY2(imported, qPrintable(imported.error()));
        QCOMPARE(imported->attemptsImported, 3);
        QCOMPARE(imported->cardsUpdated, 2);
        const auto bob = store.findProfile(QStringLiteral("bob"));
        QVERIFY(bob);
        const auto bobAttempts = store.attempts(bob->id);
        QCOMPARE(bobAttempts.size(), 3);
        QCOMPARE(bobAttempts.at(2).answer, QStringLiteral("B, C"));
        QCOMPARE(bobAttempts.at(2).mode, QuizMode::Review);
        QCOMPARE(store.cards(bob->id).value(QStringLiteral("q1")).dueMs, a.cards.value(QStringLiteral("q1")).dueMs);

        // Importing the same file again adds nothing.
        const auto again = store.importJson(*json, QStringLiteral("bob"));
        QVERIFY(again);
        QCOMPARE(again->attemptsImported, 0);
        QCOMPARE(again->attemptsSkipped, 3);
        QCOMPARE(again->cardsUpdated, 0);

        // Bad input: clear errors, nothing half-imported.
        QVERIFY(!store.importJson("{not json", QStringLiteral("carol")));
        const auto wrongFormat = store.importJson(R"({"format": "anki"})", QStringLiteral("carol"));
        QVERIFY(!wrongFormat);
        QVERIFY(wrongFormat.error().contains(u"kafkalab-progress"));
        QJsonObject broken = root;
        QJsonArray rows = broken.value(QStringLiteral("attempts")).toArray();
        QJsonObject bad = rows.at(1).toObject();
        bad.insert(QStringLiteral("rating"), 9);
        rows.replace(1, bad);
        broken.insert(QStringLiteral("attempts"), rows);
        const auto rejected = store.importJson(QJsonDocument(broken).toJson(), QStringLiteral("carol"));
        QVERIFY(!rejected);
        QVERIFY2(rejected.error().contains(u"attempts[1]: rating must be 1 to 4"), qPrintable(rejected.error()));
        const auto carol = store.findProfile(QStringLiteral("carol"));
        QVERIFY(!carol || store.attemptCount(carol->id) == 0);
    }

    void exportImportCsv()
    {
        ProgressStore store;
        QVERIFY(store.open(freshPath()));
        const auto alice = store.ensureProfile(QStringLiteral("alice"));
        Answerer a {store, alice->id};
        const QString tricky = QStringLiteral("acks=all, \"really\"\nsecond line; done");
        a.answer(QStringLiteral("q1"), QStringLiteral("producer"), kT0, true, 1000, QuizMode::Practice, tricky);
        a.answer(QStringLiteral("q1"), QStringLiteral("producer"), kT0 + 600'000, true);
        a.answer(QStringLiteral("q1"), QStringLiteral("producer"), kT0 + 3 * kDay, false);

        const auto csv = store.exportCsv(alice->id);
        QVERIFY(csv);
        QVERIFY(csv->startsWith(u"question_id,topic,time_ms,mode,answer,correct,rating,"));
        QVERIFY(csv->contains(u"\"acks=all, \"\"really\"\"\nsecond line; done\""));

        const auto imported = store.importCsv(*csv, QStringLiteral("dave"));
        QVERIFY2(imported, qPrintable(imported.error()));
        QCOMPARE(imported->attemptsImported, 3);
        const auto dave = store.findProfile(QStringLiteral("dave"));
        const auto attempts = store.attempts(dave->id);
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.first().answer, tricky);
        // The card is rebuilt from the latest attempt.
        const FsrsCard original = store.cards(alice->id).value(QStringLiteral("q1"));
        const FsrsCard rebuilt = store.cards(dave->id).value(QStringLiteral("q1"));
        QCOMPARE(rebuilt.state, original.state);
        QCOMPARE(rebuilt.dueMs, original.dueMs);
        QCOMPARE(rebuilt.reps, original.reps);
        QCOMPARE(rebuilt.lapses, original.lapses);
        QVERIFY(qAbs(rebuilt.memory->stability - original.memory->stability) < 1e-6);

        const auto unterminated
            = store.importCsv(QStringLiteral("question_id,time_ms,mode\nq1,5,\"practice\n"), QStringLiteral("erin"));
        QVERIFY(!unterminated);
        QVERIFY2(
            unterminated.error().contains(u"line 2: quoted field is never closed"), qPrintable(unterminated.error()));
        const auto badMode
            = store.importCsv(QStringLiteral("question_id,time_ms,mode\nq1,5,exam\n"), QStringLiteral("erin"));
        QVERIFY(!badMode);
        QVERIFY2(badMode.error().contains(u"record 2: mode"), qPrintable(badMode.error()));
        const auto noHeader = store.importCsv(QStringLiteral("q1,5,practice\n"), QStringLiteral("erin"));
        QVERIFY(!noHeader);
        QVERIFY(noHeader.error().contains(u"header"));
    }

    void statistics()
    {
        ProgressStore store;
        QVERIFY(store.open(freshPath()));
        store.setDayBoundary({0, 0}); // UTC days from midnight, whatever the machine's zone
        const auto p = store.ensureProfile(QStringLiteral("alice"));
        Answerer a {store, p->id};
        // Day 0 (2024-03-01): q1 right (learning), q1 right (graduates, 2 days), q2 wrong.
        a.answer(QStringLiteral("q1"), QStringLiteral("replication"), kT0 + 9 * kHour, true, 10'000);
        a.answer(QStringLiteral("q1"), QStringLiteral("replication"), kT0 + 9 * kHour + 600'000, true, 20'000);
        a.answer(QStringLiteral("q2"), QStringLiteral("storage"), kT0 + 10 * kHour, false, 60'000);
        // Day 1: q2 right. Day 2: q1 is due; answered right: a review-state pass.
        a.answer(QStringLiteral("q2"), QStringLiteral("storage"), kT0 + kDay + 9 * kHour, true, 30'000);
        a.answer(QStringLiteral("q1"), QStringLiteral("replication"), kT0 + 2 * kDay + 10 * kHour, true, 40'000);
        // Day 4 (a gap on day 3): q1 again, wrong: a review-state failure.
        a.answer(QStringLiteral("q1"), QStringLiteral("replication"), kT0 + 4 * kDay + 10 * kHour, false, 50'000);

        StatsOptions options;
        options.nowMs = kT0 + 4 * kDay + 12 * kHour;
        options.forecastDays = 7;
        options.heatMapDays = 5;
        options.questionTopics = {{QStringLiteral("q1"), QStringLiteral("replication")},
            {QStringLiteral("q2"), QStringLiteral("storage")}, {QStringLiteral("q3"), QStringLiteral("storage")}};
        const ProgressStatistics s = ProgressStats::compute(store, p->id, options);

        QCOMPARE(s.totalAttempts, 6);
        QCOMPARE(s.accuracyByDay.size(), 4);
        QCOMPARE(s.accuracyByDay.at(0).day, QDate(2024, 3, 1));
        QCOMPARE(s.accuracyByDay.at(0).attempts, 3);
        QCOMPARE(s.accuracyByDay.at(0).correct, 2);
        QVERIFY(qFuzzyCompare(s.accuracyByDay.at(0).accuracy, 2.0 / 3.0));
        QCOMPARE(s.accuracyByDay.at(3).day, QDate(2024, 3, 5));
        QCOMPARE(s.accuracyByDay.at(3).accuracy, 0.0);

        QCOMPARE(s.heatMap.size(), 5);
        QCOMPARE(s.heatMap.first(), std::make_pair(QDate(2024, 3, 1), 3));
        QCOMPARE(s.heatMap.at(3), std::make_pair(QDate(2024, 3, 4), 0));
        QCOMPARE(s.heatMap.last(), std::make_pair(QDate(2024, 3, 5), 1));
        QCOMPARE(s.currentStreak, 1);
        QCOMPARE(s.longestStreak, 3);

        // True retention: q1's answers on day 2 (pass) and day 4 (fail) were to a Review card;
        // q2's day-1 answer followed a lapse into Learning, so it does not count.
        QCOMPARE(s.trueRetention.reviews, 2);
        QCOMPARE(s.trueRetention.passed, 1);
        QCOMPARE(s.trueRetention.rate, 0.5);
        QCOMPARE(s.trueRetentionLast30Days.reviews, 2);

        QCOMPARE(s.topics.size(), 2);
        const TopicMastery &replication = s.topics.at(0);
        QCOMPARE(replication.topic, QStringLiteral("replication"));
        QCOMPARE(replication.seen, 1);
        QCOMPARE(replication.attempts, 4);
        QCOMPARE(replication.correct, 3);
        QCOMPARE(replication.accuracy, 0.75);
        const TopicMastery &storage = s.topics.at(1);
        QCOMPARE(storage.questions, 2); // q3 is in the bank, never answered
        QCOMPARE(storage.seen, 1);
        QVERIFY(storage.meanRetrievability > 0.5 && storage.meanRetrievability <= 1.0);
        QVERIFY(qFuzzyCompare(storage.mastery, storage.meanRetrievability / 2));

        // Forecast: q1 relearns (due in 10 minutes: today); q2 graduated on day 1 with a due date ahead.
        QCOMPARE(s.forecast.size(), 7);
        QCOMPARE(s.forecast.first().day, QDate(2024, 3, 5));
        int due = 0;
        for (const ForecastDay &d : s.forecast)
            due += d.due;
        QCOMPARE(due, 2);
        QVERIFY(s.forecast.first().due >= 1);

        // Times: 10, 20, 60, 30, 40, 50 s -> median 35 s, mean 35 s; q1: 10, 20, 40, 50 -> median 30 s.
        QCOMPARE(s.medianTimeMs, 35'000);
        QCOMPARE(s.meanTimeMs, 35'000);
        QCOMPARE(s.timePerQuestion.size(), 2);
        QCOMPARE(s.timePerQuestion.at(0).questionId, QStringLiteral("q1"));
        QCOMPARE(s.timePerQuestion.at(0).medianMs, 30'000);
        QCOMPARE(s.timePerQuestion.at(1).medianMs, 45'000);
    }

    void studyDaysFollowTheDayBoundary()
    {
        ProgressStore store;
        QVERIFY(store.open(freshPath()));
        // 23:30 UTC on 1 March, 01:30 UTC on 2 March.
        const qint64 late = kT0 + 23 * kHour + 30 * 60'000;
        const qint64 night = kT0 + kDay + 90 * 60'000;
        const qint64 march1 = QDate(1970, 1, 1).daysTo(QDate(2024, 3, 1));
        store.setDayBoundary({0, 0});
        QCOMPARE(store.studyDay(late), march1);
        QCOMPARE(store.studyDay(night), march1 + 1);
        // Anki's 4 am rollover: 01:30 still belongs to 1 March.
        store.setDayBoundary({4, 0});
        QCOMPARE(store.studyDay(night), march1);
        // UTC+2 from midnight: both are on 2 March local time.
        store.setDayBoundary({0, 2 * 3600});
        QCOMPARE(store.studyDay(late), march1 + 1);
        QCOMPARE(store.studyDay(night), march1 + 1);
        // UTC+5:30 (India) with the 4 am rollover: 22:29 UTC is 3:59 local, still the day before.
        store.setDayBoundary({4, 5 * 3600 + 1800});
        QCOMPARE(store.studyDay(kT0 + 22 * kHour + 29 * 60'000), march1);
        QCOMPARE(store.studyDay(kT0 + 22 * kHour + 31 * 60'000), march1 + 1);
        // Before 1970 floor division still gives the right day.
        store.setDayBoundary({0, 0});
        QCOMPARE(store.studyDay(-1), -1);

        // The day is stored with each answer as it was when answered.
        const auto p = store.ensureProfile(QStringLiteral("alice"));
        Answerer a {store, p->id};
        store.setDayBoundary({4, 0});
        a.answer(QStringLiteral("q1"), QString(), late, true);
        a.answer(QStringLiteral("q2"), QString(), night, true);
        StatsOptions options;
        options.nowMs = kT0 + kDay + 2 * kHour;
        auto s = ProgressStats::compute(store, p->id, options);
        QCOMPARE(s.accuracyByDay.size(), 1);
        QCOMPARE(s.accuracyByDay.first().day, QDate(2024, 3, 1));
        QCOMPARE(store.attempts(p->id).first().studyDay, march1);
        // Rows without a topic (schema 1-2) take it from the bank, or "unknown".
        options.questionTopics = {{QStringLiteral("q1"), QStringLiteral("kraft")}};
        s = ProgressStats::compute(store, p->id, options);
        QCOMPARE(s.topics.size(), 2);
        QCOMPARE(s.topics.at(0).topic, QStringLiteral("kraft"));
        QCOMPARE(s.topics.at(1).topic, QStringLiteral("unknown"));
    }
};

QTEST_GUILESS_MAIN(TestProgress)
#include "test_progress.moc"
