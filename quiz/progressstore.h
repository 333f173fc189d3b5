#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "quiz/fsrs.h"
#include "quiz/fsrsscheduler.h"
#include "quiz/result.h"

class QSqlDatabase;

namespace kafkalab::quiz {

class Clock;

/** The quiz modes (DESIGN §6), as stored in attempts.mode. */
enum class QuizMode {
    Practice,
    Mock,
    Review,
    Mistakes,
};
/** "practice", "mock", "review" or "mistakes". */
QString quizModeName(QuizMode mode);
std::optional<QuizMode> quizModeFromString(const QString &text);

/** A learner (classrooms keep one profile per student). */
struct Profile
{
    qint64 id = 0;
    QString name;
    qint64 createdMs = 0;
};

/**
 * One answer, in the style of Anki's review log: enough to recompute every chart and the
 * scheduler's state.
 */
struct AttemptRecord
{
    qint64 id = 0; ///< assigned by the store
    qint64 profileId = 0;
    QString questionId;
    /** The question's topic when answered (may be empty for rows migrated from schema 1-2). */
    QString topic;
    /** When the answer was given, ms since the epoch. */
    qint64 timeMs = 0;
    QuizMode mode = QuizMode::Practice;
    /** The answer as the user gave it (option letters, text, order), for review and export. */
    QString answer;
    /** Whether it was right; absent when not graded (a recall question before self-grading). */
    std::optional<bool> correct;
    /** The FSRS rating the answer gave the card. */
    std::optional<Rating> rating;
    /** Time spent on the question, ms. */
    qint64 elapsedMs = 0;
    std::optional<MemoryState> before;
    std::optional<MemoryState> after;
    /** Time until the next review, days (fractions for learning steps). */
    double intervalDays = 0.0;
    /** Card state and step after the answer. */
    CardState state = CardState::Learning;
    int step = 0;
    /** The card's state before the answer (absent for a new card), like the type column of Anki's revlog. */
    std::optional<CardState> stateBefore;
    /**
     * The learner's study day of the answer (days since 1970-01-01 in local time, days starting
     * at the rollover hour). Filled in by the store from timeMs when absent.
     */
    std::optional<qint64> studyDay;
    std::optional<qint64> sessionId;
};

/** When a study day starts: streaks, daily charts and "due today" count in these days. */
struct DayBoundary
{
    /** Local hour a new day starts (Anki's 4 am: an answer at 1 am belongs to the evening before). */
    int rolloverHour = 4;
    /** Offset of local time from UTC in seconds; absent = the machine's time zone at each moment. */
    std::optional<int> utcOffsetSeconds;
};

/** What an import did. */
struct ImportSummary
{
    int attemptsImported = 0;
    int attemptsSkipped = 0; ///< already present (same question and time)
    int cardsUpdated = 0;
};

/** How hard a commit waits for the disk. */
enum class Durability {
    /** fsync on every commit: an answer survives a power cut once `recorded` is printed. */
    Full,
    /** WAL without fsync per commit: survives a crash of the app, not of the machine. */
    Normal,
};

/**
 * The learner's progress in SQLite (Qt Sql, QSQLITE): profiles, the attempts log, the FSRS card
 * state per profile and question, and mock-interview sessions.
 *
 * WAL journal, one transaction per answer, schema version in `PRAGMA user_version` with
 * forward-only numbered migrations, each in its own transaction. A database newer than this
 * build is refused untouched; a file that is not a readable SQLite database is moved aside to
 * `NAME.corrupt-YYYYMMDD-HHMMSS` (never deleted) and a fresh one is started. Not thread-safe:
 * use one store per thread.
 */
class ProgressStore
{
public:
    /** The schema version this build writes. */
    static constexpr int kSchemaVersion = 3;

    /** `clock` names moved-aside files; the machine's clock when null. */
    explicit ProgressStore(const Clock *clock = nullptr);
    ~ProgressStore();
    ProgressStore(const ProgressStore &) = delete;
    ProgressStore &operator=(const ProgressStore &) = delete;

    /** progress.sqlite in QStandardPaths::AppDataLocation. */
    static QString defaultPath();

