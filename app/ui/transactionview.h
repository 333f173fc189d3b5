#pragma once

#include <QList>
#include <QPair>
#include <QRectF>
#include <QWidget>

namespace kafkalab::app {

class StateSource;
struct TransactionInfo;

/**
 * Transactions: on the left the transaction coordinator's state machine for a transactional.id
 * (Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, Dead,
 * PrepareEpochFence) with the current state filled, outlined in bold and labelled "now", its
 * producer id and epoch, partitions, markers, and the producer instances using the id (a zombie
 * with an older epoch is marked as fenced). On the right, a read_committed and a read_uncommitted
 * reader side by side over the focused partition: what each returns, what read_committed skips
 * (aborted data) or waits for (at the LSO), and the markers neither returns.
 */
class TransactionView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionView)

public:
    explicit TransactionView(StateSource *source, QWidget *parent = nullptr);
    ~TransactionView() override;

    /** Shows the transactional.id this producer uses in full (a lesson's `focus producer:NAME`). */
    void setSelectedProducer(const QString &producer);
    /** The transactional.id drawn in full, empty when there is none. */
    [[nodiscard]] QString currentTransactionalId() const;
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    [[nodiscard]] const TransactionInfo *current() const;
    void paintTransaction(QPainter &p, const TransactionInfo &txn, const QRectF &area);
    void paintDiagram(QPainter &p, const TransactionInfo &txn, const QRectF &area);
    void paintReaders(QPainter &p, const QRectF &area);

    StateSource *m_source;
    QString m_selectedId;
    QString m_selectedProducer;
    QList<QPair<QString, QRectF>> m_summaryRects;
};

} // namespace kafkalab::app
