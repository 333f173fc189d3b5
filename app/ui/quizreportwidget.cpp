#include "quizreportwidget.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include "app/ui/quizchart.h"
#include "app/ui/quizcontent.h"
#include "app/ui/theme.h"
#include "quiz/questionbank.h"

namespace kafkalab::app {
namespace {

QString duration(qint64 ms)
{
    const qint64 s = (std::max<qint64>(0, ms) + 500) / 1000;
    if (s < 60)
        return QObject::tr("%1 s").arg(s);
    return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString percent(double v)
{
    return QString::number(qRound(v * 100)) + QStringLiteral(" %");
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QuizReportWidget::QuizReportWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("quizReport"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.35);
    tf.setBold(true);
    m_title->setFont(tf);
    layout->addWidget(m_title);
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("reportScore"));
    QFont sf = m_score->font();
    sf.setPointSizeF(sf.pointSizeF() * 1.6);
    sf.setBold(true);
    m_score->setFont(sf);
    m_score->setWordWrap(true);
    layout->addWidget(m_score);

    auto *body = new QHBoxLayout;
    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("reportDetails"));
    m_details->setOpenLinks(false);
    body->addWidget(m_details, 3);
    auto *chartBox = new QVBoxLayout;
    auto *chartTitle = new QLabel(tr("<b>Time per question</b> (seconds), with your usual time"), this);
    chartTitle->setWordWrap(true);
    chartBox->addWidget(chartTitle);
    m_chart = new QuizChart(this);
    m_chart->setObjectName(QStringLiteral("reportTimeChart"));
    chartBox->addWidget(m_chart, 1);
    body->addLayout(chartBox, 2);
    layout->addLayout(body, 1);

    auto *buttons = new QHBoxLayout;
    m_mistakes = new QPushButton(tr("Practise the questions I missed"), this);
    m_mistakes->setObjectName(QStringLiteral("reportMistakes"));
    m_again = new QPushButton(tr("Back to the quiz modes"), this);
    m_again->setObjectName(QStringLiteral("reportNewQuiz"));
    for (QPushButton *b : {m_mistakes, m_again})
        b->setMinimumHeight(b->fontMetrics().height() * 2);
    buttons->addWidget(m_mistakes);
    buttons->addStretch(1);
    buttons->addWidget(m_again);
    layout->addLayout(buttons);

    connect(m_details, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == u"lesson")
            Q_EMIT lessonRequested(url.path());
        else if (url.scheme() == u"question")
            Q_EMIT questionRequested(url.path());
    });
    connect(m_mistakes, &QPushButton::clicked, this, &QuizReportWidget::mistakesRequested);
    connect(m_again, &QPushButton::clicked, this, &QuizReportWidget::newQuizRequested);
}

QuizReportWidget::~QuizReportWidget() = default;

QString QuizReportWidget::scoreText() const
{
    return m_score->text();
}

QString QuizReportWidget::detailsText() const
{
    return m_details->toPlainText();
}

