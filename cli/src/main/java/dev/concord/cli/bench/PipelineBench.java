package dev.concord.cli.bench;

import dev.concord.engine.Conventions;
import dev.concord.engine.Engine;
import dev.concord.engine.correlate.InFlightTransaction;
import dev.concord.engine.correlate.StageRecord;
import dev.concord.engine.correlate.TransactionCorrelator;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.correlate.TransactionSpec;
import dev.concord.engine.slo.BurnWindow;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.slo.SloCounts;
import dev.concord.engine.slo.SloPipelineJob;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.SloSpec;
import dev.concord.engine.sources.IndexedElements;
import dev.concord.ingest.model.Span;
import dev.concord.simulator.SimulationSettings;
import dev.concord.simulator.TwoCloudSimulator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Measures the correlation and SLO pipeline on the embedded engine with heap state: spans per second and per
 * CPU-second at a given parallelism, with the source alone for comparison; the latency of outcomes, SLO snapshots and
 * alerts from the span that released them (see {@link Probe}); and the serialized bytes of state per in-flight
 * transaction and per SLO key.
 */
public final class PipelineBench {

    private static final TransactionSpec ORDERS = new TransactionSpec(
            "order-to-fulfillment",
            List.of("order-capture", "warehouse-reservation", "fulfillment"),
            "fulfillment",
            Duration.ofMinutes(15));

    private static final SloSpec AVAILABILITY = new SloSpec(
            "order-to-fulfillment-availability",
            "order-to-fulfillment",
            0,
            0.999,
            30 * 24 * 60,
            "",
            List.of(
                    new BurnWindow("page", 60, 5, 14.4),
                    new BurnWindow("page", 360, 30, 6),
                    new BurnWindow("ticket", 1440, 120, 3),
                    new BurnWindow("ticket", 4320, 360, 1)),
            50,
            true,
            true,
            true,
            Map.of(),
            Map.of());

    /**
     * One measured run.
     *
     * @param wallSeconds from the first span leaving the source to the last sink's end of input
     * @param cpuSeconds the process's CPU time over the same interval: every thread of the engine, the garbage
     *     collector and the JIT included
     * @param outcomeMillis latency of transaction outcomes, sorted (see {@link Probe})
     * @param snapshotMillis latency of SLO snapshots, sorted
     * @param alertMillis latency of burn-rate alerts, sorted
     */
    public record Result(
            String pipeline,
            int parallelism,
            long spans,
            long transactions,
            double wallSeconds,
            double cpuSeconds,
            double loadAverage,
            double[] outcomeMillis,
            double[] snapshotMillis,
            double[] alertMillis) {

        public double spansPerSecond() {
            return spans / wallSeconds;
        }

        public double spansPerCpuSecond() {
            return spans / cpuSeconds;
        }
    }

    /** The highest event time must pass a timer's time by this much before the watermark fires it. */
    private static final long RELEASE_LAG_MILLIS = SloPipelineJob.DEFAULT_OUT_OF_ORDERNESS.toMillis() + 1;

    private PipelineBench() {}

    /**
     * The simulated spans as the runs read them: serialized, one copy per parallelism in its readers' order. The bench
     * keeps no span objects between runs: a heap holding millions of them would have the collector trace them again and
     * again inside the measured interval, a cost of the harness that no deployment of the pipeline has.
     */
    public static final class Workload {
        private final long spans;
        private final long transactions;
        private final long lastEndMillis;
        private final int[] inFlightStateBytes;
        private final Map<Integer, StampedSpans> byReaders = new HashMap<>();

        private Workload(List<Span> spans, Set<Integer> parallelisms) throws IOException {
            this.spans = spans.size();
            this.transactions = spans.stream().filter(Span::root).count();
            this.lastEndMillis = spans.get(spans.size() - 1).endEpochMillis();
            this.inFlightStateBytes =
                    new int[] {PipelineBench.inFlightStateBytes(spans, 1), PipelineBench.inFlightStateBytes(spans, 2)};
            for (int parallelism : parallelisms) {
                byReaders.put(
                        parallelism,
                        StampedSpans.sharing(new IndexedElements<>(
                                TypeInformation.of(Span.class),
                                new ExecutionConfig(),
                                interleaved(spans, parallelism))));
            }
        }

