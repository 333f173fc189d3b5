#include "quizcli.h"

#include <algorithm>
#include <cmath>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>

#include "quiz/clock.h"
#include "quiz/exporter.h"
#include "quiz/fsrs.h"
#include "quiz/progressstats.h"
#include "quiz/progressstore.h"
#include "quiz/quizbench.h"
#include "quiz/terminalquiz.h"

namespace kafkalab::quiz {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;

constexpr auto kUsage = R"(Usage: kafkalab-cli quiz SUBCOMMAND [OPTIONS]

  validate [DIR] [--lessons DIR]      check question files (default: the built-in ones)
  list [--json] [--questions DIR]     list the questions
  export --format gift|aiken|anki-csv [--questions DIR] [--output FILE]
  schedule --history G:DAYS,... [--retention 0.9] [--json]
                                      FSRS-6 memory state and next interval for a review history
  take [--db FILE] [--mode practice|mock|review|mistakes] [--count N] [--time 10m]
       [--profile NAME] [--seed N] [--topic T] [--questions DIR]
                                      a quiz on the terminal; prints 'recorded' once an answer is saved
  stats [--db FILE] [--profile NAME] [--json]
  progress export --format json|csv [--db FILE] [--profile NAME] [--output FILE]
  progress import FILE [--db FILE] [--profile NAME]
  bench [--questions DIR] [--attempts N] [--records N] [--json]

See docs/quiz.md.
)";

struct Io
{
    QTextStream &out;
    QTextStream &err;
    QTextStream &in;
};

int usage(Io &io, const QString &message)
{
    io.err << "kafkalab-cli: quiz" << (message.startsWith(u':') ? "" : " ") << message << '\n'
           << "Try 'kafkalab-cli quiz help'.\n";
    io.err.flush();
    return kExitUsage;
}

int failure(Io &io, const QString &command, const QString &message)
{
    io.err << "kafkalab-cli: quiz " << command << ": " << message << '\n';
    io.err.flush();
    return kExitProblems;
}

/** Options of one subcommand: `--name value`, `--name=value`, flags and positionals. */
struct Args
{
    QHash<QString, QString> values;
    QSet<QString> flags;
    QStringList positional;

    bool has(const QString &name) const { return values.contains(name) || flags.contains(name); }
    QString value(const QString &name, const QString &fallback = {}) const { return values.value(name, fallback); }
};

std::optional<Args> parseArgs(
    const QStringList &args, const QStringList &valueOptions, const QStringList &flagOptions, QString *error)
{
    Args out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString arg = args.at(i);
        if (arg == u"--") {
            out.positional.append(args.mid(i + 1));
            break;
        }
        if (!arg.startsWith(QStringLiteral("--")) || arg == u"-") {
            out.positional.append(arg);
            continue;
        }
        QString value;
        bool inlineValue = false;
        if (const qsizetype eq = arg.indexOf(u'='); eq > 0) {
            value = arg.mid(eq + 1);
            arg = arg.left(eq);
            inlineValue = true;
        }
        if (flagOptions.contains(arg)) {
            if (inlineValue) {
                *error = QStringLiteral("%1 takes no value").arg(arg);
                return std::nullopt;
            }
            out.flags.insert(arg);
        } else if (valueOptions.contains(arg)) {
            if (!inlineValue) {
                if (i + 1 >= args.size()) {
                    *error = QStringLiteral("%1 needs a value").arg(arg);
                    return std::nullopt;
                }
                value = args.at(++i);
            }
            if (out.values.contains(arg)) {
                *error = QStringLiteral("%1 is given twice").arg(arg);
                return std::nullopt;
            }
            out.values.insert(arg, value);
        } else {
            *error = QStringLiteral("unknown option '%1'").arg(arg);
            return std::nullopt;
        }
    }
    return out;
}

