// assignbench: how long Kafka's sticky assignors take at a large group's scale.
//
//   assignbench [--members N] [--topics T] [--partitions P] [--repeat R] [--general]
//
// Prints one JSON object per line: {"case", "assignor", "members", "partitions", "seconds"},
// "seconds" being the fastest of R runs. Cases: a fresh assignment (nobody owns anything) and a
// sticky re-assignment after one member leaves (everyone else owns its previous partitions).
// --general adds both cases with one member subscribed to one topic only, which takes Kafka's
// general (non-identical subscriptions) path.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/assignor.h"

using namespace kafkalab::core;

namespace {

struct Options
{
    int members = 2000;
    int topics = 500;
    int partitions = 200;
    int repeat = 3;
    bool general = false;
};

std::string padded(const char *prefix, int i)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%05d", prefix, i);
    return buffer;
}

template<typename F> double fastest(int repeat, F &&run)
{
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        best = std::min(best, elapsed.count());
    }
    return best;
}

void report(const char *name, AssignorKind kind, std::size_t members, std::int64_t partitions, double seconds)
{
    std::printf(
        "{\"case\": \"%s\", \"assignor\": \"%.*s\", \"members\": %zu, \"partitions\": %lld, \"seconds\": %.6f}\n", name,
        int(assignorName(kind).size()), assignorName(kind).data(), members, static_cast<long long>(partitions),
        seconds);
    std::fflush(stdout);
}

void runCases(const Options &options, AssignorKind kind, bool general)
{
    TopicPartitionCounts topics;
    std::vector<std::string> names;
    for (int t = 0; t < options.topics; ++t) {
        names.push_back(padded("t", t));
        topics[names.back()] = options.partitions;
    }
    std::vector<AssignorMember> members(std::size_t(options.members));
    for (int m = 0; m < options.members; ++m) {
        members[std::size_t(m)].memberId = padded("consumer-", m);
        members[std::size_t(m)].topics = names;
    }
    if (general)
        members.back().topics = {names.front()};
    const std::int64_t total = std::int64_t(options.topics) * options.partitions;

    AssignmentResult fresh;
    const double freshSeconds = fastest(options.repeat, [&] { fresh = assign(kind, topics, members); });
    report(general ? "fresh-general" : "fresh", kind, members.size(), total, freshSeconds);

    // Everyone reports what it got (generation 1); the first member leaves.
    std::vector<AssignorMember> survivors;
    for (std::size_t m = 1; m < members.size(); ++m) {
        AssignorMember member = members[m];
        member.owned = fresh.assignment.at(member.memberId);
        member.generation = 1;
        survivors.push_back(std::move(member));
    }
    AssignmentResult after;
    const double stickySeconds = fastest(options.repeat, [&] { after = assign(kind, topics, survivors); });
    report(general ? "member-left-general" : "member-left", kind, survivors.size(), total, stickySeconds);

    // A result nobody checks could be optimised away or be wrong: count what was handed out.
    std::int64_t assigned = 0;
    for (const auto &[id, list] : after.assignment)
        assigned += std::int64_t(list.size());
    if (assigned > total) {
        std::fprintf(stderr, "assignbench: %lld partitions assigned out of %lld\n", static_cast<long long>(assigned),
            static_cast<long long>(total));
        std::exit(1);
    }
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto number = [&](int &out) {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "assignbench: %s needs a number\n", argv[i]);
                std::exit(2);
            }
            out = std::atoi(argv[++i]);
            if (out <= 0) {
                std::fprintf(stderr, "assignbench: %s must be positive\n", argv[i - 1]);
                std::exit(2);
            }
        };
        if (arg == "--members")
            number(options.members);
        else if (arg == "--topics")
            number(options.topics);
        else if (arg == "--partitions")
            number(options.partitions);
        else if (arg == "--repeat")
            number(options.repeat);
        else if (arg == "--general")
            options.general = true;
        else {
            std::fprintf(
                stderr, "usage: assignbench [--members N] [--topics T] [--partitions P] [--repeat R] [--general]\n");
            return 2;
        }
    }
    runCases(options, AssignorKind::CooperativeSticky, false);
    runCases(options, AssignorKind::Sticky, false);
    if (options.general)
        runCases(options, AssignorKind::CooperativeSticky, true);
    return 0;
}
