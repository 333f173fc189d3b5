#include "quizanswerwidget.h"

#include <algorithm>

#include <QButtonGroup>
#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QShortcut>
#include <QVBoxLayout>

#include "app/ui/theme.h"
#include "quiz/quizsession.h"

namespace kafkalab::app {

using quiz::QuestionType;

namespace {

QString stripMarkdown(QString text)
{
    text.remove(u'`');
    text.replace(QStringLiteral("**"), QString());
    return text;
}

} // namespace

QuizAnswerWidget::QuizAnswerWidget(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("quizAnswer"));
    m_layout->setContentsMargins(0, 0, 0, 0);
}

QuizAnswerWidget::~QuizAnswerWidget() = default;

void QuizAnswerWidget::clear()
{
    if (m_body != nullptr) {
        // Deleted later: this may run from a signal of one of its buttons.
        m_body->hide();
        m_body->setParent(nullptr);
        m_body->deleteLater();
    }
    m_body = nullptr;
    m_group = nullptr;
    m_rows.clear();
    m_order = nullptr;
    m_up = nullptr;
    m_down = nullptr;
    m_orderMarks = nullptr;
    m_fill = nullptr;
    m_notes = nullptr;
    m_locked = false;
    m_touched = false;
}

void QuizAnswerWidget::setItem(const quiz::SessionItem &item)
{
    clear();
    m_question = item.question;
    m_displayOrder = item.displayOrder;
    m_body = new QWidget(this);
    m_layout->addWidget(m_body);
    switch (m_question.type) {
    case QuestionType::Single:
    case QuestionType::Predict:
        buildOptions(false);
        break;
    case QuestionType::Multi:
        buildOptions(true);
        break;
    case QuestionType::Order:
        buildOrder();
        break;
    case QuestionType::Fill: {
        auto *layout = new QVBoxLayout(m_body);
        layout->setContentsMargins(0, 0, 0, 0);
        m_fill = new QLineEdit(m_body);
        m_fill->setObjectName(QStringLiteral("fillAnswer"));
        m_fill->setPlaceholderText(tr("Type the missing words, then press Enter"));
        m_fill->setMinimumHeight(m_fill->fontMetrics().height() * 2);
        layout->addWidget(m_fill);
        connect(m_fill, &QLineEdit::textEdited, this, &QuizAnswerWidget::changed);
        connect(m_fill, &QLineEdit::returnPressed, this, &QuizAnswerWidget::submitRequested);
        break;
    }
    case QuestionType::Recall: {
        auto *layout = new QVBoxLayout(m_body);
        layout->setContentsMargins(0, 0, 0, 0);
        m_notes = new QPlainTextEdit(m_body);
        m_notes->setObjectName(QStringLiteral("recallNotes"));
        m_notes->setPlaceholderText(tr("Answer in your own words (optional): say it aloud or type a few notes. "
                                       "Then press Ctrl+Enter to compare with the key points."));
        m_notes->setTabChangesFocus(true);
        m_notes->setMinimumHeight(m_notes->fontMetrics().height() * 5);
        m_notes->setMaximumHeight(m_notes->fontMetrics().height() * 9);
        layout->addWidget(m_notes);
        connect(m_notes, &QPlainTextEdit::textChanged, this, &QuizAnswerWidget::changed);
        break;
    }
    }
    m_body->show();
}

