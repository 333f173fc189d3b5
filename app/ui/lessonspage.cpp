#include "lessonspage.h"

#include <algorithm>
#include <climits>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/ui/pagewidgets.h"
#include "app/ui/simulationcontroller.h"
#include "app/ui/simulationtoolbar.h"
#include "app/ui/simulationviews.h"
#include "app/ui/homepage.h"
#include "app/ui/quizcontent.h"
#include "app/ui/theme.h"
#include "core/scenario/script.h"
#include "quiz/questionbank.h"

namespace kafkalab::app {
namespace {

QString lessonTitle(const QByteArray &text, const QString &fallback)
{
    // The first `title "…"` line; the full parse happens when the lesson opens.
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(u"title ")) {
            QString t = line.mid(6).trimmed();
            if (t.startsWith(u'"') && t.endsWith(u'"') && t.size() >= 2)
                t = t.mid(1, t.size() - 2);
            return t;
        }
    }
    return fallback;
}

/** Lesson text is shown as written: narration may contain '<' and '>' (acks=all < …). */
QLabel *plainLabel(const QString &text, QWidget *parent, double scale, bool bold)
{
    QLabel *label = scaledLabel(text, parent, scale, bold);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

std::optional<QString> LessonsPage::builtInLessonTitle(const QString &id)
{
    // An id is a file name without its extension: nothing that could leave the folder.
    if (id.isEmpty() || id.contains(u'/') || id.contains(u'\\'))
        return std::nullopt;
    QFile file(QDir(quiz::QuestionBank::builtInLessonsPath()).filePath(id + QStringLiteral(".kls")));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return lessonTitle(file.readAll(), id);
}

const QList<LessonEntry> &LessonsPage::builtInLessons()
{
    // Read once: this page and every lesson link (QuizContent::lessonTitles) need them, and the
    // compiled-in resources never change.
    static const QList<LessonEntry> lessons = [] {
        QList<LessonEntry> out;
        const QDir dir(quiz::QuestionBank::builtInLessonsPath());
        const QStringList files = dir.entryList({QStringLiteral("*.kls")}, QDir::Files, QDir::Name);
        for (const QString &name : files) {
            const QString id = QFileInfo(name).completeBaseName();
            if (const std::optional<QString> title = builtInLessonTitle(id))
                out.append({id, *title, dir.filePath(name)});
        }
        return out;
    }();
    return lessons;
}

namespace {

/**
 * The lessons as a learning path: in the order of the interview questions (seed 000) they show,
 * Q1 first, then the worked examples by title. The file names' order meant nothing to a learner.
 */
void sortAsLearningPath(QList<LessonEntry> &lessons)
{
    const QHash<QString, int> &number = QuizContent::lessonQuestionNumbers();
    std::stable_sort(lessons.begin(), lessons.end(), [&number](const LessonEntry &a, const LessonEntry &b) {
        const int na = number.value(a.id, INT_MAX);
        const int nb = number.value(b.id, INT_MAX);
        if (na != nb)
            return na < nb;
        return a.title.localeAwareCompare(b.title) < 0;
    });
}

} // namespace

LessonsPage::LessonsPage(QWidget *parent)
    : QWidget(parent)
    , m_controller(new SimulationController(this))
    , m_lessons(builtInLessons())
{
    sortAsLearningPath(m_lessons);
    const QHash<QString, int> &questionNumber = QuizContent::lessonQuestionNumbers();
    setObjectName(QStringLiteral("lessonsPage"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    layout->addWidget(split);

    // Left: the lesson list, then the player's narration and controls.
    auto *left = new QWidget(split);
    left->setMinimumWidth(300);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    header->addWidget(plainLabel(tr("Lessons"), left, 1.3, true), 1);
    // Once a lesson runs, the list folds away so the narration gets the room; this brings it back.
    m_listToggle = new QToolButton(left);
    m_listToggle->setObjectName(QStringLiteral("lessonListToggle"));
    m_listToggle->setCheckable(true);
    m_listToggle->setChecked(true);
    m_listToggle->setText(tr("☰ All lessons"));
    m_listToggle->setToolTip(tr("Show or hide the list of lessons"));
    m_listToggle->setToolButtonStyle(Qt::ToolButtonTextOnly);
    header->addWidget(m_listToggle);
    leftLayout->addLayout(header);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setTextElideMode(Qt::ElideRight);
    for (const LessonEntry &lesson : m_lessons) {
        const int number = questionNumber.value(lesson.id);
        auto *item
            = new QListWidgetItem(number > 0 ? tr("Q%1 · %2").arg(number).arg(lesson.title) : lesson.title, m_list);
        item->setData(Qt::UserRole, lesson.id);
        item->setToolTip(number > 0 ? tr("%1 · shows interview question %2").arg(lesson.id).arg(number)
                                    : tr("%1 · a worked example").arg(lesson.id));
    }
    leftLayout->addWidget(m_list, 3);
    if (m_lessons.isEmpty()) {
        m_list->hide();
        auto *empty = plainLabel(tr("No lessons are built into this version yet.\n\n"
                                    "Lessons are narrated scenario scripts (content/lessons/*.kls). They appear here "
                                    "as soon as they are added to the build.\n\n"
                                    "Meanwhile, try the Playground (Ctrl+3) or open any scenario with\n"
                                    "kafkalab --scenario FILE.kls"),
            left, 1.05, false);
        empty->setObjectName(QStringLiteral("lessonsEmpty"));
        empty->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        empty->setMargin(10);
        empty->setAutoFillBackground(true);
        empty->setBackgroundRole(QPalette::Base);
        leftLayout->addWidget(empty, 2);
    }

    auto *playerBox = new QWidget(left);
    auto *playerLayout = new QVBoxLayout(playerBox);
    playerLayout->setContentsMargins(0, 6, 0, 0);
    m_title = plainLabel(QString(), playerBox, 1.5, true);
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    playerLayout->addWidget(m_title);
    m_questions = new QLabel(playerBox);
    m_questions->setObjectName(QStringLiteral("lessonQuestions"));
    m_questions->setWordWrap(true);
    m_questions->setTextFormat(Qt::RichText);
    m_questions->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_questions->setFocusPolicy(Qt::TabFocus);
    m_questions->hide();
    playerLayout->addWidget(m_questions);
    m_narration = plainLabel(tr("Choose a lesson to begin."), playerBox, 1.25, false);
    m_narration->setObjectName(QStringLiteral("narration"));
    m_narration->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_narration->setMargin(10);
    m_narration->setAutoFillBackground(true);
    m_narration->setBackgroundRole(QPalette::Base);
    auto *scroll = new QScrollArea(playerBox);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_narration);
    scroll->setFrameShape(QFrame::StyledPanel);
    playerLayout->addWidget(scroll, 3);
    m_continue = new QPushButton(tr("Continue ▶  (Space)"), playerBox);
    m_continue->setObjectName(QStringLiteral("continue"));
    QFont bf = m_continue->font();
    bf.setPointSizeF(bf.pointSizeF() * 1.15);
    bf.setBold(true);
    m_continue->setFont(bf);
    m_continue->setMinimumHeight(QFontMetrics(bf).height() * 2);
    m_continue->setToolTip(tr("Run the lesson to its next pause (Space or Page Down)"));
    playerLayout->addWidget(m_continue);
    auto *buttons = new QHBoxLayout;
    m_stepCommand = new QPushButton(tr("Next command ›"), playerBox);
    m_stepCommand->setObjectName(QStringLiteral("stepCommand"));
    m_stepCommand->setToolTip(tr("Run only the lesson's next command, to watch its effect on its own"));
    m_restart = new QPushButton(tr("Restart"), playerBox);
    m_restart->setObjectName(QStringLiteral("restart"));
    buttons->addWidget(m_stepCommand, 1);
    buttons->addWidget(m_restart, 1);
    playerLayout->addLayout(buttons);
    m_progress = new QLabel(playerBox);
    m_progress->setObjectName(QStringLiteral("lessonProgress"));
    playerLayout->addWidget(m_progress);
    m_checksLabel = plainLabel(tr("Checks"), playerBox, 1.0, true);
    playerLayout->addWidget(m_checksLabel);
    m_expects = new QListWidget(playerBox);
    m_expects->setObjectName(QStringLiteral("expectations"));
    playerLayout->addWidget(m_expects, 1);
    m_reveal = new QPushButton(playerBox);
    m_reveal->setObjectName(QStringLiteral("revealChecks"));
    m_reveal->setToolTip(tr("The checks answer the pause's question; presenter mode hides them until you reveal them"));
    m_reveal->hide();
    playerLayout->addWidget(m_reveal);
    leftLayout->addWidget(playerBox, 4);

    // Right: toolbar and views.
    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_toolbar = new SimulationToolbar(m_controller, right);
    rightLayout->addWidget(m_toolbar);
    rightLayout->addWidget(m_toolbar->timelineRow());
    m_views = new SimulationViews(m_controller, right);
    rightLayout->addWidget(m_views, 1);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setSizes({340, 900});

    connect(m_list, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { openLesson(item->data(Qt::UserRole).toString()); });
    connect(m_list, &QListWidget::itemClicked, this,
        [this](QListWidgetItem *item) { openLesson(item->data(Qt::UserRole).toString()); });
    connect(m_continue, &QPushButton::clicked, this, &LessonsPage::continueOrToggle);
    connect(m_stepCommand, &QPushButton::clicked, this, &LessonsPage::stepCommand);
    connect(m_reveal, &QPushButton::clicked, this, &LessonsPage::revealChecks);
    connect(m_listToggle, &QToolButton::toggled, this, [this](bool on) { m_list->setVisible(on); });
    connect(m_questions, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(u"question:"))
            Q_EMIT questionRequested(link.mid(9));
    });
    connect(m_restart, &QPushButton::clicked, this, [this] {
        if (!m_currentText.isEmpty())
            openScript(m_currentText, m_currentFile, m_currentTitle);
    });
    connect(m_controller, &SimulationController::narration, this,
        [this](SimulationController::NarrationKind kind, const QString &text, int) {
            onNarration(static_cast<int>(kind), text);
        });
    connect(m_controller, &SimulationController::expectation, this, [this](const ExpectResult &r) {
        auto *item = new QListWidgetItem(m_expects);
        const QString check = r.query + u' ' + r.op + u' ' + r.expected;
        item->setText(r.passed ? QString(QStringLiteral("✔  ") + check)
                               : QString(QStringLiteral("✘  ") + check + tr("   (got %1)").arg(r.actual)));
        item->setForeground(r.passed ? Theme::leader(palette()) : Theme::danger(palette()));
        item->setToolTip(tr("line %1").arg(r.line));
        m_expects->scrollToBottom();
        updateControls();
    });
    connect(m_controller, &SimulationController::commandFailed, this,
        [this](const ControllerError &e) { showError(e.toString()); });
    connect(m_controller, &SimulationController::lessonStateChanged, this, &LessonsPage::updateControls);
    connect(m_controller, &SimulationController::playingChanged, this, &LessonsPage::updateControls);
    updateControls();
}

