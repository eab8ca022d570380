package dev.concord.ingest.sink;

import dev.concord.ingest.otlp.OtlpSignal;
import java.util.Objects;

/** The topic of each signal; the defaults are the Collector Kafka exporter's. */
public record KafkaTopics(String spans, String logs, String metrics) {

    public static final KafkaTopics DEFAULTS = new KafkaTopics(
            OtlpSignal.TRACES.defaultTopic(), OtlpSignal.LOGS.defaultTopic(), OtlpSignal.METRICS.defaultTopic());

    public KafkaTopics {
        Objects.requireNonNull(spans, "spans");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(metrics, "metrics");
    }

    public String of(OtlpSignal signal) {
        return switch (signal) {
            case TRACES -> spans;
            case LOGS -> logs;
            case METRICS -> metrics;
        };
    }
}
