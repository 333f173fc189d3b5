#include "questionparser.h"

#include <algorithm>
#include <array>
#include <exception>
#include <string>

#include <yaml-cpp/yaml.h>

#include <QHash>
#include <QStringList>

namespace kafkalab::quiz {
namespace {

/** The `##` sections in their required order. */
enum class Section {
    Prompt,
    Scenario,
    Options,
    AcceptedAnswers,
    ModelAnswer,
    KeyPoints,
    Pitfall,
    FollowUps,
};
constexpr int kSectionCount = 8;

const std::array<QString, kSectionCount> &sectionNames()
{
    static const std::array<QString, kSectionCount> kNames = {QStringLiteral("Prompt"), QStringLiteral("Scenario"),
        QStringLiteral("Options"), QStringLiteral("Accepted answers"), QStringLiteral("Model answer"),
        QStringLiteral("Key points"), QStringLiteral("Pitfall"), QStringLiteral("Follow-ups")};
    return kNames;
}

QString heading(Section s)
{
    return QStringLiteral("'## ") + sectionNames()[std::size_t(s)] + u'\'';
}

enum class Need { Required, Optional, NotAllowed };

Need sectionNeed(Section s, QuestionType type)
{
    switch (s) {
    case Section::Prompt:
    case Section::ModelAnswer:
    case Section::KeyPoints:
    case Section::Pitfall:
        return Need::Required;
    case Section::FollowUps:
        return Need::Optional;
    case Section::Scenario:
        return type == QuestionType::Predict ? Need::Required : Need::NotAllowed;
    case Section::Options:
        return questionTypeHasOptions(type) ? Need::Required : Need::NotAllowed;
    case Section::AcceptedAnswers:
        return type == QuestionType::Fill ? Need::Required : Need::NotAllowed;
    }
    return Need::Optional;
}

/** One line of the file with its 1-based number. */
struct Line
{
    QString text;
    int number = 0;
};

struct SectionBody
{
    int headingLine = 0;
    QList<Line> lines;

    QString text() const
    {
        // Trim blank lines at both ends, keep the inner layout (Markdown).
        qsizetype first = 0;
        qsizetype last = lines.size() - 1;
        while (first <= last && lines.at(first).text.trimmed().isEmpty())
            ++first;
        while (last >= first && lines.at(last).text.trimmed().isEmpty())
            --last;
        QStringList out;
        for (qsizetype i = first; i <= last; ++i)
            out.append(lines.at(i).text);
        return out.join(u'\n').trimmed();
    }
};

int leadingSpaces(const QString &s)
{
    int n = 0;
    for (QChar c : s) {
        if (c == u' ')
            ++n;
        else if (c == u'\t')
            n += 4;
        else
            break;
    }
    return n;
}

bool isFence(const QString &line)
{
    return line.trimmed().startsWith(QStringLiteral("```")) || line.trimmed().startsWith(QStringLiteral("~~~"));
}

/** A top-level bullet ("- text" or "* text", indented by at most one space); returns the text. */
std::optional<QString> bulletText(const QString &line)
{
    if (leadingSpaces(line) > 1)
        return std::nullopt;
    const QString t = line.trimmed();
    if (t == u"-" || t == u"*")
        return QString();
    if (t.size() >= 2 && (t.at(0) == u'-' || t.at(0) == u'*') && t.at(1).isSpace())
        return t.mid(2).trimmed();
    return std::nullopt;
}

class Parser
{
public:
    Parser(const QString &file, const QString &expectedId, const std::optional<QSet<QString>> &knownLessons)
        : m_file(file)
        , m_expectedId(expectedId)
        , m_knownLessons(knownLessons)
    { }

    ParseResult run(const QByteArray &content);

private:
    void problem(int line, const QString &message) { m_result.problems.append({m_file, std::max(1, line), message}); }

    bool parseFrontMatter(const QString &yamlText, int firstLine);
    void parseBody(const QList<Line> &body, int lastLine);
    void parseOptions(const SectionBody &body);
    QStringList parseBullets(const SectionBody &body, Section section);
    void parseScenario(const SectionBody &body);
    void checkOptions(int headingLine);

