#pragma once

#include <QList>
#include <QPair>
#include <QRectF>
#include <QWidget>

namespace kafkalab::app {

class StateSource;
struct ProducerInfo;

/**
 * A producer's pipeline, one lane per producer: partitioner → accumulator batches filling (bytes
 * against batch.size, age against linger.ms) → in-flight requests per broker connection (against
 * max.in.flight.requests.per.connection) → acknowledgements. Batches show their sequence numbers
 * and epoch (idempotence), retries, and a warning when a retry will write records a second time.
 * Producers that do not fit are listed in one line each; click one (or a lesson's
 * `focus producer:NAME`) to bring it to the top.
 */
class ProducerPipelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProducerPipelineView)

public:
    explicit ProducerPipelineView(StateSource *source, QWidget *parent = nullptr);
    ~ProducerPipelineView() override;

    /** The producer drawn first (and always in full); empty for the source's order. */
    void setSelectedProducer(const QString &name);
    [[nodiscard]] QString selectedProducer() const { return m_selected; }
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void paintLane(QPainter &p, const ProducerInfo &producer, const QRectF &lane);

    StateSource *m_source;
    QString m_selected;
    QList<QPair<QString, QRectF>> m_summaryRects;
};

} // namespace kafkalab::app
