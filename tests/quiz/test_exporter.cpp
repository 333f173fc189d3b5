// Exporters: GIFT (Moodle's escaping, read back the way Moodle's importer reads it), Aiken
// (single-choice only, one line per question), Anki CSV (RFC 4180, read back with a strict parser).
#include <QRegularExpression>
#include <QTest>

#include "quiz/exporter.h"
#include "quiz/questionbank.h"

using namespace kafkalab::quiz;

namespace {

QList<Question> fixtures()
{
    return QuestionBank::loadDirectory(QStringLiteral(KAFKALAB_SOURCE_DIR "/tests/quiz/data/bank/questions"))
        .questions();
}

/** A single-choice question whose text uses every character GIFT reserves. */
Question nasty()
{
    Question q;
    q.id = QStringLiteral("nasty");
    q.topic = QStringLiteral("design");
    q.type = QuestionType::Single;
    q.prompt = QStringLiteral("Given {a: 1} and key=\"x\"; what does ~ mean?\nSecond line # with \\ backslash");
    q.options = {{QStringLiteral("It's {braces} = fine"), true, QStringLiteral("Why: because ~ and # are escaped"), 0},
        {QStringLiteral("a; b \"quoted\""), false, QStringLiteral("No."), 0}};
    q.modelAnswer = QStringLiteral("Model: <b>bold</b> & more");
    q.keyPoints = {QStringLiteral("point; one"), QStringLiteral("point \"two\"")};
    q.pitfall = QStringLiteral("Pitfall: none");
    return q;
}

/** Moodle's escapedchar_pre/_post: escaped specials become placeholders, then the real characters. */
QString giftPre(QString s)
{
    s.replace(QStringLiteral("\\\\"), QStringLiteral("&&092;"));
    const QList<std::pair<QString, QString>> map = {{QStringLiteral("\\:"), QStringLiteral("&&058;")},
        {QStringLiteral("\\#"), QStringLiteral("&&035;")}, {QStringLiteral("\\="), QStringLiteral("&&061;")},
        {QStringLiteral("\\{"), QStringLiteral("&&123;")}, {QStringLiteral("\\}"), QStringLiteral("&&125;")},
        {QStringLiteral("\\~"), QStringLiteral("&&126;")}, {QStringLiteral("\\n"), QStringLiteral("&&010")}};
    for (const auto &[from, to] : map)
        s.replace(from, to);
    s.replace(QStringLiteral("&&092;"), QStringLiteral("\\"));
    return s;
}

QString giftPost(QString s)
{
    const QList<std::pair<QString, QString>> map = {{QStringLiteral("&&058;"), QStringLiteral(":")},
        {QStringLiteral("&&035;"), QStringLiteral("#")}, {QStringLiteral("&&061;"), QStringLiteral("=")},
        {QStringLiteral("&&123;"), QStringLiteral("{")}, {QStringLiteral("&&125;"), QStringLiteral("}")},
        {QStringLiteral("&&126;"), QStringLiteral("~")}, {QStringLiteral("&&010"), QStringLiteral("\n")}};
    for (const auto &[from, to] : map)
        s.replace(from, to);
    return s;
}

/** GIFT questions are separated by blank lines; comment and $CATEGORY lines are not questions. */
QStringList giftQuestions(const QString &text)
{
    QStringList out;
    for (const QString &block : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        QStringList lines;
        for (const QString &l : block.split(u'\n')) {
            if (!l.trimmed().startsWith(QStringLiteral("//")) && !l.trimmed().isEmpty())
                lines.append(l);
        }
        if (!lines.isEmpty() && !lines.first().startsWith(QStringLiteral("$CATEGORY:")))
            out.append(lines.join(u'\n'));
    }
    return out;
}

/** Strict RFC 4180 reader (separator `sep`); fails the test on malformed quoting. */
QList<QStringList> readCsv(const QString &text, QChar sep, bool *ok)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool afterQuote = false;
    *ok = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                field += c;
            }
        } else if (c == u'"') {
            if (!field.isEmpty() || afterQuote)
                *ok = false; // a quote inside an unquoted field
            quoted = true;
        } else if (c == sep) {
            row.append(field);
            field.clear();
            afterQuote = false;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            afterQuote = false;
            ++i;
        } else {
            if (afterQuote || c == u'\n' || c == u'\r')
                *ok = false; // text after a closing quote, or a bare line break
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !row.isEmpty())
        *ok = false; // every record ends with CRLF
    return rows;
}

QString htmlToText(QString s)
{
    s.replace(QStringLiteral("<br>"), QStringLiteral("\n"));
    s.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
    s.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    s.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return s;
}

} // namespace

