// Grading, question selection per mode, and quiz sessions: Practice feedback, Mock interview
// drafts, flags, navigator, per-question and total time limits with auto-submit (time from a
// ManualClock: nothing sleeps), the report, and recording through the progress store.
#include <QTemporaryDir>
#include <QTest>

#include "quiz/answergrader.h"
#include "quiz/fsrsscheduler.h"
#include "quiz/manualclock.h"
#include "quiz/progressstore.h"
#include "quiz/questionbank.h"
#include "quiz/questionselector.h"
#include "quiz/quizsession.h"

using namespace kafkalab::quiz;

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kDay = 86'400'000;

QuestionBank fixtureBank()
{
    return QuestionBank::loadDirectory(QStringLiteral(KAFKALAB_SOURCE_DIR "/tests/quiz/data/bank/questions"));
}

Question question(const QString &id)
{
    static const QuestionBank bank = fixtureBank();
    const Question *q = bank.find(id);
    return q ? *q : Question {};
}

Answer pick(QList<int> options)
{
    Answer a;
    a.selected = std::move(options);
    return a;
}

FsrsScheduler noFuzz()
{
    SchedulerConfig c;
    c.enableFuzz = false;
    return FsrsScheduler(c);
}

} // namespace

class TestSessions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QCOMPARE(fixtureBank().questions().size(), 6); }

    // ---- grading -----------------------------------------------------------------------------

    void gradeSingle()
    {
        const Question q = question(QStringLiteral("q17-isr"));
        Grade g = AnswerGrader::grade(q, pick({0}));
        QVERIFY(g.correct);
        QCOMPARE(g.score, 1.0);
        QCOMPARE(g.rating, Rating::Good);
        QCOMPARE(g.options.size(), 3);
        QVERIFY(g.options.at(0).correct && g.options.at(0).selected);
        QVERIFY(g.options.at(1).why.startsWith(u"That happens only"));
        g = AnswerGrader::grade(q, pick({1}));
        QVERIFY(!g.correct);
        QCOMPARE(g.rating, Rating::Again);
        QVERIFY(g.options.at(1).selected && !g.options.at(1).correct);
        QVERIFY(!AnswerGrader::grade(q, pick({0, 1})).correct);
        QVERIFY(!AnswerGrader::grade(q, Answer {}).correct);
    }

    void gradeMultiIsAllOrNothing()
    {
        const Question q = question(QStringLiteral("multi-durability"));
        QVERIFY(AnswerGrader::grade(q, pick({1, 0})).correct);
        QVERIFY(!AnswerGrader::grade(q, pick({0})).correct); // a subset earns nothing
        QVERIFY(!AnswerGrader::grade(q, pick({0, 1, 2})).correct); // nor a superset
        QVERIFY(!AnswerGrader::grade(q, pick({})).correct);
        QCOMPARE(AnswerGrader::grade(q, pick({0})).score, 0.0);
        QCOMPARE(pick({1, 0}).describe(q), QStringLiteral("A,B"));
    }

    void gradeOrderFillRecall()
    {
        const Question order = question(QStringLiteral("order-produce"));
        Answer a;
        a.order = {0, 1, 2, 3};
        QVERIFY(AnswerGrader::grade(order, a).correct);
        QCOMPARE(a.describe(order), QStringLiteral("A,B,C,D"));
        a.order = {1, 0, 2, 3};
        QVERIFY(!AnswerGrader::grade(order, a).correct);
        QVERIFY(AnswerGrader::grade(order, a).expected.startsWith(u"The serializer"));

        const Question fill = question(QStringLiteral("fill-hw"));
        for (const char *text : {"high watermark", "  High   Watermark ", "hw", "HW"}) {
            Answer f;
            f.text = QString::fromUtf8(text);
            QVERIFY2(AnswerGrader::grade(fill, f).correct, text);
        }
        Answer wrong;
        wrong.text = QStringLiteral("log end offset");
        QVERIFY(!AnswerGrader::grade(fill, wrong).correct);

        const Question recall = question(QStringLiteral("recall-log"));
        Answer r;
        r.text = QStringLiteral("a log, offsets");
        r.selfRating = Rating::Again;
        Grade g = AnswerGrader::grade(recall, r);
        QVERIFY(!g.correct);
        QCOMPARE(g.rating, Rating::Again);
        r.selfRating = Rating::Hard;
        g = AnswerGrader::grade(recall, r);
        QVERIFY(g.correct);
        QCOMPARE(g.rating, Rating::Hard);
        QCOMPARE(r.describe(recall), QStringLiteral("Hard: a log, offsets"));
    }

    void predictTruthComesFromTheSimulator()
    {
        const Question q = question(QStringLiteral("predict-leader"));
        // The file marks "2"; without a simulator that is the truth.
        QVERIFY(AnswerGrader::grade(q, pick({1})).correct);
        // The simulator says 3: the option "3" is right, whatever the file says.
        const AnswerGrader::PredictTruth truth = [](const Question &) { return std::optional(QStringLiteral("3")); };
        QVERIFY(!AnswerGrader::grade(q, pick({1}), truth).correct);
        const Grade g = AnswerGrader::grade(q, pick({2}), truth);
        QVERIFY(g.correct);
        QCOMPARE(g.expected, QStringLiteral("3"));
        QVERIFY(g.options.at(2).correct && !g.options.at(1).correct);
    }

    // ---- selection ---------------------------------------------------------------------------

    void selectionPerMode()
    {
        const QList<Question> bank = fixtureBank().questions();
        const FsrsScheduler scheduler = noFuzz();
        const qint64 now = 1'700'000'000'000;
        ProfileHistory h;
        // q17-isr: reviewed, due yesterday, high stability (high R); fill-hw: due, low stability
        // (low R); multi-durability: not due. The rest are new.
        auto reviewed = [&](double stability, qint64 lastReview, qint64 due) {
            FsrsCard c;
            c.state = CardState::Review;
            c.memory = MemoryState {stability, 5.0};
            c.lastReviewMs = lastReview;
            c.dueMs = due;
            return c;
        };
        h.cards.insert(QStringLiteral("q17-isr"), reviewed(30.0, now - 31 * kDay, now - kDay));
        h.cards.insert(QStringLiteral("fill-hw"), reviewed(1.0, now - 10 * kDay, now - 9 * kDay));
        h.cards.insert(QStringLiteral("multi-durability"), reviewed(10.0, now - kDay, now + 9 * kDay));
        h.attemptCounts
            = {{QStringLiteral("q17-isr"), 5}, {QStringLiteral("fill-hw"), 3}, {QStringLiteral("multi-durability"), 1}};
        h.lastWrong = {{QStringLiteral("q17-isr"), true}, {QStringLiteral("fill-hw"), true},
            {QStringLiteral("multi-durability"), false}};

        // Review: due cards, lowest retrievability first, then new ones.
        QList<Question> r = QuestionSelector::select(QuizMode::Review, bank, h, scheduler, now, 4, 1);
        QCOMPARE(r.size(), 4);
        QCOMPARE(r.at(0).id, QStringLiteral("fill-hw"));
        QCOMPARE(r.at(1).id, QStringLiteral("q17-isr"));
        for (int i = 2; i < 4; ++i)
            QVERIFY(!h.cards.contains(r.at(i).id));
        QCOMPARE(QuestionSelector::select(QuizMode::Review, bank, h, scheduler, now, 1, 1).first().id,
            QStringLiteral("fill-hw"));

        // Mistakes: latest answer wrong, lowest retrievability first.
        r = QuestionSelector::select(QuizMode::Mistakes, bank, h, scheduler, now, 10, 1);
        QCOMPARE(r.size(), 2);
        QCOMPARE(r.at(0).id, QStringLiteral("fill-hw"));
        QCOMPARE(r.at(1).id, QStringLiteral("q17-isr"));

        // Practice: unseen first.
        r = QuestionSelector::select(QuizMode::Practice, bank, h, scheduler, now, 3, 9);
        for (const Question &q : r)
            QVERIFY(!h.attemptCounts.contains(q.id));
        QCOMPARE(QuestionSelector::select(QuizMode::Practice, bank, h, scheduler, now, 6, 9).last().id,
            QStringLiteral("q17-isr"));

        // Mock: spread over topics (3 in the fixture, 3 replication questions): any seed deals
        // one of each topic first.
        for (quint64 seed = 0; seed < 10; ++seed) {
            r = QuestionSelector::select(QuizMode::Mock, bank, h, scheduler, now, 3, seed);
            QSet<QString> topics;
            for (const Question &q : r)
                topics.insert(q.topic);
            QCOMPARE(topics.size(), 3);
        }

        // Topic filter and determinism.
        r = QuestionSelector::select(QuizMode::Practice, bank, h, scheduler, now, 10, 5, QStringLiteral("replication"));
        QCOMPARE(r.size(), 3);
        for (const Question &q : r)
            QCOMPARE(q.topic, QStringLiteral("replication"));
        QList<QString> a, b;
        for (const Question &q : QuestionSelector::select(QuizMode::Mock, bank, {}, scheduler, now, 6, 77))
            a.append(q.id);
        for (const Question &q : QuestionSelector::select(QuizMode::Mock, bank, {}, scheduler, now, 6, 77))
            b.append(q.id);
        QCOMPARE(a, b);
    }

    // ---- practice ----------------------------------------------------------------------------

    void practiceGivesFeedbackAndRecords()
    {
        ManualClock clock;
        const FsrsScheduler scheduler = noFuzz();
        SessionConfig config;
        config.profileId = 7;
        config.seed = 3;
        QuizSession s({question(QStringLiteral("q17-isr")), question(QStringLiteral("recall-log"))}, config, clock,
            scheduler, {});
        QCOMPARE(s.size(), 2);
        QCOMPARE(s.remainingTotalMs(), -1);
        QCOMPARE(s.remainingQuestionMs(), -1);
        clock.advance(30 * kSecond);
        QCOMPARE(s.spentMs(0), 30 * kSecond);
        const auto sub = s.submit(pick({0}));
        QVERIFY2(sub, qPrintable(sub.error()));
        QVERIFY(sub->grade.correct);
        QCOMPARE(sub->grade.options.size(), 3);
        QVERIFY(!sub->grade.options.at(2).why.isEmpty());
        const AttemptRecord &a = sub->attempt;
        QCOMPARE(a.profileId, 7);
        QCOMPARE(a.questionId, QStringLiteral("q17-isr"));
        QCOMPARE(a.topic, QStringLiteral("replication"));
        QCOMPARE(a.mode, QuizMode::Practice);
        QCOMPARE(a.answer, QStringLiteral("A"));
        QCOMPARE(a.elapsedMs, 30 * kSecond);
        QCOMPARE(a.timeMs, clock.nowMs());
        QCOMPARE(a.rating, Rating::Good);
        QVERIFY(!a.before);
        QVERIFY(!a.stateBefore);
        QCOMPARE(a.after->stability, 2.3065);
        QCOMPARE(a.state, CardState::Learning);
        QCOMPARE(a.intervalDays, 10.0 / 1440);
        QCOMPARE(sub->cardAfter.dueMs, clock.nowMs() + 600'000);
        QCOMPARE(s.card(QStringLiteral("q17-isr")).reps, 1);

        // Locked once answered.
        QVERIFY(!s.submit(pick({1})));
        QVERIFY(s.next());
        // Recall needs a self-grade.
        Answer recall;
        recall.text = QStringLiteral("log, offsets, retention");
        const auto ungraded = s.submit(recall);
        QVERIFY(!ungraded);
        QVERIFY(ungraded.error().contains(u"Again, Hard, Good or Easy"));
        recall.selfRating = Rating::Easy;
        clock.advance(90 * kSecond);
        const auto graded = s.submit(recall);
        QVERIFY(graded);
        QCOMPARE(graded->attempt.rating, Rating::Easy);
        QCOMPARE(graded->attempt.elapsedMs, 90 * kSecond);
        QCOMPARE(graded->cardAfter.state, CardState::Review); // Easy graduates a new card
        QVERIFY(!s.next());
        QVERIFY(s.isFinished());
        QVERIFY(!s.submit(recall));
        QVERIFY(!s.goTo(0)); // practice does not go back
    }

    void optionsAreShuffledReproducibly()
    {
        ManualClock clock;
        const FsrsScheduler scheduler = noFuzz();
        QSet<QList<int>> orders;
        for (quint64 seed = 0; seed < 20; ++seed) {
            SessionConfig c;
            c.seed = seed;
            QuizSession s({question(QStringLiteral("order-produce")), question(QStringLiteral("predict-leader"))}, c,
                clock, scheduler, {});
            const QList<int> order = s.item(0).displayOrder;
            // Never shown in the answer's order, always a permutation.
            QVERIFY(order != QList<int>({0, 1, 2, 3}));
            QList<int> sorted = order;
            std::sort(sorted.begin(), sorted.end());
            QCOMPARE(sorted, QList<int>({0, 1, 2, 3}));
            orders.insert(order);
            // Predict options stay as written (values such as broker ids).
            QCOMPARE(s.item(1).displayOrder, QList<int>({0, 1, 2}));
            QuizSession again({question(QStringLiteral("order-produce"))}, c, clock, scheduler, {});
            QCOMPARE(again.item(0).displayOrder, order);
        }
        QVERIFY(orders.size() > 5);
    }

    void practiceTotalTimeEndsTheSession()
    {
        ManualClock clock;
        const FsrsScheduler scheduler = noFuzz();
        SessionConfig c;
        c.totalTimeLimitMs = 60 * kSecond;
        QuizSession s(
            {question(QStringLiteral("q17-isr")), question(QStringLiteral("fill-hw"))}, c, clock, scheduler, {});
        QVERIFY(s.submit(pick({0})));
        QVERIFY(s.next());
        clock.advance(61 * kSecond);
        QVERIFY(s.tick().isEmpty()); // practice does not auto-submit
        QVERIFY(s.isFinished());
        Answer f;
        f.text = QStringLiteral("hw");
        QVERIFY(!s.submit(f));
    }

    // ---- mock interview ----------------------------------------------------------------------

    void mockNavigatorDraftsAndFlags()
    {
        ManualClock clock;
        const FsrsScheduler scheduler = noFuzz();
        SessionConfig c;
        c.mode = QuizMode::Mock;
        c.sessionId = 42;
        QuizSession s({question(QStringLiteral("q17-isr")), question(QStringLiteral("multi-durability")),
                          question(QStringLiteral("fill-hw"))},
            c, clock, scheduler, {});
        // Limits: 90 s (file), 90 s (multi default), 60 s (fill default); total = their sum.
        QCOMPARE(s.item(0).limitMs, 90 * kSecond);
        QCOMPARE(s.item(1).limitMs, 90 * kSecond);
        QCOMPARE(s.item(2).limitMs, 60 * kSecond);
        QCOMPARE(s.remainingTotalMs(), 240 * kSecond);

        clock.advance(20 * kSecond);
        QVERIFY(s.setDraft(pick({1}))); // a wrong first thought
        QVERIFY(s.toggleFlag());
        QVERIFY(s.next());
        clock.advance(10 * kSecond);
        QVERIFY(s.previous());
        clock.advance(15 * kSecond);
        QCOMPARE(s.spentMs(0), 35 * kSecond); // time counts only while a question is shown
        QCOMPARE(s.spentMs(1), 10 * kSecond);
        QVERIFY(s.setDraft(pick({0}))); // changed the answer
        QCOMPARE(s.remainingQuestionMs(), 55 * kSecond);

        const QList<NavigatorEntry> nav = s.navigator();
        QCOMPARE(nav.size(), 3);
        QCOMPARE(nav.at(0).status, ItemStatus::Draft);
        QVERIFY(nav.at(0).flagged && nav.at(0).current);
        QCOMPARE(nav.at(1).status, ItemStatus::Unanswered);
        QVERIFY(!nav.at(1).flagged && !nav.at(1).current);

        QVERIFY(s.goTo(2));
        Answer fill;
        fill.text = QStringLiteral("high watermark");
        QVERIFY(s.setDraft(fill));
        clock.advance(5 * kSecond);
        // Hand in: drafts graded as they stand, the blank one is wrong.
        const QList<Submission> subs = s.finish();
        QVERIFY(s.isFinished());
        QCOMPARE(subs.size(), 3);
        QVERIFY(subs.at(0).grade.correct);
        QVERIFY(!subs.at(1).grade.correct);
        QCOMPARE(subs.at(1).attempt.answer, QString());
        QVERIFY(subs.at(2).grade.correct);
        for (const Submission &sub : subs) {
            QVERIFY(!sub.timedOut);
            QCOMPARE(sub.attempt.mode, QuizMode::Mock);
            QCOMPARE(sub.attempt.sessionId, 42);
            QCOMPARE(sub.attempt.timeMs, clock.nowMs());
        }
        QCOMPARE(subs.at(0).attempt.elapsedMs, 35 * kSecond);
        QCOMPARE(subs.at(2).attempt.elapsedMs, 5 * kSecond);
        QVERIFY(!s.setDraft(pick({0})));
        QVERIFY(s.finish().isEmpty());
    }

    void mockQuestionTimeoutAutoSubmits()
    {
        ManualClock clock;
        const FsrsScheduler scheduler = noFuzz();
        SessionConfig c;
        c.mode = QuizMode::Mock;
        QuizSession s(
            {question(QStringLiteral("fill-hw")), question(QStringLiteral("q17-isr"))}, c, clock, scheduler, {});
        Answer fill;
        fill.text = QStringLiteral("HW");
        QVERIFY(s.setDraft(fill));
        clock.advance(59 * kSecond);
        QVERIFY(s.tick().isEmpty());
        QCOMPARE(s.remainingQuestionMs(), 1 * kSecond);
        clock.advance(5 * kSecond); // past the fill question's 60 s
        const QList<Submission> subs = s.tick();
        QCOMPARE(subs.size(), 1);
        QVERIFY(subs.first().timedOut);
        QVERIFY(subs.first().grade.correct); // the draft counts
        QCOMPARE(subs.first().attempt.elapsedMs, 60 * kSecond);
        QCOMPARE(subs.first().attempt.timeMs, clock.nowMs() - 4 * kSecond); // at the deadline
        QVERIFY(s.item(0).timedOut);
        QCOMPARE(s.currentIndex(), 1); // moved on
        QCOMPARE(s.spentMs(1), 0);
        QVERIFY(!s.isFinished());

        // A locked question cannot be changed, even when revisited.
        QVERIFY(s.goTo(0));
        QVERIFY(!s.setDraft(fill));
        QVERIFY(s.goTo(1));
        // The last open question times out blank: wrong, and the interview is over.
        clock.advance(91 * kSecond);
        const QList<Submission> last = s.tick();
        QCOMPARE(last.size(), 1);
        QVERIFY(!last.first().grade.correct);
        QCOMPARE(last.first().grade.rating, Rating::Again);
        QVERIFY(s.isFinished());
    }

    void mockTotalTimeoutSubmitsEverything()
    {
        ManualClock clock;
        const FsrsScheduler scheduler = noFuzz();
        SessionConfig c;
        c.mode = QuizMode::Mock;
        c.totalTimeLimitMs = 100 * kSecond;
        c.perQuestionLimits = false;
        QuizSession s({question(QStringLiteral("q17-isr")), question(QStringLiteral("multi-durability")),
                          question(QStringLiteral("fill-hw"))},
            c, clock, scheduler, {});
        QCOMPARE(s.item(0).limitMs, 0);
        QVERIFY(s.setDraft(pick({0})));
        QVERIFY(s.next());
        QVERIFY(s.setDraft(pick({0, 1})));
        clock.advance(150 * kSecond);
        // An action after the deadline is refused: the clock is applied first.
        QVERIFY(!s.setDraft(pick({2})));
        QVERIFY(s.isFinished());
        QCOMPARE(s.remainingTotalMs(), 0);
        // …and nothing is lost: the drafts were graded as they stood, at the deadline.
        QCOMPARE(s.item(0).grade->correct, true);
        QCOMPARE(s.item(1).grade->correct, true);
        QCOMPARE(s.item(2).grade->correct, false);
        QVERIFY(s.item(1).timedOut);
        QCOMPARE(s.spentMs(1), 100 * kSecond);
    }

    void mockTimeoutSubmissionsAreReturnedOnce()
    {
        ManualClock clock;
        const FsrsScheduler scheduler = noFuzz();
        SessionConfig c;
        c.mode = QuizMode::Mock;
        c.totalTimeLimitMs = 10 * kSecond;
        QuizSession s({question(QStringLiteral("q17-isr"))}, c, clock, scheduler, {});
        clock.advance(11 * kSecond);
        QCOMPARE(s.tick().size(), 1);
        QVERIFY(s.tick().isEmpty());
        QVERIFY(s.finish().isEmpty());
    }

    void reportWithWeakestTopics()
    {
        ManualClock clock;
        const FsrsScheduler scheduler = noFuzz();
        SessionConfig c;
        c.mode = QuizMode::Mock;
        QuizSession s({question(QStringLiteral("q17-isr")), question(QStringLiteral("fill-hw")),
                          question(QStringLiteral("multi-durability")), question(QStringLiteral("order-produce"))},
            c, clock, scheduler, {});
        clock.advance(40 * kSecond);
        QVERIFY(s.setDraft(pick({1}))); // wrong: replication
        QVERIFY(s.toggleFlag());
        QVERIFY(s.next());
        Answer fill;
        fill.text = QStringLiteral("high watermark"); // right: replication
        clock.advance(20 * kSecond);
        QVERIFY(s.setDraft(fill));
        QVERIFY(s.next());
        clock.advance(30 * kSecond);
        QVERIFY(s.setDraft(pick({0}))); // wrong (subset): producer
        QVERIFY(s.next());
        Answer order;
        order.order = {0, 1, 2, 3}; // right: producer
        QVERIFY(s.setDraft(order));
        QCOMPARE(s.finish().size(), 4);

        ProfileHistory history;
        history.medianElapsedMs.insert(QStringLiteral("q17-isr"), 25 * kSecond);
        history.overallMedianElapsedMs = 50 * kSecond;
        const SessionReport r = s.report(history);
        QCOMPARE(r.questions, 4);
        QCOMPARE(r.answered, 4);
        QCOMPARE(r.correct, 2);
        QCOMPARE(r.score, 0.5);
        QCOMPARE(r.totalTimeMs, 90 * kSecond);
        QCOMPARE(r.items.at(0).timeMs, 40 * kSecond);
        QCOMPARE(r.items.at(0).userMedianMs, 25 * kSecond); // this question's own median
        QCOMPARE(r.items.at(1).userMedianMs, 50 * kSecond); // the overall median otherwise
        QVERIFY(r.items.at(0).flagged);
        QCOMPARE(r.topics.size(), 2);
        QCOMPARE(r.topics.at(0).topic, QStringLiteral("producer"));
        QCOMPARE(r.topics.at(0).accuracy, 0.5);
        QCOMPARE(r.weakest.size(), 2);
        // Both at 50 %: what to study next names the misses and the lesson that shows them.
        QStringList weakTopics {r.weakest.at(0).topic, r.weakest.at(1).topic};
        weakTopics.sort();
        QCOMPARE(weakTopics, QStringList({QStringLiteral("producer"), QStringLiteral("replication")}));
        for (const StudySuggestion &w : r.weakest) {
            QCOMPARE(w.accuracy, 0.5);
            QVERIFY(!w.covers.isEmpty());
            if (w.topic == u"replication") {
                QCOMPARE(w.questionIds, QStringList {QStringLiteral("q17-isr")});
                QCOMPARE(w.lessons, QStringList {QStringLiteral("isr-shrink")});
            } else {
                QCOMPARE(w.questionIds, QStringList {QStringLiteral("multi-durability")});
            }
        }
        // A perfect topic is never "weak".
        ProfileHistory none;
        QuizSession perfect({question(QStringLiteral("fill-hw"))}, c, clock, scheduler, {});
        QVERIFY(perfect.setDraft(fill));
        perfect.finish();
        QVERIFY(perfect.report(none).weakest.isEmpty());
        QVERIFY(!perfect.report(none).items.first().userMedianMs);
    }

    // ---- with the store ------------------------------------------------------------------------

    void sessionsRecordIntoTheStoreAndFeedTheModes()
    {
        QTemporaryDir dir;
        ProgressStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("p.sqlite"))));
        const auto profile = store.ensureProfile(QStringLiteral("student-1"));
        ManualClock clock(1'700'000'000'000);
        const FsrsScheduler scheduler = noFuzz();
        const QList<Question> bank = fixtureBank().questions();

        // Practice: q17 wrong, fill right.
        SessionConfig c;
        c.profileId = profile->id;
        QuizSession s({question(QStringLiteral("q17-isr")), question(QStringLiteral("fill-hw"))}, c, clock, scheduler,
            store.cards(profile->id));
        clock.advance(12 * kSecond);
        auto sub = s.submit(pick({2}));
        QVERIFY(store.recordAnswer(sub->attempt, sub->cardAfter));
        QVERIFY(s.next());
        Answer fill;
        fill.text = QStringLiteral("high watermark");
        sub = s.submit(fill);
        QVERIFY(store.recordAnswer(sub->attempt, sub->cardAfter));

        ProfileHistory h = ProfileHistory::load(store, profile->id);
        QCOMPARE(h.attemptCounts.value(QStringLiteral("q17-isr")), 1);
        QVERIFY(h.lastWrong.value(QStringLiteral("q17-isr")));
        QVERIFY(!h.lastWrong.value(QStringLiteral("fill-hw")));
        QCOMPARE(h.medianElapsedMs.value(QStringLiteral("q17-isr")), 12 * kSecond);
        QCOMPARE(h.cards.size(), 2);

        // Mistakes picks the wrong one; a day later Review has both learning cards due.
        QList<Question> mistakes
            = QuestionSelector::select(QuizMode::Mistakes, bank, h, scheduler, clock.nowMs(), 10, 1);
        QCOMPARE(mistakes.size(), 1);
        QCOMPARE(mistakes.first().id, QStringLiteral("q17-isr"));
        clock.advance(kDay);
        QList<Question> review = QuestionSelector::select(QuizMode::Review, bank, h, scheduler, clock.nowMs(), 2, 1);
        QStringList ids {review.at(0).id, review.at(1).id};
        ids.sort();
        QCOMPARE(ids, QStringList({QStringLiteral("fill-hw"), QStringLiteral("q17-isr")}));

        // Answering the mistake right clears it.
        c.mode = QuizMode::Mistakes;
        QuizSession m(mistakes, c, clock, scheduler, h.cards);
        sub = m.submit(pick({0}));
        QCOMPARE(sub->attempt.stateBefore, CardState::Learning);
        QVERIFY(sub->attempt.before);
        QVERIFY(store.recordAnswer(sub->attempt, sub->cardAfter));
        h = ProfileHistory::load(store, profile->id);
        QVERIFY(QuestionSelector::select(QuizMode::Mistakes, bank, h, scheduler, clock.nowMs(), 10, 1).isEmpty());
        QCOMPARE(store.attempts(profile->id).last().mode, QuizMode::Mistakes);
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "test_sessions.moc"