/** `90s`, `10m`, `1h`, `1m30s`, `250ms` -> ms. */
std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression kPart(QStringLiteral("(\\d+)(ms|s|m|h)"));
    static const QRegularExpression kWhole(QStringLiteral("^(?:\\d+(?:ms|s|m|h))+$"));
    const QString t = text.trimmed().toLower();
    if (!kWhole.match(t).hasMatch())
        return std::nullopt;
    qint64 total = 0;
    auto it = kPart.globalMatch(t);
    while (it.hasNext()) {
        const auto m = it.next();
        const qint64 n = m.captured(1).toLongLong();
        const QString unit = m.captured(2);
        const qint64 factor = unit == u"ms" ? 1 : unit == u"s" ? 1000 : unit == u"m" ? 60'000 : 3'600'000;
        if (n > 1'000'000)
            return std::nullopt;
        total += n * factor;
    }
    return total;
}

/** The question bank a command works on: DIR, or the built-in one. */
QuestionBank loadBank(const Args &args, const QuizCliHooks &hooks)
{
    BankOptions options;
    options.predictCheck = hooks.predictCheck;
    if (args.values.contains(QStringLiteral("--questions")))
        return QuestionBank::loadDirectory(args.value(QStringLiteral("--questions")), options);
    return QuestionBank::loadBuiltIn(options);
}

/** Loads the bank for list/export/take: errors in files are a warning there, not a failure. */
std::optional<QuestionBank> usableBank(Io &io, const QString &command, const Args &args, const QuizCliHooks &hooks)
{
    if (args.values.contains(QStringLiteral("--questions"))
        && !QDir(args.value(QStringLiteral("--questions"))).exists()) {
        usage(io,
            QStringLiteral("%1: --questions: no such directory '%2'")
                .arg(command, args.value(QStringLiteral("--questions"))));
        return std::nullopt;
    }
    QuestionBank bank = loadBank(args, hooks);
    if (!bank.problems().isEmpty()) {
        io.err << "kafkalab-cli: quiz " << command << ": warning: " << bank.problems().size()
               << " problem(s) in question files; those questions are left out (run 'kafkalab-cli quiz validate')\n";
        io.err.flush();
    }
    return bank;
}

int cmdValidate(const QStringList &rest, Io &io, const QuizCliHooks &hooks)
{
    QString error;
    const auto args = parseArgs(rest, {QStringLiteral("--lessons")}, {}, &error);
    if (!args)
        return usage(io, QStringLiteral("validate: ") + error);
    if (args->positional.size() > 1)
        return usage(io, QStringLiteral("validate: give at most one DIR, got %1").arg(args->positional.size()));
    BankOptions options;
    options.predictCheck = hooks.predictCheck;
    if (args->values.contains(QStringLiteral("--lessons"))) {
        const QString lessons = args->value(QStringLiteral("--lessons"));
        if (!QDir(lessons).exists())
            return usage(io, QStringLiteral("validate: --lessons: no such directory '%1'").arg(lessons));
        options.knownLessons = QuestionBank::lessonIdsIn(lessons);
    }
    QString source;
    QuestionBank bank;
    if (args->positional.isEmpty()) {
        bank = QuestionBank::loadBuiltIn(options);
        source = QStringLiteral("built-in questions");
    } else {
        source = args->positional.first();
        if (!QFileInfo(source).isDir())
            return usage(io, QStringLiteral("validate: DIR: no such directory '%1'").arg(source));
        bank = QuestionBank::loadDirectory(source, options);
    }
    for (const ContentProblem &p : bank.problems())
        io.out << p.toString() << '\n';
    if (!bank.problems().isEmpty()) {
        QSet<QString> files;
        for (const ContentProblem &p : bank.problems())
            files.insert(p.file);
        io.err << bank.problems().size() << " problem(s) in " << files.size() << " of " << bank.fileCount()
               << " question files (" << source << ")\n";
        io.out.flush();
        io.err.flush();
        return kExitProblems;
    }
    io.out << "OK: " << bank.questions().size() << " questions in " << bank.fileCount() << " files, no problems ("
           << source << ")\n";
    return kExitOk;
}

