#include "simulationtoolbar.h"

#include <climits>

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>

#include <algorithm>

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
    // The slider works in simulated milliseconds; the controller restores the nearest snapshot
    // and replays to the exact time.
    m_timelineRow = new QWidget(parent);
    m_timelineRow->setObjectName(QStringLiteral("timelineRow"));
    auto *row = new QHBoxLayout(m_timelineRow);
    row->setContentsMargins(8, 0, 8, 2);
    auto *timelineLabel = new QLabel(tr("Time &travel"), m_timelineRow);
    m_timeline = new QSlider(Qt::Horizontal, m_timelineRow);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    timelineLabel->setBuddy(m_timeline);
    m_timeline->setAccessibleName(tr("Time travel"));
    m_timeline->setToolTip(tr("Drag to see the simulation at an earlier time (Ctrl+Left / Ctrl+Right: a second). "
                              "Play or change something there to continue from that point."));
    m_timeline->setSingleStep(100);
    m_timeline->setPageStep(1000);
    m_timeline->setFocusPolicy(Qt::StrongFocus);
    m_timelineEnd = new QLabel(m_timelineRow);
    m_timelineEnd->setObjectName(QStringLiteral("timelineEnd"));
    // The clock sits with the slider it moves (in the toolbar it fell into the overflow menu
    // when presenter fonts met the lesson page's narrower toolbar). Its width is kept for a
    // long run, so the slider does not shift as the digits grow.
    m_clock = new QLabel(m_timelineRow);
    m_clock->setObjectName(QStringLiteral("clock"));
    m_clock->setMinimumWidth(m_clock->fontMetrics().horizontalAdvance(QStringLiteral("t = 000.000 s · 000000 events")));
    m_clock->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    row->addWidget(timelineLabel);
    row->addWidget(m_timeline, 1);
    row->addSpacing(6);
    row->addWidget(m_clock);
    row->addWidget(m_timelineEnd);
    connect(m_timeline, &QSlider::valueChanged, this, &SimulationToolbar::seek);

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
    m_clock->setText(tr("t = %1 s · %2 events").arg(seconds, 0, 'f', 3).arg(m_controller->eventsProcessed()));
    m_back->setEnabled(m_controller->canStepBack());
    {
        const QSignalBlocker block(m_timeline);
        const auto ms = [](qint64 us) { return static_cast<int>(std::min<qint64>(us / 1000, INT_MAX)); };
        m_timeline->setRange(ms(m_controller->historyStartUs()), ms(m_controller->historyEndUs()));
        m_timeline->setValue(ms(m_controller->timeUs()));
        m_timeline->setEnabled(m_controller->hasSimulation() && m_timeline->maximum() > m_timeline->minimum());
    }
    const double end = static_cast<double>(m_controller->historyEndUs()) / 1e6;
    m_timelineEnd->setText(m_controller->inPast()
            ? tr("⏪ %1 s behind the latest (%2 s)")
                  .arg(end - static_cast<double>(m_controller->timeUs()) / 1e6, 0, 'f', 1)
                  .arg(end, 0, 'f', 1)
            : QString());
    m_step->setEnabled(m_controller->hasSimulation());
    m_play->setEnabled(m_controller->hasSimulation());
}

void SimulationToolbar::seek(int valueMs)
{
    m_controller->seekTo(static_cast<qint64>(valueMs) * 1000);
}

} // namespace kafkalab::app
