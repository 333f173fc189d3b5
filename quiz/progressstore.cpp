#include "progressstore.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include "quiz/clock.h"

namespace kafkalab::quiz {

QString quizModeName(QuizMode mode)
{
    switch (mode) {
    case QuizMode::Practice:
        return QStringLiteral("practice");
    case QuizMode::Mock:
        return QStringLiteral("mock");
    case QuizMode::Review:
        return QStringLiteral("review");
    case QuizMode::Mistakes:
        return QStringLiteral("mistakes");
    }
    return QStringLiteral("practice");
}

std::optional<QuizMode> quizModeFromString(const QString &text)
{
    for (QuizMode m : {QuizMode::Practice, QuizMode::Mock, QuizMode::Review, QuizMode::Mistakes}) {
        if (quizModeName(m) == text)
            return m;
    }
    return std::nullopt;
}

namespace {

constexpr double kDayMs = 86'400'000.0;

// SQLite's primary result codes for "this is not a usable database file".
const QString kSqliteCorrupt = QStringLiteral("11");
const QString kSqliteNotADb = QStringLiteral("26");

QVariant nullable(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Double));
}

QVariant nullableInt(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<double> optDouble(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toDouble();
}

QString sqlError(const QSqlQuery &q)
{
    return q.lastError().text();
}

} // namespace

/** Statements prepared once per connection: recording an answer is on the hot path. */
struct ProgressStore::Prepared
{
    explicit Prepared(const QSqlDatabase &db)
        : insertAttempt(db)
        , upsertCard(db)
        , begin(db)
        , commit(db)
        , rollback(db)
    { }
    QSqlQuery insertAttempt;
    QSqlQuery upsertCard;
    QSqlQuery begin;
    QSqlQuery commit;
    QSqlQuery rollback;
};

const QList<QStringList> &ProgressStore::migrations()
{
    // Forward-only. Never edit a shipped step: add a new one. Qt Sql runs one statement per exec().
    static const QList<QStringList> kMigrations = {
        // 0 -> 1: profiles and the attempts log (Anki revlog style).
        {
            QStringLiteral("CREATE TABLE profiles ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE,"
                           " created_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE attempts ("
                           " id INTEGER PRIMARY KEY,"
                           " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
                           " question_id TEXT NOT NULL,"
                           " time_ms INTEGER NOT NULL,"
                           " mode TEXT NOT NULL CHECK (mode IN ('practice', 'mock', 'review', 'mistakes')),"
                           " answer TEXT NOT NULL DEFAULT '',"
                           " correct INTEGER CHECK (correct IN (0, 1)),"
                           " rating INTEGER CHECK (rating BETWEEN 1 AND 4),"
                           " elapsed_ms INTEGER NOT NULL DEFAULT 0,"
                           " stability_before REAL,"
                           " difficulty_before REAL,"
                           " stability_after REAL,"
                           " difficulty_after REAL,"
                           " interval_days REAL NOT NULL DEFAULT 0,"
                           " state INTEGER NOT NULL DEFAULT 1 CHECK (state BETWEEN 1 AND 3))"),
            QStringLiteral("CREATE INDEX attempts_profile_time ON attempts(profile_id, time_ms)"),
            QStringLiteral("CREATE INDEX attempts_profile_question ON attempts(profile_id, question_id, time_ms)"),
        },
        // 1 -> 2: the FSRS state per profile and question, so the scheduler need not replay the
        // log; rebuilt here from each question's latest attempt.
        {
            QStringLiteral("CREATE TABLE cards ("
                           " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
                           " question_id TEXT NOT NULL,"
                           " state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),"
                           " step INTEGER NOT NULL DEFAULT 0,"
                           " stability REAL,"
                           " difficulty REAL,"
                           " due_ms INTEGER NOT NULL,"
                           " last_review_ms INTEGER,"
                           " reps INTEGER NOT NULL DEFAULT 0,"
                           " lapses INTEGER NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (profile_id, question_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX cards_due ON cards(profile_id, due_ms)"),
            QStringLiteral(
                "INSERT INTO cards (profile_id, question_id, state, step, stability, difficulty, due_ms,"
                " last_review_ms, reps, lapses)"
                " SELECT a.profile_id, a.question_id, a.state, 0, a.stability_after, a.difficulty_after,"
                "  a.time_ms + CAST(ROUND(a.interval_days * 86400000) AS INTEGER), a.time_ms,"
                "  (SELECT COUNT(*) FROM attempts r WHERE r.profile_id = a.profile_id"
                "    AND r.question_id = a.question_id AND r.rating IS NOT NULL),"
                "  (SELECT COUNT(*) FROM attempts r WHERE r.profile_id = a.profile_id"
                "    AND r.question_id = a.question_id AND r.rating = 1 AND r.state = 3"
                "    AND r.stability_before IS NOT NULL)"
                " FROM attempts a"
                " WHERE a.rating IS NOT NULL AND a.stability_after IS NOT NULL AND a.id = ("
                "  SELECT b.id FROM attempts b WHERE b.profile_id = a.profile_id AND b.question_id = a.question_id"
                "  AND b.rating IS NOT NULL ORDER BY b.time_ms DESC, b.id DESC LIMIT 1)"),
        },
        // 2 -> 3: mock-interview sessions; attempts remember their session, topic, learning step,
        // the card's state before the answer (Anki's revlog type) and the learner's study day, and
        // get covering indexes so statistics over 100,000 answers need no sorting (docs/quiz.md).
        {
            QStringLiteral("CREATE TABLE sessions ("
                           " id INTEGER PRIMARY KEY,"
                           " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
                           " mode TEXT NOT NULL,"
                           " started_ms INTEGER NOT NULL,"
                           " finished_ms INTEGER,"
                           " question_count INTEGER NOT NULL DEFAULT 0,"
                           " score REAL)"),
            QStringLiteral(
                "ALTER TABLE attempts ADD COLUMN session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL"),
            QStringLiteral("ALTER TABLE attempts ADD COLUMN topic TEXT"),
            QStringLiteral("ALTER TABLE attempts ADD COLUMN step INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE attempts ADD COLUMN state_before INTEGER CHECK (state_before BETWEEN 1 AND 3)"),
            QStringLiteral("ALTER TABLE attempts ADD COLUMN day INTEGER NOT NULL DEFAULT 0"),
            // Existing answers get the study day in this machine's time zone with the 4 am rollover.
            // (Floor division, so that even times before 1970 land on the right day.)
            QStringLiteral(
                "UPDATE attempts SET day = (SELECT CASE WHEN s >= 0 THEN s / 86400 ELSE -((86399 - s) / 86400) END"
                " FROM (SELECT CAST(strftime('%s', time_ms / 1000 - 14400, 'unixepoch', 'localtime') AS INTEGER) AS "
                "s))"),
            // The state before an answer is the state the previous graded answer left the card in.
            QStringLiteral(
                "UPDATE attempts SET state_before = ("
                " SELECT p.state FROM attempts p WHERE p.profile_id = attempts.profile_id"
                " AND p.question_id = attempts.question_id AND p.rating IS NOT NULL"
                " AND (p.time_ms < attempts.time_ms OR (p.time_ms = attempts.time_ms AND p.id < attempts.id))"
                " ORDER BY p.time_ms DESC, p.id DESC LIMIT 1) WHERE rating IS NOT NULL"),
            QStringLiteral("CREATE INDEX attempts_by_day ON attempts(profile_id, day, correct, state_before)"),
            QStringLiteral("CREATE INDEX attempts_by_question_time ON attempts(profile_id, question_id, elapsed_ms, "
                           "correct, topic)"),
            QStringLiteral("CREATE INDEX attempts_by_elapsed ON attempts(profile_id, elapsed_ms)"),
        },
    };
    return kMigrations;
}