int cmdList(const QStringList &rest, Io &io, const QuizCliHooks &hooks)
{
    QString error;
    const auto args = parseArgs(rest, {QStringLiteral("--questions")}, {QStringLiteral("--json")}, &error);
    if (!args)
        return usage(io, QStringLiteral("list: ") + error);
    if (!args->positional.isEmpty())
        return usage(io, QStringLiteral("list: unexpected argument '%1'").arg(args->positional.first()));
    const auto bank = usableBank(io, QStringLiteral("list"), *args, hooks);
    if (!bank)
        return kExitUsage;
    if (args->flags.contains(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const Question &q : bank->questions()) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), q.id);
            o.insert(QStringLiteral("number"), q.number ? QJsonValue(*q.number) : QJsonValue(QJsonValue::Null));
            o.insert(
                QStringLiteral("source"), q.source.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.source));
            o.insert(QStringLiteral("topic"), q.topic);
            o.insert(QStringLiteral("difficulty"), q.difficulty);
            o.insert(QStringLiteral("type"), questionTypeName(q.type));
            o.insert(
                QStringLiteral("lesson"), q.lesson.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.lesson));
            o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(q.tags));
            array.append(o);
        }
        io.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return kExitOk;
    }
    for (const Question &q : bank->questions()) {
        io.out << q.id.leftJustified(40) << ' ' << q.topic.leftJustified(18) << ' ' << q.difficulty << ' '
               << questionTypeName(q.type) << '\n';
    }
    return kExitOk;
}