void QuizAnswerWidget::buildOptions(bool multiple)
{
    auto *grid = new QGridLayout(m_body);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(6);
    // Short answers (a broker id, a state, a count) sit side by side, which leaves a predict
    // question's simulation more room; sentences get a row each.
    bool compact = m_displayOrder.size() <= 6;
    for (const quiz::QuestionOption &o : std::as_const(m_question.options))
        compact = compact && stripMarkdown(o.text).size() <= 24;
    const int columns = compact ? 2 : 1;
    const int optionRows = int((m_displayOrder.size() + columns - 1) / columns);
    for (int c = 0; c < columns; ++c)
        grid->setColumnStretch(c * 3 + 1, 1);
    if (!multiple) {
        m_group = new QButtonGroup(m_body);
        m_group->setExclusive(true);
    }
    for (int pos = 0; pos < m_displayOrder.size(); ++pos) {
        const int option = m_displayOrder.at(pos);
        const quiz::QuestionOption &o = m_question.options.at(option);
        OptionRow row;
        row.option = option;
        const QString number = QString::number(pos + 1);
        if (multiple)
            row.button = new QCheckBox(number, m_body);
        else
            row.button = new QRadioButton(number, m_body);
        row.button->setObjectName(QStringLiteral("option%1").arg(pos + 1));
        row.button->setAccessibleName(stripMarkdown(o.text));
        row.button->setToolTip(tr("Press %1 to pick this option").arg(number));
        row.button->installEventFilter(this);
        if (m_group != nullptr)
            m_group->addButton(row.button, pos);
        row.text = new QLabel(m_body);
        row.text->setTextFormat(Qt::MarkdownText);
        row.text->setText(o.text);
        row.text->setWordWrap(true);
        row.text->setMargin(3);
        row.text->setCursor(Qt::PointingHandCursor);
        row.text->installEventFilter(this);
        row.mark = new QLabel(m_body);
        row.mark->setObjectName(QStringLiteral("optionMark%1").arg(pos + 1));
        row.mark->hide();
        QFont bold = row.mark->font();
        bold.setBold(true);
        row.mark->setFont(bold);
        row.why = new QLabel(m_body);
        row.why->setWordWrap(true);
        row.why->setTextFormat(Qt::MarkdownText);
        QFont small = row.why->font();
        small.setItalic(true);
        row.why->setFont(small);
        row.why->hide();
        if (compact) {
            const int r = (pos / columns) * 2;
            const int c = (pos % columns) * 3;
            grid->addWidget(row.button, r, c, Qt::AlignTop);
            grid->addWidget(row.text, r, c + 1);
            grid->addWidget(row.mark, r + 1, c + 1, Qt::AlignTop | Qt::AlignLeft);
            // The explanations go below the options, a full row each, numbered like them.
            row.whyPrefix = QStringLiteral("**%1** · ").arg(number);
            grid->addWidget(row.why, optionRows * 2 + pos, 0, 1, columns * 3);
        } else {
            const int r = pos * 2;
            grid->addWidget(row.button, r, 0, Qt::AlignTop);
            grid->addWidget(row.text, r, 1);
            grid->addWidget(row.mark, r, 2, Qt::AlignTop | Qt::AlignRight);
            grid->addWidget(row.why, r + 1, 1, 1, 2);
        }
        connect(row.button, &QAbstractButton::clicked, this, &QuizAnswerWidget::changed);
        m_rows.append(row);
    }
}

void QuizAnswerWidget::buildOrder()
{
    auto *layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *hint
        = new QLabel(tr("Put the steps in order: select one and move it with Alt+↑ / Alt+↓ (or drag it)."), m_body);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    auto *row = new QHBoxLayout;
    m_order = new QListWidget(m_body);
    m_order->setObjectName(QStringLiteral("orderList"));
    m_order->setDragDropMode(QAbstractItemView::InternalMove);
    m_order->setDefaultDropAction(Qt::MoveAction);
    m_order->setWordWrap(true);
    m_order->setAlternatingRowColors(true);
    m_order->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (int pos = 0; pos < m_displayOrder.size(); ++pos) {
        const int option = m_displayOrder.at(pos);
        auto *item = new QListWidgetItem(m_order);
        item->setData(Qt::UserRole, option);
        item->setData(Qt::UserRole + 1, stripMarkdown(m_question.options.at(option).text));
    }
    renumberOrder();
    const int rowHeight = m_order->fontMetrics().height() * 2;
    m_order->setMinimumHeight(std::min<int>(int(m_displayOrder.size()), 8) * rowHeight + 8);
    m_order->setCurrentRow(0);
    row->addWidget(m_order, 1);
    auto *buttons = new QVBoxLayout;
    m_up = new QPushButton(tr("Move up\nAlt+↑"), m_body);
    m_up->setObjectName(QStringLiteral("orderUp"));
    m_down = new QPushButton(tr("Move down\nAlt+↓"), m_body);
    m_down->setObjectName(QStringLiteral("orderDown"));
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch(1);
    row->addLayout(buttons);
    layout->addLayout(row);
    m_orderMarks = new QLabel(m_body);
    m_orderMarks->setWordWrap(true);
    m_orderMarks->hide();
    layout->addWidget(m_orderMarks);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    auto *up = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Up), m_order, nullptr, nullptr, Qt::WidgetShortcut);
    auto *down = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Down), m_order, nullptr, nullptr, Qt::WidgetShortcut);
    connect(up, &QShortcut::activated, this, [this] { moveSelected(-1); });
    connect(down, &QShortcut::activated, this, [this] { moveSelected(1); });
    connect(m_order->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        renumberOrder();
        changed();
    });
}

