package dev.concord.simulator;

import dev.concord.ingest.Conventions;
import dev.concord.simulator.emit.TelemetryOutput;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Telemetry on its way out of each cloud: batched every five seconds of simulated time, as the SDK's batch
 * processors export, and through the collector faults of its cloud (lost, late, or sent twice). Batches go to the
 * output in time order.
 */
final class Delivery {

    /** The SDK batch span processor's default schedule delay. */
    static final long BATCH_NANOS = 5 * Times.NANOS_PER_SECOND;

    private static final AttributeKey<String> CLOUD = AttributeKey.stringKey(Conventions.CLOUD_PROVIDER);
    private static final Comparator<SpanData> BY_END =
            Comparator.comparingLong(SpanData::getEndEpochNanos).thenComparing(SpanData::getSpanId);

    private static final class Batch {
        final List<SpanData> spans = new ArrayList<>();
        final List<LogRecordData> logs = new ArrayList<>();
        final List<MetricData> metrics = new ArrayList<>();
    }

    private final Conditions conditions;
    // its own generator: how telemetry travels must not change what the services do
    private final SplittableRandom random;
    private final TreeMap<Long, Batch> batches = new TreeMap<>();

    Delivery(Conditions conditions, long seed) {
        this.conditions = conditions;
        this.random = new SplittableRandom(seed ^ 0x7E1E_3E7A_1L);
    }

    void spans(List<SpanData> spans) {
        for (SpanData span : spans) {
            String cloud = cloud(span.getResource());
            long recorded = span.getEndEpochNanos();
            long sent = recorded - conditions.clockOffsetNanos(cloud, recorded);
            for (long at : arrivals(cloud, sent)) {
                batch(at).spans.add(span);
            }
        }
    }

    void logs(List<LogRecordData> logs) {
        for (LogRecordData log : logs) {
            for (long at : arrivals(cloud(log.getResource()), log.getObservedTimestampEpochNanos())) {
                batch(at).logs.add(log);
            }
        }
    }

    void metrics(List<MetricData> metrics, long collectedNanos) {
        for (MetricData metric : metrics) {
            for (long at : arrivals(cloud(metric.getResource()), collectedNanos)) {
                batch(at).metrics.add(metric);
            }
        }
    }

    /** Sends every batch due before {@code nanos}: nothing generated later can land in them. */
    void sendBefore(long nanos, TelemetryOutput output) {
        while (!batches.isEmpty() && batches.firstKey() * BATCH_NANOS + BATCH_NANOS <= nanos) {
            send(batches.pollFirstEntry().getValue(), output);
        }
    }

    void sendAll(TelemetryOutput output) {
        sendBefore(Long.MAX_VALUE, output);
    }

    private static void send(Batch batch, TelemetryOutput output) {
        if (!batch.spans.isEmpty()) {
            batch.spans.sort(BY_END);
            output.traces(batch.spans);
        }
        if (!batch.logs.isEmpty()) {
            batch.logs.sort(Comparator.comparingLong(LogRecordData::getObservedTimestampEpochNanos));
            output.logs(batch.logs);
        }
        if (!batch.metrics.isEmpty()) {
            output.metrics(batch.metrics);
        }
    }

    private long[] arrivals(String cloud, long sentNanos) {
        Fault fault = conditions.collector(cloud, sentNanos);
        if (fault == null) {
            return new long[] {sentNanos};
        }
        return switch (fault.shape()) {
            case HARD_DOWN -> new long[0];
            case LATENCY -> new long[] {sentNanos + fault.with().latency().toNanos()};
            // the retry of a request whose answer was lost arrives with the next batch
            case DUPLICATE ->
                random.nextDouble() < fault.with().share()
                        ? new long[] {sentNanos, sentNanos + BATCH_NANOS}
                        : new long[] {sentNanos};
            default -> new long[] {sentNanos};
        };
    }

    private Batch batch(long nanos) {
        return batches.computeIfAbsent(Math.floorDiv(nanos, BATCH_NANOS), k -> new Batch());
    }

    private static String cloud(Resource resource) {
        String cloud = resource.getAttribute(CLOUD);
        return cloud == null ? "" : cloud;
    }
}
