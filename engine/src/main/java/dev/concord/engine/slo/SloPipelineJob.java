package dev.concord.engine.slo;

import dev.concord.engine.Conventions;
import dev.concord.engine.correlate.ErrorSignature;
import dev.concord.engine.correlate.OutcomeSignatures;
import dev.concord.engine.correlate.TelemetryPresence;
import dev.concord.engine.correlate.TraceErrorLogs;
import dev.concord.engine.correlate.TraceSignatures;
import dev.concord.engine.correlate.TransactionCorrelator;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.correlate.TransactionSpec;
import dev.concord.engine.sources.CloudWatermarks;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.Span;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * From spans to SLOs: spans are correlated into business-transaction outcomes, outcomes become SLO events per
 * grouping key (summed per key and minute before they cross the network), and each key is evaluated every minute of
 * event time into snapshots and burn-rate alerts. Sources and sinks are arguments.
 */
public final class SloPipelineJob {

    /** How far spans may arrive out of order before they count as late. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = CloudWatermarks.DEFAULT_OUT_OF_ORDERNESS;

    /** A source split without spans for this long stops holding the watermark back. */
    public static final Duration DEFAULT_IDLENESS = CloudWatermarks.DEFAULT_SOURCE_IDLENESS;

    /** How long the SLO sums wait in a network buffer before it is sent unfilled. */
    static final long SLO_SUMS_BUFFER_TIMEOUT_MILLIS = 5;

    /** Where the job's results go. */
    public record Sinks(
            Sink<TransactionOutcome> transactions,
            Sink<SloSnapshot> snapshots,
            Sink<SloAlert> alerts,
            Sink<Span> lateSpans) {}

    /** The job's result streams, for outputs that tap them besides the sinks (the Prometheus exporter). */
    public record Streams(
            DataStream<TransactionOutcome> transactions,
            DataStream<SloSnapshot> snapshots,
            DataStream<SloAlert> alerts,
            DataStream<Span> lateSpans) {}

    private final Source<Span, ?, ?> source;
    private final Source<LogRecord, ?, ?> logs;
    private final List<TransactionSpec> transactions;
    private final List<SloSpec> slos;
    private final long stopAtMillis;
    private final Sinks sinks;

    /**
     * @param stopAtMillis the last minute evaluated ends here: the end of a replay, or {@link Long#MAX_VALUE}
     */
    public SloPipelineJob(
            Source<Span, ?, ?> source,
            List<TransactionSpec> transactions,
            List<SloSpec> slos,
            long stopAtMillis,
            Sinks sinks) {
        this(source, null, transactions, slos, stopAtMillis, sinks);
    }

    /**
     * As the other constructor, and joins error logs to the transactions whose traces they belong to, so outcomes name
     * their error-log signatures.
     *
     * @param logs log records; null to run without them
     */
    public SloPipelineJob(
            Source<Span, ?, ?> source,
            Source<LogRecord, ?, ?> logs,
            List<TransactionSpec> transactions,
            List<SloSpec> slos,
            long stopAtMillis,
            Sinks sinks) {
        this.source = source;
        this.logs = logs;
        this.transactions = List.copyOf(transactions);
        this.slos = List.copyOf(slos);
        this.stopAtMillis = stopAtMillis;
        this.sinks = sinks;
    }

    static WatermarkStrategy<Span> watermarks() {
        return CloudWatermarks.strategy();
    }

    static WatermarkStrategy<LogRecord> logWatermarks() {
        return WatermarkStrategy.<LogRecord>forBoundedOutOfOrderness(DEFAULT_OUT_OF_ORDERNESS)
                .withTimestampAssigner((log, previous) -> log.timeUnixNano() / 1_000_000L)
                .withIdleness(DEFAULT_IDLENESS);
    }

    /** How long a trace waits for its error logs, and logs for their trace: twice the longest transaction. */
    private long logRetentionMillis() {
        long longest = 1;
        for (TransactionSpec transaction : transactions) {
            longest = Math.max(longest, transaction.maxDuration().toMillis());
        }
        return 2 * longest;
    }

