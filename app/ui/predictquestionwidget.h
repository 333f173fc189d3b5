#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;

namespace kafkalab::quiz {
struct Question;
}

namespace kafkalab::app {

class SimulationController;
class SimulationViews;

/**
 * A predict question's scenario in the simulation views (DESIGN §5): the broker runs it to its
 * `pause` while the learner watches, takes the prediction there, then shows the simulator's own
 * answer to the question's query and plays on for a while so the consequences are visible.
 */
class PredictQuestionWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PredictQuestionWidget)

public:
    explicit PredictQuestionWidget(QWidget *parent = nullptr);
    ~PredictQuestionWidget() override;

    /** Loads a question and plays its scenario to the pause (a question already loaded is kept). */
    void load(const quiz::Question &question);
    /** Runs to the pause at once. */
    void skipToPause();
    /** Starts the scenario again. */
    void replay();
    /** After the answer: evaluates the query at the pause and plays on. */
    void reveal();

    [[nodiscard]] bool atPause() const;
    [[nodiscard]] bool isRevealed() const noexcept { return m_revealed; }
    /** The simulator's answer once revealed. */
    [[nodiscard]] QString truth() const { return m_truth; }
    [[nodiscard]] QString questionId() const { return m_questionId; }
    [[nodiscard]] SimulationController *controller() const noexcept { return m_controller; }

Q_SIGNALS:
    void reachedPause();
    void revealed(const QString &truth);

private:
    void start();
    void updateStatus();

    SimulationController *m_controller;
    SimulationViews *m_views = nullptr;
    QLabel *m_narration = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_skip = nullptr;
    QPushButton *m_replay = nullptr;
    QString m_questionId;
    QString m_scenario;
    QString m_query;
    QString m_truth;
    QString m_error;
    QStringList m_said;
    bool m_revealed = false;
    bool m_revealing = false;
};

} // namespace kafkalab::app