ProgressStore::ProgressStore(const Clock *clock)
    : m_clock(clock ? clock : &Clock::system())
{
    static std::atomic<int> counter {0};
    m_connection = QStringLiteral("kafkalab-progress-%1").arg(counter.fetch_add(1));
}

ProgressStore::~ProgressStore()
{
    close();
}

QString ProgressStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("progress.sqlite"));
}

void ProgressStore::loadDriver()
{
    const QString name = QStringLiteral("kafkalab-load-driver");
    // Creating a connection instantiates the driver (the plugin stays loaded); the connection
    // is never opened and is gone before this returns.
    (void)QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    QSqlDatabase::removeDatabase(name);
}

QSqlDatabase ProgressStore::database() const
{
    if (!QSqlDatabase::contains(m_connection))
        return {};
    return QSqlDatabase::database(m_connection, false);
}

bool ProgressStore::isOpen() const
{
    return m_prepared != nullptr;
}

void ProgressStore::close()
{
    closeConnection();
    m_path.clear();
}

void ProgressStore::closeConnection()
{
    // Queries must go before the connection, and the connection before removeDatabase().
    m_prepared.reset();
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

Status ProgressStore::openConnection(const QString &path, bool readOnly)
{
    closeConnection();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!db.isValid())
        return Status::failure(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));
    db.setDatabaseName(path);
    if (readOnly)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open())
        return Status::failure(db.lastError().text());
    return {};
}

Status ProgressStore::exec(const QString &sql)
{
    QSqlQuery q(database());
    if (!q.exec(sql))
        return Status::failure(QStringLiteral("%1 (in: %2)").arg(sqlError(q), sql.left(120)));
    return {};
}

Status ProgressStore::probeExisting(const QString &path, bool *corrupt, QString *reason)
{
    *corrupt = false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray header = file.read(16);
    file.close();
    if (header.isEmpty())
        return {}; // an empty file is a new database to SQLite
    if (header != QByteArray("SQLite format 3\0", 16)) {
        *corrupt = true;
        *reason = QStringLiteral("not an SQLite database");
        return {};
    }
    // Look without writing: a read-only connection neither migrates nor switches journal mode.
    if (Status s = openConnection(path, true); !s) {
        *corrupt = true;
        *reason = s.error();
        closeConnection();
        return {};
    }
    Status result;
    {
        QSqlQuery q(database());
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            const QString code = q.lastError().nativeErrorCode();
            if (code == kSqliteCorrupt || code == kSqliteNotADb) {
                *corrupt = true;
                *reason = sqlError(q);
            } else {
                result = Status::failure(QStringLiteral("cannot read %1: %2").arg(path, sqlError(q)));
            }
        } else if (const int version = q.value(0).toInt(); version > kSchemaVersion) {
            result = Status::failure(
                QStringLiteral("progress database %1 has schema version %2, newer than this Kafka Lab supports (%3); "
                               "it was left untouched: update Kafka Lab, or use --db with another file")
                    .arg(path)
                    .arg(version)
                    .arg(kSchemaVersion));
        } else if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()) {
            *corrupt = true;
            *reason = sqlError(q);
        } else if (const QString check = q.value(0).toString(); check != u"ok") {
            *corrupt = true;
            *reason = QStringLiteral("integrity check failed: %1").arg(check);
        }
    }
    closeConnection();
    return result;
}

Status ProgressStore::moveAside(const QString &path, const QString &reason)
{
    const QString stamp = QDateTime::fromMSecsSinceEpoch(m_clock->nowMs()).toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = path + QStringLiteral(".corrupt-") + stamp;
    for (int i = 1; QFileInfo::exists(target); ++i)
        target = path + QStringLiteral(".corrupt-") + stamp + u'-' + QString::number(i);
    if (!QFile::rename(path, target))
        return Status::failure(QStringLiteral("progress database %1 is unreadable (%2) and could not be moved aside; "
                                              "move it away by hand")
                                   .arg(path, reason));
    // The journal files belong to the damaged database: keep them with it.
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        if (QFileInfo::exists(path + suffix))
            QFile::rename(path + suffix, target + suffix);
    }
    m_movedAside = target;
    m_notices.append(QStringLiteral("progress database %1 could not be read (%2); it was moved to %3 and a fresh "
                                    "one was started")
                         .arg(path, reason, target));
    return {};
}

