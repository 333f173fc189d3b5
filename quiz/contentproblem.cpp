#include "contentproblem.h"

namespace kafkalab::quiz {

QString ContentProblem::toString() const
{
    return file + u':' + QString::number(line) + u": " + message;
}

} // namespace kafkalab::quiz
