#include "progresspage.h"

#include <algorithm>
#include <cmath>

#include <QKeyEvent>
#include <QApplication>
#include <QAbstractButton>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "app/ui/pagewidgets.h"
#include "app/ui/profilepageheader.h"
#include "app/ui/profilemanager.h"
#include "app/ui/quizchart.h"
#include "app/ui/quizcontent.h"
#include "app/ui/theme.h"
#include "quiz/clock.h"
#include "quiz/progressstats.h"
#include "quiz/questionbank.h"
#include "quiz/questionselector.h"

namespace kafkalab::app {

using quiz::QuizMode;

namespace {

constexpr double kDaySeconds = 86400.0;
constexpr int kSlowestQuestions = 10;
constexpr int kRecommendations = 3;

QString percent(double v)
{
    return QString::number(qRound(v * 100)) + QStringLiteral(" %");
}

QString seconds(qint64 ms)
{
    const double s = double(ms) / 1000.0;
    return s < 10 ? QObject::tr("%1 s").arg(s, 0, 'f', 1) : QObject::tr("%1 s").arg(qRound(s));
}

double dayKey(const QDate &day)
{
    return QCPAxisTickerDateTime::dateTimeToKey(day.startOfDay());
}

QCPItemText *label(QuizChart *chart, double key, double value, const QString &text, Qt::Alignment alignment,
    QCPAxis *keyAxis, QCPAxis *valueAxis)
{
    auto *t = new QCPItemText(chart);
    t->position->setAxes(keyAxis, valueAxis);
    t->position->setType(QCPItemPosition::ptPlotCoords);
    // Key and value along the given axes, whichever way they point.
    t->position->setCoords(key, value);
    t->setPositionAlignment(alignment);
    t->setText(text);
    t->setClipToAxisRect(false);
    return t;
}

/** "1 day", "3 days": a count with its noun (no plural forms are loaded for English). */
QString counted(int n, const QString &one = QObject::tr("day"), const QString &many = QObject::tr("days"))
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

QString shortId(const QString &id)
{
    constexpr int kMax = 30;
    return id.size() <= kMax ? id : id.left(kMax - 1) + u'…';
}

} // namespace

ProgressPage::ProgressPage(ProfileManager *profiles, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_clock(&quiz::Clock::system())
    , m_stats(std::make_unique<quiz::ProgressStatistics>())
{
    setObjectName(QStringLiteral("progressPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(16, 10, 16, 0);
    m_header = new ProfilePageHeader(tr("Progress"), m_profiles, QStringLiteral("progress"), this);
    outer->addWidget(m_header);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 4, 8, 16);
    layout->setSpacing(14);

    // Before the first answer: where to begin, instead of empty axes.
    auto *emptyCard = card(content);
    emptyCard->setObjectName(QStringLiteral("progressEmpty"));
    m_empty = emptyCard;
    auto *emptyLayout = new QVBoxLayout(emptyCard);
    emptyLayout->setContentsMargins(28, 24, 28, 24);
    emptyLayout->setSpacing(12);
    emptyLayout->addWidget(scaledLabel(tr("No answers yet — your charts start here"), emptyCard, 1.35, true));
    auto *emptyText = new QLabel(
        tr("Every answer you give in the Quiz page is recorded for this profile. After the first few, this page shows "
           "your accuracy day by day, how well you know each topic, when your reviews fall due, your retention, "
           "the questions that take you longest and a year of activity, with what to study next."),
        emptyCard);
    emptyText->setWordWrap(true);
    emptyLayout->addWidget(emptyText);
    auto *emptyButtons = new QVBoxLayout;
    auto *diagnostic = new QPushButton(tr("Take the diagnostic mock interview"), emptyCard);
    diagnostic->setObjectName(QStringLiteral("progressDiagnostic"));
    QFont primary = diagnostic->font();
    primary.setBold(true);
    diagnostic->setFont(primary);
    const QString first = QuizContent::firstLesson();
    auto *lesson = new QPushButton(tr("Start the first lesson: %1").arg(QuizContent::lessonTitle(first)), emptyCard);
    lesson->setObjectName(QStringLiteral("progressFirstLesson"));
    lesson->setVisible(!first.isEmpty());
    auto *practice = new QPushButton(tr("Practise a few questions"), emptyCard);
    practice->setObjectName(QStringLiteral("progressPractice"));
    for (QPushButton *b : {diagnostic, lesson, practice}) {
        b->setMinimumHeight(b->fontMetrics().height() * 2);
        emptyButtons->addWidget(b, 0, Qt::AlignLeft);
    }
    emptyLayout->addLayout(emptyButtons);
    // What there is to learn: the topics of the bank, each a bar of the mastery chart to come.
    QHash<QString, int> perTopic;
    for (const quiz::Question &q : QuizContent::bank().questions())
        ++perTopic[q.topic];
    QString topics = tr("<p><b>What the %1 questions cover</b></p><table cellspacing='0' cellpadding='3'>")
                         .arg(QuizContent::bank().questions().size());
    for (const quiz::TopicInfo &t : quiz::knownTopics()) {
        if (!perTopic.contains(t.id))
            continue;
        topics
            += QStringLiteral("<tr><td><b>%1</b>&nbsp;&nbsp;</td><td align='right'>%2&nbsp;&nbsp;</td><td>%3</td></tr>")
                   .arg(t.id.toHtmlEscaped())
                   .arg(perTopic.value(t.id))
                   .arg(t.covers.toHtmlEscaped());
    }
    topics += QStringLiteral("</table>");
    auto *topicList = new QLabel(topics, emptyCard);
    topicList->setObjectName(QStringLiteral("progressTopics"));
    topicList->setWordWrap(true);
    topicList->setTextFormat(Qt::RichText);
    emptyLayout->addSpacing(8);
    emptyLayout->addWidget(topicList);
    layout->addWidget(emptyCard);
    connect(diagnostic, &QPushButton::clicked, this, &ProgressPage::diagnosticRequested);
    connect(lesson, &QPushButton::clicked, this, [this, first] { Q_EMIT lessonRequested(first); });
    connect(practice, &QPushButton::clicked, this, [this] { Q_EMIT quizRequested(QuizMode::Practice, QString()); });

    m_filled = new QWidget(content);
    auto *filled = new QVBoxLayout(m_filled);
    filled->setContentsMargins(0, 0, 0, 0);
    filled->setSpacing(14);

    // Summary figures.
    auto *tiles = new QGridLayout;
    tiles->setSpacing(10);
    const QStringList captions = {tr("answers"), tr("accuracy"), tr("current streak"), tr("true retention"),
        tr("median time per answer"), tr("reviews due today")};
    for (int i = 0; i < captions.size(); ++i) {
        auto *tile = card(m_filled);
        auto *tl = new QVBoxLayout(tile);
        tl->setContentsMargins(14, 8, 14, 8);
        tl->setSpacing(2);
        auto *value = scaledLabel(QString(), tile, 1.5, true);
        value->setObjectName(QStringLiteral("tileValue%1").arg(i));
        auto *caption = new QLabel(captions.at(i), tile);
        auto *note = new QLabel(tile);
        note->setWordWrap(true);
        tl->addWidget(value);
        tl->addWidget(caption);
        tl->addWidget(note);
        tiles->addWidget(tile, i / 3, i % 3);
        m_tileValues.append(value);
        m_tileNotes.append(note);
    }
    filled->addLayout(tiles);

    // What to study next.
    m_nextBox = card(m_filled);
    m_nextBox->setObjectName(QStringLiteral("studyNext"));
    m_next = new QVBoxLayout(m_nextBox);
    m_next->setContentsMargins(18, 12, 18, 12);
    m_next->setSpacing(8);
    filled->addWidget(m_nextBox);

    m_charts = new QGridLayout;
    m_charts->setHorizontalSpacing(16);
    m_charts->setVerticalSpacing(16);
    m_accuracy = addChart(QStringLiteral("accuracyChart"), tr("Accuracy over time"),
        tr("● each study day's share of right answers; line: the last 7 days together; bars: answers that day "
           "(right axis)."),
        0, 0);
    m_forecast = addChart(QStringLiteral("forecastChart"), tr("Review forecast"),
        tr("Questions falling due for review each day of the next 30 (overdue ones count today)."), 0, 1);
    m_mastery = addChart(QStringLiteral("masteryChart"), tr("Topic mastery"),
        tr("Bars: the chance you recall a topic's questions today (unseen ones count 0). ●: accuracy of your answers."),
        1, 0);
    m_times = addChart(QStringLiteral("timeChart"), tr("Time per question"),
        tr("Your %1 slowest questions by median time; the dashed line is your median over all answers.")
            .arg(kSlowestQuestions),
        1, 1);
    m_retention = addChart(QStringLiteral("retentionChart"), tr("True retention"),
        tr("Share of reviews of learnt questions you passed, against the 90 % the scheduler aims for."), 2, 0);
    m_heatMap = addChart(QStringLiteral("heatMapChart"), tr("Activity"),
        tr("Answers per day over the last year, a column per week (darker = more; empty cells are days without "
           "answers)."),
        2, 1);
    m_charts->setColumnStretch(0, 1);
    m_charts->setColumnStretch(1, 1);
    filled->addLayout(m_charts);
    layout->addWidget(m_filled);
    layout->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    m_heatScale = new QCPColorScale(m_heatMap);
    m_heatScale->setType(QCPAxis::atRight);
    m_heatScale->axis()->setLabel(tr("answers"));
    m_heatScale->setBarWidth(m_heatMap->fontMetrics().height() * 0.8);
    m_heatMap->plotLayout()->addElement(0, 1, m_heatScale);

    connect(m_profiles, &ProfileManager::attemptsChanged, this, [this] {
        m_dirty = true;
        if (isVisible())
            refresh();
    });
    connect(m_profiles, &ProfileManager::profileChanged, this, [this] {
        m_dirty = true;
        if (isVisible())
            refresh();
    });
    // The statistics are read when the page is first shown (m_dirty starts true), not at start-up.
}

ProgressPage::~ProgressPage() = default;

QuizChart *ProgressPage::addChart(
    const QString &objectName, const QString &title, const QString &explanation, int row, int column)
{
    auto *box = card(m_filled);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(4);
    layout->addWidget(scaledLabel(title, box, 1.1, true));
    auto *text = new QLabel(explanation, box);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *chart = new QuizChart(box);
    chart->setObjectName(objectName);
    chart->setAccessibleName(title);
    chart->setMinimumHeight(chart->fontMetrics().height() * 15);
    layout->addWidget(chart, 1);
    m_charts->addWidget(box, row, column);
    return chart;
}

void ProgressPage::setClock(const quiz::Clock &clock)
{
    m_clock = &clock;
    m_dirty = true;
}

bool ProgressPage::isEmptyState() const
{
    return m_stats->totalAttempts == 0;
}

void ProgressPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refresh();
}

void ProgressPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Series colours come from the palette: a theme change redraws them.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        m_dirty = true;
    if (m_dirty && isVisible() && event->type() == QEvent::PaletteChange)
        refresh();
}

void ProgressPage::refresh()
{
    m_dirty = false;
    m_header->refresh();

    quiz::StatsOptions options = quiz::StatsOptions::forNow(m_clock->nowMs());
    options.questionTopics = QuizContent::questionTopics();
    *m_stats = m_profiles->isOpen()
        ? quiz::ProgressStats::compute(m_profiles->store(), m_profiles->currentId(), options)
        : quiz::ProgressStatistics {};
    const bool empty = m_stats->totalAttempts == 0;
    m_empty->setVisible(empty);
    m_filled->setVisible(!empty);
    if (empty) {
        m_recommendations = 0;
        return;
    }
    fillSummary();
    fillRecommendations();
    fillAccuracy();
    fillMastery();
    fillForecast();
    fillRetention();
    fillTimes();
    fillHeatMap();
}

void ProgressPage::fillSummary()
{
    const quiz::ProgressStatistics &s = *m_stats;
    int graded = 0;
    int correct = 0;
    int recentGraded = 0;
    int recentCorrect = 0;
    const QDate today = QDate::currentDate();
    for (const quiz::DayAccuracy &d : s.accuracyByDay) {
        graded += d.graded;
        correct += d.correct;
        if (d.day.daysTo(today) < 7) {
            recentGraded += d.graded;
            recentCorrect += d.correct;
        }
    }
    int dueToday = 0;
    int dueWeek = 0;
    for (int i = 0; i < s.forecast.size(); ++i) {
        if (i == 0)
            dueToday = s.forecast.at(i).due;
        if (i < 7)
            dueWeek += s.forecast.at(i).due;
    }
    const QStringList values
        = {QString::number(s.totalAttempts), graded > 0 ? percent(double(correct) / graded) : QStringLiteral("–"),
            counted(s.currentStreak), s.trueRetention.reviews > 0 ? percent(s.trueRetention.rate) : QStringLiteral("–"),
            seconds(s.medianTimeMs), QString::number(dueToday)};
    const QStringList notes = {tr("on %1").arg(counted(int(s.accuracyByDay.size()), tr("study day"), tr("study days"))),
        recentGraded > 0 ? tr("last 7 days: %1").arg(percent(double(recentCorrect) / recentGraded))
                         : tr("none in the last 7 days"),
        tr("longest: %1").arg(counted(s.longestStreak)),
        s.trueRetentionLast30Days.reviews > 0 ? tr("last 30 days: %1 of %2 reviews")
                                                    .arg(percent(s.trueRetentionLast30Days.rate))
                                                    .arg(s.trueRetentionLast30Days.reviews)
                                              : tr("no reviews of learnt questions yet"),
        tr("mean: %1").arg(seconds(s.meanTimeMs)), tr("next 7 days: %1").arg(dueWeek)};
    for (int i = 0; i < m_tileValues.size(); ++i) {
        m_tileValues.at(i)->setText(values.value(i));
        m_tileNotes.at(i)->setText(notes.value(i));
    }
}

void ProgressPage::fillRecommendations()
{
    while (QLayoutItem *item = m_next->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        else if (QLayout *l = item->layout()) {
            while (QLayoutItem *inner = l->takeAt(0)) {
                if (inner->widget() != nullptr)
                    inner->widget()->deleteLater();
                delete inner;
            }
        }
        delete item;
    }
    m_next->addWidget(scaledLabel(tr("Study next"), m_nextBox, 1.15, true));
    const quiz::ProgressStatistics &s = *m_stats;
    const quiz::ProfileHistory history = quiz::ProfileHistory::load(m_profiles->store(), m_profiles->currentId());
    m_recommendations = 0;
    const auto addRow = [this](const QString &text, QList<QPushButton *> buttons) {
        auto *row = new QHBoxLayout;
        auto *label = new QLabel(text, m_nextBox);
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        row->addWidget(label, 1);
        for (QPushButton *b : buttons) {
            b->setParent(m_nextBox);
            row->addWidget(b);
        }
        m_next->addLayout(row);
        ++m_recommendations;
    };

    const int due = s.forecast.isEmpty() ? 0 : s.forecast.front().due;
    if (due > 0) {
        auto *review = new QPushButton(tr("Start review"));
        review->setObjectName(QStringLiteral("recommendReview"));
        connect(review, &QPushButton::clicked, this, [this] { Q_EMIT quizRequested(QuizMode::Review, QString()); });
        addRow(tr("<b>%1 due for review today.</b> Reviewing on time keeps them cheap to remember.")
                   .arg(counted(due, tr("question"), tr("questions"))),
            {review});
    }

    // The weakest topics by mastery, each with a lesson: one behind a recent mistake, else one not yet seen.
    QList<quiz::TopicMastery> topics;
    for (const quiz::TopicMastery &t : s.topics)
        if (t.questions > 0)
            topics.append(t);
    std::stable_sort(topics.begin(), topics.end(), [](const quiz::TopicMastery &a, const quiz::TopicMastery &b) {
        if (a.mastery != b.mastery)
            return a.mastery < b.mastery;
        return a.attempts > b.attempts;
    });
    int added = 0;
    for (const quiz::TopicMastery &t : topics) {
        if (added >= kRecommendations)
            break;
        QString lesson;
        QString fallback;
        for (const quiz::Question &q : QuizContent::bank().questions()) {
            if (q.topic != t.topic || q.lesson.isEmpty())
                continue;
            if (history.lastWrong.value(q.id, false)) {
                lesson = q.lesson;
                break;
            }
            if (fallback.isEmpty() && !history.cards.contains(q.id))
                fallback = q.lesson;
        }
        if (lesson.isEmpty())
            lesson = fallback;
        QList<QPushButton *> buttons;
        if (!lesson.isEmpty()) {
            auto *open = new QPushButton(tr("▶ Lesson: %1").arg(QuizContent::lessonTitle(lesson)));
            open->setObjectName(QStringLiteral("recommendLesson%1").arg(added));
            connect(open, &QPushButton::clicked, this, [this, lesson] { Q_EMIT lessonRequested(lesson); });
            buttons.append(open);
        }
        auto *practise = new QPushButton(tr("Practise"));
        practise->setToolTip(tr("Practice on %1").arg(t.topic));
        const QString topic = t.topic;
        connect(
            practise, &QPushButton::clicked, this, [this, topic] { Q_EMIT quizRequested(QuizMode::Practice, topic); });
        buttons.append(practise);
        const QString detail = t.seen == 0
            ? tr("not started (%1)").arg(counted(t.questions, tr("question"), tr("questions")))
            : tr("mastery %1 · %2 of %3 questions seen · accuracy %4")
                  .arg(percent(t.mastery))
                  .arg(t.seen)
                  .arg(t.questions)
                  .arg(percent(t.accuracy));
        addRow(QStringLiteral("<b>%1</b> — %2<br/><span>%3</span>")
                   .arg(t.topic.toHtmlEscaped(), detail, quiz::topicDescription(t.topic).toHtmlEscaped()),
            buttons);
        ++added;
    }
}

void ProgressPage::fillAccuracy()
{
    QuizChart *c = m_accuracy;
    c->clearChart();
    const QPalette pal = palette();
    const QList<quiz::DayAccuracy> &days = m_stats->accuracyByDay;
    QVector<double> keys, accuracy, counts, weekly;
    double maxCount = 1;
    for (int i = 0; i < days.size(); ++i) {
        const quiz::DayAccuracy &d = days.at(i);
        keys.append(dayKey(d.day));
        accuracy.append(d.graded > 0 ? d.accuracy * 100.0 : qQNaN());
        counts.append(d.attempts);
        maxCount = std::max<double>(maxCount, d.attempts);
        // A day or two of answers swings between 0 and 100 %: the line pools the last 7 calendar days.
        int graded = 0;
        int correct = 0;
        for (int k = i; k >= 0 && days.at(k).day.daysTo(d.day) < 7; --k) {
            graded += days.at(k).graded;
            correct += days.at(k).correct;
        }
        weekly.append(graded > 0 ? 100.0 * correct / graded : qQNaN());
    }
    auto *bars = new QCPBars(c->xAxis, c->yAxis2);
    bars->setName(tr("answers that day (right axis)"));
    QColor barColor = QuizChart::seriesColor(3, pal);
    bars->setPen(QPen(barColor, 1));
    barColor.setAlpha(90);
    bars->setBrush(barColor);
    bars->setWidth(kDaySeconds * 0.6);
    bars->setData(keys, counts, true);
    const QColor lineColor = QuizChart::seriesColor(0, pal);
    auto *daily = c->addGraph(c->xAxis, c->yAxis);
    daily->setName(tr("that day"));
    daily->setLineStyle(QCPGraph::lsNone);
    daily->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(lineColor, 1.5), Theme::card(pal), c->fontMetrics().height() * 0.5));
    daily->setData(keys, accuracy, true);
    auto *line = c->addGraph(c->xAxis, c->yAxis);
    line->setName(tr("last 7 days"));
    line->setPen(QPen(lineColor, 2.5));
    line->setData(keys, weekly, true);

    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("d MMM"));
    ticker->setTickCount(6);
    c->xAxis->setTicker(ticker);
    const double first = keys.isEmpty() ? 0 : keys.front();
    const double last = keys.isEmpty() ? 0 : keys.back();
    c->xAxis->setRange(first - kDaySeconds, last + kDaySeconds);
    c->yAxis->setRange(0, 105);
    c->yAxis->setLabel(tr("accuracy %"));
    c->yAxis2->setVisible(true);
    c->yAxis2->setRange(0, maxCount * 2);
    c->yAxis2->setLabel(tr("answers"));
    c->showLegendAbove();
    c->applyTheme();
}

