#pragma once

#include <QList>
#include <QPair>
#include <QRectF>
#include <QWidget>

class QMenu;

namespace kafkalab::app {

class StateSource;

/**
 * Brokers as boxes holding their replicas. A leader replica shows a crown and "L" on a filled
 * chip; in-sync followers a tick; out-of-sync followers a cross on a dashed chip. Dead, isolated
 * and fenced brokers have their own outline, label and colour; the controller has a badge. Under
 * replicated and offline partitions are listed below. Right-click a broker for fault actions.
 */
class ClusterView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterView)

public:
    explicit ClusterView(StateSource *source, QWidget *parent = nullptr);
    ~ClusterView() override;

    /** The broker whose box contains `pos`, or -1. */
    [[nodiscard]] int brokerAt(const QPointF &pos) const;
    /** The context menu for a broker (crash, restart, isolate, heal, slow), owned by `parent`. */
    QMenu *createBrokerMenu(int broker, QWidget *parent);
    void setShowInternalTopics(bool show);
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    StateSource *m_source;
    QList<QPair<int, QRectF>> m_brokerRects;
    QList<QPair<QString, QRectF>> m_chipRects;
    bool m_showInternal = false;
};

} // namespace kafkalab::app