Status ProgressStore::open(const QString &path, Durability durability)
{
    close();
    m_notices.clear();
    m_movedAside.reset();
    if (path.isEmpty())
        return Status::failure(QStringLiteral("no progress database path given"));
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Status::failure(QStringLiteral("%1 is not a file").arg(path));
    if (!QDir().mkpath(info.absolutePath()))
        return Status::failure(QStringLiteral("cannot create the directory %1").arg(info.absolutePath()));

    if (info.exists()) {
        bool corrupt = false;
        QString reason;
        if (Status s = probeExisting(path, &corrupt, &reason); !s)
            return s;
        if (corrupt) {
            if (Status s = moveAside(path, reason); !s)
                return s;
        }
    }

    if (Status s = openConnection(path, false); !s) {
        closeConnection();
        return Status::failure(QStringLiteral("cannot open progress database %1: %2").arg(path, s.error()));
    }
    {
        QSqlQuery q(database());
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next() || q.value(0).toString() != u"wal") {
            const QString why = q.lastError().isValid() ? sqlError(q) : q.value(0).toString();
            closeConnection();
            return Status::failure(QStringLiteral("cannot switch %1 to WAL mode: %2").arg(path, why));
        }
    }
    const QString sync = durability == Durability::Full ? QStringLiteral("FULL") : QStringLiteral("NORMAL");
    const QStringList pragmas
        = {QString(QStringLiteral("PRAGMA synchronous=") + sync), QStringLiteral("PRAGMA foreign_keys=ON"),
            // The app and kafkalab-cli may share a file: wait for the other's transaction.
            QStringLiteral("PRAGMA busy_timeout=5000")};
    for (const QString &pragma : pragmas) {
        if (Status s = exec(pragma); !s) {
            closeConnection();
            return s;
        }
    }
    if (Status s = migrate(); !s) {
        closeConnection();
        return Status::failure(QStringLiteral("cannot upgrade progress database %1: %2").arg(path, s.error()));
    }

    const QSqlDatabase db = database();
    m_prepared = std::make_unique<Prepared>(db);
    const bool prepared = m_prepared->begin.prepare(QStringLiteral("BEGIN IMMEDIATE"))
        && m_prepared->commit.prepare(QStringLiteral("COMMIT"))
        && m_prepared->rollback.prepare(QStringLiteral("ROLLBACK"))
        && m_prepared->insertAttempt.prepare(QStringLiteral(
            "INSERT INTO attempts (profile_id, question_id, time_ms, mode, answer, correct, rating, elapsed_ms,"
            " stability_before, difficulty_before, stability_after, difficulty_after, interval_days, state, session_id,"
            " topic, step, state_before, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        && m_prepared->upsertCard.prepare(QStringLiteral(
            "INSERT INTO cards (profile_id, question_id, state, step, stability, difficulty, due_ms, last_review_ms, "
            "reps,"
            " lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (profile_id, question_id) DO UPDATE SET state = excluded.state, step = excluded.step,"
            " stability = excluded.stability, difficulty = excluded.difficulty, due_ms = excluded.due_ms,"
            " last_review_ms = excluded.last_review_ms, reps = excluded.reps, lapses = excluded.lapses"));
    if (!prepared) {
        const QString why = m_prepared->upsertCard.lastError().text() + m_prepared->insertAttempt.lastError().text();
        closeConnection();
        return Status::failure(QStringLiteral("cannot prepare statements on %1: %2").arg(path, why));
    }
    m_path = path;
    return {};
}

qint64 ProgressStore::studyDay(qint64 timeMs) const
{
    const int offset = m_dayBoundary.utcOffsetSeconds.value_or(QDateTime::fromMSecsSinceEpoch(timeMs).offsetFromUtc());
    const qint64 local = timeMs + qint64(offset) * 1000 - qint64(m_dayBoundary.rolloverHour) * 3'600'000;
    // Floor division: moments before 1970 still land on the right day.
    return local >= 0 ? local / qint64(kDayMs) : -((-local + qint64(kDayMs) - 1) / qint64(kDayMs));
}

int ProgressStore::schemaVersion() const
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

Status ProgressStore::migrate()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Status::failure(sqlError(q));
    const int current = q.value(0).toInt();
    q.finish();
    if (current > kSchemaVersion)
        return Status::failure(QStringLiteral("schema version %1 is newer than this Kafka Lab supports (%2)")
                                   .arg(current)
                                   .arg(kSchemaVersion));
    const auto &steps = migrations();
    for (int version = current; version < kSchemaVersion; ++version) {
        // One transaction per step: a failed step leaves the database at the previous version.
        if (Status s = exec(QStringLiteral("BEGIN IMMEDIATE")); !s)
            return s;
        for (const QString &sql : steps.at(version)) {
            if (Status s = exec(sql); !s) {
                (void)exec(QStringLiteral("ROLLBACK"));
                return Status::failure(QStringLiteral("migration %1 failed: %2").arg(version + 1).arg(s.error()));
            }
        }
        if (Status s = exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1)); !s) {
            (void)exec(QStringLiteral("ROLLBACK"));
            return s;
        }
        if (Status s = exec(QStringLiteral("COMMIT")); !s) {
            (void)exec(QStringLiteral("ROLLBACK"));
            return Status::failure(QStringLiteral("migration %1 failed to commit: %2").arg(version + 1).arg(s.error()));
        }
    }
    return {};
}

