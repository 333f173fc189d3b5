#include "quizsessionwidget.h"

#include <algorithm>

#include <QAbstractButton>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "app/ui/pagewidgets.h"
#include "app/ui/predictquestionwidget.h"
#include "app/ui/quizanswerwidget.h"
#include "app/ui/quizcontent.h"
#include "app/ui/quizrunner.h"
#include "app/ui/theme.h"
#include "quiz/clock.h"
#include "quiz/quizsession.h"

namespace kafkalab::app {

using quiz::ItemStatus;
using quiz::QuestionType;
using quiz::QuizMode;
using quiz::Rating;

namespace {

constexpr int kTickMs = 250;
/** Below this a timer turns to the warning colour and gains a ⚠. */
constexpr qint64 kQuestionWarnMs = 15'000;
constexpr qint64 kTotalWarnMs = 60'000;

QString clockText(qint64 ms)
{
    const qint64 s = (std::max<qint64>(0, ms) + 999) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

/** "in 10 minutes", "in 3 hours", "in 4 days": when a card comes back. */
QString dueText(qint64 inMs)
{
    const qint64 minutes = std::max<qint64>(1, (inMs + 30'000) / 60'000);
    if (minutes < 90)
        return minutes == 1 ? QObject::tr("in a minute") : QObject::tr("in %1 minutes").arg(minutes);
    const qint64 hours = (minutes + 30) / 60;
    if (hours < 36)
        return QObject::tr("in %1 hours").arg(hours);
    const qint64 days = (hours + 12) / 24;
    return QObject::tr("in %1 days").arg(days);
}

QString modeTitle(QuizMode mode)
{
    switch (mode) {
    case QuizMode::Practice:
        return QObject::tr("Practice");
    case QuizMode::Mock:
        return QObject::tr("Mock interview");
    case QuizMode::Review:
        return QObject::tr("Review");
    case QuizMode::Mistakes:
        return QObject::tr("Mistakes");
    }
    return {};
}

QString ratingLabel(Rating rating)
{
    switch (rating) {
    case Rating::Again:
        return QObject::tr("Again");
    case Rating::Hard:
        return QObject::tr("Hard");
    case Rating::Good:
        return QObject::tr("Good");
    case Rating::Easy:
        return QObject::tr("Easy");
    }
    return {};
}

} // namespace

QuizSessionWidget::QuizSessionWidget(QuizRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("quizSession"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    // Header: where we are, and the clocks of a mock interview.
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    m_title = scaledLabel(QString(), this, 1.35, true, Wrap::No);
    m_title->setObjectName(QStringLiteral("sessionTitle"));
    m_meta = new QLabel(this);
    m_meta->setObjectName(QStringLiteral("sessionMeta"));
    m_meta->setWordWrap(true);
    titles->addWidget(m_title);
    titles->addWidget(m_meta);
    header->addLayout(titles, 1);
    auto *clocks = new QVBoxLayout;
    m_questionTime = scaledLabel(QString(), this, 1.25, true, Wrap::No);
    m_questionTime->setObjectName(QStringLiteral("questionTime"));
    m_questionTime->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_totalTime = scaledLabel(QString(), this, 1.0, true, Wrap::No);
    m_totalTime->setObjectName(QStringLiteral("totalTime"));
    m_totalTime->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    clocks->addWidget(m_questionTime);
    clocks->addWidget(m_totalTime);
    header->addLayout(clocks);
    layout->addLayout(header);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("sessionBanner"));
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->setAutoFillBackground(true);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setChildrenCollapsible(false);
    layout->addWidget(m_split, 1);

    // Left (mock interviews): the navigator.
    m_navBox = new QWidget(m_split);
    auto *navLayout = new QVBoxLayout(m_navBox);
    navLayout->setContentsMargins(0, 0, 0, 0);
    auto *navTitle = new QLabel(tr("&Questions"), m_navBox);
    QFont nf = navTitle->font();
    nf.setBold(true);
    navTitle->setFont(nf);
    m_navigator = new QListWidget(m_navBox);
    m_navigator->setObjectName(QStringLiteral("navigator"));
    m_navigator->setToolTip(tr("Jump to a question (Enter). ○ blank · ● answered · ■ locked · ⚑ flagged"));
    navTitle->setBuddy(m_navigator);
    navLayout->addWidget(navTitle);
    navLayout->addWidget(m_navigator, 1);
    auto *legend = new QLabel(tr("○ blank · ● answered\n■ locked · ⚑ flagged"), m_navBox);
    legend->setWordWrap(true);
    navLayout->addWidget(legend);
    m_navBox->setMinimumWidth(
        m_navigator->fontMetrics().horizontalAdvance(QStringLiteral("10.  ● answered ⚑  00:00")) + 36);

    // Centre: the question, the inputs, the feedback.
    // The question and, for predict questions, the simulation: side by side when they fit, else stacked.
    m_body = new QSplitter(Qt::Horizontal, m_split);
    m_body->setObjectName(QStringLiteral("questionSplit"));
    m_body->setChildrenCollapsible(false);
    m_scroll = new QScrollArea(m_body);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget(m_scroll);
    content->setObjectName(QStringLiteral("questionContent"));
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(4, 4, 12, 4);
    contentLayout->setSpacing(12);
    m_prompt = scaledLabel(QString(), content, 1.15, false);
    m_prompt->setObjectName(QStringLiteral("questionPrompt"));
    m_prompt->setTextFormat(Qt::MarkdownText);
    m_prompt->setTextInteractionFlags(Qt::TextSelectableByMouse);
    contentLayout->addWidget(m_prompt);
    m_lockedNote = new QLabel(content);
    m_lockedNote->setObjectName(QStringLiteral("lockedNote"));
    m_lockedNote->setWordWrap(true);
    m_lockedNote->hide();
    contentLayout->addWidget(m_lockedNote);
    m_answer = new QuizAnswerWidget(content);
    contentLayout->addWidget(m_answer);
    m_gradeRow = new QWidget(content);
    m_gradeRow->setObjectName(QStringLiteral("selfGrade"));
    auto *gradeLayout = new QVBoxLayout(m_gradeRow);
    gradeLayout->setContentsMargins(0, 0, 0, 0);
    m_gradeNote
        = new QLabel(tr("Compare your answer with the key points below. How well did you recall it?"), m_gradeRow);
    m_gradeNote->setWordWrap(true);
    gradeLayout->addWidget(m_gradeNote);
    auto *gradeButtons = new QHBoxLayout;
    for (const Rating r : {Rating::Again, Rating::Hard, Rating::Good, Rating::Easy}) {
        const int n = static_cast<int>(r);
        auto *b = new QPushButton(QStringLiteral("%1  %2").arg(n).arg(ratingLabel(r)), m_gradeRow);
        b->setObjectName(QStringLiteral("grade") + ratingLabel(r));
        b->setCheckable(true);
        b->setToolTip(tr("Press %1").arg(n));
        b->setMinimumHeight(b->fontMetrics().height() * 2);
        gradeButtons->addWidget(b);
        connect(b, &QPushButton::clicked, this, [this, r] { selfGrade(r); });
        m_gradeButtons.append(b);
    }
    gradeLayout->addLayout(gradeButtons);
    m_gradeRow->hide();
    contentLayout->addWidget(m_gradeRow);
    m_feedback = new QLabel(content);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_feedback->setTextFormat(Qt::MarkdownText);
    m_feedback->setWordWrap(true);
    m_feedback->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_feedback->setMargin(10);
    m_feedback->setAutoFillBackground(true);
    m_feedback->setBackgroundRole(QPalette::Base);
    m_feedback->hide();
    contentLayout->addWidget(m_feedback);
    contentLayout->addStretch(1);
    m_scroll->setWidget(content);

    // Right (predict questions): the simulation.
    m_predict = new PredictQuestionWidget(m_body);
    m_predict->hide();
    m_body->addWidget(m_scroll);
    m_body->addWidget(m_predict);
    m_body->setStretchFactor(0, 9);
    m_body->setStretchFactor(1, 11);

    m_split->addWidget(m_navBox);
    m_split->addWidget(m_body);
    m_split->setStretchFactor(0, 0);
    m_split->setStretchFactor(1, 1);

    // Footer: moving, flagging, answering, ending.
    auto *buttons = new QHBoxLayout;
    m_prev = new QPushButton(tr("◀ Previous"), this);
    m_prev->setObjectName(QStringLiteral("previousQuestion"));
    m_prev->setToolTip(tr("Alt+←"));
    m_next = new QPushButton(tr("Next ▶"), this);
    m_next->setObjectName(QStringLiteral("nextQuestion"));
    m_next->setToolTip(tr("Alt+→"));
    m_flag = new QPushButton(this);
    m_flag->setObjectName(QStringLiteral("flagQuestion"));
    m_flag->setCheckable(true);
    m_flag->setToolTip(tr("Mark this question to come back to it (Ctrl+F)"));
    m_skip = new QPushButton(tr("Skip"), this);
    m_skip->setObjectName(QStringLiteral("skipQuestion"));
    m_skip->setToolTip(tr("Move on without recording an answer"));
    m_primary = new QPushButton(this);
    m_primary->setObjectName(QStringLiteral("primaryAction"));
    QFont pf = m_primary->font();
    pf.setBold(true);
    m_primary->setFont(pf);
    m_end = new QPushButton(this);
    m_end->setObjectName(QStringLiteral("endSession"));
    for (QPushButton *b : {m_prev, m_next, m_flag, m_skip, m_primary, m_end})
        b->setMinimumHeight(b->fontMetrics().height() * 2);
    buttons->addWidget(m_prev);
    buttons->addWidget(m_next);
    buttons->addWidget(m_flag);
    buttons->addStretch(1);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_primary);
    buttons->addSpacing(16);
    buttons->addWidget(m_end);
    layout->addLayout(buttons);

    connect(m_prev, &QPushButton::clicked, m_runner, &QuizRunner::previous);
    connect(m_next, &QPushButton::clicked, m_runner, &QuizRunner::next);
    connect(m_flag, &QPushButton::clicked, m_runner, &QuizRunner::toggleFlag);
    connect(m_skip, &QPushButton::clicked, this, &QuizSessionWidget::skip);
    connect(m_primary, &QPushButton::clicked, this, &QuizSessionWidget::primaryAction);
    connect(m_end, &QPushButton::clicked, this, [this] {
        if (isMock())
            handIn(true);
        else
            endSession();
    });
    connect(m_navigator, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { m_runner->goTo(m_navigator->row(item)); });
    connect(m_navigator, &QListWidget::itemClicked, this,
        [this](QListWidgetItem *item) { m_runner->goTo(m_navigator->row(item)); });
    connect(m_answer, &QuizAnswerWidget::answerChanged, this, &QuizSessionWidget::onAnswerChanged);
    connect(m_answer, &QuizAnswerWidget::submitRequested, this, &QuizSessionWidget::primaryAction);
    connect(m_feedback, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QStringLiteral("lesson:")))
            Q_EMIT lessonRequested(link.mid(7));
    });
    connect(m_runner, &QuizRunner::changed, this, &QuizSessionWidget::onChanged);
    connect(m_runner, &QuizRunner::timedOut, this, &QuizSessionWidget::onTimedOut);
    connect(m_runner, &QuizRunner::recordFailed, this, [this](const QString &message) {
        showBanner(
            tr("Your answer could not be saved yet: %1. It is kept and saved with the next one.").arg(message), true);
    });
    connect(m_runner, &QuizRunner::finished, m_ticker, &QTimer::stop);
    m_ticker->setInterval(kTickMs);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        m_runner->tick();
        updateTimers();
        updateNavigator();
    });

    const auto shortcut = [this](const QKeySequence &key, auto &&slot) {
        auto *s = new QShortcut(key, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter})
        shortcut(QKeySequence(key), [this] { primaryAction(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { primaryAction(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), [this] { primaryAction(); });
    for (int d = 1; d <= 9; ++d)
        shortcut(QKeySequence(static_cast<Qt::Key>(Qt::Key_0 + d)), [this, d] { onDigit(d); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Left), [this] {
        if (isMock())
            m_runner->previous();
    });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Right), [this] {
        if (isMock())
            m_runner->next();
    });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_F), [this] {
        if (isMock())
            m_runner->toggleFlag();
    });
    // Space presses the focused button here (the window's Space is the simulation's play/pause).
    for (QAbstractButton *b : findChildren<QAbstractButton *>())
        b->installEventFilter(this);
    m_navigator->installEventFilter(this);
}

