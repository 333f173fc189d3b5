#include <QCoreApplication>

#include "app/cli/clicommands.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kafkalab-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("KafkaLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KAFKALAB_VERSION));
    return kafkalab::cli::run(QCoreApplication::arguments());
}
