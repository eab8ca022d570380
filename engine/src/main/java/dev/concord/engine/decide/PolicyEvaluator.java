package dev.concord.engine.decide;

import dev.concord.engine.Conventions;
import dev.concord.engine.decide.DecisionRecord.DecisionScope;
import dev.concord.engine.decide.DecisionRecord.QuorumCount;
import dev.concord.engine.decide.DecisionRecord.Signal;
import dev.concord.engine.decide.DecisionRecord.Veto;
import dev.concord.engine.decide.DecisionRecord.Weights;
import dev.concord.engine.decide.signal.Families;
import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.decide.signal.SignalVerdict;
import dev.concord.engine.decide.signal.Tally;
import dev.concord.engine.decide.signal.TallyKey;
import dev.concord.rules.model.Signals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One failover policy, keyed by its name: observations fold into per-bucket tallies, and every
 * {@link DecisionSettings#evaluateEveryMillis()} of event time the policy is judged and its open decision moves on.
 * Confirmations from the control stream wait in state until the evaluation at or after their time. Every state
 * change emits a decision record. When a policy's telemetry has been silent for the window and baseline, all its
 * state is cleared and no timer is left.
 */
public final class PolicyEvaluator
        extends KeyedCoProcessFunction<String, Observation, OperatorConfirmation, DecisionRecord> {

    private static final long serialVersionUID = 1L;

    /** Every family's verdict on both clouds at every evaluation, whether or not a record follows. */
    public static final OutputTag<PolicyVerdict> VERDICTS =
            new OutputTag<>("policy-verdicts", TypeInformation.of(PolicyVerdict.class));

    private final Map<String, PolicySpec> policies = new HashMap<>();
    private final DecisionSettings settings;

    private transient MapState<TallyKey, Tally> tallies;
    private transient MapState<AlertKey.Transition, Observation> firing;
    private transient MapState<ServiceVersion, VersionSeen> versions;
    private transient MapState<String, OperatorConfirmation> confirmations;
    private transient ValueState<Episode> episode;
    private transient ValueState<Long> quorumSince;
    private transient ValueState<Long> cooldownUntil;
    private transient Counter lateObservations;
    private transient Counter expiredConfirmations;

    public PolicyEvaluator(List<PolicySpec> policies, DecisionSettings settings) {
        for (PolicySpec policy : policies) {
            if (this.policies.put(policy.name(), policy) != null) {
                throw new IllegalArgumentException("two failover policies named " + policy.name());
            }
        }
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        tallies = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "tallies", TypeInformation.of(TallyKey.class), TypeInformation.of(Tally.class)));
        firing = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "firing", TypeInformation.of(AlertKey.Transition.class), TypeInformation.of(Observation.class)));
        versions = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "versions", TypeInformation.of(ServiceVersion.class), TypeInformation.of(VersionSeen.class)));
        confirmations = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "confirmations", Types.STRING, TypeInformation.of(OperatorConfirmation.class)));
        episode =
                getRuntimeContext().getState(new ValueStateDescriptor<>("episode", TypeInformation.of(Episode.class)));
        quorumSince = getRuntimeContext().getState(new ValueStateDescriptor<>("quorum-since", Types.LONG));
        cooldownUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("cooldown-until", Types.LONG));
        lateObservations = getRuntimeContext().getMetricGroup().counter(Conventions.METRIC_LATE_OBSERVATIONS);
        expiredConfirmations = getRuntimeContext().getMetricGroup().counter(Conventions.METRIC_EXPIRED_CONFIRMATIONS);
    }

    @Override
    public void processElement1(Observation o, Context ctx, Collector<DecisionRecord> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        // before the first watermark it is Long.MIN_VALUE: subtracting would wrap around
        boolean late = watermark > Long.MIN_VALUE + settings.retentionMillis()
                && o.timeMillis() < watermark - settings.retentionMillis();
        if (late) {
            lateObservations.inc();
            return;
        }
        if (!policies.containsKey(o.policy())) {
            // Observe only emits for known policies: another job's stream wired in by mistake, not telemetry
            return;
        }
        long every = settings.evaluateEveryMillis();
        long bucket = Math.floorDiv(o.timeMillis(), every) * every;
        TallyKey cell = TallyKey.of(o, bucket);
        Tally tally = tallies.get(cell);
        tallies.put(cell, tally == null ? Tally.of(o, bucket) : tally.plus(o));
        if (o.family().equals(Signals.TRACE_SLO)) {
            // kept as transitions: which alerts fire at an instant must not depend on what arrived beyond it
            firing.put(AlertKey.Transition.of(o), o);
        }
        if (Families.VERSIONED.contains(o.family())
                && !o.service().isEmpty()
                && !o.version().equals("unknown")) {
            ServiceVersion version = new ServiceVersion(o.service(), o.version());
            VersionSeen seen = versions.get(version);
            versions.put(version, seen == null ? VersionSeen.at(version, o.timeMillis()) : seen.seenAt(o.timeMillis()));
        }
        ctx.timerService().registerEventTimeTimer(bucket + every);
    }

    @Override
    public void processElement2(OperatorConfirmation c, Context ctx, Collector<DecisionRecord> out) throws Exception {
        if (!policies.containsKey(c.policy())) {
            expiredConfirmations.inc();
            return;
        }
        confirmations.put(c.decisionId(), c);
        long every = settings.evaluateEveryMillis();
        ctx.timerService().registerEventTimeTimer((Math.floorDiv(c.atMillis(), every) + 1) * every);
    }

    @Override
    public void onTimer(long now, OnTimerContext ctx, Collector<DecisionRecord> out) throws Exception {
        PolicySpec policy = policies.get(ctx.getCurrentKey());
        prune(now);
        if (tallies.isEmpty()) {
            clear();
            return;
        }
        List<Tally> all = new ArrayList<>();
        // state iterates in hash order: its keys sort the tallies, so the same input always gives the same records
        Map<TallyKey, Tally> ordered = new TreeMap<>();
        for (Map.Entry<TallyKey, Tally> entry : tallies.entries()) {
            // telemetry past the evaluated instant may already be here; what it says must wait for its own turn
            if (entry.getValue().bucketMillis() < now) {
                ordered.put(entry.getKey(), entry.getValue());
            }
        }
        all.addAll(ordered.values());
        List<Observation> alerts = firingAt(now);
        List<VersionSeen> seen = new ArrayList<>();
        versions.values().forEach(seen::add);
        seen.sort(Comparator.comparing(VersionSeen::service).thenComparing(VersionSeen::version));

        Assessor assessor = new Assessor(policy, settings, now, all, alerts);
        Assessor.Assessment a = assessor.assess(seen);
        emitVerdicts(policy, a, now, ctx);
        Long since = quorumSince.value();
        if (a.quorum()) {
            since = since == null ? a.quorumSince() : since;
            quorumSince.update(since);
        } else {
            since = null;
            quorumSince.clear();
        }
        Episode open = episode.value();
        if (open == null) {
            Long cooldown = cooldownUntil.value();
            if (cooldown != null && now >= cooldown) {
                cooldownUntil.clear();
                cooldown = null;
            }
            if (since != null && now - since >= policy.timing().forMillis() && cooldown == null) {
                openDecision(policy, a, now, out);
            }
        } else {
            advance(policy, assessor, a, open, now, out);
        }
        ctx.timerService().registerEventTimeTimer(now + settings.evaluateEveryMillis());
    }

    private static void emitVerdicts(PolicySpec policy, Assessor.Assessment a, long now, OnTimerContext ctx) {
        String primary = a.scope() == null ? policy.clouds().primary() : a.scope().cloud();
        for (SignalVerdict v : a.verdicts()) {
            ctx.output(
                    VERDICTS, new PolicyVerdict(policy.name(), policy.domain(), primary, v.family(), v.verdict(), now));
        }
        for (SignalVerdict v : a.target()) {
            ctx.output(
                    VERDICTS,
                    new PolicyVerdict(
                            policy.name(), policy.domain(), policy.clouds().secondary(), v.family(), v.verdict(), now));
        }
    }

    private void openDecision(PolicySpec policy, Assessor.Assessment a, long now, Collector<DecisionRecord> out)
            throws Exception {
        Verdicts.Outcome outcome = Verdicts.decide(policy, a);
        DecisionScope scope = a.scope();
        Episode opened = Episode.opened(
                DecisionIds.of(policy.name(), scope, now),
                outcome.action(),
                outcome.state(),
                scope,
                policy.clouds(),
                now);
        episode.update(opened);
        startCooldownIfRecommending(policy, opened, now);
        out.collect(record(policy, opened, a.verdicts(), outcome.vetoes(), now));
    }

    private void advance(
            PolicySpec policy,
            Assessor assessor,
            Assessor.Assessment a,
            Episode open,
            long now,
            Collector<DecisionRecord> out)
            throws Exception {
        List<SignalVerdict> verdicts = assessor.verdictsAt(open.scope());
        if (open.inEffect()) {
            if (!Verdicts.healthy(verdicts)) {
                episode.update(open.primaryNotHealthy());
                return;
            }
            Episode recovering = open.primaryHealthyAt(now);
            if (now - recovering.primaryHealthySinceMillis() < policy.timing().stableMillis()) {
                episode.update(recovering);
                return;
            }
            Episode failback = Episode.failback(
                    DecisionIds.of(policy.name(), open.scope(), now),
                    open.scope(),
                    policy.clouds(),
                    recovering.primaryHealthySinceMillis(),
                    now);
            out.collect(record(policy, failback, verdicts, List.of(), now));
            episode.clear();
            cooldownUntil.update(now + policy.timing().cooldownMillis());
            return;
        }
        if (Verdicts.recovered(verdicts)) {
            Episode withdrawn = open.withdrawn(now);
            out.collect(record(policy, withdrawn, verdicts, List.of(), now));
            episode.clear();
            return;
        }
        if (!open.failsOver()) {
            return;
        }
        Verdicts.Outcome outcome = Verdicts.decide(policy, a);
        // a veto may lift only while the quorum still holds; a new veto applies at once
        boolean vetoNow = outcome.state() == DecisionState.VETOED || outcome.state() == DecisionState.HELD;
        boolean sameAction = outcome.action() == open.action();
        DecisionState next = sameAction && (vetoNow || a.quorum()) ? outcome.state() : open.state();
        if (next != open.state()) {
            Episode moved = open.movedTo(next, now);
            episode.update(moved);
            startCooldownIfRecommending(policy, moved, now);
            out.collect(record(policy, moved, verdicts, outcome.vetoes(), now));
            return;
        }
        if (!open.isPending()) {
            return;
        }
        OperatorConfirmation confirmation = confirmations.get(open.decisionId());
        if (confirmation != null && confirmation.atMillis() <= now) {
            confirmations.remove(open.decisionId());
            Episode confirmed = open.confirmed(confirmation, now);
            episode.update(confirmed);
            out.collect(record(policy, confirmed, verdicts, outcome.vetoes(), now));
        } else if (now - open.pendingSinceMillis() >= settings.confirmationTimeoutMillis()) {
            out.collect(record(policy, open.expired(now), verdicts, List.of(), now));
            episode.clear();
        }
    }

    private void startCooldownIfRecommending(PolicySpec policy, Episode e, long now) throws Exception {
        if (e.state() == DecisionState.RECOMMENDED || e.state() == DecisionState.PENDING_CONFIRMATION) {
            Long cooldown = cooldownUntil.value();
            cooldownUntil.update(Math.max(cooldown == null ? Long.MIN_VALUE : cooldown, now + policy.timing().cooldownMillis()));
        }
    }

    private DecisionRecord record(
            PolicySpec policy, Episode e, List<SignalVerdict> verdicts, List<Veto> vetoes, long now) {
        List<Signal> signals = new ArrayList<>();
        int agreeing = 0;
        for (SignalVerdict v : verdicts) {
            signals.add(new Signal(v.family(), v.verdict().name(), v.evidence()));
            agreeing += v.failing() ? 1 : 0;
        }
        Weights weights =
                e.action() == Action.SHIFT_TRAFFIC || e.action() == Action.FAILBACK ? new Weights(0, 100) : null;
        return new DecisionRecord(
                e.decisionId(),
                policy.name(),
                policy.domain(),
                e.action(),
                e.state(),
                e.scope(),
                e.from(),
                e.to(),
                weights,
                DecisionIds.rfc3339(now),
                new QuorumCount(policy.quorum(), agreeing, Independence.counted(verdicts)),
                signals,
                vetoes,
                e.confirmation());
    }

    /** The alerts whose latest transition at or before {@code now} is firing; older transitions are dropped. */
    private List<Observation> firingAt(long now) throws Exception {
        Map<AlertKey, Observation> latest = new TreeMap<>();
        List<AlertKey.Transition> superseded = new ArrayList<>();
        for (Map.Entry<AlertKey.Transition, Observation> entry : firing.entries()) {
            Observation transition = entry.getValue();
            if (transition.timeMillis() > now) {
                continue;
            }
            AlertKey alert = AlertKey.of(transition);
            Observation before = latest.get(alert);
            if (before == null || transition.timeMillis() > before.timeMillis()) {
                if (before != null) {
                    superseded.add(AlertKey.Transition.of(before));
                }
                latest.put(alert, transition);
            } else {
                superseded.add(entry.getKey());
            }
        }
        List<Observation> firingNow = new ArrayList<>();
        for (Observation transition : latest.values()) {
            if (transition.bad()) {
                firingNow.add(transition);
            } else {
                superseded.add(AlertKey.Transition.of(transition));
            }
        }
        for (AlertKey.Transition transition : superseded) {
            firing.remove(transition);
        }
        return firingNow;
    }

    private void prune(long now) throws Exception {
        long oldest = now - settings.retentionMillis();
        for (Iterator<Map.Entry<TallyKey, Tally>> it = tallies.iterator(); it.hasNext(); ) {
            if (it.next().getValue().bucketMillis() < oldest) {
                it.remove();
            }
        }
        for (Iterator<Map.Entry<ServiceVersion, VersionSeen>> it = versions.iterator(); it.hasNext(); ) {
            if (it.next().getValue().lastSeenMillis() < now - settings.releaseLookbackMillis()) {
                it.remove();
            }
        }
        for (Iterator<Map.Entry<String, OperatorConfirmation>> it = confirmations.iterator(); it.hasNext(); ) {
            if (it.next().getValue().atMillis() < now - settings.confirmationTtlMillis()) {
                expiredConfirmations.inc();
                it.remove();
            }
        }
    }

    private void clear() {
        tallies.clear();
        firing.clear();
        versions.clear();
        confirmations.clear();
        episode.clear();
        quorumSince.clear();
        cooldownUntil.clear();
    }
}
