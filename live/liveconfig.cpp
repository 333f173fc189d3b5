#include "liveconfig.h"

#include <array>

namespace kafkalab::live {

Properties ConnectionSettings::properties() const
{
    Properties p;
    p.append({QStringLiteral("bootstrap.servers"), bootstrap.trimmed()});
    p.append({QStringLiteral("client.id"), clientId});
    p.append({QStringLiteral("security.protocol"), protocolName(security)});
    if (usesSasl()) {
        p.append({QStringLiteral("sasl.mechanism"), mechanismName(mechanism)});
        p.append({QStringLiteral("sasl.username"), username});
        p.append({QStringLiteral("sasl.password"), password});
    }
    if (usesTls() && !sslCaFile.trimmed().isEmpty())
        p.append({QStringLiteral("ssl.ca.location"), sslCaFile.trimmed()});
    p.append(extra);
    return p;
}

QString ConnectionSettings::protocolName(SecurityProtocol protocol)
{
    switch (protocol) {
    case SecurityProtocol::Plaintext:
        return QStringLiteral("PLAINTEXT");
    case SecurityProtocol::Ssl:
        return QStringLiteral("SSL");
    case SecurityProtocol::SaslPlaintext:
        return QStringLiteral("SASL_PLAINTEXT");
    case SecurityProtocol::SaslSsl:
        return QStringLiteral("SASL_SSL");
    }
    return {};
}

std::optional<SecurityProtocol> ConnectionSettings::protocolFromName(const QString &name)
{
    for (const SecurityProtocol p : {SecurityProtocol::Plaintext, SecurityProtocol::Ssl,
             SecurityProtocol::SaslPlaintext, SecurityProtocol::SaslSsl})
        if (name.compare(protocolName(p), Qt::CaseInsensitive) == 0)
            return p;
    return std::nullopt;
}

QString ConnectionSettings::mechanismName(SaslMechanism mechanism)
{
    switch (mechanism) {
    case SaslMechanism::Plain:
        return QStringLiteral("PLAIN");
    case SaslMechanism::ScramSha256:
        return QStringLiteral("SCRAM-SHA-256");
    case SaslMechanism::ScramSha512:
        return QStringLiteral("SCRAM-SHA-512");
    }
    return {};
}

std::optional<SaslMechanism> ConnectionSettings::mechanismFromName(const QString &name)
{
    for (const SaslMechanism m : {SaslMechanism::Plain, SaslMechanism::ScramSha256, SaslMechanism::ScramSha512})
        if (name.compare(mechanismName(m), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

LiveResult<Property> parseProperty(const QString &text)
{
    const qsizetype eq = text.indexOf(u'=');
    const QString key = eq < 0 ? text.trimmed() : text.left(eq).trimmed();
    if (eq < 0 || key.isEmpty()) {
        LiveError e;
        e.kind = LiveError::Kind::Configuration;
        e.message = QStringLiteral("expected key=value, got \"%1\"").arg(text.trimmed());
        return e;
    }
    return Property {key, text.mid(eq + 1)};
}

LiveResult<Properties> parsePropertyLines(const QString &text)
{
    Properties out;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        auto property = parseProperty(line);
        if (!property) {
            LiveError e = property.error();
            e.message = QStringLiteral("line %1: %2").arg(i + 1).arg(e.message);
            return e;
        }
        out.append(property.value());
    }
    return out;
}

bool isSecretProperty(const QString &key)
{
    static constexpr std::array kSecretParts {"password", "secret", "jaas", ".pem", "token"};
    for (const char *part : kSecretParts)
        if (key.contains(QLatin1String(part), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace kafkalab::live
