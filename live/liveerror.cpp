#include "liveerror.h"

#include "live/rdkafkalibrary.h"

namespace kafkalab::live {

QString LiveError::toString() const
{
    if (detail.isEmpty() || message.contains(detail))
        return message;
    return message + QStringLiteral(" (") + detail + u')';
}

QString LiveError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Configuration:
        return QStringLiteral("configuration");
    case Kind::Unreachable:
        return QStringLiteral("unreachable");
    case Kind::Resolve:
        return QStringLiteral("resolve");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Authentication:
        return QStringLiteral("authentication");
    case Kind::Authorization:
        return QStringLiteral("authorization");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::UnknownGroup:
        return QStringLiteral("unknown-group");
    case Kind::UnknownTopic:
        return QStringLiteral("unknown-topic");
    case Kind::Unsupported:
        return QStringLiteral("unsupported");
    case Kind::Broker:
        return QStringLiteral("broker");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

LiveError cancelledError()
{
    LiveError e;
    e.kind = LiveError::Kind::Cancelled;
    e.message = QStringLiteral("Stopped.");
    return e;
}

QString errorCodeName(int code)
{
    // Codes only come from librdkafka, so it is loaded; the number stands in if it is not.
    if (!detail::isRdKafkaLoaded())
        return QString::number(code);
    return QString::fromUtf8(detail::rdkafka().rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(code)));
}

namespace {

QString errorText(int code)
{
    if (!detail::isRdKafkaLoaded())
        return QStringLiteral("librdkafka error %1").arg(code);
    return QString::fromUtf8(detail::rdkafka().rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(code)));
}

LiveError make(LiveError::Kind kind, QString message, int code, QString detail, QString subject)
{
    LiveError e;
    e.kind = kind;
    e.message = std::move(message);
    e.code = errorCodeName(code);
    e.detail = std::move(detail);
    e.subject = std::move(subject);
    return e;
}

bool mentions(const QString &reason, const char *text)
{
    return reason.contains(QLatin1String(text), Qt::CaseInsensitive);
}

} // namespace

LiveError connectionError(int code, const QString &reason, const QString &bootstrap, int timeoutMs)
{
    using Kind = LiveError::Kind;
    const QString detail = reason.isEmpty() ? errorText(code) : reason;
    switch (code) {
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM:
    case RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE:
        return make(Kind::Authentication,
            QStringLiteral("Authentication failed at %1. Check the security protocol, the SASL mechanism, the user "
                           "name and the password.")
                .arg(bootstrap),
            code, detail, bootstrap);
    case RD_KAFKA_RESP_ERR__SSL:
        return make(Kind::Tls,
            QStringLiteral("The TLS connection to %1 failed. Check the CA file, that the broker's certificate names "
                           "the host you connect to, and that this port expects TLS.")
                .arg(bootstrap),
            code, detail, bootstrap);
    case RD_KAFKA_RESP_ERR__RESOLVE:
        return make(Kind::Resolve,
            QStringLiteral("Cannot resolve the broker address %1. Check the host name.").arg(bootstrap), code, detail,
            bootstrap);
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
        return make(Kind::Timeout,
            QStringLiteral("No answer from %1 within %2 ms. The brokers may be down or overloaded, a firewall may drop "
                           "the packets, or the security protocol may not match the listener.")
                .arg(bootstrap)
                .arg(timeoutMs),
            code, reason, bootstrap);
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
        return resourceError(code, Resource::Cluster, bootstrap, QStringLiteral("read the cluster metadata"));
    default:
        break;
    }
    if (mentions(reason, "security.protocol") || mentions(reason, "SSL handshake"))
        return make(Kind::Tls,
            QStringLiteral("The connection to %1 was closed during the handshake: the security protocol probably "
                           "does not match the listener (TLS on a plaintext port or the other way round).")
                .arg(bootstrap),
            code, detail, bootstrap);
    if (mentions(reason, "SASL") || mentions(reason, "authentication"))
        return connectionError(RD_KAFKA_RESP_ERR__AUTHENTICATION, reason, bootstrap, timeoutMs);
    if (mentions(reason, "resolve"))
        return connectionError(RD_KAFKA_RESP_ERR__RESOLVE, reason, bootstrap, timeoutMs);
    if (code == RD_KAFKA_RESP_ERR__TRANSPORT || code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        return make(Kind::Unreachable,
            QStringLiteral("Cannot reach any broker at %1. Check the host names and ports, that the brokers run, "
                           "and that no firewall blocks the connection.")
                .arg(bootstrap),
            code, detail, bootstrap);
    return make(Kind::Broker,
        QStringLiteral("The cluster at %1 returned an error: %2.").arg(bootstrap, errorText(code)), code, reason,
        bootstrap);
}

LiveError resourceError(int code, Resource resource, const QString &name, const QString &what)
{
    using Kind = LiveError::Kind;
    const QString detail = errorText(code);
    switch (code) {
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
        return make(Kind::Authorization,
            QStringLiteral("Not authorized to describe topic '%1': the cluster's ACLs do not allow this user DESCRIBE "
                           "on it.")
                .arg(name),
            code, detail, name);
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
        return make(Kind::Authorization,
            QStringLiteral("Not authorized to describe consumer group '%1': the cluster's ACLs do not allow this user "
                           "DESCRIBE on the group.")
                .arg(name),
            code, detail, name);
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
        return make(Kind::Authorization,
            QStringLiteral("Not authorized to %1: the cluster's ACLs do not allow this user DESCRIBE on the cluster.")
                .arg(what.isEmpty() ? QStringLiteral("describe the cluster") : what),
            code, detail, name);
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        return make(Kind::UnknownTopic,
            resource == Resource::Partition
                ? QStringLiteral("Partition %1 does not exist (its topic may have been deleted).").arg(name)
                : QStringLiteral("Topic '%1' does not exist (it may have been deleted).").arg(name),
            code, detail, name);
    case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND:
    case RD_KAFKA_RESP_ERR__UNKNOWN_GROUP:
        return make(
            Kind::UnknownGroup, QStringLiteral("Consumer group '%1' does not exist.").arg(name), code, detail, name);
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
        return make(Kind::Broker,
            QStringLiteral("The coordinator of consumer group '%1' is not available right now; the next refresh "
                           "tries again.")
                .arg(name),
            code, detail, name);
    case RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
        return make(Kind::Unsupported,
            QStringLiteral("The cluster cannot %1 (it does not support the request).")
                .arg(what.isEmpty() ? QStringLiteral("answer this") : what),
            code, detail, name);
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
        return make(Kind::Timeout,
            QStringLiteral("No answer in time while trying to %1.")
                .arg(what.isEmpty() ? QStringLiteral("describe %1").arg(name) : what),
            code, detail, name);
    default:
        break;
    }
    QString subject;
    switch (resource) {
    case Resource::Cluster:
        subject = QStringLiteral("the cluster");
        break;
    case Resource::Topic:
        subject = QStringLiteral("topic '%1'").arg(name);
        break;
    case Resource::Partition:
        subject = QStringLiteral("partition %1").arg(name);
        break;
    case Resource::Group:
        subject = QStringLiteral("consumer group '%1'").arg(name);
        break;
    }
    return make(Kind::Broker,
        what.isEmpty() ? QStringLiteral("Error from %1: %2.").arg(subject, detail)
                       : QStringLiteral("Could not %1 (%2): %3.").arg(what, subject, detail),
        code, detail, name);
}

} // namespace kafkalab::live
