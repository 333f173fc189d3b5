// Question parser, validator and bank: the fixtures in data/bank (valid, every type) and
// data/invalid (one kind of problem per file), in-memory edge cases, a fuzz loop, and the real
// content/questions (only: no crash, problems as FILE:LINE).
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "quiz/questionbank.h"
#include "quiz/questionparser.h"

using namespace kafkalab::quiz;

namespace {

QString dataDir(const QString &sub)
{
    return QStringLiteral(KAFKALAB_SOURCE_DIR "/tests/quiz/data/") + sub;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/** Deterministic xorshift, so a fuzz failure reproduces. */
class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(seed ? seed : 1)
    { }
    quint64 next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }
    int below(int n) { return n <= 0 ? 0 : int(next() % quint64(n)); }

private:
    quint64 m_state;
};

QByteArray mutate(const QByteArray &in, Rng &rng)
{
    static const QList<QByteArray> kTokens = {"---\n", "## ", "## Options\n", "## Prompt\n", "- [x] ", "- [ ] ", "  > ",
        "\n", ":", "[", "]", "{", "}", "\"", "'", "&a", "*a", "!!binary ", "\xff", "\xc3", "\xe2\x82",
        QByteArray(1, '\0'), "```kls\n", "```\n", "\r\n", "\t", "id: x\n", "type: predict\n", "- ", "#", "%YAML 1.2\n",
        "? ", "|\n", ">-\n", "\xef\xbb\xbf", QByteArray(200, '['), "type: single\n", "## Key points\n"};
    QByteArray out = in;
    const int edits = 1 + rng.below(6);
    for (int e = 0; e < edits; ++e) {
        const int pos = out.isEmpty() ? 0 : rng.below(int(out.size()));
        switch (rng.below(6)) {
        case 0: // flip a byte
            if (!out.isEmpty())
                out[pos] = char(rng.below(256));
            break;
        case 1: // insert a token
            out.insert(pos, kTokens.at(rng.below(int(kTokens.size()))));
            break;
        case 2: // delete a range
            out.remove(pos, rng.below(40));
            break;
        case 3: // truncate
            out.truncate(pos);
            break;
        case 4: { // duplicate a line elsewhere
            QList<QByteArray> lines = out.split('\n');
            if (!lines.isEmpty())
                lines.insert(rng.below(int(lines.size())), lines.at(rng.below(int(lines.size()))));
            out = lines.join('\n');
            break;
        }
        default: { // swap two lines
            QList<QByteArray> lines = out.split('\n');
            if (lines.size() > 1)
                lines.swapItemsAt(rng.below(int(lines.size())), rng.below(int(lines.size())));
            out = lines.join('\n');
            break;
        }
        }
    }
    return out;
}

const QRegularExpression &problemFormat()
{
    static const QRegularExpression kFormat(QStringLiteral("^.+:[1-9][0-9]*: \\S.*$"));
    return kFormat;
}

} // namespace

class TestQuestionBank : public QObject
{
    Q_OBJECT

private slots:
    void validBankHasEveryType()
    {
        const QuestionBank bank = QuestionBank::loadDirectory(dataDir(QStringLiteral("bank/questions")));
        for (const ContentProblem &p : bank.problems())
            qWarning().noquote() << p.toString();
        QVERIFY(!bank.loadError());
        QCOMPARE(bank.problems().size(), 0);
        QCOMPARE(bank.fileCount(), 6);
        QCOMPARE(bank.questions().size(), 6);
        QSet<QuestionType> types;
        for (const Question &q : bank.questions())
            types.insert(q.type);
        QCOMPARE(types.size(), 6);
    }