void ProgressPage::fillMastery()
{
    QuizChart *c = m_mastery;
    c->clearChart();
    const QPalette pal = palette();
    const QList<quiz::TopicMastery> &topics = m_stats->topics;
    QVector<double> keys, mastery, accKeys, accuracy;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < topics.size(); ++i) {
        const quiz::TopicMastery &t = topics.at(i);
        const double k = i + 1;
        keys.append(k);
        mastery.append(t.mastery * 100.0);
        if (t.attempts > 0) {
            accKeys.append(k);
            accuracy.append(t.accuracy * 100.0);
        }
        ticker->addTick(k, t.topic);
        label(c, k, 106,
            t.seen > 0 ? tr("%1 · %2/%3 seen").arg(percent(t.mastery)).arg(t.seen).arg(t.questions) : tr("not started"),
            Qt::AlignLeft | Qt::AlignVCenter, c->yAxis, c->xAxis);
    }
    auto *bars = new QCPBars(c->yAxis, c->xAxis);
    bars->setName(tr("mastery"));
    const QColor color = QuizChart::seriesColor(2, pal);
    bars->setPen(QPen(color.darker(115)));
    bars->setBrush(color);
    bars->setWidth(0.65);
    bars->setData(keys, mastery, true);
    auto *dots = new QCPGraph(c->yAxis, c->xAxis);
    dots->setName(tr("accuracy"));
    dots->setLineStyle(QCPGraph::lsNone);
    const QColor dotColor = QuizChart::seriesColor(1, pal);
    dots->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(pal.color(QPalette::Base), 1.5), dotColor, c->fontMetrics().height() * 0.6));
    dots->setData(accKeys, accuracy, true);
    c->yAxis->setTicker(ticker);
    c->yAxis->setRange(0.4, topics.size() + 0.6);
    c->yAxis->setRangeReversed(true);
    c->yAxis->grid()->setVisible(false);
    auto xTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int v : {0, 25, 50, 75, 100})
        xTicks->addTick(v, QString::number(v) + QStringLiteral(" %"));
    c->xAxis->setTicker(xTicks);
    c->xAxis->setRange(0, 165);
    c->showLegendAbove();
    c->setMinimumHeight(int(c->fontMetrics().height() * (1.8 * double(topics.size()) + 5)));
    c->applyTheme();
}

