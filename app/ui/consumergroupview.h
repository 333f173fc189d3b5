#pragma once

#include <QWidget>

namespace kafkalab::app {

class SimulationController;

/** Consumer groups: state, generation and protocol, each member with its partitions, lag per partition. */
class ConsumerGroupView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerGroupView)

public:
    explicit ConsumerGroupView(SimulationController *controller, QWidget *parent = nullptr);
    ~ConsumerGroupView() override;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    SimulationController *m_controller;
};

} // namespace kafkalab::app
