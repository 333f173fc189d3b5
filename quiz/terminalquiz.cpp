#include "terminalquiz.h"

#include <algorithm>

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>

#include "quiz/clock.h"
#include "quiz/fsrsscheduler.h"
#include "quiz/questionselector.h"
#include "quiz/quizsession.h"

namespace kafkalab::quiz {
namespace {

QString duration(qint64 ms)
{
    const qint64 s = (std::max<qint64>(0, ms) + 500) / 1000;
    if (s < 60)
        return QStringLiteral("%1s").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("%1m %2s").arg(s / 60).arg(s % 60) : QStringLiteral("%1m").arg(s / 60);
    return QStringLiteral("%1h %2m").arg(s / 3600).arg((s % 3600) / 60);
}

QString typeLabel(QuestionType type)
{
    switch (type) {
    case QuestionType::Single:
        return QStringLiteral("single choice");
    case QuestionType::Multi:
        return QStringLiteral("select all that apply");
    case QuestionType::Recall:
        return QStringLiteral("recall");
    case QuestionType::Order:
        return QStringLiteral("put in order");
    case QuestionType::Fill:
        return QStringLiteral("fill in");
    case QuestionType::Predict:
        return QStringLiteral("predict");
    }
    return {};
}

QString indent(const QString &text, const QString &prefix = QStringLiteral("  "))
{
    QStringList lines = text.split(u'\n');
    for (QString &l : lines)
        l = prefix + l;
    return lines.join(u'\n');
}

QString percent(double v)
{
    return QString::number(qRound(v * 100)) + u'%';
}

/** "1,3" or "1 3" -> {1, 3}; nullopt if anything is not a number. */
std::optional<QList<int>> numbers(const QString &line)
{
    static const QRegularExpression kSeparators(QStringLiteral("[\\s,;]+"));
    QList<int> out;
    for (const QString &part : line.split(kSeparators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = part.toInt(&ok);
        if (!ok)
            return std::nullopt;
        out.append(n);
    }
    return out;
}

/** An answer as the user typed it: option numbers in display order, or the text. */
QString typedForm(const SessionItem &item, const Answer &answer)
{
    auto position = [&](int option) { return QString::number(item.displayOrder.indexOf(option) + 1); };
    QStringList parts;
    if (item.question.type == QuestionType::Order) {
        for (int option : answer.order)
            parts.append(position(option));
        return parts.join(u' ');
    }
    if (!answer.selected.isEmpty()) {
        for (int option : answer.selected)
            parts.append(position(option));
        return parts.join(u',');
    }
    QString text = answer.text.trimmed();
    if (answer.selfRating)
        text = text.isEmpty() ? ratingName(*answer.selfRating)
                              : text + QStringLiteral(" (") + ratingName(*answer.selfRating) + u')';
    return text;
}

bool isCommand(const QString &line, const QString &name)
{
    const QString t = line.trimmed().toLower();
    return t == name || t == u':' + name;
}

} // namespace

TerminalQuiz::TerminalQuiz(const QList<Question> &bank, ProgressStore &store, const Clock &clock, QTextStream &out,
    QTextStream &err, QTextStream &in, AnswerGrader::PredictTruth predictTruth)
    : m_bank(bank)
    , m_store(store)
    , m_clock(clock)
    , m_out(out)
    , m_err(err)
    , m_in(in)
    , m_predictTruth(std::move(predictTruth))
{ }

std::optional<QString> TerminalQuiz::readLine()
{
    m_out.flush();
    QString line;
    if (!m_in.readLineInto(&line))
        return std::nullopt;
    return line;
}

bool TerminalQuiz::record(const QList<Submission> &submissions)
{
    for (const Submission &s : submissions) {
        const auto id = m_store.recordAnswer(s.attempt, s.cardAfter);
        if (!id) {
            m_err << "kafkalab-cli: quiz take: " << id.error() << '\n';
            m_err.flush();
            m_recordFailed = true;
            return false;
        }
        // The contract: this line appears only once the answer's transaction has committed.
        m_out << "recorded\n";
        m_out.flush();
    }
    return true;
}

void TerminalQuiz::showQuestion(const QuizSession &session)
{
    const SessionItem &it = session.current();
    const Question &q = it.question;
    m_out << '\n'
          << '[' << session.currentIndex() + 1 << '/' << session.size() << "] " << q.id << " | " << q.topic
          << " | difficulty " << q.difficulty << " | " << typeLabel(q.type);
    if (session.mode() == QuizMode::Mock) {
        if (it.flagged)
            m_out << " | flagged";
        if (session.remainingQuestionMs() >= 0)
            m_out << " | " << duration(session.remainingQuestionMs()) << " for this question";
        if (session.remainingTotalMs() >= 0)
            m_out << ", " << duration(session.remainingTotalMs()) << " in all";
    }
    m_out << '\n' << q.prompt << '\n';
    if (q.type == QuestionType::Predict && !q.scenario.isEmpty())
        m_out << "\nScenario (runs until the pause):\n" << indent(q.scenario.trimmed(), QStringLiteral("    ")) << '\n';
    if (!it.displayOrder.isEmpty()) {
        m_out << '\n';
        for (int pos = 0; pos < it.displayOrder.size(); ++pos)
            m_out << "  " << pos + 1 << ") " << q.options.at(it.displayOrder.at(pos)).text << '\n';
    }
    if (it.submitted) {
        m_out << "(locked; answered: " << typedForm(it, *it.submittedAnswer) << ")\n";
        return;
    }
    if (it.draft)
        m_out << "(saved answer: " << typedForm(it, *it.draft) << "; type another to change it)\n";
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Predict:
        m_out << "Answer with one number";
        break;
    case QuestionType::Multi:
        m_out << "Answer with every right number, e.g. 1,3";
        break;
    case QuestionType::Order:
        m_out << "Put them in order: all " << it.displayOrder.size() << " numbers, e.g. 3 1 2";
        break;
    case QuestionType::Fill:
        m_out << "Type the missing words";
        break;
    case QuestionType::Recall:
        m_out << "Answer in your own words (or just press Enter), then grade yourself against the key points";
        break;
    }
    m_out << (session.mode() == QuizMode::Mock ? " (or next, prev, goto N, flag, nav, submit, help):\n"
                                               : " (or skip, quit, help):\n");
    m_out.flush();
}

std::optional<Answer> TerminalQuiz::parseAnswer(const QuizSession &session, const QString &line, QString *error) const
{
    const SessionItem &it = session.current();
    const Question &q = it.question;
    const int n = int(it.displayOrder.size());
    Answer a;
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Predict:
    case QuestionType::Multi:
    case QuestionType::Order: {
        const auto nums = numbers(line);
        const bool single = q.type == QuestionType::Single || q.type == QuestionType::Predict;
        if (!nums || nums->isEmpty() || (single && nums->size() != 1)) {
            *error = single ? QStringLiteral("Please answer with one number from 1 to %1.").arg(n)
                            : QStringLiteral("Please answer with numbers from 1 to %1.").arg(n);
            return std::nullopt;
        }
        QSet<int> seen;
        for (int v : *nums) {
            if (v < 1 || v > n) {
                *error = QStringLiteral("%1 is not an option: use 1 to %2.").arg(v).arg(n);
                return std::nullopt;
            }
            if (seen.contains(v)) {
                *error = QStringLiteral("%1 is given twice.").arg(v);
                return std::nullopt;
            }
            seen.insert(v);
            (q.type == QuestionType::Order ? a.order : a.selected).append(it.displayOrder.at(v - 1));
        }
        if (q.type == QuestionType::Order && a.order.size() != n) {
            *error = QStringLiteral("Give all %1 numbers, in the order you think is right.").arg(n);
            return std::nullopt;
        }
        return a;
    }
    case QuestionType::Fill:
        if (line.trimmed().isEmpty()) {
            *error = QStringLiteral("Type an answer (or skip).");
            return std::nullopt;
        }
        a.text = line.trimmed();
        return a;
    case QuestionType::Recall:
        a.text = line.trimmed();
        return a;
    }
    return std::nullopt;
}

