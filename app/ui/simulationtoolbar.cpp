#include "simulationtoolbar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QStyle>

#include "app/ui/simulationcontroller.h"

namespace kafkalab::app {

namespace {
constexpr double kSpeeds[] = {0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0};
}

SimulationToolbar::SimulationToolbar(SimulationController *controller, QWidget *parent)
    : QToolBar(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("simulationToolbar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setMovable(false);
    m_play = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
    m_play->setObjectName(QStringLiteral("play"));
    m_play->setToolTip(tr("Play / pause simulated time (Space)"));
    connect(m_play, &QAction::triggered, m_controller, &SimulationController::togglePlay);
    m_back = addAction(style()->standardIcon(QStyle::SP_MediaSeekBackward), tr("Back"));
    m_back->setObjectName(QStringLiteral("stepBack"));
    m_back->setToolTip(tr("Step back one event (Left)"));
    connect(m_back, &QAction::triggered, m_controller, &SimulationController::stepBack);
    m_step = addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step"));
    m_step->setObjectName(QStringLiteral("step"));
    m_step->setToolTip(tr("Run one event (Right)"));
    connect(m_step, &QAction::triggered, m_controller, &SimulationController::stepEvent);
    addSeparator();
    auto *speedLabel = new QLabel(tr(" Speed "), this);
    addWidget(speedLabel);
    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("speed"));
    m_speed->setToolTip(tr("Simulated seconds per real second (+ / -)"));
    for (double s : kSpeeds)
        m_speed->addItem(QString::number(s) + u'×', s);
    addWidget(m_speed);
    connect(m_speed, &QComboBox::activated, m_controller,
        [this](int index) { m_controller->setSpeed(m_speed->itemData(index).toDouble()); });
    addSeparator();
    m_clock = new QLabel(this);
    m_clock->setObjectName(QStringLiteral("clock"));
    m_clock->setMinimumWidth(
        m_clock->fontMetrics().horizontalAdvance(QStringLiteral("  t = 0000.000 s · 00000000 events  ")));
    addWidget(m_clock);

    connect(m_controller, &SimulationController::playingChanged, this, &SimulationToolbar::updateState);
    connect(m_controller, &SimulationController::speedChanged, this, &SimulationToolbar::updateState);
    connect(m_controller, &SimulationController::stateChanged, this, &SimulationToolbar::updateClock);
    updateState();
    updateClock();
}

SimulationToolbar::~SimulationToolbar() = default;

void SimulationToolbar::updateState()
{
    const bool playing = m_controller->isPlaying();
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i)
        if (std::abs(m_speed->itemData(i).toDouble() - m_controller->speed())
            < std::abs(m_speed->itemData(best).toDouble() - m_controller->speed()))
            best = i;
    m_speed->setCurrentIndex(best);
}

void SimulationToolbar::updateClock()
{
    const double seconds = static_cast<double>(m_controller->timeUs()) / 1e6;
    m_clock->setText(tr("  t = %1 s · %2 events").arg(seconds, 0, 'f', 3).arg(m_controller->eventsProcessed()));
    m_back->setEnabled(m_controller->canStepBack());
    m_step->setEnabled(m_controller->hasSimulation());
    m_play->setEnabled(m_controller->hasSimulation());
}

} // namespace kafkalab::app
