package dev.concord.outputs.prometheus;

import static dev.concord.outputs.Conventions.Metrics.*;

import dev.concord.engine.decide.signal.Verdict;
import dev.concord.engine.slo.WindowBurn;
import dev.concord.outputs.Conventions;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concord's Prometheus metrics, made in one place, and how each {@link MetricUpdate} changes them. Not thread-safe
 * for updates: the exporter applies updates from its one subtask thread (the client's metrics are safe to scrape
 * concurrently).
 */
final class ConcordMetrics {

    private static final String[] OUTPUTS = {"transactions", "slo_snapshots", "slo_alerts", "decisions"};
    private static final String[] VERDICTS = Arrays.stream(Verdict.values())
            .map(v -> v.name().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);

    private static final String[] SLO_LABELS = {LABEL_SLO, LABEL_TRANSACTION, LABEL_CLOUD, LABEL_REGION, LABEL_TENANT};

    private final Clock clock;
    private final AtomicLong scrapes = new AtomicLong();
    private final Gauge sli;
    private final Gauge objective;
    private final Gauge budgetRemaining;
    private final Gauge burnRate;
    private final Gauge windowEvents;
    private final Gauge alertFiring;
    private final Counter transactions;
    private final Counter recordsOut;
    private final Counter deadLettered;
    private final Gauge eventTime;
    private final Gauge eventTimeLag;
    private final Gauge decisionState;
    private final Counter decisions;
    private final Gauge signalVerdict;
    /** policy|scope → the labels of its series at 1, so a new transition can set the one it leaves to 0. */
    private final Map<String, String[]> currentDecision = new HashMap<>();

    private long maxEventTimeMillis = Long.MIN_VALUE;

    ConcordMetrics(PrometheusRegistry registry, Clock clock) {
        this.clock = clock;
        sli = Gauge.builder()
                .name(SLO_SLI)
                .help("Share of good events of an SLO over a window (or the whole period); 1 without events")
                .unit(Unit.RATIO)
                .labelNames(SLO_LABELS[0], SLO_LABELS[1], SLO_LABELS[2], SLO_LABELS[3], SLO_LABELS[4], LABEL_WINDOW)
                .register(registry);
        objective = Gauge.builder()
                .name(SLO_OBJECTIVE)
                .help("Target share of good events of an SLO")
                .unit(Unit.RATIO)
                .labelNames(SLO_LABELS)
                .register(registry);
        budgetRemaining = Gauge.builder()
                .name(SLO_BUDGET_REMAINING)
                .help("Share of the SLO period's error budget not yet spent; negative once overspent")
                .unit(Unit.RATIO)
                .labelNames(SLO_LABELS)
                .register(registry);
        burnRate = Gauge.builder()
                .name(SLO_BURN_RATE)
                .help("How fast an SLO spends its error budget over a window: error ratio / (1 - objective)")
                .labelNames(SLO_LABELS[0], SLO_LABELS[1], SLO_LABELS[2], SLO_LABELS[3], SLO_LABELS[4], LABEL_WINDOW)
                .register(registry);
        windowEvents = Gauge.builder()
                .name(SLO_WINDOW_EVENTS)
                .help("Events an SLO counted over a window (weighted by sampling)")
                .labelNames(SLO_LABELS[0], SLO_LABELS[1], SLO_LABELS[2], SLO_LABELS[3], SLO_LABELS[4], LABEL_WINDOW)
                .register(registry);
        alertFiring = Gauge.builder()
                .name(SLO_ALERT_FIRING)
                .help("1 while a burn-rate alert of an SLO fires, 0 once resolved")
                .labelNames(
                        SLO_LABELS[0],
                        SLO_LABELS[1],
                        SLO_LABELS[2],
                        SLO_LABELS[3],
                        SLO_LABELS[4],
                        LABEL_SEVERITY,
                        LABEL_WINDOW)
                .register(registry);
        transactions = Counter.builder()
                .name(TRANSACTIONS)
                .help("Business transactions by outcome (weighted by sampling)")
                .labelNames(LABEL_TRANSACTION, LABEL_CLOUD, LABEL_REGION, LABEL_TENANT, LABEL_OUTCOME)
                .register(registry);
        recordsOut = Counter.builder()
                .name(ENGINE_RECORDS_OUT)
                .help("Records the engine emitted, by output")
                .labelNames(LABEL_OUTPUT)
                .register(registry);
        deadLettered = Counter.builder()
                .name(ENGINE_DEAD_LETTERED)
                .help("Records written to a dead-letter output instead of being counted, by reason")
                .labelNames(LABEL_REASON)
                .register(registry);
        eventTime = Gauge.builder()
                .name(ENGINE_EVENT_TIME)
                .help("Latest event time the engine has emitted results for, as Unix time")
                .unit(Unit.SECONDS)
                .register(registry);
        eventTimeLag = Gauge.builder()
                .name(ENGINE_EVENT_TIME_LAG)
                .help("How far the engine's latest event time is behind the wall clock")
                .unit(Unit.SECONDS)
                .register(registry);
        decisionState = Gauge.builder()
                .name(FAILOVER_DECISION_STATE)
                .help("1 for the action and state of the latest failover decision of a policy at a scope, 0 for those"
                        + " it left")
                .labelNames(LABEL_POLICY, LABEL_DOMAIN, LABEL_ACTION, LABEL_SCOPE, LABEL_STATE)
                .register(registry);
        decisions = Counter.builder()
                .name(FAILOVER_DECISIONS)
                .help("Failover decision records, one per state transition")
                .labelNames(LABEL_POLICY, LABEL_DOMAIN, LABEL_ACTION, LABEL_STATE)
                .register(registry);
        signalVerdict = Gauge.builder()
                .name(SIGNAL_VERDICT)
                .help("1 for the verdict a signal family gives a cloud of a failover policy at its latest evaluation,"
                        + " 0 for the other verdicts")
                .labelNames(LABEL_POLICY, LABEL_CLOUD, LABEL_FAMILY, LABEL_VERDICT)
                .register(registry);
        CounterWithCallback.builder()
                .name(EXPORTER_SCRAPES)
                .help("Scrapes of this exporter")
                .callback(cb -> cb.call(scrapes.incrementAndGet()))
                .register(registry);
        // the engine's outputs exist from the start, so rate() sees their first increase
        for (String output : OUTPUTS) {
            recordsOut.labelValues(output);
        }
        deadLettered.labelValues("late_span");
    }

