package dev.concord.jobs.replay;

import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import dev.concord.jobs.Conventions;
import dev.concord.jobs.decide.ControlChannel;
import dev.concord.jobs.decide.DecisionJob;
import dev.concord.jobs.decide.DecisionRecord;
import dev.concord.jobs.decide.DecisionSettings;
import dev.concord.jobs.decide.OperatorConfirmation;
import dev.concord.jobs.decide.PolicySpec;
import dev.concord.jobs.slo.SloAlert;
import dev.concord.jobs.sources.SimulatedSpans;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/** The decision engine over a recording, fed by the replay's own SLO alerts and the recorded telemetry. */
final class ReplayDecisions {

    private ReplayDecisions() {}

    static SingleOutputStreamOperator<DecisionRecord> wire(
            StreamExecutionEnvironment env,
            RecordedTelemetry telemetry,
            List<Span> spans,
            List<LogRecord> logs,
            DataStream<SloAlert> alerts,
            Path confirmations,
            List<PolicySpec> policies) {
        // the evaluator is connected to a confirmation stream whether or not anyone confirms: an empty one then (a
        // source of nothing needs at least one element to count down from, dropped at once)
        DataStream<OperatorConfirmation> confirmed = confirmations == null
                ? noConfirmations(alerts)
                : stream(
                        env,
                        ControlChannel.source(confirmations, null),
                        OperatorConfirmation.class,
                        (c, previous) -> c.atMillis(),
                        Conventions.UID_DECISION_CONTROL_SOURCE);
        return DecisionJob.wire(
                new DecisionJob.Inputs(
                        alerts,
                        bounded(
                                env,
                                telemetry.probes(),
                                ProbeResult.class,
                                (p, previous) -> p.timeUnixNano() / 1_000_000L,
                                Conventions.UID_DECISION_PROBE_SOURCE),
                        bounded(
                                env,
                                telemetry.metrics(),
                                MetricSample.class,
                                (m, previous) -> m.timeUnixNano() / 1_000_000L,
                                Conventions.UID_DECISION_METRIC_SOURCE),
                        bounded(
                                env,
                                logs,
                                LogRecord.class,
                                (l, previous) -> l.timeUnixNano() / 1_000_000L,
                                Conventions.UID_DECISION_LOG_SOURCE),
                        bounded(
                                env,
                                spans,
                                Span.class,
                                (s, previous) -> s.endEpochMillis(),
                                Conventions.UID_DECISION_SPAN_SOURCE),
                        confirmed),
                policies,
                DecisionSettings.defaults());
    }

    /**
     * Nobody confirms: an empty stream that follows the alerts' event time, since a source of no records cannot be
     * built and the evaluator needs a control input.
     */
    private static DataStream<OperatorConfirmation> noConfirmations(DataStream<SloAlert> alerts) {
        return alerts.flatMap(
                        (SloAlert alert, Collector<OperatorConfirmation> none) -> {},
                        TypeInformation.of(OperatorConfirmation.class))
                .uid(Conventions.UID_DECISION_CONTROL_SOURCE)
                .name(Conventions.UID_DECISION_CONTROL_SOURCE);
    }

    private static <T> DataStream<T> bounded(
            StreamExecutionEnvironment env,
            List<T> records,
            Class<T> type,
            SerializableTimestampAssigner<T> time,
            String uid) {
        if (records.isEmpty()) {
            return null;
        }
        return stream(env, SimulatedSpans.ofRecords(records, type, env.getConfig()), type, time, uid);
    }

    private static <T> DataStream<T> stream(
            StreamExecutionEnvironment env,
            Source<T, ?, ?> source,
            Class<T> type,
            SerializableTimestampAssigner<T> time,
            String uid) {
        return env.fromSource(
                        source,
                        WatermarkStrategy.<T>forBoundedOutOfOrderness(DecisionJob.DEFAULT_OUT_OF_ORDERNESS)
                                .withTimestampAssigner(time)
                                .withIdleness(DecisionJob.DEFAULT_IDLENESS),
                        uid,
                        TypeInformation.of(type))
                .uid(uid);
    }
}
