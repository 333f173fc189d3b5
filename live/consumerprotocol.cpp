#include "consumerprotocol.h"

#include <algorithm>
#include <map>

#include <QtEndian>

namespace kafkalab::live {
namespace {

/** Reads big-endian fields and remembers whether it ever ran past the end. */
class Reader
{
public:
    explicit Reader(const QByteArray &bytes)
        : m_bytes(bytes)
    { }

    [[nodiscard]] bool failed() const noexcept { return m_failed; }

    qint16 int16()
    {
        if (!need(2))
            return 0;
        const auto v = qFromBigEndian<qint16>(m_bytes.constData() + m_pos);
        m_pos += 2;
        return v;
    }
    qint32 int32()
    {
        if (!need(4))
            return 0;
        const auto v = qFromBigEndian<qint32>(m_bytes.constData() + m_pos);
        m_pos += 4;
        return v;
    }
    QString string()
    {
        const qint16 length = int16();
        if (length < 0 || !need(length)) {
            m_failed = true;
            return {};
        }
        const QString s = QString::fromUtf8(m_bytes.constData() + m_pos, length);
        m_pos += length;
        return s;
    }

private:
    bool need(qsizetype n)
    {
        if (m_failed || n < 0 || m_bytes.size() - m_pos < n) {
            m_failed = true;
            return false;
        }
        return true;
    }

    const QByteArray &m_bytes;
    qsizetype m_pos = 0;
    bool m_failed = false;
};

void appendInt16(QByteArray &out, qint16 v)
{
    char buf[2];
    qToBigEndian(v, buf);
    out.append(buf, 2);
}

void appendInt32(QByteArray &out, qint32 v)
{
    char buf[4];
    qToBigEndian(v, buf);
    out.append(buf, 4);
}

} // namespace

std::optional<QList<TopicPartition>> decodeConsumerAssignment(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return QList<TopicPartition> {};
    Reader r(bytes);
    const qint16 version = r.int16();
    if (version < 0)
        return std::nullopt;
    const qint32 topics = r.int32();
    // Each topic takes at least 6 bytes (string length + partition count): reject absurd counts early.
    if (r.failed() || topics < 0 || topics > bytes.size() / 6)
        return std::nullopt;
    QList<TopicPartition> out;
    for (qint32 t = 0; t < topics; ++t) {
        const QString topic = r.string();
        const qint32 partitions = r.int32();
        if (r.failed() || partitions < 0 || partitions > bytes.size() / 4)
            return std::nullopt;
        for (qint32 p = 0; p < partitions; ++p)
            out.append(TopicPartition {topic, r.int32()});
        if (r.failed())
            return std::nullopt;
    }
    // The user data (cooperative-sticky's generation, custom assignors' payloads) is not shown.
    std::sort(out.begin(), out.end());
    return out;
}

QByteArray encodeConsumerAssignment(const QList<TopicPartition> &assignment)
{
    std::map<QString, QList<qint32>> byTopic;
    for (const TopicPartition &tp : assignment)
        byTopic[tp.topic].append(tp.partition);
    QByteArray out;
    appendInt16(out, 0);
    appendInt32(out, static_cast<qint32>(byTopic.size()));
    for (const auto &[topic, partitions] : byTopic) {
        const QByteArray name = topic.toUtf8();
        appendInt16(out, static_cast<qint16>(name.size()));
        out.append(name);
        appendInt32(out, static_cast<qint32>(partitions.size()));
        for (qint32 p : partitions)
            appendInt32(out, p);
    }
    appendInt32(out, -1); // null user data
    return out;
}

} // namespace kafkalab::live
