package dev.concord.engine.decide;

import dev.concord.engine.Conventions;
import dev.concord.engine.decide.control.ControlEndpointSink;
import dev.concord.engine.decide.guards.promql.PromQlGuard;
import dev.concord.engine.decide.guards.promql.PromQlGuards;
import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.slo.SloAlert;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The failover decision graph, the one way every job decides: SLO alerts, probe results, metrics, logs and spans
 * become observations of each failover policy; one evaluator per policy judges them with the operators'
 * confirmations and emits a decision record per transition. {@link #wire(StreamExecutionEnvironment, DataStream,
 * Telemetry, Source, Polling, List, DecisionSettings)} takes the telemetry as sources and gives each the decision
 * inputs' watermarks; {@link #wire(Inputs, List, DecisionSettings)} takes streams that already carry event time, for
 * a caller that paces or orders its inputs itself.
 */
public final class DecisionWiring {

    /** Telemetry besides the alerts; a null source is a kind of telemetry this deployment does not have. */
    public record Telemetry(
            Source<ProbeResult, ?, ?> probes,
            Source<MetricSample, ?, ?> metrics,
            Source<LogRecord, ?, ?> logs,
            Source<Span, ?, ?> spans) {}

    /**
     * PromQL guards polled by {@code clock}, each {@code maxPolls} times ({@link Long#MAX_VALUE}: while the job runs);
     * none for a recording, whose time has passed.
     */
    public record Polling(List<PromQlGuard> guards, Clock clock, long maxPolls) {

        public static final Polling NONE = new Polling(List.of(), Clock.systemUTC());

        public Polling {
            guards = List.copyOf(guards);
            if (maxPolls < 1) {
                throw new IllegalArgumentException("maxPolls must be at least 1: " + maxPolls);
            }
        }

        public Polling(List<PromQlGuard> guards, Clock clock) {
            this(guards, clock, Long.MAX_VALUE);
        }
    }

    /** The decision inputs as streams with timestamps and watermarks already assigned; null for none. */
    public record Inputs(
            DataStream<SloAlert> alerts,
            DataStream<ProbeResult> probes,
            DataStream<MetricSample> metrics,
            DataStream<LogRecord> logs,
            DataStream<Span> spans,
            DataStream<OperatorConfirmation> confirmations) {}

    private DecisionWiring() {}

    /**
     * @param alerts the SLO alerts, from the pipeline that computes them or from {@link #alerts}
     * @param confirmations operators' confirmations, read to their end when bounded (a replay's) or watched while the
     *     job runs; null when nobody confirms
     */
    public static SingleOutputStreamOperator<DecisionRecord> wire(
            StreamExecutionEnvironment env,
            DataStream<SloAlert> alerts,
            Telemetry telemetry,
            Source<OperatorConfirmation, ?, ?> confirmations,
            Polling polling,
            List<PolicySpec> policies,
            DecisionSettings settings) {
        DataStream<MetricSample> metrics = stream(
                env,
                telemetry.metrics(),
                MetricSample.class,
                (m, previous) -> m.timeUnixNano() / 1_000_000L,
                Conventions.UID_DECISION_METRIC_SOURCE);
        if (!polling.guards().isEmpty()) {
            DataStream<MetricSample> polled =
                    PromQlGuards.poll(env, polling.guards(), polling.clock(), polling.maxPolls());
            metrics = metrics == null ? polled : metrics.union(polled);
        }
        return wire(
                new Inputs(
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
                settings);
    }

    /**
     * The decision graph on streams that already carry event time. Its side output {@link PolicyEvaluator#VERDICTS}
     * carries every evaluation's verdicts.
     */
    public static SingleOutputStreamOperator<DecisionRecord> wire(
            Inputs inputs, List<PolicySpec> policies, DecisionSettings settings) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("no failover policy to evaluate");
        }
        if (inputs.confirmations() == null) {
            throw new IllegalArgumentException("the decision graph needs a confirmation stream, even an empty one");
        }
        TypeInformation<Observation> type = TypeInformation.of(Observation.class);
        List<DataStream<Observation>> observed = new ArrayList<>();
        if (inputs.alerts() != null) {
            observed.add(inputs.alerts()
                    .flatMap(Observe.alerts(policies), type)
                    .uid(Conventions.UID_ALERT_OBSERVATIONS)
                    .name(Conventions.UID_ALERT_OBSERVATIONS));
        }
        if (inputs.probes() != null) {
            observed.add(inputs.probes()
                    .flatMap(Observe.probes(policies), type)
                    .uid(Conventions.UID_PROBE_OBSERVATIONS)
                    .name(Conventions.UID_PROBE_OBSERVATIONS));
        }
        if (inputs.metrics() != null) {
            observed.add(inputs.metrics()
                    .flatMap(Observe.metrics(policies), type)
                    .uid(Conventions.UID_METRIC_OBSERVATIONS)
                    .name(Conventions.UID_METRIC_OBSERVATIONS));
        }
        if (inputs.logs() != null) {
            observed.add(inputs.logs()
                    .flatMap(Observe.logs(policies), type)
                    .uid(Conventions.UID_LOG_OBSERVATIONS)
                    .name(Conventions.UID_LOG_OBSERVATIONS));
        }
        if (inputs.spans() != null) {
            observed.add(inputs.spans()
                    .flatMap(Observe.spans(policies), type)
                    .uid(Conventions.UID_SPAN_OBSERVATIONS)
                    .name(Conventions.UID_SPAN_OBSERVATIONS));
        }
        if (observed.isEmpty()) {
            throw new IllegalArgumentException("the decision graph needs at least one kind of telemetry");
        }
        DataStream<Observation> all = observed.get(0);
        for (DataStream<Observation> more : observed.subList(1, observed.size())) {
            all = all.union(more);
        }
        return all.keyBy(Observation::policy, Types.STRING)
                .connect(inputs.confirmations().keyBy(OperatorConfirmation::policy, Types.STRING))
                .process(new PolicyEvaluator(policies, settings), TypeInformation.of(DecisionRecord.class))
                .uid(Conventions.UID_POLICY_EVALUATOR)
                .name(Conventions.UID_POLICY_EVALUATOR);
    }

    /** SLO alerts read from a source (recorded, or another pipeline's), with the decision inputs' watermarks. */
    public static DataStream<SloAlert> alerts(StreamExecutionEnvironment env, Source<SloAlert, ?, ?> source) {
        return stream(
                env,
                source,
                SloAlert.class,
                (alert, previous) -> alert.eventTimeMillis(),
                Conventions.UID_DECISION_ALERT_SOURCE);
    }

    /** Feeds the decision records to a control endpoint, which must see them all: one subtask. */
    public static void serveConfirmations(DataStream<DecisionRecord> records, ControlEndpointSink endpoint) {
        records.sinkTo(endpoint)
                .setParallelism(1)
                .uid(Conventions.UID_CONTROL_ENDPOINT)
                .name(Conventions.UID_CONTROL_ENDPOINT);
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
        if (alerts == null) {
            throw new IllegalArgumentException("without a confirmation source the decision graph needs SLO alerts");
        }
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
                        WatermarkStrategy.<T>forBoundedOutOfOrderness(DecisionSettings.OUT_OF_ORDERNESS)
                                .withTimestampAssigner(time)
                                .withIdleness(DecisionSettings.IDLENESS),
                        uid,
                        TypeInformation.of(type))
                .uid(uid);
    }
}
