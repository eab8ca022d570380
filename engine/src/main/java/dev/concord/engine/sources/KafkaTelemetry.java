package dev.concord.engine.sources;

import dev.concord.ingest.flink.OtlpDecoding;
import dev.concord.ingest.flink.OtlpDeserializationSchema;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
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
        return source(bootstrapServers, topic, groupId, bounded, OtlpDecoding.spans(PayloadFormat.PROTOBUF));
    }

    /** Probe results (the synthetic probes' spans) from a traces topic, as {@link #spans}. */
    public static KafkaSource<ProbeResult> probes(
            String bootstrapServers, String topic, String groupId, boolean bounded) {
        return source(bootstrapServers, topic, groupId, bounded, OtlpDecoding.probes(PayloadFormat.PROTOBUF));
    }

    /** Log records from a logs topic, as {@link #spans}. */
    public static KafkaSource<LogRecord> logs(String bootstrapServers, String topic, String groupId, boolean bounded) {
        return source(bootstrapServers, topic, groupId, bounded, OtlpDecoding.logs(PayloadFormat.PROTOBUF));
    }

    /** Metric samples from a metrics topic, as {@link #spans}. */
    public static KafkaSource<MetricSample> metrics(
            String bootstrapServers, String topic, String groupId, boolean bounded) {
        return source(bootstrapServers, topic, groupId, bounded, OtlpDecoding.metrics(PayloadFormat.PROTOBUF));
    }

    private static <T> KafkaSource<T> source(
            String bootstrapServers, String topic, String groupId, boolean bounded, OtlpDecoding<T> decoding) {
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new OtlpDeserializationSchema<>(decoding));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** The Collector's default traces topic. */
    public static String defaultSpansTopic() {
        return OtlpSignal.TRACES.defaultTopic();
    }

    /** The Collector's default logs topic. */
    public static String defaultLogsTopic() {
        return OtlpSignal.LOGS.defaultTopic();
    }

    /** The Collector's default metrics topic. */
    public static String defaultMetricsTopic() {
        return OtlpSignal.METRICS.defaultTopic();
    }
}
