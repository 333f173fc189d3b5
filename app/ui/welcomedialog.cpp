#include "welcomedialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "app/ui/profilemanager.h"

namespace kafkalab::app {
namespace {

QPushButton *choice(const QString &title, const QString &text, QWidget *parent, const QString &objectName)
{
    auto *button = new QPushButton(title + u'\n' + text, parent);
    button->setObjectName(objectName);
    button->setMinimumHeight(button->fontMetrics().height() * 3 + 12);
    button->setStyleSheet(QStringLiteral("text-align: left; padding: 6px 14px;"));
    return button;
}

} // namespace

WelcomeDialog::WelcomeDialog(const QString &profile, const QString &firstLessonTitle, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("welcomeDialog"));
    setWindowTitle(tr("Welcome to Kafka Lab"));
    setModal(false);
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 22, 28, 18);
    layout->setSpacing(12);
    auto *title = new QLabel(tr("Welcome to Kafka Lab"), this);
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.6);
    tf.setBold(true);
    title->setFont(tf);
    layout->addWidget(title);
    const QString who = profile == ProfileManager::defaultProfileName()
        ? QString()
        : tr(" Your answers are kept in the profile <b>%1</b>.").arg(profile.toHtmlEscaped());
    auto *text = new QLabel(tr("Learn Apache Kafka with a live mini broker running inside this window, narrated "
                               "lessons, and a quiz that schedules your reviews.%1 Where would you like to start?")
                                .arg(who),
        this);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *diagnostic = choice(tr("Take the diagnostic mock interview"),
        tr("Ten questions across the topics, timed: see what you know already."), this,
        QStringLiteral("welcomeDiagnostic"));
    auto *lesson = choice(tr("Start the first lesson"),
        firstLessonTitle.isEmpty() ? tr("A step-by-step scenario on the simulated broker.") : firstLessonTitle, this,
        QStringLiteral("welcomeLesson"));
    auto *playground = choice(tr("Open the playground"),
        tr("A running cluster to explore: crash brokers, add consumers, watch the lag."), this,
        QStringLiteral("welcomePlayground"));
    for (QPushButton *b : {diagnostic, lesson, playground})
        layout->addWidget(b);
    auto *hint = new QLabel(tr("You can see this again from Help › Show welcome."), this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    diagnostic->setFocus();
    diagnostic->setDefault(true);

    connect(diagnostic, &QPushButton::clicked, this, [this] {
        Q_EMIT diagnosticRequested();
        close();
    });
    connect(lesson, &QPushButton::clicked, this, [this] {
        Q_EMIT firstLessonRequested();
        close();
    });
    connect(playground, &QPushButton::clicked, this, [this] {
        Q_EMIT playgroundRequested();
        close();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    setMinimumWidth(fontMetrics().horizontalAdvance(QString(60, u'x')));
}

WelcomeDialog::~WelcomeDialog() = default;

} // namespace kafkalab::app
