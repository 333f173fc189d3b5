#include "predictquestionwidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "app/ui/simulationcontroller.h"
#include "app/ui/simulationviews.h"
#include "app/ui/theme.h"
#include "quiz/question.h"

namespace kafkalab::app {
namespace {

/** Simulated seconds per real second while the scenario plays: a 30 s scenario takes 1.5 s. */
constexpr double kSpeed = 20.0;
/** How long the simulation plays on after the answer, so its consequences show. */
const QString kPlayOn = QStringLiteral("30s");

} // namespace

PredictQuestionWidget::PredictQuestionWidget(QWidget *parent)
    : QWidget(parent)
    , m_controller(new SimulationController(this))
{
    setObjectName(QStringLiteral("predictQuestion"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_narration = new QLabel(this);
    m_narration->setObjectName(QStringLiteral("predictNarration"));
    m_narration->setWordWrap(true);
    m_narration->setTextFormat(Qt::PlainText);
    layout->addWidget(m_narration);
    auto *row = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("predictStatus"));
    m_status->setWordWrap(true);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    row->addWidget(m_status, 1);
    m_skip = new QPushButton(tr("Skip to the pause"), this);
    m_skip->setObjectName(QStringLiteral("predictSkip"));
    m_replay = new QPushButton(tr("Replay"), this);
    m_replay->setObjectName(QStringLiteral("predictReplay"));
    row->addWidget(m_skip);
    row->addWidget(m_replay);
    layout->addLayout(row);
    m_views = new SimulationViews(m_controller, this);
    layout->addWidget(m_views, 1);

    connect(m_skip, &QPushButton::clicked, this, &PredictQuestionWidget::skipToPause);
    connect(m_replay, &QPushButton::clicked, this, &PredictQuestionWidget::replay);
    connect(m_controller, &SimulationController::narration, this,
        [this](SimulationController::NarrationKind kind, const QString &text, int) {
            if (kind == SimulationController::NarrationKind::Say) {
                m_said.append(text);
                m_narration->setText(m_said.join(u'\n'));
            }
        });
    connect(m_controller, &SimulationController::expectation, this, [this](const ExpectResult &result) {
        // The expect line added after the pause asks the question's query: its value is the truth.
        m_truth = result.actual;
        m_revealed = true;
        updateStatus();
        Q_EMIT revealed(m_truth);
    });
    connect(m_controller, &SimulationController::commandFailed, this, [this](const ControllerError &error) {
        m_error = error.toString();
        updateStatus();
    });
    connect(m_controller, &SimulationController::lessonStateChanged, this, [this] {
        updateStatus();
        if (atPause() && !m_revealed && !m_revealing)
            Q_EMIT reachedPause();
    });
}

PredictQuestionWidget::~PredictQuestionWidget() = default;

void PredictQuestionWidget::load(const quiz::Question &question)
{
    if (question.id == m_questionId && !m_questionId.isEmpty())
        return;
    m_questionId = question.id;
    m_scenario = question.scenario;
    m_query = question.predictQuery;
    start();
}

void PredictQuestionWidget::start()
{
    m_truth.clear();
    m_error.clear();
    m_said.clear();
    m_narration->clear();
    m_revealed = false;
    m_revealing = false;
    // As simulatePredict asks it: an expect line after the pause whose `actual` is the answer.
    const QString script = m_scenario + QStringLiteral("\nexpect ") + m_query + QStringLiteral(" == \"\\u0001\"\n")
        + QStringLiteral("advance ") + kPlayOn + u'\n';
    if (auto error = m_controller->loadLesson(script, m_questionId)) {
        m_error = error->toString();
        updateStatus();
        return;
    }
    m_controller->setSpeed(kSpeed);
    m_controller->continueLesson();
    updateStatus();
}

void PredictQuestionWidget::skipToPause()
{
    const double speed = m_controller->speed();
    m_controller->setSpeed(SimulationController::kMaxSpeed);
    // Bounded: a scenario reaches its pause in a few simulated minutes at most.
    for (int i = 0; i < 10000 && m_controller->mode() == SimulationController::Mode::Lesson && !atPause()
         && !m_controller->lessonFinished();
         ++i)
        m_controller->advanceWall(100.0);
    m_controller->setSpeed(speed);
    updateStatus();
}

void PredictQuestionWidget::replay()
{
    if (!m_questionId.isEmpty())
        start();
}

void PredictQuestionWidget::reveal()
{
    if (m_revealed || m_questionId.isEmpty())
        return;
    if (!atPause())
        skipToPause();
    m_revealing = true;
    m_controller->continueLesson();
    m_revealing = false;
    updateStatus();
}

bool PredictQuestionWidget::atPause() const
{
    return m_controller->mode() == SimulationController::Mode::Lesson && m_controller->lessonWaiting()
        && m_controller->lessonCommandIndex() > 0;
}

void PredictQuestionWidget::updateStatus()
{
    QPalette pal = m_status->palette();
    pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    if (!m_error.isEmpty()) {
        pal.setColor(QPalette::WindowText, Theme::danger(palette()));
        m_status->setText(tr("The scenario stopped with an error: %1").arg(m_error));
    } else if (m_revealed) {
        pal.setColor(QPalette::WindowText, Theme::leader(palette()));
        m_status->setText(tr("The broker says: %1 → %2. It plays on for %3 so you can see what follows.")
                              .arg(m_query, m_truth, kPlayOn));
    } else if (atPause()) {
        m_status->setText(tr("❚❚ Paused here. What will %1 be? Pick your answer.").arg(m_query));
    } else {
        m_status->setText(tr("▶ Running the scenario to its pause…"));
    }
    m_status->setPalette(pal);
    m_skip->setVisible(m_error.isEmpty() && !m_revealed && !atPause());
    m_replay->setEnabled(!m_questionId.isEmpty());
}

} // namespace kafkalab::app