QuizSessionWidget::~QuizSessionWidget() = default;

bool QuizSessionWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        // Space presses the focused button; Enter in the navigator jumps to its question.
        if (key == Qt::Key_Space || (watched == m_navigator && (key == Qt::Key_Return || key == Qt::Key_Enter))) {
            event->accept();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QuizSessionWidget::arrangeBody()
{
    if (m_predict->isHidden())
        return;
    // Side by side needs room for a readable question (about 40 characters) next to the views;
    // large presenter fonts stack them instead, the question above the simulation.
    const int questionWidth = fontMetrics().horizontalAdvance(QString(40, u'n'));
    const int needed = questionWidth + m_predict->minimumSizeHint().width() + m_body->handleWidth();
    const Qt::Orientation orientation = m_body->width() >= needed ? Qt::Horizontal : Qt::Vertical;
    if (m_body->orientation() != orientation)
        m_body->setOrientation(orientation);
    if (orientation == Qt::Horizontal) {
        m_body->setSizes({m_body->width() * 9 / 20, m_body->width() * 11 / 20});
        return;
    }
    // Stacked: the question gets what it needs (within reason), the simulation the rest.
    const int total = m_body->height();
    const int wanted = m_scroll->widget()->sizeHint().height() + 8;
    const int question = std::clamp(wanted, total * 9 / 20, total * 3 / 5);
    m_body->setSizes({question, total - question});
}

void QuizSessionWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeBody();
}

