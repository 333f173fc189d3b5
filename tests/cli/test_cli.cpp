#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "app/cli/clicommands.h"

using namespace kafkalab;

namespace {
struct CliResult
{
    int code;
    QString out;
    QString err;
};

CliResult runCli(QStringList args, const QString &input = {})
{
    args.prepend(QStringLiteral("kafkalab-cli"));
    QString out;
    QString err;
    QString in = input;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    QTextStream inStream(&in);
    const int code = cli::run(args, outStream, errStream, inStream);
    outStream.flush();
    errStream.flush();
    return {code, out, err};
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void versionPrintsTheProjectVersion()
    {
        const auto r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("kafkalab-cli " KAFKALAB_VERSION "\n"));
    }

    void partitionPrintsKeyTabPartition()
    {
        const auto r = runCli({QStringLiteral("partition"), QStringLiteral("--partitions"), QStringLiteral("17"),
            QStringLiteral("hejsan"), QStringLiteral("23456")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("hejsan\t5\n23456\t9\n"));
    }

    void runExitCodes_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrContains");
        QTest::newRow("passes") << QByteArray("topic create t partitions=1 rf=3\nexpect leader t-0 == 1\n") << 0
                                << QString();
        QTest::newRow("expectation fails") << QByteArray("topic create t partitions=1 rf=3\nexpect leader t-0 == 2\n")
                                           << 1 << QStringLiteral(":2: expected leader t-0 == 2, got 1");
        QTest::newRow("script error") << QByteArray("topic create t partitions=x\n") << 2
                                      << QStringLiteral(":1:27: partitions:");
    }
    void runExitCodes()
    {
        QFETCH(QByteArray, script);
        QFETCH(int, code);
        QFETCH(QString, stderrContains);
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("s.kls")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(script);
        file.close();
        const QString state = dir.filePath(QStringLiteral("state.json"));
        const auto r = runCli(
            {QStringLiteral("run"), file.fileName(), QStringLiteral("--quiet"), QStringLiteral("--state"), state});
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
        if (code != 2) {
            QFile stateFile(state);
            QVERIFY(stateFile.open(QIODevice::ReadOnly));
            const QJsonObject root = QJsonDocument::fromJson(stateFile.readAll()).object();
            for (const char *key : {"timeUs", "controller", "brokers", "topics", "producers", "groups", "consumers"})
                QVERIFY2(root.contains(QLatin1String(key)), key);
        }
    }

    void assignFollowsKafka()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("g.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"topics": {"t1": 3}, "members": [{"id": "c1", "topics": ["t1"], "owned": ["t1-0","t1-1","t1-2"], "generation": 1},
            {"id": "c2", "topics": ["t1"]}]})");
        file.close();
        auto r = runCli(
            {QStringLiteral("assign"), QStringLiteral("--strategy"), QStringLiteral("range"), file.fileName()});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(),
            QStringLiteral(
                R"({"assignment":{"c1":["t1-0","t1-1"],"c2":["t1-2"]},"revoked":{"c1":["t1-0","t1-1","t1-2"],"c2":[]}})"));
        // Cooperative: t1-2 moves, so c1 gives it up and c2 gets it only in the next round.
        r = runCli({QStringLiteral("assign"), QStringLiteral("--strategy"), QStringLiteral("cooperative-sticky"),
            file.fileName()});
        QCOMPARE(r.out.trimmed(),
            QStringLiteral(R"({"assignment":{"c1":["t1-0","t1-1"],"c2":[]},"revoked":{"c1":["t1-2"],"c2":[]}})"));
        r = runCli({QStringLiteral("assign"), QStringLiteral("--strategy"), QStringLiteral("fair"), file.fileName()});
        QCOMPARE(r.code, 2);
    }

    void assignReportsBadJsonWithItsPlace()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"topics\": {\"t1\": 3},\n \"members\": [oops]}");
        file.close();
        const auto r = runCli(
            {QStringLiteral("assign"), QStringLiteral("--strategy"), QStringLiteral("range"), file.fileName()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("bad.json:2:")), qPrintable(r.err));
    }

    void partitionRejectsBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing count") << QStringList {QStringLiteral("partition"), QStringLiteral("k")}
                                       << QStringLiteral("--partitions N is required");
        QTest::newRow("zero") << QStringList {QStringLiteral("partition"), QStringLiteral("--partitions"),
            QStringLiteral("0"), QStringLiteral("k")}
                              << QStringLiteral("from 1 to 1000000");
        QTest::newRow("not a number") << QStringList {QStringLiteral("partition"), QStringLiteral("--partitions"),
            QStringLiteral("six"), QStringLiteral("k")}
                                      << QStringLiteral("got 'six'");
        QTest::newRow("no keys") << QStringList {QStringLiteral("partition"), QStringLiteral("--partitions"),
            QStringLiteral("6")} << QStringLiteral("at least one KEY");
        QTest::newRow("unknown option") << QStringList {QStringLiteral("partition"), QStringLiteral("--key"),
            QStringLiteral("k"), QStringLiteral("--partitions"), QStringLiteral("6")}
                                        << QStringLiteral("unknown option '--key'");
        QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")}
                                         << QStringLiteral("unknown command 'frobnicate'");
    }
    void partitionRejectsBadArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = runCli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
