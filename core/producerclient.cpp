// Client-side behaviour of Simulation: KafkaProducer's partitioner, RecordAccumulator and Sender.
#include "simulation.h"

#include <algorithm>

#include "core/partitioner.h"

namespace kafkalab::core {

ActionResult Simulation::createProducer(const std::string &name, const ProducerSettings &settings)
{
    if (producerIndex(name) >= 0)
        return ActionResult::failure("producer '" + name + "' already exists");
    ProducerConfig config;
    if (auto error = resolveProducerConfig(settings, m_config.version, config))
        return ActionResult::failure(error->message);
    ProducerState producer;
    producer.name = name;
    producer.config = config;
    if (config.idempotence) {
        // InitProducerId: a fresh producer id, epoch 0.
        producer.producerId = m_nextProducerId++;
        producer.epoch = 0;
    }
    producer.queues.resize(m_topics.size());
    for (std::size_t t = 0; t < m_topics.size(); ++t)
        producer.queues[t].resize(m_topics[t].partitions.size());
    producer.stickyPartition.assign(m_topics.size(), -1);
    producer.roundRobinNext.assign(m_topics.size(), 0);
    producer.pendingBatches.assign(m_topics.size(), 0);
    m_producers.push_back(std::move(producer));
    return {};
}

std::int32_t Simulation::producerIndex(std::string_view name) const noexcept
{
    for (std::size_t i = 0; i < m_producers.size(); ++i)
        if (m_producers[i].name == name)
            return static_cast<std::int32_t>(i);
    return -1;
}

void Simulation::setKeepAckedRanges(std::int32_t producer, bool keep)
{
    m_producers[static_cast<std::size_t>(producer)].keepAckedRanges = keep;
}

std::string Simulation::nextDefaultValue(std::int32_t producer)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    return p.name + '-' + std::to_string(p.valueCounter++);
}

void Simulation::dropAcks(std::int32_t producer, std::int32_t count)
{
    m_producers[static_cast<std::size_t>(producer)].dropAcks += count;
}

bool Simulation::hasPending(std::int32_t producer) const noexcept
{
    return m_producers[static_cast<std::size_t>(producer)].pendingRecords > 0;
}

void Simulation::beginFlush(std::int32_t producer)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    p.flushing = true;
    for (auto &topicQueues : p.queues)
        for (auto &queue : topicQueues)
            for (auto &batch : queue.batches)
                batch.closed = true;
    scheduleSenderWake(producer, m_now);
}

void Simulation::scheduleSenderWake(std::int32_t producer, TimeUs at)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    at = std::max(at, m_now);
    // One pending wake is enough unless this one is earlier.
    if (p.wakeScheduledUs >= 0 && p.wakeScheduledUs <= at)
        return;
    p.wakeScheduledUs = at;
    schedule(at, SenderWakeMsg {producer});
}

std::int32_t Simulation::choosePartition(
    ProducerState &producer, std::int32_t topic, const std::optional<std::string_view> &key)
{
    const TopicState &t = m_topics[static_cast<std::size_t>(topic)];
    const auto count = static_cast<std::int32_t>(t.partitions.size());
    if (producer.config.partitioner == PartitionerKind::RoundRobin) {
        std::int32_t &next = producer.roundRobinNext[static_cast<std::size_t>(topic)];
        const std::int32_t chosen = next % count;
        next = (next + 1) % count;
        return chosen;
    }
    if (key)
        return partitionForKey(*key, count);
    // Keyless: the sticky partitioner (KIP-480) stays on one partition until its batch is done.
    std::int32_t &sticky = producer.stickyPartition[static_cast<std::size_t>(topic)];
    if (sticky < 0 || sticky >= count)
        sticky = static_cast<std::int32_t>(m_rng.below(static_cast<std::uint64_t>(count)));
    return sticky;
}