Result<Profile> ProgressStore::ensureProfile(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Result<Profile>::failure(QStringLiteral("a profile needs a name"));
    if (!isOpen())
        return Result<Profile>::failure(QStringLiteral("the progress database is not open"));
    if (auto existing = findProfile(trimmed))
        return *existing;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO profiles (name, created_ms) VALUES (?, ?)"));
    q.addBindValue(trimmed);
    q.addBindValue(m_clock->nowMs());
    if (!q.exec())
        return Result<Profile>::failure(QStringLiteral("cannot create profile '%1': %2").arg(trimmed, sqlError(q)));
    return Profile {q.lastInsertId().toLongLong(), trimmed, m_clock->nowMs()};
}

std::optional<Profile> ProgressStore::findProfile(const QString &name) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id, name, created_ms FROM profiles WHERE name = ?"));
    q.addBindValue(name.trimmed());
    if (!q.exec() || !q.next())
        return std::nullopt;
    return Profile {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()};
}

QList<Profile> ProgressStore::profiles() const
{
    QList<Profile> out;
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT id, name, created_ms FROM profiles ORDER BY name")))
        return out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()});
    return out;
}

Status ProgressStore::renameProfile(qint64 profileId, const QString &newName)
{
    const QString trimmed = newName.trimmed();
    if (trimmed.isEmpty())
        return Status::failure(QStringLiteral("a profile needs a name"));
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE profiles SET name = ? WHERE id = ?"));
    q.addBindValue(trimmed);
    q.addBindValue(profileId);
    if (!q.exec())
        return Status::failure(QStringLiteral("cannot rename the profile to '%1': %2").arg(trimmed, sqlError(q)));
    if (q.numRowsAffected() != 1)
        return Status::failure(QStringLiteral("no profile with id %1").arg(profileId));
    return {};
}

Status ProgressStore::insertAttempt(const AttemptRecord &a)
{
    QSqlQuery &q = m_prepared->insertAttempt;
    q.bindValue(0, a.profileId);
    q.bindValue(1, a.questionId);
    q.bindValue(2, a.timeMs);
    q.bindValue(3, quizModeName(a.mode));
    // Qt binds a null QString as SQL NULL; an answer is never NULL, at most empty.
    q.bindValue(4, a.answer.isNull() ? QStringLiteral("") : a.answer);
    q.bindValue(5, a.correct ? QVariant(int(*a.correct)) : QVariant(QMetaType(QMetaType::Int)));
    q.bindValue(6, a.rating ? QVariant(int(*a.rating)) : QVariant(QMetaType(QMetaType::Int)));
    q.bindValue(7, a.elapsedMs);
    q.bindValue(8, nullable(a.before ? std::optional(a.before->stability) : std::nullopt));
    q.bindValue(9, nullable(a.before ? std::optional(a.before->difficulty) : std::nullopt));
    q.bindValue(10, nullable(a.after ? std::optional(a.after->stability) : std::nullopt));
    q.bindValue(11, nullable(a.after ? std::optional(a.after->difficulty) : std::nullopt));
    q.bindValue(12, a.intervalDays);
    q.bindValue(13, int(a.state));
    q.bindValue(14, nullableInt(a.sessionId));
    q.bindValue(15, a.topic.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(a.topic));
    q.bindValue(16, a.step);
    q.bindValue(17, a.stateBefore ? QVariant(int(*a.stateBefore)) : QVariant(QMetaType(QMetaType::Int)));
    q.bindValue(18, a.studyDay.value_or(studyDay(a.timeMs)));
    if (!q.exec())
        return Status::failure(QStringLiteral("cannot record the answer: %1").arg(sqlError(q)));
    return {};
}

Status ProgressStore::upsertCard(qint64 profileId, const QString &questionId, const FsrsCard &card)
{
    QSqlQuery &q = m_prepared->upsertCard;
    q.bindValue(0, profileId);
    q.bindValue(1, questionId);
    q.bindValue(2, int(card.state));
    q.bindValue(3, card.step);
    q.bindValue(4, nullable(card.memory ? std::optional(card.memory->stability) : std::nullopt));
    q.bindValue(5, nullable(card.memory ? std::optional(card.memory->difficulty) : std::nullopt));
    q.bindValue(6, card.dueMs);
    q.bindValue(7, nullableInt(card.lastReviewMs));
    q.bindValue(8, card.reps);
    q.bindValue(9, card.lapses);
    if (!q.exec())
        return Status::failure(QStringLiteral("cannot update the card: %1").arg(sqlError(q)));
    return {};
}

Result<qint64> ProgressStore::recordAnswer(const AttemptRecord &attempt, const FsrsCard &cardAfter)
{
    if (!isOpen())
        return Result<qint64>::failure(QStringLiteral("the progress database is not open"));
    if (attempt.questionId.isEmpty())
        return Result<qint64>::failure(QStringLiteral("an answer needs a question id"));
    if (!m_prepared->begin.exec())
        return Result<qint64>::failure(
            QStringLiteral("cannot start a transaction: %1").arg(sqlError(m_prepared->begin)));
    Status s = insertAttempt(attempt);
    const qint64 id = s ? m_prepared->insertAttempt.lastInsertId().toLongLong() : 0;
    if (s && attempt.rating)
        s = upsertCard(attempt.profileId, attempt.questionId, cardAfter);
    if (s && !m_prepared->commit.exec())
        s = Status::failure(QStringLiteral("cannot commit the answer: %1").arg(sqlError(m_prepared->commit)));
    if (!s) {
        m_prepared->rollback.exec();
        return Result<qint64>::failure(s.error());
    }
    return id;
}