    long scrapes() {
        return scrapes.get();
    }

    void apply(MetricUpdate u) {
        switch (u.kind()) {
            case SLO_SNAPSHOT -> {
                sli.labelValues(u.slo(), u.transaction(), u.cloud(), u.region(), u.tenant(), WINDOW_PERIOD)
                        .set(u.periodSli());
                objective
                        .labelValues(u.slo(), u.transaction(), u.cloud(), u.region(), u.tenant())
                        .set(u.objective());
                budgetRemaining
                        .labelValues(u.slo(), u.transaction(), u.cloud(), u.region(), u.tenant())
                        .set(u.budgetRemaining());
                for (WindowBurn w : u.windows()) {
                    String window = Conventions.windowLabel(w.windowMinutes());
                    sli.labelValues(u.slo(), u.transaction(), u.cloud(), u.region(), u.tenant(), window)
                            .set(w.sli());
                    burnRate.labelValues(u.slo(), u.transaction(), u.cloud(), u.region(), u.tenant(), window)
                            .set(w.burnRate());
                    windowEvents
                            .labelValues(u.slo(), u.transaction(), u.cloud(), u.region(), u.tenant(), window)
                            .set(w.events());
                }
                recordsOut.labelValues("slo_snapshots").inc();
            }
            case SLO_ALERT -> {
                alertFiring
                        .labelValues(
                                u.slo(), u.transaction(), u.cloud(), u.region(), u.tenant(), u.severity(), u.window())
                        .set(u.firing() ? 1 : 0);
                recordsOut.labelValues("slo_alerts").inc();
            }
            case TRANSACTION -> {
                transactions
                        .labelValues(u.transaction(), u.cloud(), u.region(), u.tenant(), u.outcome())
                        .inc(Math.max(0, u.count()));
                recordsOut.labelValues("transactions").inc();
            }
            case LATE_SPAN -> deadLettered.labelValues("late_span").inc();
            case DECISION -> {
                String[] series = {u.policy(), u.domain(), u.action(), u.scope(), u.state()};
                String[] left = currentDecision.put(u.policy() + "|" + u.scope(), series);
                if (left != null && !Arrays.equals(left, series)) {
                    decisionState.labelValues(left).set(0);
                }
                decisionState.labelValues(series).set(1);
                decisions
                        .labelValues(u.policy(), u.domain(), u.action(), u.state())
                        .inc();
                recordsOut.labelValues("decisions").inc();
            }
            case VERDICT -> {
                // every verdict has a series, so a matrix cell reads 1 in exactly one of four columns
                for (String verdict : VERDICTS) {
                    signalVerdict
                            .labelValues(u.policy(), u.cloud(), u.family(), verdict)
                            .set(verdict.equals(u.verdict()) ? 1 : 0);
                }
            }
        }
        if (u.kind() != MetricUpdate.Kind.LATE_SPAN
                && u.kind() != MetricUpdate.Kind.VERDICT
                && u.eventTimeMillis() > maxEventTimeMillis) {
            maxEventTimeMillis = u.eventTimeMillis();
            eventTime.set(maxEventTimeMillis / 1000.0);
        }
        if (maxEventTimeMillis != Long.MIN_VALUE) {
            eventTimeLag.set(Math.max(0, clock.millis() - maxEventTimeMillis) / 1000.0);
        }
    }
}
