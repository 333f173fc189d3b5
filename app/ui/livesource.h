#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

#include "app/ui/statesource.h"
#include "live/liveclusterstate.h"
#include "live/liveconfig.h"
#include "live/liveproducer.h"
#include "live/livetail.h"

class QThread;
class QTimer;

namespace kafkalab::app {

/**
 * A real cluster behind the same views as the simulator: kafkalab_live describes it on a worker
 * thread every refresh interval and the results come back as ClusterSnapshot / GroupsSnapshot;
 * records read by a tail fill the partition log. The UI thread never waits for the network.
 *
 * Read-only by default: fault commands are refused, and a test record can be written only after
 * setWritesUnlocked(true).
 */
class LiveSource final : public StateSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSource)

public:
    enum class Status {
        Disconnected,
        Connecting, ///< the first describe is running
        Connected, ///< the last describe succeeded
        Failed, ///< the last describe failed; the last good state (if any) is still shown
    };

    explicit LiveSource(QObject *parent = nullptr);
    ~LiveSource() override;

    /**
     * Connects with `settings` (replacing any connection), describing the cluster now and then every
     * `refreshMs`. `groups` are described by name as well as every group the cluster lists.
     */
    void connectTo(const live::ConnectionSettings &settings, const QStringList &groups, int refreshMs);
    void disconnectFromCluster();
    /** Describes now unless a describe is already running. */
    void refreshNow();
    void setRefreshInterval(int ms);
    [[nodiscard]] int refreshInterval() const noexcept { return m_refreshMs; }

    [[nodiscard]] Status status() const noexcept { return m_status; }
    /** One line for the status bar: connection, counts, controller, last refresh or the error. */
    [[nodiscard]] QString statusText() const;
    /** The last error (connecting or refreshing), cleared by a successful describe. */
    [[nodiscard]] const std::optional<live::LiveError> &lastError() const noexcept { return m_lastError; }
    /** The last successful description, with what could not be read in `problems`. */
    [[nodiscard]] const live::LiveClusterState &state() const noexcept { return m_state; }
    /** Topics seen in the last refresh that were gone in this one (deleted while shown). */
    [[nodiscard]] const QStringList &vanishedTopics() const noexcept { return m_vanished; }
    [[nodiscard]] bool isConnected() const noexcept { return m_session != nullptr; }
    [[nodiscard]] bool isRefreshing() const noexcept { return m_refreshing; }
    [[nodiscard]] const live::ConnectionSettings &settings() const noexcept { return m_settings; }
    /** Topic names, internal topics last. */
    [[nodiscard]] QStringList topicNames() const;

    // ---- tail (records) ---------------------------------------------------------------------
    /** Starts reading `topic` (every partition, the last `lastRecords` of each, then new ones). */
    void startTail(const QString &topic, int lastRecords);
    void stopTail();
    /** Paused: records stay in the cluster, nothing is read until resumed. */
    void setTailPaused(bool paused);
    [[nodiscard]] bool tailPaused() const noexcept { return m_tailPaused; }
    [[nodiscard]] const QString &tailTopic() const noexcept { return m_tailTopic; }

    // ---- writes ------------------------------------------------------------------------------
    void setWritesUnlocked(bool unlocked);
    [[nodiscard]] bool writesUnlocked() const noexcept { return m_writesUnlocked; }
    /** Writes a test record on the worker thread; false (and nothing sent) while locked or disconnected. */
    bool produce(const live::ProduceRequest &request);

    // ---- StateSource --------------------------------------------------------------------------
    [[nodiscard]] const ClusterSnapshot &cluster() const noexcept override { return m_cluster; }
    [[nodiscard]] const PartitionLogSnapshot &partitionLog() const noexcept override { return m_log; }
    [[nodiscard]] const GroupsSnapshot &groups() const noexcept override { return m_groups; }
    [[nodiscard]] QString focusPartition() const override { return m_focus; }
    void setFocusPartition(const QString &partition) override;
    [[nodiscard]] QStringList partitionNames() const override;
    [[nodiscard]] bool acceptsFaultCommands() const noexcept override { return false; }

Q_SIGNALS:
    /** Status, error or summary changed (connect, disconnect, each refresh). */
    void statusChanged();
    /** Records a tail read, oldest first. */
    void recordsArrived(const QList<kafkalab::live::TailRecord> &records);
    /** The tail started, stopped, paused or failed (`error`: the topic was deleted, not authorized, …). */
    void tailStatusChanged(const QString &message, bool error);
    /** A test record was written (`ok`) or refused; `message` says where or why. */
    void produced(bool ok, const QString &message);

private:
    struct Session;
    struct TailSession;
    class Mailbox;
    struct Worker
    {
        QThread *thread = nullptr;
        QObject *context = nullptr;
    };

    void startWorker(Worker &worker, const QString &name);
    static void stopWorker(Worker &worker);
    void scheduleRefresh();
    void onDescribed(quint64 session, const live::LiveResult<live::LiveClusterState> &result);
    void onTailRecords(quint64 tail, const QList<live::TailRecord> &records);
    void rebuild();
    void rebuildLog();
    void setStatus(Status status);

    std::shared_ptr<Mailbox> m_mailbox;
    Worker m_worker;
    Worker m_tailWorker;
    std::shared_ptr<Session> m_session;
    std::shared_ptr<TailSession> m_tail;
    quint64 m_nextId = 1;
    QTimer *m_timer = nullptr;
    int m_refreshMs = 5000;
    bool m_refreshing = false;
    Status m_status = Status::Disconnected;
    live::ConnectionSettings m_settings;
    QStringList m_groupNames;
    std::optional<live::LiveError> m_lastError;
    live::LiveClusterState m_state;
    bool m_haveState = false;
    QStringList m_vanished;
    QElapsedTimer m_connectedClock;
    quint64 m_refreshes = 0;

    QString m_tailTopic;
    bool m_tailPaused = false;
    QHash<int, QList<LogCell>> m_tailCells; ///< per partition of the tailed topic, newest last
    bool m_writesUnlocked = false;

    QString m_focus;
    ClusterSnapshot m_cluster;
    PartitionLogSnapshot m_log;
    GroupsSnapshot m_groups;
};

} // namespace kafkalab::app
