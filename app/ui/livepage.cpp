#include "livepage.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "app/ui/livesource.h"
#include "app/ui/simulationviews.h"
#include "app/ui/theme.h"

namespace kafkalab::app {
namespace {

constexpr int kMaxTableRows = 5000;

QString settingsKey(const char *name)
{
    return QStringLiteral("live/") + QLatin1String(name);
}

/** Text when the bytes are UTF-8, hex otherwise. */
QString bytesText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (!decoder.hasError())
        return text;
    return QStringLiteral("0x ") + QString::fromLatin1(bytes.toHex(' '));
}

/** The extra properties as stored: lines holding secrets dropped unless the user keeps passwords. */
QString storableProperties(const QString &text, bool keepSecrets)
{
    if (keepSecrets)
        return text;
    QStringList kept;
    for (const QString &line : text.split(u'\n')) {
        const QString key = line.section(u'=', 0, 0).trimmed();
        if (line.contains(u'=') && !line.trimmed().startsWith(u'#') && live::isSecretProperty(key))
            continue;
        kept.append(line);
    }
    return kept.join(u'\n');
}

} // namespace

LivePage::LivePage(QWidget *parent)
    : QWidget(parent)
    , m_source(new LiveSource(this))
{
    setObjectName(QStringLiteral("livePage"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);

    // The form scrolls both ways when its pane is dragged narrower than the form; fitForm()
    // opens the pane to the form's width when the page is shown or its fonts change.
    m_formScroll = new QScrollArea(m_splitter);
    m_formScroll->setWidgetResizable(true);
    m_formScroll->setFrameShape(QFrame::NoFrame);
    m_formScroll->setWidget(buildForm());
    m_formScroll->setMinimumWidth(300);

    auto *right = new QWidget(m_splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 4, 4, 0);
    m_status = new QLabel(right);
    m_status->setObjectName(QStringLiteral("liveStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems = new QLabel(right);
    m_problems->setObjectName(QStringLiteral("liveProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();
    m_tabs = new QTabWidget(right);
    m_views = new SimulationViews(m_source, this);
    m_tabs->addTab(m_views, tr("Cluster"));
    // Its rows of controls scroll sideways in a narrow window (presenter fonts) instead of
    // widening the whole window past the screen.
    auto *recordsScroll = new QScrollArea(m_tabs);
    recordsScroll->setFrameShape(QFrame::NoFrame);
    recordsScroll->setWidgetResizable(true);
    recordsScroll->setWidget(buildRecords());
    m_tabs->addTab(recordsScroll, tr("Records"));
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(m_problems);
    rightLayout->addWidget(m_tabs, 1);

    m_splitter->addWidget(m_formScroll);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({360, 900});
    layout->addWidget(m_splitter);

    connect(m_source, &LiveSource::statusChanged, this, &LivePage::updateStatus);
    connect(m_source, &LiveSource::recordsArrived, this, &LivePage::appendRecords);
    connect(m_source, &LiveSource::tailStatusChanged, this, [this](const QString &message, bool error) {
        m_tailStatus->setText(message);
        QPalette pal = m_tailStatus->palette();
        pal.setColor(QPalette::WindowText, error ? Theme::danger(palette()) : palette().color(QPalette::WindowText));
        m_tailStatus->setPalette(pal);
        updateActions();
    });
    connect(m_source, &LiveSource::produced, this, [this](bool ok, const QString &message) {
        m_tailStatus->setText(ok ? message : tr("Not written: %1").arg(message));
        QPalette pal = m_tailStatus->palette();
        pal.setColor(QPalette::WindowText, ok ? palette().color(QPalette::WindowText) : Theme::danger(palette()));
        m_tailStatus->setPalette(pal);
    });

    loadSettings();
    updateSecurityFields();
    updateStatus();
    if (m_autoConnect->isChecked() && !m_bootstrap->text().trimmed().isEmpty())
        QTimer::singleShot(0, this, [this] { connectToCluster(); });
}

LivePage::~LivePage() = default;

bool LivePage::connectsAtStart()
{
    const QSettings s;
    return s.value(settingsKey("autoConnect"), false).toBool()
        && !s.value(settingsKey("bootstrap")).toStringList().join(u',').trimmed().isEmpty();
}

void LivePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    fitForm();
}

void LivePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && isVisible())
        fitForm();
}

void LivePage::fitForm()
{
    QList<int> sizes = m_splitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    if (sizes.size() != 2 || total <= 0)
        return;
    const int wanted
        = m_formScroll->widget()->sizeHint().width() + m_formScroll->verticalScrollBar()->sizeHint().width();
    if (sizes[0] >= wanted)
        return;
    sizes[0] = std::min(wanted, total * 55 / 100);
    sizes[1] = total - sizes[0];
    m_splitter->setSizes(sizes);
}

QWidget *LivePage::buildForm()
{
    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);
    auto *box = new QGroupBox(tr("Connection"), panel);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_bootstrap = new QLineEdit(box);
    m_bootstrap->setObjectName(QStringLiteral("liveBootstrap"));
    m_bootstrap->setPlaceholderText(QStringLiteral("broker1:9092,broker2:9092"));
    m_bootstrap->setToolTip(tr("bootstrap.servers: one or more host:port, comma-separated"));
    form->addRow(tr("&Bootstrap servers:"), m_bootstrap);

    m_protocol = new QComboBox(box);
    m_protocol->setObjectName(QStringLiteral("liveProtocol"));
    for (const auto p : {live::SecurityProtocol::Plaintext, live::SecurityProtocol::Ssl,
             live::SecurityProtocol::SaslPlaintext, live::SecurityProtocol::SaslSsl})
        m_protocol->addItem(live::ConnectionSettings::protocolName(p), static_cast<int>(p));
    m_protocol->setToolTip(tr("security.protocol: must match the brokers' listener"));
    form->addRow(tr("&Security protocol:"), m_protocol);

    m_mechanism = new QComboBox(box);
    m_mechanism->setObjectName(QStringLiteral("liveMechanism"));
    for (const auto m :
        {live::SaslMechanism::Plain, live::SaslMechanism::ScramSha256, live::SaslMechanism::ScramSha512})
        m_mechanism->addItem(live::ConnectionSettings::mechanismName(m), static_cast<int>(m));
    m_mechanism->setToolTip(tr("sasl.mechanism (GSSAPI and OAUTHBEARER: use extra properties)"));
    form->addRow(tr("SASL &mechanism:"), m_mechanism);

    m_user = new QLineEdit(box);
    m_user->setObjectName(QStringLiteral("liveUser"));
    form->addRow(tr("&User name:"), m_user);
    m_password = new QLineEdit(box);
    m_password->setObjectName(QStringLiteral("livePassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_password);
    m_rememberPassword = new QCheckBox(tr("Remember the password"), box);
    m_rememberPassword->setObjectName(QStringLiteral("liveRememberPassword"));
    m_rememberPassword->setToolTip(tr("Off: the password lives only in memory until the app quits"));
    form->addRow(QString(), m_rememberPassword);
    auto *plainText = new QLabel(tr("<small>A remembered password is stored <b>in plain text</b> in the settings "
                                    "file.</small>"),
        box);
    plainText->setWordWrap(true);
    form->addRow(QString(), plainText);

    auto *caRow = new QHBoxLayout;
    m_caFile = new QLineEdit(box);
    m_caFile->setObjectName(QStringLiteral("liveCaFile"));
    m_caFile->setPlaceholderText(tr("system CA certificates"));
    m_caFile->setToolTip(tr("ssl.ca.location: PEM file or directory of the CA that signed the brokers' certificates"));
    m_browseCa = new QPushButton(tr("Browse…"), box);
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browseCa);
    auto *caLabel = new QLabel(tr("&CA file:"), box);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);

    m_extra = new QPlainTextEdit(box);
    m_extra->setObjectName(QStringLiteral("liveExtra"));
    m_extra->setPlaceholderText(
        tr("key=value per line, any librdkafka property\n# e.g. ssl.endpoint.identification.algorithm=none"));
    m_extra->setTabChangesFocus(true);
    m_extra->setFixedHeight(m_extra->fontMetrics().lineSpacing() * 4 + 12);
    form->addRow(tr("E&xtra properties:"), m_extra);

    m_groups = new QLineEdit(box);
    m_groups->setObjectName(QStringLiteral("liveGroups"));
    m_groups->setPlaceholderText(tr("optional: g1, g2"));
    m_groups->setToolTip(tr("Consumer groups to show by name, besides the ones the cluster lists (useful when your "
                            "user may not list groups)"));
    form->addRow(tr("&Groups to watch:"), m_groups);

    m_refresh = new QSpinBox(box);
    m_refresh->setObjectName(QStringLiteral("liveRefresh"));
    m_refresh->setRange(1, 600);
    m_refresh->setValue(5);
    m_refresh->setSuffix(tr(" s"));
    form->addRow(tr("&Refresh every:"), m_refresh);
    m_timeout = new QSpinBox(box);
    m_timeout->setObjectName(QStringLiteral("liveTimeout"));
    m_timeout->setRange(1, 300);
    m_timeout->setValue(10);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long one refresh, tail start or produce may take before it reports an error"));
    form->addRow(tr("&Timeout:"), m_timeout);
    m_autoConnect = new QCheckBox(tr("Connect when the app starts"), box);
    m_autoConnect->setObjectName(QStringLiteral("liveAutoConnect"));
    form->addRow(QString(), m_autoConnect);

    auto *buttons = new QHBoxLayout;
    m_connect = new QPushButton(tr("Co&nnect"), box);
    m_connect->setObjectName(QStringLiteral("liveConnect"));
    m_connect->setDefault(true);
    m_disconnect = new QPushButton(tr("&Disconnect"), box);
    m_disconnect->setObjectName(QStringLiteral("liveDisconnect"));
    m_refreshNow = new QPushButton(tr("Refresh &now"), box);
    m_refreshNow->setObjectName(QStringLiteral("liveRefreshNow"));
    buttons->addWidget(m_connect);
    buttons->addWidget(m_disconnect);
    buttons->addWidget(m_refreshNow);
    form->addRow(buttons);
    layout->addWidget(box);

    auto *note = new QLabel(tr("<p>Live mode reads the cluster: metadata, log offsets, consumer groups and their "
                               "committed offsets. It never joins a group or commits an offset. Writing a test "
                               "record needs <i>Allow writes</i> on the Records tab.</p>"),
        panel);
    note->setWordWrap(true);
    note->setObjectName(QStringLiteral("liveNote"));
    layout->addWidget(note);
    layout->addStretch(1);

    connect(m_protocol, &QComboBox::currentIndexChanged, this, &LivePage::updateSecurityFields);
    connect(m_bootstrap, &QLineEdit::returnPressed, this, &LivePage::connectToCluster);
    connect(m_connect, &QPushButton::clicked, this, &LivePage::connectToCluster);
    connect(m_disconnect, &QPushButton::clicked, this, &LivePage::disconnectFromCluster);
    connect(m_refreshNow, &QPushButton::clicked, m_source, &LiveSource::refreshNow);
    connect(m_refresh, &QSpinBox::valueChanged, m_source, [this](int seconds) {
        m_source->setRefreshInterval(seconds * 1000);
        QSettings().setValue(settingsKey("refreshSeconds"), seconds);
    });
    connect(m_rememberPassword, &QCheckBox::toggled, this, [this](bool keep) {
        if (!keep) {
            // Forget at once what was kept, not at the next connect.
            QSettings settings;
            settings.remove(settingsKey("password"));
            settings.setValue(settingsKey("extraProperties"), storableProperties(m_extra->toPlainText(), false));
        }
        QSettings().setValue(settingsKey("rememberPassword"), keep);
    });
    connect(m_autoConnect, &QCheckBox::toggled, this,
        [](bool on) { QSettings().setValue(settingsKey("autoConnect"), on); });
    connect(m_browseCa, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA certificate"), m_caFile->text(), tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    return panel;
}

QWidget *LivePage::buildRecords()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *tailRow = new QHBoxLayout;
    m_tailTopic = new QComboBox(page);
    m_tailTopic->setObjectName(QStringLiteral("liveTailTopic"));
    m_tailTopic->setEditable(true);
    m_tailTopic->setMinimumContentsLength(16);
    m_tailLast = new QSpinBox(page);
    m_tailLast->setObjectName(QStringLiteral("liveTailLast"));
    m_tailLast->setRange(0, 100000);
    m_tailLast->setValue(50);
    m_tailLast->setToolTip(tr("Start this many records before the end of each partition (0: only new records)"));
    m_tailButton = new QPushButton(tr("&Tail topic"), page);
    m_tailButton->setObjectName(QStringLiteral("liveTail"));
    m_tailButton->setToolTip(tr("Read the topic's newest records without joining a consumer group or committing"));
    m_pause = new QPushButton(tr("&Pause"), page);
    m_pause->setObjectName(QStringLiteral("livePause"));
    m_pause->setCheckable(true);
    auto *clear = new QPushButton(tr("C&lear"), page);
    auto *topicLabel = new QLabel(tr("T&opic:"), page);
    topicLabel->setBuddy(m_tailTopic);
    tailRow->addWidget(topicLabel);
    tailRow->addWidget(m_tailTopic, 1);
    tailRow->addWidget(new QLabel(tr("last"), page));
    tailRow->addWidget(m_tailLast);
    tailRow->addWidget(new QLabel(tr("per partition"), page));
    tailRow->addWidget(m_tailButton);
    tailRow->addWidget(m_pause);
    tailRow->addWidget(clear);
    layout->addLayout(tailRow);

    auto *filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(page);
    m_filter->setObjectName(QStringLiteral("liveFilter"));
    m_filter->setPlaceholderText(tr("Filter records (key, value, headers, partition, offset…)"));
    m_filter->setClearButtonEnabled(true);
    m_unlockWrites = new QCheckBox(tr("Allow &writes"), page);
    m_unlockWrites->setObjectName(QStringLiteral("liveUnlockWrites"));
    m_unlockWrites->setToolTip(tr("Off (the default): live mode never writes to the cluster"));
    m_produce = new QPushButton(tr("P&roduce test record…"), page);
    m_produce->setObjectName(QStringLiteral("liveProduce"));
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_unlockWrites);
    filterRow->addWidget(m_produce);
    layout->addLayout(filterRow);

    m_records = new QStandardItemModel(0, 6, page);
    m_records->setHorizontalHeaderLabels(
        {tr("Partition"), tr("Offset"), tr("Timestamp"), tr("Key"), tr("Value"), tr("Headers")});
    m_filtered = new QSortFilterProxyModel(page);
    m_filtered->setSourceModel(m_records);
    m_filtered->setFilterKeyColumn(-1);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(page);
    m_table->setObjectName(QStringLiteral("liveRecords"));
    m_table->setModel(m_filtered);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(0, 80);
    m_table->setColumnWidth(1, 90);
    m_table->setColumnWidth(2, 190);
    m_table->setColumnWidth(3, 150);
    m_table->setColumnWidth(4, 260);
    layout->addWidget(m_table, 1);

    m_tailStatus = new QLabel(tr("Not reading any topic."), page);
    m_tailStatus->setObjectName(QStringLiteral("liveTailStatus"));
    m_tailStatus->setWordWrap(true);
    layout->addWidget(m_tailStatus);

    connect(m_tailButton, &QPushButton::clicked, this, &LivePage::toggleTail);
    connect(m_pause, &QPushButton::toggled, this, [this](bool paused) {
        m_source->setTailPaused(paused);
        m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    });
    connect(clear, &QPushButton::clicked, this, [this] { m_records->removeRows(0, m_records->rowCount()); });
    connect(m_filter, &QLineEdit::textChanged, m_filtered, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_unlockWrites, &QCheckBox::toggled, this, [this](bool on) {
        m_source->setWritesUnlocked(on);
        updateActions();
    });
    connect(m_produce, &QPushButton::clicked, this, &LivePage::showProduceDialog);
    return page;
}

