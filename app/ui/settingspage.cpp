#include "settingspage.h"

#include <QKeyEvent>
#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QVBoxLayout>

#include "app/ui/pagewidgets.h"
#include "app/ui/profilemanager.h"
#include "app/ui/theme.h"

namespace kafkalab::app {
namespace { } // namespace

SettingsPage::SettingsPage(ProfileManager *profiles, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
{
    setObjectName(QStringLiteral("settingsPage"));
    auto *page = new QVBoxLayout(this);
    page->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    page->addWidget(scroll);
    auto *content = new QWidget(scroll);
    auto *outer = new QVBoxLayout(content);
    outer->setContentsMargins(40, 32, 40, 32);
    outer->setSpacing(14);
    outer->addWidget(scaledLabel(tr("Settings"), content, 1.9, true, Wrap::No));

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(12);
    m_scheme = new QComboBox(content);
    m_scheme->setObjectName(QStringLiteral("scheme"));
    m_scheme->addItem(tr("Follow the system"), static_cast<int>(Theme::Scheme::System));
    m_scheme->addItem(tr("Light"), static_cast<int>(Theme::Scheme::Light));
    m_scheme->addItem(tr("Dark"), static_cast<int>(Theme::Scheme::Dark));
    m_scheme->addItem(tr("High contrast"), static_cast<int>(Theme::Scheme::HighContrast));
    m_fontScale = new QDoubleSpinBox(content);
    m_fontScale->setObjectName(QStringLiteral("fontScale"));
    m_fontScale->setRange(0.8, 2.5);
    m_fontScale->setSingleStep(0.1);
    m_fontScale->setSuffix(QStringLiteral(" ×"));
    form->addRow(tr("&Colours:"), m_scheme);
    form->addRow(tr("&Font scale:"), m_fontScale);
    auto *presenter = new QPushButton(tr("Start presenter mode (F11)"), content);
    presenter->setObjectName(QStringLiteral("presenter"));
    auto *welcome = new QPushButton(tr("Show the welcome again"), content);
    welcome->setObjectName(QStringLiteral("showWelcome"));
    auto *classroom = new QHBoxLayout;
    classroom->addWidget(presenter);
    classroom->addWidget(welcome);
    classroom->addStretch(1);
    form->addRow(tr("Classroom:"), classroom);
    outer->addLayout(form);
    auto *note
        = new QLabel(tr("Presenter mode shows the window full screen with large fonts and high contrast."), content);
    note->setWordWrap(true);
    outer->addWidget(note);

    // Profiles: one per learner on a shared machine.
    outer->addSpacing(10);
    outer->addWidget(scaledLabel(tr("Profiles"), content, 1.4, true, Wrap::No));
    auto *explain
        = new QLabel(tr("Each learner on a shared machine keeps their own answers, reviews, charts and "
                        "settings. The same profiles are used by <tt>kafkalab-cli quiz … --profile NAME</tt>; "
                        "<tt>kafkalab --profile NAME</tt> starts with one."),
            content);
    explain->setWordWrap(true);
    outer->addWidget(explain);
    m_current = new QLabel(content);
    m_current->setObjectName(QStringLiteral("currentProfile"));
    outer->addWidget(m_current);
    auto *row = new QHBoxLayout;
    m_list = new QListWidget(content);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 7);
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 12);
    m_list->setMaximumWidth(m_list->fontMetrics().horizontalAdvance(QString(40, u'M')));
    row->addWidget(m_list, 1);
    auto *actions = new QVBoxLayout;
    m_switch = new QPushButton(tr("&Switch to this profile"), content);
    m_switch->setObjectName(QStringLiteral("switchProfile"));
    m_delete = new QPushButton(tr("&Delete…"), content);
    m_delete->setObjectName(QStringLiteral("deleteProfile"));
    m_delete->setToolTip(tr("The profile's answers are first saved to a file, so they can be imported again."));
    actions->addWidget(m_switch);
    actions->addWidget(m_delete);
    actions->addStretch(1);
    row->addLayout(actions);
    row->addStretch(1);
    outer->addLayout(row);
    auto *createRow = new QHBoxLayout;
    auto *nameLabel = new QLabel(tr("&New profile:"), content);
    m_newName = new QLineEdit(content);
    m_newName->setObjectName(QStringLiteral("newProfileName"));
    m_newName->setPlaceholderText(tr("a name, e.g. student-07"));
    m_newName->setMaxLength(64);
    m_newName->setMinimumWidth(m_newName->fontMetrics().horizontalAdvance(QString(22, u'm')));
    nameLabel->setBuddy(m_newName);
    m_create = new QPushButton(tr("C&reate"), content);
    m_create->setObjectName(QStringLiteral("createProfile"));
    createRow->addWidget(nameLabel);
    createRow->addWidget(m_newName);
    createRow->addWidget(m_create);
    createRow->addStretch(1);
    outer->addLayout(createRow);
    m_message = new QLabel(content);
    m_message->setObjectName(QStringLiteral("profileMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    outer->addWidget(m_message);
    m_database = new QLabel(content);
    m_database->setObjectName(QStringLiteral("databaseInfo"));
    m_database->setWordWrap(true);
    m_database->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_database);
    outer->addStretch(1);
    scroll->setWidget(content);

    connect(m_scheme, &QComboBox::activated, this, &SettingsPage::save);
    connect(m_fontScale, &QDoubleSpinBox::editingFinished, this, &SettingsPage::save);
    connect(presenter, &QPushButton::clicked, this, [this] { Q_EMIT presenterRequested(true); });
    connect(welcome, &QPushButton::clicked, this, &SettingsPage::welcomeRequested);
    connect(m_create, &QPushButton::clicked, this, &SettingsPage::createFromInput);
    connect(m_newName, &QLineEdit::returnPressed, this, &SettingsPage::createFromInput);
    connect(m_switch, &QPushButton::clicked, this, &SettingsPage::switchToSelected);
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteSelected(true); });
    connect(m_list, &QListWidget::itemActivated, this, &SettingsPage::switchToSelected);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        const QListWidgetItem *item = m_list->currentItem();
        const bool other = item != nullptr && item->data(Qt::UserRole).toString() != m_profiles->currentName();
        m_switch->setEnabled(other);
        m_delete->setEnabled(other && m_profiles->isOpen());
    });
    connect(m_profiles, &ProfileManager::profilesChanged, this, &SettingsPage::refreshProfiles);
    connect(m_profiles, &ProfileManager::profileChanged, this, [this] {
        loadValues();
        refreshProfiles();
    });
    loadValues();
    refreshProfiles();
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::loadValues()
{
    const QSettings settings;
    m_scheme->setCurrentIndex(m_scheme->findData(settings.value(QStringLiteral("ui/scheme"), 0).toInt()));
    m_fontScale->setValue(settings.value(QStringLiteral("ui/fontScale"), 1.0).toDouble());
}