LessonsPage::~LessonsPage() = default;

int LessonsPage::lessonCount() const
{
    return static_cast<int>(m_lessons.size());
}

bool LessonsPage::openLesson(const QString &id)
{
    for (const LessonEntry &lesson : m_lessons) {
        if (lesson.id != id)
            continue;
        QFile file(lesson.path);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const auto error = openScript(QString::fromUtf8(file.readAll()),
            QStringLiteral("content/lessons/") + id + QStringLiteral(".kls"), lesson.title);
        for (int i = 0; i < m_list->count(); ++i)
            if (m_list->item(i)->data(Qt::UserRole).toString() == id)
                m_list->setCurrentRow(i);
        if (!error)
            HomePage::rememberLesson(id);
        return !error;
    }
    return false;
}

std::optional<ControllerError> LessonsPage::openScript(const QString &text, const QString &file, const QString &title)
{
    m_currentText = text;
    m_currentFile = file;
    m_currentTitle = title;
    m_paragraphs.clear();
    m_questionIds.clear();
    updateQuestionLinks();
    m_expects->clear();
    m_checksRevealed = false;
    m_title->setText(title);
    if (auto error = m_controller->loadLesson(text, file)) {
        showError(error->toString());
        updateControls();
        return error;
    }
    m_narration->setText(tr("Press Continue (Space) to start."));
    setListVisible(false);
    // Run up to the first pause so the learner starts with the scene set.
    m_controller->continueLesson();
    updateControls();
    return std::nullopt;
}