void ProgressPage::fillForecast()
{
    QuizChart *c = m_forecast;
    c->clearChart();
    const QPalette pal = palette();
    QVector<double> keys, due;
    int maxDue = 0;
    for (const quiz::ForecastDay &d : m_stats->forecast) {
        keys.append(dayKey(d.day));
        due.append(d.due);
        maxDue = std::max(maxDue, d.due);
        if (d.due > 0)
            label(
                c, keys.back(), d.due, QString::number(d.due), Qt::AlignHCenter | Qt::AlignBottom, c->xAxis, c->yAxis);
    }
    auto *bars = new QCPBars(c->xAxis, c->yAxis);
    bars->setName(tr("due"));
    const QColor color = QuizChart::seriesColor(0, pal);
    bars->setPen(QPen(color.darker(115)));
    bars->setBrush(color);
    bars->setWidth(kDaySeconds * 0.7);
    bars->setData(keys, due, true);
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("d MMM"));
    ticker->setTickCount(6);
    c->xAxis->setTicker(ticker);
    if (!keys.isEmpty())
        c->xAxis->setRange(keys.front() - kDaySeconds, keys.back() + kDaySeconds);
    c->yAxis->setRange(0, std::max(1, maxDue) * 1.25);
    c->yAxis->setLabel(tr("questions due"));
    c->setEmptyText(maxDue == 0 ? tr("No reviews fall due in the next 30 days.") : QString());
    c->applyTheme();
}

