package dev.concord.engine.decide;

import dev.concord.engine.Conventions;
import dev.concord.engine.decide.guards.promql.PromQlGuard;
import dev.concord.engine.decide.guards.promql.PromQlGuards;
import dev.concord.engine.slo.SloAlert;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import java.time.Clock;
import java.util.List;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The decision engine behind a pipeline that computes its own SLO alerts: the alerts stream in directly, the rest of
 * the telemetry comes from sources. Replays and the cluster job share it, so both decide the same way.
 */
public final class DecisionWiring {

    /** Telemetry besides the alerts; a null source is a kind of telemetry this deployment does not have. */
    public record Telemetry(
            Source<ProbeResult, ?, ?> probes,
            Source<MetricSample, ?, ?> metrics,
            Source<LogRecord, ?, ?> logs,
            Source<Span, ?, ?> spans) {}

    /** PromQL guards polled by {@code clock} while the job runs; none for a recording, whose time has passed. */
    public record Polling(List<PromQlGuard> guards, Clock clock) {

        public static final Polling NONE = new Polling(List.of(), Clock.systemUTC());

        public Polling {
            guards = List.copyOf(guards);
        }
    }

    private DecisionWiring() {}

    /**
     * @param confirmations operators' confirmations, read to their end when bounded (a replay's) or watched while the
     *     job runs; null when nobody confirms
     */
    public static SingleOutputStreamOperator<DecisionRecord> wire(
            StreamExecutionEnvironment env,
            DataStream<SloAlert> alerts,
            Telemetry telemetry,
            Source<OperatorConfirmation, ?, ?> confirmations,
            Polling polling,
            List<PolicySpec> policies) {
        DataStream<MetricSample> metrics = stream(
                env,
                telemetry.metrics(),
                MetricSample.class,
                (m, previous) -> m.timeUnixNano() / 1_000_000L,
                Conventions.UID_DECISION_METRIC_SOURCE);
        if (!polling.guards().isEmpty()) {
            DataStream<MetricSample> polled = PromQlGuards.poll(env, polling.guards(), polling.clock(), Long.MAX_VALUE);
            metrics = metrics == null ? polled : metrics.union(polled);
        }
        return DecisionJob.wire(
                new DecisionJob.Inputs(
                        alerts,
                        stream(
                                env,
                                telemetry.probes(),
                                ProbeResult.class,
                                (p, previous) -> p.timeUnixNano() / 1_000_000L,
                                Conventions.UID_DECISION_PROBE_SOURCE),
                        metrics,
                        stream(
                                env,
                                telemetry.logs(),
                                LogRecord.class,
                                (l, previous) -> l.timeUnixNano() / 1_000_000L,
                                Conventions.UID_DECISION_LOG_SOURCE),
                        stream(
                                env,
                                telemetry.spans(),
                                Span.class,
                                (s, previous) -> s.endEpochMillis(),
                                Conventions.UID_DECISION_SPAN_SOURCE),
                        confirmations(env, alerts, confirmations)),
                policies,
                DecisionSettings.defaults());
    }

    /**
     * A control stream read to its end is complete data: it holds the evaluator back until read. A watched one never
     * ends: it must never hold the evaluator back (see {@link ControlChannel#watermarks}).
     */
    private static DataStream<OperatorConfirmation> confirmations(
            StreamExecutionEnvironment env,
            DataStream<SloAlert> alerts,
            Source<OperatorConfirmation, ?, ?> confirmations) {
        if (confirmations == null) {
            return noConfirmations(alerts);
        }
        if (confirmations.getBoundedness() == Boundedness.BOUNDED) {
            return stream(
                    env,
                    confirmations,
                    OperatorConfirmation.class,
                    (c, previous) -> c.atMillis(),
                    Conventions.UID_DECISION_CONTROL_SOURCE);
        }
        return env.fromSource(
                        confirmations,
                        ControlChannel.watermarks(),
                        Conventions.UID_DECISION_CONTROL_SOURCE,
                        TypeInformation.of(OperatorConfirmation.class))
                .uid(Conventions.UID_DECISION_CONTROL_SOURCE);
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

    private static <T> DataStream<T> stream(
            StreamExecutionEnvironment env,
            Source<T, ?, ?> source,
            Class<T> type,
            SerializableTimestampAssigner<T> time,
            String uid) {
        if (source == null) {
            return null;
        }
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