        public long spans() {
            return spans;
        }

        /** Serialized bytes of a transaction in flight after its first span, and after its first two. */
        public int inFlightStateBytes(int stages) {
            return inFlightStateBytes[stages - 1];
        }

        private StampedSpans forReaders(int parallelism) {
            StampedSpans elements = byReaders.get(parallelism);
            if (elements == null) {
                throw new IllegalArgumentException("the workload was not prepared for parallelism " + parallelism);
            }
            return elements;
        }
    }

    /**
     * Simulates {@code minutes} of traffic at {@code perMinute} transactions per cloud and minute, ready to run at
     * each of {@code parallelisms}.
     */
    public static Workload workload(int perMinute, int minutes, Set<Integer> parallelisms) throws IOException {
        return new Workload(
                new TwoCloudSimulator(SimulationSettings.builder()
                                .seed(99)
                                .transactionsPerMinutePerCloud(perMinute)
                                .duration(Duration.ofMinutes(minutes))
                                .build())
                        .run(),
                parallelisms);
    }

    /** The whole pipeline, from the span source to discarding sinks that note when each result arrives. */
    public static Result run(Workload workload, int parallelism) throws Exception {
        StreamExecutionEnvironment env = Engine.embedded(parallelism);
        long stopAt = workload.lastEndMillis + 60_000;
        Probe.reset(parallelism);
        SloPipelineJob job = new SloPipelineJob(
                source(workload, parallelism),
                List.of(ORDERS),
                List.of(AVAILABILITY),
                stopAt,
                new SloPipelineJob.Sinks(
                        new StampingSink<TransactionOutcome>(Probe.Kind.OUTCOME, TransactionOutcome::endEpochMillis),
                        new StampingSink<SloSnapshot>(
                                Probe.Kind.SNAPSHOT, snapshot -> snapshot.minuteEndEpochMillis() - 1),
                        new StampingSink<SloAlert>(Probe.Kind.ALERT, alert -> alert.eventTimeMillis() - 1),
                        new StampingSink<Span>(Probe.Kind.NONE, Span::endEpochMillis)));
        job.execute(env);
        return result("correlation + SLO", workload, parallelism);
    }

    /**
     * The source alone, with the filter chained to it, into a discarding sink: what reading and handing out the spans
     * costs, so the pipeline's figures can be read without it.
     */
    public static Result runSourceOnly(Workload workload, int parallelism) throws Exception {
        StreamExecutionEnvironment env = Engine.embedded(parallelism);
        Probe.reset(parallelism);
        env.fromSource(
                        source(workload, parallelism),
                        WatermarkStrategy.<Span>forBoundedOutOfOrderness(SloPipelineJob.DEFAULT_OUT_OF_ORDERNESS)
                                .withTimestampAssigner((span, previous) -> span.endEpochMillis()),
                        Conventions.UID_SPAN_SOURCE,
                        TypeInformation.of(Span.class))
                .uid(Conventions.UID_SPAN_SOURCE)
                .filter(TransactionCorrelator::correlatable)
                .uid(Conventions.UID_CORRELATABLE_SPANS)
                .name(Conventions.UID_CORRELATABLE_SPANS)
                .sinkTo(new StampingSink<>(Probe.Kind.NONE, Span::endEpochMillis))
                .uid(dev.concord.cli.Conventions.UID_BENCH_SINK)
                .name(dev.concord.cli.Conventions.UID_BENCH_SINK);
        env.execute("concord-bench-source");
        return result("source alone", workload, parallelism);
    }

    private static DataGeneratorSource<Span> source(Workload workload, int parallelism) {
        TypeInformation<Span> type = TypeInformation.of(Span.class);
        return new DataGeneratorSource<>(
                workload.forReaders(parallelism), workload.spans, RateLimiterStrategy.noOp(), type);
    }