void ProgressPage::fillRetention()
{
    QuizChart *c = m_retention;
    c->clearChart();
    const QPalette pal = palette();
    const quiz::Retention &all = m_stats->trueRetention;
    const quiz::Retention &recent = m_stats->trueRetentionLast30Days;
    auto *allBars = new QCPBars(c->xAxis, c->yAxis);
    allBars->setName(tr("all time"));
    allBars->setPen(QPen(QuizChart::seriesColor(0, pal).darker(115)));
    allBars->setBrush(QuizChart::seriesColor(0, pal));
    allBars->setWidth(0.5);
    auto *recentBars = new QCPBars(c->xAxis, c->yAxis);
    recentBars->setName(tr("last 30 days"));
    recentBars->setPen(QPen(QuizChart::seriesColor(4, pal), 1.5));
    recentBars->setBrush(QBrush(QuizChart::seriesColor(4, pal), Qt::Dense4Pattern));
    recentBars->setWidth(0.5);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTick(1, tr("all time\n%1").arg(counted(all.reviews, tr("review"), tr("reviews"))));
    ticker->addTick(2, tr("last 30 days\n%1").arg(counted(recent.reviews, tr("review"), tr("reviews"))));
    if (all.reviews > 0) {
        allBars->setData({1.0}, {all.rate * 100.0});
        label(c, 1, all.rate * 100.0, percent(all.rate), Qt::AlignHCenter | Qt::AlignBottom, c->xAxis, c->yAxis);
    }
    if (recent.reviews > 0) {
        recentBars->setData({2.0}, {recent.rate * 100.0});
        label(c, 2, recent.rate * 100.0, percent(recent.rate), Qt::AlignHCenter | Qt::AlignBottom, c->xAxis, c->yAxis);
    }
    auto *target = new QCPItemStraightLine(c);
    target->point1->setCoords(0, 90);
    target->point2->setCoords(3, 90);
    target->setPen(QPen(QuizChart::seriesColor(1, pal), 1.5, Qt::DashLine));
    label(c, 0.45, 90, tr("target 90 %"), Qt::AlignLeft | Qt::AlignBottom, c->xAxis, c->yAxis);
    c->xAxis->setTicker(ticker);
    c->xAxis->setRange(0.4, 2.6);
    c->xAxis->grid()->setVisible(false);
    c->yAxis->setRange(0, 110);
    c->yAxis->setLabel(tr("passed %"));
    c->setEmptyText(all.reviews == 0 ? tr("Retention counts reviews of questions you had learnt.\nNone yet: "
                                          "Review mode brings them back when they fall due.")
                                     : QString());
    c->applyTheme();
}