void QuizAnswerWidget::renumberOrder()
{
    for (int i = 0; i < m_order->count(); ++i) {
        QListWidgetItem *item = m_order->item(i);
        item->setText(QStringLiteral("%1.  %2").arg(i + 1).arg(item->data(Qt::UserRole + 1).toString()));
    }
}

void QuizAnswerWidget::moveSelected(int delta)
{
    if (m_order == nullptr || m_locked)
        return;
    const int from = m_order->currentRow();
    const int to = from + delta;
    if (from < 0 || to < 0 || to >= m_order->count())
        return;
    QListWidgetItem *item = m_order->takeItem(from);
    m_order->insertItem(to, item);
    m_order->setCurrentRow(to);
    renumberOrder();
    changed();
}

void QuizAnswerWidget::markChoices()
{
    // The pick shows on the option's text too: a radio button's dot alone is faint in some themes.
    for (OptionRow &row : m_rows) {
        const bool on = row.button->isChecked();
        row.text->setAutoFillBackground(on);
        row.text->setBackgroundRole(on ? QPalette::Highlight : QPalette::Window);
        row.text->setForegroundRole(on ? QPalette::HighlightedText : QPalette::WindowText);
    }
}

void QuizAnswerWidget::changed()
{
    markChoices();
    if (m_restoring)
        return;
    m_touched = true;
    Q_EMIT answerChanged();
}

void QuizAnswerWidget::setAnswer(const quiz::Answer &answer)
{
    m_restoring = true;
    switch (m_question.type) {
    case QuestionType::Single:
    case QuestionType::Predict:
    case QuestionType::Multi:
        if (m_group != nullptr)
            m_group->setExclusive(false);
        for (OptionRow &row : m_rows)
            row.button->setChecked(answer.selected.contains(row.option));
        if (m_group != nullptr)
            m_group->setExclusive(true);
        markChoices();
        break;
    case QuestionType::Order:
        if (answer.order.size() == m_order->count()) {
            QList<QListWidgetItem *> items;
            while (m_order->count() > 0)
                items.append(m_order->takeItem(0));
            for (int option : answer.order)
                for (QListWidgetItem *item : items)
                    if (item->data(Qt::UserRole).toInt() == option)
                        m_order->addItem(item);
            renumberOrder();
            m_touched = true;
        }
        break;
    case QuestionType::Fill:
        m_fill->setText(answer.text);
        break;
    case QuestionType::Recall:
        m_notes->setPlainText(answer.text);
        break;
    }
    m_restoring = false;
}

quiz::Answer QuizAnswerWidget::answer() const
{
    quiz::Answer a;
    switch (m_question.type) {
    case QuestionType::Single:
    case QuestionType::Predict:
    case QuestionType::Multi:
        for (const OptionRow &row : m_rows)
            if (row.button->isChecked())
                a.selected.append(row.option);
        std::sort(a.selected.begin(), a.selected.end());
        break;
    case QuestionType::Order:
        if (m_order != nullptr)
            for (int i = 0; i < m_order->count(); ++i)
                a.order.append(m_order->item(i)->data(Qt::UserRole).toInt());
        break;
    case QuestionType::Fill:
        if (m_fill != nullptr)
            a.text = m_fill->text().trimmed();
        break;
    case QuestionType::Recall:
        if (m_notes != nullptr)
            a.text = m_notes->toPlainText().trimmed();
        break;
    }
    return a;
}

bool QuizAnswerWidget::isComplete() const
{
    const quiz::Answer a = answer();
    switch (m_question.type) {
    case QuestionType::Single:
    case QuestionType::Predict:
        return a.selected.size() == 1;
    case QuestionType::Multi:
        return !a.selected.isEmpty();
    case QuestionType::Fill:
        return !a.text.isEmpty();
    case QuestionType::Order:
    case QuestionType::Recall:
        return true;
    }
    return false;
}