Simulation::SendResult Simulation::send(std::int32_t producer, std::int32_t topic,
    const std::optional<std::string_view> &key, const std::optional<std::string_view> &value,
    std::optional<std::int32_t> partition)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (topic < 0 || topic >= static_cast<std::int32_t>(m_topics.size()))
        return {-1, ErrorCode::UnknownTopicOrPartition};
    if (!p.alive)
        return {-1, ErrorCode::NetworkException};
    // A transactional producer sends only inside a transaction (KafkaProducer throws otherwise).
    if (p.config.transactionalId && p.txnState != ProducerState::TxnState::InTransaction)
        return {
            -1, p.txnState == ProducerState::TxnState::Fenced ? ErrorCode::ProducerFenced : ErrorCode::InvalidTxnState};
    const auto partitionCount = static_cast<std::int32_t>(m_topics[static_cast<std::size_t>(topic)].partitions.size());
    if (partition && (*partition < 0 || *partition >= partitionCount))
        return {-1, ErrorCode::UnknownTopicOrPartition};
    const std::int64_t size = BatchPayload::recordSize(
        key ? static_cast<std::int32_t>(key->size()) : -1, value ? static_cast<std::int32_t>(value->size()) : -1);
    // max.request.size (1 MiB): the producer refuses bigger records before sending.
    if (size + BatchPayload::kBatchOverheadBytes > 1048576)
        return {-1, ErrorCode::MessageTooLarge};

    const bool sticky = !partition && !key && p.config.partitioner == PartitionerKind::Default;
    std::int32_t chosen = partition ? *partition : choosePartition(p, topic, key);
    auto *queue = &p.queues[static_cast<std::size_t>(topic)][static_cast<std::size_t>(chosen)];
    const auto needsNewBatch = [&](const ProducerPartitionQueue &q) {
        if (q.batches.empty())
            return true;
        const ProducerBatch &last = q.batches.back();
        return last.closed || (!last.payload->records.empty() && last.payload->sizeBytes + size > p.config.batchSize);
    };
    bool newBatch = needsNewBatch(*queue);
    if (sticky && newBatch && !queue->batches.empty() && partitionCount > 1) {
        // KIP-480 onNewBatch: a full batch moves the sticky partition elsewhere.
        std::int32_t next = static_cast<std::int32_t>(m_rng.below(static_cast<std::uint64_t>(partitionCount - 1)));
        if (next >= chosen)
            ++next;
        chosen = next;
        p.stickyPartition[static_cast<std::size_t>(topic)] = chosen;
        queue = &p.queues[static_cast<std::size_t>(topic)][static_cast<std::size_t>(chosen)];
        newBatch = needsNewBatch(*queue);
    }
    // A batch closed because it is full tells the next one how big to start, at once: a producer
    // that fills many batches between two sender runs does not wait for a drain to learn it.
    const auto noteFull = [](ProducerPartitionQueue &q, const BatchPayload &payload) {
        q.lastBatchBytes = static_cast<std::int64_t>(payload.bytes.size());
        q.lastBatchRecords = payload.count();
    };
    if (newBatch) {
        if (!queue->batches.empty() && !queue->batches.back().closed) {
            queue->batches.back().closed = true;
            noteFull(*queue, *queue->batches.back().payload);
            scheduleSenderWake(producer, m_now);
        }
        ProducerBatch batch;
        batch.id = p.nextBatchId++;
        batch.topic = topic;
        batch.partition = chosen;
        batch.payload = std::make_shared<BatchPayload>(m_recordMemory);
        // Size the buffers like this partition's previous batch: a busy partition (last batch at
        // least half full) gets batch.size at once, a quiet one a little more than it used.
        const std::int64_t batchBytes = std::max(p.config.batchSize, 64);
        const std::int64_t expectedBytes = queue->lastBatchBytes * 2 >= batchBytes
            ? batchBytes
            : std::clamp<std::int64_t>(
                queue->lastBatchBytes + queue->lastBatchBytes / 4, std::max<std::int64_t>(size, 64), batchBytes);
        const std::int64_t expectedRecords
            = std::clamp<std::int64_t>(queue->lastBatchRecords + queue->lastBatchRecords / 4 + 1, 1,
                std::max<std::int64_t>(1, p.config.batchSize / std::max<std::int64_t>(size, 1)));
        batch.payload->bytes.reserve(static_cast<std::size_t>(expectedBytes));
        batch.payload->records.reserve(static_cast<std::size_t>(expectedRecords));
        batch.createdUs = m_now;
        queue->batches.push_back(std::move(batch));
        ++p.pendingBatches[static_cast<std::size_t>(topic)];
        scheduleSenderWake(producer, m_now + p.config.lingerUs);
    }
    ProducerBatch &batch = queue->batches.back();
    // Grow the buffers by doubling, but never past batch.size: a batch holds no more than that
    // (except a single record larger than batch.size).
    auto &bytes = batch.payload->bytes;
    const std::size_t needed = bytes.size() + (key ? key->size() : 0) + (value ? value->size() : 0);
    if (needed > bytes.capacity())
        bytes.reserve(std::max(
            needed, std::min(bytes.capacity() * 2, static_cast<std::size_t>(std::max(p.config.batchSize, 64)))));
    auto &records = batch.payload->records;
    if (records.size() == records.capacity())
        records.reserve(std::max<std::size_t>(records.size() + 1,
            std::min(records.capacity() * 2,
                static_cast<std::size_t>(
                    std::max<std::int64_t>(1, p.config.batchSize / std::max<std::int64_t>(size, 1))))));
    batch.payload->append(key, value, m_now);
    p.bufferedBytes += size;
    ++p.pendingRecords;
    ++m_recordsSent;
    if (batch.payload->sizeBytes >= p.config.batchSize) {
        batch.closed = true;
        noteFull(*queue, *batch.payload);
        scheduleSenderWake(producer, m_now);
    }
    return {chosen, ErrorCode::None};
}

