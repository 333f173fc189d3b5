#include "questionbank.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "quiz/questionparser.h"

namespace kafkalab::quiz {

QString QuestionBank::builtInQuestionsPath()
{
    return QStringLiteral(":/content/questions");
}

QString QuestionBank::builtInLessonsPath()
{
    return QStringLiteral(":/content/lessons");
}

QSet<QString> QuestionBank::lessonIdsIn(const QString &lessonsDir)
{
    QSet<QString> ids;
    const QDir dir(lessonsDir);
    if (!dir.exists())
        return ids;
    const QStringList files = dir.entryList({QStringLiteral("*.kls")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        ids.insert(QFileInfo(f).completeBaseName());
    return ids;
}

QuestionBank QuestionBank::loadDirectory(const QString &dir, const BankOptions &options)
{
    QuestionBank bank;
    const QString clean = QDir::cleanPath(dir);
    const QSet<QString> lessons
        = options.knownLessons.value_or(lessonIdsIn(QDir(clean).filePath(QStringLiteral("../lessons"))));
    bank.load(clean, clean, lessons, options.predictCheck);
    return bank;
}

QuestionBank QuestionBank::loadBuiltIn(const BankOptions &options)
{
    QuestionBank bank;
    const QSet<QString> lessons = options.knownLessons.value_or(lessonIdsIn(builtInLessonsPath()));
    // Problems name the file as it is in the source tree, where an author can fix it.
    bank.load(builtInQuestionsPath(), QStringLiteral("content/questions"), lessons, options.predictCheck);
    return bank;
}

QuestionBank QuestionBank::fromQuestions(QList<Question> questions)
{
    QuestionBank bank;
    for (Question &q : questions) {
        if (bank.m_index.contains(q.id))
            continue;
        bank.m_index.insert(q.id, bank.m_questions.size());
        bank.m_questions.append(std::move(q));
    }
    bank.m_fileCount = int(bank.m_questions.size());
    return bank;
}

const Question *QuestionBank::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_questions.at(*it);
}

void QuestionBank::load(
    const QString &dirPath, const QString &displayPrefix, const QSet<QString> &lessons, const PredictCheck &check)
{
    const QDir dir(dirPath);
    if (!dir.exists()) {
        m_loadError = QStringLiteral("%1: no such directory").arg(displayPrefix);
        return;
    }
    const QStringList files = dir.entryList({QStringLiteral("*.md")}, QDir::Files | QDir::Readable, QDir::Name);
    QHash<QString, QString> firstSeen; // id -> FILE:LINE of its first file
    for (const QString &name : files) {
        if (name.compare(QStringLiteral("README.md"), Qt::CaseInsensitive) == 0)
            continue;
        ++m_fileCount;
        const QString display = displayPrefix + u'/' + name;
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            m_problems.append({display, 1, QStringLiteral("cannot read the file: %1").arg(file.errorString())});
            continue;
        }
        const QByteArray content = file.readAll();
        ParseResult result = QuestionParser::parse(content, display, QFileInfo(name).completeBaseName(), lessons);
        if (result.question && !result.question->id.isEmpty()) {
            const QString &id = result.question->id;
            if (const auto it = firstSeen.constFind(id); it != firstSeen.constEnd()) {
                result.problems.append({display, result.question->lines.id,
                    QStringLiteral("duplicate id '%1' (also in %2)").arg(id, *it)});
            } else {
                firstSeen.insert(id, display + u':' + QString::number(result.question->lines.id));
            }
        }
        if (result.isValid() && result.question->type == QuestionType::Predict && check) {
            if (const auto error = check(*result.question)) {
                const Question &q = *result.question;
                const QList<int> correct = q.correctOptionIndices();
                const int line = correct.isEmpty() ? q.lines.scenario : q.options.at(correct.first()).line;
                result.problems.append({display, line, QStringLiteral("the simulator disagrees: %1").arg(*error)});
            }
        }
        std::stable_sort(result.problems.begin(), result.problems.end(),
            [](const ContentProblem &a, const ContentProblem &b) { return a.line < b.line; });
        m_problems.append(result.problems);
        if (result.isValid()) {
            m_index.insert(result.question->id, m_questions.size());
            m_questions.append(std::move(*result.question));
        }
    }
}

} // namespace kafkalab::quiz
