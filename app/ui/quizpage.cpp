#include "quizpage.h"

#include <QKeyEvent>
#include <QApplication>
#include <QAbstractButton>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include "app/ui/pagewidgets.h"
#include "app/ui/profilepageheader.h"
#include "app/ui/profilemanager.h"
#include "app/ui/questionbrowserpage.h"
#include "app/ui/quizcontent.h"
#include "app/ui/quizreportwidget.h"
#include "app/ui/quizsessionwidget.h"
#include "app/ui/theme.h"
#include "quiz/clock.h"
#include "quiz/progressstore.h"
#include "quiz/questionbank.h"
#include "quiz/questionselector.h"

namespace kafkalab::app {

using quiz::QuizMode;

namespace {

constexpr int kDiagnosticQuestions = 10;

/** A mode's card: what it does, what it will ask, and its start button. */
QFrame *modeCard(QWidget *parent, const QString &title, const QString &text, QPushButton *button, QLabel *status,
    QLayout *extra = nullptr)
{
    QFrame *box = card(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(18, 14, 18, 14);
    layout->setSpacing(8);
    layout->addWidget(scaledLabel(title, box, 1.2, true));
    layout->addWidget(scaledLabel(text, box, 1.0, false));
    if (status != nullptr) {
        status->setParent(box);
        status->setWordWrap(true);
        QFont f = status->font();
        f.setBold(true);
        status->setFont(f);
        layout->addWidget(status);
    }
    if (extra != nullptr)
        layout->addLayout(extra);
    layout->addStretch(1);
    button->setParent(box);
    QFont bf = button->font();
    bf.setBold(true);
    button->setFont(bf);
    button->setMinimumHeight(button->fontMetrics().height() * 2);
    auto *row = new QHBoxLayout;
    row->addWidget(button);
    row->addStretch(1);
    layout->addLayout(row);
    return box;
}

} // namespace

QuizPage::QuizPage(ProfileManager *profiles, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_runner(new QuizRunner(profiles, quiz::Clock::system(), this))
{
    setObjectName(QStringLiteral("quizPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 10);

    m_header = new ProfilePageHeader(tr("Quiz"), m_profiles, QStringLiteral("quiz"), this);
    layout->addWidget(m_header);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("quizTabs"));
    m_tabs->setDocumentMode(true);
    m_stack = new QStackedWidget(m_tabs);
    m_start = buildStart();
    m_session = new QuizSessionWidget(m_runner, m_stack);
    m_report = new QuizReportWidget(m_stack);
    m_stack->addWidget(m_start);
    m_stack->addWidget(m_session);
    m_stack->addWidget(m_report);
    m_browser = new QuestionBrowserPage(m_tabs);
    m_tabs->addTab(m_stack, tr("&Take a quiz"));
    m_tabs->addTab(m_browser, tr("&Browse questions"));
    layout->addWidget(m_tabs, 1);

    connect(m_runner, &QuizRunner::finished, this, &QuizPage::onFinished);
    connect(m_session, &QuizSessionWidget::lessonRequested, this, &QuizPage::lessonRequested);
    connect(m_browser, &QuestionBrowserPage::lessonRequested, this, &QuizPage::lessonRequested);
    connect(m_report, &QuizReportWidget::lessonRequested, this, &QuizPage::lessonRequested);
    connect(m_report, &QuizReportWidget::questionRequested, this, [this](const QString &id) {
        m_tabs->setCurrentWidget(m_browser);
        m_browser->showQuestion(id, true);
    });
    connect(m_report, &QuizReportWidget::mistakesRequested, this, [this] {
        m_runner->close();
        startMode(QuizMode::Mistakes);
    });
    connect(m_report, &QuizReportWidget::newQuizRequested, this, &QuizPage::showStart);
    connect(m_profiles, &ProfileManager::profileChanged, this, [this] {
        // The session belonged to the previous learner: it is ended (and recorded) first.
        showStart();
    });
    refreshStart();
}

QuizPage::~QuizPage()
{
    // Closing the window hands a mock interview in, as end of input does in the terminal: drafts are kept.
    m_runner->close();
}

QWidget *QuizPage::buildStart()
{
    auto *scroll = new QScrollArea(m_stack);
    scroll->setObjectName(QStringLiteral("quizStart"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 8, 8, 8);
    layout->setSpacing(12);

    auto *options = new QHBoxLayout;
    m_topic = new QComboBox(content);
    m_topic->setObjectName(QStringLiteral("quizTopic"));
    m_topic->addItem(tr("All topics"), QString());
    for (const quiz::TopicInfo &t : quiz::knownTopics())
        m_topic->addItem(t.id, t.id);
    m_count = new QSpinBox(content);
    m_count->setObjectName(QStringLiteral("quizCount"));
    m_count->setRange(1, 50);
    m_count->setValue(10);
    auto *topicLabel = new QLabel(tr("T&opic:"), content);
    topicLabel->setBuddy(m_topic);
    auto *countLabel = new QLabel(tr("&Questions per session:"), content);
    countLabel->setBuddy(m_count);
    options->addWidget(topicLabel);
    options->addWidget(m_topic);
    options->addSpacing(20);
    options->addWidget(countLabel);
    options->addWidget(m_count);
    options->addStretch(1);
    layout->addLayout(options);

    m_message = new QLabel(content);
    m_message->setObjectName(QStringLiteral("quizStartMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    auto *grid = new QGridLayout;
    grid->setSpacing(14);
    auto *practice = new QPushButton(tr("Start &practice"), content);
    practice->setObjectName(QStringLiteral("startPractice"));
    grid->addWidget(modeCard(content, tr("Practice"),
                        tr("One question at a time with instant feedback: why each option is right or wrong, the "
                           "model answer, the key points and the pitfall. Questions you have seen least come first."),
                        practice, nullptr),
        0, 0);

    auto *mock = new QPushButton(tr("Start the &mock interview"), content);
    mock->setObjectName(QStringLiteral("startMock"));
    m_minutes = new QSpinBox(content);
    m_minutes->setObjectName(QStringLiteral("mockMinutes"));
    m_minutes->setRange(0, 180);
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setSpecialValueText(tr("the questions' limits"));
    m_minutes->setMaximumWidth(m_minutes->fontMetrics().horizontalAdvance(tr("the questions' limits")) * 3 / 2 + 40);
    auto *mockForm = new QFormLayout;
    mockForm->addRow(tr("Time in all:"), m_minutes);
    grid->addWidget(modeCard(content, tr("Mock interview"),
                        tr("Questions across the topics against the clock: each question has its own limit and the "
                           "interview a total. Flag questions, jump between them, change answers until you hand in; "
                           "the report shows your score, time per question and weakest topics."),
                        mock, nullptr, mockForm),
        0, 1);

    m_reviewButton = new QPushButton(tr("Start &review"), content);
    m_reviewButton->setObjectName(QStringLiteral("startReview"));
    m_reviewCount = new QLabel(content);
    m_reviewCount->setObjectName(QStringLiteral("reviewCount"));
    grid->addWidget(modeCard(content, tr("Review"),
                        tr("Spaced repetition (FSRS): the questions you are about to forget, least likely remembered "
                           "first, topped up with new ones. Recall questions are graded by you against the key "
                           "points: Again, Hard, Good or Easy."),
                        m_reviewButton, m_reviewCount),
        1, 0);

    m_mistakesButton = new QPushButton(tr("Practise m&istakes"), content);
    m_mistakesButton->setObjectName(QStringLiteral("startMistakes"));
    m_mistakesCount = new QLabel(content);
    m_mistakesCount->setObjectName(QStringLiteral("mistakesCount"));
    grid->addWidget(modeCard(content, tr("Mistakes"),
                        tr("The questions whose latest answer was wrong. Answer one right and it leaves the list."),
                        m_mistakesButton, m_mistakesCount),
        1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);

    auto *diagnostic = new QPushButton(
        tr("Not sure where to start? Take the &diagnostic (%1 questions, one per topic)").arg(kDiagnosticQuestions),
        content);
    diagnostic->setObjectName(QStringLiteral("startDiagnostic"));
    diagnostic->setMinimumHeight(diagnostic->fontMetrics().height() * 2);
    auto *diagRow = new QHBoxLayout;
    diagRow->addWidget(diagnostic);
    diagRow->addStretch(1);
    layout->addLayout(diagRow);
    auto *keys = new QLabel(tr("Keys in a session: <b>Enter</b> submit / next · <b>1–9</b> pick an option · "
                               "<b>1–4</b> grade a recall · <b>Alt+← / Alt+→</b> previous / next in a mock interview · "
                               "<b>Ctrl+F</b> flag"),
        content);
    keys->setWordWrap(true);
    layout->addWidget(keys);
    layout->addStretch(1);
    scroll->setWidget(content);

    connect(practice, &QPushButton::clicked, this, [this] { startMode(QuizMode::Practice); });
    connect(mock, &QPushButton::clicked, this, [this] { startMode(QuizMode::Mock); });
    connect(m_reviewButton, &QPushButton::clicked, this, [this] { startMode(QuizMode::Review); });
    connect(m_mistakesButton, &QPushButton::clicked, this, [this] { startMode(QuizMode::Mistakes); });
    connect(diagnostic, &QPushButton::clicked, this, [this] { startDiagnostic(); });
    return scroll;
}

bool QuizPage::showQuestion(const QString &id)
{
    m_tabs->setCurrentWidget(m_browser);
    return m_browser->showQuestion(id);
}

void QuizPage::setClock(const quiz::Clock &clock)
{
    m_runner->setClock(clock);
}

QuizPage::View QuizPage::view() const
{
    if (m_tabs->currentWidget() == m_browser)
        return View::Browser;
    if (m_stack->currentWidget() == m_session)
        return View::Session;
    if (m_stack->currentWidget() == m_report)
        return View::Report;
    return View::Start;
}

QString QuizPage::startMessage() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

std::optional<QString> QuizPage::startSession(const QuizStartOptions &options)
{
    m_runner->close();
    m_tabs->setCurrentIndex(0);
    if (auto why = m_runner->start(options)) {
        m_stack->setCurrentWidget(m_start);
        refreshStart();
        m_message->setText(QStringLiteral("ℹ ") + *why);
        m_message->show();
        return why;
    }
    m_message->hide();
    m_stack->setCurrentWidget(m_session);
    m_session->begin();
    return std::nullopt;
}

std::optional<QString> QuizPage::startDiagnostic()
{
    QuizStartOptions options;
    options.mode = QuizMode::Mock;
    options.count = kDiagnosticQuestions;
    return startSession(options);
}

std::optional<QString> QuizPage::startMode(QuizMode mode)
{
    QuizStartOptions options;
    options.mode = mode;
    options.count = m_count->value();
    options.topic = m_topic->currentData().toString();
    if (mode == QuizMode::Mock)
        options.totalTimeMs = qint64(m_minutes->value()) * 60'000;
    return startSession(options);
}

void QuizPage::showStart()
{
    m_runner->close();
    m_stack->setCurrentWidget(m_start);
    m_message->hide();
    refreshStart();
}

void QuizPage::onFinished()
{
    m_report->setReport(m_runner->report(), m_runner->mode(), m_profiles->isOpen());
    m_stack->setCurrentWidget(m_report);
}

void QuizPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (view() == View::Start)
        refreshStart();
}

void QuizPage::refreshStart()
{
    m_header->refresh();
    quiz::ProgressStore &store = m_profiles->store();
    const quiz::ProfileHistory history
        = store.isOpen() ? quiz::ProfileHistory::load(store, m_profiles->currentId()) : quiz::ProfileHistory {};
    const qint64 now = m_runner->clock().nowMs();
    int due = 0;
    qint64 nextDue = 0;
    for (const quiz::FsrsCard &c : history.cards) {
        if (c.isNew())
            continue;
        if (c.dueMs <= now)
            ++due;
        else if (nextDue == 0 || c.dueMs < nextDue)
            nextDue = c.dueMs;
    }
    int mistakes = 0;
    for (auto it = history.lastWrong.cbegin(); it != history.lastWrong.cend(); ++it)
        mistakes += it.value() ? 1 : 0;
    const int unseen = int(QuizContent::bank().questions().size()) - int(history.cards.size());
    if (due > 0)
        m_reviewCount->setText(due == 1 ? tr("1 question due now") : tr("%1 questions due now").arg(due));
    else if (nextDue > 0)
        m_reviewCount->setText(
            tr("Nothing due now; next review %1. New questions fill the session (%2 unseen).")
                .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(nextDue), QLocale::ShortFormat))
                .arg(std::max(0, unseen)));
    else
        m_reviewCount->setText(
            tr("Nothing due yet: a review starts with new questions (%1 unseen).").arg(std::max(0, unseen)));
    m_mistakesCount->setText(mistakes > 0 ? mistakes == 1 ? tr("1 open mistake") : tr("%1 open mistakes").arg(mistakes)
                                          : tr("No open mistakes."));
    m_mistakesButton->setEnabled(mistakes > 0);
}

} // namespace kafkalab::app