void Simulation::expireBatches(std::int32_t producer)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    if (m_now < p.nextExpiryCheckUs)
        return;
    p.nextExpiryCheckUs = m_now + 10 * kMicrosPerMs;
    for (auto &topicQueues : p.queues) {
        for (auto &queue : topicQueues) {
            std::vector<std::uint64_t> expired;
            for (const ProducerBatch &batch : queue.batches)
                if (!batch.inFlight && m_now - batch.createdUs >= p.config.deliveryTimeoutUs)
                    expired.push_back(batch.id);
            for (std::uint64_t id : expired) {
                const ProducerBatch &batch = *std::find_if(
                    queue.batches.begin(), queue.batches.end(), [id](const ProducerBatch &b) { return b.id == id; });
                completeBatch(producer, batch.topic, batch.partition, id, ErrorCode::DeliveryTimeout, -1);
            }
        }
    }
}

void Simulation::runSender(std::int32_t producer)
{
    if (!m_producers[static_cast<std::size_t>(producer)].alive)
        return;
    expireBatches(producer);
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    const bool transactional = p.config.transactionalId.has_value();
    std::vector<PartitionKey> toAdd;
    bool moreReady = false;
    std::map<BrokerId, std::vector<ProducerBatch *>> requests;
    TimeUs nextWake = -1;
    const auto wakeAt = [&nextWake](TimeUs t) { nextWake = nextWake < 0 ? t : std::min(nextWake, t); };

    for (std::size_t t = 0; t < p.queues.size(); ++t) {
        if (p.pendingBatches[t] == 0)
            continue;
        for (std::size_t pi = 0; pi < p.queues[t].size(); ++pi) {
            ProducerPartitionQueue &queue = p.queues[t][pi];
            if (queue.batches.empty())
                continue;
            const PartitionState &partition = m_topics[t].partitions[pi];
            const BrokerId leader = partition.leader;
            // Transactions: a partition's batches wait until AddPartitionsToTxn confirmed it.
            if (transactional) {
                const std::pair<std::int32_t, std::int32_t> key {
                    static_cast<std::int32_t>(t), static_cast<std::int32_t>(pi)};
                if (std::find(p.txnPartitions.begin(), p.txnPartitions.end(), key) == p.txnPartitions.end()) {
                    toAdd.push_back(key);
                    continue;
                }
            }
            // No leader, or the leader refuses connections: wait and look again (metadata refresh).
            if (leader == kNoBroker || !brokerRef(leader).alive) {
                wakeAt(m_now + p.config.retryBackoffUs);
                continue;
            }
            // max.in.flight.requests.per.connection=1 keeps strict order: one batch at a time.
            if (p.config.maxInFlight == 1 && queue.inFlight > 0)
                continue;
            for (ProducerBatch &batch : queue.batches) {
                if (batch.inFlight)
                    continue;
                if (batch.retryAtUs > m_now) {
                    wakeAt(batch.retryAtUs);
                    break;
                }
                const bool ready
                    = batch.closed || p.flushing || batch.attempts > 0 || m_now - batch.createdUs >= p.config.lingerUs;
                if (!ready) {
                    wakeAt(batch.createdUs + p.config.lingerUs);
                    break;
                }
                // The connection is full: a response will wake the sender. (Checked before the
                // request is started, so no empty request is ever sent.)
                const auto existing = requests.find(leader);
                if (existing == requests.end() && p.inFlightPerBroker[leader] >= p.config.maxInFlight)
                    break;
                requests[leader].push_back(&batch);
                // Another ready batch behind this one is sent by an immediate second pass.
                const auto next = std::find_if(queue.batches.begin(), queue.batches.end(),
                    [&batch](const ProducerBatch &b) { return &b != &batch && !b.inFlight && b.closed; });
                moreReady = moreReady || next != queue.batches.end();
                break; // one batch per partition per request, like RecordAccumulator.drain
            }
        }
    }

    for (auto &[broker, batches] : requests) {
        ProduceRequestMsg msg {producer, p.nextBatchId++, broker, p.config.acks, p.config.requestTimeoutUs, {}};
        msg.entries.reserve(batches.size());
        InFlightRequest inFlight;
        inFlight.requestId = msg.requestId;
        inFlight.broker = broker;
        inFlight.brokerIncarnation = brokerRef(broker).incarnation;
        for (ProducerBatch *batch : batches) {
            ProducerPartitionQueue &queue
                = p.queues[static_cast<std::size_t>(batch->topic)][static_cast<std::size_t>(batch->partition)];
            if (batch->attempts == 0) {
                queue.lastBatchBytes = static_cast<std::int64_t>(batch->payload->bytes.size());
                queue.lastBatchRecords = batch->payload->count();
            }
            batch->closed = true;
            ++batch->attempts;
            if (p.config.idempotence && !batch->sequenced) {
                // Sequence numbers are assigned when a batch is first drained.
                batch->payload->producerId = p.producerId;
                batch->payload->producerEpoch = p.epoch;
                batch->payload->baseSequence = queue.nextSequence;
                batch->payload->transactional = transactional;
                queue.nextSequence += batch->payload->count();
                batch->sequenced = true;
            }
            msg.entries.push_back(ProduceEntry {batch->topic, batch->partition, batch->id, batch->payload});
            if (p.config.acks != 0) {
                batch->inFlight = true;
                ++queue.inFlight;
                inFlight.batchIds.push_back(batch->id);
                inFlight.partitions.emplace_back(batch->topic, batch->partition);
            }
            p.sentRecords += batch->payload->count();
        }
        if (wantsEvents()) {
            Event e = makeEvent(EventType::ProduceSent);
            e.client = p.name;
            e.broker = broker;
            e.count = static_cast<std::int64_t>(batches.size());
            publish(e);
        }
        std::vector<std::pair<std::int32_t, std::uint64_t>> fireAndForget;
        if (p.config.acks == 0)
            for (const ProduceEntry &entry : msg.entries)
                fireAndForget.emplace_back(entry.topic * 1000003 + entry.partition, entry.batchId);
        const std::uint64_t requestId = msg.requestId;
        const std::vector<ProduceEntry> entries = p.config.acks == 0 ? msg.entries : std::vector<ProduceEntry> {};
        schedule(m_now + linkLatency(clientNode(producer), broker), std::move(msg));
        if (p.config.acks != 0) {
            ++p.inFlightPerBroker[broker];
            p.inFlight.emplace(requestId, std::move(inFlight));
            // request.timeout.ms: one timer per producer, at the oldest deadline (onRequestTimeout
            // moves it along), rather than one pending event per request.
            const TimeUs deadline = m_now + p.config.requestTimeoutUs;
            p.requestDeadlines.emplace_back(deadline, requestId);
            if (!p.requestTimerScheduled) {
                p.requestTimerScheduled = true;
                schedule(deadline, RequestTimeoutMsg {producer, requestId});
            }
        } else {
            // acks=0: the send completes as soon as the request is written to the socket.
            for (const ProduceEntry &entry : entries)
                completeBatch(producer, entry.topic, entry.partition, entry.batchId, ErrorCode::None, -1);
        }
    }
    // Like the Java Sender's loop: after sending, look again at once when a partition has more
    // ready batches, so they pipeline up to max.in.flight instead of one per response.
    if (!requests.empty() && moreReady)
        scheduleSenderWake(producer, m_now);
    if (!toAdd.empty() && !p.addPartitionsInFlight && p.txnState != ProducerState::TxnState::Fenced) {
        p.addPartitionsInFlight = true;
        sendToTxnCoordinator(producer, AddPartitionsMsg {producer, p.incarnation, p.producerId, p.epoch, toAdd, {}});
    }
    if (p.pendingRecords == 0)
        p.flushing = false;
    if (nextWake >= 0)
        scheduleSenderWake(producer, nextWake);
    maybeSendEndTxn(producer);
}

