#pragma once

#include <QHash>
#include <QLabel>
#include <QString>

class QFrame;
class QWidget;

namespace kafkalab::app {

/**
 * A QLabel that remembers its height for the last width asked. Layouts ask a word-wrapped label
 * for heightForWidth many times while they settle (for the minimum, the hint and the final
 * geometry, at each level of nesting), and QLabel lays its text out again every time: on the
 * Home page that was most of the start-up's layout time.
 */
class WrappingLabel : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WrappingLabel)

public:
    explicit WrappingLabel(const QString &text = QString(), QWidget *parent = nullptr);
    ~WrappingLabel() override;

    [[nodiscard]] int heightForWidth(int width) const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    // Heights by width, for this text and font: layouts ask for several widths, over and over,
    // while a window is laid out. A change of style or margins forgets them.
    mutable QHash<int, int> m_heights;
    mutable QString m_text;
    mutable QFont m_font;
};

/** Whether a label's text may wrap onto several lines. */
enum class Wrap { No, Yes };

/**
 * The pages' label: the inherited font scaled by `scale`, bold or not; wrapping labels are
 * WrappingLabels. Rich text is detected as by QLabel (Qt::AutoText).
 */
QLabel *scaledLabel(const QString &text, QWidget *parent, double scale, bool bold, Wrap wrap = Wrap::Yes);

/**
 * The pages' grouping box: a framed panel filled with the Base colour, so it stands out from the
 * window in every scheme (the theme's style outlines it in the dark and high-contrast ones).
 */
QFrame *card(QWidget *parent);

} // namespace kafkalab::app
