package dev.concord.jobs.bench;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.Engine;
import dev.concord.jobs.correlate.InFlightTransaction;
import dev.concord.jobs.correlate.StageRecord;
import dev.concord.jobs.correlate.TransactionSpec;
import dev.concord.jobs.slo.BurnWindow;
import dev.concord.jobs.slo.SloCounts;
import dev.concord.jobs.slo.SloPipelineJob;
import dev.concord.jobs.slo.SloSpec;
import dev.concord.jobs.sources.SimulatedSpans;
import dev.concord.simulator.SimulationSettings;
import dev.concord.simulator.TwoCloudSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Measures the correlation and SLO pipeline on the embedded engine with heap state: spans per second at a given
 * parallelism, and the serialized bytes of state per in-flight transaction and per SLO key.
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

    /** One measured run. */
    public record Result(int parallelism, long spans, long transactions, double seconds, double spansPerSecond) {}

    private PipelineBench() {}

    /** Simulates {@code minutes} of traffic at {@code perMinute} transactions per cloud and minute. */
    public static List<Span> workload(int perMinute, int minutes) {
        return new TwoCloudSimulator(SimulationSettings.builder()
                        .seed(99)
                        .transactionsPerMinutePerCloud(perMinute)
                        .duration(Duration.ofMinutes(minutes))
                        .build())
                .run();
    }

    public static Result run(List<Span> spans, int parallelism) throws Exception {
        StreamExecutionEnvironment env = Engine.embedded(parallelism);
        long stopAt = spans.get(spans.size() - 1).endEpochMillis() + 60_000;
        SloPipelineJob job = new SloPipelineJob(
                SimulatedSpans.of(spans, env.getConfig()),
                List.of(ORDERS),
                List.of(AVAILABILITY),
                stopAt,
                new SloPipelineJob.Sinks(
                        new DiscardingSink<>(),
                        new DiscardingSink<>(),
                        new DiscardingSink<>(),
                        new DiscardingSink<>()));
        // the job's own running time: the embedded cluster's start and stop are not the pipeline's cost
        double seconds = job.execute(env).getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
        long transactions = spans.stream().filter(Span::root).count();
        return new Result(parallelism, spans.size(), transactions, seconds, spans.size() / seconds);
    }

    /** Serialized bytes of a transaction in flight after its first {@code stages} spans. */
    public static int inFlightStateBytes(List<Span> spans, int stages) throws IOException {
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

    /** The report as Markdown rows. */
    public static String report(List<Result> results) {
        StringBuilder text =
                new StringBuilder("| parallelism | spans | transactions | seconds | spans/s | spans/s per core |\n"
                        + "|---|---|---|---|---|---|\n");
        for (Result r : results) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %d | %.1f | %.0f | %.0f |%n",
                    r.parallelism(),
                    r.spans(),
                    r.transactions(),
                    r.seconds(),
                    r.spansPerSecond(),
                    r.spansPerSecond()
                            / Math.min(r.parallelism(), Runtime.getRuntime().availableProcessors())));
        }
        return text.toString();
    }
}