QList<AttemptRecord> ProgressStore::attempts(qint64 profileId, qint64 sinceMs) const
{
    QList<AttemptRecord> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT id, question_id, topic, time_ms, mode, answer, correct, rating, elapsed_ms, stability_before,"
        " difficulty_before, stability_after, difficulty_after, interval_days, state, step, session_id, state_before, "
        "day"
        " FROM attempts WHERE profile_id = ? AND time_ms >= ? ORDER BY time_ms, id"));
    q.addBindValue(profileId);
    q.addBindValue(sinceMs);
    if (!q.exec())
        return out;
    while (q.next()) {
        AttemptRecord a;
        a.id = q.value(0).toLongLong();
        a.profileId = profileId;
        a.questionId = q.value(1).toString();
        a.topic = q.value(2).toString();
        a.timeMs = q.value(3).toLongLong();
        a.mode = quizModeFromString(q.value(4).toString()).value_or(QuizMode::Practice);
        a.answer = q.value(5).toString();
        if (!q.value(6).isNull())
            a.correct = q.value(6).toInt() != 0;
        if (!q.value(7).isNull())
            a.rating = Rating(std::clamp(q.value(7).toInt(), 1, 4));
        a.elapsedMs = q.value(8).toLongLong();
        if (const auto s = optDouble(q.value(9)); s && !q.value(10).isNull())
            a.before = MemoryState {*s, q.value(10).toDouble()};
        if (const auto s = optDouble(q.value(11)); s && !q.value(12).isNull())
            a.after = MemoryState {*s, q.value(12).toDouble()};
        a.intervalDays = q.value(13).toDouble();
        a.state = CardState(std::clamp(q.value(14).toInt(), 1, 3));
        a.step = q.value(15).toInt();
        if (!q.value(16).isNull())
            a.sessionId = q.value(16).toLongLong();
        if (!q.value(17).isNull())
            a.stateBefore = CardState(std::clamp(q.value(17).toInt(), 1, 3));
        a.studyDay = q.value(18).toLongLong();
        out.append(a);
    }
    return out;
}

qint64 ProgressStore::attemptCount(qint64 profileId) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM attempts WHERE profile_id = ?"));
    q.addBindValue(profileId);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

QHash<QString, FsrsCard> ProgressStore::cards(qint64 profileId) const
{
    QHash<QString, FsrsCard> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT question_id, state, step, stability, difficulty, due_ms, last_review_ms, reps,"
                             " lapses FROM cards WHERE profile_id = ?"));
    q.addBindValue(profileId);
    if (!q.exec())
        return out;
    while (q.next()) {
        FsrsCard c;
        c.state = CardState(std::clamp(q.value(1).toInt(), 1, 3));
        c.step = q.value(2).toInt();
        if (!q.value(3).isNull() && !q.value(4).isNull())
            c.memory = MemoryState {q.value(3).toDouble(), q.value(4).toDouble()};
        c.dueMs = q.value(5).toLongLong();
        if (!q.value(6).isNull())
            c.lastReviewMs = q.value(6).toLongLong();
        c.reps = q.value(7).toInt();
        c.lapses = q.value(8).toInt();
        out.insert(q.value(0).toString(), c);
    }
    return out;
}

Result<qint64> ProgressStore::startSession(qint64 profileId, QuizMode mode, qint64 startedMs, int questionCount)
{
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("INSERT INTO sessions (profile_id, mode, started_ms, question_count) VALUES (?, ?, ?, ?)"));
    q.addBindValue(profileId);
    q.addBindValue(quizModeName(mode));
    q.addBindValue(startedMs);
    q.addBindValue(questionCount);
    if (!q.exec())
        return Result<qint64>::failure(QStringLiteral("cannot start the session: %1").arg(sqlError(q)));
    return q.lastInsertId().toLongLong();
}

Status ProgressStore::finishSession(qint64 sessionId, qint64 finishedMs, double score)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE sessions SET finished_ms = ?, score = ? WHERE id = ?"));
    q.addBindValue(finishedMs);
    q.addBindValue(score);
    q.addBindValue(sessionId);
    if (!q.exec())
        return Status::failure(QStringLiteral("cannot finish the session: %1").arg(sqlError(q)));
    return {};
}

// ---- export / import -------------------------------------------------------------------------

