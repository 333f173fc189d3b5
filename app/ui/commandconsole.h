#pragma once

#include <QRect>
#include <QStringList>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStringListModel;

namespace kafkalab::app {

class SimulationController;

/**
 * A command line for the scenario language: each line is parsed against the running scenario's
 * names and executed by its runner. History with Up/Down, completion of command words and names,
 * and errors shown inline with a caret under the column.
 */
class CommandConsole final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandConsole)

public:
    explicit CommandConsole(SimulationController *controller, QWidget *parent = nullptr);
    ~CommandConsole() override;

    /** Runs a line as if typed; returns true if it ran without error. */
    bool submit(const QString &line);
    [[nodiscard]] QLineEdit *input() const noexcept { return m_input; }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QStringList history() const { return m_history; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshCompletions();
    [[nodiscard]] QRect completionRect() const;
    void showHistory(int delta);

    SimulationController *m_controller;
    QPlainTextEdit *m_output = nullptr;
    QLineEdit *m_input = nullptr;
    QLabel *m_error = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_words = nullptr;
    QStringList m_history;
    int m_historyIndex = 0;
};

} // namespace kafkalab::app
