#include "commandconsole.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStringListModel>
#include <QVBoxLayout>

#include "app/ui/simulationcontroller.h"
#include "app/ui/theme.h"

namespace kafkalab::app {

CommandConsole::CommandConsole(SimulationController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("commandConsole"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("consoleOutput"));
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(2000);
    m_output->setPlaceholderText(tr("Type a scenario command below, e.g. crash broker 2 · produce p1 orders count=10 · "
                                    "advance 30s · expect leader orders-0 == 1"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF());
    m_output->setFont(mono);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("consoleError"));
    m_error->setFont(mono);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("consoleInput"));
    m_input->setFont(mono);
    m_input->setPlaceholderText(tr("› command (Tab completes, ↑/↓ history, Enter runs)"));
    m_input->setClearButtonEnabled(true);
    m_input->installEventFilter(this);
    m_output->setMinimumHeight(QFontMetrics(mono).height() * 3);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_input);

    m_words = new QStringListModel(this);
    m_completer = new QCompleter(m_words, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(m_input);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &word) {
        QString text = m_input->text();
        const qsizetype start = text.lastIndexOf(u' ') + 1;
        text = text.left(start) + word + (word.endsWith(u'=') ? QString() : QStringLiteral(" "));
        m_input->setText(text);
    });
    connect(m_input, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_error->hide();
        const QString word = text.mid(text.lastIndexOf(u' ') + 1);
        if (word.isEmpty()) {
            m_completer->popup()->hide();
            return;
        }
        m_completer->setCompletionPrefix(word);
        if (m_completer->completionCount() == 0
            || (m_completer->completionCount() == 1 && m_completer->currentCompletion() == word)) {
            m_completer->popup()->hide();
            return;
        }
        m_completer->complete(completionRect());
    });
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        if (m_completer->popup()->isVisible())
            return;
        const QString line = m_input->text();
        if (line.trimmed().isEmpty())
            return;
        if (submit(line))
            m_input->clear();
    });
    connect(m_controller, &SimulationController::logLine, this, [this](const QString &text) {
        if (text.startsWith(u'>'))
            m_output->appendPlainText(text);
    });
    connect(m_controller, &SimulationController::stateChanged, this, &CommandConsole::refreshCompletions);
    refreshCompletions();
}

CommandConsole::~CommandConsole() = default;

QString CommandConsole::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

bool CommandConsole::submit(const QString &line)
{
    if (m_history.isEmpty() || m_history.last() != line)
        m_history.append(line);
    m_historyIndex = static_cast<int>(m_history.size());
    const auto error = m_controller->executeLine(line);
    if (!error) {
        m_error->hide();
        return true;
    }
    // A caret under the column the parser or the runner named.
    const QString caret = QString(std::max(0, error->column - 1), u' ') + u'^';
    m_error->setText(line + u'\n' + caret + u'\n' + tr("column %1: %2").arg(error->column).arg(error->message));
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, Theme::danger(palette()));
    m_error->setPalette(pal);
    m_error->show();
    m_output->appendPlainText(tr("✗ %1 (column %2): %3").arg(line).arg(error->column).arg(error->message));
    m_input->setCursorPosition(std::clamp(error->column - 1, 0, static_cast<int>(line.size())));
    return false;
}

QRect CommandConsole::completionRect() const
{
    // Under the word being typed (QLineEdit::cursorRect is protected).
    const QString text = m_input->text();
    const int x = m_input->fontMetrics().horizontalAdvance(text.left(text.lastIndexOf(u' ') + 1)) + 6;
    return {x, 0, m_completer->popup()->sizeHintForColumn(0) + 24, m_input->height()};
}

void CommandConsole::refreshCompletions()
{
    QStringList words = SimulationController::commandWords();
    words += m_controller->names();
    for (const BrokerInfo &b : m_controller->cluster().brokers)
        words.append(QString::number(b.id));
    words.removeDuplicates();
    words.sort();
    if (words != m_words->stringList())
        m_words->setStringList(words);
}

void CommandConsole::showHistory(int delta)
{
    if (m_history.isEmpty())
        return;
    m_historyIndex = std::clamp(m_historyIndex + delta, 0, static_cast<int>(m_history.size()));
    m_input->setText(m_historyIndex < m_history.size() ? m_history[m_historyIndex] : QString());
}

bool CommandConsole::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress && !m_completer->popup()->isVisible()) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Up) {
            showHistory(-1);
            return true;
        }
        if (key->key() == Qt::Key_Down) {
            showHistory(+1);
            return true;
        }
        if (key->key() == Qt::Key_Tab) {
            const QString text = m_input->text();
            const QString word = text.mid(text.lastIndexOf(u' ') + 1);
            m_completer->setCompletionPrefix(word);
            if (m_completer->completionCount() > 0) {
                m_completer->complete(completionRect());
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace kafkalab::app