namespace {

const QStringList &csvColumns()
{
    static const QStringList kColumns
        = {QStringLiteral("question_id"), QStringLiteral("topic"), QStringLiteral("time_ms"), QStringLiteral("mode"),
            QStringLiteral("answer"), QStringLiteral("correct"), QStringLiteral("rating"), QStringLiteral("elapsed_ms"),
            QStringLiteral("stability_before"), QStringLiteral("difficulty_before"), QStringLiteral("stability_after"),
            QStringLiteral("difficulty_after"), QStringLiteral("interval_days"), QStringLiteral("state"),
            QStringLiteral("step"), QStringLiteral("state_before"), QStringLiteral("day")};
    return kColumns;
}

QString csvQuote(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n') && !s.contains(u'\r'))
        return s;
    QString q = s;
    q.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + q + u'"';
}

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

/** RFC 4180 records; `error` set (with the 1-based line) on an unterminated quote. */
QList<QStringList> parseCsv(const QString &text, QString *error)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int quoteLine = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            quoteLine = line;
        } else if (c == u',') {
            row.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == u'\r') {
            continue;
        } else if (c == u'\n') {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            fieldStarted = false;
            ++line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        *error = QStringLiteral("line %1: quoted field is never closed").arg(quoteLine);
        return {};
    }
    if (fieldStarted || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

QJsonValue jsonNumber(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

} // namespace

Result<QByteArray> ProgressStore::exportJson(qint64 profileId) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT name FROM profiles WHERE id = ?"));
    q.addBindValue(profileId);
    if (!q.exec() || !q.next())
        return Result<QByteArray>::failure(QStringLiteral("no profile with id %1").arg(profileId));
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("kafkalab-progress"));
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("schemaVersion"), kSchemaVersion);
    root.insert(QStringLiteral("profile"), q.value(0).toString());
    root.insert(QStringLiteral("exportedMs"), m_clock->nowMs());
    QJsonArray attemptsJson;
    for (const AttemptRecord &a : attempts(profileId)) {
        QJsonObject o;
        o.insert(QStringLiteral("questionId"), a.questionId);
        o.insert(QStringLiteral("topic"), a.topic.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.topic));
        o.insert(QStringLiteral("timeMs"), a.timeMs);
        o.insert(QStringLiteral("mode"), quizModeName(a.mode));
        o.insert(QStringLiteral("answer"), a.answer);
        o.insert(QStringLiteral("correct"), a.correct ? QJsonValue(*a.correct) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("rating"), a.rating ? QJsonValue(int(*a.rating)) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("elapsedMs"), a.elapsedMs);
        o.insert(QStringLiteral("stabilityBefore"),
            jsonNumber(a.before ? std::optional(a.before->stability) : std::nullopt));
        o.insert(QStringLiteral("difficultyBefore"),
            jsonNumber(a.before ? std::optional(a.before->difficulty) : std::nullopt));
        o.insert(
            QStringLiteral("stabilityAfter"), jsonNumber(a.after ? std::optional(a.after->stability) : std::nullopt));
        o.insert(
            QStringLiteral("difficultyAfter"), jsonNumber(a.after ? std::optional(a.after->difficulty) : std::nullopt));
        o.insert(QStringLiteral("intervalDays"), a.intervalDays);
        o.insert(QStringLiteral("state"), cardStateName(a.state));
        o.insert(QStringLiteral("step"), a.step);
        o.insert(QStringLiteral("stateBefore"),
            a.stateBefore ? QJsonValue(cardStateName(*a.stateBefore)) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("day"), a.studyDay ? QJsonValue(*a.studyDay) : QJsonValue(QJsonValue::Null));
        attemptsJson.append(o);
    }
    root.insert(QStringLiteral("attempts"), attemptsJson);
    QJsonArray cardsJson;
    const auto all = cards(profileId);
    QStringList ids = all.keys();
    ids.sort();
    for (const QString &id : ids) {
        const FsrsCard &c = all.value(id);
        QJsonObject o;
        o.insert(QStringLiteral("questionId"), id);
        o.insert(QStringLiteral("state"), cardStateName(c.state));
        o.insert(QStringLiteral("step"), c.step);
        o.insert(QStringLiteral("stability"), jsonNumber(c.memory ? std::optional(c.memory->stability) : std::nullopt));
        o.insert(
            QStringLiteral("difficulty"), jsonNumber(c.memory ? std::optional(c.memory->difficulty) : std::nullopt));
        o.insert(QStringLiteral("dueMs"), c.dueMs);
        o.insert(QStringLiteral("lastReviewMs"),
            c.lastReviewMs ? QJsonValue(*c.lastReviewMs) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("reps"), c.reps);
        o.insert(QStringLiteral("lapses"), c.lapses);
        cardsJson.append(o);
    }
    root.insert(QStringLiteral("cards"), cardsJson);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<QString> ProgressStore::exportCsv(qint64 profileId) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT 1 FROM profiles WHERE id = ?"));
    q.addBindValue(profileId);
    if (!q.exec() || !q.next())
        return Result<QString>::failure(QStringLiteral("no profile with id %1").arg(profileId));
    QString out = csvColumns().join(u',') + QStringLiteral("\r\n");
    for (const AttemptRecord &a : attempts(profileId)) {
        const QStringList fields = {csvQuote(a.questionId), csvQuote(a.topic), QString::number(a.timeMs),
            quizModeName(a.mode), csvQuote(a.answer), a.correct ? QString::number(int(*a.correct)) : QString(),
            a.rating ? QString::number(int(*a.rating)) : QString(), QString::number(a.elapsedMs),
            a.before ? number(a.before->stability) : QString(), a.before ? number(a.before->difficulty) : QString(),
            a.after ? number(a.after->stability) : QString(), a.after ? number(a.after->difficulty) : QString(),
            number(a.intervalDays), cardStateName(a.state), QString::number(a.step),
            a.stateBefore ? cardStateName(*a.stateBefore) : QString(),
            a.studyDay ? QString::number(*a.studyDay) : QString()};
        out += fields.join(u',') + QStringLiteral("\r\n");
    }
    return out;
}