void ProgressPage::fillTimes()
{
    QuizChart *c = m_times;
    c->clearChart();
    const QPalette pal = palette();
    QList<quiz::QuestionTime> times = m_stats->timePerQuestion;
    std::sort(times.begin(), times.end(), [](const quiz::QuestionTime &a, const quiz::QuestionTime &b) {
        return a.medianMs != b.medianMs ? a.medianMs > b.medianMs : a.questionId < b.questionId;
    });
    times = times.mid(0, kSlowestQuestions);
    QVector<double> keys, values;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double maxSeconds = 1;
    for (int i = 0; i < times.size(); ++i) {
        const quiz::QuestionTime &t = times.at(i);
        keys.append(i + 1);
        values.append(double(t.medianMs) / 1000.0);
        maxSeconds = std::max(maxSeconds, values.back());
        ticker->addTick(i + 1, shortId(t.questionId));
        label(c, i + 1, values.back(),
            QStringLiteral(" ") + tr("%1 (%n×)", nullptr, t.attempts).arg(seconds(t.medianMs)),
            Qt::AlignLeft | Qt::AlignVCenter, c->yAxis, c->xAxis);
    }
    auto *bars = new QCPBars(c->yAxis, c->xAxis);
    bars->setName(tr("median time"));
    const QColor color = QuizChart::seriesColor(4, pal);
    bars->setPen(QPen(color.darker(130)));
    bars->setBrush(color);
    bars->setWidth(0.65);
    bars->setData(keys, values, true);
    const double median = double(m_stats->medianTimeMs) / 1000.0;
    auto *line = new QCPItemStraightLine(c);
    line->point1->setCoords(median, 0);
    line->point2->setCoords(median, 1);
    line->setPen(QPen(QuizChart::seriesColor(1, pal), 1.5, Qt::DashLine));
    auto *medianLabel = new QCPItemText(c);
    medianLabel->position->setType(QCPItemPosition::ptPlotCoords);
    medianLabel->position->setCoords(median, 0.4);
    medianLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    medianLabel->setText(QStringLiteral(" ") + tr("your median %1").arg(seconds(m_stats->medianTimeMs)));
    c->yAxis->setTicker(ticker);
    c->yAxis->setRange(0.4, std::max<double>(1, double(times.size())) + 0.6);
    c->yAxis->setRangeReversed(true);
    c->yAxis->grid()->setVisible(false);
    c->xAxis->setRange(0, std::max(maxSeconds, median) * 1.6);
    c->xAxis->setLabel(tr("median seconds"));
    c->applyTheme();
}