    void singleQuestionFields()
    {
        const QuestionBank bank = QuestionBank::loadDirectory(dataDir(QStringLiteral("bank/questions")));
        const Question *q = bank.find(QStringLiteral("q17-isr"));
        QVERIFY(q);
        QCOMPARE(q->number, 17);
        QCOMPARE(q->source, QStringLiteral("000#17"));
        QCOMPARE(q->topic, QStringLiteral("replication"));
        QCOMPARE(q->difficulty, 2);
        QCOMPARE(q->type, QuestionType::Single);
        QCOMPARE(q->tags, QStringList({QStringLiteral("isr"), QStringLiteral("acks"), QStringLiteral("durability")}));
        QCOMPARE(q->lesson, QStringLiteral("isr-shrink"));
        QCOMPARE(q->timeLimitSeconds, 90);
        QCOMPARE(q->kafkaVersion, QStringLiteral("3.0+"));
        QVERIFY(q->prompt.startsWith(u"A topic has replication factor 3"));
        QVERIFY(q->prompt.contains(u'\n'));
        QCOMPARE(q->options.size(), 3);
        QCOMPARE(q->correctOptionIndices(), QList<int> {0});
        QCOMPARE(q->options.at(0).text,
            QStringLiteral("They still succeed: the ISR shrinks to two replicas, which meets min.insync.replicas"));
        QCOMPARE(q->options.at(0).why,
            QStringLiteral("The slow follower leaves the ISR; acks=all waits only for the ISR, and 2 >= 2."));
        QCOMPARE(q->options.at(1).line, 22);
        QCOMPARE(q->keyPoints.size(), 3);
        QCOMPARE(q->keyPoints.at(0), QStringLiteral("acks=all means all replicas in the ISR, not all replicas"));
        QCOMPARE(q->followUps.size(), 2);
        QVERIFY(q->modelAnswer.startsWith(u"The leader removes"));
        QVERIFY(q->pitfall.startsWith(u"Believing"));
        QCOMPARE(q->lines.id, 2);
        QCOMPARE(q->lines.lesson, 9);
        QCOMPARE(q->effectiveTimeLimitSeconds(), 90);
    }

    void otherTypesFields()
    {
        const QuestionBank bank = QuestionBank::loadDirectory(dataDir(QStringLiteral("bank/questions")));
        const Question *fill = bank.find(QStringLiteral("fill-hw"));
        QVERIFY(fill);
        QCOMPARE(fill->acceptedAnswers, QStringList({QStringLiteral("high watermark"), QStringLiteral("HW")}));
        QVERIFY(!fill->number);
        QCOMPARE(fill->effectiveTimeLimitSeconds(), defaultTimeLimitSeconds(QuestionType::Fill));

        const Question *predict = bank.find(QStringLiteral("predict-leader"));
        QVERIFY(predict);
        QCOMPARE(predict->predictQuery, QStringLiteral("leader orders-0"));
        QVERIFY(predict->scenario.startsWith(u"cluster brokers=3"));
        QVERIFY(predict->scenario.contains(u"\npause"));
        QVERIFY(!predict->scenario.contains(u"```"));
        QCOMPARE(predict->correctOptionIndices(), QList<int> {1});

        const Question *order = bank.find(QStringLiteral("order-produce"));
        QVERIFY(order);
        QCOMPARE(order->options.size(), 4);
        QVERIFY(order->options.at(0).text.startsWith(u"The serializer"));

        const Question *multi = bank.find(QStringLiteral("multi-durability"));
        QVERIFY(multi);
        QCOMPARE(multi->correctOptionIndices(), QList<int>({0, 1}));

        const Question *recall = bank.find(QStringLiteral("recall-log"));
        QVERIFY(recall);
        QVERIFY(recall->options.isEmpty());
        QCOMPARE(recall->keyPoints.size(), 3);
    }

    void unknownLessonIsAnErrorUntilTheLessonExists()
    {
        BankOptions options;
        options.knownLessons.emplace(); // no lessons exist
        const QuestionBank bank = QuestionBank::loadDirectory(dataDir(QStringLiteral("bank/questions")), options);
        QCOMPARE(bank.problems().size(), 1);
        QCOMPARE(bank.problems().first().toString(),
            dataDir(QStringLiteral("bank/questions/q17-isr.md"))
                + QStringLiteral(":9: unknown lesson 'isr-shrink' (no content/lessons/isr-shrink.kls)"));
        QVERIFY(!bank.find(QStringLiteral("q17-isr")));
        QCOMPARE(bank.questions().size(), 5);
    }

    void invalidFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected"); // "LINE: substring", in line order