class TestExporter : public QObject
{
    Q_OBJECT

private slots:
    void formatNames()
    {
        QCOMPARE(exportFormatFromString(QStringLiteral("gift")), ExportFormat::Gift);
        QCOMPARE(exportFormatFromString(QStringLiteral("aiken")), ExportFormat::Aiken);
        QCOMPARE(exportFormatFromString(QStringLiteral("anki-csv")), ExportFormat::AnkiCsv);
        QVERIFY(!exportFormatFromString(QStringLiteral("csv")));
    }

    void giftEscaping()
    {
        QCOMPARE(Exporter::escapeGift(QStringLiteral("a:b=c~d#e{f}g\\h\r\nnext")),
            QStringLiteral("a\\:b\\=c\\~d\\#e\\{f\\}g\\\\h\\nnext"));
        QCOMPARE(Exporter::escapeGift(QStringLiteral("plain text, (ok)!")), QStringLiteral("plain text, (ok)!"));
    }

    void giftSpecialCharactersSurviveMoodlesReader()
    {
        const ExportResult r = Exporter::gift({nasty()});
        QCOMPARE(r.exported, 1);
        const QStringList questions = giftQuestions(r.text);
        QCOMPARE(questions.size(), 1);
        // Read it back as Moodle does: placeholders first, then split on the unescaped syntax.
        const QString text = giftPre(questions.first());
        QVERIFY(text.startsWith(u"::nasty::[markdown]"));
        const qsizetype open = text.indexOf(u'{');
        const qsizetype close = text.indexOf(u'}');
        QVERIFY(open > 0 && close > open);
        QCOMPARE(text.count(u'{'), 1); // every brace in the content was escaped
        QCOMPARE(text.count(u'}'), 1);
        QCOMPARE(giftPost(text.mid(19, open - 19)), nasty().prompt);
        QString answers = text.mid(open + 1, close - open - 1);
        const qsizetype feedback = answers.lastIndexOf(QStringLiteral("####"));
        QVERIFY(feedback > 0);
        QVERIFY(
            giftPost(answers.mid(feedback + 4)).startsWith(u"Model: <b>bold</b> & more\n\nKey points:\n- point; one"));
        answers = answers.left(feedback);
        answers.replace(QStringLiteral("="), QStringLiteral("~="));
        QStringList parts = answers.split(u'~', Qt::SkipEmptyParts);
        parts.removeIf([](const QString &p) { return p.trimmed().isEmpty(); });
        QCOMPARE(parts.size(), 2);
        const QStringList right = parts.at(0).trimmed().mid(1).split(u'#');
        QVERIFY(parts.at(0).trimmed().startsWith(u'='));
        QCOMPARE(giftPost(right.at(0)), QStringLiteral("It's {braces} = fine"));
        QCOMPARE(giftPost(right.at(1)), QStringLiteral("Why: because ~ and # are escaped"));
        QCOMPARE(giftPost(parts.at(1).trimmed().split(u'#').at(0)), QStringLiteral("a; b \"quoted\""));
    }

    void giftAllTypes()
    {
        const ExportResult r = Exporter::gift(fixtures());
        QCOMPARE(r.exported, 6);
        QVERIFY(r.skipped.isEmpty());
        const QString &t = r.text;
        // Grouped by topic in the documented order.
        QVERIFY(t.indexOf(u"$CATEGORY: Kafka Lab/fundamentals") < t.indexOf(u"$CATEGORY: Kafka Lab/producer"));
        QVERIFY(t.indexOf(u"$CATEGORY: Kafka Lab/producer") < t.indexOf(u"$CATEGORY: Kafka Lab/replication"));
        QVERIFY(t.contains(u"::q17-isr::[markdown]A topic has replication factor 3 and `min.insync.replicas\\=2`."));
        QVERIFY(t.contains(u"\t=They still succeed\\: the ISR shrinks"));
        // Multi: right options share 100 %, a wrong one cancels.
        QVERIFY(t.contains(u"\t~%50%acks\\=all#"));
        QVERIFY(t.contains(u"\t~%-100%acks\\=1#"));
        // Order as matching: step -> position.
        QVERIFY(t.contains(u"\t=The serializer turns key and value into bytes -> 1\n"));
        QVERIFY(t.contains(u"\t=The sender thread sends the batch to the leader -> 4\n"));
        // Fill as short answer; recall as an essay with the model answer as general feedback.
        QVERIFY(t.contains(u"\t=high watermark\n\t=HW\n\t####"));
        QVERIFY(t.contains(u"::recall-log::[markdown]Explain how a Kafka topic differs from a traditional message "
                           u"queue.{\n\t####A topic is"));
        // Predict carries its scenario.
        QVERIFY(t.contains(u"```kls\\ncluster brokers\\=3 seed\\=1\\n"));
        for (const QString &q : giftQuestions(t)) {
            const QString pre = giftPre(q);
            QCOMPARE(pre.count(u'{'), 1);
            QCOMPARE(pre.count(u'}'), 1);
        }
        QCOMPARE(giftQuestions(t).size(), 6);
    }

