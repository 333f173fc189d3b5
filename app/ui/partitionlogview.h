#pragma once

#include <QWidget>

namespace kafkalab::app {

class StateSource;

/**
 * One partition's log as a row of cells: each record coloured by its key with the key and offset
 * written on it, COMMIT/ABORT markers as dark cells, aborted records greyed and struck through,
 * records above the high watermark hatched. Cursors above mark each group's committed offset and
 * each consumer's position; markers below give log start, HW, LSO and LEO, and one bar per
 * replica shows how far its log reaches.
 */
class PartitionLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartitionLogView)

public:
    explicit PartitionLogView(StateSource *source, QWidget *parent = nullptr);
    ~PartitionLogView() override;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    StateSource *m_source;
};

} // namespace kafkalab::app
