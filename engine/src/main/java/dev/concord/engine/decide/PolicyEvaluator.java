package dev.concord.engine.decide;

import dev.concord.engine.Conventions;
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
import java.util.Optional;
import java.util.OptionalLong;
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
 * {@link DecisionSettings#evaluateEveryMillis()} of event time the policy is judged ({@link Assessor}) and its open
 * decision moves on ({@link EpisodeMachine}); this class only moves their inputs and results in and out of keyed
 * state and timers. Confirmations from the control stream wait in state until the evaluation at or after their time.
 * Every state change emits a decision record.
 *
 * <p>Invariants: an evaluation at instant T reads only tallies of buckets before T and alert transitions at or before
 * T, in the order of their keys, so the same input always gives the same records however far the sources ran ahead
 * and in whatever order the state iterates. Observations later than the retention behind the watermark are dropped
 * and counted. When a policy's telemetry has been silent for the window and baseline, all its state is cleared and no
 * timer is left.
 */
public final class PolicyEvaluator
        extends KeyedCoProcessFunction<String, Observation, OperatorConfirmation, DecisionRecord> {

    private static final long serialVersionUID = 1L;

    /** Every family's verdict on both clouds at every evaluation, whether or not a record follows. */
    public static final OutputTag<PolicyVerdict> VERDICTS =
            new OutputTag<>("policy-verdicts", TypeInformation.of(PolicyVerdict.class));

    private final Map<String, PolicySpec> policies = new HashMap<>();
    private final DecisionSettings settings;
    /** How far behind the watermark an observation may still count: the longest any policy keeps telemetry. */
    private final long retentionMillis;

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
        long longest = 0;
        for (PolicySpec policy : policies) {
            if (this.policies.put(policy.name(), policy) != null) {
                throw new IllegalArgumentException("two failover policies named " + policy.name());
            }
            if (policy.judgement().windowMillis() % settings.evaluateEveryMillis() != 0) {
                throw new IllegalArgumentException(
                        policy.name() + ": the window " + policy.judgement().windowName()
                                + " must be a whole number of evaluation intervals of " + settings.evaluateEveryMillis()
                                + " ms");
            }
            longest = Math.max(longest, retention(policy));
        }
        this.settings = settings;
        this.retentionMillis = longest;
    }

    @Override
    public void open(OpenContext context) {
        tallies = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "tallies", TypeInformation.of(TallyKey.class), TypeInformation.of(Tally.class)));
        firing = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "firing",
                        TypeInformation.of(AlertKey.Transition.class),
                        TypeInformation.of(Observation.class)));
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
    public void processElement1(Observation observation, Context ctx, Collector<DecisionRecord> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        // before the first watermark it is Long.MIN_VALUE: subtracting would wrap around
        boolean late =
                watermark > Long.MIN_VALUE + retentionMillis && observation.timeMillis() < watermark - retentionMillis;
        if (late) {
            lateObservations.inc();
            return;
        }
        if (!policies.containsKey(observation.policy())) {
            // Observe only emits for known policies: another job's stream wired in by mistake, not telemetry
            return;
        }
        long every = settings.evaluateEveryMillis();
        long bucket = Math.floorDiv(observation.timeMillis(), every) * every;
        TallyKey cell = TallyKey.of(observation, bucket);
        Tally tally = tallies.get(cell);
        tallies.put(cell, tally == null ? Tally.of(observation, bucket) : tally.plus(observation));
        if (observation.family().equals(Signals.TRACE_SLO)) {
            // kept as transitions: which alerts fire at an instant must not depend on what arrived beyond it
            firing.put(AlertKey.Transition.of(observation), observation);
        }
        if (Families.VERSIONED.contains(observation.family())
                && !observation.service().isEmpty()
                && !observation.version().equals("unknown")) {
            ServiceVersion version = new ServiceVersion(observation.service(), observation.version());
            VersionSeen seen = versions.get(version);
            versions.put(
                    version,
                    seen == null
                            ? VersionSeen.at(version, observation.timeMillis())
                            : seen.seenAt(observation.timeMillis()));
        }
        ctx.timerService().registerEventTimeTimer(bucket + every);
    }

    @Override
    public void processElement2(OperatorConfirmation confirmation, Context ctx, Collector<DecisionRecord> out)
            throws Exception {
        if (!policies.containsKey(confirmation.policy())) {
            expiredConfirmations.inc();
            return;
        }
        confirmations.put(confirmation.decisionId(), confirmation);
        long every = settings.evaluateEveryMillis();
        ctx.timerService().registerEventTimeTimer((Math.floorDiv(confirmation.atMillis(), every) + 1) * every);
    }

    @Override
    public void onTimer(long now, OnTimerContext ctx, Collector<DecisionRecord> out) throws Exception {
        PolicySpec policy = policies.get(ctx.getCurrentKey());
        prune(now, retention(policy), policy.judgement().windowMillis());
        if (tallies.isEmpty()) {
            clear();
            return;
        }
        List<Tally> evaluated = talliesBefore(now);
        List<Observation> alerts = firingAt(now);
        List<VersionSeen> seen = versionsSeen();

        Assessor assessor = new Assessor(policy, settings, now, evaluated, alerts);
        Assessor.Assessment assessment = assessor.assess(seen);
        emitVerdicts(policy, assessment, now, ctx);
        EpisodeMachine.Memory before = remembered();
        Optional<OperatorConfirmation> confirmation = Optional.empty();
        if (before.open().isPresent()) {
            confirmation =
                    Optional.ofNullable(confirmations.get(before.open().get().decisionId()));
        }
        EpisodeMachine.Step step = new EpisodeMachine(policy, settings)
                .evaluate(before, now, assessment, assessor::verdictsAt, confirmation);
        remember(before, step.memory());
        if (step.confirmationApplied()) {
            confirmations.remove(confirmation.orElseThrow().decisionId());
        }
        step.record().ifPresent(out::collect);
        ctx.timerService().registerEventTimeTimer(now + settings.evaluateEveryMillis());
    }

    private EpisodeMachine.Memory remembered() throws Exception {
        Long since = quorumSince.value();
        Long until = cooldownUntil.value();
        return new EpisodeMachine.Memory(
                Optional.ofNullable(episode.value()),
                since == null ? OptionalLong.empty() : OptionalLong.of(since),
                until == null ? OptionalLong.empty() : OptionalLong.of(until));
    }

    /** Writes what changed; an absent part is cleared. */
    private void remember(EpisodeMachine.Memory before, EpisodeMachine.Memory after) throws Exception {
        if (!after.open().equals(before.open())) {
            if (after.open().isPresent()) {
                episode.update(after.open().get());
            } else {
                episode.clear();
            }
        }
        if (!after.quorumSince().equals(before.quorumSince())) {
            if (after.quorumSince().isPresent()) {
                quorumSince.update(after.quorumSince().getAsLong());
            } else {
                quorumSince.clear();
            }
        }
        if (!after.cooldownUntil().equals(before.cooldownUntil())) {
            if (after.cooldownUntil().isPresent()) {
                cooldownUntil.update(after.cooldownUntil().getAsLong());
            } else {
                cooldownUntil.clear();
            }
        }
    }

    private static void emitVerdicts(PolicySpec policy, Assessor.Assessment assessment, long now, OnTimerContext ctx) {
        String primary = assessment.scope() == null
                ? policy.clouds().primary()
                : assessment.scope().cloud();
        for (SignalVerdict verdict : assessment.verdicts()) {
            ctx.output(
                    VERDICTS,
                    new PolicyVerdict(
                            policy.name(), policy.domain(), primary, verdict.family(), verdict.verdict(), now));
        }
        String secondary = policy.clouds().otherThan(primary);
        for (SignalVerdict verdict : assessment.target()) {
            ctx.output(
                    VERDICTS,
                    new PolicyVerdict(
                            policy.name(), policy.domain(), secondary, verdict.family(), verdict.verdict(), now));
        }
    }

    /** The tallies of buckets before {@code now}, in the order of their keys. */
    private List<Tally> talliesBefore(long now) throws Exception {
        // state iterates in hash order: its keys sort the tallies, so the same input always gives the same records
        List<Map.Entry<TallyKey, Tally>> ordered = new ArrayList<>();
        for (Map.Entry<TallyKey, Tally> entry : tallies.entries()) {
            // telemetry past the evaluated instant may already be here; what it says must wait for its own turn
            if (entry.getValue().bucketMillis() < now) {
                ordered.add(Map.entry(entry.getKey(), entry.getValue()));
            }
        }
        ordered.sort(Map.Entry.comparingByKey());
        List<Tally> sorted = new ArrayList<>(ordered.size());
        for (Map.Entry<TallyKey, Tally> entry : ordered) {
            sorted.add(entry.getValue());
        }
        return sorted;
    }

    /** Every version seen within the release lookback, by service and version. */
    private List<VersionSeen> versionsSeen() throws Exception {
        List<VersionSeen> seen = new ArrayList<>();
        versions.values().forEach(seen::add);
        seen.sort(Comparator.comparing(VersionSeen::service).thenComparing(VersionSeen::version));
        return seen;
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

    /** Event time a policy keeps telemetry for: its longest window and the baseline before it. */
    private static long retention(PolicySpec policy) {
        return policy.judgement().maxWindowMillis() + policy.judgement().baselineMillis();
    }

    private void prune(long now, long retention, long window) throws Exception {
        long oldest = now - retention;
        // the release family is read over the shortest window only, and has the most cells (one per service version,
        // region and tenant): keeping it longer would only slow every evaluation
        long oldestRelease = now - window;
        for (Iterator<Map.Entry<TallyKey, Tally>> it = tallies.iterator(); it.hasNext(); ) {
            Tally tally = it.next().getValue();
            if (tally.bucketMillis() < oldest
                    || tally.family().equals(Observation.RELEASE) && tally.bucketMillis() < oldestRelease) {
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
