#pragma once

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;

namespace kafkalab::app {

/** Theme and font scale, kept with QSettings and applied at once. */
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(QWidget *parent = nullptr);
    ~SettingsPage() override;

    /** Applies the saved theme and font scale to the application (at start-up). */
    static void applySaved();

Q_SIGNALS:
    void presenterRequested(bool on);

private:
    void save();

    QComboBox *m_scheme = nullptr;
    QDoubleSpinBox *m_fontScale = nullptr;
};

} // namespace kafkalab::app
