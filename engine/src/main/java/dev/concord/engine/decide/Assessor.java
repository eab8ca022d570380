package dev.concord.engine.decide;

import dev.concord.engine.decide.DecisionRecord.DecisionScope;
import dev.concord.engine.decide.signal.Families;
import dev.concord.engine.decide.signal.Judgement;
import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.decide.signal.SignalVerdict;
import dev.concord.engine.decide.signal.Sums;
import dev.concord.engine.decide.signal.Tally;
import dev.concord.engine.decide.signal.Verdict;
import dev.concord.ingest.Conventions;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Scope;
import dev.concord.rules.model.Signals;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Judges one policy at one instant of event time from its evaluator's state: every family's verdict for the
 * primary at the narrowest scope that explains a failure, the quorum of independent families, the target's
 * verdicts, the replication lag and a release the failures concentrate in. A plain function of its inputs, so the
 * same state always gives the same assessment.
 *
 * <p>Contract: the tallies come in the order of their keys and only from buckets before {@code now}; the alerts are
 * those firing at {@code now}. The window is the last {@link Judgement#windowMillis()} before {@code now}, grown per
 * probe vantage point, check and dependency until it holds enough samples (see {@link #grown}); the baseline is the
 * {@link Judgement#baselineMillis()} before the window; older tallies only give the replication lag's latest
 * reading. Nothing here remembers anything between instants: how a decision moves on is
 * {@link EpisodeMachine}'s.
 */
final class Assessor {

    /** A release that the window's failures concentrate in. */
    record Release(String service, String version, double share, long firstSeenMillis) {}

    /**
     * @param scope the narrowest scope whose quorum holds, null when none does: in the primary, or for an
     *     active-active policy in the secondary when only the secondary fails
     * @param verdicts the verdicts at that scope, or for the whole primary cloud when none
     * @param target the verdicts of the other cloud than the scope's, as a whole
     * @param quorumSince when the quorum began to hold (the k-th earliest start of the counted families' failures)
     * @param lagSeconds the replication-lag guard's latest value in seconds, null without a reading
     */
    record Assessment(
            DecisionScope scope,
            List<SignalVerdict> verdicts,
            List<String> counted,
            long quorumSince,
            List<SignalVerdict> target,
            Double lagSeconds,
            Release release) {

        boolean quorum() {
            return scope != null;
        }
    }

    private final PolicySpec policy;
    private final DecisionSettings settings;
    private final Judgement judgement;
    private final long now;
    private final List<Tally> current = new ArrayList<>();
    private final List<Tally> baseline = new ArrayList<>();
    private final List<Tally> all;
    /** The tallies before now by family: a family's windows are grown from its own tallies only. */
    private final Map<String, List<Tally>> byFamily = new HashMap<>();
    /** Each scope's verdicts, once: finding the narrowest scope asks for the same scopes again and again. */
    private final Map<DecisionScope, List<SignalVerdict>> judged = new HashMap<>();

    private final List<Observation> firing;

    Assessor(
            PolicySpec policy,
            DecisionSettings settings,
            long now,
            Collection<Tally> tallies,
            Collection<Observation> firingAlerts) {
        this.policy = policy;
        this.settings = settings;
        this.judgement = policy.judgement();
        this.now = now;
        this.all = List.copyOf(tallies);
        for (Tally t : all) {
            if (t.bucketMillis() < now) {
                byFamily.computeIfAbsent(t.family(), f -> new ArrayList<>()).add(t);
            }
        }
        this.firing = List.copyOf(firingAlerts);
        long windowStart = now - judgement.windowMillis();
        for (Tally t : tallies) {
            if (t.bucketMillis() >= windowStart && t.bucketMillis() < now) {
                current.add(t);
            } else if (t.bucketMillis() < windowStart && t.bucketMillis() >= windowStart - judgement.baselineMillis()) {
                baseline.add(t);
            }
        }
    }

    /**
     * The assessment at {@code now}. A release the failures concentrate in needs no quorum: one failing family is
     * enough to recommend rolling it back (a bad release often fails only the transactions), and then the assessment
     * names the cloud as its scope, with the family's failure start as the quorum's.
     */
    Assessment assess(Collection<VersionSeen> versions) {
        DecisionScope scope = narrowest(policy.clouds().primary());
        if (scope == null && policy.pattern() == HaPattern.ACTIVE_ACTIVE) {
            // both clouds serve: the secondary failing alone moves its share to the primary
            scope = narrowest(policy.clouds().secondary());
        }
        String judgedCloud = scope == null ? policy.clouds().primary() : scope.cloud();
        DecisionScope cloud = new DecisionScope(judgedCloud, null, null);
        List<SignalVerdict> verdicts = scope == null ? verdictsAt(cloud) : verdictsAt(scope);
        List<String> counted = Independence.counted(verdicts);
        Release release = release(scope == null ? cloud : scope, versions);
        long since = quorumSince(verdicts, counted);
        if (scope == null && release != null && policy.vetoes().releaseCorrelation() && !counted.isEmpty()) {
            scope = cloud;
            since = verdicts.stream()
                    .filter(v -> counted.contains(v.family()))
                    .mapToLong(v -> Math.min(v.sinceMillis(), now))
                    .min()
                    .orElse(now);
        }
        return new Assessment(
                scope,
                verdicts,
                counted,
                since,
                verdictsAt(new DecisionScope(policy.clouds().otherThan(judgedCloud), null, null)),
                lagSeconds(policy.clouds().otherThan(judgedCloud)),
                release);
    }

    /** Every configured family's verdict for a cloud, optionally one region or one tenant of it. */
    List<SignalVerdict> verdictsAt(DecisionScope scope) {
        return judged.computeIfAbsent(scope, this::judge);
    }

    private List<SignalVerdict> judge(DecisionScope scope) {
        String other = policy.clouds().otherThan(scope.cloud());
        DecisionScope otherScope = new DecisionScope(other, null, scope.tenant());
        List<SignalVerdict> verdicts = new ArrayList<>();
        for (String family : policy.signals().families()) {
            verdicts.add(
                    switch (family) {
                        case Signals.TRACE_SLO ->
                            Families.traceSlo(
                                    judgement,
                                    firing.stream()
                                            .filter(alert -> in(scope, alert.cloud(), alert.region(), alert.tenant()))
                                            .toList(),
                                    policy.signals().traceSlo().pageOnly());
                        case Signals.PROBES -> {
                            Map<String, Windowed> runs = grown(family, scope, judgement.minVantagePointRuns());
                            yield Families.probes(
                                    judgement,
                                    policy.signals().probe().minVantagePoints(),
                                    policy.signals().probe().minFailingFraction(),
                                    each(runs, Windowed::current),
                                    each(runs, Windowed::baseline),
                                    networks(scope));
                        }
                        case Signals.LOG_SIGNATURES ->
                            Families.logSignatures(
                                    judgement,
                                    policy.signals().logSignatures().minPerMinute()
                                            * judgement.windowMillis()
                                            / 60_000.0,
                                    sums(current, family, scope),
                                    sums(baseline, family, scope),
                                    sums(current, family, otherScope),
                                    sums(baseline, family, otherScope));
                        case Signals.GUARDS -> Families.guards(judgement, limits(), bySubject(current, family, scope));
                        default -> worstOfSubjects(family, scope, otherScope);
                    });
        }
        return List.copyOf(verdicts);
    }

    /** Health checks and dependencies, judged per check or dependency: the worst one speaks for the family. */
    private SignalVerdict worstOfSubjects(String family, DecisionScope scope, DecisionScope otherScope) {
        Map<String, Windowed> own = grown(family, scope, judgement.minSamples());
        Map<String, Windowed> others = grown(family, otherScope, judgement.minSamples());
        Map<String, Sums> now = each(own, Windowed::current);
        Map<String, Sums> before = each(own, Windowed::baseline);
        Map<String, Sums> otherNow = each(others, Windowed::current);
        Map<String, Sums> otherBefore = each(others, Windowed::baseline);
        SignalVerdict worst = null;
        for (String subject : now.keySet()) {
            SignalVerdict verdict = Families.counts(
                    family,
                    judgement,
                    now.get(subject),
                    before.getOrDefault(subject, Sums.EMPTY),
                    otherNow.getOrDefault(subject, Sums.EMPTY),
                    otherBefore.getOrDefault(subject, Sums.EMPTY));
            if (worst == null || rank(verdict.verdict()) > rank(worst.verdict())) {
                worst = verdict;
            }
        }
        return worst != null
                ? worst
                : Families.counts(family, judgement, Sums.EMPTY, Sums.EMPTY, Sums.EMPTY, Sums.EMPTY);
    }

    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case NO_DATA -> 0;
            case HEALTHY -> 1;
            case DEGRADED -> 2;
            case FAILING -> 3;
        };
    }

    /**
     * The narrowest scope whose quorum holds and that explains the failure: one tenant while the primary's other
     * tenants are fine, else one region, else the whole cloud. A tenant whose quorum holds alone while the others
     * fail too (a release that fails everyone's calls, of which the busiest tenant crosses the line first) is one
     * share of a wider failure: the region or the cloud speaks for it when its quorum holds, the tenant only when no
     * wider scope's does. A scope the policy does not allow is skipped.
     */
    private DecisionScope narrowest(String primary) {
        Set<String> tenants = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        for (Tally t : current) {
            if (t.cloud().equals(primary)) {
                tenants.add(t.tenant());
                regions.add(t.region());
            }
        }
        for (Observation alert : firing) {
            if (alert.cloud().equals(primary)) {
                tenants.add(alert.tenant());
                regions.add(alert.region());
            }
        }
        tenants.remove(Observation.ANY);
        regions.remove(Observation.ANY);
        DecisionScope tenant = null;
        if (policy.scopes().contains(Scope.TENANT)) {
            List<String> failing = tenants.stream()
                    .filter(t -> holds(new DecisionScope(primary, null, t)))
                    .toList();
            if (failing.size() == 1 && tenants.size() > 1) {
                tenant = new DecisionScope(primary, null, failing.get(0));
                if (othersFine(tenants, tenant)) {
                    return tenant;
                }
            }
        }
        if (policy.scopes().contains(Scope.REGION)) {
            List<String> failing = regions.stream()
                    .filter(r -> holds(new DecisionScope(primary, r, null)))
                    .toList();
            if (failing.size() == 1) {
                return new DecisionScope(primary, failing.get(0), null);
            }
        }
        DecisionScope cloud = new DecisionScope(primary, null, null);
        return policy.scopes().contains(Scope.CLOUD) && holds(cloud) ? cloud : tenant;
    }

    /** No family fails for any tenant of the primary but the given one. */
    private boolean othersFine(Set<String> tenants, DecisionScope only) {
        for (String other : tenants) {
            if (!other.equals(only.tenant())
                    && verdictsAt(new DecisionScope(only.cloud(), null, other)).stream()
                            .anyMatch(SignalVerdict::failing)) {
                return false;
            }
        }
        return true;
    }

    private boolean holds(DecisionScope scope) {
        return Independence.counted(verdictsAt(scope)).size() >= policy.quorum();
    }

    private long quorumSince(List<SignalVerdict> verdicts, List<String> counted) {
        if (counted.size() < policy.quorum()) {
            return Long.MAX_VALUE;
        }
        List<Long> starts = new ArrayList<>();
        for (SignalVerdict verdict : verdicts) {
            if (counted.contains(verdict.family())) {
                starts.add(Math.min(verdict.sinceMillis(), now));
            }
        }
        starts.sort(null);
        return starts.get(policy.quorum() - 1);
    }

    /**
     * The latest reading of the target's replication lag: the replica that would take over is the one it lags. A
     * reading that names no cloud (a PromQL query that aggregates the labels away) stands for any target.
     */
    private Double lagSeconds(String target) {
        GuardSpec guard = policy.vetoes().lagGuard();
        if (guard == null) {
            return null;
        }
        Tally latest = null;
        for (Tally t : all) {
            if (t.family().equals(Signals.GUARDS)
                    && t.subject().equals(guard.name())
                    && (t.cloud().equals(target)
                            || t.cloud().equals(Observation.ANY)
                            || t.cloud().equals(Conventions.UNKNOWN))
                    && !Double.isNaN(t.lastValue())
                    && (latest == null || t.lastValueMillis() > latest.lastValueMillis())) {
                latest = t;
            }
        }
        return latest == null ? null : latest.lastValue() * guard.secondsPerUnit();
    }

    /**
     * The new release holding at least the configured share of its service's failures in the window, if any. Judged
     * per service, not over the whole scope: a failing release fails its callers too, and their failures (under their
     * own, unchanged versions) must not hide where the failures start.
     */
    private Release release(DecisionScope scope, Collection<VersionSeen> versions) {
        Map<ServiceVersion, Double> badByVersion = new HashMap<>();
        Map<String, Double> badByService = new HashMap<>();
        for (Tally t : current) {
            if (Families.VERSIONED.contains(t.family())
                    && in(scope, t.cloud(), t.region(), t.tenant())
                    && t.bad() > 0) {
                badByService.merge(t.service(), t.bad(), Double::sum);
                badByVersion.merge(new ServiceVersion(t.service(), t.version()), t.bad(), Double::sum);
            }
        }
        for (VersionSeen seen : versions) {
            double bad = badByVersion.getOrDefault(seen.key(), 0.0);
            if (bad < judgement.minSamples()) {
                continue;
            }
            double share = bad / badByService.get(seen.service());
            if (share >= settings.releaseShare() && isNew(seen, versions)) {
                return new Release(seen.service(), seen.version(), share, seen.firstSeenMillis());
            }
        }
        return null;
    }

    private boolean isNew(VersionSeen seen, Collection<VersionSeen> versions) {
        if (seen.firstSeenMillis() < now - settings.releaseLookbackMillis()) {
            return false;
        }
        for (VersionSeen other : versions) {
            if (other.service().equals(seen.service())
                    && !other.version().equals(seen.version())
                    && other.firstSeenMillis() < seen.firstSeenMillis()) {
                return true;
            }
        }
        return false;
    }

    private List<Families.Limit> limits() {
        return policy.signals().guards().stream()
                .map(g -> new Families.Limit(g.name(), g.above(), g.below()))
                .toList();
    }

    private Map<String, String> networks(DecisionScope scope) {
        Map<String, String> networks = new HashMap<>();
        // a vantage point that runs seldom may have no run in the shortest window: its grown window has one
        for (Tally t : byFamily.getOrDefault(Signals.PROBES, List.of())) {
            if (t.bucketMillis() >= now - judgement.maxWindowMillis() && in(scope, t.cloud(), t.region(), t.tenant())) {
                networks.put(t.subject(), t.origin());
            }
        }
        return networks;
    }

    /** One subject's window, grown to hold enough samples, and the baseline before it. */
    private record Windowed(Sums current, Sums baseline) {}

    /**
     * Per subject of a family in a scope: the window, at least {@link Judgement#windowMillis()} back from now and
     * grown bucket by bucket, up to {@link Judgement#maxWindowMillis()}, until it holds {@code need} samples; and the
     * baseline, the {@link Judgement#baselineMillis()} before the window's start. A vantage point that runs once a
     * minute is judged over its last few runs, as a health checker counts consecutive failures, instead of being
     * too sparse to count; telemetry that comes often keeps the shortest window.
     */
    private Map<String, Windowed> grown(String family, DecisionScope scope, int need) {
        Map<String, TreeMap<Long, List<Tally>>> bySubject = new TreeMap<>();
        for (Tally t : byFamily.getOrDefault(family, List.of())) {
            if (in(scope, t.cloud(), t.region(), t.tenant())) {
                bySubject
                        .computeIfAbsent(t.subject(), s -> new TreeMap<>())
                        .computeIfAbsent(t.bucketMillis(), b -> new ArrayList<>())
                        .add(t);
            }
        }
        Map<String, Windowed> windowed = new TreeMap<>();
        bySubject.forEach((subject, buckets) -> {
            long start = now - judgement.windowMillis();
            long samples = 0;
            for (Map.Entry<Long, List<Tally>> bucket : buckets.descendingMap().entrySet()) {
                long at = bucket.getKey();
                if (at < start && (samples >= need || at < now - judgement.maxWindowMillis())) {
                    break;
                }
                start = Math.min(start, at);
                for (Tally t : bucket.getValue()) {
                    samples += t.samples();
                }
            }
            long windowStart = start;
            List<Tally> inWindow = new ArrayList<>();
            List<Tally> before = new ArrayList<>();
            buckets.forEach((at, tallies) -> {
                if (at >= windowStart) {
                    inWindow.addAll(tallies);
                } else if (at >= windowStart - judgement.baselineMillis()) {
                    before.addAll(tallies);
                }
            });
            if (!inWindow.isEmpty()) {
                windowed.put(subject, new Windowed(Sums.of(inWindow), Sums.of(before)));
            }
        });
        return windowed;
    }

    /** One part of each subject's window: {@link Windowed#current} or {@link Windowed#baseline}. */
    private static Map<String, Sums> each(Map<String, Windowed> windowed, Function<Windowed, Sums> part) {
        Map<String, Sums> sums = new TreeMap<>();
        windowed.forEach((subject, w) -> sums.put(subject, part.apply(w)));
        return sums;
    }

    private static Map<String, Sums> bySubject(List<Tally> tallies, String family, DecisionScope scope) {
        Map<String, List<Tally>> grouped = new TreeMap<>();
        for (Tally t : tallies) {
            if (t.family().equals(family) && in(scope, t.cloud(), t.region(), t.tenant())) {
                grouped.computeIfAbsent(t.subject(), s -> new ArrayList<>()).add(t);
            }
        }
        Map<String, Sums> sums = new TreeMap<>();
        grouped.forEach((subject, group) -> sums.put(subject, Sums.of(group)));
        return sums;
    }

    private static Sums sums(List<Tally> tallies, String family, DecisionScope scope) {
        List<Tally> matching = new ArrayList<>();
        for (Tally t : tallies) {
            if (t.family().equals(family) && in(scope, t.cloud(), t.region(), t.tenant())) {
                matching.add(t);
            }
        }
        return Sums.of(matching);
    }

    /** Telemetry of no single region or tenant belongs to every region and tenant of its cloud. */
    static boolean in(DecisionScope scope, String cloud, String region, String tenant) {
        return scope.cloud().equals(cloud)
                && (scope.region() == null || region.equals(Observation.ANY) || region.equals(scope.region()))
                && (scope.tenant() == null || tenant.equals(Observation.ANY) || tenant.equals(scope.tenant()));
    }
}
