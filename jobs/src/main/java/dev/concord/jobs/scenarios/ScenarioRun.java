package dev.concord.jobs.scenarios;

import dev.concord.jobs.correlate.TransactionOutcome;
import dev.concord.jobs.slo.SloAlert;
import java.util.List;

/**
 * What the engine made of one scenario's telemetry.
 *
 * @param lateSpans spans the engine set aside as too late to count
 */
public record ScenarioRun(List<TransactionOutcome> outcomes, List<SloAlert> alerts, int spans, int lateSpans) {

    public ScenarioRun {
        outcomes = List.copyOf(outcomes);
        alerts = List.copyOf(alerts);
    }
}
