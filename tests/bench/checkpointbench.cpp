// checkpointbench: what a time-travel checkpoint costs as a busy cluster's history grows.
//
//   checkpointbench [SCRIPT] [--seconds S]
//
// Runs SCRIPT (default: tests/bench/playground-large.kls, 12 brokers, 200 partitions at RF 3,
// 50 consumers, 10,000 records/s), then lets S simulated seconds pass (default 60), taking a
// checkpoint of the whole scenario runner after each second and keeping them all, as the app's
// time-travel history does. Prints one JSON object per 10 s: {"simulatedSeconds",
// "checkpointMs" (the last checkpoint's copy), "rssMegabytes" (the process, checkpoints
// included)}, then {"seconds", "meanCheckpointMs", "maxCheckpointMs", "rssMegabytes"}.
//
// A checkpoint should cost what changed since the previous one, not the whole history: flat
// checkpointMs as simulatedSeconds grows (docs/app.md, Time travel).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/scenario/scenariorunner.h"
#include "core/scenario/script.h"

using namespace kafkalab::core::scenario;

namespace {

double rssMegabytes()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * 4096.0 / 1048576.0;
}

} // namespace

int main(int argc, char **argv)
{
    std::string path = KAFKALAB_BENCH_DIR "/playground-large.kls";
    int seconds = 60;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seconds" && i + 1 < argc) {
            seconds = std::atoi(argv[++i]);
        } else if (!arg.empty() && arg[0] != '-') {
            path = arg;
        } else {
            std::fprintf(stderr, "usage: checkpointbench [SCRIPT] [--seconds S]\n");
            return 2;
        }
    }
    if (seconds <= 0) {
        std::fprintf(stderr, "checkpointbench: --seconds needs a positive number\n");
        return 2;
    }
    std::ifstream file(path);
    if (!file) {
        std::fprintf(stderr, "checkpointbench: cannot read %s\n", path.c_str());
        return 2;
    }
    std::stringstream text;
    text << file.rdbuf();
    auto parsed = parseScript(text.str(), path);
    if (const auto *error = std::get_if<ScriptError>(&parsed)) {
        std::fprintf(stderr, "%s\n", error->toString().c_str());
        return 1;
    }
    ScenarioRunner runner(std::move(std::get<Script>(parsed)));
    runner.runAll();
    if (runner.error()) {
        std::fprintf(stderr, "checkpointbench: the script stopped: %s\n", runner.error()->message.c_str());
        return 1;
    }
    auto second = parseCommandLine("advance 1s", "checkpointbench", 1, runner.scope());
    if (const auto *error = std::get_if<ScriptError>(&second)) {
        std::fprintf(stderr, "checkpointbench: %s\n", error->toString().c_str());
        return 1;
    }
    const Command &advance = std::get<Command>(second);

    std::vector<ScenarioRunner::Checkpoint> history;
    double total = 0;
    double worst = 0;
    for (int s = 1; s <= seconds; ++s) {
        if (const auto error = runner.execute(advance)) {
            std::fprintf(stderr, "checkpointbench: %s\n", error->message.c_str());
            return 1;
        }
        const auto start = std::chrono::steady_clock::now();
        history.push_back(runner.checkpoint());
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        total += ms;
        worst = std::max(worst, ms);
        if (s % 10 == 0 || s == seconds)
            std::printf(
                "{\"simulatedSeconds\": %d, \"checkpointMs\": %.2f, \"rssMegabytes\": %.0f}\n", s, ms, rssMegabytes());
    }
    std::printf("{\"seconds\": %d, \"meanCheckpointMs\": %.2f, \"maxCheckpointMs\": %.2f, \"rssMegabytes\": %.0f}\n",
        seconds, total / seconds, worst, rssMegabytes());
    return 0;
}
