package dev.concord.cli.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.slo.SloAlert;
import dev.concord.simulator.Fault;
import dev.concord.simulator.FaultShape;
import dev.concord.simulator.FaultTarget;
import dev.concord.simulator.SimulationPlan;
import dev.concord.simulator.scenario.AlertExpectation;
import dev.concord.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertChecksTest {

    private static final Duration ONSET = Duration.ofMinutes(45);
    private static final Scenario OUTAGE = new Scenario(
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
            List.of());
    private static final Instant START = OUTAGE.plan().start();

    private static AlertExpectation fires(String cloud, Duration within) {
        return new AlertExpectation(
                true, "order-to-fulfillment-availability", cloud, "", "", "page", within, "down", ONSET);
    }

    private static AlertExpectation neverIn(String cloud) {
        return new AlertExpectation(false, "*", cloud, "", "", "", Duration.ZERO, "down", ONSET);
    }

    private static SloAlert page(String cloud, Duration afterStart) {
        return new SloAlert(
                "order-to-fulfillment-availability",
                "order-to-fulfillment",
                cloud,
                cloud.equals("aws") ? "us-east-1" : "us-central1",
                "acme",
                "page",
                60,
                5,
                14.4,
                true,
                START.plus(afterStart).toEpochMilli(),
                20,
                20,
                0.9,
                Map.of(),
                Map.of());
    }

    @Test
    void passesAnAlertThatFiresWithinTheAllowedTimeAndReportsTheDetectionTime() {
        Check check = AlertChecks.check(
                OUTAGE, fires("aws", Duration.ofMinutes(5)), List.of(page("aws", ONSET.plusMinutes(2))));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(check.text()).endsWith("within 5m of down: after 2m");
    }

    @Test
    void failsAnAlertThatFiresLaterThanAllowed() {
        Check check = AlertChecks.check(
                OUTAGE, fires("aws", Duration.ofMinutes(5)), List.of(page("aws", ONSET.plusMinutes(7))));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.text()).endsWith("after 7m");
    }

    @Test
    void doesNotCountAnAlertFromBeforeTheOnsetAsDetection() {
        Check check = AlertChecks.check(
                OUTAGE, fires("aws", Duration.ofMinutes(5)), List.of(page("aws", ONSET.minusMinutes(10))));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.text()).endsWith("did not fire");
    }

    @Test
    void failsAnAlertThatMustNotFireWithTheAlertAndWhenItFired() {
        Check check = AlertChecks.check(OUTAGE, neverIn("gcp"), List.of(page("gcp", Duration.ofMinutes(61))));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.text())
                .isEqualTo("never any SLO gcp: order-to-fulfillment-availability page gcp/us-central1/acme fired at"
                        + " 1h1m into the run");
    }

    @Test
    void passesAnAlertThatMustNotFireWhenOnlyAnotherCloudFired() {
        Check check = AlertChecks.check(OUTAGE, neverIn("gcp"), List.of(page("aws", ONSET)));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(check.text()).isEqualTo("never any SLO gcp");
    }
}