// ---- settings -----------------------------------------------------------------------------------

void LivePage::loadSettings()
{
    const QSettings s;
    // A hand-edited INI file reads `a:1,b:2` as a list: join it back.
    m_bootstrap->setText(s.value(settingsKey("bootstrap")).toStringList().join(u','));
    const auto protocol
        = live::ConnectionSettings::protocolFromName(s.value(settingsKey("securityProtocol")).toString());
    m_protocol->setCurrentIndex(
        m_protocol->findData(static_cast<int>(protocol.value_or(live::SecurityProtocol::Plaintext))));
    const auto mechanism
        = live::ConnectionSettings::mechanismFromName(s.value(settingsKey("saslMechanism")).toString());
    m_mechanism->setCurrentIndex(
        m_mechanism->findData(static_cast<int>(mechanism.value_or(live::SaslMechanism::ScramSha512))));
    m_user->setText(s.value(settingsKey("username")).toString());
    {
        const QSignalBlocker blocker(m_rememberPassword);
        m_rememberPassword->setChecked(s.value(settingsKey("rememberPassword"), false).toBool());
    }
    if (m_rememberPassword->isChecked())
        m_password->setText(s.value(settingsKey("password")).toString());
    m_caFile->setText(s.value(settingsKey("sslCaFile")).toString());
    m_extra->setPlainText(s.value(settingsKey("extraProperties")).toString());
    m_groups->setText(s.value(settingsKey("groups")).toStringList().join(QStringLiteral(", ")));
    {
        const QSignalBlocker blocker(m_refresh);
        m_refresh->setValue(s.value(settingsKey("refreshSeconds"), 5).toInt());
    }
    m_timeout->setValue(s.value(settingsKey("timeoutSeconds"), 10).toInt());
    {
        const QSignalBlocker blocker(m_autoConnect);
        m_autoConnect->setChecked(s.value(settingsKey("autoConnect"), false).toBool());
    }
    m_tailLast->setValue(s.value(settingsKey("tailLastRecords"), 50).toInt());
}