bool QuizSessionWidget::isMock() const
{
    return m_runner->hasSession() && m_runner->session()->mode() == QuizMode::Mock;
}

void QuizSessionWidget::begin()
{
    m_shownIndex = -1;
    m_banner->hide();
    if (!m_runner->hasSession())
        return;
    const bool mock = isMock();
    m_navBox->setVisible(mock);
    if (mock) {
        m_navigator->clear();
        for (int i = 0; i < m_runner->session()->size(); ++i)
            new QListWidgetItem(m_navigator);
        showBanner(tr("Answers are saved as you go and can be changed until you hand in. Each question has its own "
                      "time; when it runs out the answer is submitted as it stands."),
            false);
    }
    showItem(m_runner->session()->currentIndex());
    if (mock)
        m_split->setSizes({m_navBox->minimumWidth(), width() - m_navBox->minimumWidth()});
    updateChrome();
    m_ticker->start();
}

void QuizSessionWidget::showBanner(const QString &text, bool warning)
{
    QPalette pal = m_banner->palette();
    const QColor background = warning ? Theme::outOfSync(palette()) : Theme::card(palette());
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, warning ? Theme::textOn(background) : palette().color(QPalette::WindowText));
    m_banner->setPalette(pal);
    m_banner->setText(warning ? QStringLiteral("⚠ ") + text : text);
    m_banner->setVisible(!text.isEmpty());
}

