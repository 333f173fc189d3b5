#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QWidget>

class QTimer;

namespace kafkalab::app {

/**
 * What a teacher points with in presenter mode, drawn over the whole window without taking any
 * input: a ring that pulses where they click (on by default), a laser dot with a short trail that
 * follows the mouse (L), and a blank screen (B or ., as clickers send) to pull the class's eyes
 * back. The ring and the dot have a dark outline, so they read on light and dark themes and do
 * not depend on colour alone.
 */
class PresenterOverlay final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresenterOverlay)

public:
    /** Covers `window` and follows its size; inactive (and invisible) until setActive(true). */
    explicit PresenterOverlay(QWidget *window);
    ~PresenterOverlay() override;

    void setActive(bool active);
    [[nodiscard]] bool isActive() const noexcept { return m_active; }
    void setLaser(bool on);
    [[nodiscard]] bool laser() const noexcept { return m_laser; }
    void toggleLaser() { setLaser(!m_laser); }
    void setBlank(bool on);
    [[nodiscard]] bool blank() const noexcept { return m_blank; }
    void toggleBlank() { setBlank(!m_blank); }
    /** Pulses a ring at `pos` (window coordinates), as a click does. */
    void highlight(const QPointF &pos);
    [[nodiscard]] int activeHighlights() const { return static_cast<int>(m_rings.size()); }
    /** A one-line hint along the bottom edge for a few seconds (the keys, when presenter mode starts). */
    void showHint(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    struct Mark
    {
        QPointF pos;
        qint64 bornMs = 0;
    };

    void animate();
    void ensureAnimating();

    QWidget *m_window;
    QTimer *m_frame;
    QElapsedTimer m_clock;
    QList<Mark> m_rings;
    QList<Mark> m_trail;
    bool m_active = false;
    bool m_laser = false;
    bool m_blank = false;
    QString m_hint;
    qint64 m_hintUntilMs = 0;
};

} // namespace kafkalab::app