void LivePage::saveSettings() const
{
    QSettings s;
    const bool keep = m_rememberPassword->isChecked();
    s.setValue(settingsKey("bootstrap"), m_bootstrap->text().trimmed());
    s.setValue(settingsKey("securityProtocol"), m_protocol->currentText());
    s.setValue(settingsKey("saslMechanism"), m_mechanism->currentText());
    s.setValue(settingsKey("username"), m_user->text());
    s.setValue(settingsKey("rememberPassword"), keep);
    if (keep)
        s.setValue(settingsKey("password"), m_password->text());
    else
        s.remove(settingsKey("password"));
    s.setValue(settingsKey("sslCaFile"), m_caFile->text().trimmed());
    s.setValue(settingsKey("extraProperties"), storableProperties(m_extra->toPlainText(), keep));
    s.setValue(settingsKey("groups"), m_groups->text().trimmed());
    s.setValue(settingsKey("refreshSeconds"), m_refresh->value());
    s.setValue(settingsKey("timeoutSeconds"), m_timeout->value());
    s.setValue(settingsKey("tailLastRecords"), m_tailLast->value());
}

// ---- connection -----------------------------------------------------------------------------------

live::LiveResult<live::ConnectionSettings> LivePage::formSettings() const
{
    live::ConnectionSettings s;
    s.bootstrap = m_bootstrap->text().trimmed();
    if (s.bootstrap.isEmpty()) {
        live::LiveError e;
        e.kind = live::LiveError::Kind::Configuration;
        e.message = tr("Bootstrap servers: give at least one host:port.");
        return e;
    }
    s.security = static_cast<live::SecurityProtocol>(m_protocol->currentData().toInt());
    s.mechanism = static_cast<live::SaslMechanism>(m_mechanism->currentData().toInt());
    s.username = m_user->text();
    s.password = m_password->text();
    s.sslCaFile = m_caFile->text().trimmed();
    s.timeoutMs = m_timeout->value() * 1000;
    auto extra = live::parsePropertyLines(m_extra->toPlainText());
    if (!extra) {
        live::LiveError e = extra.error();
        e.message = tr("Extra properties, %1").arg(e.message);
        return e;
    }
    s.extra = extra.value();
    return s;
}

