#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "live/consumerprotocol.h"
#include "live/liveclient.h"
#include "live/liveconfig.h"
#include "live/livejson.h"
#include "live/liveproducer.h"
#include "live/livetail.h"
#include "tests/live/loopback.h"
#include "tests/live/mockcluster.h"

using namespace kafkalab::live;

namespace {

ConnectionSettings settingsFor(const QString &bootstrap, int timeoutMs = 10000)
{
    ConnectionSettings s;
    s.bootstrap = bootstrap;
    s.timeoutMs = timeoutMs;
    return s;
}

LiveClusterState describeOrFail(LiveClient &client, const DescribeOptions &options = {})
{
    auto result = client.describe(options);
    if (!result) {
        qWarning("describe failed: %s", qPrintable(result.error().toString()));
        return {};
    }
    return std::move(result).value();
}

bool hasProblem(const LiveClusterState &state, LiveError::Kind kind, const QString &subject = {})
{
    for (const LiveError &e : state.problems)
        if (e.kind == kind && (subject.isEmpty() || e.subject == subject))
            return true;
    return false;
}

} // namespace

class TestLive : public QObject
{
    Q_OBJECT

    /** One mock cluster for the tests that only add their own topics (each mock takes a second to stop). */
    MockCluster &shared()
    {
        if (!m_shared)
            m_shared = std::make_unique<MockCluster>(3);
        return *m_shared;
    }

