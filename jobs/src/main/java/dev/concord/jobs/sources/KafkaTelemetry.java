package dev.concord.jobs.sources;

import dev.concord.ingest.flink.OtlpDecoding;
import dev.concord.ingest.flink.OtlpDeserializationSchema;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * Sources for the topics the OpenTelemetry Collector's Kafka exporter writes ({@code otlp_proto} encoding), the same
 * whether the telemetry came through Concord's receiver or an existing Collector. A message that does not decode is
 * counted and skipped: the job keeps running.
 */
public final class KafkaTelemetry {

    private KafkaTelemetry() {}

    /**
     * Spans from a traces topic, from the committed offsets of the group (the earliest when it has none).
     *
     * @param bounded read up to the offsets at start and stop: for tests and catch-up runs
     */
    public static KafkaSource<Span> spans(String bootstrapServers, String topic, String groupId, boolean bounded) {
        KafkaSourceBuilder<Span> builder = KafkaSource.<Span>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new OtlpDeserializationSchema<>(OtlpDecoding.spans(PayloadFormat.PROTOBUF)));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** The Collector's default traces topic. */
    public static String defaultSpansTopic() {
        return OtlpSignal.TRACES.defaultTopic();
    }
}
