#include "settingspage.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "app/ui/theme.h"

namespace kafkalab::app {

SettingsPage::SettingsPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("settingsPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(40, 32, 40, 32);
    auto *heading = new QLabel(tr("Settings"), this);
    QFont hf = heading->font();
    hf.setPointSizeF(hf.pointSizeF() * 1.9);
    hf.setBold(true);
    heading->setFont(hf);
    outer->addWidget(heading);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(12);
    m_scheme = new QComboBox(this);
    m_scheme->setObjectName(QStringLiteral("scheme"));
    m_scheme->addItem(tr("Follow the system"), static_cast<int>(Theme::Scheme::System));
    m_scheme->addItem(tr("Light"), static_cast<int>(Theme::Scheme::Light));
    m_scheme->addItem(tr("Dark"), static_cast<int>(Theme::Scheme::Dark));
    m_scheme->addItem(tr("High contrast"), static_cast<int>(Theme::Scheme::HighContrast));
    m_fontScale = new QDoubleSpinBox(this);
    m_fontScale->setObjectName(QStringLiteral("fontScale"));
    m_fontScale->setRange(0.8, 2.5);
    m_fontScale->setSingleStep(0.1);
    m_fontScale->setSuffix(QStringLiteral(" ×"));
    const QSettings settings;
    m_scheme->setCurrentIndex(m_scheme->findData(settings.value(QStringLiteral("ui/scheme"), 0).toInt()));
    m_fontScale->setValue(settings.value(QStringLiteral("ui/fontScale"), 1.0).toDouble());
    form->addRow(tr("Colours:"), m_scheme);
    form->addRow(tr("Font scale:"), m_fontScale);
    auto *presenter = new QPushButton(tr("Start presenter mode (F11)"), this);
    presenter->setObjectName(QStringLiteral("presenter"));
    form->addRow(tr("Classroom:"), presenter);
    outer->addLayout(form);
    auto *note = new QLabel(tr("Presenter mode shows the window full screen with large fonts and high contrast. "
                               "Profiles for shared classroom machines come with the quiz engine."),
        this);
    note->setWordWrap(true);
    outer->addWidget(note);
    outer->addStretch(1);

    connect(m_scheme, &QComboBox::activated, this, &SettingsPage::save);
    connect(m_fontScale, &QDoubleSpinBox::editingFinished, this, &SettingsPage::save);
    connect(presenter, &QPushButton::clicked, this, [this] { Q_EMIT presenterRequested(true); });
}

SettingsPage::~SettingsPage() = default;

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
