package dev.concord.ingest.decode;

import dev.concord.ingest.bench.DecodeBenchmark;
import dev.concord.ingest.otlp.OtlpJsonWriter;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;

/**
 * Thread CPU time per span of each OTLP/JSON trace reader alone on the same bytes, in alternating rounds: the decoder's
 * chain ({@link OtlpDecoder#decode}), the Jackson-token reader and the reference path through the OTLP messages, on
 * the realistic request of {@code DecodeBenchmark} or ({@code escaped}) the same with one escaped quote in its last
 * span. A diagnosis of which reader pays for its code, run as
 * {@code java ... JsonReadersCpuTime [seconds per round] [rounds] [usual|escaped]}.
 */
public final class JsonReadersCpuTime {

    private JsonReadersCpuTime() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        DecodeLimits limits = DecodeLimits.defaults();
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_767_604_200L + 60), ZoneOffset.UTC);
        AttributeSanitizer attributes = new AttributeSanitizer(limits);
        ResourceSanitizer resources = new ResourceSanitizer(attributes);
        long latest = new TimeChecks(clock, limits).latestAcceptableNanos();
        OtlpDecoder decoder = new OtlpDecoder(clock, limits);
        ExportTraceServiceRequest usual = DecodeBenchmark.realisticRequest(new Random(42));
        // one escaped quote in the last span's name: a reader of the usual forms only would decline it late
        ExportTraceServiceRequest.Builder escaped = usual.toBuilder();
        ScopeSpans.Builder scope = escaped.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
        int last = scope.getSpansCount() - 1;
        scope.setSpans(last, scope.getSpans(last).toBuilder().setName("GET /orders/\"open\""));
        boolean withEscape = args.length > 2 && args[2].equals("escaped");
        byte[] json = OtlpJsonWriter.toJson(withEscape ? escaped.build() : usual);
        String[] readers = {"chain", "jackson", "reference"};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = -3; round < rounds; round++) {
            for (String reader : readers) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long deadline = System.nanoTime() + (long) (seconds * 1e9);
                long spans = 0;
                while (System.nanoTime() < deadline) {
                    int read;
                    switch (reader) {
                        case "jackson" -> {
                            TraceAssembler out = new TraceAssembler(resources, limits, latest);
                            new JsonTraceReader(attributes, limits, out).read(json, json.length);
                            read = out.spans().size();
                        }
                        case "chain" ->
                            read = decoder.decode(OtlpSignal.TRACES, json, json.length, PayloadFormat.JSON)
                                    .spans()
                                    .size();
                        default ->
                            read = decoder.decodeByMessages(OtlpSignal.TRACES, json, json.length, PayloadFormat.JSON)
                                    .spans()
                                    .size();
                    }
                    if (read != DecodeBenchmark.SPANS) {
                        throw new IllegalStateException(reader + " read " + read + " spans");
                    }
                    spans += read;
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                System.out.printf(
                        Locale.ROOT,
                        "%-9s %s %d: %,.0f spans per CPU-second%n",
                        reader,
                        round < 0 ? "warm-up" : "round",
                        round < 0 ? round + 4 : round + 1,
                        spans / (cpu / 1e9));
            }
        }
    }
}
