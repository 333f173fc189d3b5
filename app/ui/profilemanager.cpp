#include "profilemanager.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include "quiz/progressstore.h"

namespace kafkalab::app {
namespace {

constexpr int kMaxNameLength = 64;
const QString kLastProfileKey = QStringLiteral("profiles/last");
const QString kWelcomeKey = QStringLiteral("welcome/shown");

/** What start-up decided; the profile follows every switch, since QSettings' file is process-wide. */
struct Startup
{
    QString baseName;
    QString databasePath;
    QString profile;
};

Startup &startup()
{
    static Startup s;
    if (s.baseName.isEmpty())
        s.baseName = QCoreApplication::applicationName();
    return s;
}

/** The settings shared by every profile of this machine (which profile was used last). */
QSettings baseSettings()
{
    return QSettings(QCoreApplication::organizationName(), startup().baseName);
}

} // namespace

QString ProfileManager::defaultProfileName()
{
    return QStringLiteral("default");
}

QString ProfileManager::settingsNameFor(const QString &profile)
{
    const QString base = startup().baseName;
    if (profile.isEmpty() || profile == defaultProfileName())
        return base;
    // A name from the database may hold anything (the CLI accepts any): keep it a plain file name.
    return base + u'-' + QString::fromLatin1(QUrl::toPercentEncoding(profile, " @+"));
}

QString ProfileManager::prepareStartup(const QString &requested, const QString &databasePath)
{
    Startup &s = startup();
    // Resolved before the settings name changes: every profile shares one database, as in the CLI.
    s.databasePath = databasePath.isEmpty() ? quiz::ProgressStore::defaultPath() : databasePath;
    QString name = requested.trimmed();
    if (name.isEmpty())
        name = baseSettings().value(kLastProfileKey).toString().trimmed();
    if (name.isEmpty())
        name = defaultProfileName();
    s.profile = name;
    QCoreApplication::setApplicationName(settingsNameFor(name));
    return name;
}

ProfileManager::ProfileManager(QObject *parent)
    : QObject(parent)
{
    Startup &s = startup();
    if (s.databasePath.isEmpty())
        s.databasePath = quiz::ProgressStore::defaultPath();
    open(s.databasePath);
    (void)useProfile(s.profile.isEmpty() ? defaultProfileName() : s.profile);
    applySettingsFile();
}

ProfileManager::ProfileManager(const QString &databasePath, const QString &profile, QObject *parent)
    : QObject(parent)
{
    open(databasePath);
    (void)useProfile(profile.trimmed().isEmpty() ? defaultProfileName() : profile.trimmed());
}

ProfileManager::~ProfileManager() = default;

void ProfileManager::open(const QString &path)
{
    m_store = std::make_unique<quiz::ProgressStore>();
    m_path = path;
    const quiz::Status status = m_store->open(path);
    if (!status) {
        // A newer database is left untouched; quizzes still run, but nothing can be recorded.
        m_refused = true;
        m_problem = tr("Your answers are not being saved. %1").arg(status.error());
        return;
    }
    if (!m_store->notices().isEmpty())
        m_problem = m_store->notices().join(u'\n');
}

bool ProfileManager::isOpen() const
{
    return m_store->isOpen();
}

std::optional<QString> ProfileManager::useProfile(const QString &name)
{
    qint64 id = 0;
    if (m_store->isOpen()) {
        // The first start of a profile creates it.
        const auto profile = m_store->ensureProfile(name);
        if (!profile)
            return profile.error();
        id = profile->id;
    }
    m_current = name;
    m_currentId = id;
    return std::nullopt;
}

void ProfileManager::applySettingsFile()
{
    // QSettings' file is process-wide: the window's profile decides it, and later windows follow.
    startup().profile = m_current;
    QCoreApplication::setApplicationName(settingsNameFor(m_current));
}

QStringList ProfileManager::profileNames() const
{
    QStringList names;
    if (m_store->isOpen())
        for (const quiz::Profile &p : m_store->profiles())
            names.append(p.name);
    if (!names.contains(m_current))
        names.append(m_current);
    std::sort(names.begin(), names.end(),
        [](const QString &a, const QString &b) { return QString::compare(a, b, Qt::CaseInsensitive) < 0; });
    return names;
}

std::optional<QString> ProfileManager::checkNewName(const QString &name) const
{
    const QString n = name.trimmed();
    if (n.isEmpty())
        return tr("A profile needs a name.");
    if (n.size() > kMaxNameLength)
        return tr("A profile name has at most %1 characters.").arg(kMaxNameLength);
    for (const QChar c : n) {
        if (!c.isLetterOrNumber() && !QStringLiteral(" -_.@+").contains(c))
            return tr("Use letters, digits, spaces and - _ . @ + in a profile name.");
    }
    if (n.startsWith(u'.'))
        return tr("A profile name cannot start with a dot.");
    for (const QString &existing : profileNames())
        if (QString::compare(existing, n, Qt::CaseInsensitive) == 0)
            return tr("There is already a profile named “%1”.").arg(existing);
    return std::nullopt;
}

std::optional<QString> ProfileManager::createProfile(const QString &name)
{
    if (auto problem = checkNewName(name))
        return problem;
    if (!m_store->isOpen())
        return tr("Profiles cannot be created while the progress database is not open.");
    const auto profile = m_store->ensureProfile(name.trimmed());
    if (!profile)
        return profile.error();
    Q_EMIT profilesChanged();
    return std::nullopt;
}

std::optional<QString> ProfileManager::switchTo(const QString &name)
{
    const QString n = name.trimmed();
    if (n == m_current)
        return std::nullopt;
    const bool known = profileNames().contains(n);
    if (!known) {
        if (auto problem = checkNewName(n))
            return problem;
    }
    if (auto error = useProfile(n))
        return error;
    applySettingsFile();
    QSettings base = baseSettings();
    base.setValue(kLastProfileKey, n);
    if (!known)
        Q_EMIT profilesChanged();
    Q_EMIT profileChanged(n);
    return std::nullopt;
}

std::optional<QString> ProfileManager::deleteProfile(const QString &name, QString *backupPath)
{
    if (name == m_current)
        return tr("“%1” is in use: switch to another profile before deleting it.").arg(name);
    if (!m_store->isOpen())
        return tr("Profiles cannot be deleted while the progress database is not open.");
    const auto profile = m_store->findProfile(name);
    if (!profile)
        return tr("There is no profile named “%1”.").arg(name);

    // Nothing is lost by a wrong click: the answers go to a file the CLI can import again.
    const auto json = m_store->exportJson(profile->id);
    if (!json)
        return tr("The answers of “%1” could not be exported, so it was kept: %2").arg(name, json.error());
    const QDir dir(QFileInfo(m_path).absoluteDir().filePath(QStringLiteral("deleted-profiles")));
    if (!QDir().mkpath(dir.path()))
        return tr("Cannot create %1, so “%2” was kept.").arg(dir.path(), name);
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString file = dir.filePath(
        QString::fromLatin1(QUrl::toPercentEncoding(name, " @+")) + u'-' + stamp + QStringLiteral(".json"));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(*json) != json->size() || !out.commit())
        return tr("Cannot write %1 (%2), so “%3” was kept.").arg(file, out.errorString(), name);

    // ON DELETE CASCADE removes the profile's attempts, cards and sessions in the same statement.
    QSqlQuery q(m_store->database());
    q.prepare(QStringLiteral("DELETE FROM profiles WHERE id = ?"));
    q.addBindValue(profile->id);
    if (!q.exec())
        return tr("“%1” could not be deleted: %2").arg(name, q.lastError().text());
    QSettings(QCoreApplication::organizationName(), settingsNameFor(name)).clear();
    QSettings base = baseSettings();
    if (base.value(kLastProfileKey).toString() == name)
        base.remove(kLastProfileKey);
    if (backupPath != nullptr)
        *backupPath = file;
    Q_EMIT profilesChanged();
    return std::nullopt;
}

bool ProfileManager::isFirstRun() const
{
    return !QSettings(QCoreApplication::organizationName(), settingsNameFor(m_current)).value(kWelcomeKey).toBool();
}

void ProfileManager::setWelcomeShown(bool shown)
{
    QSettings(QCoreApplication::organizationName(), settingsNameFor(m_current)).setValue(kWelcomeKey, shown);
}

void ProfileManager::notifyAttemptsChanged()
{
    Q_EMIT attemptsChanged();
}

} // namespace kafkalab::app