    void aikenSingleChoiceOnly()
    {
        QList<Question> questions = fixtures();
        Question looksLikeOption = nasty();
        looksLikeOption.id = QStringLiteral("looks-like-option");
        looksLikeOption.prompt = QStringLiteral("A. is this the question?");
        questions.append(looksLikeOption);
        questions.append(nasty());
        const ExportResult r = Exporter::aiken(questions);
        QCOMPARE(r.exported, 2); // q17-isr and nasty
        QCOMPARE(r.skipped.size(), 6);
        QStringList reasons;
        for (const auto &[id, reason] : r.skipped)
            reasons.append(id + u'=' + reason);
        QVERIFY(reasons.contains(u"multi-durability=multi"));
        QVERIFY(reasons.contains(u"recall-log=recall"));
        QVERIFY(reasons.contains(u"predict-leader=predict"));
        QVERIFY(reasons.contains(u"looks-like-option=not representable in Aiken"));

        const QStringList blocks = r.text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
        QCOMPARE(blocks.size(), 2);
        // nasty is "design", after replication.
        const QStringList isr = blocks.at(0).split(u'\n');
        QCOMPARE(isr.size(), 5);
        QCOMPARE(isr.at(0),
            QStringLiteral("A topic has replication factor 3 and `min.insync.replicas=2`. A producer uses "
                           "`acks=all`. One follower falls behind for longer than "
                           "`replica.lag.time.max.ms`. What happens to writes?"));
        QVERIFY(isr.at(1).startsWith(u"A. They still succeed"));
        QVERIFY(isr.at(3).startsWith(u"C. "));
        QCOMPARE(isr.at(4), QStringLiteral("ANSWER: A"));
        const QStringList n = blocks.at(1).split(u'\n');
        QCOMPARE(
            n.at(0), QStringLiteral("Given {a: 1} and key=\"x\"; what does ~ mean? Second line # with \\ backslash"));
        QCOMPARE(n.last(), QStringLiteral("ANSWER: A"));
    }

    void ankiCsvIsRfc4180()
    {
        QCOMPARE(Exporter::csvField(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(Exporter::csvField(QStringLiteral("a;b")), QStringLiteral("\"a;b\""));
        QCOMPARE(Exporter::csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(Exporter::csvField(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(Exporter::csvField(QStringLiteral("a,b")), QStringLiteral("a,b"));

        QList<Question> questions = fixtures();
        questions.append(nasty());
        const ExportResult r = Exporter::ankiCsv(questions);
        QCOMPARE(r.exported, 7);
        QVERIFY(r.text.startsWith(u"#separator:semicolon\r\n#html:true\r\n#columns:Front;Back\r\n"));
        bool ok = false;
        const QList<QStringList> rows = readCsv(r.text, u';', &ok);
        QVERIFY(ok);
        QCOMPARE(rows.size(), 3 + 7);
        for (qsizetype i = 3; i < rows.size(); ++i)
            QCOMPARE(rows.at(i).size(), 2);
        const QStringList &last = rows.last(); // nasty is "design", the last topic
        QVERIFY(htmlToText(last.at(0)).startsWith(nasty().prompt));
        QVERIFY(htmlToText(last.at(0)).contains(u"\nB. a; b \"quoted\""));
        QVERIFY(htmlToText(last.at(1)).startsWith(u"Answer: A. It's {braces} = fine"));
        QVERIFY(last.at(1).contains(u"Model: &lt;b&gt;bold&lt;/b&gt; &amp; more"));
        QVERIFY(last.at(1).contains(u"<li>point \"two\"</li>"));
        // An order question's front never lists the steps in the answer's order.
        for (const QStringList &row : rows) {
            if (row.at(0).startsWith(u"Put the steps")) {
                QVERIFY(row.at(0).indexOf(u"The sender thread") < row.at(0).indexOf(u"The serializer"));
                QVERIFY(row.at(1).startsWith(u"Order:<ol><li>The serializer"));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestExporter)
#include "test_exporter.moc"
