package dev.concord.engine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.DecisionRecord.DecisionScope;
import dev.concord.engine.decide.signal.Judgement;
import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.decide.signal.Verdict;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Scope;
import dev.concord.rules.model.Signals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/** Safety properties of the policy evaluator over generated timelines of one active-passive policy. */
class DecisionPropertiesTest {

    private static final long START = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();
    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;
    private static final int MINUTES = 10;
    private static final long STEP = DecisionSettings.DEFAULT_EVALUATE_EVERY.toMillis();
    private static final double RPO_SECONDS = 300;

    private static final GuardSpec LAG = new GuardSpec("lag", "db.replication.lag", Map.of(), 1, null, null);
    static final PolicySpec DB = new PolicySpec(
            "db",
            "transactional-db",
            HaPattern.ACTIVE_PASSIVE,
            new PolicySpec.Clouds("aws", "gcp"),
            List.of(Scope.CLOUD),
            new PolicySpec.SignalsSpec(
                    PolicySpec.SignalsSpec.TraceSlo.NONE,
                    new PolicySpec.SignalsSpec.Probe("db-probe", 2, 0.5),
                    "db-health",
                    List.of("db-primary"),
                    PolicySpec.SignalsSpec.LogSignatures.NONE,
                    List.of()),
            2,
            new PolicySpec.VetoesSpec(LAG, (long) (RPO_SECONDS * 1000), true, false),
            true,
            new PolicySpec.TimingSpec(MINUTE, 30 * MINUTE, 5 * MINUTE),
            Judgement.defaults());

    /** Which families fail in the primary, and when; how the lag moves; what the collectors drop. */
    record Timeline(
            int healthFrom,
            int healthTo,
            int dependencyFrom,
            int dependencyTo,
            int probesFrom,
            int probesTo,
            List<Integer> lagSeconds,
            int missingHealthFrom,
            long seed) {

        boolean failing(String family, long t) {
            int slot = (int) ((t - START) / (10 * SECOND));
            return switch (family) {
                case Signals.HEALTH -> slot >= healthFrom && slot < healthTo;
                case Signals.DEPENDENCY -> slot >= dependencyFrom && slot < dependencyTo;
                default -> slot >= probesFrom && slot < probesTo;
            };
        }

        double lagAt(long t) {
            return lagSeconds.get((int) ((t - START) / (30 * SECOND)) % lagSeconds.size());
        }
    }

    @Provide
    Arbitrary<Timeline> timelines() {
        Arbitrary<Integer> slot = Arbitraries.integers().between(0, MINUTES * 6);
        Arbitrary<List<Integer>> lag =
                Arbitraries.integers().between(0, 900).list().ofSize(MINUTES * 2);
        return Combinators.combine(
                        slot.list().ofSize(6),
                        lag,
                        Arbitraries.integers().between(0, MINUTES * 6 + 1),
                        Arbitraries.longs())
                .as((slots, lags, missing, seed) -> new Timeline(
                        slots.get(0),
                        slots.get(1),
                        slots.get(2),
                        slots.get(3),
                        slots.get(4),
                        slots.get(5),
                        lags,
                        missing,
                        seed));
    }

    /** Only one family ever fails, at random slots (flapping); the others stay healthy. */
    @Provide
    Arbitrary<List<Object>> flapping() {
        return Combinators.combine(
                        Arbitraries.of(Signals.HEALTH, Signals.DEPENDENCY, Signals.PROBES), Arbitraries.longs())
                .as((family, seed) -> List.of(family, seed));
    }

    static List<Observation> observations(Timeline timeline) {
        List<Observation> all = new ArrayList<>();
        for (long t = START; t < START + MINUTES * MINUTE; t += 5 * SECOND) {
            for (String cloud : List.of("aws", "gcp")) {
                boolean primary = cloud.equals("aws");
                int slot = (int) ((t - START) / (10 * SECOND));
                boolean collectorDown = primary && slot >= timeline.missingHealthFrom();
                if (!collectorDown) {
                    all.add(o(
                            Signals.HEALTH,
                            cloud,
                            "db-health",
                            cloud,
                            t,
                            primary && timeline.failing(Signals.HEALTH, t),
                            Double.NaN));
                }
                all.add(o(
                        Signals.DEPENDENCY,
                        cloud,
                        "db-primary",
                        cloud,
                        t,
                        primary && timeline.failing(Signals.DEPENDENCY, t),
                        20));
                if ((t - START) % (10 * SECOND) == 0) {
                    for (String vp : List.of("aws", "gcp", "azure")) {
                        all.add(o(
                                Signals.PROBES,
                                cloud,
                                "vp-" + vp,
                                vp,
                                t,
                                primary && timeline.failing(Signals.PROBES, t),
                                100));
                    }
                }
            }
            if ((t - START) % (30 * SECOND) == 0) {
                all.add(o(Signals.GUARDS, "gcp", "lag", "gcp", t, false, timeline.lagAt(t)));
            }
        }
        return all;
    }

    private static Observation o(
            String family, String cloud, String subject, String origin, long t, boolean bad, double value) {
        return new Observation("db", family, cloud, "*", "*", subject, origin, "svc", "1", t, bad, value, 1, "");
    }

    /** A confirmation for whatever decision every evaluation could open, a minute after it. */
    static List<OperatorConfirmation> confirmEverything() {
        List<OperatorConfirmation> confirmations = new ArrayList<>();
        for (long t = START; t < START + MINUTES * MINUTE; t += STEP) {
            String id = DecisionIds.of("db", new DecisionScope("aws", null, null), t);
            confirmations.add(new OperatorConfirmation(id, "ops", "", t + MINUTE));
        }
        return confirmations;
    }