void LessonsPage::continueOrToggle()
{
    if (m_controller->mode() != SimulationController::Mode::Lesson)
        return;
    if (m_controller->lessonWaiting()) {
        m_paragraphs.clear();
        m_checksRevealed = false;
        m_controller->continueLesson();
    } else if (!m_controller->lessonFinished()) {
        m_controller->togglePlay();
    }
    updateControls();
}

QString LessonsPage::narrationText() const
{
    return m_narration->text().remove(QChar(0x200B));
}

void LessonsPage::onNarration(int kind, const QString &text)
{
    switch (static_cast<SimulationController::NarrationKind>(kind)) {
    case SimulationController::NarrationKind::Title:
        m_title->setText(text);
        return;
    case SimulationController::NarrationKind::Say:
        m_paragraphs.append(text);
        break;
    case SimulationController::NarrationKind::Question:
        if (!m_questionIds.contains(text)) {
            m_questionIds.append(text);
            updateQuestionLinks();
        }
        return;
    case SimulationController::NarrationKind::Pause:
        m_paragraphs.append(tr("❚❚ Pause: what do you expect to happen next? Press Continue when ready."));
        break;
    case SimulationController::NarrationKind::Focus:
        return; // the controller moves the views
    }
    // Config names (partition.assignment.strategy=cooperative-sticky) are long single words: allow
    // a line break after their dots, equals signs and commas rather than scroll sideways.
    QString shown = m_paragraphs.join(QStringLiteral("\n\n"));
    for (const QChar c : {u'.', u'=', u','})
        shown.replace(QRegularExpression(QStringLiteral("\\%1(?=\\S)").arg(c)), QString(c) + QChar(0x200B));
    m_narration->setText(shown);
}