Result<ImportSummary> ProgressStore::importJson(const QByteArray &json, const QString &profileName)
{
    using R = Result<ImportSummary>;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        return R::failure(
            QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != u"kafkalab-progress")
        return R::failure(QStringLiteral("not a Kafka Lab progress export (\"format\" is not \"kafkalab-progress\")"));
    if (root.value(QStringLiteral("version")).toInt() != 1)
        return R::failure(QStringLiteral("unsupported progress export version %1 (this build reads version 1)")
                              .arg(root.value(QStringLiteral("version")).toInt()));

    auto optNum = [](const QJsonObject &o, const QString &key) -> std::optional<double> {
        const QJsonValue v = o.value(key);
        return v.isDouble() ? std::optional(v.toDouble()) : std::nullopt;
    };
    QList<AttemptRecord> attemptsIn;
    const QJsonArray attemptsJson = root.value(QStringLiteral("attempts")).toArray();
    for (qsizetype i = 0; i < attemptsJson.size(); ++i) {
        const QJsonObject o = attemptsJson.at(i).toObject();
        auto bad = [i](const QString &what) { return R::failure(QStringLiteral("attempts[%1]: %2").arg(i).arg(what)); };
        AttemptRecord a;
        a.questionId = o.value(QStringLiteral("questionId")).toString();
        if (a.questionId.isEmpty())
            return bad(QStringLiteral("questionId is missing"));
        a.topic = o.value(QStringLiteral("topic")).toString();
        if (!o.value(QStringLiteral("timeMs")).isDouble())
            return bad(QStringLiteral("timeMs is missing"));
        a.timeMs = qint64(o.value(QStringLiteral("timeMs")).toDouble());
        const auto mode = quizModeFromString(o.value(QStringLiteral("mode")).toString());
        if (!mode)
            return bad(QStringLiteral("mode must be practice, mock, review or mistakes"));
        a.mode = *mode;
        a.answer = o.value(QStringLiteral("answer")).toString();
        if (o.value(QStringLiteral("correct")).isBool())
            a.correct = o.value(QStringLiteral("correct")).toBool();
        if (const auto r = optNum(o, QStringLiteral("rating"))) {
            if (*r < 1 || *r > 4)
                return bad(QStringLiteral("rating must be 1 to 4"));
            a.rating = Rating(int(*r));
        }
        a.elapsedMs = qint64(o.value(QStringLiteral("elapsedMs")).toDouble());
        const auto sb = optNum(o, QStringLiteral("stabilityBefore"));
        const auto db = optNum(o, QStringLiteral("difficultyBefore"));
        if (sb && db)
            a.before = MemoryState {*sb, *db};
        const auto sa = optNum(o, QStringLiteral("stabilityAfter"));
        const auto da = optNum(o, QStringLiteral("difficultyAfter"));
        if (sa && da)
            a.after = MemoryState {*sa, *da};
        a.intervalDays = o.value(QStringLiteral("intervalDays")).toDouble();
        const auto state = cardStateFromString(o.value(QStringLiteral("state")).toString());
        if (!state)
            return bad(QStringLiteral("state must be learning, review or relearning"));
        a.state = *state;
        a.step = o.value(QStringLiteral("step")).toInt();
        if (const QJsonValue before = o.value(QStringLiteral("stateBefore")); before.isString()) {
            a.stateBefore = cardStateFromString(before.toString());
            if (!a.stateBefore)
                return bad(QStringLiteral("stateBefore must be learning, review, relearning or null"));
        }
        if (const auto day = optNum(o, QStringLiteral("day")))
            a.studyDay = qint64(*day);
        attemptsIn.append(a);
    }
    QList<std::pair<QString, FsrsCard>> cardsIn;
    const QJsonArray cardsJson = root.value(QStringLiteral("cards")).toArray();
    for (qsizetype i = 0; i < cardsJson.size(); ++i) {
        const QJsonObject o = cardsJson.at(i).toObject();
        const QString id = o.value(QStringLiteral("questionId")).toString();
        const auto state = cardStateFromString(o.value(QStringLiteral("state")).toString());
        if (id.isEmpty() || !state)
            return R::failure(
                QStringLiteral("cards[%1]: questionId and state (learning, review, relearning) are required").arg(i));
        FsrsCard c;
        c.state = *state;
        c.step = o.value(QStringLiteral("step")).toInt();
        const auto s = optNum(o, QStringLiteral("stability"));
        const auto d = optNum(o, QStringLiteral("difficulty"));
        if (s && d)
            c.memory = MemoryState {*s, *d};
        c.dueMs = qint64(o.value(QStringLiteral("dueMs")).toDouble());
        if (const auto last = optNum(o, QStringLiteral("lastReviewMs")))
            c.lastReviewMs = qint64(*last);
        c.reps = o.value(QStringLiteral("reps")).toInt();
        c.lapses = o.value(QStringLiteral("lapses")).toInt();
        cardsIn.append({id, c});
    }
    return importRecords(profileName, attemptsIn, cardsIn);
}

