package dev.concord.simulator;

import static dev.concord.simulator.OrderToFulfillment.FULFILLMENT_SERVICE;
import static dev.concord.simulator.OrderToFulfillment.ORDER_API;
import static dev.concord.simulator.OrderToFulfillment.STAGE_FULFILLMENT;
import static dev.concord.simulator.OrderToFulfillment.STAGE_ORDER_CAPTURE;
import static dev.concord.simulator.OrderToFulfillment.STAGE_WAREHOUSE_RESERVATION;
import static dev.concord.simulator.OrderToFulfillment.TRANSACTION;
import static dev.concord.simulator.OrderToFulfillment.WAREHOUSE_API;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.model.Span;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs order-to-fulfillment traffic through both clouds in simulated time and records the spans the services' real
 * OpenTelemetry SDK tracers export. The same settings and seed always give the same spans.
 */
public final class TwoCloudSimulator {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final SimulationSettings settings;

    public TwoCloudSimulator(SimulationSettings settings) {
        this.settings = settings;
    }

    /** Simulates the whole period and returns the exported spans ordered by end time. */
    public List<Span> run() {
        CollectingExporter exporter = new CollectingExporter();
        SeededIdGenerator ids = new SeededIdGenerator(settings.seed());
        Map<String, SdkTracerProvider> providers = new HashMap<>();
        try {
            SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
            long minutes = Duration.between(settings.start(), settings.end()).toMinutes();
            long sequence = 0;
            for (long minute = 0; minute < minutes; minute++) {
                Instant minuteStart = settings.start().plus(Duration.ofMinutes(minute));
                for (CloudSite site : settings.sites()) {
                    for (long offsetMillis : arrivalOffsets(random)) {
                        String tenant = settings.tenants()
                                .get(random.nextInt(settings.tenants().size()));
                        Tracers tracers = new Tracers(providers, exporter, ids, site, tenant);
                        runTransaction(tracers, site, minuteStart.plusMillis(offsetMillis), ++sequence, random);
                    }
                }
            }
        } finally {
            providers.values().forEach(SdkTracerProvider::close);
        }
        List<Span> spans = new ArrayList<>(exporter.spans);
        spans.sort(Comparator.comparingLong(Span::endTimeUnixNano).thenComparing(Span::spanId));
        return spans;
    }

    private long[] arrivalOffsets(SplittableRandom random) {
        long[] offsets = new long[settings.transactionsPerMinutePerCloud()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = random.nextLong(55_000L);
        }
        java.util.Arrays.sort(offsets);
        return offsets;
    }

    private void runTransaction(
            Tracers tracers, CloudSite site, Instant start, long sequence, SplittableRandom random) {
        String transactionId = "o2f-" + site.provider() + "-" + sequence;
        long startNanos = epochNanos(start);
        io.opentelemetry.api.trace.Span order = tracers.forService(ORDER_API)
                .spanBuilder("POST /orders")
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(startNanos, NANOSECONDS)
                .setAllAttributes(stage(transactionId, STAGE_ORDER_CAPTURE))
                .startSpan();
        Context orderContext = Context.root().with(order);

        long reserveStart = startNanos + millis(random, 5, 15);
        long reserveEnd = reserveStart + millis(random, 20, 60);
        io.opentelemetry.api.trace.Span reserve = tracers.forService(WAREHOUSE_API)
                .spanBuilder("POST /reservations")
                .setParent(orderContext)
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(reserveStart, NANOSECONDS)
                .setAllAttributes(stage(transactionId, STAGE_WAREHOUSE_RESERVATION))
                .startSpan();
        boolean warehouseDown = settings.outages().stream()
                .anyMatch(outage -> outage.covers(site, WAREHOUSE_API, Instant.ofEpochSecond(0, reserveStart)));
        if (warehouseDown) {
            reserve.setAttribute("http.response.status_code", 503L);
            reserve.setStatus(StatusCode.ERROR, "warehouse unavailable");
            reserve.end(reserveEnd, NANOSECONDS);
            order.setStatus(StatusCode.ERROR, "stock reservation failed");
            order.end(reserveEnd + millis(random, 1, 5), NANOSECONDS);
            return;
        }
        reserve.setAttribute("http.response.status_code", 201L);
        reserve.end(reserveEnd, NANOSECONDS);

        long fulfilStart = reserveEnd + millis(random, 1, 5);
        long fulfilEnd = fulfilStart + millis(random, 30, 90);
        io.opentelemetry.api.trace.Span fulfil = tracers.forService(FULFILLMENT_SERVICE)
                .spanBuilder("fulfil order")
                .setParent(orderContext)
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(fulfilStart, NANOSECONDS)
                .setAllAttributes(stage(transactionId, STAGE_FULFILLMENT))
                .startSpan();
        boolean unlucky = random.nextDouble() < settings.baselineErrorRate();
        if (unlucky) {
            fulfil.setStatus(StatusCode.ERROR, "carrier booking timed out");
            order.setStatus(StatusCode.ERROR, "fulfillment failed");
        } else {
            order.setStatus(StatusCode.OK);
        }
        fulfil.end(fulfilEnd, NANOSECONDS);
        order.end(fulfilEnd + millis(random, 1, 5), NANOSECONDS);
    }

    private static Attributes stage(String transactionId, String stage) {
        return Attributes.builder()
                .put(Conventions.BUSINESS_TRANSACTION, TRANSACTION)
                .put(Conventions.BUSINESS_TRANSACTION_ID, transactionId)
                .put(Conventions.BUSINESS_TRANSACTION_STAGE, stage)
                .build();
    }

    private static long millis(SplittableRandom random, int fromInclusive, int toExclusive) {
        return random.nextInt(fromInclusive, toExclusive) * NANOS_PER_MILLI;
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** One SDK tracer provider per (cloud, tenant, service), because the resource identifies all three. */
    private static final class Tracers {
        private final Map<String, SdkTracerProvider> providers;
        private final SpanExporter exporter;
        private final SeededIdGenerator ids;
        private final CloudSite site;
        private final String tenant;

        Tracers(
                Map<String, SdkTracerProvider> providers,
                SpanExporter exporter,
                SeededIdGenerator ids,
                CloudSite site,
                String tenant) {
            this.providers = providers;
            this.exporter = exporter;
            this.ids = ids;
            this.site = site;
            this.tenant = tenant;
        }

        Tracer forService(String service) {
            String key = site + "|" + tenant + "|" + service;
            return providers
                    .computeIfAbsent(
                            key,
                            k -> SdkTracerProvider.builder()
                                    .setResource(Resource.create(Attributes.builder()
                                            .put(Conventions.SERVICE_NAME, service)
                                            .put(Conventions.SERVICE_VERSION, "1.0.0")
                                            .put(Conventions.CLOUD_PROVIDER, site.provider())
                                            .put(Conventions.CLOUD_REGION, site.region())
                                            .put(Conventions.DEPLOYMENT_ENVIRONMENT_NAME, "production")
                                            .put(Conventions.TENANT_ID, tenant)
                                            .build()))
                                    .setIdGenerator(ids)
                                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                                    .build())
                    .get("concord-simulator");
        }
    }

    /** Receives what the SDK exports; the exporter is the real SDK path, only the destination is in memory. */
    private static final class CollectingExporter implements SpanExporter {
        private final List<Span> spans = new ArrayList<>();

        @Override
        public synchronized CompletableResultCode export(Collection<SpanData> batch) {
            for (SpanData data : batch) {
                spans.add(SpanDataMapper.toSpan(data));
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