        QTest::newRow("empty") << "empty.md" << QStringList {QStringLiteral("1: empty file")};
        QTest::newRow("no front matter") << "no-front-matter.md"
                                         << QStringList {QStringLiteral("1: missing front matter")};
        QTest::newRow("unclosed") << "unclosed.md" << QStringList {QStringLiteral("1: front matter is not closed")};
        QTest::newRow("bad yaml") << "bad-yaml.md"
                                  << QStringList {QStringLiteral("6: bad YAML in front matter: end of sequence flow")};
        QTest::newRow("bad yaml indent") << "bad-yaml-indent.md"
                                         << QStringList {
                                                QStringLiteral("4: bad YAML in front matter: illegal map value")};
        QTest::newRow("missing section") << "missing-section.md"
                                         << QStringList {QStringLiteral("15: missing section '## Key points'")};
        QTest::newRow("unknown section") << "unknown-section.md"
                                         << QStringList {QStringLiteral("11: unknown section '## Explanation'")};
        QTest::newRow("out of order")
            << "out-of-order.md"
            << QStringList {
                   QStringLiteral("15: section '## Options' is out of order: it must come before '## Model answer'")};
        QTest::newRow("no correct") << "no-correct.md" << QStringList {QStringLiteral("11: no correct option")};
        QTest::newRow("two correct") << "two-correct.md"
                                     << QStringList {QStringLiteral("15: single question has 2 correct options")};
        QTest::newRow("no why") << "no-why.md" << QStringList {QStringLiteral("15: option has no '> why' line")};
        QTest::newRow("id mismatch") << "id-mismatch.md"
                                     << QStringList {QStringLiteral(
                                            "2: id 'some-other-id' does not match the file name 'id-mismatch.md'")};
        QTest::newRow("unknown topic") << "unknown-topic.md"
                                       << QStringList {QStringLiteral("3: unknown topic 'kafka-magic'")};
        QTest::newRow("difficulty") << "bad-difficulty.md" << QStringList {QStringLiteral("4: difficulty must be 1")};
        QTest::newRow("duplicate id, first file")
            << "duplicate-id.md" << QStringList {QStringLiteral("2: id 'unknown-lesson' does not match the file name")};
        QTest::newRow("duplicate id, second file")
            << "unknown-lesson.md"
            << QStringList {QStringLiteral("2: duplicate id 'unknown-lesson' (also in %1:2)")
                                .arg(dataDir(QStringLiteral("invalid/duplicate-id.md"))),
                   QStringLiteral("6: unknown lesson 'no-such-lesson'")};
        QTest::newRow("many problems") << "many-problems.md"
                                       << QStringList {QStringLiteral("4: difficulty must be 1"),
                                              QStringLiteral("6: unknown front matter key 'colour'"),
                                              QStringLiteral("8: text before the first section"),
                                              QStringLiteral("9: section '## Prompt' is empty"),
                                              QStringLiteral("11: section '## Options' is not used by fill questions"),
                                              QStringLiteral("16: fill questions need at least one accepted answer"),
                                              QStringLiteral("22: missing section '## Key points'")};
    }

    void invalidFixtures()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        BankOptions options;
        options.knownLessons.emplace({QStringLiteral("isr-shrink")});
        const QuestionBank bank = QuestionBank::loadDirectory(dataDir(QStringLiteral("invalid")), options);
        QVERIFY(bank.questions().isEmpty());
        const QString path = dataDir(QStringLiteral("invalid/")) + file;
        QStringList actual;
        for (const ContentProblem &p : bank.problems()) {
            QVERIFY2(problemFormat().match(p.toString()).hasMatch(), qPrintable(p.toString()));
            if (p.file == path)
                actual.append(QString::number(p.line) + QStringLiteral(": ") + p.message);
        }
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY2(actual.at(i).startsWith(expected.at(i)),
                qPrintable(actual.at(i) + QStringLiteral(" <> ") + expected.at(i)));
    }

    void invalidUtf8AndNulBytes()
    {
        const QByteArray valid = readFile(dataDir(QStringLiteral("bank/questions/recall-log.md")));
        QVERIFY(!valid.isEmpty());
        QByteArray bad = valid;
        const qsizetype at = bad.indexOf("Explain");
        bad.insert(at + 3, "\xff\xfe");
        ParseResult r = QuestionParser::parse(bad, QStringLiteral("x.md"), QStringLiteral("recall-log"));
        QCOMPARE(r.problems.size(), 1);
        QCOMPARE(r.problems.first().toString(),
            QStringLiteral("x.md:10: invalid UTF-8 (byte 0xff at column 4); save the file as UTF-8"));

        // Overlong encoding of '/', a surrogate and a truncated sequence at the end are invalid too.
        QCOMPARE(QuestionParser::firstInvalidUtf8(QByteArray("ab\xc0\xaf")), 2);
        QCOMPARE(QuestionParser::firstInvalidUtf8(QByteArray("\xed\xa0\x80")), 0);
        QCOMPARE(QuestionParser::firstInvalidUtf8(QByteArray("ok \xe2\x82")), 3);
        QCOMPARE(QuestionParser::firstInvalidUtf8(QByteArray("caf\xc3\xa9 \xf0\x9f\x98\x80")), -1);

        QByteArray nul = valid;
        nul.insert(valid.indexOf("## Prompt"), QByteArray(1, '\0'));
        r = QuestionParser::parse(nul, QStringLiteral("x.md"), QString());
        QCOMPARE(r.problems.size(), 1);
        QVERIFY(r.problems.first().message.startsWith(u"NUL byte"));
        QCOMPARE(r.problems.first().line, 8);
    }

    void crlfAndBomAreAccepted()
    {
        QByteArray content = readFile(dataDir(QStringLiteral("bank/questions/q17-isr.md")));
        content.replace("\n", "\r\n");
        content.prepend("\xef\xbb\xbf");
        const ParseResult r = QuestionParser::parse(content, QStringLiteral("q17-isr.md"), QStringLiteral("q17-isr"),
            QSet<QString> {QStringLiteral("isr-shrink")});
        QVERIFY(r.isValid());
        QCOMPARE(r.question->options.at(0).why,
            QStringLiteral("The slow follower leaves the ISR; acks=all waits only for the ISR, and 2 >= 2."));
        QVERIFY(!r.question->prompt.contains(u'\r'));
    }

    void headingsInsideCodeBlocksAreContent()
    {
        QByteArray content = readFile(dataDir(QStringLiteral("bank/questions/recall-log.md")));
        content.replace("retention decides when\ndata goes away.",
            "retention decides when\ndata goes away.\n\n```\n## not a section\n```");
        const ParseResult r
            = QuestionParser::parse(content, QStringLiteral("recall-log.md"), QStringLiteral("recall-log"));
        QVERIFY(r.isValid());
        QVERIFY(r.question->modelAnswer.contains(u"## not a section"));
    }

    void frontMatterEdgeCases_data()
    {
        QTest::addColumn<QByteArray>("frontMatter");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray("") << QStringLiteral("1: front matter is empty");
        QTest::newRow("list") << QByteArray("- a\n- b\n")
                              << QStringLiteral("1: front matter must be 'key: value' lines");
        QTest::newRow("duplicate key") << QByteArray(
            "id: x\ntopic: storage\ndifficulty: 1\ntype: recall\ntopic: storage\n")
                                       << QStringLiteral("6: duplicate key 'topic' (first on line 3)");
        QTest::newRow("missing type") << QByteArray("id: x\ntopic: storage\ndifficulty: 1\n")
                                      << QStringLiteral("1: missing 'type' in front matter");
        QTest::newRow("bad type") << QByteArray("id: x\ntopic: storage\ndifficulty: 1\ntype: essay\n")
                                  << QStringLiteral("5: unknown type 'essay'");
        QTest::newRow("bad id") << QByteArray("id: Q17_ISR\ntopic: storage\ndifficulty: 1\ntype: recall\n")
                                << QStringLiteral("2: id 'Q17_ISR' must be lower-case letters");
        QTest::newRow("tags not a list") << QByteArray(
            "id: x\ntopic: storage\ndifficulty: 1\ntype: recall\ntags: isr\n")
                                         << QStringLiteral("6: tags must be a list");
        QTest::newRow("number out of range")
            << QByteArray("id: x\nnumber: 26\ntopic: storage\ndifficulty: 1\ntype: recall\n")
            << QStringLiteral("3: number is the position in seed 000's 25 questions");
        QTest::newRow("difficulty not a number")
            << QByteArray("id: x\ntopic: storage\ndifficulty: hard\ntype: recall\n")
            << QStringLiteral("4: difficulty must be");
        QTest::newRow("bad source") << QByteArray(
            "id: x\nsource: seed17\ntopic: storage\ndifficulty: 1\ntype: recall\n")
                                    << QStringLiteral("3: source must be a seed file prefix");
        QTest::newRow("predict without query") << QByteArray("id: x\ntopic: storage\ndifficulty: 1\ntype: predict\n")
                                               << QStringLiteral("5: predict questions need 'predict_query'");
        QTest::newRow("query on single") << QByteArray(
            "id: x\ntopic: storage\ndifficulty: 1\ntype: recall\npredict_query: hw orders-0\n")
                                         << QStringLiteral("6: 'predict_query' is only for predict questions");
        QTest::newRow("alias to nowhere") << QByteArray("id: *nothing\ntopic: storage\ndifficulty: 1\ntype: recall\n")
                                          << QStringLiteral("2: bad YAML in front matter");
        QTest::newRow("deep nesting") << QByteArray("id: x\ntags: ") + QByteArray(5000, '[') + QByteArray(5000, ']')
                + "\n" << QStringLiteral("3: bad YAML in front matter");
    }

    void frontMatterEdgeCases()
    {
        QFETCH(QByteArray, frontMatter);
        QFETCH(QString, expected);
        const QByteArray body
            = "## Prompt\n\nQ?\n\n## Model answer\n\nA.\n\n## Key points\n\n- k\n\n## Pitfall\n\nP.\n";
        const ParseResult r
            = QuestionParser::parse("---\n" + frontMatter + "---\n" + body, QStringLiteral("x.md"), QString());
        QVERIFY(!r.problems.isEmpty());
        QStringList all;
        for (const ContentProblem &p : r.problems)
            all.append(QString::number(p.line) + QStringLiteral(": ") + p.message);
        bool found = false;
        for (const QString &s : all)
            found = found || s.startsWith(expected);
        QVERIFY2(found, qPrintable(all.join(u" | ")));
    }

    void optionSyntaxProblems()
    {
        const QByteArray content = "---\nid: x\ntopic: storage\ndifficulty: 1\ntype: multi\n---\n## Prompt\n\nQ?\n\n"
                                   "## Options\n\nfree text\n- [x] a\n  > yes\n- b\n- [ ] a\n  > dup\n\n"
                                   "## Model answer\n\nA.\n\n## Key points\n\n- k\n\n## Pitfall\n\nP.\n";
        const ParseResult r = QuestionParser::parse(content, QStringLiteral("x.md"), QString());
        QStringList all;
        for (const ContentProblem &p : r.problems)
            all.append(QString::number(p.line) + QStringLiteral(": ") + p.message);
        QCOMPARE(all.size(), 3);
        QVERIFY2(all.at(0).startsWith(u"13: expected an option"), qPrintable(all.join(u" | ")));
        QVERIFY2(all.at(1).startsWith(u"16: option needs '[x]'"), qPrintable(all.join(u" | ")));
        QVERIFY2(all.at(2).startsWith(u"17: duplicate option (same text as line 14)"), qPrintable(all.join(u" | ")));
    }

    void scenarioProblems()
    {
        QByteArray content = readFile(dataDir(QStringLiteral("bank/questions/predict-leader.md")));
        QByteArray noPause = content;
        noPause.replace("crash broker 1\npause\n", "crash broker 1\n");
        ParseResult r = QuestionParser::parse(noPause, QStringLiteral("p.md"), QStringLiteral("predict-leader"));
        QCOMPARE(r.problems.size(), 1);
        QCOMPARE(r.problems.first().line, 14);
        QVERIFY(r.problems.first().message.contains(u"'pause'"));

        QByteArray noFence = content;
        noFence.replace("```kls\n", "").replace("pause\n```\n", "pause\n");
        r = QuestionParser::parse(noFence, QStringLiteral("p.md"), QStringLiteral("predict-leader"));
        QVERIFY(!r.problems.isEmpty());
        QCOMPARE(r.problems.first().line, 12);
        QVERIFY(r.problems.first().message.contains(u"fenced"));
    }

    void predictCheckHook()
    {
        int calls = 0;
        BankOptions options;
        options.predictCheck = [&calls](const Question &q) -> std::optional<QString> {
            ++calls;
            if (q.id == u"predict-leader")
                return QStringLiteral("leader orders-0 is 3, the file marks 2");
            return std::nullopt;
        };
        const QuestionBank bank = QuestionBank::loadDirectory(dataDir(QStringLiteral("bank/questions")), options);
        QCOMPARE(calls, 1); // predict questions only
        QCOMPARE(bank.problems().size(), 1);
        // Points at the option marked [x].
        QCOMPARE(bank.problems().first().toString(),
            dataDir(QStringLiteral("bank/questions/predict-leader.md"))
                + QStringLiteral(":24: the simulator disagrees: leader orders-0 is 3, the file marks 2"));
        QVERIFY(!bank.find(QStringLiteral("predict-leader")));

        options.predictCheck = [](const Question &) -> std::optional<QString> { return std::nullopt; };
        QVERIFY(QuestionBank::loadDirectory(dataDir(QStringLiteral("bank/questions")), options)
                    .find(QStringLiteral("predict-leader")));
    }

    void missingDirectory()
    {
        const QuestionBank bank = QuestionBank::loadDirectory(dataDir(QStringLiteral("no-such-dir")));
        QVERIFY(bank.loadError());
        QVERIFY(bank.loadError()->contains(u"no such directory"));
        QVERIFY(bank.questions().isEmpty());
    }

    void readmeIsSkipped()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(
            dataDir(QStringLiteral("bank/questions/fill-hw.md")), dir.filePath(QStringLiteral("fill-hw.md"))));
        QFile readme(dir.filePath(QStringLiteral("README.md")));
        QVERIFY(readme.open(QIODevice::WriteOnly));
        readme.write("# Questions\n");
        readme.close();
        const QuestionBank bank = QuestionBank::loadDirectory(dir.path());
        QCOMPARE(bank.fileCount(), 1);
        QCOMPARE(bank.problems().size(), 0);
    }

    void fuzzNeverCrashes()
    {
        QList<QByteArray> seeds;
        QDirIterator it(dataDir(QStringLiteral("bank/questions")), {QStringLiteral("*.md")}, QDir::Files);
        while (it.hasNext())
            seeds.append(readFile(it.next()));
        QDirIterator bad(dataDir(QStringLiteral("invalid")), {QStringLiteral("*.md")}, QDir::Files);
        while (bad.hasNext())
            seeds.append(readFile(bad.next()));
        QVERIFY(seeds.size() > 10);

        Rng rng(20240611);
        const QSet<QString> lessons {QStringLiteral("isr-shrink")};
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < 6000; ++i) {
            const QByteArray input = mutate(seeds.at(rng.below(int(seeds.size()))), rng);
            const ParseResult r = QuestionParser::parse(input, QStringLiteral("fuzz.md"), QString(), lessons);
            const int lineCount = int(input.count('\n')) + 1;
            for (const ContentProblem &p : r.problems) {
                if (p.file != u"fuzz.md" || p.line < 1 || p.line > lineCount || p.message.isEmpty())
                    QFAIL(qPrintable(QStringLiteral("iteration %1: bad problem '%2' for a %3-line input")
                                         .arg(i)
                                         .arg(p.toString())
                                         .arg(lineCount)));
            }
            if (r.isValid()) {
                ++valid;
                QVERIFY(!r.question->id.isEmpty());
                QVERIFY(!r.question->prompt.isEmpty());
                QVERIFY(!r.question->keyPoints.isEmpty());
            } else {
                ++invalid;
                QVERIFY(!r.problems.isEmpty());
            }
        }
        // The mutations must exercise both outcomes, or the loop tests nothing.
        QVERIFY(valid > 50);
        QVERIFY(invalid > 1000);
    }

    void builtInResourcesLoad()
    {
        const QuestionBank bank = QuestionBank::loadBuiltIn();
        QVERIFY(!bank.loadError() || QDir(QuestionBank::builtInQuestionsPath()).isEmpty());
        const int files = int(QDir(QuestionBank::builtInQuestionsPath())
                                  .entryList({QStringLiteral("*.md")}, QDir::Files)
                                  .filter(QRegularExpression(
                                      QStringLiteral("^(?!README\\.md$)"), QRegularExpression::CaseInsensitiveOption))
                                  .size());
        QCOMPARE(bank.fileCount(), files);
        for (const ContentProblem &p : bank.problems())
            QVERIFY2(p.file.startsWith(u"content/questions/"), qPrintable(p.toString()));
    }

    void realContentDoesNotCrash()
    {
        // The real bank is being written: only check that validation runs and reports FILE:LINE.
        const QString dir = QStringLiteral(KAFKALAB_SOURCE_DIR "/content/questions");
        BankOptions options;
        options.knownLessons.emplace(QuestionBank::lessonIdsIn(QStringLiteral(KAFKALAB_SOURCE_DIR "/content/lessons")));
        const QuestionBank bank = QuestionBank::loadDirectory(dir, options);
        QVERIFY(!bank.loadError());
        QVERIFY(bank.questions().size() <= bank.fileCount());
        for (const ContentProblem &p : bank.problems()) {
            QVERIFY2(problemFormat().match(p.toString()).hasMatch(), qPrintable(p.toString()));
            QVERIFY2(p.file.startsWith(dir + u'/'), qPrintable(p.toString()));
        }
        qInfo("content/questions: %d files, %d valid, %d problems", bank.fileCount(), int(bank.questions().size()),
            int(bank.problems().size()));
    }
};

QTEST_GUILESS_MAIN(TestQuestionBank)
#include "test_questionbank.moc"