void Simulation::onProduceResponse(ProduceResponseMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    const auto it = p.inFlight.find(msg.requestId);
    if (it == p.inFlight.end() || !p.alive)
        return; // timed out already, or the producer is gone
    const BrokerId broker = it->second.broker;
    if (msg.lost) {
        failInFlightRequest(msg.producer, msg.requestId, ErrorCode::NetworkException);
    } else {
        p.inFlight.erase(it);
        --p.inFlightPerBroker[broker];
        for (const PartitionResult &result : msg.results)
            completeBatch(
                msg.producer, result.topic, result.partition, result.batchId, result.error, result.baseOffset);
    }
    scheduleSenderWake(msg.producer, m_now);
}

void Simulation::onRequestTimeout(const RequestTimeoutMsg &msg)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(msg.producer)];
    p.requestTimerScheduled = false;
    bool expired = false;
    while (!p.requestDeadlines.empty()) {
        const auto [deadline, requestId] = p.requestDeadlines.front();
        const bool pending = p.inFlight.find(requestId) != p.inFlight.end();
        if (pending && deadline > m_now)
            break;
        p.requestDeadlines.pop_front();
        if (pending) {
            failInFlightRequest(msg.producer, requestId, ErrorCode::RequestTimedOut);
            expired = true;
        }
    }
    if (!p.requestDeadlines.empty()) {
        p.requestTimerScheduled = true;
        schedule(p.requestDeadlines.front().first, RequestTimeoutMsg {msg.producer, p.requestDeadlines.front().second});
    }
    if (expired)
        scheduleSenderWake(msg.producer, m_now);
}

