#pragma once

#include <QStringList>

class QTextStream;

namespace kafkalab::cli {

/** Exit codes of kafkalab-cli (DESIGN §4): 0 success, 1 an expectation failed, 2 bad input. */
enum ExitCode : int {
    kExitOk = 0,
    kExitExpectationFailed = 1,
    kExitUsage = 2,
};

/**
 * Runs one kafkalab-cli invocation. `args` includes the program name, as
 * QCoreApplication::arguments() gives it. Output goes to `out`, diagnostics to `err`, and
 * `in` feeds interactive commands (quiz take).
 */
int run(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in);

/** Same, on the process's standard streams. */
int run(const QStringList &args);

} // namespace kafkalab::cli
