// Test-only stand-in for `kafkalab-cli quiz …`: runs runQuizCommand on the process's standard
// streams, built exactly as kafkalab-cli builds them, so tests can start it as a child process
// (and kill it). Also handy for `quiz bench` before the lead wires the command in.
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

#include "quiz/quizcli.h"

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("KafkaLab"));
    QCoreApplication::setApplicationName(QStringLiteral("kafkalab-quiz-child"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    const int code = kafkalab::quiz::runQuizCommand(QCoreApplication::arguments().mid(1), out, err, in);
    out.flush();
    err.flush();
    return code;
}
