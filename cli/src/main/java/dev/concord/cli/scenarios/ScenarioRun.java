package dev.concord.cli.scenarios;

import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.slo.SloAlert;
import java.util.List;

/**
 * What the engine made of one scenario's telemetry.
 *
 * @param decisions the decision records of every failover policy, in event-time order
 * @param lateSpans spans the engine set aside as too late to count
 */
public record ScenarioRun(
        List<TransactionOutcome> outcomes,
        List<SloAlert> alerts,
        List<DecisionRecord> decisions,
        int spans,
        int lateSpans) {

    public ScenarioRun {
        outcomes = List.copyOf(outcomes);
        alerts = List.copyOf(alerts);
        decisions = List.copyOf(decisions);
    }
}
