package dev.concord.cli.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionIds;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.OperatorConfirmation;
import dev.concord.simulator.Fault;
import dev.concord.simulator.FaultShape;
import dev.concord.simulator.FaultTarget;
import dev.concord.simulator.SimulationPlan;
import dev.concord.simulator.scenario.DecisionExpectation;
import dev.concord.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionCheckerTest {

    private static final Duration ONSET = Duration.ofMinutes(45);
    private static final DecisionExpectation.Scope AWS_US_EAST_1 =
            new DecisionExpectation.Scope("aws", "us-east-1", "");
    private static final DecisionExpectation.Scope AWS = new DecisionExpectation.Scope("aws", "", "");
    private static final DecisionExpectation.Confirmation ONCALL_AFTER_3M =
            new DecisionExpectation.Confirmation(Duration.ofMinutes(3), "oncall");

    private static Scenario outage(List<DecisionExpectation> decisions) {
        return new Scenario(
                "outage",
                "",
                Path.of("outage.yaml"),
                SimulationPlan.builder()
                        .fault(new Fault(
                                "down",
                                FaultTarget.service("warehouse-api", "aws"),
                                FaultShape.HARD_DOWN,
                                ONSET,
                                ONSET.plusMinutes(30),
                                Fault.Parameters.NONE))
                        .build(),
                List.of(),
                decisions);
    }

    private static final Instant START = outage(List.of()).plan().start();

    private static DecisionExpectation decides(
            String policy,
            String action,
            DecisionExpectation.Scope scope,
            List<String> states,
            Duration within,
            DecisionExpectation.Confirmation confirm) {
        return new DecisionExpectation(
                true,
                policy,
                action,
                Optional.of(scope),
                states,
                within,
                "down",
                ONSET,
                Optional.ofNullable(confirm),
                "",
                "");
    }

    private static DecisionExpectation never(String policy, List<String> states) {
        return new DecisionExpectation(
                false, policy, "", Optional.empty(), states, Duration.ZERO, "down", ONSET, Optional.empty(), "", "");
    }

    /** A record of a decision opened at {@code opened} into the run, written at {@code at} into the run. */
    private static DecisionRecord record(
            String policy, Action action, String region, DecisionState state, Duration opened, Duration at) {
        DecisionRecord.DecisionScope scope = new DecisionRecord.DecisionScope("aws", region, null);
        return new DecisionRecord(
                DecisionIds.of(policy, scope, START.plus(opened).toEpochMilli()),
                policy,
                "web-api",
                action,
                state,
                scope,
                "aws",
                "gcp",
                null,
                DecisionIds.rfc3339(START.plus(at).toEpochMilli()),
                new DecisionRecord.QuorumCount(2, 2, List.of("trace_slo", "probes")),
                List.of(),
                List.of(),
                null);
    }

    private static Check check(DecisionExpectation expected, DecisionRecord... records) {
        return DecisionChecker.check(outage(List.of(expected)), expected, List.of(records));
    }

    @Test
    void passesADecisionMadeWithinTheAllowedTimeAndReportsTheDetectionTime() {
        Duration at = ONSET.plusSeconds(110);
        Check check = check(
                decides("web-api", "SHIFT_TRAFFIC", AWS_US_EAST_1, List.of("RECOMMENDED"), Duration.ofMinutes(2), null),
                record("web-api", Action.SHIFT_TRAFFIC, "us-east-1", DecisionState.RECOMMENDED, at, at));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(check.text())
                .isEqualTo("decides web-api SHIFT_TRAFFIC aws/us-east-1 RECOMMENDED within 2m of down:"
                        + " web-api/aws.us-east-1/20260105T084650Z after 1m50s");
    }

    @Test
    void failsADecisionMadeLaterThanAllowed() {
        Duration at = ONSET.plusMinutes(4);
        Check check = check(
                decides("web-api", "SHIFT_TRAFFIC", AWS_US_EAST_1, List.of("RECOMMENDED"), Duration.ofMinutes(2), null),
                record("web-api", Action.SHIFT_TRAFFIC, "us-east-1", DecisionState.RECOMMENDED, at, at));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.text()).endsWith("after 4m");
    }

    @Test
    void aDecisionAtTheWrongScopeOrBeforeTheOnsetIsNotTheOneExpected() {
        Duration at = ONSET.plusMinutes(1);
        Duration before = ONSET.minusMinutes(10);
        Check check = check(
                decides("web-api", "SHIFT_TRAFFIC", AWS_US_EAST_1, List.of("RECOMMENDED"), Duration.ofMinutes(2), null),
                record("web-api", Action.SHIFT_TRAFFIC, "us-east-1", DecisionState.RECOMMENDED, before, before),
                record("web-api", Action.SHIFT_TRAFFIC, null, DecisionState.RECOMMENDED, at, at));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.text()).endsWith(": decided web-api SHIFT_TRAFFIC aws RECOMMENDED at 46m into the run");
    }

    @Test
    void followsOneDecisionThroughItsStatesInOrder() {
        Duration pending = ONSET.plusMinutes(5);
        Duration confirmed = pending.plusMinutes(3);
        DecisionExpectation expected = decides(
                "erp-database",
                "PROMOTE_STANDBY",
                AWS,
                List.of("PENDING_CONFIRMATION", "CONFIRMED"),
                Duration.ofMinutes(10),
                ONCALL_AFTER_3M);

        Check check = check(
                expected,
                record(
                        "erp-database",
                        Action.PROMOTE_STANDBY,
                        null,
                        DecisionState.PENDING_CONFIRMATION,
                        pending,
                        pending),
                record("erp-database", Action.PROMOTE_STANDBY, null, DecisionState.CONFIRMED, pending, confirmed));
        Check unconfirmed = check(
                expected,
                record(
                        "erp-database",
                        Action.PROMOTE_STANDBY,
                        null,
                        DecisionState.PENDING_CONFIRMATION,
                        pending,
                        pending),
                record("erp-database", Action.PROMOTE_STANDBY, null, DecisionState.EXPIRED, pending, confirmed));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(check.text()).endsWith(" after 5m, CONFIRMED 3m later");
        assertThat(check.text()).contains("confirmed by oncall 3m after pending");
        assertThat(unconfirmed.status()).isEqualTo(Check.Status.FAILED);
    }

    @Test
    void confirmsThePendingDecisionTheScriptedAfterLater() {
        Duration pending = ONSET.plusMinutes(5);
        DecisionExpectation expected = decides(
                "erp-database",
                "PROMOTE_STANDBY",
                AWS,
                List.of("PENDING_CONFIRMATION", "CONFIRMED"),
                Duration.ofMinutes(10),
                ONCALL_AFTER_3M);
        DecisionRecord record = record(
                "erp-database", Action.PROMOTE_STANDBY, null, DecisionState.PENDING_CONFIRMATION, pending, pending);

        List<OperatorConfirmation> confirmations = ScriptedConfirmations.of(outage(List.of(expected)), List.of(record));

        assertThat(confirmations)
                .containsExactly(new OperatorConfirmation(
                        record.decisionId(),
                        "oncall",
                        "scenario outage",
                        START.plus(pending).plusSeconds(180).toEpochMilli()));
    }

    @Test
    void aDecisionThatMustNotBeMadeFailsOnAnyMatchingRecordAndSaysWhichAndWhen() {
        Duration at = Duration.ofMinutes(61);
        DecisionRecord held = record("web-api", Action.SHIFT_TRAFFIC, null, DecisionState.HELD, at, at);

        Check nothingAtAll = check(never("*", List.of()), held);
        Check nothingRecommended = check(never("*", List.of("RECOMMENDED", "PENDING_CONFIRMATION")), held);
        Check otherPolicy = check(never("erp-database", List.of()), held);

        assertThat(nothingAtAll.status()).isEqualTo(Check.Status.FAILED);
        assertThat(nothingAtAll.text())
                .isEqualTo("never decides anything: web-api SHIFT_TRAFFIC aws HELD at 1h1m into the run");
        assertThat(nothingRecommended.status()).isEqualTo(Check.Status.PASSED);
        assertThat(otherPolicy.status()).isEqualTo(Check.Status.PASSED);
        assertThat(otherPolicy.text()).isEqualTo("never decides erp-database");
    }
}