int cmdExport(const QStringList &rest, Io &io, const QuizCliHooks &hooks)
{
    QString error;
    const auto args = parseArgs(
        rest, {QStringLiteral("--format"), QStringLiteral("--questions"), QStringLiteral("--output")}, {}, &error);
    if (!args)
        return usage(io, QStringLiteral("export: ") + error);
    if (!args->positional.isEmpty())
        return usage(io, QStringLiteral("export: unexpected argument '%1'").arg(args->positional.first()));
    if (!args->values.contains(QStringLiteral("--format")))
        return usage(io, QStringLiteral("export: --format gift|aiken|anki-csv is required"));
    const auto format = exportFormatFromString(args->value(QStringLiteral("--format")));
    if (!format)
        return usage(io,
            QStringLiteral("export: --format must be gift, aiken or anki-csv, got '%1'")
                .arg(args->value(QStringLiteral("--format"))));
    const auto bank = usableBank(io, QStringLiteral("export"), *args, hooks);
    if (!bank)
        return kExitUsage;
    const ExportResult result = Exporter::exportQuestions(bank->questions(), *format);
    if (args->values.contains(QStringLiteral("--output"))) {
        QFile file(args->value(QStringLiteral("--output")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return failure(io, QStringLiteral("export"),
                QStringLiteral("--output: cannot write '%1': %2").arg(file.fileName(), file.errorString()));
        file.write(result.text.toUtf8());
    } else {
        io.out << result.text;
    }
    if (!result.skipped.isEmpty()) {
        QMap<QString, int> reasons;
        for (const auto &[id, reason] : result.skipped)
            ++reasons[reason];
        QStringList parts;
        for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
            parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
        io.err << "kafkalab-cli: quiz export: " << args->value(QStringLiteral("--format")) << " holds single-choice "
               << "questions only: skipped " << result.skipped.size() << " (" << parts.join(QStringLiteral(", "))
               << "), exported " << result.exported << '\n';
        io.err.flush();
    }
    return kExitOk;
}

int cmdSchedule(const QStringList &rest, Io &io)
{
    QString error;
    const auto args = parseArgs(
        rest, {QStringLiteral("--history"), QStringLiteral("--retention")}, {QStringLiteral("--json")}, &error);
    if (!args)
        return usage(io, QStringLiteral("schedule: ") + error);
    if (!args->positional.isEmpty())
        return usage(io, QStringLiteral("schedule: unexpected argument '%1'").arg(args->positional.first()));
    if (!args->values.contains(QStringLiteral("--history")))
        return usage(io,
            QStringLiteral("schedule: --history G:DAYS,G:DAYS,... is required (ratings 1-4 with the "
                           "days since the previous review, the first with 0)"));
    QList<FsrsReview> history;
    const QStringList entries = args->value(QStringLiteral("--history")).split(u',');
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString entry = entries.at(i).trimmed();
        const QStringList parts = entry.split(u':');
        bool gradeOk = false;
        bool daysOk = false;
        const int grade = parts.size() == 2 ? parts.at(0).toInt(&gradeOk) : 0;
        const int days = parts.size() == 2 ? parts.at(1).toInt(&daysOk) : 0;
        if (parts.size() != 2 || !gradeOk || !daysOk || grade < 1 || grade > 4 || days < 0 || days > 36500)
            return usage(io,
                QStringLiteral("schedule: --history: entry %1 '%2' must be G:DAYS with G 1-4 and DAYS "
                               "0-36500, like 3:7")
                    .arg(i + 1)
                    .arg(entry));
        if (i == 0 && days != 0)
            return usage(io,
                QStringLiteral("schedule: --history: the first review has no previous one, so its days "
                               "must be 0 (got '%1')")
                    .arg(entry));
        history.append({Rating(grade), days});
    }
    FsrsParameters params;
    if (args->values.contains(QStringLiteral("--retention"))) {
        bool ok = false;
        const double r = args->value(QStringLiteral("--retention")).toDouble(&ok);
        if (!ok || !(r > 0.0) || r > 1.0)
            return usage(io,
                QStringLiteral("schedule: --retention must be a number in (0, 1], like 0.9, got '%1'")
                    .arg(args->value(QStringLiteral("--retention"))));
        params.desiredRetention = r;
    }
    const Fsrs fsrs(params);
    const auto state = fsrs.memoryStateFromHistory(history);
    const int interval = fsrs.nextInterval(state->stability);
    if (args->flags.contains(QStringLiteral("--json"))) {
        QJsonObject o;
        o.insert(QStringLiteral("stability"), state->stability);
        o.insert(QStringLiteral("difficulty"), state->difficulty);
        o.insert(QStringLiteral("interval"), interval);
        io.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
    } else {
        io.out << "stability " << QString::number(state->stability, 'f', 4) << " days, difficulty "
               << QString::number(state->difficulty, 'f', 4) << ", next review in " << interval << " day"
               << (interval == 1 ? "" : "s") << " (retention " << params.desiredRetention << ")\n";
    }
    return kExitOk;
}

/** Opens the --db (or default) store, printing notices; nullopt after printing why not. */
bool openStore(Io &io, const QString &command, const Args &args, ProgressStore &store, int *code)
{
    const QString path = args.value(QStringLiteral("--db"), ProgressStore::defaultPath());
    if (path.isEmpty()) {
        *code = usage(io, command + QStringLiteral(": --db needs a file name"));
        return false;
    }
    const Status s = store.open(path);
    for (const QString &notice : store.notices())
        io.err << "kafkalab-cli: quiz " << command << ": " << notice << '\n';
    io.err.flush();
    if (!s) {
        *code = failure(io, command, s.error());
        return false;
    }
    return true;
}

int cmdTake(const QStringList &rest, Io &io, const QuizCliHooks &hooks)
{
    QString error;
    const auto args = parseArgs(rest,
        {QStringLiteral("--db"), QStringLiteral("--mode"), QStringLiteral("--count"), QStringLiteral("--time"),
            QStringLiteral("--profile"), QStringLiteral("--seed"), QStringLiteral("--topic"),
            QStringLiteral("--questions")},
        {}, &error);
    if (!args)
        return usage(io, QStringLiteral("take: ") + error);
    if (!args->positional.isEmpty())
        return usage(io, QStringLiteral("take: unexpected argument '%1'").arg(args->positional.first()));
    const Clock &clock = hooks.clock ? *hooks.clock : Clock::system();
    TerminalQuizOptions options;
    options.seed = quint64(clock.nowMs());
    if (args->values.contains(QStringLiteral("--mode"))) {
        const auto mode = quizModeFromString(args->value(QStringLiteral("--mode")));
        if (!mode)
            return usage(io,
                QStringLiteral("take: --mode must be practice, mock, review or mistakes, got '%1'")
                    .arg(args->value(QStringLiteral("--mode"))));
        options.mode = *mode;
    }
    if (args->values.contains(QStringLiteral("--count"))) {
        bool ok = false;
        options.count = args->value(QStringLiteral("--count")).toInt(&ok);
        if (!ok || options.count < 1 || options.count > 1000)
            return usage(io,
                QStringLiteral("take: --count must be a whole number from 1 to 1000, got '%1'")
                    .arg(args->value(QStringLiteral("--count"))));
    }
    if (args->values.contains(QStringLiteral("--time"))) {
        const auto ms = parseDuration(args->value(QStringLiteral("--time")));
        if (!ms || *ms <= 0)
            return usage(io,
                QStringLiteral("take: --time must be a duration such as 90s, 10m or 1h, got '%1'")
                    .arg(args->value(QStringLiteral("--time"))));
        options.totalTimeMs = *ms;
    }
    if (args->values.contains(QStringLiteral("--seed"))) {
        bool ok = false;
        options.seed = args->value(QStringLiteral("--seed")).toULongLong(&ok);
        if (!ok)
            return usage(io,
                QStringLiteral("take: --seed must be a whole number, got '%1'")
                    .arg(args->value(QStringLiteral("--seed"))));
    }
    if (args->values.contains(QStringLiteral("--profile"))) {
        options.profile = args->value(QStringLiteral("--profile")).trimmed();
        if (options.profile.isEmpty())
            return usage(io, QStringLiteral("take: --profile needs a name"));
    }
    if (args->values.contains(QStringLiteral("--topic"))) {
        options.topic = args->value(QStringLiteral("--topic"));
        if (!isKnownTopic(options.topic))
            return usage(io, QStringLiteral("take: --topic: unknown topic '%1'").arg(options.topic));
    }
    const auto bank = usableBank(io, QStringLiteral("take"), *args, hooks);
    if (!bank)
        return kExitUsage;
    ProgressStore store(&clock);
    int code = kExitOk;
    if (!openStore(io, QStringLiteral("take"), *args, store, &code))
        return code;
    TerminalQuiz quiz(bank->questions(), store, clock, io.out, io.err, io.in, hooks.predictTruth);
    return quiz.run(options);
}

int cmdStats(const QStringList &rest, Io &io, const QuizCliHooks &hooks)
{
    QString error;
    const auto args
        = parseArgs(rest, {QStringLiteral("--db"), QStringLiteral("--profile"), QStringLiteral("--questions")},
            {QStringLiteral("--json")}, &error);
    if (!args)
        return usage(io, QStringLiteral("stats: ") + error);
    if (!args->positional.isEmpty())
        return usage(io, QStringLiteral("stats: unexpected argument '%1'").arg(args->positional.first()));
    ProgressStore store(hooks.clock);
    int code = kExitOk;
    if (!openStore(io, QStringLiteral("stats"), *args, store, &code))
        return code;
    const QString name = args->value(QStringLiteral("--profile"), QStringLiteral("default"));
    const auto profile = store.findProfile(name);
    if (!profile && !args->has(QStringLiteral("--profile"))) {
        // A new user: nothing to compute yet, which is not an error.
        io.out << "No answers yet. Take a quiz first: kafkalab-cli quiz take --mode practice\n";
        return kExitOk;
    }
    if (!profile)
        return failure(io, QStringLiteral("stats"), QStringLiteral("--profile: no profile named '%1'").arg(name));
    const Clock &clock = hooks.clock ? *hooks.clock : Clock::system();
    StatsOptions options = StatsOptions::forNow(clock.nowMs());
    QuestionBank bank = loadBank(*args, hooks);
    for (const Question &q : bank.questions())
        options.questionTopics.insert(q.id, q.topic);
    const ProgressStatistics s = ProgressStats::compute(store, profile->id, options);
    if (args->flags.contains(QStringLiteral("--json"))) {
        QJsonObject o;
        o.insert(QStringLiteral("attempts"), s.totalAttempts);
        o.insert(QStringLiteral("currentStreak"), s.currentStreak);
        o.insert(QStringLiteral("longestStreak"), s.longestStreak);
        o.insert(QStringLiteral("trueRetention"), s.trueRetention.rate);
        o.insert(QStringLiteral("medianTimeMs"), s.medianTimeMs);
        QJsonArray days;
        for (const DayAccuracy &d : s.accuracyByDay)
            days.append(QJsonObject {{QStringLiteral("day"), d.day.toString(Qt::ISODate)},
                {QStringLiteral("attempts"), d.attempts}, {QStringLiteral("accuracy"), d.accuracy}});
        o.insert(QStringLiteral("accuracyByDay"), days);
        QJsonArray topics;
        for (const TopicMastery &t : s.topics)
            topics.append(QJsonObject {{QStringLiteral("topic"), t.topic}, {QStringLiteral("seen"), t.seen},
                {QStringLiteral("questions"), t.questions}, {QStringLiteral("accuracy"), t.accuracy},
                {QStringLiteral("mastery"), t.mastery}});
        o.insert(QStringLiteral("topics"), topics);
        QJsonArray forecast;
        for (const ForecastDay &d : s.forecast)
            forecast.append(
                QJsonObject {{QStringLiteral("day"), d.day.toString(Qt::ISODate)}, {QStringLiteral("due"), d.due}});
        o.insert(QStringLiteral("forecast"), forecast);
        io.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return kExitOk;
    }
    io.out << "Answers: " << s.totalAttempts << ", streak " << s.currentStreak << " day(s) (longest " << s.longestStreak
           << "), true retention " << qRound(s.trueRetention.rate * 100) << "% over " << s.trueRetention.reviews
           << " reviews, median time " << s.medianTimeMs / 1000 << "s\n";
    for (const TopicMastery &t : s.topics)
        io.out << "  " << t.topic.leftJustified(20) << " seen " << t.seen << '/' << t.questions << ", accuracy "
               << qRound(t.accuracy * 100) << "%, mastery " << qRound(t.mastery * 100) << "%\n";
    int dueToday = s.forecast.isEmpty() ? 0 : s.forecast.first().due;
    io.out << "Due today: " << dueToday << '\n';
    return kExitOk;
}

int cmdProgress(const QStringList &rest, Io &io, const QuizCliHooks &hooks)
{
    if (rest.isEmpty() || (rest.first() != u"export" && rest.first() != u"import"))
        return usage(io, QStringLiteral("progress: say 'export' or 'import'"));
    const bool isExport = rest.first() == u"export";
    const QString command = QStringLiteral("progress ") + rest.first();
    QString error;
    const auto args = parseArgs(rest.mid(1),
        {QStringLiteral("--db"), QStringLiteral("--profile"), QStringLiteral("--format"), QStringLiteral("--output")},
        {}, &error);
    if (!args)
        return usage(io, command + QStringLiteral(": ") + error);
    const QString profileName = args->value(QStringLiteral("--profile"), QStringLiteral("default"));
    QString format = args->value(QStringLiteral("--format"));
    if (!format.isEmpty() && format != u"json" && format != u"csv")
        return usage(io, command + QStringLiteral(": --format must be json or csv, got '%1'").arg(format));
    if (isExport) {
        if (!args->positional.isEmpty())
            return usage(io, command + QStringLiteral(": unexpected argument '%1'").arg(args->positional.first()));
        if (format.isEmpty())
            return usage(io, command + QStringLiteral(": --format json|csv is required"));
    } else {
        if (args->positional.size() != 1)
            return usage(io, command + QStringLiteral(": give the FILE to import"));
        if (format.isEmpty())
            format = args->positional.first().endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)
                ? QStringLiteral("csv")
                : QStringLiteral("json");
    }
    ProgressStore store(hooks.clock);
    int code = kExitOk;
    if (!openStore(io, command, *args, store, &code))
        return code;
    if (isExport) {
        const auto profile = store.findProfile(profileName);
        if (!profile)
            return failure(io, command, QStringLiteral("--profile: no profile named '%1'").arg(profileName));
        QByteArray data;
        if (format == u"json") {
            const auto json = store.exportJson(profile->id);
            if (!json)
                return failure(io, command, json.error());
            data = *json;
        } else {
            const auto csv = store.exportCsv(profile->id);
            if (!csv)
                return failure(io, command, csv.error());
            data = csv->toUtf8();
        }
        if (args->values.contains(QStringLiteral("--output"))) {
            QFile file(args->value(QStringLiteral("--output")));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return failure(io, command,
                    QStringLiteral("--output: cannot write '%1': %2").arg(file.fileName(), file.errorString()));
            file.write(data);
        } else {
            io.out << QString::fromUtf8(data);
        }
        return kExitOk;
    }
    QFile file(args->positional.first());
    if (!file.open(QIODevice::ReadOnly))
        return usage(
            io, command + QStringLiteral(": FILE: cannot read '%1': %2").arg(file.fileName(), file.errorString()));
    const QByteArray data = file.readAll();
    const auto summary = format == u"json" ? store.importJson(data, profileName)
                                           : store.importCsv(QString::fromUtf8(data), profileName);
    if (!summary)
        return failure(io, command, file.fileName() + QStringLiteral(": ") + summary.error());
    io.out << "Imported " << summary->attemptsImported << " answers (" << summary->attemptsSkipped
           << " already there) and " << summary->cardsUpdated << " cards into profile " << profileName << ".\n";
    return kExitOk;
}

