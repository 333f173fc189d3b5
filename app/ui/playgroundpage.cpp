#include "playgroundpage.h"

#include <QAction>
#include <QFontDatabase>
#include <QGroupBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

#include "app/ui/commandconsole.h"
#include "app/ui/simulationcontroller.h"
#include "app/ui/simulationtoolbar.h"
#include "app/ui/simulationviews.h"

namespace kafkalab::app {

PlaygroundPage::PlaygroundPage(QWidget *parent)
    : QWidget(parent)
    , m_controller(new SimulationController(this))
{
    setObjectName(QStringLiteral("playgroundPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);
    m_toolbar = new SimulationToolbar(m_controller, this);
    QAction *resetAction = m_toolbar->addAction(tr("Reset"));
    resetAction->setObjectName(QStringLiteral("reset"));
    resetAction->setToolTip(tr("Start over with the default playground"));
    connect(resetAction, &QAction::triggered, this, &PlaygroundPage::reset);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_toolbar->timelineRow());

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    m_views = new SimulationViews(m_controller, split);
    split->addWidget(m_views);
    auto *bottom = new QSplitter(Qt::Horizontal, split);
    bottom->setChildrenCollapsible(false);
    auto *logBox = new QGroupBox(tr("Event log"), bottom);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(4, 4, 4, 4);
    m_eventLog = new QPlainTextEdit(logBox);
    m_eventLog->setObjectName(QStringLiteral("eventLog"));
    m_eventLog->setReadOnly(true);
    m_eventLog->setMaximumBlockCount(3000);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF() * 0.95);
    m_eventLog->setFont(mono);
    logLayout->addWidget(m_eventLog);
    auto *consoleBox = new QGroupBox(tr("Command console"), bottom);
    auto *consoleLayout = new QVBoxLayout(consoleBox);
    consoleLayout->setContentsMargins(4, 4, 4, 4);
    m_console = new CommandConsole(m_controller, consoleBox);
    consoleLayout->addWidget(m_console);
    bottom->addWidget(logBox);
    bottom->addWidget(consoleBox);
    split->addWidget(bottom);
    split->setStretchFactor(0, 7);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_controller, &SimulationController::logLine, m_eventLog, &QPlainTextEdit::appendPlainText);
}

PlaygroundPage::~PlaygroundPage() = default;

void PlaygroundPage::ensureStarted()
{
    if (!m_controller->hasSimulation())
        reset();
}

void PlaygroundPage::reset()
{
    m_eventLog->clear();
    if (auto error
        = m_controller->loadPlayground(SimulationController::defaultPlaygroundScript(), QStringLiteral("playground")))
        m_eventLog->appendPlainText(error->toString());
}

void PlaygroundPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    ensureStarted();
    if (!m_autoPlayed) {
        // The first visit starts the clock so the traffic is visible at once.
        m_autoPlayed = true;
        m_controller->play();
    }
}

} // namespace kafkalab::app
