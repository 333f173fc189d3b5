// Every scenario in tests/scenarios (the seeds' worked examples) and docs/examples must parse,
// run without error, and have all of its `expect` lines hold.
#include <QDir>
#include <QFile>
#include <QTest>

#include "core/scenario/scenariorunner.h"

using namespace kafkalab::core;
using namespace kafkalab::core::scenario;

class TestScenarios : public QObject
{
    Q_OBJECT

private slots:
    void seedScenariosHold_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &dir : {QStringLiteral("/tests/scenarios"), QStringLiteral("/docs/examples")}) {
            const QDir d(QStringLiteral(KAFKALAB_SOURCE_DIR) + dir);
            for (const QString &name : d.entryList({QStringLiteral("*.kls")}, QDir::Files, QDir::Name))
                QTest::newRow(qPrintable(name)) << d.filePath(name);
        }
        QVERIFY(QTest::currentTestFunction() != nullptr);
    }
    void seedScenariosHold()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        auto parsed = parseScript(std::string_view(text.constData(), std::size_t(text.size())), path.toStdString());
        if (auto *error = std::get_if<ScriptError>(&parsed))
            QFAIL(error->toString().c_str());
        ScenarioRunner runner(std::get<Script>(std::move(parsed)));
        runner.runAll();
        if (runner.error())
            QFAIL(runner.error()->toString().c_str());
        QVERIFY2(!runner.expectations().empty(), "a scenario test must check something");
        for (const ExpectOutcome &e : runner.expectations()) {
            const std::string message = path.toStdString() + ':' + std::to_string(e.line) + ": expected " + e.query
                + ' ' + e.op + ' ' + e.expected + ", got " + e.actual;
            QVERIFY2(e.passed, message.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestScenarios)
#include "test_scenarios.moc"
