#pragma once

#include <QString>

namespace kafkalab::quiz {

/** One problem found in a content file, reported as `FILE:LINE: message`. */
struct ContentProblem
{
    /** The file as the user knows it (a path, or content/questions/NAME for built-in files). */
    QString file;
    /** 1-based line of the offending line in the file. */
    int line = 1;
    QString message;

    /** `FILE:LINE: message`. */
    QString toString() const;
    bool operator==(const ContentProblem &) const = default;
};

} // namespace kafkalab::quiz
