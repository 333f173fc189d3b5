#include "questionbrowserpage.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "app/ui/quizcontent.h"
#include "quiz/questionbank.h"

namespace kafkalab::app {

namespace {
QString optionsMarkdown(const quiz::Question &q, bool withAnswer)
{
    QString md;
    const bool ordered = q.type == quiz::QuestionType::Order;
    // Files list the correct order (and often the correct option first): until the answer is
    // shown, the options appear sorted by text so their position gives nothing away.
    QList<quiz::QuestionOption> options = q.options;
    if (!withAnswer)
        std::sort(options.begin(), options.end(),
            [](const quiz::QuestionOption &a, const quiz::QuestionOption &b) { return a.text < b.text; });
    for (qsizetype i = 0; i < options.size(); ++i) {
        const quiz::QuestionOption &o = options.at(i);
        // The answer shows as a label, not only as a colour.
        const QString mark = !withAnswer ? QStringLiteral("☐")
            : ordered                    ? QString::number(i + 1) + u'.'
            : o.correct                  ? QStringLiteral("✔ **correct**")
                                         : QStringLiteral("✘");
        md += QStringLiteral("- %1 %2\n").arg(mark, o.text);
        if (withAnswer && !o.why.isEmpty())
            md += QStringLiteral("  *%1*\n").arg(o.why);
    }
    return md;
}
} // namespace

QuestionBrowserPage::QuestionBrowserPage(QWidget *parent)
    : QWidget(parent)
    , m_bank(&QuizContent::bank())
{
    setObjectName(QStringLiteral("questionBrowser"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("questionProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (!m_bank->problems().isEmpty()) {
        // Bad files are reported with their place; the valid rest is listed.
        QStringList lines;
        for (const auto &problem : m_bank->problems())
            lines << problem.toString();
        m_problems->setText(tr("⚠ %n problem(s) in the question files (those files are skipped):\n", nullptr,
                                static_cast<int>(lines.size()))
            + lines.join(u'\n'));
    } else {
        m_problems->hide();
    }
    layout->addWidget(m_problems);

    auto *splitter = new QSplitter(this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("questionFilter"));
    m_filter->setPlaceholderText(tr("Filter by text, topic or tag"));
    m_filter->setClearButtonEnabled(true);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("questionList"));
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_list);
    // The 25 questions of the Q&A first, in their order, then the rest by id.
    QList<quiz::Question> questions = m_bank->questions();
    std::stable_sort(questions.begin(), questions.end(), [](const quiz::Question &a, const quiz::Question &b) {
        if (a.number.has_value() != b.number.has_value())
            return a.number.has_value();
        if (a.number && b.number)
            return *a.number < *b.number;
        return a.id < b.id;
    });
    for (const quiz::Question &q : questions) {
        const QString label = q.number ? QStringLiteral("Q%1 · %2").arg(*q.number).arg(q.id) : q.id;
        auto *item = new QListWidgetItem(QStringLiteral("%1\n   %2 · %3 · difficulty %4")
                                             .arg(label, q.topic, quiz::questionTypeName(q.type))
                                             .arg(q.difficulty),
            m_list);
        item->setData(Qt::UserRole, q.id);
        item->setData(Qt::UserRole + 1, (q.id + u' ' + q.topic + u' ' + q.tags.join(u' ') + u' ' + q.prompt).toLower());
    }

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_view = new QTextBrowser(right);
    m_view->setObjectName(QStringLiteral("questionView"));
    m_view->setOpenExternalLinks(true);
    auto *buttons = new QHBoxLayout;
    m_reveal = new QPushButton(tr("Show the answer"), right);
    m_reveal->setObjectName(QStringLiteral("revealAnswer"));
    m_reveal->setCheckable(true);
    m_lesson = new QPushButton(tr("Open its lesson"), right);
    m_lesson->setObjectName(QStringLiteral("openLesson"));
    buttons->addWidget(m_reveal);
    buttons->addWidget(m_lesson);
    buttons->addStretch();
    rightLayout->addWidget(m_view, 1);
    rightLayout->addLayout(buttons);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({380, 700});
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &QuestionBrowserPage::applyFilter);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item == nullptr)
            return;
        m_current = item->data(Qt::UserRole).toString();
        m_reveal->setChecked(false);
        render(false);
    });
    connect(m_reveal, &QPushButton::toggled, this, [this](bool on) { render(on); });
    connect(m_lesson, &QPushButton::clicked, this, [this] {
        if (const quiz::Question *q = m_bank->find(m_current); q != nullptr && !q->lesson.isEmpty())
            Q_EMIT lessonRequested(q->lesson);
    });
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        m_view->setMarkdown(tr("No questions are built in."));
}

QuestionBrowserPage::~QuestionBrowserPage() = default;

int QuestionBrowserPage::questionCount() const
{
    return m_list->count();
}

bool QuestionBrowserPage::showQuestion(const QString &id, bool withAnswer)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == id) {
            // A filter must not hide the question asked for.
            m_list->item(i)->setHidden(false);
            m_list->setCurrentRow(i);
            m_reveal->setChecked(withAnswer);
            return true;
        }
    }
    return false;
}

void QuestionBrowserPage::applyFilter(const QString &text)
{
    const QString needle = text.trimmed().toLower();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        item->setHidden(!needle.isEmpty() && !item->data(Qt::UserRole + 1).toString().contains(needle));
    }
}

void QuestionBrowserPage::render(bool withAnswer)
{
    const quiz::Question *q = m_bank->find(m_current);
    if (q == nullptr)
        return;
    m_lesson->setEnabled(!q->lesson.isEmpty());
    m_lesson->setToolTip(q->lesson.isEmpty() ? tr("No lesson demonstrates this question yet") : q->lesson);
    // The question's own Markdown, rendered by Qt's Markdown support.
    QString md = QStringLiteral("### %1\n\n%2\n\n").arg(q->id, q->prompt);
    if (!q->scenario.isEmpty())
        md += QStringLiteral("**Scenario** (the simulator runs it to the pause):\n\n```\n%1\n```\n\n").arg(q->scenario);
    if (!q->options.isEmpty())
        md += optionsMarkdown(*q, withAnswer) + u'\n';
    if (withAnswer) {
        md += QStringLiteral("#### Model answer\n\n%1\n\n#### Key points\n\n").arg(q->modelAnswer);
        for (const QString &point : q->keyPoints)
            md += QStringLiteral("- %1\n").arg(point);
        md += QStringLiteral("\n#### Pitfall\n\n%1\n").arg(q->pitfall);
        if (!q->followUps.isEmpty()) {
            md += QStringLiteral("\n#### Follow-ups\n\n");
            for (const QString &f : q->followUps)
                md += QStringLiteral("- %1\n").arg(f);
        }
        if (!q->versionNote.isEmpty())
            md += QStringLiteral("\n> **Kafka %1:** %2\n").arg(q->kafkaVersion, q->versionNote);
    }
    m_view->setMarkdown(md);
}

} // namespace kafkalab::app