bool LivePage::connectToCluster()
{
    auto settings = formSettings();
    if (!settings) {
        m_status->setText(settings.error().message);
        QPalette pal = m_status->palette();
        pal.setColor(QPalette::WindowText, Theme::danger(palette()));
        m_status->setPalette(pal);
        return false;
    }
    saveSettings();
    QStringList groups;
    for (const QString &g : m_groups->text().split(u',', Qt::SkipEmptyParts))
        if (!g.trimmed().isEmpty())
            groups.append(g.trimmed());
    // Every connection starts read-only.
    m_unlockWrites->setChecked(false);
    m_records->removeRows(0, m_records->rowCount());
    m_source->connectTo(settings.value(), groups, m_refresh->value() * 1000);
    return true;
}

void LivePage::disconnectFromCluster()
{
    m_source->disconnectFromCluster();
    m_unlockWrites->setChecked(false);
}

void LivePage::updateSecurityFields()
{
    const auto protocol = static_cast<live::SecurityProtocol>(m_protocol->currentData().toInt());
    const bool sasl = protocol == live::SecurityProtocol::SaslPlaintext || protocol == live::SecurityProtocol::SaslSsl;
    const bool tls = protocol == live::SecurityProtocol::Ssl || protocol == live::SecurityProtocol::SaslSsl;
    for (QWidget *w : {static_cast<QWidget *>(m_mechanism), static_cast<QWidget *>(m_user),
             static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_rememberPassword)})
        w->setEnabled(sasl);
    m_caFile->setEnabled(tls);
    m_browseCa->setEnabled(tls);
}