int cmdBench(const QStringList &rest, Io &io, const QuizCliHooks &hooks)
{
    QString error;
    const auto args
        = parseArgs(rest, {QStringLiteral("--questions"), QStringLiteral("--attempts"), QStringLiteral("--records")},
            {QStringLiteral("--json")}, &error);
    if (!args)
        return usage(io, QStringLiteral("bench: ") + error);
    QuizBenchOptions options;
    options.questionsDir = args->value(QStringLiteral("--questions"));
    if (!options.questionsDir.isEmpty() && !QDir(options.questionsDir).exists())
        return usage(io, QStringLiteral("bench: --questions: no such directory '%1'").arg(options.questionsDir));
    for (const auto &[name, target] : {std::pair {QStringLiteral("--attempts"), &options.attempts},
             std::pair {QStringLiteral("--records"), &options.records}}) {
        if (!args->values.contains(name))
            continue;
        bool ok = false;
        *target = args->value(name).toInt(&ok);
        if (!ok || *target < 1 || *target > 10'000'000)
            return usage(io,
                QStringLiteral("bench: %1 must be a whole number from 1 to 10000000, got '%2'")
                    .arg(name, args->value(name)));
    }
    options.predictCheck = hooks.predictCheck;
    const auto result = QuizBench::run(options);
    if (!result)
        return failure(io, QStringLiteral("bench"), result.error());
    io.out << (args->flags.contains(QStringLiteral("--json"))
            ? QString::fromUtf8(QJsonDocument(*result).toJson(QJsonDocument::Indented))
            : QuizBench::describe(*result));
    return kExitOk;
}

} // namespace

