#include "homepage.h"

#include <array>
#include <optional>
#include <utility>

#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "app/ui/pagewidgets.h"
#include "app/ui/profilemanager.h"
#include "app/ui/lessonspage.h"
#include "app/ui/quizcontent.h"
#include "quiz/progressstats.h"
#include "quiz/progressstore.h"

namespace kafkalab::app {
namespace {

const QString kLastLessonKey = QStringLiteral("lessons/last");

QPushButton *bigButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    QFont f = button->font();
    f.setPointSizeF(f.pointSizeF() * 1.1);
    button->setFont(f);
    button->setMinimumHeight(QFontMetrics(f).height() * 2);
    return button;
}

} // namespace

HomePage::HomePage(ProfileManager *profiles, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
{
    setObjectName(QStringLiteral("homePage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(32, 28, 32, 28);
    outer->setSpacing(18);
    auto *column = new QWidget(this);
    column->setMaximumWidth(980);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(18);

    // What this is, in two sentences, and the keys.
    QFrame *intro = card(column);
    intro->setObjectName(QStringLiteral("infoCard"));
    auto *introLayout = new QVBoxLayout(intro);
    introLayout->setContentsMargins(28, 22, 28, 22);
    introLayout->setSpacing(10);
    introLayout->addWidget(scaledLabel(tr("Kafka Lab"), intro, 1.9, true, Wrap::No));
    // Plain text throughout: a rich-text label lays out a whole document for every size a layout
    // asks about, which made this card the costliest part of start-up.
    QLabel *text = scaledLabel(tr("Learn Apache Kafka with a live, deterministic mini broker: brokers, replication and "
                                  "the ISR, producers, consumer groups and transactions, all running in simulated "
                                  "time inside this window. Lessons stop so you can predict what happens next; the "
                                  "Playground is a free cluster to break; the Quiz prepares you for the interview."),
        intro, 1.1, false);
    text->setTextFormat(Qt::PlainText);
    introLayout->addWidget(text);
    // The keys, two to a row: the key in bold, what it does beside it.
    auto *keys = new QGridLayout;
    keys->setHorizontalSpacing(12);
    keys->setVerticalSpacing(4);
    const std::array<std::pair<QString, QString>, 6> keyHelp {{
        {tr("Ctrl+1…7"), tr("pages")},
        {tr("Space"), tr("play / pause (Continue in a lesson)")},
        {tr("→  /  ←"), tr("one event forward / back")},
        {tr("Ctrl+←  /  Ctrl+→"), tr("time travel")},
        {tr("+  /  −"), tr("faster / slower")},
        {tr("F11"), tr("presenter mode")},
    }};
    for (std::size_t i = 0; i < keyHelp.size(); ++i) {
        const int row = static_cast<int>(i / 2);
        const int keyColumn = static_cast<int>(i % 2) * 2;
        keys->addWidget(scaledLabel(keyHelp[i].first, intro, 1.0, true, Wrap::No), row, keyColumn);
        keys->addWidget(scaledLabel(keyHelp[i].second, intro, 1.0, false, Wrap::No), row, keyColumn + 1);
    }
    keys->setColumnStretch(1, 1);
    keys->setColumnStretch(3, 1);
    introLayout->addSpacing(4);
    introLayout->addLayout(keys);
    layout->addWidget(intro);

    // The learner's state: three tiles, each with the one action it suggests.
    auto *tiles = new QHBoxLayout;
    tiles->setSpacing(14);
    const auto tile = [&](const QString &title, QLabel *&value, QLabel *&detail) {
        QFrame *frame = card(column);
        auto *l = new QVBoxLayout(frame);
        l->setContentsMargins(20, 16, 20, 16);
        l->addWidget(scaledLabel(title, frame, 1.0, true));
        value = scaledLabel(QString(), frame, 2.2, true);
        l->addWidget(value);
        detail = scaledLabel(QString(), frame, 1.0, false);
        l->addWidget(detail, 1);
        tiles->addWidget(frame, 1);
        return l;
    };
    QLabel *lessonDetail = nullptr;
    QVBoxLayout *dueTile = tile(tr("Reviews due today"), m_dueValue, m_dueText);
    m_review = bigButton(tr("Start review"), QStringLiteral("homeReview"), column);
    dueTile->addWidget(m_review);
    QVBoxLayout *streakTile = tile(tr("Study streak"), m_streakValue, m_streakText);
    QPushButton *diagnostic = bigButton(tr("Take the diagnostic"), QStringLiteral("homeDiagnostic"), column);
    diagnostic->setToolTip(tr("A 10-question mock interview across the topics, to see where you stand"));
    streakTile->addWidget(diagnostic);
    QVBoxLayout *lessonTile = tile(tr("Continue where you left off"), m_lessonValue, lessonDetail);
    lessonDetail->setText(tr("Narrated, step by step, with checks."));
    m_lessonValue->setFont(font()); // a title, not a number
    {
        QFont f = m_lessonValue->font();
        f.setPointSizeF(f.pointSizeF() * 1.2);
        f.setBold(true);
        m_lessonValue->setFont(f);
    }
    m_continue = bigButton(tr("Continue the lesson"), QStringLiteral("homeContinue"), column);
    lessonTile->addWidget(m_continue);
    layout->addLayout(tiles);

    QPushButton *playground = bigButton(tr("Open the playground"), QStringLiteral("homePlayground"), column);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(playground);
    layout->addLayout(row);

    auto *centre = new QHBoxLayout;
    centre->addStretch(1);
    centre->addWidget(column, 20);
    centre->addStretch(1);
    outer->addLayout(centre);
    outer->addStretch(1);

    connect(m_review, &QPushButton::clicked, this, &HomePage::reviewRequested);
    connect(diagnostic, &QPushButton::clicked, this, &HomePage::diagnosticRequested);
    connect(playground, &QPushButton::clicked, this, &HomePage::playgroundRequested);
    connect(m_continue, &QPushButton::clicked, this, [this] { Q_EMIT lessonRequested(m_continueLesson); });
    if (m_profiles != nullptr) {
        connect(m_profiles, &ProfileManager::attemptsChanged, this, &HomePage::refresh);
        connect(m_profiles, &ProfileManager::profileChanged, this, &HomePage::refresh);
    }
    // Filled before the first layout: text set later (on show) would lay the page out twice.
    refresh();
}

HomePage::~HomePage() = default;

void HomePage::rememberLesson(const QString &id)
{
    QSettings().setValue(kLastLessonKey, id);
}

void HomePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Answers and profile switches refresh the page as they happen; coming back to it also
    // catches a new day and the lesson opened last. The first show follows the constructor's.
    if (m_shownBefore)
        refresh();
    m_shownBefore = true;
}

void HomePage::refresh()
{
    m_due = 0;
    m_streak = 0;
    int longest = 0;
    qint64 answers = 0;
    const bool open = m_profiles != nullptr && m_profiles->isOpen();
    if (open) {
        quiz::StatsOptions options = quiz::StatsOptions::forNow(QDateTime::currentMSecsSinceEpoch());
        options.forecastDays = 1;
        options.heatMapDays = 1;
        const quiz::ProgressStatistics stats
            = quiz::ProgressStats::compute(m_profiles->store(), m_profiles->currentId(), options);
        if (!stats.forecast.isEmpty())
            m_due = stats.forecast.front().due; // today, overdue cards included
        m_streak = stats.currentStreak;
        longest = stats.longestStreak;
        answers = stats.totalAttempts;
    }
    m_dueValue->setText(QString::number(m_due));
    m_review->setEnabled(m_due > 0);
    if (!open)
        m_dueText->setText(
            tr("The progress database is not available: %1").arg(m_profiles ? m_profiles->problem() : QString()));
    else if (answers == 0)
        m_dueText->setText(tr("Nothing yet: questions you answer come back here when they are due (FSRS-6)."));
    else
        m_dueText->setText(m_due > 0
                ? tr("Spaced repetition brings each question back just before you would forget it.")
                : tr("All caught up. New reviews appear as questions come due."));
    const auto days = [](int n) { return n == 1 ? tr("1 day") : tr("%1 days").arg(n); };
    m_streakValue->setText(days(m_streak));
    m_streakText->setText(answers == 0 ? tr("Answer a question today to start one.")
                                       : tr("Longest: %1 · %2 answers in all").arg(days(longest)).arg(answers));

    const QString last = QSettings().value(kLastLessonKey).toString();
    // Only the lesson to continue is read: the others' files are not needed to start.
    const std::optional<QString> lastTitle = last.isEmpty() ? std::nullopt : LessonsPage::builtInLessonTitle(last);
    m_continue->setText(lastTitle ? tr("Continue the lesson") : tr("Start the first lesson"));
    if (lastTitle) {
        showContinueLesson(last, *lastTitle);
    } else {
        // The first lesson comes from the question bank, which may still be loading at start-up.
        m_continue->setEnabled(false);
        QuizContent::whenBankReady(this, [this] {
            const QString first = QuizContent::firstLesson();
            showContinueLesson(first, QuizContent::lessonTitle(first));
        });
    }
}

void HomePage::showContinueLesson(const QString &lessonId, const QString &title)
{
    m_continueLesson = lessonId;
    m_lessonValue->setText(title);
    m_continue->setEnabled(!lessonId.isEmpty());
}

} // namespace kafkalab::app