void LivePage::updateStatus()
{
    m_status->setText(m_source->statusText());
    QPalette pal = m_status->palette();
    pal.setColor(QPalette::WindowText,
        m_source->status() == LiveSource::Status::Failed ? Theme::danger(palette())
                                                         : palette().color(QPalette::WindowText));
    m_status->setPalette(pal);

    // What the last describe could not read, worst first.
    QStringList lines;
    QStringList all;
    QList<live::LiveError> problems = m_source->status() == LiveSource::Status::Disconnected
        ? QList<live::LiveError> {}
        : m_source->state().problems;
    std::stable_sort(problems.begin(), problems.end(),
        [](const live::LiveError &a, const live::LiveError &b) { return a.isFailure() && !b.isFailure(); });
    for (const live::LiveError &e : std::as_const(problems)) {
        const QString line = (e.isFailure() ? QStringLiteral("⚠ ") : tr("Note: ")) + e.toString();
        all.append(line);
        if (lines.size() < 3)
            lines.append(line);
    }
    if (all.size() > lines.size())
        lines.append(tr("… and %n more (hover for all)", nullptr, static_cast<int>(all.size() - lines.size())));
    m_problems->setText(lines.join(u'\n'));
    m_problems->setToolTip(all.join(u'\n'));
    m_problems->setVisible(!lines.isEmpty());

    // Keep the typed topic; offer the cluster's.
    const QString typed = m_tailTopic->currentText();
    const QStringList topics = m_source->topicNames();
    QStringList current;
    for (int i = 0; i < m_tailTopic->count(); ++i)
        current.append(m_tailTopic->itemText(i));
    if (current != topics) {
        const QSignalBlocker blocker(m_tailTopic);
        m_tailTopic->clear();
        m_tailTopic->addItems(topics);
        m_tailTopic->setCurrentText(typed);
    }
    updateActions();
}