void SettingsPage::refreshProfiles()
{
    const QString current = m_profiles->currentName();
    m_current->setText(tr("In use: <b>%1</b>").arg(current.toHtmlEscaped()));
    const QString selected
        = m_list->currentItem() != nullptr ? m_list->currentItem()->data(Qt::UserRole).toString() : current;
    m_list->clear();
    for (const QString &name : m_profiles->profileNames()) {
        auto *item = new QListWidgetItem(name == current ? tr("%1   (in use)").arg(name) : name, m_list);
        item->setData(Qt::UserRole, name);
        if (name == current) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
        }
        if (name == selected)
            m_list->setCurrentItem(item);
    }
    const bool open = m_profiles->isOpen();
    m_create->setEnabled(open);
    m_newName->setEnabled(open);
    QString db = tr("Progress database: %1").arg(QDir::toNativeSeparators(m_profiles->databasePath()));
    if (!m_profiles->problem().isEmpty())
        db += QStringLiteral("\n⚠ ") + m_profiles->problem();
    m_database->setText(db);
}

void SettingsPage::showMessage(const QString &text, bool error)
{
    QPalette pal = m_message->palette();
    pal.setColor(QPalette::WindowText, error ? Theme::danger(palette()) : palette().color(QPalette::WindowText));
    m_message->setPalette(pal);
    m_message->setText(error ? QStringLiteral("⚠ ") + text : text);
    m_message->setVisible(!text.isEmpty());
}

QString SettingsPage::profileMessage() const
{
    return m_message->text();
}

bool SettingsPage::createFromInput()
{
    const QString name = m_newName->text().trimmed();
    if (auto error = m_profiles->createProfile(name)) {
        showMessage(*error, true);
        return false;
    }
    m_newName->clear();
    showMessage(tr("Profile “%1” created. Select it and press Switch to use it.").arg(name), false);
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == name)
            m_list->setCurrentRow(i);
    return true;
}

bool SettingsPage::switchToSelected()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (item == nullptr)
        return false;
    const QString name = item->data(Qt::UserRole).toString();
    if (auto error = m_profiles->switchTo(name)) {
        showMessage(*error, true);
        return false;
    }
    showMessage(tr("Now using “%1”.").arg(name), false);
    return true;
}

bool SettingsPage::deleteSelected(bool confirm)
{
    const QListWidgetItem *item = m_list->currentItem();
    if (item == nullptr)
        return false;
    const QString name = item->data(Qt::UserRole).toString();
    if (confirm
        && QMessageBox::question(this, tr("Delete profile"),
               tr("Delete the profile “%1” and its answers from this machine?\n\nIts answers are first saved to a "
                  "file next to the progress database, from which kafkalab-cli quiz progress import can restore "
                  "them.")
                   .arg(name))
            != QMessageBox::Yes)
        return false;
    QString backup;
    if (auto error = m_profiles->deleteProfile(name, &backup)) {
        showMessage(*error, true);
        return false;
    }
    showMessage(tr("Deleted “%1”. Its answers were saved to %2.").arg(name, QDir::toNativeSeparators(backup)), false);
    return true;
}

void SettingsPage::save()
{
    QSettings settings;
    settings.setValue(QStringLiteral("ui/scheme"), m_scheme->currentData().toInt());
    settings.setValue(QStringLiteral("ui/fontScale"), m_fontScale->value());
    applySaved();
}

void SettingsPage::applySaved()
{
    const QSettings settings;
    const auto scheme = static_cast<Theme::Scheme>(settings.value(QStringLiteral("ui/scheme"), 0).toInt());
    const double scale = std::clamp(settings.value(QStringLiteral("ui/fontScale"), 1.0).toDouble(), 0.8, 2.5);
    Theme::apply(*qApp, scheme, scale);
}

} // namespace kafkalab::app
