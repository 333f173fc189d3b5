#pragma once

#include <atomic>
#include <utility>

#include <QByteArray>
#include <QList>
#include <QString>

#include "live/liveconfig.h"
#include "live/liveerror.h"

namespace kafkalab::live {

/** A test record to write; live mode's only write, and only after the user unlocks writes. */
struct ProduceRequest
{
    QString topic;
    int partition = -1; ///< -1: librdkafka's partitioner picks (by key)
    QByteArray key;
    bool keyNull = true;
    QByteArray value;
    bool valueNull = false;
    QList<std::pair<QString, QByteArray>> headers;
};

/** Where the record landed. */
struct ProduceResult
{
    QString topic;
    int partition = -1;
    qint64 offset = -1;
};

/**
 * Writes one record with acks=all and waits for the acknowledgement, within the settings'
 * timeout. The topic must exist: this client never creates topics.
 */
[[nodiscard]] LiveResult<ProduceResult> produceRecord(
    const ConnectionSettings &settings, const ProduceRequest &request, const std::atomic_bool *cancel = nullptr);

} // namespace kafkalab::live