void LivePage::updateActions()
{
    const bool connected = m_source->isConnected();
    m_connect->setText(connected ? tr("Reco&nnect") : tr("Co&nnect"));
    m_disconnect->setEnabled(connected);
    m_refreshNow->setEnabled(connected && !m_source->isRefreshing());
    const bool tailing = !m_source->tailTopic().isEmpty();
    m_tailButton->setEnabled(connected || tailing);
    m_tailButton->setText(tailing ? tr("S&top") : tr("&Tail topic"));
    m_pause->setEnabled(tailing);
    if (!tailing && m_pause->isChecked()) {
        const QSignalBlocker blocker(m_pause);
        m_pause->setChecked(false);
        m_pause->setText(tr("&Pause"));
    }
    m_unlockWrites->setEnabled(connected);
    m_produce->setEnabled(connected && m_source->writesUnlocked());
    m_produce->setToolTip(
        m_source->writesUnlocked() ? tr("Write one record to the cluster") : tr("Read-only: tick Allow writes first"));
}

// ---- records --------------------------------------------------------------------------------------

void LivePage::toggleTail()
{
    if (!m_source->tailTopic().isEmpty()) {
        m_source->stopTail();
        updateActions();
        return;
    }
    const QString topic = m_tailTopic->currentText().trimmed();
    if (topic.isEmpty()) {
        m_tailStatus->setText(tr("Choose a topic to read."));
        return;
    }
    QSettings().setValue(settingsKey("tailLastRecords"), m_tailLast->value());
    m_records->removeRows(0, m_records->rowCount());
    m_source->startTail(topic, m_tailLast->value());
    if (m_source->partitionNames().contains(topic + QStringLiteral("-0")))
        m_source->setFocusPartition(topic + QStringLiteral("-0"));
    m_tabs->setCurrentIndex(1);
    updateActions();
}

