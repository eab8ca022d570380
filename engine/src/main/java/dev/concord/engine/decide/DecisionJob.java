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
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Failover decisions: SLO alerts, probe results, metrics, logs and spans become observations of each failover
 * policy; one evaluator per policy judges them with the operators' confirmations and writes a decision record per
 * transition. Sources and sinks are arguments; {@link #wire} takes streams instead, so that a job that already
 * computes the alerts (a replay) can feed them in directly.
 */
public final class DecisionJob {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);

    /** Where telemetry comes from; a null source is a kind of telemetry this deployment does not have. */
    public record Sources(
            Source<SloAlert, ?, ?> alerts,
            Source<ProbeResult, ?, ?> probes,
            Source<MetricSample, ?, ?> metrics,
            Source<LogRecord, ?, ?> logs,
            Source<Span, ?, ?> spans,
            Source<OperatorConfirmation, ?, ?> confirmations) {}

    /** The same as streams with timestamps and watermarks already assigned; null for none. */
    public record Inputs(
            DataStream<SloAlert> alerts,
            DataStream<ProbeResult> probes,
            DataStream<MetricSample> metrics,
            DataStream<LogRecord> logs,
            DataStream<Span> spans,
            DataStream<OperatorConfirmation> confirmations) {}

    /** An element's event time in epoch milliseconds. */
    private interface EventTime<T> extends Serializable {
        long of(T element);
    }

    /** PromQL guards to poll, by which clock, how many times (see {@link PromQlGuards#poll}). */
    private record Polling(List<PromQlGuard> guards, Clock clock, long maxPolls) implements Serializable {}

    private final List<PolicySpec> policies;
    private final DecisionSettings settings;
    private final Sources sources;
    private final Sink<DecisionRecord> sink;
    private final Polling polling;
    private final ControlEndpointSink endpoint;

    public DecisionJob(
            List<PolicySpec> policies, DecisionSettings settings, Sources sources, Sink<DecisionRecord> sink) {
        this(policies, settings, sources, sink, new Polling(List.of(), Clock.systemUTC(), Long.MAX_VALUE), null);
    }

    private DecisionJob(
            List<PolicySpec> policies,
            DecisionSettings settings,
            Sources sources,
            Sink<DecisionRecord> sink,
            Polling polling,
            ControlEndpointSink endpoint) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("no failover policy to evaluate");
        }
        if (sources.confirmations() == null) {
            throw new IllegalArgumentException("a decision job needs a confirmation source, even an empty one");
        }
        this.policies = List.copyOf(policies);
        this.settings = settings;
        this.sources = sources;
        this.sink = sink;
        this.polling = polling;
        this.endpoint = endpoint;
    }

    /**
     * The same job polling these PromQL guards by {@code clock} (their readings join the metrics), each
     * {@code maxPolls} times ({@link Long#MAX_VALUE}: while the job runs).
     */
    public DecisionJob pollingPromQl(List<PromQlGuard> guards, Clock clock, long maxPolls) {
        return new DecisionJob(
                policies, settings, sources, sink, new Polling(List.copyOf(guards), clock, maxPolls), endpoint);
    }

    /** The same job serving operators' confirmations over HTTP (see {@link ControlEndpointSink}). */
    public DecisionJob servingConfirmations(ControlEndpointSink controlEndpoint) {
        return new DecisionJob(policies, settings, sources, sink, polling, controlEndpoint);
    }

    public void build(StreamExecutionEnvironment env) {
        DataStream<MetricSample> metrics = from(
                env,
                sources.metrics(),
                MetricSample.class,
                m -> m.timeUnixNano() / 1_000_000L,
                Conventions.UID_DECISION_METRIC_SOURCE);
        if (!polling.guards().isEmpty()) {
            DataStream<MetricSample> polled =
                    PromQlGuards.poll(env, polling.guards(), polling.clock(), polling.maxPolls());
            metrics = metrics == null ? polled : metrics.union(polled);
        }
        Inputs inputs = new Inputs(
                from(
                        env,
                        sources.alerts(),
                        SloAlert.class,
                        SloAlert::eventTimeMillis,
                        Conventions.UID_DECISION_ALERT_SOURCE),
                from(
                        env,
                        sources.probes(),
                        ProbeResult.class,
                        p -> p.timeUnixNano() / 1_000_000L,
                        Conventions.UID_DECISION_PROBE_SOURCE),
                metrics,
                from(
                        env,
                        sources.logs(),
                        LogRecord.class,
                        l -> l.timeUnixNano() / 1_000_000L,
                        Conventions.UID_DECISION_LOG_SOURCE),
                from(env, sources.spans(), Span.class, Span::endEpochMillis, Conventions.UID_DECISION_SPAN_SOURCE),
                confirmations(env));
        DataStream<DecisionRecord> records = wire(inputs, policies, settings);
        records.sinkTo(sink).uid(Conventions.UID_DECISION_SINK).name(Conventions.UID_DECISION_SINK);
        if (endpoint != null) {
            serveConfirmations(records, endpoint);
        }
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("concord-decisions");
    }

    /**
     * A control stream read to its end (a replay's confirmations) is complete data: it holds the evaluator back
     * until read. A live one never ends: it must never hold the evaluator back (see {@link ControlChannel#watermarks}).
     */
    private DataStream<OperatorConfirmation> confirmations(StreamExecutionEnvironment env) {
        if (sources.confirmations().getBoundedness() == Boundedness.BOUNDED) {
            return from(
                    env,
                    sources.confirmations(),
                    OperatorConfirmation.class,
                    OperatorConfirmation::atMillis,
                    Conventions.UID_DECISION_CONTROL_SOURCE);
        }
        return env.fromSource(
                        sources.confirmations(),
                        ControlChannel.watermarks(),
                        Conventions.UID_DECISION_CONTROL_SOURCE,
                        TypeInformation.of(OperatorConfirmation.class))
                .uid(Conventions.UID_DECISION_CONTROL_SOURCE);
    }

    /** Feeds the decision records to a control endpoint, which must see them all: one subtask. */
    public static void serveConfirmations(DataStream<DecisionRecord> records, ControlEndpointSink endpoint) {
        records.sinkTo(endpoint)
                .setParallelism(1)
                .uid(Conventions.UID_CONTROL_ENDPOINT)
                .name(Conventions.UID_CONTROL_ENDPOINT);
    }

    /**
     * The decision graph on streams that already carry event time. Its side output {@link PolicyEvaluator#VERDICTS}
     * carries every evaluation's verdicts.
     */
    public static SingleOutputStreamOperator<DecisionRecord> wire(
            Inputs inputs, List<PolicySpec> policies, DecisionSettings settings) {
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
            throw new IllegalArgumentException("a decision job needs at least one kind of telemetry");
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

    private static <T> DataStream<T> from(
            StreamExecutionEnvironment env, Source<T, ?, ?> source, Class<T> type, EventTime<T> time, String uid) {
        if (source == null) {
            return null;
        }
        WatermarkStrategy<T> watermarks = WatermarkStrategy.<T>forBoundedOutOfOrderness(DEFAULT_OUT_OF_ORDERNESS)
                .withTimestampAssigner((element, previous) -> time.of(element))
                .withIdleness(DEFAULT_IDLENESS);
        return env.fromSource(source, watermarks, uid, TypeInformation.of(type)).uid(uid);
    }
}
