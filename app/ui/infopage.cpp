#include "infopage.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace kafkalab::app {

InfoPage::InfoPage(const QString &title, const QString &body, QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(40, 40, 40, 40);
    auto *frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("infoCard"));
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    frame->setBackgroundRole(QPalette::Base);
    frame->setMaximumWidth(860);
    m_card = new QVBoxLayout(frame);
    m_card->setContentsMargins(32, 28, 32, 28);
    m_card->setSpacing(16);
    auto *heading = new QLabel(title, frame);
    QFont hf = heading->font();
    hf.setPointSizeF(hf.pointSizeF() * 1.9);
    hf.setBold(true);
    heading->setFont(hf);
    heading->setWordWrap(true);
    auto *text = new QLabel(body, frame);
    QFont tf = text->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    text->setFont(tf);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(false);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_card->addWidget(heading);
    m_card->addWidget(text);
    m_buttons = new QHBoxLayout;
    m_buttons->setSpacing(12);
    m_card->addLayout(m_buttons);
    m_card->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(frame, 10);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(1);
}

InfoPage::~InfoPage() = default;

QPushButton *InfoPage::addButton(const QString &text, const QString &objectName)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    QFont f = button->font();
    f.setPointSizeF(f.pointSizeF() * 1.1);
    button->setFont(f);
    button->setMinimumHeight(QFontMetrics(f).height() * 2);
    m_buttons->addWidget(button);
    return button;
}

} // namespace kafkalab::app
