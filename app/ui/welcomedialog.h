#pragma once

#include <QDialog>

namespace kafkalab::app {

/**
 * The first-run welcome of a profile: three ways in (the diagnostic mock interview, the first
 * lesson, the playground). Non-modal, so nothing waits on it; shown once per profile, and again
 * from Help › Show welcome or Settings.
 */
class WelcomeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomeDialog)

public:
    WelcomeDialog(const QString &profile, const QString &firstLessonTitle, QWidget *parent = nullptr);
    ~WelcomeDialog() override;

Q_SIGNALS:
    void diagnosticRequested();
    void firstLessonRequested();
    void playgroundRequested();
};

} // namespace kafkalab::app
