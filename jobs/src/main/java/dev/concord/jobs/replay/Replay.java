package dev.concord.jobs.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.concord.engine.Conventions;
import dev.concord.engine.Engine;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.rules.EngineRules;
import dev.concord.engine.sinks.Directories;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.slo.SloPipelineJob;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.sources.InMemorySources;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.Span;
import dev.concord.outputs.ExternalOutputs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the whole pipeline over recorded telemetry on the embedded engine and writes one file per output, each sorted,
 * so the same input gives byte-identical files at any parallelism.
 */
public final class Replay {

    public static final String TRANSACTIONS = "transactions.jsonl";
    public static final String SLO = "slo.jsonl";
    public static final String ALERTS = "alerts.jsonl";
    public static final String LATE_SPANS = "late-spans.jsonl";
    public static final String DECISIONS = "decisions.jsonl";

    private static final long MINUTE_MILLIS = 60_000L;
    private static final String PARTS = ".parts";

    /** What a replay read and wrote. */
    public record Summary(
            int spansRead,
            int spansReplayed,
            List<String> problems,
            int transactions,
            int snapshots,
            int alerts,
            int lateSpans,
            int decisions,
            Instant evaluatedUntil) {}

    /** Outputs attached to the pipeline's streams besides its files, before it runs: a live view, an exporter. */
    @FunctionalInterface
    public interface Taps {

        Taps NONE = (slo, decisions) -> {};

        /** @param decisions null when the rules hold no failover policy */
        void attach(SloPipelineJob.Streams slo, DataStream<DecisionRecord> decisions);
    }

    private Replay() {}

    /** How to replay: the time range, parallelism, confirmations and where results go besides the files. */
    public static final class Options {
        private Instant from;
        private Instant to;
        private int parallelism = 1;
        private Path confirmations;
        private ExternalOutputs outputs = ExternalOutputs.NONE;
        private Taps taps = Taps.NONE;

        /** Spans that ended before this are left out; null (the default) for no bound. */
        public Options from(Instant from) {
            this.from = from;
            return this;
        }

        /**
         * Spans that ended at or after this are left out, and no SLO minute is evaluated past it; null (the default)
         * for the end of the recording.
         */
        public Options to(Instant to) {
            this.to = to;
            return this;
        }

        public Options parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** Operator confirmations read from files written by {@code concord confirm}; null (the default) for none. */
        public Options confirmations(Path confirmations) {
            this.confirmations = confirmations;
            return this;
        }

        /** Prometheus, Elasticsearch and Alertmanager, as configured. */
        public Options outputs(ExternalOutputs outputs) {
            this.outputs = Objects.requireNonNull(outputs, "outputs");
            return this;
        }

