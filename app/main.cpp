#include <QApplication>

#include "app/ui/mainwindow.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Kafka Lab"));
    QApplication::setOrganizationName(QStringLiteral("KafkaLab"));
    QApplication::setApplicationVersion(QStringLiteral(KAFKALAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.kafkalab.KafkaLab"));

    kafkalab::app::MainWindow window;
    window.show();
    return QApplication::exec();
}
