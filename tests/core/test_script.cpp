// The scenario language's parser: every error names FILE:LINE:COL and what was expected, and a
// script with an error runs nothing.
#include <QTest>

#include "core/scenario/scenariorunner.h"

using namespace kafkalab::core;
using namespace kafkalab::core::scenario;

namespace {
std::string errorOf(const char *text)
{
    auto parsed = parseScript(text, "s.kls");
    if (auto *e = std::get_if<ScriptError>(&parsed))
        return e->toString();
    return "no error";
}
} // namespace

class TestScript : public QObject
{
    Q_OBJECT

private slots:
    void durations()
    {
        QCOMPARE(parseDuration("250ms"), std::optional<TimeUs>(250000));
        QCOMPARE(parseDuration("30s"), std::optional<TimeUs>(30000000));
        QCOMPARE(parseDuration("5m"), std::optional<TimeUs>(300000000));
        QCOMPARE(parseDuration("1h"), std::optional<TimeUs>(3600000000LL));
        QCOMPARE(parseDuration("1.5s"), std::optional<TimeUs>(1500000));
        QVERIFY(!parseDuration("30"));
        QVERIFY(!parseDuration("s"));
        QVERIFY(!parseDuration("-1s"));
        QCOMPARE(parseMillis("30000"), std::optional<TimeUs>(30000000));
        QCOMPARE(parseMillis("30s"), std::optional<TimeUs>(30000000));
    }

    void errorsNameTheirPlace_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown command") << QByteArray("cluster brokers=3\nfrobnicate x\n")
                                         << QStringLiteral("s.kls:2:1: unknown command 'frobnicate'");
        QTest::newRow("unknown option") << QByteArray("topic create t partitions=1 rff=3\n")
                                        << QStringLiteral("s.kls:1:29: topic create: unknown option 'rff'");
        QTest::newRow("bad number")
            << QByteArray("topic create t partitions=six\n")
            << QStringLiteral("s.kls:1:27: partitions: expected a whole number from 1 to 10000, got 'six'");
        QTest::newRow("unknown topic") << QByteArray("producer create p\nproduce p orders\n")
                                       << QStringLiteral("s.kls:2:11: unknown topic 'orders'");
        QTest::newRow("unterminated") << QByteArray("say \"hello\n")
                                      << QStringLiteral("s.kls:1:5: unterminated string");
        QTest::newRow("bad duration") << QByteArray(
            "advance 30\n") << QStringLiteral("s.kls:1:9: expected a duration such as 250ms, 30s, 5m or 1h, got '30'");
        QTest::newRow("expect without op") << QByteArray("topic create t partitions=1\nexpect hw t-0 3\n")
                                           << QStringLiteral("s.kls:2:16: expect: expected an operator");
        QTest::newRow("unknown query") << QByteArray("expect foo == 1\n")
                                       << QStringLiteral("s.kls:1:8: unknown query 'foo'");
        QTest::newRow("missing group") << QByteArray("consumer create c1\n")
                                       << QStringLiteral("s.kls:1:19: consumer create: missing required option group=");
        QTest::newRow("unknown consumer")
            << QByteArray("poll c9\n") << QStringLiteral("s.kls:1:6: unknown consumer 'c9'");
        QTest::newRow("bad strategy") << QByteArray(
            "consumer create c1 group=g partition.assignment.strategy=range,fair\n")
                                      << QStringLiteral("s.kls:1:58: partition.assignment.strategy: expected range, "
                                                        "roundrobin, sticky or cooperative-sticky");
        QTest::newRow("bad commit offset")
            << QByteArray("topic create t partitions=1\nconsumer create c group=g\ncommit c t-0=x\n")
            << QStringLiteral("s.kls:3:14: commit: expected an offset");
        QTest::newRow("txn typo") << QByteArray("txn start p\n")
                                  << QStringLiteral("s.kls:1:5: expected `txn init|begin|send-offsets|commit|abort`");
        QTest::newRow("cluster late") << QByteArray("topic create t partitions=1\ncluster brokers=3\n")
                                      << QStringLiteral("s.kls:2:1: `cluster` must come before any other command");
        QTest::newRow("too many records")
            << QByteArray("topic create t partitions=1\nproducer create p\nproduce p t count=99999999\n")
            << QStringLiteral("s.kls:3:19: count: expected a whole number from 1 to 1000000");
        QTest::newRow("too long") << QByteArray("advance 400d\n")
                                  << QStringLiteral("s.kls:1:9: a scenario can simulate at most 30 days");
        QTest::newRow("invalid utf8") << QByteArray("say \"caf\xe9\"\n") << QStringLiteral("s.kls:1:9: invalid UTF-8");
        QTest::newRow("duplicate option") << QByteArray("topic create t partitions=1 partitions=2\n")
                                          << QStringLiteral("s.kls:1:29: option 'partitions' is given twice");
    }
    void errorsNameTheirPlace()
    {
        QFETCH(QByteArray, script);
        QFETCH(QString, error);
        const QString actual = QString::fromStdString(errorOf(script.constData()));
        QVERIFY2(actual.startsWith(error), qPrintable(actual));
    }

    void quotedValuesKeepSpacesAndEquals()
    {
        auto parsed = parseScript(
            "topic create t partitions=1\nproducer create p\nproduce p t value=\"a = b c\"\nsay \"x=1 is text\"\n",
            "s.kls");
        QVERIFY(std::holds_alternative<Script>(parsed));
        const Script &script = std::get<Script>(parsed);
        QCOMPARE(script.commands[2].option("value")->value, std::string("a = b c"));
        QCOMPARE(script.commands[3].args[0].text, std::string("x=1 is text"));
    }

    void runtimeErrorsStopWithTheirLine()
    {
        auto parsed = parseScript("cluster brokers=3\ntopic create t partitions=1 rf=5\n", "s.kls");
        ScenarioRunner runner(std::get<Script>(std::move(parsed)));
        runner.runAll();
        QVERIFY(runner.error().has_value());
        QCOMPARE(runner.error()->line, 2);
        QVERIFY(runner.error()->message.find("larger than the 3 available brokers") != std::string::npos);
    }

    void runawayLoadEndsWithAClearError()
    {
        auto parsed = parseScript("cluster brokers=3\ntopic create t partitions=3 rf=3\nproducer create p\n"
                                  "load p t rate=1000000/s\nadvance 29d\n",
            "s.kls");
        ScenarioRunner runner(std::get<Script>(std::move(parsed)));
        runner.runAll();
        QVERIFY(runner.error().has_value());
        QCOMPARE(runner.error()->line, 5);
        QVERIFY2(runner.error()->message.find("more than 5000000 records") != std::string::npos,
            runner.error()->message.c_str());
    }

    void pastAtTimeIsAnError()
    {
        auto parsed = parseScript("advance 10s\nat 5s crash broker 1\n", "s.kls");
        ScenarioRunner runner(std::get<Script>(std::move(parsed)));
        runner.runAll();
        QVERIFY(runner.error().has_value());
        QCOMPARE(runner.error()->line, 2);
    }
};

QTEST_APPLESS_MAIN(TestScript)
#include "test_script.moc"