    /**
     * The records reordered so that each of {@code readers} source readers, which read consecutive index ranges, gets
     * every {@code readers}-th record: each reader then carries the whole time range, as a Kafka partition does,
     * instead of one reader holding the watermark back in the first half while the other runs ahead in the second.
     */
    static <T> List<T> interleaved(List<T> records, int readers) {
        List<T> reordered = new ArrayList<>(records.size());
        for (int reader = 0; reader < readers; reader++) {
            for (int i = reader; i < records.size(); i += readers) {
                reordered.add(records.get(i));
            }
        }
        return reordered;
    }

    private static Result result(String pipeline, Workload workload, int parallelism) {
        return new Result(
                pipeline,
                parallelism,
                workload.spans,
                workload.transactions,
                Probe.wallSeconds(),
                Probe.cpuSeconds(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Probe.latenciesMillis(Probe.Kind.OUTCOME, RELEASE_LAG_MILLIS),
                Probe.latenciesMillis(Probe.Kind.SNAPSHOT, RELEASE_LAG_MILLIS),
                Probe.latenciesMillis(Probe.Kind.ALERT, RELEASE_LAG_MILLIS));
    }

    /** Serialized bytes of a transaction in flight after its first {@code stages} spans. */
    private static int inFlightStateBytes(List<Span> spans, int stages) throws IOException {
        Span first = spans.get(0);
        List<StageRecord> records = new ArrayList<>();
        for (Span span : spans) {
            if (span.businessTransactionId().equals(first.businessTransactionId()) && records.size() < stages) {
                records.add(StageRecord.of(span));
            }
        }
        InFlightTransaction flight = new InFlightTransaction(
                first.businessTransaction(), first.businessTransactionId(), records, first.endEpochMillis());
        return serializedBytes(flight, InFlightTransaction.class);
    }

    /** Serialized bytes of one SLO key's counts: fixed by the windows and period, whatever the traffic. */
    public static int sloKeyStateBytes() throws IOException {
        return serializedBytes(SloCounts.forSpec(AVAILABILITY), SloCounts.class);
    }

    private static <T> int serializedBytes(T value, Class<T> type) throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(value, out);
        return out.length();
    }

    /** Throughput as Markdown rows: wall-clock and per CPU-second of the whole process. */
    public static String throughputTable(List<Result> results) {
        StringBuilder text = new StringBuilder(
                "| pipeline | parallelism | spans | transactions | wall s | spans/s | CPU s | spans per CPU-second |"
                        + " load average |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %.2f | %.0f | %.2f | %.0f | %.1f |%n",
                    r.pipeline(),
                    r.parallelism(),
                    r.spans(),
                    r.transactions(),
                    r.wallSeconds(),
                    r.spansPerSecond(),
                    r.cpuSeconds(),
                    r.spansPerCpuSecond(),
                    r.loadAverage()));
        }
        return text.toString();
    }

    /** Latency percentiles as Markdown rows, per parallelism and kind of result. */
    public static String latencyTable(List<Result> results) {
        StringBuilder text = new StringBuilder(
                "| parallelism | result | count | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            latencyRow(text, r.parallelism(), "transaction outcome", r.outcomeMillis());
            latencyRow(text, r.parallelism(), "SLO snapshot", r.snapshotMillis());
            latencyRow(text, r.parallelism(), "burn-rate alert", r.alertMillis());
        }
        return text.toString();
    }

    private static void latencyRow(StringBuilder text, int parallelism, String kind, double[] sorted) {
        if (sorted.length == 0) {
            text.append(String.format(Locale.ROOT, "| %d | %s | 0 | – | – | – | – |%n", parallelism, kind));
            return;
        }
        text.append(String.format(
                Locale.ROOT,
                "| %d | %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
                parallelism,
                kind,
                sorted.length,
                Probe.quantile(sorted, 0.50),
                Probe.quantile(sorted, 0.95),
                Probe.quantile(sorted, 0.99),
                sorted[sorted.length - 1]));
    }
}
