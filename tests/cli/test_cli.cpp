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