void ProgressPage::fillHeatMap()
{
    QuizChart *c = m_heatMap;
    c->clearChart();
    const QPalette pal = palette();
    const auto &days = m_stats->heatMap;
    if (days.isEmpty())
        return;
    const QDate first = days.front().first;
    const int offset = first.dayOfWeek() - 1; // Monday = row 0
    const int weeks = (offset + int(days.size()) + 6) / 7;
    auto *map = new QCPColorMap(c->xAxis, c->yAxis);
    map->setName(tr("answers per day"));
    map->data()->setSize(weeks, 7);
    map->data()->setRange(QCPRange(0, weeks - 1), QCPRange(0, 6));
    for (int x = 0; x < weeks; ++x)
        for (int y = 0; y < 7; ++y)
            map->data()->setCell(x, y, qQNaN());
    int maxCount = 1;
    for (int i = 0; i < days.size(); ++i) {
        const int cell = offset + i;
        map->data()->setCell(cell / 7, cell % 7, days.at(i).second);
        maxCount = std::max(maxCount, days.at(i).second);
    }
    map->setInterpolate(false);
    QCPColorGradient gradient;
    gradient.clearColorStops();
    QColor none = pal.color(QPalette::Mid);
    none.setAlpha(70);
    const QColor strong = QuizChart::seriesColor(0, pal);
    QColor soft = strong;
    soft.setAlpha(90);
    gradient.setColorStopAt(0.0, none);
    gradient.setColorStopAt(0.5 / maxCount, none);
    gradient.setColorStopAt(std::min(0.99, 1.0 / maxCount), soft);
    gradient.setColorStopAt(1.0, strong);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    gradient.setLevelCount(std::max(2, maxCount + 1));
    m_heatScale->setGradient(gradient);
    m_heatScale->setDataRange(QCPRange(0, maxCount));
    map->setColorScale(m_heatScale);
    map->setGradient(gradient);
    map->setDataRange(QCPRange(0, maxCount));

    auto yTicks = QSharedPointer<QCPAxisTickerText>::create();
    const QLocale locale;
    for (int d : {0, 2, 4, 6})
        yTicks->addTick(d, locale.dayName(d + 1, QLocale::ShortFormat));
    c->yAxis->setTicker(yTicks);
    c->yAxis->setRange(-0.5, 6.5);
    c->yAxis->setRangeReversed(true);
    c->yAxis->grid()->setVisible(false);
    auto xTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int w = 0; w < weeks; ++w) {
        const QDate monday = first.addDays(7 * w - offset);
        const QDate sunday = monday.addDays(6);
        // A month's name over the week its first day falls in, every other month to keep them apart.
        if (sunday.day() <= 7 && sunday.month() % 2 == 1)
            xTicks->addTick(w, locale.monthName(sunday.month(), QLocale::ShortFormat));
    }
    c->xAxis->setTicker(xTicks);
    c->xAxis->setRange(-0.5, weeks - 0.5);
    c->xAxis->grid()->setVisible(false);
    c->applyTheme();
}

} // namespace kafkalab::app
