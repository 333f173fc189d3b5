#include "exporter.h"

#include <algorithm>
#include <cmath>

#include <QRegularExpression>

namespace kafkalab::quiz {
namespace {

int topicRank(const QString &topic)
{
    const auto &topics = knownTopics();
    for (int i = 0; i < topics.size(); ++i) {
        if (topics.at(i).id == topic)
            return i;
    }
    return int(topics.size());
}

/** Questions grouped by topic in the documented topic order, keeping the bank's order within. */
QList<Question> byTopic(const QList<Question> &questions)
{
    QList<Question> sorted = questions;
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const Question &a, const Question &b) { return topicRank(a.topic) < topicRank(b.topic); });
    return sorted;
}

QString letter(int index)
{
    return QString(QChar(char16_t(u'A' + index)));
}

/** What a learner should read after answering: the model answer, key points and the pitfall. */
QString explanationMarkdown(const Question &q)
{
    QString text = q.modelAnswer;
    if (!q.keyPoints.isEmpty()) {
        text += QStringLiteral("\n\nKey points:");
        for (const QString &k : q.keyPoints)
            text += QStringLiteral("\n- ") + k;
    }
    if (!q.pitfall.isEmpty())
        text += QStringLiteral("\n\nPitfall: ") + q.pitfall;
    return text;
}

QString promptWithScenario(const Question &q)
{
    if (q.type != QuestionType::Predict || q.scenario.isEmpty())
        return q.prompt;
    return q.prompt + QStringLiteral("\n\n```kls\n") + q.scenario.trimmed() + QStringLiteral("\n```");
}

QString giftWeight(int correctCount)
{
    // Moodle accepts weights from its grade list (100, 50, 33.33333, 25, 20, 16.66667, …).
    const double w = 100.0 / correctCount;
    if (std::abs(w - std::round(w)) < 1e-9)
        return QString::number(qint64(std::round(w)));
    return QString::number(w, 'f', 5);
}

QString oneLine(const QString &text)
{
    return text.simplified();
}

QString html(const QString &text)
{
    QString out = text.toHtmlEscaped();
    // toHtmlEscaped also turns " into &quot;; keep quotes literal so the CSV layer quotes them.
    out.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
    out.replace(u'\n', QStringLiteral("<br>"));
    return out;
}

} // namespace

std::optional<ExportFormat> exportFormatFromString(const QString &text)
{
    if (text == u"gift")
        return ExportFormat::Gift;
    if (text == u"aiken")
        return ExportFormat::Aiken;
    if (text == u"anki-csv")
        return ExportFormat::AnkiCsv;
    return std::nullopt;
}

ExportResult Exporter::exportQuestions(const QList<Question> &questions, ExportFormat format)
{
    switch (format) {
    case ExportFormat::Gift:
        return gift(questions);
    case ExportFormat::Aiken:
        return aiken(questions);
    case ExportFormat::AnkiCsv:
        return ankiCsv(questions);
    }
    return {};
}