    QString m_file;
    QString m_expectedId;
    const std::optional<QSet<QString>> &m_knownLessons;
    ParseResult m_result;
    Question m_q;
    bool m_typeKnown = false;
};

ParseResult Parser::run(const QByteArray &content)
{
    m_q.file = m_file;
    if (content.trimmed().isEmpty()) {
        problem(1, QStringLiteral("empty file: a question needs front matter and sections"));
        return m_result;
    }
    const qsizetype bad = QuestionParser::firstInvalidUtf8(content);
    if (bad >= 0) {
        const int line = int(content.left(bad).count('\n')) + 1;
        const qsizetype lineStart = content.lastIndexOf('\n', bad - 1 < 0 ? 0 : bad - 1);
        const qsizetype column = bad - (bad == 0 || lineStart < 0 ? 0 : lineStart + 1) + 1;
        const auto byte = quint8(content.at(bad));
        problem(line,
            byte == 0 ? QStringLiteral("NUL byte at column %1: this is not a text file").arg(column)
                      : QStringLiteral("invalid UTF-8 (byte 0x%1 at column %2); save the file as UTF-8")
                            .arg(byte, 2, 16, QChar(u'0'))
                            .arg(column));
        return m_result;
    }

    QString text = QString::fromUtf8(content);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QStringList raw = text.split(u'\n');
    QList<Line> lines;
    lines.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        QString l = raw.at(i);
        if (l.endsWith(u'\r'))
            l.chop(1);
        lines.append({l, int(i + 1)});
    }

    if (lines.isEmpty() || lines.first().text.trimmed() != u"---") {
        problem(1,
            QStringLiteral("missing front matter: the file must start with a '---' line, then the YAML "
                           "front matter (id, topic, difficulty, type), then '---'"));
        return m_result;
    }
    qsizetype close = -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines.at(i).text.trimmed() == u"---") {
            close = i;
            break;
        }
    }
    if (close < 0) {
        problem(1, QStringLiteral("front matter is not closed: no '---' line after the one on line 1"));
        return m_result;
    }
    QStringList yamlLines;
    for (qsizetype i = 1; i < close; ++i)
        yamlLines.append(lines.at(i).text);
    if (!parseFrontMatter(yamlLines.join(u'\n'), 2))
        return m_result;
    m_result.question = m_q;
    if (!m_typeKnown)
        return m_result;
    parseBody(lines.mid(close + 1), int(lines.size()));
    m_result.question = m_q;
    return m_result;
}