void LivePage::appendRecords(const QList<live::TailRecord> &records)
{
    QScrollBar *bar = m_table->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    for (const live::TailRecord &r : records) {
        QStringList headers;
        for (const auto &[name, value] : r.headers)
            headers.append(name + u'=' + bytesText(value));
        QString time;
        if (r.timestampMs >= 0) {
            time = QDateTime::fromMSecsSinceEpoch(r.timestampMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
            if (r.logAppendTime)
                time += tr(" (broker)");
        }
        QList<QStandardItem *> row {new QStandardItem(QString::number(r.partition)),
            new QStandardItem(QString::number(r.offset)), new QStandardItem(time),
            new QStandardItem(r.keyNull ? tr("(null)") : bytesText(r.key)),
            new QStandardItem(r.valueNull ? tr("(null)") : bytesText(r.value)),
            new QStandardItem(headers.join(QStringLiteral("; ")))};
        for (int c : {0, 1})
            row[c]->setData(static_cast<int>(Qt::AlignRight | Qt::AlignVCenter), Qt::TextAlignmentRole);
        m_records->appendRow(row);
    }
    if (m_records->rowCount() > kMaxTableRows)
        m_records->removeRows(0, m_records->rowCount() - kMaxTableRows);
    if (atBottom)
        m_table->scrollToBottom();
}

void LivePage::showProduceDialog()
{
    if (!m_source->writesUnlocked())
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("liveProduceDialog"));
    dialog->setWindowTitle(tr("Produce a test record"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *form = new QFormLayout(dialog);
    auto *warning = new QLabel(
        tr("This writes one record to <b>%1</b> (acks=all).").arg(m_source->settings().bootstrap.toHtmlEscaped()),
        dialog);
    warning->setWordWrap(true);
    form->addRow(warning);
    auto *topic = new QComboBox(dialog);
    topic->setEditable(true);
    topic->addItems(m_source->topicNames());
    topic->setCurrentText(m_tailTopic->currentText());
    form->addRow(tr("&Topic:"), topic);
    auto *partition = new QSpinBox(dialog);
    partition->setRange(-1, 100000);
    partition->setValue(-1);
    partition->setSpecialValueText(tr("chosen by the partitioner (from the key)"));
    form->addRow(tr("&Partition:"), partition);
    auto *key = new QLineEdit(dialog);
    auto *nullKey = new QCheckBox(tr("null key"), dialog);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(key, 1);
    keyRow->addWidget(nullKey);
    connect(nullKey, &QCheckBox::toggled, key, &QWidget::setDisabled);
    auto *keyLabel = new QLabel(tr("&Key:"), dialog);
    keyLabel->setBuddy(key);
    form->addRow(keyLabel, keyRow);
    auto *value = new QPlainTextEdit(dialog);
    value->setTabChangesFocus(true);
    form->addRow(tr("&Value:"), value);
    auto *headers = new QPlainTextEdit(dialog);
    headers->setTabChangesFocus(true);
    headers->setPlaceholderText(tr("name=value per line"));
    headers->setFixedHeight(headers->fontMetrics().lineSpacing() * 3 + 12);
    form->addRow(tr("&Headers:"), headers);
    auto *error = new QLabel(dialog);
    QPalette pal = error->palette();
    pal.setColor(QPalette::WindowText, Theme::danger(palette()));
    error->setPalette(pal);
    error->hide();
    form->addRow(error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Produce"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [=, this] {
        live::ProduceRequest request;
        request.topic = topic->currentText().trimmed();
        request.partition = partition->value();
        request.keyNull = nullKey->isChecked();
        request.key = key->text().toUtf8();
        request.value = value->toPlainText().toUtf8();
        auto parsed = live::parsePropertyLines(headers->toPlainText());
        if (request.topic.isEmpty() || !parsed) {
            error->setText(
                request.topic.isEmpty() ? tr("Choose a topic.") : tr("Headers, %1").arg(parsed.error().message));
            error->show();
            return;
        }
        for (const auto &[name, v] : parsed.value())
            request.headers.append({name, v.toUtf8()});
        if (m_source->produce(request)) {
            m_tailStatus->setText(tr("Writing to %1…").arg(request.topic));
            dialog->accept();
        } else {
            error->setText(tr("Not connected, or writes are not allowed."));
            error->show();
        }
    });
    dialog->open();
}

} // namespace kafkalab::app
