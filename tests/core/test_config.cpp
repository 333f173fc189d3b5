#include <QTest>

#include "core/config.h"

using namespace kafkalab::core;

class TestConfig : public QObject
{
    Q_OBJECT

private slots:
    void kafka4Defaults()
    {
        ProducerConfig c;
        QVERIFY(!resolveProducerConfig({}, 400, c));
        QCOMPARE(c.acks, -1);
        QVERIFY(c.idempotence);
        QCOMPARE(c.lingerUs, 5 * kMicrosPerMs);
        QCOMPARE(c.maxInFlight, 5);
        QCOMPARE(c.deliveryTimeoutUs, 120 * kMicrosPerSecond);
    }

    void kafka2Defaults()
    {
        ProducerConfig c;
        QVERIFY(!resolveProducerConfig({}, 208, c));
        QCOMPARE(c.acks, 1);
        QVERIFY(!c.idempotence);
        QCOMPARE(c.lingerUs, 0);
        ProducerConfig c3;
        QVERIFY(!resolveProducerConfig({}, 309, c3));
        QCOMPARE(c3.lingerUs, 0); // linger.ms=5 arrived in 4.0 (KIP-1030)
        QVERIFY(c3.idempotence);
    }

    void implicitConflictSilentlyDisablesIdempotence()
    {
        ProducerSettings s;
        s.acks = 1;
        ProducerConfig c;
        QVERIFY(!resolveProducerConfig(s, 400, c));
        QVERIFY(!c.idempotence);
        ProducerSettings inflight;
        inflight.maxInFlight = 6;
        QVERIFY(!resolveProducerConfig(inflight, 400, c));
        QVERIFY(!c.idempotence);
    }

    void explicitConflictIsAnError_data()
    {
        QTest::addColumn<int>("acks");
        QTest::addColumn<int>("retries");
        QTest::addColumn<int>("inflight");
        QTest::addColumn<QString>("message");
        QTest::newRow("acks=1") << 1 << 10 << 5 << QStringLiteral("Must set acks to all");
        QTest::newRow("retries=0") << -1 << 0 << 5 << QStringLiteral("Must set retries to non-zero");
        QTest::newRow("in-flight 6") << -1 << 10 << 6 << QStringLiteral("at most 5");
    }
    void explicitConflictIsAnError()
    {
        QFETCH(int, acks);
        QFETCH(int, retries);
        QFETCH(int, inflight);
        QFETCH(QString, message);
        ProducerSettings s;
        s.idempotence = true;
        s.acks = acks;
        s.retries = retries;
        s.maxInFlight = inflight;
        ProducerConfig c;
        const auto error = resolveProducerConfig(s, 400, c);
        QVERIFY(error.has_value());
        QVERIFY2(QString::fromStdString(error->message).contains(message), error->message.c_str());
    }

    void transactionalIdNeedsIdempotence()
    {
        ProducerSettings s;
        s.transactionalId = "tx-1";
        s.idempotence = false;
        ProducerConfig c;
        QVERIFY(resolveProducerConfig(s, 400, c).has_value());
        ProducerSettings old;
        old.transactionalId = "tx-1";
        QVERIFY(!resolveProducerConfig(old, 208, c)); // transactions switch idempotence on even on 2.x
        QVERIFY(c.idempotence);
    }

    void deliveryTimeoutMustCoverLingerAndRequestTimeout()
    {
        ProducerSettings s;
        s.deliveryTimeoutUs = 10 * kMicrosPerSecond;
        ProducerConfig c;
        QVERIFY(resolveProducerConfig(s, 400, c).has_value());
    }

    void versions()
    {
        QCOMPARE(parseKafkaVersion("4.0"), std::optional<KafkaVersion>(400));
        QCOMPARE(parseKafkaVersion("3.7"), std::optional<KafkaVersion>(307));
        QCOMPARE(parseKafkaVersion("3.0.1"), std::optional<KafkaVersion>(300));
        QCOMPARE(parseKafkaVersion("2"), std::optional<KafkaVersion>(200));
        QVERIFY(!parseKafkaVersion("5.0"));
        QVERIFY(!parseKafkaVersion("four"));
        QVERIFY(!parseKafkaVersion("3."));
        ClusterConfig old;
        old.version = 204;
        old.applyVersionDefaults();
        QCOMPARE(old.replicaLagTimeMaxUs, 10 * kMicrosPerSecond);
        QVERIFY(!old.hwWaitsForMinIsr());
    }
};

QTEST_APPLESS_MAIN(TestConfig)
#include "test_config.moc"
