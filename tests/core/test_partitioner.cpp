#include <QTest>

#include "core/partitioner.h"

using namespace kafkalab::core;

class TestPartitioner : public QObject
{
    Q_OBJECT

private slots:
    void javaClientVectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("expected");
        // Kafka clients/src/test/.../UtilsTest.java, testMurmur2.
        QTest::newRow("21") << QByteArray("21") << -973932308;
        QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
        QTest::newRow("a-little-bit-long-string") << QByteArray("a-little-bit-long-string") << -985981536;
        QTest::newRow("a-little-bit-longer-string") << QByteArray("a-little-bit-longer-string") << -1486304829;
        QTest::newRow("long") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << -58897971;
        QTest::newRow("abc bytes") << QByteArray("abc") << 479470107;
    }
    void javaClientVectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, expected);
        QCOMPARE(murmur2(std::string_view(input.constData(), std::size_t(input.size()))), expected);
    }

    void librdkafkaVectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<quint32>("expected");
        // librdkafka src/rdmurmur2.c, unittest_murmur2.
        const QByteArray preamble("PreAmbleWillBeRemoved,ThePrePartThatIs");
        QTest::newRow("kafka") << QByteArray("kafka") << 0xd067cf64U;
        QTest::newRow("giberish") << QByteArray("giberish123456789") << 0x8f552b0cU;
        QTest::newRow("1234") << QByteArray("1234") << 0x9fc97b14U;
        QTest::newRow("234") << QByteArray("234") << 0xe7c009caU;
        QTest::newRow("34") << QByteArray("34") << 0x873930daU;
        QTest::newRow("4") << QByteArray("4") << 0x5a4b5ca1U;
        QTest::newRow("preamble") << preamble << 0x78424f1cU;
        QTest::newRow("preamble-1") << preamble.mid(1) << 0x4a62b377U;
        QTest::newRow("preamble-2") << preamble.mid(2) << 0xe0e4e09eU;
        QTest::newRow("preamble-3") << preamble.mid(3) << 0x62b8b43fU;
        QTest::newRow("empty") << QByteArray("") << 0x106e08d9U;
    }
    void librdkafkaVectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(quint32, expected);
        QCOMPARE(murmur2(std::string_view(input.constData(), std::size_t(input.size()))),
            static_cast<std::int32_t>(expected));
    }

    void partitionVectors_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("p7");
        QTest::addColumn<int>("p17");
        // librdkafka tests/0048-partitioner.c (murmur2_random partitioner).
        QTest::newRow("empty") << QByteArray("") << 2 << 11;
        QTest::newRow("23456") << QByteArray("23456") << 5 << 9;
        QTest::newRow("long") << QByteArray("this is another string with more length to it perhaps") << 1 << 11;
        QTest::newRow("hejsan") << QByteArray("hejsan") << 6 << 5;
    }
    void partitionVectors()
    {
        QFETCH(QByteArray, key);
        QFETCH(int, p7);
        QFETCH(int, p17);
        const std::string_view view(key.constData(), std::size_t(key.size()));
        QCOMPARE(partitionForKey(view, 7), p7);
        QCOMPARE(partitionForKey(view, 17), p17);
    }

    void toPositiveClearsOnlyTheSignBit()
    {
        QCOMPARE(toPositive(-1), 0x7fffffff);
        QCOMPARE(toPositive(std::numeric_limits<std::int32_t>::min()), 0);
        QCOMPARE(toPositive(42), 42);
    }
};

QTEST_APPLESS_MAIN(TestPartitioner)
#include "test_partitioner.moc"