Result<ImportSummary> ProgressStore::importCsv(const QString &csv, const QString &profileName)
{
    using R = Result<ImportSummary>;
    QString error;
    const QList<QStringList> rows = parseCsv(csv, &error);
    if (!error.isEmpty())
        return R::failure(error);
    if (rows.isEmpty())
        return R::failure(QStringLiteral("line 1: empty file; expected the header %1").arg(csvColumns().join(u',')));
    const QStringList header = rows.first();
    QHash<QString, int> col;
    for (int i = 0; i < header.size(); ++i)
        col.insert(header.at(i).trimmed(), i);
    for (const QString &required : {QStringLiteral("question_id"), QStringLiteral("time_ms"), QStringLiteral("mode")}) {
        if (!col.contains(required))
            return R::failure(QStringLiteral("line 1: the header has no '%1' column").arg(required));
    }
    auto field = [&](const QStringList &row, const QString &name) {
        const int i = col.value(name, -1);
        return i >= 0 && i < row.size() ? row.at(i).trimmed() : QString();
    };
    QList<AttemptRecord> attemptsIn;
    QHash<QString, AttemptRecord> latest;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList &row = rows.at(r);
        if (row.size() == 1 && row.first().trimmed().isEmpty())
            continue;
        auto bad
            = [r](const QString &what) { return R::failure(QStringLiteral("record %1: %2").arg(r + 1).arg(what)); };
        AttemptRecord a;
        a.questionId = field(row, QStringLiteral("question_id"));
        if (a.questionId.isEmpty())
            return bad(QStringLiteral("question_id is empty"));
        a.topic = field(row, QStringLiteral("topic"));
        bool ok = false;
        a.timeMs = field(row, QStringLiteral("time_ms")).toLongLong(&ok);
        if (!ok)
            return bad(QStringLiteral("time_ms must be a whole number of milliseconds"));
        const auto mode = quizModeFromString(field(row, QStringLiteral("mode")));
        if (!mode)
            return bad(QStringLiteral("mode must be practice, mock, review or mistakes"));
        a.mode = *mode;
        a.answer = col.contains(QStringLiteral("answer")) && col.value(QStringLiteral("answer")) < row.size()
            ? row.at(col.value(QStringLiteral("answer")))
            : QString();
        if (const QString c = field(row, QStringLiteral("correct")); !c.isEmpty()) {
            if (c != u"0" && c != u"1")
                return bad(QStringLiteral("correct must be 0, 1 or empty"));
            a.correct = c == u"1";
        }
        if (const QString g = field(row, QStringLiteral("rating")); !g.isEmpty()) {
            const int v = g.toInt(&ok);
            if (!ok || v < 1 || v > 4)
                return bad(QStringLiteral("rating must be 1 to 4 or empty"));
            a.rating = Rating(v);
        }
        a.elapsedMs = field(row, QStringLiteral("elapsed_ms")).toLongLong();
        auto num = [&](const QString &name) -> std::optional<double> {
            const QString v = field(row, name);
            bool good = false;
            const double d = v.toDouble(&good);
            return good ? std::optional(d) : std::nullopt;
        };
        if (const auto s = num(QStringLiteral("stability_before")), d = num(QStringLiteral("difficulty_before"));
            s && d)
            a.before = MemoryState {*s, *d};
        if (const auto s = num(QStringLiteral("stability_after")), d = num(QStringLiteral("difficulty_after")); s && d)
            a.after = MemoryState {*s, *d};
        a.intervalDays = num(QStringLiteral("interval_days")).value_or(0.0);
        const QString stateText = field(row, QStringLiteral("state"));
        const auto state = stateText.isEmpty() ? std::optional(CardState::Learning) : cardStateFromString(stateText);
        if (!state)
            return bad(QStringLiteral("state must be learning, review or relearning"));
        a.state = *state;
        a.step = field(row, QStringLiteral("step")).toInt();
        if (const QString before = field(row, QStringLiteral("state_before")); !before.isEmpty()) {
            a.stateBefore = cardStateFromString(before);
            if (!a.stateBefore)
                return bad(QStringLiteral("state_before must be learning, review, relearning or empty"));
        }
        if (const QString day = field(row, QStringLiteral("day")); !day.isEmpty()) {
            a.studyDay = day.toLongLong(&ok);
            if (!ok)
                return bad(QStringLiteral("day must be a whole number"));
        }
        attemptsIn.append(a);
        if (a.rating && a.after) {
            auto it = latest.find(a.questionId);
            if (it == latest.end() || it->timeMs <= a.timeMs)
                latest.insert(a.questionId, a);
        }
    }
    // CSV carries no card table: a card is the state after the question's latest rated answer.
    QList<std::pair<QString, FsrsCard>> cardsIn;
    for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
        FsrsCard c;
        c.state = it->state;
        c.step = it->step;
        c.memory = it->after;
        c.lastReviewMs = it->timeMs;
        c.dueMs = it->timeMs + qint64(std::llround(it->intervalDays * kDayMs));
        for (const AttemptRecord &a : attemptsIn) {
            if (a.questionId == it.key() && a.rating) {
                ++c.reps;
                if (*a.rating == Rating::Again && a.before && a.state == CardState::Relearning)
                    ++c.lapses;
            }
        }
        cardsIn.append({it.key(), c});
    }
    return importRecords(profileName, attemptsIn, cardsIn);
}

Result<ImportSummary> ProgressStore::importRecords(const QString &profileName, const QList<AttemptRecord> &attemptsIn,
    const QList<std::pair<QString, FsrsCard>> &cardsIn)
{
    using R = Result<ImportSummary>;
    if (!isOpen())
        return R::failure(QStringLiteral("the progress database is not open"));
    const auto profile = ensureProfile(profileName);
    if (!profile)
        return R::failure(profile.error());
    const qint64 pid = profile->id;

    // Everything or nothing: a bad row half-way leaves the profile as it was.
    if (Status s = exec(QStringLiteral("BEGIN IMMEDIATE")); !s)
        return R::failure(s.error());
    // Files from older exports lack the state before each answer: the previous graded answer to
    // the same question (in the file) tells it.
    QList<AttemptRecord> rows = attemptsIn;
    std::stable_sort(
        rows.begin(), rows.end(), [](const AttemptRecord &x, const AttemptRecord &y) { return x.timeMs < y.timeMs; });
    QHash<QString, CardState> lastState;
    for (AttemptRecord &a : rows) {
        if (!a.rating)
            continue;
        if (!a.stateBefore) {
            if (const auto it = lastState.constFind(a.questionId); it != lastState.constEnd())
                a.stateBefore = *it;
        }
        lastState.insert(a.questionId, a.state);
    }
    ImportSummary summary;
    QSqlQuery exists(database());
    exists.prepare(
        QStringLiteral("SELECT 1 FROM attempts WHERE profile_id = ? AND question_id = ? AND time_ms = ? LIMIT 1"));
    QSqlQuery lastReview(database());
    lastReview.prepare(QStringLiteral("SELECT last_review_ms FROM cards WHERE profile_id = ? AND question_id = ?"));
    auto fail = [this](const QString &error) {
        (void)exec(QStringLiteral("ROLLBACK"));
        return R::failure(error);
    };
    for (AttemptRecord a : rows) {
        exists.bindValue(0, pid);
        exists.bindValue(1, a.questionId);
        exists.bindValue(2, a.timeMs);
        if (!exists.exec())
            return fail(sqlError(exists));
        const bool present = exists.next();
        exists.finish();
        if (present) {
            ++summary.attemptsSkipped;
            continue;
        }
        a.profileId = pid;
        a.sessionId.reset(); // sessions are not exported
        if (Status s = insertAttempt(a); !s)
            return fail(s.error());
        ++summary.attemptsImported;
    }
    for (const auto &[id, card] : cardsIn) {
        lastReview.bindValue(0, pid);
        lastReview.bindValue(1, id);
        if (!lastReview.exec())
            return fail(sqlError(lastReview));
        const bool have = lastReview.next();
        const qint64 existing = have ? lastReview.value(0).toLongLong() : 0;
        lastReview.finish();
        if (have && existing >= card.lastReviewMs.value_or(0))
            continue;
        if (Status s = upsertCard(pid, id, card); !s)
            return fail(s.error());
        ++summary.cardsUpdated;
    }
    if (Status s = exec(QStringLiteral("COMMIT")); !s)
        return fail(s.error());
    return summary;
}

} // namespace kafkalab::quiz