QString Exporter::escapeGift(const QString &text)
{
    QString out;
    out.reserve(text.size() + 16);
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'\\':
            out += QStringLiteral("\\\\");
            break;
        case u'#':
        case u'=':
        case u'~':
        case u'{':
        case u'}':
        case u':':
            out += u'\\';
            out += c;
            break;
        case u'\n':
            // A blank line ends a GIFT question, so newlines travel as the \n escape.
            out += QStringLiteral("\\n");
            break;
        case u'\r':
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString Exporter::csvField(const QString &text, QChar separator)
{
    if (!text.contains(separator) && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

ExportResult Exporter::gift(const QList<Question> &questions)
{
    ExportResult result;
    QString &out = result.text;
    out += QStringLiteral("// Kafka Lab questions in Moodle GIFT format.\n\n");
    QString category;
    for (const Question &q : byTopic(questions)) {
        if (q.topic != category) {
            category = q.topic;
            out += QStringLiteral("$CATEGORY: Kafka Lab/") + category + QStringLiteral("\n\n");
        }
        out += QStringLiteral("// %1 (%2, difficulty %3, %4)\n")
                   .arg(q.id, q.topic)
                   .arg(q.difficulty)
                   .arg(questionTypeName(q.type));
        out += QStringLiteral("::") + escapeGift(q.id) + QStringLiteral("::[markdown]")
            + escapeGift(promptWithScenario(q));
        const QString feedback = QStringLiteral("\t####") + escapeGift(explanationMarkdown(q)) + u'\n';
        switch (q.type) {
        case QuestionType::Single:
        case QuestionType::Predict:
            out += QStringLiteral("{\n");
            for (const QuestionOption &o : q.options) {
                out += (o.correct ? QStringLiteral("\t=") : QStringLiteral("\t~")) + escapeGift(o.text);
                if (!o.why.isEmpty())
                    out += u'#' + escapeGift(o.why);
                out += u'\n';
            }
            out += feedback + QStringLiteral("}\n\n");
            break;
        case QuestionType::Multi: {
            // Several right answers: each right option earns its share, any wrong one cancels the
            // question (Moodle floors the total at 0), the nearest GIFT has to all-or-nothing.
            const QString weight = giftWeight(int(q.correctOptionIndices().size()));
            out += QStringLiteral("{\n");
            for (const QuestionOption &o : q.options) {
                out += (o.correct ? QStringLiteral("\t~%") + weight + u'%' : QStringLiteral("\t~%-100%"))
                    + escapeGift(o.text);
                if (!o.why.isEmpty())
                    out += u'#' + escapeGift(o.why);
                out += u'\n';
            }
            out += feedback + QStringLiteral("}\n\n");
            break;
        }
        case QuestionType::Order:
            // GIFT has no ordering type: match each step to its position. "->" separates the
            // pair in GIFT and cannot be escaped, so an arrow in the text becomes "→".
            out += QStringLiteral("{\n");
            for (int i = 0; i < q.options.size(); ++i) {
                QString step = q.options.at(i).text;
                step.replace(QStringLiteral("->"), QStringLiteral("→"));
                out += QStringLiteral("\t=") + escapeGift(step) + QStringLiteral(" -> ") + QString::number(i + 1)
                    + u'\n';
            }
            out += feedback + QStringLiteral("}\n\n");
            break;
        case QuestionType::Fill:
            out += QStringLiteral("{\n");
            for (const QString &a : q.acceptedAnswers)
                out += QStringLiteral("\t=") + escapeGift(a) + u'\n';
            out += feedback + QStringLiteral("}\n\n");
            break;
        case QuestionType::Recall:
            // An essay with the model answer as general feedback.
            out += QStringLiteral("{\n") + feedback + QStringLiteral("}\n\n");
            break;
        }
        ++result.exported;
    }
    return result;
}

ExportResult Exporter::aiken(const QList<Question> &questions)
{
    ExportResult result;
    QString &out = result.text;
    for (const Question &q : byTopic(questions)) {
        if (q.type != QuestionType::Single) {
            result.skipped.append({q.id, questionTypeName(q.type)});
            continue;
        }
        const QString prompt = oneLine(q.prompt);
        // Aiken has no escapes: a prompt that reads like an option or the answer line, or more
        // than 26 options, cannot be written faithfully.
        static const QRegularExpression kLooksLikeOption(QStringLiteral("^[A-Z][.)][ \\t]|^ANSWER:"));
        if (q.options.size() > 26 || kLooksLikeOption.match(prompt).hasMatch()) {
            result.skipped.append({q.id, QStringLiteral("not representable in Aiken")});
            continue;
        }
        out += prompt + u'\n';
        int answer = 0;
        for (int i = 0; i < q.options.size(); ++i) {
            out += letter(i) + QStringLiteral(". ") + oneLine(q.options.at(i).text) + u'\n';
            if (q.options.at(i).correct)
                answer = i;
        }
        out += QStringLiteral("ANSWER: ") + letter(answer) + QStringLiteral("\n\n");
        ++result.exported;
    }
    return result;
}

ExportResult Exporter::ankiCsv(const QList<Question> &questions)
{
    ExportResult result;
    QString &out = result.text;
    // Anki (2.1.55+) reads these header lines: separator, HTML fields, column names.
    out += QStringLiteral("#separator:semicolon\r\n#html:true\r\n#columns:Front;Back\r\n");
    for (const Question &q : byTopic(questions)) {
        QString front = html(q.prompt);
        if (q.type == QuestionType::Predict && !q.scenario.isEmpty())
            front += QStringLiteral("<pre>") + html(q.scenario.trimmed()) + QStringLiteral("</pre>");
        QString back;
        if (q.type == QuestionType::Order) {
            front += QStringLiteral("<br><br>Put in order:");
            QList<int> shown(q.options.size());
            for (int i = 0; i < shown.size(); ++i)
                shown[i] = i;
            // Show the steps in a fixed scrambled order (reversed), not the answer's order.
            std::reverse(shown.begin(), shown.end());
            for (int i : shown)
                front += QStringLiteral("<br>- ") + html(q.options.at(i).text);
            back += QStringLiteral("Order:<ol>");
            for (const QuestionOption &o : q.options)
                back += QStringLiteral("<li>") + html(o.text) + QStringLiteral("</li>");
            back += QStringLiteral("</ol>");
        } else if (questionTypeHasOptions(q.type)) {
            front += QStringLiteral("<br>");
            QStringList right;
            for (int i = 0; i < q.options.size(); ++i) {
                front += QStringLiteral("<br>") + letter(i) + QStringLiteral(". ") + html(q.options.at(i).text);
                if (q.options.at(i).correct)
                    right.append(letter(i) + QStringLiteral(". ") + html(q.options.at(i).text));
            }
            back += QStringLiteral("Answer: ") + right.join(QStringLiteral("<br>")) + QStringLiteral("<br><br>");
        } else if (q.type == QuestionType::Fill) {
            back += QStringLiteral("Answer: ") + html(q.acceptedAnswers.join(QStringLiteral(" / ")))
                + QStringLiteral("<br><br>");
        }
        back += html(q.modelAnswer);
        if (!q.keyPoints.isEmpty()) {
            back += QStringLiteral("<br><br>Key points:<ul>");
            for (const QString &k : q.keyPoints)
                back += QStringLiteral("<li>") + html(k) + QStringLiteral("</li>");
            back += QStringLiteral("</ul>");
        }
        out += csvField(front) + u';' + csvField(back) + QStringLiteral("\r\n");
        ++result.exported;
    }
    return result;
}

} // namespace kafkalab::quiz
