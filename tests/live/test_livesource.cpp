#include <QCheckBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "app/ui/livepage.h"
#include "app/ui/mainwindow.h"
#include "app/ui/livesource.h"
#include "app/ui/simulationviews.h"
#include "tests/live/loopback.h"
#include "tests/live/mockcluster.h"

using kafkalab::app::LivePage;
using kafkalab::app::LiveSource;
using kafkalab::app::MainWindow;
namespace live = kafkalab::live;

namespace {

constexpr int kWaitMs = 15000;

live::ConnectionSettings settingsFor(const QString &bootstrap, int timeoutMs = 10000)
{
    live::ConnectionSettings s;
    s.bootstrap = bootstrap;
    s.timeoutMs = timeoutMs;
    return s;
}

const kafkalab::app::PartitionInfo *partition(const LiveSource &source, const QString &name)
{
    for (const auto &p : source.cluster().partitions)
        if (p.name == name)
            return &p;
    return nullptr;
}

} // namespace

/** Live mode's StateSource and page against librdkafka's mock cluster (off-screen). */
class TestLiveSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("KafkaLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_livesource"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        m_cluster = std::make_unique<MockCluster>(3);
        QVERIFY(m_cluster->createTopic("orders", 3, 3));
        QVERIFY(m_cluster->createTopic("audit", 1, 3));
        for (int p = 0; p < 3; ++p)
            QCOMPARE(
                rd_kafka_mock_partition_set_leader(m_cluster->get(), "orders", p, p + 1), RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(m_cluster->produce("orders", 0, 8));
        QVERIFY(m_cluster->produce("orders", 1, 3));
        QVERIFY(m_cluster->commit("billing", {{{"orders", 0}, 5}, {{"orders", 1}, 3}}));
    }
    void cleanupTestCase() { m_cluster.reset(); }

    void snapshotsFromTheCluster()
    {
        LiveSource source;
        QSignalSpy changed(&source, &kafkalab::app::StateSource::stateChanged);
        source.connectTo(settingsFor(m_cluster->bootstrap()), {QStringLiteral("billing")}, 60000);
        QCOMPARE(source.status(), LiveSource::Status::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(source.status(), LiveSource::Status::Connected, kWaitMs);
        QVERIFY(changed.count() >= 1);
        QVERIFY(!source.acceptsFaultCommands());

        const auto &cluster = source.cluster();
        QCOMPARE(cluster.brokers.size(), 3);
        for (const auto &b : cluster.brokers)
            QVERIFY(b.alive);
        QCOMPARE(source.partitionNames(),
            (QStringList {QStringLiteral("audit-0"), QStringLiteral("orders-0"), QStringLiteral("orders-1"),
                QStringLiteral("orders-2")}));
        const auto *o0 = partition(source, QStringLiteral("orders-0"));
        QVERIFY(o0);
        QCOMPARE(o0->leader, 1);
        QCOMPARE(o0->replicas.size(), 3);
        QCOMPARE(o0->isr.size(), 3);
        QCOMPARE(o0->highWatermark, 8);
        QVERIFY(!o0->underReplicated && !o0->offline);
        QCOMPARE(cluster.offline, 0);

        QCOMPARE(source.groups().groups.size(), 1);
        const auto &g = source.groups().groups[0];
        QCOMPARE(g.groupId, QStringLiteral("billing"));
        QCOMPARE(g.lag.size(), 3); // every partition of orders
        QCOMPARE(g.lag[0].partition, QStringLiteral("orders-0"));
        QCOMPARE(g.lag[0].committed, 5);
        QCOMPARE(g.lag[0].lag, 3);
        QCOMPARE(g.lag[2].committed, -1);
        QCOMPARE(g.totalLag, 3);

        // The focus is a real partition; its log shows the group's committed offset.
        source.setFocusPartition(QStringLiteral("orders-0"));
        const auto &log = source.partitionLog();
        QVERIFY(log.valid);
        QCOMPARE(log.leader, 1);
        QCOMPARE(log.highWatermark, 8);
        QCOMPARE(log.cursors.size(), 1);
        QCOMPARE(log.cursors[0].offset, 5);
        QVERIFY(source.statusText().contains(u"brokers: 3"));
    }

    void leaderChangeShowsUp()
    {
        MockCluster cluster(3);
        QVERIFY(cluster.createTopic("orders", 2, 3));
        QCOMPARE(rd_kafka_mock_partition_set_leader(cluster.get(), "orders", 0, 2), RD_KAFKA_RESP_ERR_NO_ERROR);
        LiveSource source;
        source.connectTo(settingsFor(cluster.bootstrap()), {}, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(source.status(), LiveSource::Status::Connected, kWaitMs);
        QCOMPARE(partition(source, QStringLiteral("orders-0"))->leader, 2);
        rd_kafka_mock_broker_set_down(cluster.get(), 2);
        rd_kafka_mock_partition_set_leader(cluster.get(), "orders", 0, 3);
        rd_kafka_mock_partition_set_leader(cluster.get(), "orders", 1, -1);
        source.refreshNow();
        QTRY_COMPARE_WITH_TIMEOUT(partition(source, QStringLiteral("orders-0"))->leader, 3, kWaitMs);
        QVERIFY(partition(source, QStringLiteral("orders-1"))->offline);
        QCOMPARE(source.cluster().offline, 1);
    }

    void deletedTopicIsSaid()
    {
        MockCluster cluster(1);
        QVERIFY(cluster.createTopic("orders", 1, 1));
        QVERIFY(cluster.createTopic("audit", 1, 1));
        LiveSource source;
        source.connectTo(settingsFor(cluster.bootstrap()), {}, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(source.status(), LiveSource::Status::Connected, kWaitMs);
        source.setFocusPartition(QStringLiteral("orders-0"));
        rd_kafka_mock_topic_set_error(cluster.get(), "orders", RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        source.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(source.vanishedTopics().contains(QStringLiteral("orders")), kWaitMs);
        QVERIFY(source.statusText().contains(u"orders"));
        QVERIFY(!source.partitionNames().contains(QStringLiteral("orders-0")));
        // The focus moves to a partition that still exists.
        QCOMPARE(source.focusPartition(), QStringLiteral("audit-0"));
    }

    void unreachableClusterFailsWhileTheUiRuns()
    {
        const SilentServer silent;
        LiveSource source;
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        source.connectTo(settingsFor(silent.address(), 1500), {}, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(source.status(), LiveSource::Status::Failed, kWaitMs);
        // The UI thread kept running its event loop while the worker waited for the cluster.
        QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks)));
        QVERIFY(source.lastError().has_value());
        QCOMPARE(source.lastError()->kind, live::LiveError::Kind::Timeout);
        QVERIFY(source.statusText().contains(u"1500 ms"));
        QVERIFY(source.cluster().brokers.isEmpty());
    }

    void disconnectWhileConnectingIsQuick()
    {
        const SilentServer silent;
        auto source = std::make_unique<LiveSource>();
        source->connectTo(settingsFor(silent.address(), 60000), {}, 60000);
        QTest::qWait(50);
        source->disconnectFromCluster();
        QCOMPARE(source->status(), LiveSource::Status::Disconnected);
        // Destruction cancels the describe between librdkafka calls instead of waiting a minute.
        QElapsedTimer clock;
        clock.start();
        source.reset();
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    }

    void tailFillsThePartitionLogAndWritesNeedUnlocking()
    {
        LiveSource source;
        source.connectTo(settingsFor(m_cluster->bootstrap()), {}, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(source.status(), LiveSource::Status::Connected, kWaitMs);
        source.setFocusPartition(QStringLiteral("orders-0"));
        QSignalSpy records(&source, &LiveSource::recordsArrived);
        source.startTail(QStringLiteral("orders"), 4);
        int received = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                received = 0;
                for (const QList<QVariant> &call : std::as_const(records))
                    received += static_cast<int>(call.at(0).value<QList<live::TailRecord>>().size());
                return received >= 7; // 4 of orders-0, 3 of orders-1
            }(),
            kWaitMs);
        QCOMPARE(received, 7);
        const auto &cells = source.partitionLog().cells;
        QCOMPARE(cells.size(), 4);
        QCOMPARE(cells.first().offset, 4);
        QCOMPARE(cells.last().key, QStringLiteral("key-7"));

        live::ProduceRequest request;
        request.topic = QStringLiteral("orders");
        request.partition = 0;
        request.value = "from the test";
        QVERIFY(!source.produce(request)); // read-only by default
        QSignalSpy produced(&source, &LiveSource::produced);
        source.setWritesUnlocked(true);
        QVERIFY(source.produce(request));
        QTRY_COMPARE_WITH_TIMEOUT(produced.count(), 1, kWaitMs);
        QVERIFY2(produced.at(0).at(0).toBool(), qPrintable(produced.at(0).at(1).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(source.partitionLog().cells.last().value, QStringLiteral("from the test"), kWaitMs);
        source.stopTail();
        QVERIFY(source.partitionLog().cells.isEmpty());
    }

    void pageConnectsAndKeepsPasswordsInMemory()
    {
        QSettings().clear();
        LivePage page;
        page.resize(1200, 800);
        page.show();
        auto *bootstrap = page.findChild<QLineEdit *>(QStringLiteral("liveBootstrap"));
        auto *password = page.findChild<QLineEdit *>(QStringLiteral("livePassword"));
        auto *remember = page.findChild<QCheckBox *>(QStringLiteral("liveRememberPassword"));
        auto *extra = page.findChild<QPlainTextEdit *>(QStringLiteral("liveExtra"));
        auto *produce = page.findChild<QPushButton *>(QStringLiteral("liveProduce"));
        auto *unlock = page.findChild<QCheckBox *>(QStringLiteral("liveUnlockWrites"));
        QVERIFY(bootstrap && password && remember && extra && produce && unlock);
        QVERIFY(!remember->isChecked());

        // A bad extra property is named before anything connects.
        bootstrap->setText(m_cluster->bootstrap());
        extra->setPlainText(QStringLiteral("client.id=lab\nnot a property"));
        QVERIFY(!page.connectToCluster());
        QVERIFY(page.formSettings().error().message.contains(u"line 2"));

        password->setText(QStringLiteral("s3cret"));
        extra->setPlainText(QStringLiteral("client.id=lab\nsasl.password=hunter2"));
        QVERIFY(page.connectToCluster());
        QTRY_COMPARE_WITH_TIMEOUT(page.source()->status(), LiveSource::Status::Connected, kWaitMs);
        QVERIFY(page.views() != nullptr);
        QVERIFY(!produce->isEnabled());
        unlock->setChecked(true);
        QVERIFY(produce->isEnabled());
        {
            const QSettings stored;
            QCOMPARE(stored.value(QStringLiteral("live/bootstrap")).toString(), m_cluster->bootstrap());
            QVERIFY(!stored.contains(QStringLiteral("live/password")));
            QVERIFY(!stored.value(QStringLiteral("live/extraProperties")).toString().contains(u"hunter2"));
        }
        // Kept only when asked, and forgotten as soon as the box is cleared.
        remember->setChecked(true);
        QVERIFY(page.connectToCluster());
        QVERIFY(!unlock->isChecked()); // a new connection starts read-only
        QCOMPARE(QSettings().value(QStringLiteral("live/password")).toString(), QStringLiteral("s3cret"));
        QVERIFY(QSettings().value(QStringLiteral("live/extraProperties")).toString().contains(u"hunter2"));
        remember->setChecked(false);
        QVERIFY(!QSettings().contains(QStringLiteral("live/password")));
        QVERIFY(!QSettings().value(QStringLiteral("live/extraProperties")).toString().contains(u"hunter2"));
        page.disconnectFromCluster();
        QCOMPARE(page.source()->status(), LiveSource::Status::Disconnected);
        QVERIFY(page.source()->cluster().brokers.isEmpty());
    }

    void connectsWhenTheAppStartsIfAsked()
    {
        // Pages are built when first shown; "Connect when the app starts" builds the Live page
        // right after start-up so that it does connect.
        QStandardPaths::setTestModeEnabled(true); // the window's progress database
        QSettings().clear();
        {
            MainWindow window;
            QCoreApplication::processEvents();
            QVERIFY(window.findChild<LivePage *>() == nullptr); // not asked: not built
        }
        QSettings().setValue(QStringLiteral("live/bootstrap"), m_cluster->bootstrap());
        QSettings().setValue(QStringLiteral("live/autoConnect"), true);
        MainWindow window;
        QTRY_VERIFY(window.findChild<LivePage *>() != nullptr);
        QCOMPARE(window.currentPage(), MainWindow::Page::Home); // it connects without being shown
        QTRY_COMPARE_WITH_TIMEOUT(
            window.findChild<LivePage *>()->source()->status(), LiveSource::Status::Connected, kWaitMs);
        window.findChild<LivePage *>()->disconnectFromCluster();
        QSettings().clear();
    }

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<MockCluster> m_cluster;
};

QTEST_MAIN(TestLiveSource)
#include "test_livesource.moc"
