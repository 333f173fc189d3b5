#pragma once

#include <QWidget>

class QHBoxLayout;
class QPushButton;
class QVBoxLayout;

namespace kafkalab::app {

/** A calm, styled page of text with optional buttons (Home, and the honest Quiz/Progress notes). */
class InfoPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InfoPage)

public:
    InfoPage(const QString &title, const QString &body, QWidget *parent = nullptr);
    ~InfoPage() override;

    /** Adds a button under the text; returns it so the caller can connect it. */
    QPushButton *addButton(const QString &text, const QString &objectName);

private:
    QVBoxLayout *m_card = nullptr;
    QHBoxLayout *m_buttons = nullptr;
};

} // namespace kafkalab::app
