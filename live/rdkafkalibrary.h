#pragma once

#include <librdkafka/rdkafka.h>

#include <QString>

namespace kafkalab::live::detail {

// Every librdkafka function that live mode calls. Add a function here before calling it.
// clang-format off
#define KAFKALAB_RDKAFKA_FUNCTIONS(X) \
    X(rd_kafka_AdminOptions_destroy) \
    X(rd_kafka_AdminOptions_new) \
    X(rd_kafka_AdminOptions_set_opaque) \
    X(rd_kafka_AdminOptions_set_request_timeout) \
    X(rd_kafka_ListConsumerGroupOffsets) \
    X(rd_kafka_ListConsumerGroupOffsets_destroy) \
    X(rd_kafka_ListConsumerGroupOffsets_new) \
    X(rd_kafka_ListConsumerGroupOffsets_result_groups) \
    X(rd_kafka_clusterid) \
    X(rd_kafka_conf_destroy) \
    X(rd_kafka_conf_new) \
    X(rd_kafka_conf_set) \
    X(rd_kafka_conf_set_dr_msg_cb) \
    X(rd_kafka_conf_set_error_cb) \
    X(rd_kafka_conf_set_log_cb) \
    X(rd_kafka_conf_set_opaque) \
    X(rd_kafka_consume_queue) \
    X(rd_kafka_consume_start_queue) \
    X(rd_kafka_consume_stop) \
    X(rd_kafka_controllerid) \
    X(rd_kafka_destroy) \
    X(rd_kafka_err2name) \
    X(rd_kafka_err2str) \
    X(rd_kafka_error_code) \
    X(rd_kafka_event_ListConsumerGroupOffsets_result) \
    X(rd_kafka_event_destroy) \
    X(rd_kafka_event_error) \
    X(rd_kafka_event_opaque) \
    X(rd_kafka_event_type) \
    X(rd_kafka_flush) \
    X(rd_kafka_group_list_destroy) \
    X(rd_kafka_group_result_error) \
    X(rd_kafka_group_result_partitions) \
    X(rd_kafka_header_add) \
    X(rd_kafka_header_get_all) \
    X(rd_kafka_headers_destroy) \
    X(rd_kafka_headers_new) \
    X(rd_kafka_last_error) \
    X(rd_kafka_list_groups) \
    X(rd_kafka_mem_free) \
    X(rd_kafka_message_destroy) \
    X(rd_kafka_message_headers) \
    X(rd_kafka_message_timestamp) \
    X(rd_kafka_metadata) \
    X(rd_kafka_metadata_destroy) \
    X(rd_kafka_new) \
    X(rd_kafka_offsets_for_times) \
    X(rd_kafka_opaque) \
    X(rd_kafka_poll) \
    X(rd_kafka_producev) \
    X(rd_kafka_purge) \
    X(rd_kafka_queue_destroy) \
    X(rd_kafka_queue_new) \
    X(rd_kafka_queue_poll) \
    X(rd_kafka_topic_destroy) \
    X(rd_kafka_topic_new) \
    X(rd_kafka_topic_partition_list_add) \
    X(rd_kafka_topic_partition_list_destroy) \
    X(rd_kafka_topic_partition_list_new)
// clang-format on

/**
 * librdkafka, loaded the first time live mode needs it rather than when the program starts.
 * Linked like the other libraries, it (with the OpenSSL, SASL and compression libraries it pulls
 * in) made every start of the app about 3 ms slower, a tenth of a bare Qt window's start-up, for a
 * mode most sessions never open. Only its header is used at build time; the functions are looked
 * up by name in its shared library (`librdkafka.so.1`, the soname of librdkafka 1.x and 2.x, or
 * the file the environment variable KAFKALAB_RDKAFKA_LIBRARY names).
 *
 * Call through rdkafka(): `rdkafka().rd_kafka_poll(rk, 0)`.
 */
struct RdKafkaLibrary
{
#define KAFKALAB_RDKAFKA_POINTER(name) decltype(&::name) name = nullptr;
    KAFKALAB_RDKAFKA_FUNCTIONS(KAFKALAB_RDKAFKA_POINTER)
#undef KAFKALAB_RDKAFKA_POINTER

    /** Why librdkafka could not be used (not installed, a function missing); empty when it can. */
    QString error;
};

/**
 * The library, loaded on the first call (thread-safe). When `error` is set every function is
 * null: the entry points check isRdKafkaLoaded() (KafkaHandle::create does) before anything else.
 */
[[nodiscard]] const RdKafkaLibrary &rdkafka();

/** Loads librdkafka if needed; false, with the reason in `why`, when it cannot be used. */
[[nodiscard]] bool isRdKafkaLoaded(QString *why = nullptr);

} // namespace kafkalab::live::detail