    static List<DecisionRecord> run(List<Observation> observations, List<OperatorConfirmation> confirmations, long seed)
            throws Exception {
        List<DecisionRecord> records = new ArrayList<>();
        Random random = new Random(seed);
        try (KeyedTwoInputStreamOperatorTestHarness<String, Observation, OperatorConfirmation, DecisionRecord> harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new PolicyEvaluator(List.of(DB), DecisionSettings.defaults()),
                        Observation::policy,
                        OperatorConfirmation::policy,
                        Types.STRING)) {
            int next = 0;
            int nextConfirmation = 0;
            for (long step = START; step < START + MINUTES * MINUTE; step += STEP) {
                List<Observation> batch = new ArrayList<>();
                while (next < observations.size() && observations.get(next).timeMillis() < step + STEP) {
                    batch.add(observations.get(next++));
                }
                // arrival order within a step is not part of the input
                Collections.shuffle(batch, random);
                for (Observation o : batch) {
                    harness.processElement1(o, o.timeMillis());
                }
                while (nextConfirmation < confirmations.size()
                        && confirmations.get(nextConfirmation).atMillis() < step + STEP) {
                    OperatorConfirmation c = confirmations.get(nextConfirmation++);
                    harness.processElement2(c, c.atMillis());
                }
                harness.processBothWatermarks(new Watermark(step + STEP - 1));
            }
            harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            for (Object out : harness.getOutput()) {
                if (out instanceof StreamRecord<?> r && r.getValue() instanceof DecisionRecord decision) {
                    records.add(decision);
                }
            }
        }
        return records;
    }

    private static final Set<DecisionState> GO =
            Set.of(DecisionState.RECOMMENDED, DecisionState.PENDING_CONFIRMATION, DecisionState.CONFIRMED);

    @Property(tries = 25)
    void neverPromotesTheStandbyWhileLagIsAboveTheRpo(@ForAll("timelines") Timeline timeline) throws Exception {
        List<DecisionRecord> records = run(observations(timeline), confirmEverything(), timeline.seed());

        for (DecisionRecord r : records) {
            if (r.action() == Action.PROMOTE_STANDBY && GO.contains(r.state())) {
                long at = Instant.parse(r.eventTime()).toEpochMilli();
                // the evaluator sees lag readings up to the evaluation instant, exclusive
                assertThat(timeline.lagAt(at - 1)).as(r.toString()).isLessThanOrEqualTo(RPO_SECONDS);
            }
        }
    }

    @Property(tries = 25)
    void neverRecommendsWithFewerThanTheQuorumOfIndependentFailingFamilies(@ForAll("timelines") Timeline timeline)
            throws Exception {
        for (DecisionRecord r : run(observations(timeline), List.of(), timeline.seed())) {
            if ((r.state() == DecisionState.RECOMMENDED || r.state() == DecisionState.PENDING_CONFIRMATION)
                    && r.action() != Action.FAILBACK) {
                assertThat(r.quorum().counted())
                        .as(r.toString())
                        .hasSizeGreaterThanOrEqualTo(r.quorum().required());
                Set<String> sources = new HashSet<>();
                for (String family : r.quorum().counted()) {
                    assertThat(sources.add(Independence.SOURCES.get(family))).isTrue();
                }
            }
        }
    }

    @Property(tries = 25)
    void noDataNeverCounts(@ForAll("timelines") Timeline timeline) throws Exception {
        for (DecisionRecord r : run(observations(timeline), List.of(), timeline.seed())) {
            for (DecisionRecord.Signal s : r.signals()) {
                if (r.quorum().counted().contains(s.family())) {
                    assertThat(s.verdict()).as(r.toString()).isEqualTo(Verdict.FAILING.name());
                }
            }
        }
    }

    @Property(tries = 15)
    void aCollectorGoingSilentInThePrimaryIsNoDataAndNeverAFailover(@ForAll("timelines") Timeline timeline)
            throws Exception {
        // only the health family "fails", by its collector going silent; nothing else fails
        Timeline silent = new Timeline(0, 0, 0, 0, 0, 0, List.of(0), Math.min(timeline.missingHealthFrom(), 30), 1);

        assertThat(run(observations(silent), confirmEverything(), timeline.seed()))
                .isEmpty();
    }

    @Property(tries = 20)
    void oneFamilyFlappingAloneNeverYieldsADecision(@ForAll("flapping") List<Object> flapping) throws Exception {
        String family = (String) flapping.get(0);
        Random random = new Random((Long) flapping.get(1));
        List<Observation> observations = new ArrayList<>();
        Timeline calm = new Timeline(0, 0, 0, 0, 0, 0, List.of(30), Integer.MAX_VALUE, 1);
        for (Observation o : observations(calm)) {
            boolean flaps = o.family().equals(family) && o.cloud().equals("aws") && random.nextBoolean();
            observations.add(
                    flaps
                            ? new Observation(
                                    o.policy(),
                                    o.family(),
                                    o.cloud(),
                                    o.region(),
                                    o.tenant(),
                                    o.subject(),
                                    o.origin(),
                                    o.service(),
                                    o.version(),
                                    o.timeMillis(),
                                    true,
                                    o.value(),
                                    o.weight(),
                                    "")
                            : o);
        }

        assertThat(run(observations, confirmEverything(), 7)).isEmpty();
    }

    @Property(tries = 15)
    void theSameInputAlwaysYieldsTheSameRecords(@ForAll("timelines") Timeline timeline) throws Exception {
        List<Observation> observations = observations(timeline);

        assertThat(run(observations, confirmEverything(), timeline.seed()))
                .isEqualTo(run(observations, confirmEverything(), timeline.seed() + 1));
    }
}