QString QuizSessionWidget::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

QString QuizSessionWidget::feedbackText() const
{
    return m_feedback->isVisible() ? m_feedback->text() : QString();
}

QString QuizSessionWidget::questionTimeText() const
{
    return m_questionTime->isVisible() ? m_questionTime->text() : QString();
}

QString QuizSessionWidget::totalTimeText() const
{
    return m_totalTime->isVisible() ? m_totalTime->text() : QString();
}

void QuizSessionWidget::onChanged()
{
    if (!m_runner->hasSession())
        return;
    const quiz::QuizSession *s = m_runner->session();
    if (s->isFinished()) {
        m_ticker->stop();
        return;
    }
    if (s->currentIndex() != m_shownIndex)
        showItem(s->currentIndex());
    updateChrome();
}

void QuizSessionWidget::onTimedOut(const QList<int> &indices, bool sessionOver)
{
    if (sessionOver) {
        showBanner(tr("Time is up: every open question was submitted."), true);
        return;
    }
    QStringList numbers;
    for (int i : indices)
        numbers.append(QString::number(i + 1));
    showBanner(
        tr("Time ran out for question %1; it was submitted as it stood.").arg(numbers.join(QStringLiteral(", "))),
        true);
}

void QuizSessionWidget::showItem(int index)
{
    const quiz::QuizSession *s = m_runner->session();
    m_shownIndex = index;
    const quiz::SessionItem &item = s->item(index);
    const quiz::Question &q = item.question;
    m_prompt->setText(q.prompt);
    m_answer->setItem(item);
    m_feedback->hide();
    m_feedback->clear();
    for (QPushButton *b : std::as_const(m_gradeButtons))
        b->setChecked(false);
    const bool mock = isMock();
    if (mock) {
        if (item.submitted && item.submittedAnswer)
            m_answer->setAnswer(*item.submittedAnswer);
        else if (item.draft)
            m_answer->setAnswer(*item.draft);
    }
    m_answer->setLocked(item.submitted);
    m_lockedNote->setVisible(item.submitted);
    if (item.submitted)
        m_lockedNote->setText(item.timedOut ? tr("■ Time ran out for this question: it was submitted as it stood.")
                                            : tr("■ This answer is submitted."));
    if (q.type == QuestionType::Predict) {
        m_predict->show();
        m_predict->load(q);
        arrangeBody();
    } else {
        m_predict->hide();
    }
    for (QAbstractButton *b : m_answer->findChildren<QAbstractButton *>())
        b->installEventFilter(this);
    setStage(Stage::Answering);
    if (mock && q.type == QuestionType::Recall && item.draft && item.draft->selfRating) {
        // A recall already graded in this interview: show the grade so it can be changed.
        showKeyPoints();
        m_gradeButtons.at(static_cast<int>(*item.draft->selfRating) - 1)->setChecked(true);
    }
    m_scroll->verticalScrollBar()->setValue(0);
    if (!item.submitted)
        m_answer->focusInput();
}

