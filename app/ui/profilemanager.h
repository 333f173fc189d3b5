#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace kafkalab::quiz {
class ProgressStore;
}

namespace kafkalab::app {

/**
 * The learner profiles of one progress database and the profile in use.
 *
 * Profiles are those of `kafkalab-cli quiz … --profile NAME`: rows of the shared progress
 * database (ProgressStore, `progress.sqlite` in the data directory unless `--db` says otherwise),
 * `default` when none is named. Each profile also keeps its own settings file (theme, font scale,
 * whether the welcome was shown): `kafkalab.conf` for `default`, `kafkalab-NAME.conf` for the
 * others, as `kafkalab --profile NAME` has always done.
 *
 * Opening the database never blocks or throws: a newer database is refused untouched and a
 * corrupt one is moved aside by the store; problem() says so, and quizzes still run (unrecorded
 * when there is no database).
 */
class ProfileManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileManager)

public:
    /** The profile used when none is named, as in the CLI. */
    [[nodiscard]] static QString defaultProfileName();

    /**
     * Chooses the profile at start-up, before anything reads QSettings: `requested` (the
     * `--profile` option), else the one last switched to, else `default`. Points QSettings at
     * that profile's file and remembers `databasePath` (empty: ProgressStore::defaultPath(),
     * resolved before the settings name changes). Returns the profile's name.
     */
    static QString prepareStartup(const QString &requested, const QString &databasePath = {});

    /** Opens the database and profile chosen by prepareStartup() (or the defaults). */
    explicit ProfileManager(QObject *parent = nullptr);
    /**
     * Opens `databasePath` with `profile` (tests, tools). Unlike the start-up profile, it leaves the
     * process's settings file alone until switchTo().
     */
    ProfileManager(const QString &databasePath, const QString &profile, QObject *parent = nullptr);
    ~ProfileManager() override;

    /** The store; closed when the database could not be opened (see problem()). */
    [[nodiscard]] quiz::ProgressStore &store() const noexcept { return *m_store; }
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QString databasePath() const { return m_path; }
    /** What the user should know about the database: why it was refused, or where a corrupt file went. */
    [[nodiscard]] QString problem() const { return m_problem; }
    /** Whether problem() is an error (nothing is recorded) rather than a notice. */
    [[nodiscard]] bool isRefused() const { return m_refused; }

    [[nodiscard]] QString currentName() const { return m_current; }
    /** The current profile's id in the store, 0 when the store is not open. */
    [[nodiscard]] qint64 currentId() const noexcept { return m_currentId; }
    /** Every profile in the database by name (the current one included even when the store is closed). */
    [[nodiscard]] QStringList profileNames() const;

    /** Why `name` cannot be a new profile, or nullopt when it can. */
    [[nodiscard]] std::optional<QString> checkNewName(const QString &name) const;
    /** Creates a profile (without switching to it); the error is a sentence for the user. */
    std::optional<QString> createProfile(const QString &name);
    /** Switches to a profile (created if needed): its settings, its answers; remembered for the next start. */
    std::optional<QString> switchTo(const QString &name);
    /**
     * Deletes a profile that is not the current one. Its answers are first exported to
     * `deleted-profiles/NAME-YYYYMMDD-HHMMSS.json` next to the database (`backupPath`), so a
     * mistaken click loses nothing; `kafkalab-cli quiz progress import` brings them back.
     */
    std::optional<QString> deleteProfile(const QString &name, QString *backupPath = nullptr);

    /** The QSettings application name of a profile's settings file. */
    [[nodiscard]] static QString settingsNameFor(const QString &profile);
    /** Whether the current profile has not seen the welcome yet (its first start). */
    [[nodiscard]] bool isFirstRun() const;
    void setWelcomeShown(bool shown);

    /** Tells the pages that answers were recorded (the Progress page refreshes). */
    void notifyAttemptsChanged();

Q_SIGNALS:
    /** Another profile is in use (its settings are applied already). */
    void profileChanged(const QString &name);
    /** A profile was created or deleted. */
    void profilesChanged();
    /** Answers were recorded for the current profile. */
    void attemptsChanged();

private:
    void open(const QString &path);
    std::optional<QString> useProfile(const QString &name);
    void applySettingsFile();

    std::unique_ptr<quiz::ProgressStore> m_store;
    QString m_path;
    QString m_problem;
    bool m_refused = false;
    QString m_current;
    qint64 m_currentId = 0;
};

} // namespace kafkalab::app
