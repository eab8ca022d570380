package dev.concord.cli.scenarios;

import dev.concord.engine.slo.SloAlert;
import dev.concord.simulator.scenario.AlertExpectation;
import dev.concord.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Checks the SLO-alert expectations of a scenario against the alerts the engine raised. An alert that must fire
 * passes when a matching alert starts firing at or after the onset, no later than the allowed detection time; an
 * alert that must not fire passes when no matching alert fired at any time.
 */
final class AlertChecks {

    private AlertChecks() {}

    static Check check(Scenario scenario, AlertExpectation expected, List<SloAlert> alerts) {
        List<SloAlert> firing = alerts.stream()
                .filter(SloAlert::firing)
                .filter(a -> expected.matches(a.slo(), a.cloudProvider(), a.cloudRegion(), a.tenant(), a.severity()))
                .sorted(Comparator.comparingLong(SloAlert::eventTimeMillis))
                .toList();
        Instant onset = scenario.plan().start().plus(expected.onset());
        if (!expected.fires()) {
            if (firing.isEmpty()) {
                return new Check(Check.Status.PASSED, "never " + expected.describe());
            }
            SloAlert first = firing.get(0);
            return new Check(
                    Check.Status.FAILED,
                    "never " + expected.describe() + ": " + describe(first) + " fired at "
                            + Durations.text(Duration.between(scenario.plan().start(), at(first))) + " into the run");
        }
        Optional<SloAlert> detected =
                firing.stream().filter(a -> !at(a).isBefore(onset)).findFirst();
        String wanted = "fires " + expected.describe() + " within " + Durations.text(expected.within()) + " of "
                + expected.after();
        if (detected.isEmpty()) {
            return new Check(Check.Status.FAILED, wanted + ": did not fire");
        }
        Duration detection = Duration.between(onset, at(detected.get()));
        String text = wanted + ": after " + Durations.text(detection);
        return new Check(detection.compareTo(expected.within()) <= 0 ? Check.Status.PASSED : Check.Status.FAILED, text);
    }

    private static Instant at(SloAlert alert) {
        return Instant.ofEpochMilli(alert.eventTimeMillis());
    }

    private static String describe(SloAlert alert) {
        return alert.slo() + " " + alert.severity() + " " + alert.cloudProvider() + "/" + alert.cloudRegion() + "/"
                + alert.tenant();
    }
}