void QuizSessionWidget::setStage(Stage stage)
{
    m_stage = stage;
    m_gradeRow->setVisible(stage == Stage::SelfGrading);
    updateChrome();
}

void QuizSessionWidget::updateChrome()
{
    if (!m_runner->hasSession() || m_shownIndex < 0)
        return;
    const quiz::QuizSession *s = m_runner->session();
    const quiz::SessionItem &item = s->item(m_shownIndex);
    const quiz::Question &q = item.question;
    const bool mock = isMock();
    m_title->setText(tr("%1 · question %2 of %3").arg(modeTitle(s->mode())).arg(m_shownIndex + 1).arg(s->size()));
    QString meta = tr("%1 · difficulty %2 of 3 · %3").arg(q.topic).arg(q.difficulty).arg(QuizContent::typeLabel(q));
    if (item.flagged)
        meta += tr("  ·  ⚑ flagged for review");
    m_meta->setText(meta);

    m_prev->setVisible(mock);
    m_next->setVisible(mock);
    m_flag->setVisible(mock);
    m_skip->setVisible(!mock && m_stage == Stage::Answering);
    m_end->setText(mock ? tr("Hand in…") : tr("End session"));
    if (mock) {
        m_prev->setEnabled(m_shownIndex > 0);
        m_next->setEnabled(m_shownIndex + 1 < s->size());
        m_flag->setChecked(item.flagged);
        m_flag->setText(item.flagged ? tr("⚑ Flagged (Ctrl+F)") : tr("⚑ Flag for review (Ctrl+F)"));
    }
    const bool recall = q.type == QuestionType::Recall;
    switch (m_stage) {
    case Stage::Answering:
        if (recall)
            m_primary->setText(tr("Show the key points (Ctrl+Enter)"));
        else
            m_primary->setText(mock ? tr("Save and next (Enter)") : tr("Submit (Enter)"));
        m_primary->setEnabled(!item.submitted && (recall || mock || m_answer->isComplete()));
        break;
    case Stage::SelfGrading:
        m_primary->setText(mock ? tr("Save and next (Enter)") : tr("Grade yourself: 1–4"));
        m_primary->setEnabled(mock && !item.submitted);
        break;
    case Stage::Feedback:
        m_primary->setText(m_shownIndex + 1 < s->size() ? tr("Next question (Enter)") : tr("See the summary (Enter)"));
        m_primary->setEnabled(true);
        break;
    }
    updateNavigator();
    updateTimers();
}