void LessonsPage::showError(const QString &text)
{
    QPalette pal = m_narration->palette();
    pal.setColor(QPalette::WindowText, Theme::danger(palette()));
    m_narration->setPalette(pal);
    m_narration->setText(tr("This scenario has an error and stopped:\n\n%1").arg(text));
}

void LessonsPage::updateControls()
{
    const bool lesson = m_controller->mode() == SimulationController::Mode::Lesson;
    const bool hide = checksHidden();
    m_expects->setVisible(!hide);
    m_reveal->setVisible(hide && m_expects->count() > 0);
    m_reveal->setText(
        m_expects->count() == 1 ? tr("Reveal the check  (R)") : tr("Reveal %1 checks  (R)").arg(m_expects->count()));
    if (!lesson) {
        m_stepCommand->setEnabled(false);
        m_continue->setEnabled(false);
        m_restart->setEnabled(!m_currentText.isEmpty());
        m_progress->setText(QString());
        return;
    }
    if (m_narration->palette().color(QPalette::WindowText) == Theme::danger(palette())
        && !m_narration->text().startsWith(tr("This scenario")))
        m_narration->setPalette(palette());
    m_restart->setEnabled(true);
    const bool finished = m_controller->lessonFinished();
    m_continue->setEnabled(!finished);
    m_stepCommand->setEnabled(!finished && m_controller->lessonWaiting());
    if (finished)
        m_continue->setText(tr("Lesson complete ✓"));
    else if (m_controller->lessonWaiting())
        m_continue->setText(tr("Continue ▶  (Space)"));
    else
        m_continue->setText(m_controller->isPlaying() ? tr("Playing… (Space pauses)") : tr("Resume ▶  (Space)"));
    m_progress->setText(
        tr("Step %1 of %2").arg(m_controller->lessonCommandIndex()).arg(m_controller->lessonCommandCount()));
}

void LessonsPage::stepCommand()
{
    if (m_controller->mode() != SimulationController::Mode::Lesson || !m_controller->lessonWaiting())
        return;
    m_paragraphs.clear();
    m_checksRevealed = false;
    m_controller->stepLessonCommand();
    updateControls();
}

void LessonsPage::setPresenterMode(bool on)
{
    m_presenter = on;
    updateControls();
}

bool LessonsPage::checksHidden() const
{
    return m_presenter && !m_checksRevealed;
}

void LessonsPage::revealChecks()
{
    m_checksRevealed = true;
    updateControls();
}

void LessonsPage::setListVisible(bool visible)
{
    m_listToggle->setChecked(visible); // toggled() shows or hides the list
    m_list->setVisible(visible);
}

void LessonsPage::updateQuestionLinks()
{
    if (m_questionIds.isEmpty()) {
        m_questions->clear();
        m_questions->hide();
        return;
    }
    const quiz::QuestionBank &bank = QuizContent::bank();
    const QString link = palette().color(QPalette::Link).name();
    QStringList items;
    for (const QString &id : std::as_const(m_questionIds)) {
        QString label = id;
        if (const quiz::Question *q = bank.find(id)) {
            // The prompt's first sentence, short: the link should say what the question asks.
            QString prompt = q->prompt.section(u'\n', 0, 0).remove(u'*').remove(u'`').trimmed();
            if (const qsizetype end = prompt.indexOf(u'?'); end > 0)
                prompt = prompt.left(end + 1);
            if (prompt.size() > 60)
                prompt = prompt.left(57).trimmed() + QStringLiteral("…");
            label = q->number ? tr("Q%1 · %2").arg(*q->number).arg(prompt) : prompt;
        }
        items.append(QStringLiteral("<li><a style=\"color:%1\" href=\"question:%2\">%3</a></li>")
                         .arg(link, id.toHtmlEscaped(), label.toHtmlEscaped()));
    }
    m_questions->setText(
        tr("<b>Interview questions</b><ul style=\"margin-left:-20px\">%1</ul>").arg(items.join(QString())));
    m_questions->setToolTip(tr("Open the question on the Quiz page"));
    m_questions->show();
}

} // namespace kafkalab::app
