#include "profilepageheader.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "app/ui/pagewidgets.h"
#include "app/ui/profilemanager.h"
#include "app/ui/theme.h"

namespace kafkalab::app {

ProfilePageHeader::ProfilePageHeader(
    const QString &title, ProfileManager *profiles, const QString &namePrefix, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(scaledLabel(title, this, 1.6, true, Wrap::No), 1);
    m_profile = new QLabel(this);
    m_profile->setObjectName(namePrefix + QStringLiteral("Profile"));
    top->addWidget(m_profile);
    layout->addLayout(top);
    m_problem = new WrappingLabel(QString(), this);
    m_problem->setObjectName(namePrefix + QStringLiteral("StoreProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setMargin(8);
    m_problem->setAutoFillBackground(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();
    layout->addWidget(m_problem);
    connect(m_profiles, &ProfileManager::profileChanged, this, &ProfilePageHeader::refresh);
    refresh();
}

ProfilePageHeader::~ProfilePageHeader() = default;

void ProfilePageHeader::refresh()
{
    m_profile->setText(tr("Profile: <b>%1</b>").arg(m_profiles->currentName().toHtmlEscaped()));
    const QString problem = m_profiles->problem();
    QPalette pal = m_problem->palette();
    const QColor background = m_profiles->isRefused() ? Theme::danger(palette()) : Theme::outOfSync(palette());
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, Theme::textOn(background));
    m_problem->setPalette(pal);
    m_problem->setText(QStringLiteral("⚠ ") + problem);
    m_problem->setVisible(!problem.isEmpty());
}

} // namespace kafkalab::app