void QuizSessionWidget::updateTimers()
{
    if (!m_runner->hasSession())
        return;
    const quiz::QuizSession *s = m_runner->session();
    const qint64 question = s->isFinished() ? -1 : s->remainingQuestionMs();
    const qint64 total = s->isFinished() ? -1 : s->remainingTotalMs();
    const auto style = [this](QLabel *label, const QString &text, bool warn) {
        QPalette pal = label->palette();
        pal.setColor(QPalette::WindowText, warn ? Theme::danger(palette()) : palette().color(QPalette::WindowText));
        label->setPalette(pal);
        label->setText(warn ? QStringLiteral("⚠ ") + text : text);
    };
    m_questionTime->setVisible(question >= 0);
    if (question >= 0)
        style(m_questionTime, tr("This question: %1 left").arg(clockText(question)), question < kQuestionWarnMs);
    m_totalTime->setVisible(total >= 0);
    if (total >= 0)
        style(m_totalTime, tr("Whole interview: %1 left").arg(clockText(total)), total < kTotalWarnMs);
}

void QuizSessionWidget::updateNavigator()
{
    if (!isMock() || m_updatingNavigator)
        return;
    m_updatingNavigator = true;
    const QList<quiz::NavigatorEntry> entries = m_runner->session()->navigator();
    for (const quiz::NavigatorEntry &e : entries) {
        QListWidgetItem *item = m_navigator->item(e.index);
        if (item == nullptr)
            continue;
        const quiz::SessionItem &it = m_runner->session()->item(e.index);
        const bool blankDraft = it.draft && it.draft->isEmpty();
        QString status;
        switch (e.status) {
        case ItemStatus::Unanswered:
            status = tr("○ blank");
            break;
        case ItemStatus::Draft:
            status = blankDraft ? tr("○ blank") : tr("● answered");
            break;
        case ItemStatus::Submitted:
            status = tr("■ locked");
            break;
        }
        const QString text = QStringLiteral("%1.  %2%3  %4")
                                 .arg(e.index + 1)
                                 .arg(status, e.flagged ? QStringLiteral(" ⚑") : QString(), clockText(e.spentMs));
        if (item->text() != text)
            item->setText(text);
        item->setToolTip(it.question.topic);
        QFont f = m_navigator->font();
        f.setBold(e.current);
        item->setFont(f);
    }
    if (m_navigator->currentRow() != m_shownIndex)
        m_navigator->setCurrentRow(m_shownIndex);
    m_updatingNavigator = false;
}