int runQuizCommand(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in)
{
    return runQuizCommand(args, out, err, in, QuizCliHooks {});
}

int runQuizCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const QuizCliHooks &hooks)
{
    Io io {out, err, in};
    if (args.isEmpty())
        return usage(io,
            QStringLiteral(": no subcommand given (validate, list, export, schedule, take, stats, progress, bench)"));
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    int code = kExitOk;
    if (sub == u"help" || sub == u"--help" || sub == u"-h") {
        out << kUsage;
    } else if (sub == u"validate") {
        code = cmdValidate(rest, io, hooks);
    } else if (sub == u"list") {
        code = cmdList(rest, io, hooks);
    } else if (sub == u"export") {
        code = cmdExport(rest, io, hooks);
    } else if (sub == u"schedule") {
        code = cmdSchedule(rest, io);
    } else if (sub == u"take") {
        code = cmdTake(rest, io, hooks);
    } else if (sub == u"stats") {
        code = cmdStats(rest, io, hooks);
    } else if (sub == u"progress") {
        code = cmdProgress(rest, io, hooks);
    } else if (sub == u"bench") {
        code = cmdBench(rest, io, hooks);
    } else {
        code = usage(io, QStringLiteral(": unknown subcommand '%1'").arg(sub));
    }
    out.flush();
    err.flush();
    return code;
}

} // namespace kafkalab::quiz
