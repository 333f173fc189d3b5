#pragma once

#include <QWidget>

class QScrollArea;
class QSplitter;

#include "live/liveconfig.h"
#include "live/livetail.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace kafkalab::app {

class LiveSource;
class SimulationViews;

/**
 * "Live cluster": connect to a real Kafka cluster and see it in the same views as the simulator.
 * A connection form (bootstrap, security protocol, SASL, CA file, extra librdkafka properties,
 * refresh interval), a status line with the last error, the views, and two explicit actions: tail
 * a topic (records in a filterable table, without joining any group) and, once writes are
 * unlocked, produce a test record. Passwords stay in memory unless the user asks to keep them.
 */
class LivePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LivePage)

public:
    explicit LivePage(QWidget *parent = nullptr);
    ~LivePage() override;

    /**
     * Whether the saved settings ask to connect when the app starts, to a named cluster: the
     * main window then builds this page at start-up (pages are otherwise built when first shown).
     */
    [[nodiscard]] static bool connectsAtStart();

    [[nodiscard]] LiveSource *source() const noexcept { return m_source; }
    [[nodiscard]] SimulationViews *views() const noexcept { return m_views; }

    /**
     * The settings the form describes, or an error naming the field (`Extra properties, line 3:
     * expected key=value`).
     */
    [[nodiscard]] live::LiveResult<live::ConnectionSettings> formSettings() const;
    /** Connects with the form's settings; false (and the error in the status line) when the form is invalid. */
    bool connectToCluster();
    void disconnectFromCluster();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    /** Widens the form's pane to the form's natural width (larger fonts), never past 55 % of the page. */
    void fitForm();
    QWidget *buildForm();
    QWidget *buildRecords();
    void loadSettings();
    void saveSettings() const;
    void updateSecurityFields();
    void updateStatus();
    void updateActions();
    void appendRecords(const QList<live::TailRecord> &records);
    void toggleTail();
    void showProduceDialog();

    LiveSource *m_source;
    SimulationViews *m_views = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_splitter = nullptr;
    QScrollArea *m_formScroll = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problems = nullptr;

    QLineEdit *m_bootstrap = nullptr;
    QComboBox *m_protocol = nullptr;
    QComboBox *m_mechanism = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_rememberPassword = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_browseCa = nullptr;
    QPlainTextEdit *m_extra = nullptr;
    QLineEdit *m_groups = nullptr;
    QSpinBox *m_refresh = nullptr;
    QSpinBox *m_timeout = nullptr;
    QCheckBox *m_autoConnect = nullptr;
    QPushButton *m_connect = nullptr;
    QPushButton *m_disconnect = nullptr;
    QPushButton *m_refreshNow = nullptr;

    QComboBox *m_tailTopic = nullptr;
    QSpinBox *m_tailLast = nullptr;
    QPushButton *m_tailButton = nullptr;
    QPushButton *m_pause = nullptr;
    QLabel *m_tailStatus = nullptr;
    QCheckBox *m_unlockWrites = nullptr;
    QPushButton *m_produce = nullptr;
    QLineEdit *m_filter = nullptr;
    QStandardItemModel *m_records = nullptr;
    QSortFilterProxyModel *m_filtered = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace kafkalab::app
