package dev.concord.jobs.slo;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.Conventions;
import dev.concord.jobs.correlate.TransactionCorrelator;
import dev.concord.jobs.correlate.TransactionOutcome;
import dev.concord.jobs.correlate.TransactionSpec;
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
 * grouping key, and each key is evaluated every minute of event time into snapshots and burn-rate alerts. Sources
 * and sinks are arguments.
 */
public final class SloPipelineJob {

    /** How far spans may arrive out of order before they count as late. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    /** A source split without spans for this long stops holding the watermark back. */
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);

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
        this.source = source;
        this.transactions = List.copyOf(transactions);
        this.slos = List.copyOf(slos);
        this.stopAtMillis = stopAtMillis;
        this.sinks = sinks;
    }

    static WatermarkStrategy<Span> watermarks() {
        return WatermarkStrategy.<Span>forBoundedOutOfOrderness(DEFAULT_OUT_OF_ORDERNESS)
                .withTimestampAssigner((span, previous) -> span.endEpochMillis())
                .withIdleness(DEFAULT_IDLENESS);
    }

    public Streams build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<TransactionOutcome> outcomes = env.fromSource(
                        source, watermarks(), Conventions.UID_SPAN_SOURCE, TypeInformation.of(Span.class))
                .uid(Conventions.UID_SPAN_SOURCE)
                .filter(TransactionCorrelator::correlatable)
                .uid(Conventions.UID_CORRELATABLE_SPANS)
                .name(Conventions.UID_CORRELATABLE_SPANS)
                .keyBy(TransactionCorrelator::key, Types.STRING)
                .process(new TransactionCorrelator(transactions), TypeInformation.of(TransactionOutcome.class))
                .uid(Conventions.UID_TRANSACTION_CORRELATOR)
                .name(Conventions.UID_TRANSACTION_CORRELATOR);
        outcomes.sinkTo(sinks.transactions())
                .uid(Conventions.UID_TRANSACTION_SINK)
                .name(Conventions.UID_TRANSACTION_SINK);
        DataStream<Span> lateSpans = outcomes.getSideOutput(TransactionCorrelator.LATE);
        lateSpans
                .sinkTo(sinks.lateSpans())
                .uid(Conventions.UID_LATE_TRANSACTION_SPAN_SINK)
                .name(Conventions.UID_LATE_TRANSACTION_SPAN_SINK);

        SingleOutputStreamOperator<SloSnapshot> snapshots = outcomes.flatMap(
                        new SloEventsOf(slos), TypeInformation.of(SloEvent.class))
                .uid(Conventions.UID_SLO_EVENTS)
                .name(Conventions.UID_SLO_EVENTS)
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

    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("concord-slo-pipeline");
    }
}
