#include "kafkahandle.h"

#include <algorithm>
#include <chrono>

namespace kafkalab::live::detail {
namespace {

void errorCallback(rd_kafka_t * /*rk*/, int err, const char *reason, void *opaque)
{
    if (opaque != nullptr)
        static_cast<ClientNotes *>(opaque)->addError(err, QString::fromUtf8(reason));
}

void logCallback(const rd_kafka_t *rk, int level, const char * /*facility*/, const char *buf)
{
    // Never print: librdkafka's default logger writes to stderr, which the CLI keeps for its own errors.
    if (void *opaque = rdkafka().rd_kafka_opaque(rk))
        static_cast<ClientNotes *>(opaque)->addLog(level, QString::fromUtf8(buf));
}

/** Errors after which waiting longer does not help. */
bool isFatalConnectionError(int code)
{
    return code == RD_KAFKA_RESP_ERR__AUTHENTICATION || code == RD_KAFKA_RESP_ERR__SSL
        || code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || code == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED
        || code == RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM;
}

/**
 * The most telling note: "all brokers down" says less than the connect error before it
 * ("Connect to ipv4#… failed: Connection refused").
 */
ClientNotes::Note bestNote(const std::vector<ClientNotes::Note> &notes)
{
    for (auto it = notes.rbegin(); it != notes.rend(); ++it)
        if (it->code != RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
            return *it;
    return notes.back();
}

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

void ClientNotes::addError(int code, const QString &reason)
{
    const std::lock_guard lock(m_mutex);
    // A client that cannot connect repeats itself; keep the list short.
    if (m_errors.size() < 64)
        m_errors.push_back(Note {code, reason});
}

void ClientNotes::addLog(int level, const QString &text)
{
    // syslog levels: 0-3 errors, 4 warnings.
    if (level > 4)
        return;
    const std::lock_guard lock(m_mutex);
    m_lastProblemLog = text;
}

std::vector<ClientNotes::Note> ClientNotes::takeErrors()
{
    const std::lock_guard lock(m_mutex);
    std::vector<Note> out;
    out.swap(m_errors);
    return out;
}

QString ClientNotes::lastProblemLog() const
{
    const std::lock_guard lock(m_mutex);
    return m_lastProblemLog;
}

void ClientNotes::clear()
{
    const std::lock_guard lock(m_mutex);
    m_errors.clear();
    m_lastProblemLog.clear();
}

LiveResult<std::unique_ptr<KafkaHandle>> KafkaHandle::create(rd_kafka_type_t type, const Properties &properties,
    void (*deliveryCallback)(rd_kafka_t *, const rd_kafka_message_t *, void *))
{
    const auto configurationError = [](QString message, QString detail = {}) {
        LiveError e;
        e.kind = LiveError::Kind::Configuration;
        e.message = std::move(message);
        e.detail = std::move(detail);
        return e;
    };
    if (QString why; !isRdKafkaLoaded(&why))
        return configurationError(why);
    std::unique_ptr<KafkaHandle> handle(new KafkaHandle);
    handle->m_notes = std::make_unique<ClientNotes>();
    rd_kafka_conf_t *conf = rdkafka().rd_kafka_conf_new();
    char errstr[512];
    for (const auto &[key, value] : properties) {
        if (key == u"bootstrap.servers" && value.trimmed().isEmpty()) {
            rdkafka().rd_kafka_conf_destroy(conf);
            return configurationError(QStringLiteral("No bootstrap servers: give at least one host:port."));
        }
        const QByteArray k = key.toUtf8();
        const QByteArray v = value.toUtf8();
        if (rdkafka().rd_kafka_conf_set(conf, k.constData(), v.constData(), errstr, sizeof errstr)
            != RD_KAFKA_CONF_OK) {
            rdkafka().rd_kafka_conf_destroy(conf);
            const QString shown = isSecretProperty(key) ? QStringLiteral("••••") : value;
            return configurationError(
                QStringLiteral("Invalid property %1=%2: %3").arg(key, shown, QString::fromUtf8(errstr)));
        }
    }
    rdkafka().rd_kafka_conf_set_opaque(conf, handle->m_notes.get());
    rdkafka().rd_kafka_conf_set_error_cb(conf, errorCallback);
    rdkafka().rd_kafka_conf_set_log_cb(conf, logCallback);
    if (deliveryCallback != nullptr)
        rdkafka().rd_kafka_conf_set_dr_msg_cb(conf, deliveryCallback);
    // rd_kafka_new takes the configuration only on success.
    rd_kafka_t *rk = rdkafka().rd_kafka_new(type, conf, errstr, sizeof errstr);
    if (rk == nullptr) {
        rdkafka().rd_kafka_conf_destroy(conf);
        return configurationError(
            QStringLiteral("Cannot create the Kafka client: %1").arg(QString::fromUtf8(errstr)), QString());
    }
    handle->m_rk.reset(rk);
    return handle;
}

KafkaHandle::~KafkaHandle() = default;

void KafkaHandle::serveCallbacks() noexcept
{
    if (m_rk)
        rdkafka().rd_kafka_poll(m_rk.get(), 0);
}

std::optional<LiveError> KafkaHandle::waitForCluster(
    const Deadline &deadline, const std::atomic_bool *cancel, const QString &bootstrap, int timeoutMs)
{
    rd_kafka_t *rk = m_rk.get();
    // Errors since the cluster last answered still count: "all brokers down" is said only once,
    // maybe before this call (a new client fails its first connection at once).
    std::vector<ClientNotes::Note> notes = m_pendingNotes;
    for (int slice = 200;; slice = std::min(slice * 2, 2000)) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
            return cancelledError();
        const int wait = std::min(slice, deadline.remainingMs());
        const rd_kafka_metadata_t *raw = nullptr;
        const rd_kafka_resp_err_t err
            = wait > 0 ? rdkafka().rd_kafka_metadata(rk, 0, nullptr, &raw, wait) : RD_KAFKA_RESP_ERR__TIMED_OUT;
        serveCallbacks();
        for (ClientNotes::Note &note : m_notes->takeErrors())
            notes.push_back(std::move(note));
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            rdkafka().rd_kafka_metadata_destroy(raw);
            m_pendingNotes.clear();
            return std::nullopt;
        }
        if (notes.size() > 32)
            notes.erase(notes.begin(), notes.end() - 32);
        m_pendingNotes = notes;
        if (std::any_of(notes.begin(), notes.end(), [](const auto &n) { return isFatalConnectionError(n.code); })) {
            const ClientNotes::Note note = bestNote(notes);
            return connectionError(note.code, note.reason, bootstrap, timeoutMs);
        }
        if (err != RD_KAFKA_RESP_ERR__TIMED_OUT && err != RD_KAFKA_RESP_ERR__TRANSPORT)
            return connectionError(err, m_notes->lastProblemLog(), bootstrap, timeoutMs);
        if (deadline.expired()) {
            // A refused connection or an unknown host says more than "no answer".
            if (!notes.empty()
                && (bestNote(notes).code == RD_KAFKA_RESP_ERR__TRANSPORT
                    || bestNote(notes).code == RD_KAFKA_RESP_ERR__RESOLVE))
                return connectionError(bestNote(notes).code, bestNote(notes).reason, bootstrap, timeoutMs);
            LiveError e = connectionError(RD_KAFKA_RESP_ERR__TIMED_OUT, {}, bootstrap, timeoutMs);
            e.detail = notes.empty() ? m_notes->lastProblemLog() : bestNote(notes).reason;
            return e;
        }
    }
}

Deadline::Deadline(int timeoutMs)
    : m_endMs(nowMs() + std::max(timeoutMs, 0))
{ }

int Deadline::remainingMs() const
{
    return static_cast<int>(std::max<qint64>(0, m_endMs - nowMs()));
}

} // namespace kafkalab::live::detail
