#include "mainwindow.h"

#include <QAction>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>

namespace kafkalab::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Kafka Lab"));
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(180);
    m_pages = new QStackedWidget(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    const auto placeholderFree = [this](const QString &text) {
        auto *label = new QLabel(text, m_pages);
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        return label;
    };
    addPage(Page::Home, tr("Home"), placeholderFree(tr("Kafka Lab — learn Kafka with a live mini broker.")));
    addPage(Page::Lessons, tr("Lessons"), placeholderFree(tr("Lessons run scenario scripts step by step.")));
    addPage(Page::Playground, tr("Playground"), placeholderFree(tr("Free simulation of a Kafka cluster.")));
    addPage(Page::Quiz, tr("Quiz"), placeholderFree(tr("Practice, mock interviews and reviews.")));
    addPage(Page::Progress, tr("Progress"), placeholderFree(tr("Your scores over time.")));
    addPage(Page::Settings, tr("Settings"), placeholderFree(tr("Profiles, theme and font size.")));

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page page, const QString &title, QWidget *widget)
{
    const int index = static_cast<int>(page);
    m_navigation->insertItem(index, title);
    m_pages->insertWidget(index, widget);
    auto *action = new QAction(title, this);
    action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
    connect(action, &QAction::triggered, this, [this, page] { showPage(page); });
    addAction(action);
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(static_cast<int>(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

} // namespace kafkalab::app
