#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "quiz/question.h"

namespace kafkalab::quiz {

/** Formats other quiz tools import. */
enum class ExportFormat {
    Gift, ///< Moodle GIFT: every type (order as matching, recall as essay, fill as short answer)
    Aiken, ///< Moodle Aiken: single-choice questions only
    AnkiCsv, ///< Anki notes: front;back, RFC 4180 quoting
};

/** "gift", "aiken" or "anki-csv". */
std::optional<ExportFormat> exportFormatFromString(const QString &text);

/** An export: the text to write, and which questions the format could not hold. */
struct ExportResult
{
    QString text;
    int exported = 0;
    /** Ids of the questions left out, with the reason ("multi", "recall", …). */
    QList<std::pair<QString, QString>> skipped;
};

/**
 * Writes questions in formats other tools import, escaping each format's special characters
 * (Moodle's GIFT exporter escapes `\ # = ~ { } :` and newlines; Aiken has no escapes, so text is
 * put on one line; CSV fields are quoted per RFC 4180).
 */
class Exporter
{
public:
    static ExportResult exportQuestions(const QList<Question> &questions, ExportFormat format);

    static ExportResult gift(const QList<Question> &questions);
    static ExportResult aiken(const QList<Question> &questions);
    static ExportResult ankiCsv(const QList<Question> &questions);

    /** Escapes GIFT's reserved characters as Moodle's own exporter does. */
    static QString escapeGift(const QString &text);
    /** Quotes a CSV field when it holds the separator, a quote, CR or LF (RFC 4180). */
    static QString csvField(const QString &text, QChar separator = u';');
};

} // namespace kafkalab::quiz
