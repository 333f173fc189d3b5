#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

#include "quiz/contentproblem.h"
#include "quiz/question.h"

namespace kafkalab::quiz {

/** What parsing one question file gives: the question (when the front matter was readable) and its problems. */
struct ParseResult
{
    /** Present when the file could be read far enough to know what it is; valid only if `problems` is empty. */
    std::optional<Question> question;
    QList<ContentProblem> problems;

    bool isValid() const { return question.has_value() && problems.isEmpty(); }
};

/**
 * Reads one question file in the format of docs/content-format.md and checks everything that can
 * be checked within the file. Never throws and never crashes, whatever the bytes.
 */
class QuestionParser
{
public:
    /**
     * Parses `content`. `displayName` is the file as problems name it; `expectedId` is the file's
     * base name (the id must equal it; empty = not checked). With `knownLessons` set, a `lesson:`
     * not in the set is a problem.
     */
    static ParseResult parse(const QByteArray &content, const QString &displayName, const QString &expectedId,
        const std::optional<QSet<QString>> &knownLessons = std::nullopt);

    /**
     * Offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and code points
     * above U+10FFFF are invalid), or -1 when all of it is valid.
     */
    static qsizetype firstInvalidUtf8(const QByteArray &bytes);

    /** Whether `id` is a valid question or lesson id: lower-case letters, digits and single dashes. */
    static bool isValidId(const QString &id);

    /** Longest front matter accepted, bytes; larger is certainly not a question's metadata. */
    static constexpr qsizetype kMaxFrontMatterBytes = 64 * 1024;
};

} // namespace kafkalab::quiz
