#include "pagewidgets.h"

#include <QEvent>
#include <QFrame>

namespace kafkalab::app {

WrappingLabel::WrappingLabel(const QString &text, QWidget *parent)
    : QLabel(text, parent)
{
    setWordWrap(true);
}

WrappingLabel::~WrappingLabel() = default;

int WrappingLabel::heightForWidth(int width) const
{
    if (text() != m_text || font() != m_font) {
        m_heights.clear();
        m_text = text();
        m_font = font();
    }
    const auto known = m_heights.constFind(width);
    if (known != m_heights.constEnd())
        return *known;
    if (m_heights.size() >= 16) // a window being resized asks for every width on the way
        m_heights.clear();
    const int height = QLabel::heightForWidth(width);
    m_heights.insert(width, height);
    return height;
}

void WrappingLabel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::StyleChange || event->type() == QEvent::ContentsRectChange)
        m_heights.clear();
    QLabel::changeEvent(event);
}

QLabel *scaledLabel(const QString &text, QWidget *parent, double scale, bool bold, Wrap wrap)
{
    QLabel *label = wrap == Wrap::Yes ? new WrappingLabel(text, parent) : new QLabel(text, parent);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    f.setBold(bold);
    label->setFont(f);
    return label;
}

QFrame *card(QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    frame->setBackgroundRole(QPalette::Base);
    return frame;
}

} // namespace kafkalab::app