void QuizAnswerWidget::setLocked(bool locked)
{
    m_locked = locked;
    for (OptionRow &row : m_rows)
        row.button->setEnabled(!locked);
    if (m_order != nullptr) {
        m_order->setDragDropMode(locked ? QAbstractItemView::NoDragDrop : QAbstractItemView::InternalMove);
        m_up->setEnabled(!locked);
        m_down->setEnabled(!locked);
    }
    if (m_fill != nullptr)
        m_fill->setReadOnly(locked);
    if (m_notes != nullptr)
        m_notes->setReadOnly(locked);
}

void QuizAnswerWidget::showGrade(const quiz::Grade &grade, bool explanations)
{
    const QColor right = Theme::leader(palette());
    const QColor wrong = Theme::danger(palette());
    for (OptionRow &row : m_rows) {
        if (row.option >= grade.options.size())
            continue;
        const quiz::OptionFeedback &f = grade.options.at(row.option);
        QString mark;
        if (f.correct)
            mark = f.selected ? tr("✔ right · your answer") : tr("✔ the right answer");
        else if (f.selected)
            mark = tr("✘ wrong · your answer");
        QPalette pal = row.mark->palette();
        pal.setColor(QPalette::WindowText, f.correct ? right : wrong);
        row.mark->setPalette(pal);
        row.mark->setText(mark);
        row.mark->setVisible(!mark.isEmpty());
        row.why->setText(f.why.isEmpty() ? QString() : row.whyPrefix + f.why);
        row.why->setVisible(explanations && !f.why.isEmpty());
    }
    if (m_order != nullptr) {
        int wrongSteps = 0;
        for (int i = 0; i < m_order->count(); ++i) {
            QListWidgetItem *item = m_order->item(i);
            const int option = item->data(Qt::UserRole).toInt();
            const bool ok = option == i;
            wrongSteps += ok ? 0 : 1;
            item->setText(ok ? QStringLiteral("✔ %1.  %2").arg(i + 1).arg(item->data(Qt::UserRole + 1).toString())
                             : tr("✘ %1.  %2   (step %3)")
                                   .arg(i + 1)
                                   .arg(item->data(Qt::UserRole + 1).toString())
                                   .arg(option + 1));
            item->setForeground(ok ? right : wrong);
        }
        m_orderMarks->setText(wrongSteps == 0 ? tr("Every step is in its place.")
                : wrongSteps == 1
                ? tr("One step is out of place; the number in brackets is where it belongs.")
                : tr("%1 steps are out of place; the number in brackets is where each belongs.").arg(wrongSteps));
        m_orderMarks->show();
    }
}

bool QuizAnswerWidget::activatePosition(int position)
{
    if (m_locked)
        return false;
    if (m_order != nullptr) {
        if (position < 0 || position >= m_order->count())
            return false;
        m_order->setCurrentRow(position);
        m_order->setFocus();
        return true;
    }
    if (position < 0 || position >= m_rows.size())
        return false;
    QAbstractButton *button = m_rows.at(position).button;
    if (m_group != nullptr)
        button->setChecked(true);
    else
        button->setChecked(!button->isChecked());
    button->setFocus();
    changed();
    return true;
}

void QuizAnswerWidget::focusInput()
{
    if (!m_rows.isEmpty())
        m_rows.front().button->setFocus();
    else if (m_order != nullptr)
        m_order->setFocus();
    else if (m_fill != nullptr)
        m_fill->setFocus();
    else if (m_notes != nullptr)
        m_notes->setFocus();
}

int QuizAnswerWidget::optionCount() const
{
    return m_order != nullptr ? m_order->count() : int(m_rows.size());
}

bool QuizAnswerWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // Space toggles the focused option here, not the simulation's play/pause of the window.
        if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space) {
            event->accept();
            return true;
        }
    }
    if (event->type() == QEvent::MouseButtonRelease && !m_locked) {
        for (OptionRow &row : m_rows) {
            if (row.text == watched && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
                // The option's text is part of its button.
                row.button->click();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace kafkalab::app
