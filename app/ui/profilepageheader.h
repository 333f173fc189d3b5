#pragma once

#include <QWidget>

class QLabel;

namespace kafkalab::app {

class ProfileManager;

/**
 * The top of the pages that belong to a learner (Quiz, Progress): the page's title, "Profile:
 * NAME" on the right and, under them, a banner while the progress database is refused (newer
 * than this version: red) or was recovered (moved aside as corrupt: amber). It follows profile
 * switches by itself; pages call refresh() when they show.
 */
class ProfilePageHeader final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfilePageHeader)

public:
    /** Child object names are `<namePrefix>Profile` and `<namePrefix>StoreProblem` (for tests). */
    ProfilePageHeader(const QString &title, ProfileManager *profiles, const QString &namePrefix, QWidget *parent);
    ~ProfilePageHeader() override;

    void refresh();

private:
    ProfileManager *m_profiles;
    QLabel *m_profile = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace kafkalab::app