        public Options taps(Taps taps) {
            this.taps = Objects.requireNonNull(taps, "taps");
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    /** The whole pipeline into JSON lines files only, between {@code from} and {@code to} (either may be null). */
    public static Summary run(
            RecordedTelemetry telemetry, EngineRules rules, Path out, Instant from, Instant to, int parallelism)
            throws Exception {
        return run(telemetry, rules, out, options().from(from).to(to).parallelism(parallelism));
    }

    /** The whole pipeline: JSON lines files, the configured external outputs, and the taps. */
    public static Summary run(RecordedTelemetry telemetry, EngineRules rules, Path out, Options options)
            throws Exception {
        Instant from = options.from;
        Instant to = options.to;
        int parallelism = options.parallelism;
        Path confirmations = options.confirmations;
        ExternalOutputs outputs = options.outputs;
        Taps taps = options.taps;
        List<Span> spans = telemetry.spans().stream()
                .filter(s -> from == null || s.endEpochMillis() >= from.toEpochMilli())
                .filter(s -> to == null || s.endEpochMillis() < to.toEpochMilli())
                .toList();
        long stopAt = to != null ? to.toEpochMilli() : endOfLastMinute(spans);
        Path parts = out.resolve(PARTS);
        Directories.deleteRecursively(parts);
        Files.createDirectories(out);

        StreamExecutionEnvironment env = Engine.embedded(parallelism);
        List<LogRecord> logs = telemetry.logs().stream()
                .filter(l -> from == null || l.timeUnixNano() / 1_000_000L >= from.toEpochMilli())
                .filter(l -> to == null || l.timeUnixNano() / 1_000_000L < to.toEpochMilli())
                .toList();
        SloPipelineJob.Streams streams = new SloPipelineJob(
                        InMemorySources.of(spans, env.getConfig()),
                        logs.isEmpty() ? null : InMemorySources.ofRecords(logs, LogRecord.class, env.getConfig()),
                        rules.transactions(),
                        rules.slos(),
                        stopAt,
                        new SloPipelineJob.Sinks(
                                new JsonLinesSink<>(parts.resolve("transactions")),
                                new JsonLinesSink<>(parts.resolve("slo")),
                                new JsonLinesSink<>(parts.resolve("alerts")),
                                new JsonLinesSink<>(parts.resolve("late"))))
                .build(env);
        SingleOutputStreamOperator<DecisionRecord> decisionGraph = null;
        if (!rules.policies().isEmpty()) {
            decisionGraph = ReplayDecisions.wire(
                    env, telemetry, spans, logs, streams.alerts(), confirmations, rules.policies());
            decisionGraph
                    .sinkTo(new JsonLinesSink<>(parts.resolve("decisions")))
                    .uid(Conventions.UID_DECISION_SINK)
                    .name(Conventions.UID_DECISION_SINK);
        }
        outputs.attach(streams, decisionGraph);
        taps.attach(streams, decisionGraph);
        env.execute("concord-replay");

        int transactions = merge(
                parts.resolve("transactions"),
                TransactionOutcome.class,
                Comparator.comparingLong(TransactionOutcome::endEpochMillis)
                        .thenComparing(TransactionOutcome::transaction)
                        .thenComparing(TransactionOutcome::transactionId),
                out.resolve(TRANSACTIONS));
        int snapshots = merge(
                parts.resolve("slo"),
                SloSnapshot.class,
                Comparator.comparingLong(SloSnapshot::minuteEndEpochMillis)
                        .thenComparing(SloSnapshot::slo)
                        .thenComparing(SloSnapshot::cloudProvider)
                        .thenComparing(SloSnapshot::cloudRegion)
                        .thenComparing(SloSnapshot::tenant),
                out.resolve(SLO));
        int alerts = merge(
                parts.resolve("alerts"),
                SloAlert.class,
                Comparator.comparingLong(SloAlert::eventTimeMillis)
                        .thenComparing(SloAlert::slo)
                        .thenComparing(SloAlert::cloudProvider)
                        .thenComparing(SloAlert::cloudRegion)
                        .thenComparing(SloAlert::tenant)
                        .thenComparingInt(SloAlert::longWindowMinutes)
                        .thenComparing(SloAlert::firing),
                out.resolve(ALERTS));
        int late = merge(
                parts.resolve("late"),
                Span.class,
                Comparator.comparingLong(Span::endTimeUnixNano).thenComparing(Span::spanId),
                out.resolve(LATE_SPANS));
        int decisions = merge(
                parts.resolve("decisions"),
                DecisionRecord.class,
                Comparator.comparing(DecisionRecord::eventTime)
                        .thenComparing(DecisionRecord::decisionId)
                        .thenComparing(r -> r.state().name()),
                out.resolve(DECISIONS));
        Directories.deleteRecursively(parts);
        return new Summary(
                telemetry.spans().size(),
                spans.size(),
                telemetry.problems(),
                transactions,
                snapshots,
                alerts,
                late,
                decisions,
                Instant.ofEpochMilli(stopAt));
    }

    private static long endOfLastMinute(List<Span> spans) {
        if (spans.isEmpty()) {
            return 0;
        }
        long last = spans.get(spans.size() - 1).endEpochMillis();
        return (Math.floorDiv(last, MINUTE_MILLIS) + 1) * MINUTE_MILLIS;
    }

    private static <T> int merge(Path parts, Class<T> type, Comparator<T> order, Path target) throws IOException {
        List<T> records = JsonLines.read(parts, type).stream().sorted(order).toList();
        ObjectWriter json = new ObjectMapper().writer();
        try (BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (T record : records) {
                writer.write(json.writeValueAsString(record));
                writer.newLine();
            }
        }
        return records.size();
    }
}
