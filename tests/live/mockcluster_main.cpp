// live_mockcluster: librdkafka's mock cluster as a stand-alone process, to try live mode (and take
// the docs' screenshots) without installing Kafka. Not a test and not installed.
//
//   live_mockcluster [--brokers N] [--rate RECORDS_PER_SECOND] [--fail-broker ID --after SECONDS]
//
// Prints the bootstrap servers on the first line, then keeps the cluster up until stdin closes or
// the process is stopped. Topics: orders (6 partitions), payments (3), audit (1); group `billing`
// has committed offsets and falls behind while records keep coming.

#include <csignal>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <unistd.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QStringList>

#include "tests/live/mockcluster.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

bool stdinClosed()
{
    pollfd fd {STDIN_FILENO, POLLIN, 0};
    if (::poll(&fd, 1, 0) <= 0)
        return false;
    char buf[256];
    return ::read(STDIN_FILENO, buf, sizeof buf) <= 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int brokers = 3;
    int rate = 5;
    int failBroker = -1;
    int failAfter = 0;
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--brokers")
            brokers = args[i + 1].toInt();
        else if (args[i] == u"--rate")
            rate = args[i + 1].toInt();
        else if (args[i] == u"--fail-broker")
            failBroker = args[i + 1].toInt();
        else if (args[i] == u"--after")
            failAfter = args[i + 1].toInt();
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    MockCluster cluster(std::max(1, brokers));
    const int rf = std::min(3, brokers);
    cluster.createTopic("orders", 6, rf);
    cluster.createTopic("payments", 3, rf);
    cluster.createTopic("audit", 1, rf);
    for (int p = 0; p < 6; ++p)
        cluster.produce("orders", p, 20 + 7 * p);
    for (int p = 0; p < 3; ++p)
        cluster.produce("payments", p, 12);
    cluster.produce("audit", 0, 5);
    cluster.commit("billing",
        {{{"orders", 0}, 15}, {{"orders", 1}, 27}, {{"orders", 2}, 30}, {{"orders", 3}, 20}, {{"orders", 4}, 40},
            {{"orders", 5}, 55}});
    cluster.commit("fraud-check", {{{"payments", 0}, 12}, {{"payments", 1}, 10}, {{"payments", 2}, 2}});
    std::printf("%s\n", cluster.bootstrap().toUtf8().constData());
    std::fflush(stdout);

    QElapsedTimer clock;
    clock.start();
    bool failed = false;
    int next = 0;
    while (g_stop == 0 && !stdinClosed()) {
        if (rate > 0)
            cluster.produce("orders", next++ % 6, 1);
        if (!failed && failBroker > 0 && clock.elapsed() >= failAfter * 1000LL) {
            // Like a controller would: the broker's partitions move to the next replica.
            rd_kafka_mock_broker_set_down(cluster.get(), failBroker);
            for (int p = 0; p < 6; ++p)
                rd_kafka_mock_partition_set_leader(cluster.get(), "orders", p, (failBroker % brokers) + 1);
            failed = true;
        }
        ::usleep(static_cast<useconds_t>(rate > 0 ? 1000000 / rate : 200000));
    }
    return 0;
}