void TerminalQuiz::showFeedback(const QuizSession &session, const Submission &s)
{
    const Question &q = session.item(s.index).question;
    const SessionItem &it = session.item(s.index);
    if (q.type != QuestionType::Recall)
        m_out << (s.grade.correct ? "Correct.\n" : "Wrong.\n");
    if (!s.grade.options.isEmpty()) {
        // Per-option explanations, in the order the options were shown.
        for (int pos = 0; pos < it.displayOrder.size(); ++pos) {
            const OptionFeedback &o = s.grade.options.at(it.displayOrder.at(pos));
            m_out << "  " << pos + 1 << ") [" << (o.correct ? 'x' : ' ') << "] " << o.text
                  << (o.selected ? "   <- your answer" : "") << '\n';
            if (!o.why.isEmpty())
                m_out << "       " << o.why << '\n';
        }
    }
    if (q.type == QuestionType::Order)
        m_out << "Right order: " << s.grade.expected << '\n';
    if (q.type == QuestionType::Fill)
        m_out << "Accepted: " << s.grade.expected << '\n';
    if (q.type != QuestionType::Recall) {
        m_out << "Model answer:\n" << indent(q.modelAnswer) << '\n';
        m_out << "Key points:\n";
        for (const QString &k : q.keyPoints)
            m_out << "  - " << k << '\n';
    }
    if (!q.pitfall.isEmpty())
        m_out << "Pitfall: " << q.pitfall << '\n';
    const FsrsCard card = s.cardAfter;
    m_out << "Next review: " << QDateTime::fromMSecsSinceEpoch(card.dueMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
          << '\n';
}

void TerminalQuiz::showNavigator(const QuizSession &session)
{
    m_out << "\nQuestions:\n";
    for (const NavigatorEntry &e : session.navigator()) {
        QString status;
        switch (e.status) {
        case ItemStatus::Unanswered:
            status = QStringLiteral("blank");
            break;
        case ItemStatus::Draft:
            status = QStringLiteral("answered");
            break;
        case ItemStatus::Submitted:
            status = QStringLiteral("locked");
            break;
        }
        m_out << (e.current ? "> " : "  ") << e.index + 1 << ") " << e.questionId << "  " << status
              << (e.flagged ? "  flagged" : "") << "  " << duration(e.spentMs) << '\n';
    }
    if (session.remainingTotalMs() >= 0)
        m_out << duration(session.remainingTotalMs()) << " left. ";
    m_out << "Type 'goto N' to revisit a question or 'submit' to hand in.\n";
    m_out.flush();
}

void TerminalQuiz::showReport(const QuizSession &session, const ProfileHistory &history)
{
    const SessionReport r = session.report(history);
    m_out << "\nScore: " << r.correct << '/' << r.questions << " (" << percent(r.score) << ") in "
          << duration(r.totalTimeMs) << '\n';
    for (int i = 0; i < r.items.size(); ++i) {
        const ReportItem &it = r.items.at(i);
        m_out << "  " << i + 1 << ") " << it.questionId << "  "
              << (it.correct           ? "right"
                         : it.answered ? "wrong"
                                       : "blank")
              << "  " << duration(it.timeMs);
        if (it.userMedianMs)
            m_out << " (your median " << duration(*it.userMedianMs) << ')';
        if (it.timedOut)
            m_out << "  timed out";
        if (it.flagged)
            m_out << "  flagged";
        m_out << '\n';
    }
    m_out << "By topic:\n";
    for (const TopicScore &t : r.topics)
        m_out << "  " << t.topic << "  " << t.correct << '/' << t.questions << "  " << percent(t.accuracy) << '\n';
    if (!r.weakest.isEmpty()) {
        m_out << "Study next:\n";
        for (const StudySuggestion &s : r.weakest) {
            m_out << "  " << s.topic << " (" << percent(s.accuracy) << "): " << s.covers << '\n';
            if (!s.lessons.isEmpty())
                m_out << "    lessons: " << s.lessons.join(QStringLiteral(", ")) << '\n';
            m_out << "    revisit: " << s.questionIds.join(QStringLiteral(", "))
                  << " (kafkalab-cli quiz take --mode mistakes)\n";
        }
    }
    m_out.flush();
}

bool TerminalQuiz::noteTimeouts(QuizSession &session, const QList<Submission> &submissions)
{
    if (submissions.isEmpty())
        return true;
    if (session.isFinished())
        m_out << "\nTime is up: every open question was submitted.\n";
    else
        for (const Submission &s : submissions)
            m_out << "\nTime is up for question " << s.index + 1 << "; it was submitted as it stood.\n";
    return record(submissions);
}

int TerminalQuiz::runGraded(QuizSession &session, const ProfileHistory &history)
{
    int answered = 0;
    while (!session.isFinished()) {
        session.tick();
        if (session.isFinished())
            break;
        showQuestion(session);
        bool advance = false;
        while (!advance) {
            const auto line = readLine();
            if (!line || isCommand(*line, QStringLiteral("quit"))) {
                session.finish();
                break;
            }
            if (isCommand(*line, QStringLiteral("help"))) {
                m_out << "Answer as asked; 'skip' moves on without recording, 'quit' ends the session.\n";
                continue;
            }
            if (isCommand(*line, QStringLiteral("skip"))) {
                session.next();
                advance = true;
                continue;
            }
            QString error;
            auto answer = parseAnswer(session, *line, &error);
            if (!answer) {
                m_out << error << '\n';
                continue;
            }
            const Question &q = session.current().question;
            if (q.type == QuestionType::Recall) {
                m_out << "Model answer:\n" << indent(q.modelAnswer) << "\nKey points:\n";
                for (const QString &k : q.keyPoints)
                    m_out << "  - " << k << '\n';
                std::optional<Rating> rating;
                while (!rating) {
                    m_out << "How well did you recall it? 1 Again, 2 Hard, 3 Good, 4 Easy:\n";
                    const auto r = readLine();
                    if (!r || isCommand(*r, QStringLiteral("quit"))) {
                        session.finish();
                        break;
                    }
                    rating = ratingFromString(*r);
                }
                if (!rating)
                    break;
                answer->selfRating = rating;
            }
            const auto submission = session.submit(*answer);
            if (!submission) {
                m_out << submission.error() << '\n';
                advance = true;
                continue;
            }
            showFeedback(session, *submission);
            if (!record({*submission}))
                return 1;
            ++answered;
            session.next();
            advance = true;
        }
    }
    const SessionReport r = session.report(history);
    m_out << "\nSession over: " << answered << " answered, " << r.correct << " right";
    if (answered > 0)
        m_out << " (" << percent(double(r.correct) / answered) << ')';
    m_out << ".\n";
    m_out.flush();
    return 0;
}

int TerminalQuiz::runMock(QuizSession &session, const ProfileHistory &history)
{
    m_out << "Mock interview: " << session.size() << " questions, " << duration(session.remainingTotalMs())
          << " in all; each question also has its own limit. Answers can be changed until you submit.\n";
    showQuestion(session);
    while (!session.isFinished()) {
        const auto line = readLine();
        // Deadlines that passed while waiting for input come first; that input is too late.
        if (!noteTimeouts(session, session.tick()))
            return 1;
        if (session.isFinished())
            break;
        if (!line || isCommand(*line, QStringLiteral("submit")) || isCommand(*line, QStringLiteral("quit"))) {
            if (!record(session.finish()))
                return 1;
            break;
        }
        const QString cmd = line->trimmed().toLower();
        if (cmd == u"help") {
            m_out << "Type an answer to save it. next / prev / goto N move between questions, flag marks one "
                     "for review, nav lists them, submit hands in.\n";
            continue;
        }
        if (cmd == u"next" || cmd == u"n") {
            if (!session.next())
                m_out << "This is the last question.\n";
            showQuestion(session);
            continue;
        }
        if (cmd == u"prev" || cmd == u"p") {
            if (!session.previous())
                m_out << "This is the first question.\n";
            showQuestion(session);
            continue;
        }
        if (cmd.startsWith(QStringLiteral("goto"))) {
            bool ok = false;
            const int n = cmd.mid(4).trimmed().toInt(&ok);
            if (!ok || !session.goTo(n - 1))
                m_out << "goto needs a question number from 1 to " << session.size() << ".\n";
            showQuestion(session);
            continue;
        }
        if (cmd == u"flag") {
            session.toggleFlag();
            m_out << (session.current().flagged ? "Flagged for review.\n" : "Flag removed.\n");
            continue;
        }
        if (cmd == u"nav") {
            showNavigator(session);
            continue;
        }
        if (session.current().submitted) {
            m_out << "This question is locked (its time ran out). Move on with next or goto N.\n";
            continue;
        }
        QString error;
        auto answer = parseAnswer(session, *line, &error);
        if (!answer) {
            m_out << error << '\n';
            continue;
        }
        const Question &q = session.current().question;
        if (q.type == QuestionType::Recall) {
            m_out << "Key points:\n";
            for (const QString &k : q.keyPoints)
                m_out << "  - " << k << '\n';
            std::optional<Rating> rating;
            while (!rating) {
                m_out << "Grade your answer: 1 Again, 2 Hard, 3 Good, 4 Easy:\n";
                const auto r = readLine();
                if (!r)
                    break;
                rating = ratingFromString(*r);
            }
            answer->selfRating = rating;
        }
        if (!session.setDraft(*answer)) {
            if (!noteTimeouts(session, session.tick()))
                return 1;
            continue;
        }
        m_out << "Saved.\n";
        // Go on to the next question still blank, or show the navigator when none is left.
        int target = -1;
        for (int k = 1; k < session.size() && target < 0; ++k) {
            const int i = (session.currentIndex() + k) % session.size();
            if (session.item(i).status() == ItemStatus::Unanswered)
                target = i;
        }
        if (target >= 0 && session.goTo(target))
            showQuestion(session);
        else
            showNavigator(session);
    }
    showReport(session, history);
    if (const auto id = session.config().sessionId)
        (void)m_store.finishSession(*id, m_clock.nowMs(), session.report(history).score);
    return 0;
}

int TerminalQuiz::run(const TerminalQuizOptions &options)
{
    const auto profile = m_store.ensureProfile(options.profile);
    if (!profile) {
        m_err << "kafkalab-cli: quiz take: " << profile.error() << '\n';
        return 1;
    }
    const ProfileHistory history = ProfileHistory::load(m_store, profile->id);
    const FsrsScheduler scheduler;
    const qint64 now = m_clock.nowMs();
    const QList<Question> questions = QuestionSelector::select(
        options.mode, m_bank, history, scheduler, now, options.count, options.seed, options.topic);
    if (questions.isEmpty()) {
        switch (options.mode) {
        case QuizMode::Review: {
            qint64 next = 0;
            for (const FsrsCard &c : history.cards) {
                if (!c.isNew() && (next == 0 || c.dueMs < next))
                    next = c.dueMs;
            }
            m_out << "Nothing is due for review";
            if (next > 0)
                m_out << "; the next review is due "
                      << QDateTime::fromMSecsSinceEpoch(next).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            m_out << ".\n";
            break;
        }
        case QuizMode::Mistakes:
            m_out << "No open mistakes: every question you got wrong, you have since got right.\n";
            break;
        default:
            m_out << "No questions to ask"
                  << (options.topic.isEmpty() ? QString() : QStringLiteral(" on ") + options.topic) << ".\n";
        }
        m_out.flush();
        return 0;
    }

    SessionConfig config;
    config.mode = options.mode;
    config.profileId = profile->id;
    config.totalTimeLimitMs = options.totalTimeMs;
    config.seed = options.seed;
    if (options.mode == QuizMode::Mock) {
        const auto sessionId = m_store.startSession(profile->id, QuizMode::Mock, now, int(questions.size()));
        if (!sessionId) {
            m_err << "kafkalab-cli: quiz take: " << sessionId.error() << '\n';
            return 1;
        }
        config.sessionId = *sessionId;
    }
    QuizSession session(questions, config, m_clock, scheduler, history.cards, m_predictTruth);
    m_out << "Kafka Lab quiz: " << quizModeName(options.mode) << ", " << session.size() << " question"
          << (session.size() == 1 ? "" : "s") << ", profile " << profile->name << ".\n";
    const int code = options.mode == QuizMode::Mock ? runMock(session, history) : runGraded(session, history);
    m_out.flush();
    return m_recordFailed ? 1 : code;
}

} // namespace kafkalab::quiz
