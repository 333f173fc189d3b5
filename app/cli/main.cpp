#include <QCoreApplication>

#include "app/cli/clicommands.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // One application name for the CLI and the desktop app, so both use the same progress database.
    QCoreApplication::setApplicationName(QStringLiteral("kafkalab"));
    QCoreApplication::setOrganizationName(QStringLiteral("KafkaLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KAFKALAB_VERSION));
    return kafkalab::cli::run(QCoreApplication::arguments());
}
