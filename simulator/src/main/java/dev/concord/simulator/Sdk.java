package dev.concord.simulator;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry SDK as each simulated service runs it: one tracer, logger and meter provider per resource
 * (service, version, cloud, tenant), seeded ids, and processors that keep what the SDK hands to its exporters so
 * that the simulation can deliver it later, in simulated time.
 */
final class Sdk implements AutoCloseable {

    static final String SCOPE = "dev.concord.simulator";

    private final SeededIdGenerator ids;
    private final SimulatedClock clock;
    private final Map<Resource, SdkTracerProvider> tracers = new LinkedHashMap<>();
    private final Map<Resource, SdkLoggerProvider> loggers = new LinkedHashMap<>();
    private final Map<Resource, SdkMeterProvider> meters = new LinkedHashMap<>();
    private final Map<Resource, SimulatedMetricReader> readers = new LinkedHashMap<>();
    private final List<SpanData> spans = new ArrayList<>();
    private final List<LogRecordData> logs = new ArrayList<>();

    Sdk(long seed, SimulatedClock clock) {
        this.ids = new SeededIdGenerator(seed);
        this.clock = clock;
    }

    Tracer tracer(Resource resource) {
        return tracers.computeIfAbsent(
                        resource,
                        r -> SdkTracerProvider.builder()
                                .setResource(r)
                                .setIdGenerator(ids)
                                .setClock(clock)
                                .addSpanProcessor(new Keeper())
                                .build())
                .get(SCOPE);
    }

    Logger logger(Resource resource) {
        return loggers.computeIfAbsent(
                        resource,
                        r -> SdkLoggerProvider.builder()
                                .setResource(r)
                                .setClock(clock)
                                .addLogRecordProcessor(new LogKeeper())
                                .build())
                .get(SCOPE);
    }

    Meter meter(Resource resource) {
        return meters.computeIfAbsent(resource, r -> {
                    SimulatedMetricReader reader = new SimulatedMetricReader();
                    readers.put(r, reader);
                    return SdkMeterProvider.builder()
                            .setResource(r)
                            .setClock(clock)
                            .registerMetricReader(reader)
                            .build();
                })
                .get(SCOPE);
    }

    /** Takes the spans ended since the last call. */
    List<SpanData> takeSpans() {
        List<SpanData> taken = List.copyOf(spans);
        spans.clear();
        return taken;
    }

    List<LogRecordData> takeLogs() {
        List<LogRecordData> taken = List.copyOf(logs);
        logs.clear();
        return taken;
    }

    /** Collects every meter's current points, stamped with the simulated clock's time. */
    List<MetricData> collectMetrics() {
        List<MetricData> collected = new ArrayList<>();
        for (SimulatedMetricReader reader : readers.values()) {
            collected.addAll(reader.collect());
        }
        return collected;
    }

    @Override
    public void close() {
        tracers.values().forEach(SdkTracerProvider::close);
        loggers.values().forEach(SdkLoggerProvider::close);
        meters.values().forEach(SdkMeterProvider::close);
    }

    private final class Keeper implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            spans.add(span.toSpanData());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }

    private final class LogKeeper implements LogRecordProcessor {
        @Override
        public void onEmit(Context context, ReadWriteLogRecord logRecord) {
            logs.add(logRecord.toLogRecordData());
        }
    }

    /** A reader the simulation pulls at the end of each simulated minute, as a periodic reader would. */
    private static final class SimulatedMetricReader implements MetricReader {
        private CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration collectionRegistration) {
            this.registration = collectionRegistration;
        }

        Collection<MetricData> collect() {
            return registration.collectAllMetrics();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public MemoryMode getMemoryMode() {
            return MemoryMode.IMMUTABLE_DATA;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