    std::unique_ptr<MockCluster> m_shared;

private Q_SLOTS:
    // ---- settings, errors and the consumer protocol: no cluster needed -------------------------
    void propertiesFollowTheSecurityProtocol()
    {
        ConnectionSettings s;
        s.bootstrap = QStringLiteral(" b1:9092,b2:9092 ");
        s.security = SecurityProtocol::SaslSsl;
        s.mechanism = SaslMechanism::ScramSha512;
        s.username = QStringLiteral("alice");
        s.password = QStringLiteral("secret");
        s.sslCaFile = QStringLiteral("/ca.pem");
        s.extra = {{QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN")}};
        const Properties p = s.properties();
        QVERIFY(p.contains(Property {QStringLiteral("bootstrap.servers"), QStringLiteral("b1:9092,b2:9092")}));
        QVERIFY(p.contains(Property {QStringLiteral("security.protocol"), QStringLiteral("SASL_SSL")}));
        QVERIFY(p.contains(Property {QStringLiteral("sasl.username"), QStringLiteral("alice")}));
        QVERIFY(p.contains(Property {QStringLiteral("ssl.ca.location"), QStringLiteral("/ca.pem")}));
        // Extra properties come last, so they override the form.
        QCOMPARE(p.last(), (Property {QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN")}));

        s.security = SecurityProtocol::Plaintext;
        s.extra.clear();
        for (const Property &property : s.properties())
            QVERIFY2(!property.first.startsWith(u"sasl.") && !property.first.startsWith(u"ssl."),
                qPrintable(property.first));
        QCOMPARE(ConnectionSettings::protocolFromName(QStringLiteral("sasl_plaintext")),
            std::optional(SecurityProtocol::SaslPlaintext));
        QCOMPARE(ConnectionSettings::mechanismFromName(QStringLiteral("SCRAM-SHA-256")),
            std::optional(SaslMechanism::ScramSha256));
        QVERIFY(!ConnectionSettings::mechanismFromName(QStringLiteral("MD5")));
    }

    void propertyLinesNameTheBadLine()
    {
        auto ok = parsePropertyLines(QStringLiteral("# comment\n\nacks = all\n  linger.ms=5=5\n"));
        QVERIFY(ok);
        QCOMPARE(ok.value().size(), 2);
        QCOMPARE(ok.value().at(0), (Property {QStringLiteral("acks"), QStringLiteral(" all")}));
        QCOMPARE(ok.value().at(1), (Property {QStringLiteral("linger.ms"), QStringLiteral("5=5")}));
        auto bad = parsePropertyLines(QStringLiteral("acks=all\nlinger.ms\n"));
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.startsWith(u"line 2: expected key=value"), qPrintable(bad.error().message));
        QVERIFY(isSecretProperty(QStringLiteral("sasl.password")));
        QVERIFY(isSecretProperty(QStringLiteral("ssl.key.password")));
        QVERIFY(isSecretProperty(QStringLiteral("sasl.oauthbearer.client.secret")));
        QVERIFY(!isSecretProperty(QStringLiteral("sasl.username")));
    }

    void invalidPropertiesFailBeforeConnecting()
    {
        ConnectionSettings s = settingsFor(QStringLiteral("localhost:9092"));
        s.extra = {{QStringLiteral("no.such.property"), QStringLiteral("1")}};
        auto client = LiveClient::create(s);
        QVERIFY(!client);
        QCOMPARE(client.error().kind, LiveError::Kind::Configuration);
        QVERIFY2(client.error().message.contains(u"no.such.property"), qPrintable(client.error().message));

        s.extra = {{QStringLiteral("ssl.key.password"), QStringLiteral("hunter2")},
            {QStringLiteral("acks"), QStringLiteral("sometimes")}};
        client = LiveClient::create(s);
        QVERIFY(!client);
        QVERIFY(!client.error().toString().contains(u"hunter2"));

        auto empty = LiveClient::create(settingsFor(QStringLiteral("  ")));
        QVERIFY(!empty);
        QVERIFY2(empty.error().message.contains(u"bootstrap"), qPrintable(empty.error().message));
    }

    void connectionErrorsAreNamed()
    {
        const QString at = QStringLiteral("kafka:9093");
        QCOMPARE(connectionError(RD_KAFKA_RESP_ERR__AUTHENTICATION,
                     QStringLiteral("SASL authentication error: Authentication failed"), at, 5000)
                     .kind,
            LiveError::Kind::Authentication);
        QCOMPARE(connectionError(RD_KAFKA_RESP_ERR__SSL, QStringLiteral("SSL handshake failed"), at, 5000).kind,
            LiveError::Kind::Tls);
        const LiveError mismatch = connectionError(RD_KAFKA_RESP_ERR__TRANSPORT,
            QStringLiteral("Disconnected while requesting ApiVersion: might be caused by incorrect security.protocol "
                           "configuration (connecting to a SSL listener?)"),
            at, 5000);
        QCOMPARE(mismatch.kind, LiveError::Kind::Tls);
        QVERIFY(mismatch.message.contains(u"security protocol"));
        const LiveError refused = connectionError(RD_KAFKA_RESP_ERR__TRANSPORT,
            QStringLiteral("Connect to ipv4#10.0.0.1:9093 failed: Connection refused"), at, 5000);
        QCOMPARE(refused.kind, LiveError::Kind::Unreachable);
        QVERIFY(refused.toString().contains(u"Connection refused"));
        QVERIFY(refused.message.contains(at));
        const LiveError timeout = connectionError(RD_KAFKA_RESP_ERR__TIMED_OUT, {}, at, 2500);
        QCOMPARE(timeout.kind, LiveError::Kind::Timeout);
        QVERIFY(timeout.message.contains(u"2500 ms"));

        const LiveError topic
            = resourceError(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, Resource::Topic, QStringLiteral("payments"));
        QCOMPARE(topic.kind, LiveError::Kind::Authorization);
        QVERIFY(topic.message.contains(u"DESCRIBE"));
        QVERIFY(topic.message.contains(u"payments"));
        QCOMPARE(topic.code, QStringLiteral("TOPIC_AUTHORIZATION_FAILED"));
        QCOMPARE(
            resourceError(RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED, Resource::Group, QStringLiteral("g1")).kind,
            LiveError::Kind::Authorization);
        QCOMPARE(resourceError(RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE, Resource::Cluster, {}).kind,
            LiveError::Kind::Unsupported);
        QVERIFY(!resourceError(RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE, Resource::Cluster, {}).isFailure());
    }

    void consumerAssignmentsDecode()
    {
        const QList<TopicPartition> assignment {
            {QStringLiteral("orders"), 10}, {QStringLiteral("audit"), 0}, {QStringLiteral("orders"), 2}};
        const auto decoded = decodeConsumerAssignment(encodeConsumerAssignment(assignment));
        QVERIFY(decoded);
        const QList<TopicPartition> sorted {
            {QStringLiteral("audit"), 0}, {QStringLiteral("orders"), 2}, {QStringLiteral("orders"), 10}};
        QCOMPARE(*decoded, sorted);
        QVERIFY(decodeConsumerAssignment({})->isEmpty());
        // Truncated or made-up bytes are refused, never read past the end.
        const QByteArray bytes = encodeConsumerAssignment(assignment);
        for (qsizetype cut = 1; cut < bytes.size() - 4; ++cut)
            QVERIFY2(!decodeConsumerAssignment(bytes.left(cut)), qPrintable(QString::number(cut)));
        QVERIFY(!decodeConsumerAssignment(QByteArray::fromHex("0000 7fffffff")));
    }

    // ---- against librdkafka's mock cluster -------------------------------------------------------
    void describesBrokersTopicsAndPartitions()
    {
        MockCluster &cluster = shared();
        QVERIFY(cluster.createTopic("catalog", 3, 3));
        QVERIFY(cluster.createTopic("audit", 1, 2));
        QVERIFY(cluster.produce("catalog", 0, 5));
        QVERIFY(cluster.produce("catalog", 2, 2));
        auto client = LiveClient::create(settingsFor(cluster.bootstrap()));
        QVERIFY(client);
        const LiveClusterState state = describeOrFail(*client.value());
        QCOMPARE(state.brokers.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(state.brokers[i].id, i + 1);
            QVERIFY(state.brokers[i].alive);
            QCOMPARE(state.brokers[i].host, QStringLiteral("127.0.0.1"));
            QVERIFY(cluster.bootstrap().contains(u':' + QString::number(state.brokers[i].port)));
        }
        QVERIFY(state.timeUs > 0);
        const LiveTopic *orders = state.topic(QStringLiteral("catalog"));
        QVERIFY(orders);
        QCOMPARE(orders->partitions.size(), 3);
        for (const LivePartition &p : orders->partitions) {
            QCOMPARE(p.replicas.size(), 3);
            QVERIFY(p.replicas.contains(p.leader));
            QCOMPARE(p.isr.size(), 3);
            QVERIFY(!p.underReplicated());
            QCOMPARE(p.logStartOffset, 0);
        }
        QCOMPARE(orders->partitions[0].logEndOffset, 5);
        QCOMPARE(orders->partitions[1].logEndOffset, 0);
        QCOMPARE(orders->partitions[2].logEndOffset, 2);
        const LiveTopic *audit = state.topic(QStringLiteral("audit"));
        QVERIFY(audit);
        QCOMPARE(audit->partitions.size(), 1);
        // librdkafka 2.0's mock cannot list groups: said, not hidden, and not a failure.
        QVERIFY(hasProblem(state, LiveError::Kind::Unsupported));
        QVERIFY(!state.hasFailures());
        // The mock reports no controller among its brokers: unknown, not invented.
        QVERIFY(state.controller == -1 || (state.controller >= 1 && state.controller <= 3));
    }

    void groupOffsetsAndLag()
    {
        MockCluster &cluster = shared();
        QVERIFY(cluster.createTopic("invoices", 3, 3));
        QVERIFY(cluster.produce("invoices", 0, 10));
        QVERIFY(cluster.produce("invoices", 1, 4));
        QVERIFY(cluster.commit("billing", {{{"invoices", 0}, 7}, {{"invoices", 1}, 4}}));
        auto client = LiveClient::create(settingsFor(cluster.bootstrap()));
        QVERIFY(client);
        DescribeOptions options;
        options.groups = {QStringLiteral("billing")};
        const LiveClusterState state = describeOrFail(*client.value(), options);
        QCOMPARE(state.groups.size(), 1);
        const LiveGroup &g = state.groups[0];
        QCOMPARE(g.groupId, QStringLiteral("billing"));
        QCOMPARE(g.offsets.size(), 2);
        QCOMPARE(g.offsets[0].partition.name(), QStringLiteral("invoices-0"));
        QCOMPARE(g.offsets[0].committed, 7);
        QCOMPARE(g.offsets[0].logEndOffset, 10);
        QCOMPARE(g.offsets[0].lag, 3);
        QCOMPARE(g.offsets[1].partition.name(), QStringLiteral("invoices-1"));
        QCOMPARE(g.offsets[1].lag, 0);
        QCOMPARE(g.totalLag(), 3);

        // More records: the lag grows by exactly as many.
        QVERIFY(cluster.produce("invoices", 1, 6));
        const LiveClusterState later = describeOrFail(*client.value(), options);
        QCOMPARE(later.groups.size(), 1);
        QCOMPARE(later.groups[0].offsets[1].lag, 6);

        const QJsonObject json = stateToJson(later);
        const QJsonObject group = json[u"groups"].toArray().at(0).toObject();
        QCOMPARE(group[u"committed"].toObject()[u"invoices-0"].toInteger(), 7);
        QCOMPARE(group[u"lag"].toObject()[u"invoices-1"].toInteger(), 6);
    }

    void unknownGroupIsAFailure()
    {
        MockCluster &cluster = shared();
        auto client = LiveClient::create(settingsFor(cluster.bootstrap()));
        QVERIFY(client);
        DescribeOptions options;
        options.listGroups = false;
        options.groups = {QStringLiteral("nobody")};
        const LiveClusterState state = describeOrFail(*client.value(), options);
        QVERIFY(state.groups.isEmpty());
        QVERIFY(hasProblem(state, LiveError::Kind::UnknownGroup, QStringLiteral("nobody")));
        QVERIFY(state.hasFailures());
    }

    void brokerDownMovesLeadership()
    {
        MockCluster cluster(3);
        QVERIFY(cluster.createTopic("orders", 3, 3));
        for (int p = 0; p < 3; ++p)
            QCOMPARE(rd_kafka_mock_partition_set_leader(cluster.get(), "orders", p, p + 1), RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(cluster.produce("orders", 1, 3));
        auto client = LiveClient::create(settingsFor(cluster.bootstrap()));
        QVERIFY(client);
        const LiveClusterState before = describeOrFail(*client.value());
        QCOMPARE(before.topic(QStringLiteral("orders"))->partitions[1].leader, 2);

        // Broker 2 goes down; the mock (like a controller would) moves its partition to broker 3
        // and leaves partition 2 without a leader. The mock keeps every replica in its ISR.
        QCOMPARE(rd_kafka_mock_broker_set_down(cluster.get(), 2), RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(rd_kafka_mock_partition_set_leader(cluster.get(), "orders", 1, 3), RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(rd_kafka_mock_partition_set_leader(cluster.get(), "orders", 2, -1), RD_KAFKA_RESP_ERR_NO_ERROR);
        const LiveClusterState after = describeOrFail(*client.value());
        const LiveTopic *orders = after.topic(QStringLiteral("orders"));
        QVERIFY(orders);
        QCOMPARE(orders->partitions[0].leader, 1);
        QCOMPARE(orders->partitions[1].leader, 3);
        QCOMPARE(orders->partitions[1].logEndOffset, 3);
        QVERIFY(orders->partitions[2].offline());
        QCOMPARE(orders->partitions[2].logEndOffset, -1);
        QCOMPARE(after.offlineCount(), 1);
        const QJsonObject json = stateToJson(after);
        const QJsonArray partitions = json[u"topics"].toArray().at(0).toObject()[u"partitions"].toArray();
        QVERIFY(partitions.at(2).toObject()[u"leader"].isNull());
        QVERIFY(partitions.at(2).toObject()[u"offline"].toBool());
    }

    void deletedTopicIsReported()
    {
        MockCluster cluster(1);
        QVERIFY(cluster.createTopic("orders", 2, 1));
        QVERIFY(cluster.createTopic("audit", 1, 1));
        auto client = LiveClient::create(settingsFor(cluster.bootstrap()));
        QVERIFY(client);
        QVERIFY(describeOrFail(*client.value()).topic(QStringLiteral("orders")));
        rd_kafka_mock_topic_set_error(cluster.get(), "orders", RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        const LiveClusterState state = describeOrFail(*client.value());
        QVERIFY(hasProblem(state, LiveError::Kind::UnknownTopic, QStringLiteral("orders")));
        QVERIFY(state.topic(QStringLiteral("audit")));
        QCOMPARE(state.topic(QStringLiteral("audit"))->partitions.size(), 1);
    }

    void refusedBootstrapFailsFast()
    {
        const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        auto client = LiveClient::create(settingsFor(bootstrap, 8000));
        QVERIFY(client);
        QElapsedTimer clock;
        clock.start();
        auto result = client.value()->describe({});
        QVERIFY(!result);
        QCOMPARE(result.error().kind, LiveError::Kind::Unreachable);
        QVERIFY2(result.error().message.contains(bootstrap), qPrintable(result.error().message));
        QVERIFY2(result.error().detail.contains(u"refused", Qt::CaseInsensitive), qPrintable(result.error().detail));
        // Refused connections end the wait: well before the 8 s timeout.
        QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
    }

    void silentBrokerTimesOut()
    {
        const SilentServer silent;
        const QString bootstrap = silent.address();
        auto client = LiveClient::create(settingsFor(bootstrap, 1500));
        QVERIFY(client);
        QElapsedTimer clock;
        clock.start();
        auto result = client.value()->describe({});
        QVERIFY(!result);
        QCOMPARE(result.error().kind, LiveError::Kind::Timeout);
        QVERIFY2(result.error().message.contains(u"1500 ms"), qPrintable(result.error().message));
        // Within the timeout, with a generous margin for a loaded machine.
        QVERIFY2(clock.elapsed() < 1500 + 3000, qPrintable(QString::number(clock.elapsed())));
    }

    void cancelStopsADescribe()
    {
        const SilentServer silent;
        auto client = LiveClient::create(settingsFor(silent.address(), 60000));
        QVERIFY(client);
        const std::atomic_bool cancel {true};
        auto result = client.value()->describe({}, &cancel);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, LiveError::Kind::Cancelled);
    }

    void tailReadsTheNewestRecordsAndProduceWrites()
    {
        MockCluster &cluster = shared();
        QVERIFY(cluster.createTopic("clicks", 2, 2));
        QVERIFY(cluster.produce("clicks", 0, 6));
        QVERIFY(cluster.produce("clicks", 1, 1));
        auto tail = LiveTail::start(settingsFor(cluster.bootstrap()), QStringLiteral("clicks"), 3);
        QVERIFY2(tail, qPrintable(tail.error().toString()));
        QCOMPARE(tail.value()->partitions(), (QList<int> {0, 1}));
        QList<TailRecord> records;
        QList<LiveError> problems;
        const QDeadlineTimer deadline(10000);
        while (records.size() < 4 && !deadline.hasExpired())
            records += tail.value()->poll(100, 100, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(records.size(), 4);
        std::sort(records.begin(), records.end(), [](const TailRecord &a, const TailRecord &b) {
            return a.partition != b.partition ? a.partition < b.partition : a.offset < b.offset;
        });
        QCOMPARE(records[0].partition, 0);
        QCOMPARE(records[0].offset, 3);
        QCOMPARE(records[0].key, QByteArray("key-3"));
        QCOMPARE(records[0].value, QByteArray("value-3"));
        QCOMPARE(records[0].headers.size(), 1);
        QCOMPARE(records[0].headers[0].first, QStringLiteral("h"));
        QCOMPARE(records[0].headers[0].second, QByteArray("3"));
        QVERIFY(records[0].timestampMs > 0);
        QCOMPARE(records[3].partition, 1);
        QCOMPARE(records[3].offset, 0);

        ProduceRequest request;
        request.topic = QStringLiteral("clicks");
        request.partition = 1;
        request.keyNull = false;
        request.key = "k";
        request.value = "hello";
        request.headers = {{QStringLiteral("source"), QByteArray("kafkalab")}};
        auto produced = produceRecord(settingsFor(cluster.bootstrap()), request);
        QVERIFY2(produced, qPrintable(produced.error().toString()));
        QCOMPARE(produced->partition, 1);
        QCOMPARE(produced->offset, 1);
        QList<TailRecord> more;
        const QDeadlineTimer again(10000);
        while (more.isEmpty() && !again.hasExpired())
            more = tail.value()->poll(100, 100, &problems);
        QCOMPARE(more.size(), 1);
        QCOMPARE(more[0].value, QByteArray("hello"));
        QCOMPARE(more[0].headers[0].second, QByteArray("kafkalab"));
    }

    void tailAndProduceRefuseUnknownTopics()
    {
        MockCluster cluster(1);
        QVERIFY(cluster.createTopic("orders", 1, 1));
        rd_kafka_mock_topic_set_error(cluster.get(), "gone", RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        auto tail = LiveTail::start(settingsFor(cluster.bootstrap(), 5000), QStringLiteral("gone"), 10);
        QVERIFY(!tail);
        QCOMPARE(tail.error().kind, LiveError::Kind::UnknownTopic);
        ProduceRequest request;
        request.topic = QStringLiteral("gone");
        request.value = "x";
        auto produced = produceRecord(settingsFor(cluster.bootstrap(), 5000), request);
        QVERIFY(!produced);
        QCOMPARE(produced.error().kind, LiveError::Kind::UnknownTopic);
    }
};

QTEST_GUILESS_MAIN(TestLive)
#include "test_live.moc"