void Simulation::failInFlightRequest(std::int32_t producer, std::uint64_t requestId, ErrorCode error)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    const auto it = p.inFlight.find(requestId);
    if (it == p.inFlight.end())
        return;
    const InFlightRequest request = std::move(it->second);
    p.inFlight.erase(it);
    --p.inFlightPerBroker[request.broker];
    for (std::size_t i = 0; i < request.batchIds.size(); ++i)
        completeBatch(
            producer, request.partitions[i].first, request.partitions[i].second, request.batchIds[i], error, -1);
}

void Simulation::disconnectProducersFrom(BrokerId broker)
{
    // A crashed broker closes its connections: in-flight requests fail at once and are retried.
    for (std::size_t i = 0; i < m_producers.size(); ++i) {
        std::vector<std::uint64_t> ids;
        for (const auto &[id, request] : m_producers[i].inFlight)
            if (request.broker == broker)
                ids.push_back(id);
        for (std::uint64_t id : ids)
            failInFlightRequest(static_cast<std::int32_t>(i), id, ErrorCode::NetworkException);
        if (!ids.empty())
            scheduleSenderWake(static_cast<std::int32_t>(i), m_now);
    }
}

void Simulation::completeBatch(std::int32_t producer, std::int32_t topic, std::int32_t partition, std::uint64_t batchId,
    ErrorCode error, Offset baseOffset)
{
    ProducerState &p = m_producers[static_cast<std::size_t>(producer)];
    ProducerPartitionQueue &queue = p.queues[static_cast<std::size_t>(topic)][static_cast<std::size_t>(partition)];
    const auto it = std::find_if(
        queue.batches.begin(), queue.batches.end(), [batchId](const ProducerBatch &b) { return b.id == batchId; });
    if (it == queue.batches.end())
        return;
    ProducerBatch &batch = *it;
    if (batch.inFlight) {
        batch.inFlight = false;
        --queue.inFlight;
    }
    const std::int32_t count = batch.payload->count();
    const auto finish = [&] {
        p.pendingRecords -= count;
        p.bufferedBytes -= batch.payload->sizeBytes - BatchPayload::kBatchOverheadBytes;
        queue.batches.erase(it);
        --p.pendingBatches[static_cast<std::size_t>(topic)];
        if (p.pendingRecords == 0)
            p.flushing = false;
    };

    if (error == ErrorCode::None) {
        p.ackedRecords += count;
        if (p.config.acks != 0)
            p.lastError = ErrorCode::None;
        if (p.keepAckedRanges)
            p.ackedRanges.push_back({topic, partition, baseOffset, count});
        if (wantsEvents()) {
            Event e = partitionEvent(EventType::ProduceAcked, topic, partition);
            e.client = p.name;
            e.offset = baseOffset;
            e.count = count;
            publish(e);
        }
        finish();
        return;
    }

    if (error != ErrorCode::DeliveryTimeout)
        p.lastError = error;
    // An out-of-order answer while an earlier batch of this partition is still unacknowledged
    // means that batch is being retried: this one is retried after it (Sender.canRetry).
    bool retriable = isRetriable(error);
    if (error == ErrorCode::OutOfOrderSequenceNumber && p.config.idempotence && it != queue.batches.begin())
        retriable = true;
    const bool withinDeadline = m_now - batch.createdUs < p.config.deliveryTimeoutUs;
    if (retriable && batch.attempts <= p.config.retries && withinDeadline) {
        batch.retryAtUs = m_now + p.config.retryBackoffUs;
        ++p.retries;
        if (wantsEvents()) {
            Event e = partitionEvent(EventType::ProduceRetried, topic, partition);
            e.client = p.name;
            e.error = error;
            e.count = count;
            e.epoch = batch.attempts;
            publish(e);
        }
        scheduleSenderWake(producer, batch.retryAtUs);
        return;
    }
    p.failedRecords += count;
    if (wantsEvents()) {
        Event e = partitionEvent(EventType::ProduceFailed, topic, partition);
        e.client = p.name;
        e.error = error == ErrorCode::DeliveryTimeout || !withinDeadline ? ErrorCode::DeliveryTimeout : error;
        e.count = count;
        publish(e);
    }
    finish();
}

} // namespace kafkalab::core