    /**
     * Loads Qt's SQLite driver plugin (and SQLite with it) without opening a database: the
     * dynamic loading the first open() would otherwise pay, about 3 ms. Thread-safe; the app
     * runs it on another thread while its window is built (QSqlDatabase connections themselves
     * stay on the thread that opens them).
     */
    static void loadDriver();

    /**
     * Opens (creating or migrating) the database at `path`. Fails, leaving the file as it was,
     * when it is newer than this build or a migration fails; recovers from a corrupt file by
     * moving it aside (see notices()).
     */
    Status open(const QString &path, Durability durability = Durability::Full);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    /** Things the user should know about the last open(), such as a corrupt file moved aside. */
    const QStringList &notices() const { return m_notices; }
    /** Where a corrupt file was moved by the last open(), if it was. */
    const std::optional<QString> &movedAsidePath() const { return m_movedAside; }
    /** The schema version of the open database. */
    int schemaVersion() const;

    /** The migration steps: entry i takes the schema from version i to i + 1. */
    static const QList<QStringList> &migrations();

    /** Sets how study days are counted for answers recorded from now on (and for "today"). */
    void setDayBoundary(const DayBoundary &boundary) { m_dayBoundary = boundary; }
    const DayBoundary &dayBoundary() const { return m_dayBoundary; }
    /** The study day of a moment: days since 1970-01-01, local time, starting at the rollover hour. */
    qint64 studyDay(qint64 timeMs) const;

    // Profiles
    Result<Profile> ensureProfile(const QString &name);
    std::optional<Profile> findProfile(const QString &name) const;
    QList<Profile> profiles() const;
    Status renameProfile(qint64 profileId, const QString &newName);

    // Answers
    /**
     * Records one answer and the card state it produced in a single transaction: when this
     * returns success the answer is committed. Returns the attempt id.
     */
    Result<qint64> recordAnswer(const AttemptRecord &attempt, const FsrsCard &cardAfter);
    /** The profile's attempts, oldest first (optionally from `sinceMs`). */
    QList<AttemptRecord> attempts(qint64 profileId, qint64 sinceMs = 0) const;
    /** The FSRS cards of a profile by question id. */
    QHash<QString, FsrsCard> cards(qint64 profileId) const;
    /** Number of attempts of a profile. */
    qint64 attemptCount(qint64 profileId) const;

    // Mock-interview sessions
    Result<qint64> startSession(qint64 profileId, QuizMode mode, qint64 startedMs, int questionCount);
    Status finishSession(qint64 sessionId, qint64 finishedMs, double score);

    // Export and import of one profile's progress
    /** `{"format": "kafkalab-progress", "version": 1, "profile", "attempts": […], "cards": […]}`. */
    Result<QByteArray> exportJson(qint64 profileId) const;
    /** The attempts as RFC 4180 CSV with a header row. */
    Result<QString> exportCsv(qint64 profileId) const;
    /**
     * Imports into `profileName` (created if needed) in one transaction: attempts already present
     * (same question and time) are skipped; a card is replaced only by a newer one.
     */
    Result<ImportSummary> importJson(const QByteArray &json, const QString &profileName);
    /** Same from CSV; cards are rebuilt from each question's latest imported attempt. */
    Result<ImportSummary> importCsv(const QString &csv, const QString &profileName);

    /** The connection, for statistics and tests; invalid when closed. */
    QSqlDatabase database() const;

private:
    struct Prepared;

    Status openConnection(const QString &path, bool readOnly);
    void closeConnection();
    Status probeExisting(const QString &path, bool *corrupt, QString *reason);
    Status moveAside(const QString &path, const QString &reason);
    Status migrate();
    Status exec(const QString &sql);
    Status insertAttempt(const AttemptRecord &attempt);
    Status upsertCard(qint64 profileId, const QString &questionId, const FsrsCard &card);
    Result<ImportSummary> importRecords(const QString &profileName, const QList<AttemptRecord> &attempts,
        const QList<std::pair<QString, FsrsCard>> &cards);

    const Clock *m_clock;
    DayBoundary m_dayBoundary;
    QString m_connection;
    QString m_path;
    QStringList m_notices;
    std::optional<QString> m_movedAside;
    std::unique_ptr<Prepared> m_prepared;
};

} // namespace kafkalab::quiz
