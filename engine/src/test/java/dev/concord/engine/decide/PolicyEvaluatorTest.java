package dev.concord.engine.decide;

import static dev.concord.engine.decide.DecisionScenario.MINUTE;
import static dev.concord.engine.decide.DecisionScenario.ONSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.concord.engine.decide.DecisionRecord.DecisionScope;
import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.decide.signal.Verdict;
import dev.concord.engine.slo.SloAlert;
import dev.concord.rules.model.Signals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final long STEP = DecisionSettings.DEFAULT_EVALUATE_EVERY.toMillis();

    /** A harness around one evaluator of every shipped policy, with the default settings. */
    static KeyedTwoInputStreamOperatorTestHarness<String, Observation, OperatorConfirmation, DecisionRecord>
            shippedPolicies() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new PolicyEvaluator(DecisionScenario.SHIPPED, DecisionSettings.defaults()),
                Observation::policy,
                OperatorConfirmation::policy,
                Types.STRING);
    }

    /** Runs the scenario through one evaluator and returns the records of one policy; asserts nothing is left. */
    static List<DecisionRecord> run(DecisionScenario scenario, String policy, List<OperatorConfirmation> confirmations)
            throws Exception {
        List<DecisionRecord> records = new ArrayList<>();
        try (KeyedTwoInputStreamOperatorTestHarness<String, Observation, OperatorConfirmation, DecisionRecord> harness =
                shippedPolicies()) {
            List<Observation> observations = scenario.observations();
            int next = 0;
            int nextConfirmation = 0;
            for (long step = scenario.start(); step < scenario.end(); step += STEP) {
                while (next < observations.size() && observations.get(next).timeMillis() < step + STEP) {
                    Observation o = observations.get(next++);
                    harness.processElement1(o, o.timeMillis());
                }
                while (nextConfirmation < confirmations.size()
                        && confirmations.get(nextConfirmation).atMillis() < step + STEP) {
                    OperatorConfirmation c = confirmations.get(nextConfirmation++);
                    harness.processElement2(c, c.atMillis());
                }
                harness.processBothWatermarks(new Watermark(step + STEP - 1));
            }
            harness.processBothWatermarks(new Watermark(scenario.end() + 60 * MINUTE));
            assertThat(harness.numKeyedStateEntries()).as("state left").isZero();
            assertThat(harness.numEventTimeTimers()).as("timers left").isZero();
            for (Object out : harness.getOutput()) {
                if (out instanceof StreamRecord<?> record && record.getValue() instanceof DecisionRecord decision) {
                    records.add(decision);
                }
            }
        }
        DecisionRecordSchemaTest.assertValid(records);
        return records.stream().filter(r -> r.policy().equals(policy)).toList();
    }

    private static long minutesAfterOnset(DecisionRecord record) {
        return Instant.parse(record.eventTime()).toEpochMilli() - ONSET.toEpochMilli();
    }

    @Test
    void shiftsTrafficOffThePrimaryRegionWithinTwoMinutesOfAnOutageAndFailsBackAfterTheStablePeriod() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.webOutage = Duration.ofMinutes(10);
        scenario.minutes = 60;

        List<DecisionRecord> records = run(scenario, "web-api", List.of());

        assertThat(records)
                .extracting(DecisionRecord::action, DecisionRecord::state)
                .containsExactly(
                        tuple(Action.SHIFT_TRAFFIC, DecisionState.RECOMMENDED),
                        tuple(Action.FAILBACK, DecisionState.RECOMMENDED));
        DecisionRecord shift = records.get(0);
        assertThat(minutesAfterOnset(shift)).isBetween(0L, 2 * MINUTE);
        assertThat(shift.scope()).isEqualTo(new DecisionScope("aws", "us-east-1", null));
        assertThat(shift.from()).isEqualTo("aws");
        assertThat(shift.to()).isEqualTo("gcp");
        assertThat(shift.weights()).isEqualTo(new DecisionRecord.Weights(0, 100));
        assertThat(shift.quorum().counted()).contains(Signals.PROBES, Signals.HEALTH);
        assertThat(shift.quorum().required()).isEqualTo(2);
        DecisionRecord failback = records.get(1);
        assertThat(failback.from()).isEqualTo("gcp");
        assertThat(minutesAfterOnset(failback)).isGreaterThanOrEqualTo(10 * MINUTE + 15 * MINUTE);
    }

    @Test
    void aTicketThatStillRemembersTheOutageDoesNotHoldBackTheFailback() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.webOutage = Duration.ofMinutes(10);
        scenario.lingeringTicket = true;
        scenario.minutes = 60;

        List<DecisionRecord> records = run(scenario, "web-api", List.of());

        assertThat(records).extracting(DecisionRecord::action).containsExactly(Action.SHIFT_TRAFFIC, Action.FAILBACK);
        // the primary's families are healthy once their one-minute window no longer holds the outage's failures;
        // the failback follows the stable period, within two evaluations, as it does without the ticket
        long healthyAgain = 10 * MINUTE + MINUTE;
        assertThat(minutesAfterOnset(records.get(1)))
                .isBetween(healthyAgain + 15 * MINUTE - 2 * STEP, healthyAgain + 15 * MINUTE + 2 * STEP);
    }

    @Test
    void oneFlappingVantagePointYieldsNoDecision() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.flappingVantagePoint = true;

        assertThat(run(scenario, "web-api", List.of())).isEmpty();
    }

    @Test
    void vetoesPromotingTheStandbyWhileReplicationLagIsAboveTheRpo() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(10);
        scenario.lagSeconds = 12 * 60;

        List<DecisionRecord> records = run(scenario, "erp-database", List.of());

        assertThat(records).isNotEmpty();
        DecisionRecord vetoed = records.get(0);
        assertThat(vetoed.action()).isEqualTo(Action.PROMOTE_STANDBY);
        assertThat(vetoed.state()).isEqualTo(DecisionState.VETOED);
        assertThat(vetoed.vetoes()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("replication_lag");
            assertThat(v.value()).isEqualTo(720.0);
            assertThat(v.limit()).isEqualTo(300.0);
        });
        assertThat(records)
                .noneMatch(
                        r -> r.state() == DecisionState.PENDING_CONFIRMATION || r.state() == DecisionState.CONFIRMED);
    }

    @Test
    void theLagVetoReadsTheTargetsReplicaNotAReadingFromTheFailingSide() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(10);
        scenario.lagSeconds = 60;
        // read a millisecond after the target's, so the latest reading of any cloud would be this one
        scenario.primarySideLagSeconds = 12 * 60;

        List<DecisionRecord> records = run(scenario, "erp-database", List.of());

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).action()).isEqualTo(Action.PROMOTE_STANDBY);
        assertThat(records.get(0).state()).isEqualTo(DecisionState.PENDING_CONFIRMATION);
        assertThat(records).noneMatch(r -> r.state() == DecisionState.VETOED);
    }

    @Test
    void waitsForAnOperatorAndRecordsTheConfirmationWhenLagIsInsideTheRpo() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(20);
        scenario.lagSeconds = 60;
        String id =
                DecisionIds.of("erp-database", new DecisionScope("aws", null, null), ONSET.toEpochMilli() + 5 * MINUTE);

        List<DecisionRecord> records = run(
                scenario,
                "erp-database",
                List.of(new OperatorConfirmation(
                        id, "alice", "ERP primary unrecoverable", ONSET.toEpochMilli() + 7 * MINUTE)));

        assertThat(records)
                .extracting(DecisionRecord::state)
                .startsWith(DecisionState.PENDING_CONFIRMATION, DecisionState.CONFIRMED);
        assertThat(records.get(0).decisionId()).isEqualTo(id);
        assertThat(records.get(1).decisionId()).isEqualTo(id);
        assertThat(records.get(1).confirmation())
                .isEqualTo(
                        new DecisionRecord.Confirmation("alice", "2026-01-05T10:27:00Z", "ERP primary unrecoverable"));
    }

    @Test
    void expiresAPendingDecisionNobodyConfirms() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(30);
        scenario.lagSeconds = 60;
        scenario.minutes = 55;

        List<DecisionRecord> records = run(scenario, "erp-database", List.of());

        assertThat(records)
                .extracting(DecisionRecord::state)
                .containsExactly(DecisionState.PENDING_CONFIRMATION, DecisionState.EXPIRED);
        assertThat(minutesAfterOnset(records.get(1)) - minutesAfterOnset(records.get(0)))
                .isEqualTo(15 * MINUTE);
    }

    @Test
    void withdrawsAPendingDecisionWhenThePrimaryRecoversFirst() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(7);
        scenario.lagSeconds = 60;

        List<DecisionRecord> records = run(scenario, "erp-database", List.of());

        assertThat(records)
                .extracting(DecisionRecord::state)
                .containsExactly(DecisionState.PENDING_CONFIRMATION, DecisionState.WITHDRAWN);
    }

    @Test
    void holdsWhenTheTargetCloudIsFailingToo() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.webOutage = Duration.ofMinutes(10);
        scenario.targetDown = true;

        List<DecisionRecord> records = run(scenario, "web-api", List.of());

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).state()).isEqualTo(DecisionState.HELD);
        assertThat(records.get(0).vetoes())
                .extracting(DecisionRecord.Veto::kind)
                .containsExactly("target_degraded");
        assertThat(records).noneMatch(r -> r.state() == DecisionState.RECOMMENDED);
    }

    @Test
    void recommendsARollbackWhenFailuresConcentrateInANewRelease() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.webOutage = Duration.ofMinutes(10);
        scenario.badRelease = true;

        List<DecisionRecord> records = run(scenario, "web-api", List.of());

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).action()).isEqualTo(Action.ROLLBACK_RELEASE);
        assertThat(records.get(0).vetoes())
                .extracting(DecisionRecord.Veto::kind)
                .containsExactly("release_correlation");
        assertThat(records.get(0).vetoes().get(0).message()).contains("warehouse-api 2.0");
        assertThat(records).noneMatch(r -> r.action() == Action.SHIFT_TRAFFIC);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Observation, OperatorConfirmation, DecisionRecord>
            harness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(
                        new PolicyEvaluator(DecisionScenario.SHIPPED, DecisionSettings.defaults())),
                Observation::policy,
                OperatorConfirmation::policy,
                Types.STRING);
    }

    private static void feed(
            KeyedTwoInputStreamOperatorTestHarness<String, Observation, OperatorConfirmation, DecisionRecord> harness,
            List<Observation> observations,
            long from,
            long to)
            throws Exception {
        for (long step = from; step < to; step += STEP) {
            for (Observation o : observations) {
                if (o.timeMillis() >= step && o.timeMillis() < step + STEP) {
                    harness.processElement1(o, o.timeMillis());
                }
            }
            harness.processBothWatermarks(new Watermark(step + STEP - 1));
        }
    }

    private static List<DecisionRecord> decisions(
            KeyedTwoInputStreamOperatorTestHarness<String, Observation, OperatorConfirmation, DecisionRecord> harness) {
        List<DecisionRecord> records = new ArrayList<>();
        for (Object out : harness.getOutput()) {
            if (out instanceof StreamRecord<?> record && record.getValue() instanceof DecisionRecord decision) {
                records.add(decision);
            }
        }
        return records;
    }

    @Test
    void aResolvedTicketOfOneWindowPairLeavesTheOtherPairOfTheSameSeverityFiring() throws Exception {
        long onset = ONSET.toEpochMilli();
        try (KeyedTwoInputStreamOperatorTestHarness<String, Observation, OperatorConfirmation, DecisionRecord> harness =
                shippedPolicies()) {
            List<Observation> observations = new ArrayList<>();
            observations.addAll(ticket(1440, 120, true, onset));
            observations.addAll(ticket(4320, 360, true, onset));
            // the 1d/2h ticket resolves while the 3d/6h one still fires
            observations.addAll(ticket(1440, 120, false, onset + 10 * MINUTE));
            observations.sort(Comparator.comparingLong(Observation::timeMillis));
            feed(harness, observations, onset, onset + 20 * MINUTE);

            assertThat(harness.getSideOutput(PolicyEvaluator.VERDICTS))
                    .extracting(StreamRecord::getValue)
                    .filteredOn(v -> v.policy().equals("analytics")
                            && v.family().equals(Signals.TRACE_SLO)
                            && v.cloud().equals("aws")
                            && v.eventTimeMillis() > onset + 11 * MINUTE)
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v.verdict()).isEqualTo(Verdict.FAILING));
        }
    }

    /** A ticket alert of the analytics policy's SLO on aws, of one window pair, firing or resolving at {@code at}. */
    private static List<Observation> ticket(int longMinutes, int shortMinutes, boolean firing, long at) {
        List<Observation> out = new ArrayList<>();
        Observe.alerts(DecisionScenario.SHIPPED)
                .flatMap(
                        new SloAlert(
                                "inventory-to-financial-posting-latency",
                                "inventory-to-financial-posting",
                                "aws",
                                "",
                                "",
                                "ticket",
                                longMinutes,
                                shortMinutes,
                                1,
                                firing,
                                at,
                                2,
                                2,
                                0.5,
                                Map.of(),
                                Map.of()),
                        new ListCollector<>(out));
        return out;
    }

    @Test
    void restoresAnOpenDecisionFromASnapshotAndCarriesOnAsIfUninterrupted() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(30);
        scenario.lagSeconds = 60;
        scenario.minutes = 55;
        List<Observation> observations = scenario.observations();
        long middle = ONSET.toEpochMilli() + 8 * MINUTE;

        List<DecisionRecord> uninterrupted;
        try (var whole = harness()) {
            whole.open();
            feed(whole, observations, scenario.start(), scenario.end());
            uninterrupted = decisions(whole);
        }
        OperatorSubtaskState snapshot;
        List<DecisionRecord> restored = new ArrayList<>();
        try (var first = harness()) {
            first.open();
            feed(first, observations, scenario.start(), middle);
            restored.addAll(decisions(first));
            snapshot = first.snapshot(1L, middle);
        }
        try (var second = harness()) {
            second.initializeState(snapshot);
            second.open();
            feed(second, observations, middle, scenario.end());
            restored.addAll(decisions(second));
        }

        assertThat(restored).extracting(DecisionRecord::state).contains(DecisionState.PENDING_CONFIRMATION);
        assertThat(restored).isEqualTo(uninterrupted);
    }

    @Test
    void shiftsOnlyTheTenantWhoseDataPlaneFails() throws Exception {
        List<Observation> observations = new ArrayList<>();
        long start = ONSET.toEpochMilli() - 20 * MINUTE;
        for (long t = start; t < ONSET.toEpochMilli() + 10 * MINUTE; t += 5_000) {
            for (String cloud : List.of("aws", "gcp")) {
                for (String tenant : List.of("acme", "globex")) {
                    boolean down = cloud.equals("aws") && tenant.equals("acme") && t >= ONSET.toEpochMilli();
                    observations.add(new Observation(
                            "web-api",
                            Signals.DEPENDENCY,
                            cloud,
                            "*",
                            tenant,
                            "identity-provider",
                            cloud,
                            "warehouse-api",
                            "1.9",
                            t,
                            down,
                            30,
                            1,
                            ""));
                    observations.add(new Observation(
                            "web-api",
                            Signals.LOG_SIGNATURES,
                            cloud,
                            "*",
                            tenant,
                            "",
                            cloud,
                            "warehouse-api",
                            "1.9",
                            t,
                            down,
                            Double.NaN,
                            1,
                            ""));
                }
                observations.add(new Observation(
                        "web-api",
                        Signals.HEALTH,
                        cloud,
                        "*",
                        "*",
                        "warehouse-api-health",
                        cloud,
                        "warehouse-api",
                        "1.9",
                        t,
                        false,
                        Double.NaN,
                        1,
                        ""));
            }
        }
        List<DecisionRecord> records;
        try (var harness = harness()) {
            harness.open();
            feed(harness, observations, start, ONSET.toEpochMilli() + 10 * MINUTE);
            records = decisions(harness);
        }

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).action()).isEqualTo(Action.SHIFT_TRAFFIC);
        assertThat(records.get(0).scope()).isEqualTo(new DecisionScope("aws", null, "acme"));
        assertThat(records.get(0).quorum().counted()).containsExactly(Signals.DEPENDENCY, Signals.LOG_SIGNATURES);
        assertThat(records.get(0).decisionId()).startsWith("web-api/aws.tenant-acme/");
    }

    @Test
    void widensToTheRegionWhenEveryTenantFailsThoughOnlyTheBusiestHoldsTheQuorum() throws Exception {
        List<Observation> observations = new ArrayList<>();
        long start = ONSET.toEpochMilli() - 20 * MINUTE;
        for (long t = start; t < ONSET.toEpochMilli() + 10 * MINUTE; t += 5_000) {
            for (String cloud : List.of("aws", "gcp")) {
                String region = cloud.equals("aws") ? "us-east-1" : "us-central1";
                boolean failing = cloud.equals("aws") && t >= ONSET.toEpochMilli();
                for (String tenant : List.of("acme", "globex")) {
                    observations.add(new Observation(
                            "web-api",
                            Signals.DEPENDENCY,
                            cloud,
                            region,
                            tenant,
                            "identity-provider",
                            cloud,
                            "warehouse-api",
                            "1.9",
                            t,
                            failing,
                            30,
                            1,
                            ""));
                    // globex is quieter: two matching lines a minute, below the policy's rate of its own
                    boolean logged = tenant.equals("acme") || (t / 5_000) % 6 == 0;
                    observations.add(new Observation(
                            "web-api",
                            Signals.LOG_SIGNATURES,
                            cloud,
                            region,
                            tenant,
                            "",
                            cloud,
                            "warehouse-api",
                            "1.9",
                            t,
                            failing && logged,
                            Double.NaN,
                            1,
                            ""));
                }
            }
        }
        List<DecisionRecord> records;
        try (var harness = harness()) {
            harness.open();
            feed(harness, observations, start, ONSET.toEpochMilli() + 10 * MINUTE);
            records = decisions(harness);
        }

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).action()).isEqualTo(Action.SHIFT_TRAFFIC);
        assertThat(records.get(0).scope()).isEqualTo(new DecisionScope("aws", "us-east-1", null));
        assertThat(records.get(0).quorum().counted()).containsExactly(Signals.DEPENDENCY, Signals.LOG_SIGNATURES);
    }

    /** Health checks of one policy in both clouds every 5 s; the primary's fail while {@code down} says so. */
    private static List<Observation> healthChecks(String policy, String check, long from, long to, LongPredicate down) {
        List<Observation> observations = new ArrayList<>();
        for (long t = from; t < to; t += 5_000) {
            for (String cloud : List.of("aws", "gcp")) {
                observations.add(new Observation(
                        policy,
                        Signals.HEALTH,
                        cloud,
                        "*",
                        "*",
                        check,
                        cloud,
                        "svc",
                        "1",
                        t,
                        cloud.equals("aws") && down.test(t),
                        Double.NaN,
                        1,
                        ""));
            }
        }
        return observations;
    }

    @Test
    void aDeferredLayerGetsANoticeAndNoFailover() throws Exception {
        long start = ONSET.toEpochMilli() - 20 * MINUTE;
        long end = ONSET.toEpochMilli() + 10 * MINUTE;
        List<DecisionRecord> records;
        try (var harness = harness()) {
            harness.open();
            feed(
                    harness,
                    healthChecks("analytics", "reporting-health", start, end, t -> t >= ONSET.toEpochMilli()),
                    start,
                    end);
            records = decisions(harness);
        }

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).action()).isEqualTo(Action.NONE);
        assertThat(records.get(0).state()).isEqualTo(DecisionState.RECOMMENDED);
        assertThat(records.get(0).weights()).isNull();
        assertThat(records).noneMatch(r -> r.action() == Action.SHIFT_TRAFFIC || r.action() == Action.PROMOTE_STANDBY);
    }

    @Test
    void aSecondOutageWithinTheCooldownYieldsNoNewDecision() throws Exception {
        long start = ONSET.toEpochMilli() - 20 * MINUTE;
        long end = ONSET.toEpochMilli() + 40 * MINUTE;
        long firstEnds = ONSET.toEpochMilli() + 7 * MINUTE;
        long secondStarts = ONSET.toEpochMilli() + 15 * MINUTE;
        LongPredicate down = t -> (t >= ONSET.toEpochMilli() && t < firstEnds) || t >= secondStarts;
        List<Observation> observations = new ArrayList<>();
        observations.addAll(healthChecks("erp-database", "erp-db-health", start, end, down));
        for (long t = start; t < end; t += 5_000) {
            for (String cloud : List.of("aws", "gcp")) {
                observations.add(new Observation(
                        "erp-database",
                        Signals.DEPENDENCY,
                        cloud,
                        "*",
                        "*",
                        "erp-db-primary",
                        cloud,
                        "inventory",
                        "3.1",
                        t,
                        cloud.equals("aws") && down.test(t),
                        20,
                        1,
                        ""));
            }
            if (t % 30_000 == 0) {
                observations.add(new Observation(
                        "erp-database",
                        Signals.GUARDS,
                        "gcp",
                        "*",
                        "*",
                        "erp-db-replication-lag",
                        "gcp",
                        "erp-db",
                        "14.2",
                        t,
                        false,
                        30,
                        1,
                        ""));
            }
        }
        observations.sort(Comparator.comparingLong(Observation::timeMillis));
        List<DecisionRecord> records;
        try (var harness = harness()) {
            harness.open();
            feed(harness, observations, start, end);
            records = decisions(harness);
        }

        // the second outage lasts 25 minutes, past the 5-minute `for`, but inside the 2-hour cooldown of the first
        assertThat(records)
                .extracting(DecisionRecord::state)
                .containsExactly(DecisionState.PENDING_CONFIRMATION, DecisionState.WITHDRAWN);
    }
}