bool Parser::parseFrontMatter(const QString &yamlText, int firstLine)
{
    const QByteArray utf8 = yamlText.toUtf8();
    if (utf8.size() > QuestionParser::kMaxFrontMatterBytes) {
        problem(firstLine,
            QStringLiteral("front matter is %1 bytes; more than %2 is not question metadata")
                .arg(utf8.size())
                .arg(QuestionParser::kMaxFrontMatterBytes));
        return false;
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(utf8.constData(), std::size_t(utf8.size())));
    } catch (const YAML::Exception &e) {
        // yaml-cpp's mark is 0-based within the front matter, which starts on `firstLine`.
        const int line = e.mark.is_null() ? firstLine : firstLine + e.mark.line;
        problem(line, QStringLiteral("bad YAML in front matter: %1").arg(QString::fromStdString(e.msg)));
        return false;
    } catch (const std::exception &e) {
        problem(firstLine, QStringLiteral("bad YAML in front matter: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    // Problems with the front matter as a whole point at its opening '---'.
    const int openingLine = firstLine - 1;
    if (!root || root.IsNull()) {
        problem(openingLine, QStringLiteral("front matter is empty: id, topic, difficulty and type are required"));
        return false;
    }
    if (!root.IsMap()) {
        problem(openingLine, QStringLiteral("front matter must be 'key: value' lines (a YAML map)"));
        return false;
    }

    static const QStringList kKnownKeys = {QStringLiteral("id"), QStringLiteral("number"), QStringLiteral("source"),
        QStringLiteral("topic"), QStringLiteral("difficulty"), QStringLiteral("type"), QStringLiteral("tags"),
        QStringLiteral("lesson"), QStringLiteral("time_limit_s"), QStringLiteral("kafka_version"),
        QStringLiteral("version_note"), QStringLiteral("predict_query")};

    QHash<QString, int> keyLines;
    QHash<QString, YAML::Node> values;
    try {
        for (auto it = root.begin(); it != root.end(); ++it) {
            const YAML::Node key = it->first;
            const int line = key.Mark().is_null() ? firstLine : firstLine + key.Mark().line;
            if (!key.IsScalar()) {
                problem(line, QStringLiteral("front matter keys must be plain words"));
                continue;
            }
            const QString name = QString::fromStdString(key.Scalar());
            if (keyLines.contains(name)) {
                problem(
                    line, QStringLiteral("duplicate key '%1' (first on line %2)").arg(name).arg(keyLines.value(name)));
                continue;
            }
            keyLines.insert(name, line);
            if (!kKnownKeys.contains(name)) {
                problem(line,
                    QStringLiteral("unknown front matter key '%1' (known: %2)").arg(name, kKnownKeys.join(u", ")));
                continue;
            }
            values.insert(name, it->second);
        }
    } catch (const std::exception &e) {
        problem(firstLine, QStringLiteral("bad YAML in front matter: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }

    auto lineOf = [&](const QString &key) { return keyLines.value(key, firstLine); };
    auto scalar = [&](const QString &key) -> std::optional<QString> {
        const auto it = values.constFind(key);
        if (it == values.constEnd())
            return std::nullopt;
        if (it->IsNull())
            return QString();
        if (!it->IsScalar()) {
            problem(lineOf(key), QStringLiteral("'%1' must be a single value, not a list or map").arg(key));
            return std::nullopt;
        }
        return QString::fromStdString(it->Scalar()).trimmed();
    };
    auto integer = [&](const QString &key, int lo, int hi, const QString &what) -> std::optional<int> {
        const auto s = scalar(key);
        if (!s)
            return std::nullopt;
        bool ok = false;
        const int v = s->toInt(&ok);
        if (!ok || v < lo || v > hi) {
            problem(lineOf(key), QStringLiteral("%1, got '%2'").arg(what, *s));
            return std::nullopt;
        }
        return v;
    };

    if (const auto id = scalar(QStringLiteral("id")); !id || id->isEmpty()) {
        if (!keyLines.contains(QStringLiteral("id")))
            problem(openingLine, QStringLiteral("missing 'id' in front matter"));
        else if (id)
            problem(lineOf(QStringLiteral("id")), QStringLiteral("'id' is empty"));
    } else {
        m_q.id = *id;
        m_q.lines.id = lineOf(QStringLiteral("id"));
        if (!QuestionParser::isValidId(*id))
            problem(m_q.lines.id,
                QStringLiteral("id '%1' must be lower-case letters, digits and single dashes (like q17-isr)").arg(*id));
        else if (!m_expectedId.isEmpty() && *id != m_expectedId)
            problem(m_q.lines.id,
                QStringLiteral("id '%1' does not match the file name '%2.md' (name the file %1.md)")
                    .arg(*id, m_expectedId));
    }

    if (const auto topic = scalar(QStringLiteral("topic")); !topic) {
        if (!keyLines.contains(QStringLiteral("topic")))
            problem(openingLine, QStringLiteral("missing 'topic' in front matter"));
    } else {
        m_q.topic = *topic;
        if (!isKnownTopic(*topic)) {
            QStringList ids;
            for (const TopicInfo &t : knownTopics())
                ids.append(t.id);
            problem(lineOf(QStringLiteral("topic")),
                QStringLiteral("unknown topic '%1' (one of: %2)").arg(*topic, ids.join(u", ")));
        }
    }

    if (!keyLines.contains(QStringLiteral("difficulty")))
        problem(openingLine, QStringLiteral("missing 'difficulty' in front matter (1, 2 or 3)"));
    else if (const auto d = integer(QStringLiteral("difficulty"), 1, 3,
                 QStringLiteral("difficulty must be 1 (junior), 2 or 3 (senior/staff)")))
        m_q.difficulty = *d;

    if (const auto type = scalar(QStringLiteral("type")); !type) {
        if (!keyLines.contains(QStringLiteral("type")))
            problem(openingLine,
                QStringLiteral("missing 'type' in front matter (single, multi, recall, order, fill or predict)"));
    } else if (const auto t = questionTypeFromString(*type)) {
        m_q.type = *t;
        m_typeKnown = true;
    } else {
        problem(lineOf(QStringLiteral("type")),
            QStringLiteral("unknown type '%1' (single, multi, recall, order, fill or predict)").arg(*type));
    }

    if (keyLines.contains(QStringLiteral("number"))) {
        if (const auto n = integer(QStringLiteral("number"), 1, 25,
                QStringLiteral("number is the position in seed 000's 25 questions, 1 to 25")))
            m_q.number = *n;
    }
    if (const auto source = scalar(QStringLiteral("source")); source && !source->isEmpty()) {
        m_q.source = *source;
        const qsizetype hash = source->indexOf(u'#');
        bool prefixOk = hash == 3;
        for (qsizetype i = 0; prefixOk && i < 3; ++i)
            prefixOk = source->at(i).isDigit();
        if (!prefixOk || hash + 1 >= source->size())
            problem(lineOf(QStringLiteral("source")),
                QStringLiteral("source must be a seed file prefix and item, like 000#17 or 001#acks, got '%1'")
                    .arg(*source));
    }
    if (const auto it = values.constFind(QStringLiteral("tags")); it != values.constEnd() && !it->IsNull()) {
        if (!it->IsSequence()) {
            problem(lineOf(QStringLiteral("tags")), QStringLiteral("tags must be a list, like [isr, acks]"));
        } else {
            for (const YAML::Node &tag : *it) {
                if (!tag.IsScalar() || tag.Scalar().empty()) {
                    problem(lineOf(QStringLiteral("tags")), QStringLiteral("every tag must be a non-empty word"));
                    break;
                }
                m_q.tags.append(QString::fromStdString(tag.Scalar()).trimmed());
            }
        }
    }
    if (const auto lesson = scalar(QStringLiteral("lesson")); lesson && !lesson->isEmpty()) {
        m_q.lesson = *lesson;
        m_q.lines.lesson = lineOf(QStringLiteral("lesson"));
        if (m_knownLessons && !m_knownLessons->contains(*lesson)) {
            problem(m_q.lines.lesson, QStringLiteral("unknown lesson '%1' (no content/lessons/%1.kls)").arg(*lesson));
        }
    }
    if (keyLines.contains(QStringLiteral("time_limit_s"))) {
        if (const auto t = integer(QStringLiteral("time_limit_s"), 5, 3600,
                QStringLiteral("time_limit_s must be a whole number of seconds from 5 to 3600")))
            m_q.timeLimitSeconds = *t;
    }
    if (const auto v = scalar(QStringLiteral("kafka_version")))
        m_q.kafkaVersion = *v;
    if (const auto v = scalar(QStringLiteral("version_note")))
        m_q.versionNote = *v;
    if (const auto v = scalar(QStringLiteral("predict_query"))) {
        m_q.predictQuery = *v;
        m_q.lines.predictQuery = lineOf(QStringLiteral("predict_query"));
    }
    if (m_typeKnown) {
        if (m_q.type == QuestionType::Predict && m_q.predictQuery.isEmpty())
            problem(keyLines.value(QStringLiteral("type"), firstLine),
                QStringLiteral(
                    "predict questions need 'predict_query' (the scenario query whose value is the answer)"));
        else if (m_q.type != QuestionType::Predict && keyLines.contains(QStringLiteral("predict_query")))
            problem(lineOf(QStringLiteral("predict_query")),
                QStringLiteral("'predict_query' is only for predict questions"));
    }
    return true;
}

void Parser::parseBody(const QList<Line> &body, int lastLine)
{
    std::array<std::optional<SectionBody>, kSectionCount> sections;
    int current = -1; // index of the section being read, -1 before the first, -2 inside an unknown one
    int highest = -1;
    bool inFence = false;
    int fenceLine = 0;
    bool reportedStrayText = false;

    for (const Line &line : body) {
        const QString &t = line.text;
        if (!inFence && t.startsWith(QStringLiteral("##")) && !t.startsWith(QStringLiteral("###"))) {
            const QString name = t.mid(2).trimmed();
            int index = -1;
            for (int i = 0; i < kSectionCount; ++i) {
                if (sectionNames()[std::size_t(i)] == name)
                    index = i;
            }
            if (index < 0) {
                QString hint;
                for (const QString &known : sectionNames()) {
                    if (known.compare(name, Qt::CaseInsensitive) == 0)
                        hint = QStringLiteral(" (did you mean '## %1'?)").arg(known);
                }
                if (hint.isEmpty()) {
                    QStringList all;
                    for (const QString &known : sectionNames())
                        all.append(known);
                    hint = QStringLiteral(" (sections: %1)").arg(all.join(u", "));
                }
                problem(line.number, QStringLiteral("unknown section '## %1'%2").arg(name, hint));
                current = -2;
                continue;
            }
            const auto s = Section(index);
            if (sections[std::size_t(index)]) {
                problem(line.number,
                    QStringLiteral("duplicate section %1 (first on line %2)")
                        .arg(heading(s))
                        .arg(sections[std::size_t(index)]->headingLine));
                current = -2;
                continue;
            }
            if (index < highest) {
                problem(line.number,
                    QStringLiteral("section %1 is out of order: it must come before %2 (order: "
                                   "Prompt, Scenario, Options, Accepted answers, Model answer, Key "
                                   "points, Pitfall, Follow-ups)")
                        .arg(heading(s), heading(Section(highest))));
            }
            highest = std::max(highest, index);
            if (sectionNeed(s, m_q.type) == Need::NotAllowed)
                problem(line.number,
                    QStringLiteral("section %1 is not used by %2 questions")
                        .arg(heading(s), questionTypeName(m_q.type)));
            sections[std::size_t(index)] = SectionBody {line.number, {}};
            current = index;
            continue;
        }
        if (isFence(t)) {
            inFence = !inFence;
            fenceLine = line.number;
        }
        if (current >= 0) {
            sections[std::size_t(current)]->lines.append(line);
        } else if (current == -1 && !t.trimmed().isEmpty() && !reportedStrayText) {
            problem(line.number, QStringLiteral("text before the first section; start with '## Prompt'"));
            reportedStrayText = true;
        }
    }

    if (inFence)
        problem(fenceLine,
            QStringLiteral("code block opened here is never closed with ```; the sections after it "
                           "are read as code"));

    for (int i = 0; i < kSectionCount; ++i) {
        const auto s = Section(i);
        if (sections[std::size_t(i)] || sectionNeed(s, m_q.type) != Need::Required)
            continue;
        // Point at where the section belongs: the next section present after it, or the end.
        int line = lastLine;
        for (int j = i + 1; j < kSectionCount; ++j) {
            if (sections[std::size_t(j)]) {
                line = sections[std::size_t(j)]->headingLine;
                break;
            }
        }
        problem(line,
            QStringLiteral("missing section %1 (required for %2 questions)")
                .arg(heading(s), questionTypeName(m_q.type)));
    }

    auto textOf = [&](Section s, QString &into) {
        const auto &section = sections[std::size_t(s)];
        if (!section)
            return;
        into = section->text();
        if (into.isEmpty() && sectionNeed(s, m_q.type) != Need::NotAllowed)
            problem(section->headingLine, QStringLiteral("section %1 is empty").arg(heading(s)));
    };
    textOf(Section::Prompt, m_q.prompt);
    textOf(Section::ModelAnswer, m_q.modelAnswer);
    textOf(Section::Pitfall, m_q.pitfall);

    if (const auto &b = sections[std::size_t(Section::Scenario)]; b && m_q.type == QuestionType::Predict)
        parseScenario(*b);
    if (const auto &b = sections[std::size_t(Section::Options)]; b && questionTypeHasOptions(m_q.type)) {
        m_q.lines.options = b->headingLine;
        parseOptions(*b);
        checkOptions(b->headingLine);
    }
    if (const auto &b = sections[std::size_t(Section::AcceptedAnswers)]; b && m_q.type == QuestionType::Fill) {
        m_q.acceptedAnswers = parseBullets(*b, Section::AcceptedAnswers);
        if (m_q.acceptedAnswers.isEmpty())
            problem(b->headingLine, QStringLiteral("fill questions need at least one accepted answer ('- answer')"));
    }
    if (const auto &b = sections[std::size_t(Section::KeyPoints)]) {
        m_q.keyPoints = parseBullets(*b, Section::KeyPoints);
        if (m_q.keyPoints.isEmpty())
            problem(b->headingLine, QStringLiteral("section '## Key points' needs at least one bullet ('- …')"));
    }
    if (const auto &b = sections[std::size_t(Section::FollowUps)])
        m_q.followUps = parseBullets(*b, Section::FollowUps);
}

QStringList Parser::parseBullets(const SectionBody &body, Section section)
{
    QStringList items;
    bool inFence = false;
    for (const Line &line : body.lines) {
        if (line.text.trimmed().isEmpty())
            continue;
        if (isFence(line.text))
            inFence = !inFence;
        if (!inFence) {
            if (const auto b = bulletText(line.text)) {
                if (b->isEmpty())
                    problem(line.number, QStringLiteral("empty bullet in %1").arg(heading(section)));
                items.append(*b);
                continue;
            }
        }
        if (!items.isEmpty() && (inFence || isFence(line.text) || leadingSpaces(line.text) >= 2)) {
            // A wrapped or nested line continues the bullet above it.
            items.last() += u'\n' + line.text.trimmed();
            continue;
        }
        problem(line.number, QStringLiteral("expected a bullet ('- …') in %1").arg(heading(section)));
    }
    items.removeAll(QString());
    return items;
}

void Parser::parseOptions(const SectionBody &body)
{
    bool whyStarted = false;
    for (const Line &line : body.lines) {
        const QString &t = line.text;
        const QString trimmed = t.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (const auto b = bulletText(t)) {
            const QString rest = *b;
            if (rest.size() >= 3 && rest.at(0) == u'[' && rest.at(2) == u']'
                && (rest.at(1) == u'x' || rest.at(1) == u'X' || rest.at(1) == u' ')) {
                QuestionOption option;
                option.correct = rest.at(1) != u' ';
                option.text = rest.mid(3).trimmed();
                option.line = line.number;
                if (option.text.isEmpty())
                    problem(line.number, QStringLiteral("option text is empty"));
                m_q.options.append(option);
                whyStarted = false;
            } else {
                problem(line.number,
                    QStringLiteral("option needs '[x]' (correct) or '[ ]' (wrong) after the dash: "
                                   "'- [x] text'"));
            }
            continue;
        }
        if (m_q.options.isEmpty()) {
            problem(line.number, QStringLiteral("expected an option '- [x] …' or '- [ ] …' in '## Options'"));
            continue;
        }
        QuestionOption &option = m_q.options.last();
        if (trimmed.startsWith(u'>')) {
            const QString why = trimmed.mid(1).trimmed();
            option.why = option.why.isEmpty() ? why : option.why + u' ' + why;
            whyStarted = true;
        } else if (leadingSpaces(t) >= 2) {
            // Wrapped text continues the why line if one started, else the option.
            if (whyStarted)
                option.why += u' ' + trimmed;
            else
                option.text += u' ' + trimmed;
        } else {
            problem(
                line.number, QStringLiteral("expected an option '- [x] …' / '- [ ] …' or an indented '> why' line"));
        }
    }
}

void Parser::checkOptions(int headingLine)
{
    const auto &options = m_q.options;
    const qsizetype correct = m_q.correctOptionIndices().size();
    if (options.size() < 2) {
        problem(headingLine,
            QStringLiteral("%1 questions need at least two options, found %2")
                .arg(questionTypeName(m_q.type))
                .arg(options.size()));
    }
    switch (m_q.type) {
    case QuestionType::Single:
    case QuestionType::Predict:
        if (correct == 0 && !options.isEmpty())
            problem(headingLine, QStringLiteral("no correct option: mark the right one '- [x]'"));
        else if (correct > 1)
            problem(options.at(m_q.correctOptionIndices().at(1)).line,
                QStringLiteral("%1 question has %2 correct options; exactly one may be '[x]'")
                    .arg(questionTypeName(m_q.type))
                    .arg(correct));
        break;
    case QuestionType::Multi:
        if (correct == 0 && !options.isEmpty())
            problem(headingLine, QStringLiteral("no correct option: mark each right one '- [x]'"));
        break;
    case QuestionType::Order:
        for (const QuestionOption &o : options) {
            if (o.correct) {
                problem(o.line,
                    QStringLiteral("order options are written in the correct order, each '- [ ]'; "
                                   "'[x]' has no meaning here"));
                break;
            }
        }
        break;
    case QuestionType::Recall:
    case QuestionType::Fill:
        break;
    }
    // Explanations are what Practice mode shows per option; choice questions must have them.
    if (m_q.type == QuestionType::Single || m_q.type == QuestionType::Multi) {
        for (const QuestionOption &o : options) {
            if (o.why.isEmpty())
                problem(o.line,
                    QStringLiteral("option has no '> why' line explaining why it is %1")
                        .arg(o.correct ? QStringLiteral("right") : QStringLiteral("wrong")));
        }
    }
    QHash<QString, int> seen;
    for (const QuestionOption &o : options) {
        const QString key = o.text.simplified().toLower();
        if (key.isEmpty())
            continue;
        if (seen.contains(key))
            problem(o.line, QStringLiteral("duplicate option (same text as line %1)").arg(seen.value(key)));
        else
            seen.insert(key, o.line);
    }
}

void Parser::parseScenario(const SectionBody &body)
{
    m_q.lines.scenario = body.headingLine;
    int open = -1;
    QStringList script;
    bool closed = false;
    for (const Line &line : body.lines) {
        const QString trimmed = line.text.trimmed();
        if (open < 0) {
            if (isFence(line.text)) {
                open = line.number;
                const QString lang = trimmed.mid(3).trimmed();
                if (lang != u"kls")
                    problem(line.number, QStringLiteral("the scenario block must be marked as kls: '```kls'"));
            }
            continue;
        }
        if (closed)
            continue;
        if (isFence(line.text)) {
            closed = true;
            continue;
        }
        script.append(line.text);
    }
    if (open < 0) {
        problem(body.headingLine, QStringLiteral("'## Scenario' needs a fenced ```kls code block with the script"));
        return;
    }
    if (!closed) {
        problem(open, QStringLiteral("the ```kls block is not closed with ```"));
        return;
    }
    m_q.scenario = script.join(u'\n').trimmed() + u'\n';
    bool hasPause = false;
    for (const QString &l : script) {
        const QString t = l.trimmed();
        if (t == u"pause" || t.startsWith(QStringLiteral("pause ")) || t.startsWith(QStringLiteral("pause\t")))
            hasPause = true;
    }
    if (!hasPause)
        problem(open, QStringLiteral("the scenario must stop at a 'pause' line, where the user predicts"));
}

} // namespace

ParseResult QuestionParser::parse(const QByteArray &content, const QString &displayName, const QString &expectedId,
    const std::optional<QSet<QString>> &knownLessons)
{
    Parser parser(displayName, expectedId, knownLessons);
    try {
        ParseResult result = parser.run(content);
        std::stable_sort(result.problems.begin(), result.problems.end(),
            [](const ContentProblem &a, const ContentProblem &b) { return a.line < b.line; });
        return result;
    } catch (const std::exception &e) {
        // Defensive: nothing above is expected to throw, but bad content must never take the app down.
        ParseResult result;
        result.problems.append(
            {displayName, 1, QStringLiteral("could not read the file: %1").arg(QString::fromUtf8(e.what()))});
        return result;
    }
}

qsizetype QuestionParser::firstInvalidUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c == 0)
            return i;
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        for (int k = 1; k < len; ++k) {
            const unsigned char cc = p[i + k];
            if ((cc & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return -1;
}

bool QuestionParser::isValidId(const QString &id)
{
    if (id.isEmpty() || id.startsWith(u'-') || id.endsWith(u'-') || id.contains(QStringLiteral("--")))
        return false;
    for (QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-'))
            return false;
    }
    return true;
}

} // namespace kafkalab::quiz