void QuizSessionWidget::onAnswerChanged()
{
    if (!m_runner->isRunning())
        return;
    if (isMock()) {
        const quiz::SessionItem &item = m_runner->session()->current();
        if (item.submitted)
            return;
        quiz::Answer a = m_answer->answer();
        if (item.question.type == QuestionType::Recall && item.draft)
            a.selfRating = item.draft->selfRating;
        m_runner->saveDraft(a);
    }
    updateChrome();
}

void QuizSessionWidget::onDigit(int digit)
{
    if (!m_runner->isRunning())
        return;
    if (m_stage == Stage::SelfGrading) {
        if (digit >= 1 && digit <= 4)
            selfGrade(static_cast<Rating>(digit));
        return;
    }
    if (m_stage == Stage::Answering)
        m_answer->activatePosition(digit - 1);
}

void QuizSessionWidget::showKeyPoints()
{
    const quiz::Question &q = m_runner->session()->item(m_shownIndex).question;
    QString md = tr("#### Model answer\n\n%1\n\n#### Key points\n\n").arg(q.modelAnswer);
    for (const QString &k : q.keyPoints)
        md += QStringLiteral("- %1\n").arg(k);
    m_feedback->setText(md);
    m_feedback->show();
    setStage(Stage::SelfGrading);
    m_gradeButtons.at(2)->setFocus();
}

void QuizSessionWidget::primaryAction()
{
    if (!m_runner->isRunning() || m_shownIndex < 0)
        return;
    const quiz::SessionItem &item = m_runner->session()->item(m_shownIndex);
    const bool recall = item.question.type == QuestionType::Recall;
    if (isMock()) {
        if (item.submitted) {
            m_runner->next();
            return;
        }
        if (recall && m_stage == Stage::Answering) {
            showKeyPoints();
            return;
        }
        saveAndNext();
        return;
    }
    switch (m_stage) {
    case Stage::Answering:
        if (recall)
            showKeyPoints();
        else if (m_answer->isComplete())
            submitGraded(std::nullopt);
        break;
    case Stage::SelfGrading:
        break;
    case Stage::Feedback:
        m_runner->next();
        break;
    }
}

void QuizSessionWidget::saveAndNext()
{
    const quiz::QuizSession *s = m_runner->session();
    const quiz::SessionItem &item = s->current();
    if (!item.submitted && (item.question.type != QuestionType::Order || m_answer->isTouched())) {
        quiz::Answer a = m_answer->answer();
        if (item.question.type == QuestionType::Recall && item.draft)
            a.selfRating = item.draft->selfRating;
        m_runner->saveDraft(a);
    }
    // On to the next question still blank, as the terminal quiz does; else the one after.
    const int n = s->size();
    for (int k = 1; k < n; ++k) {
        const int i = (s->currentIndex() + k) % n;
        const quiz::SessionItem &other = s->item(i);
        if (!other.submitted && (!other.draft || other.draft->isEmpty())) {
            m_runner->goTo(i);
            return;
        }
    }
    showBanner(tr("Every question has an answer. Check the flagged ones, then hand in when you are ready."), false);
    if (s->currentIndex() + 1 < n)
        m_runner->next();
    m_end->setFocus();
}

void QuizSessionWidget::selfGrade(Rating rating)
{
    if (!m_runner->isRunning() || m_stage != Stage::SelfGrading)
        return;
    for (int i = 0; i < m_gradeButtons.size(); ++i)
        m_gradeButtons.at(i)->setChecked(i == static_cast<int>(rating) - 1);
    if (isMock()) {
        quiz::Answer a = m_answer->answer();
        a.selfRating = rating;
        m_runner->saveDraft(a);
        m_gradeNote->setText(tr("Your grade: %1. You can change it until you hand in.").arg(ratingLabel(rating)));
        return;
    }
    submitGraded(rating);
}