void QuizReportWidget::setReport(const quiz::SessionReport &report, quiz::QuizMode mode, bool recorded)
{
    m_report = report;
    const bool mock = mode == quiz::QuizMode::Mock;
    m_title->setText(mock ? tr("Mock interview: your report") : tr("Session summary"));
    if (mock || report.answered > 0)
        m_score->setText(tr("%1 of %2 right · %3 · in %4")
                             .arg(report.correct)
                             .arg(report.questions)
                             .arg(percent(report.score), duration(report.totalTimeMs)));
    else
        m_score->setText(tr("No answers in this session."));

    const QPalette pal = palette();
    const QString right = Theme::leader(pal).name();
    const QString wrong = Theme::danger(pal).name();
    QString html;
    if (!recorded)
        html += tr("<p><b>⚠ These answers were not saved</b>: the progress database is not open (see Settings).</p>");
    html += tr("<h3>Questions</h3><table cellspacing='0' cellpadding='4' width='100%'>"
               "<tr><th align='left'>#</th><th align='left'>Question</th><th align='left'>Topic</th>"
               "<th align='left'>Result</th><th align='right'>Time</th><th align='right'>Your usual</th></tr>");
    int shown = 0;
    for (const quiz::ReportItem &it : report.items) {
        ++shown;
        if (!mock && !it.answered && !it.correct)
            continue; // skipped in practice: nothing to report
        QString result = it.correct ? QStringLiteral("<span style='color:%1'>✔ right</span>").arg(right)
            : it.answered           ? QStringLiteral("<span style='color:%1'>✘ wrong</span>").arg(wrong)
                                    : QStringLiteral("<span style='color:%1'>— blank</span>").arg(wrong);
        if (it.timedOut)
            result += tr(" · ⏱ timed out");
        if (it.flagged)
            result += tr(" · ⚑ flagged");
        html += QStringLiteral("<tr><td>%1</td><td><a href='question:%2'>%2</a></td><td>%3</td><td>%4</td>"
                               "<td align='right'>%5</td><td align='right'>%6</td></tr>")
                    .arg(shown)
                    .arg(escaped(it.questionId), escaped(it.topic), result, duration(it.timeMs),
                        it.userMedianMs ? duration(*it.userMedianMs) : tr("first time"));
    }
    html += QStringLiteral("</table>");
    if (!report.topics.isEmpty()) {
        html += tr("<h3>By topic</h3><table cellspacing='0' cellpadding='4'>");
        for (const quiz::TopicScore &t : report.topics)
            html += QStringLiteral("<tr><td>%1</td><td align='right'>%2 / %3</td><td align='right'>%4</td></tr>")
                        .arg(escaped(t.topic))
                        .arg(t.correct)
                        .arg(t.questions)
                        .arg(percent(t.accuracy));
        html += QStringLiteral("</table>");
    }
    if (!report.weakest.isEmpty()) {
        html += tr("<h3>Study next</h3>");
        for (const quiz::StudySuggestion &s : report.weakest) {
            html += QStringLiteral("<p><b>%1</b> (%2): %3<br/>")
                        .arg(escaped(s.topic), percent(s.accuracy), escaped(s.covers));
            QStringList lessons;
            for (const QString &l : s.lessons)
                lessons.append(
                    QStringLiteral("<a href='lesson:%1'>▶ %2</a>").arg(l, escaped(QuizContent::lessonTitle(l))));
            if (!lessons.isEmpty())
                html += tr("Lessons: %1<br/>").arg(lessons.join(QStringLiteral(" · ")));
            QStringList questions;
            for (const QString &q : s.questionIds)
                questions.append(QStringLiteral("<a href='question:%1'>%1</a>").arg(escaped(q)));
            html += tr("Revisit: %1 (in Mistakes mode)").arg(questions.join(QStringLiteral(", ")));
            html += QStringLiteral("</p>");
        }
    } else if (report.answered > 0) {
        html += tr("<h3>Study next</h3><p>Nothing missed in this session. Review mode brings these questions back "
                   "just before you would forget them.</p>");
    }
    m_details->setHtml(html);
    m_mistakes->setEnabled(report.correct < report.answered || (mock && report.correct < report.questions));
    fillChart();
}

void QuizReportWidget::fillChart()
{
    QuizChart *c = m_chart;
    c->clearChart();
    const QPalette pal = palette();
    auto *rightBars = new QCPBars(c->xAxis, c->yAxis);
    rightBars->setName(tr("right"));
    rightBars->setPen(QPen(QuizChart::seriesColor(0, pal).darker(120)));
    rightBars->setBrush(QuizChart::seriesColor(0, pal));
    rightBars->setWidth(0.6);
    auto *wrongBars = new QCPBars(c->xAxis, c->yAxis);
    wrongBars->setName(tr("wrong or blank"));
    // Hatched as well as coloured, so the two stay apart without colour.
    wrongBars->setPen(QPen(QuizChart::seriesColor(1, pal), 1.5));
    wrongBars->setBrush(QBrush(QuizChart::seriesColor(1, pal), Qt::BDiagPattern));
    wrongBars->setWidth(0.6);
    auto *usual = c->addGraph();
    usual->setName(tr("your usual time"));
    usual->setLineStyle(QCPGraph::lsNone);
    usual->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QuizChart::seriesColor(3, pal),
        QuizChart::seriesColor(3, pal), c->fontMetrics().height() * 0.7));
    QVector<double> rk, rv, wk, wv, uk, uv;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double maxSeconds = 1.0;
    for (int i = 0; i < m_report.items.size(); ++i) {
        const quiz::ReportItem &it = m_report.items.at(i);
        const double x = i + 1;
        const double seconds = double(it.timeMs) / 1000.0;
        (it.correct ? rk : wk).append(x);
        (it.correct ? rv : wv).append(seconds);
        maxSeconds = std::max(maxSeconds, seconds);
        if (it.userMedianMs) {
            uk.append(x);
            uv.append(double(*it.userMedianMs) / 1000.0);
            maxSeconds = std::max(maxSeconds, uv.back());
        }
        ticker->addTick(x, QString::number(i + 1));
    }
    rightBars->setData(rk, rv, true);
    wrongBars->setData(wk, wv, true);
    usual->setData(uk, uv, true);
    c->xAxis->setTicker(ticker);
    c->xAxis->setLabel(tr("question"));
    c->xAxis->setRange(0.3, std::max<double>(1, double(m_report.items.size())) + 0.7);
    c->yAxis->setLabel(tr("seconds"));
    c->yAxis->setRange(0, maxSeconds * 1.15);
    c->showLegendAbove();
    c->setEmptyText(m_report.items.isEmpty() ? tr("No questions") : QString());
    c->applyTheme();
}

} // namespace kafkalab::app