    public Streams build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Span> spans = env.fromSource(
                        source, watermarks(), Conventions.UID_SPAN_SOURCE, TypeInformation.of(Span.class))
                .uid(Conventions.UID_SPAN_SOURCE)
                .filter(TransactionCorrelator::correlatable)
                .uid(Conventions.UID_CORRELATABLE_SPANS)
                .name(Conventions.UID_CORRELATABLE_SPANS);
        // the error-log join and the presence count read the whole span; only the correlator's copy is projected
        SingleOutputStreamOperator<Span> projected = spans.map(
                        TransactionCorrelator::projected, TypeInformation.of(Span.class))
                .uid(Conventions.UID_CORRELATOR_SPANS)
                .name(Conventions.UID_CORRELATOR_SPANS);
        SingleOutputStreamOperator<TransactionOutcome> correlated = TransactionCorrelator.apply(
                        projected, TelemetryPresence.of(spans), transactions)
                .uid(Conventions.UID_TRANSACTION_CORRELATOR)
                .name(Conventions.UID_TRANSACTION_CORRELATOR);
        DataStream<TransactionOutcome> outcomes = logs == null ? correlated : withErrorLogs(env, spans, correlated);
        outcomes.sinkTo(sinks.transactions())
                .uid(Conventions.UID_TRANSACTION_SINK)
                .name(Conventions.UID_TRANSACTION_SINK);
        DataStream<Span> lateSpans = correlated.getSideOutput(TransactionCorrelator.LATE);
        lateSpans
                .sinkTo(sinks.lateSpans())
                .uid(Conventions.UID_LATE_TRANSACTION_SPAN_SINK)
                .name(Conventions.UID_LATE_TRANSACTION_SPAN_SINK);

        SingleOutputStreamOperator<SloSnapshot> snapshots = outcomes.transform(
                        Conventions.UID_SLO_EVENTS, TypeInformation.of(SloEvent.class), new SloTallies(slos))
                .uid(Conventions.UID_SLO_EVENTS)
                .name(Conventions.UID_SLO_EVENTS)
                // a few sums per watermark: they wait in a network buffer for at most a few milliseconds, not for
                // Flink's default 100 ms timeout, which would hold back the watermark the evaluator's minutes close
                // by; sending each at once would wake the evaluator for every watermark of a fast replay
                .setBufferTimeout(SLO_SUMS_BUFFER_TIMEOUT_MILLIS)
                .keyBy(SloEvent::key, TypeInformation.of(SloKey.class))
                .process(new SloEvaluator(slos, stopAtMillis), TypeInformation.of(SloSnapshot.class))
                .uid(Conventions.UID_SLO_EVALUATOR)
                .name(Conventions.UID_SLO_EVALUATOR);
        snapshots
                .sinkTo(sinks.snapshots())
                .uid(Conventions.UID_SLO_SNAPSHOT_SINK)
                .name(Conventions.UID_SLO_SNAPSHOT_SINK);
        DataStream<SloAlert> alerts = snapshots.getSideOutput(SloEvaluator.ALERTS);
        alerts.sinkTo(sinks.alerts()).uid(Conventions.UID_SLO_ALERT_SINK).name(Conventions.UID_SLO_ALERT_SINK);
        return new Streams(outcomes, snapshots, alerts, lateSpans);
    }

    private DataStream<TransactionOutcome> withErrorLogs(
            StreamExecutionEnvironment env, DataStream<Span> spans, DataStream<TransactionOutcome> outcomes) {
        DataStream<LogRecord> errorLogs = env.fromSource(
                        logs, logWatermarks(), Conventions.UID_LOG_SOURCE, TypeInformation.of(LogRecord.class))
                .uid(Conventions.UID_LOG_SOURCE)
                .filter(ErrorSignature::applies)
                .uid(Conventions.UID_ERROR_LOGS)
                .name(Conventions.UID_ERROR_LOGS);
        DataStream<TraceSignatures> signatures = spans.keyBy(Span::traceId, Types.STRING)
                .connect(errorLogs.keyBy(LogRecord::traceId, Types.STRING))
                .process(new TraceErrorLogs(logRetentionMillis()), TypeInformation.of(TraceSignatures.class))
                .uid(Conventions.UID_TRACE_ERROR_LOGS)
                .name(Conventions.UID_TRACE_ERROR_LOGS);
        return outcomes.keyBy(TransactionCorrelator::key, Types.STRING)
                .connect(signatures.keyBy(TraceSignatures::transactionKey, Types.STRING))
                .process(new OutcomeSignatures(logRetentionMillis()), TypeInformation.of(TransactionOutcome.class))
                .uid(Conventions.UID_OUTCOME_SIGNATURES)
                .name(Conventions.UID_OUTCOME_SIGNATURES);
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("concord-slo-pipeline");
    }
}
