#pragma once

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace kafkalab::app {

class ProfileManager;

/**
 * Theme and font scale (kept with QSettings, per profile, applied at once), presenter mode, and
 * the learner profiles of a shared classroom machine: list, create, switch, delete.
 */
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(ProfileManager *profiles, QWidget *parent = nullptr);
    ~SettingsPage() override;

    /** Applies the saved theme and font scale to the application (at start-up, after a profile switch). */
    static void applySaved();

    /** Creates the profile typed in the name box; false (and a message) when it cannot. */
    bool createFromInput();
    /** Switches to the profile selected in the list. */
    bool switchToSelected();
    /** Deletes the selected profile; with `confirm`, asks first. */
    bool deleteSelected(bool confirm);
    /** The last message of the profile section (what was done, or why not). */
    [[nodiscard]] QString profileMessage() const;

Q_SIGNALS:
    void presenterRequested(bool on);
    void welcomeRequested();

protected:
private:
    void save();
    void loadValues();
    void refreshProfiles();
    void showMessage(const QString &text, bool error);

    ProfileManager *m_profiles;
    QComboBox *m_scheme = nullptr;
    QDoubleSpinBox *m_fontScale = nullptr;
    QLabel *m_current = nullptr;
    QListWidget *m_list = nullptr;
    QLineEdit *m_newName = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_switch = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_database = nullptr;
};

} // namespace kafkalab::app
