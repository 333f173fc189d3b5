#pragma once

#include <optional>
#include <utility>

#include <QList>
#include <QString>

#include "live/liveerror.h"

namespace kafkalab::live {

/** `security.protocol`: how the client talks to the brokers' listener. */
enum class SecurityProtocol { Plaintext, Ssl, SaslPlaintext, SaslSsl };
/** `sasl.mechanism` for the SASL protocols (GSSAPI and OAUTHBEARER go through extra properties). */
enum class SaslMechanism { Plain, ScramSha256, ScramSha512 };

using Property = std::pair<QString, QString>;
using Properties = QList<Property>;

/**
 * How to reach a cluster. Everything becomes librdkafka properties (`properties()`), the extra
 * ones last so they override the fields. The password only lives here, in memory.
 */
struct ConnectionSettings
{
    QString bootstrap; ///< `host:port[,host:port…]`
    SecurityProtocol security = SecurityProtocol::Plaintext;
    SaslMechanism mechanism = SaslMechanism::Plain;
    QString username;
    QString password;
    QString sslCaFile; ///< PEM file or directory; empty for the system's CA store
    Properties extra; ///< any librdkafka property, applied last (`-X key=value` in the CLI)
    int timeoutMs = 10000; ///< the budget of one describe, tail start or produce
    QString clientId = QStringLiteral("kafkalab");

    /** The librdkafka properties, in the order they are applied. */
    [[nodiscard]] Properties properties() const;
    [[nodiscard]] bool usesSasl() const noexcept
    {
        return security == SecurityProtocol::SaslPlaintext || security == SecurityProtocol::SaslSsl;
    }
    [[nodiscard]] bool usesTls() const noexcept
    {
        return security == SecurityProtocol::Ssl || security == SecurityProtocol::SaslSsl;
    }

    /** `PLAINTEXT`, `SSL`, `SASL_PLAINTEXT`, `SASL_SSL`. */
    [[nodiscard]] static QString protocolName(SecurityProtocol protocol);
    [[nodiscard]] static std::optional<SecurityProtocol> protocolFromName(const QString &name);
    /** `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512`. */
    [[nodiscard]] static QString mechanismName(SaslMechanism mechanism);
    [[nodiscard]] static std::optional<SaslMechanism> mechanismFromName(const QString &name);
};

/** Parses one `key=value` (spaces around the key trimmed, the value kept as given). */
[[nodiscard]] LiveResult<Property> parseProperty(const QString &text);

/**
 * Parses one property per line; blank lines and lines starting with `#` are skipped. An error
 * names the line: `line 3: expected key=value, got "acks"`.
 */
[[nodiscard]] LiveResult<Properties> parsePropertyLines(const QString &text);

/**
 * Whether a librdkafka property holds a secret (`sasl.password`, `ssl.key.password`,
 * `sasl.oauthbearer.client.secret`, `ssl.key.pem`, …): never stored unless the user asks, and
 * masked in messages.
 */
[[nodiscard]] bool isSecretProperty(const QString &key);

} // namespace kafkalab::live