void QuizSessionWidget::submitGraded(std::optional<Rating> rating)
{
    quiz::Answer a = m_answer->answer();
    a.selfRating = rating;
    const auto submission = m_runner->submit(a);
    if (!submission) {
        showBanner(submission.error(), true);
        return;
    }
    m_answer->setLocked(true);
    m_answer->showGrade(submission->grade, true);
    m_feedback->setText(feedbackMarkdown(&submission->grade, submission->cardAfter.dueMs));
    m_feedback->show();
    if (m_runner->session()->item(m_shownIndex).question.type == QuestionType::Predict)
        m_predict->reveal();
    setStage(Stage::Feedback);
    m_primary->setFocus();
}

QString QuizSessionWidget::feedbackMarkdown(const quiz::Grade *grade, std::optional<qint64> nextDueMs) const
{
    const quiz::Question &q = m_runner->session()->item(m_shownIndex).question;
    QString md;
    if (grade != nullptr) {
        if (q.type == QuestionType::Recall)
            md += tr("**You rated your recall: %1.**\n\n").arg(ratingLabel(grade->rating));
        else
            md += grade->correct ? tr("### ✔ Correct\n\n") : tr("### ✘ Not quite\n\n");
        if (!grade->expected.isEmpty()) {
            switch (q.type) {
            case QuestionType::Order:
                md += tr("**The right order:** %1\n\n").arg(grade->expected);
                break;
            case QuestionType::Fill:
                md += tr("**Accepted answers:** %1\n\n").arg(grade->expected);
                break;
            case QuestionType::Predict:
                md += tr("**The simulator's answer:** %1\n\n").arg(grade->expected);
                break;
            default:
                break;
            }
        }
    }
    md += tr("#### Model answer\n\n%1\n\n").arg(q.modelAnswer);
    if (!q.keyPoints.isEmpty()) {
        md += tr("#### Key points\n\n");
        for (const QString &k : q.keyPoints)
            md += QStringLiteral("- %1\n").arg(k);
        md += u'\n';
    }
    if (!q.pitfall.isEmpty())
        md += tr("#### Pitfall\n\n%1\n\n").arg(q.pitfall);
    if (!q.followUps.isEmpty()) {
        md += tr("#### An interviewer might ask next\n\n");
        for (const QString &f : q.followUps)
            md += QStringLiteral("- %1\n").arg(f);
        md += u'\n';
    }
    if (!q.versionNote.isEmpty())
        md += tr("> **Kafka %1:** %2\n\n").arg(q.kafkaVersion, q.versionNote);
    if (nextDueMs && *nextDueMs > 0)
        md += tr("Next review of this question: %1\n\n").arg(dueText(*nextDueMs - m_runner->clock().nowMs()));
    if (!q.lesson.isEmpty())
        md += tr("[▶ Open the lesson: %1](lesson:%2)\n").arg(QuizContent::lessonTitle(q.lesson), q.lesson);
    return md;
}

void QuizSessionWidget::handIn(bool confirm)
{
    if (!m_runner->isRunning())
        return;
    if (confirm) {
        const int blank = m_runner->session()->blankCount();
        if (blank > 0
            && QMessageBox::question(this, tr("Hand in"),
                   (blank == 1 ? tr("1 question is still blank and will count as wrong.")
                               : tr("%1 questions are still blank and will count as wrong.").arg(blank))
                       + u' ' + tr("Hand in anyway?"))
                != QMessageBox::Yes)
            return;
    }
    m_runner->finish();
}

void QuizSessionWidget::skip()
{
    if (m_runner->isRunning() && !isMock() && m_stage == Stage::Answering)
        m_runner->next();
}

void QuizSessionWidget::endSession()
{
    if (m_runner->isRunning())
        m_runner->finish();
}

} // namespace kafkalab::app
