#pragma once

#include <QWidget>

namespace kafkalab::app {

class StateSource;

/** Consumer groups: state, generation and protocol, each member with its partitions, lag per partition. */
class ConsumerGroupView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerGroupView)

public:
    explicit ConsumerGroupView(StateSource *source, QWidget *parent = nullptr);
    ~ConsumerGroupView() override;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    StateSource *m_source;
};

} // namespace kafkalab::app
