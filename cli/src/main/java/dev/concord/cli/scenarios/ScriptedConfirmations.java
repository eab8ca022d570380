package dev.concord.cli.scenarios;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.OperatorConfirmation;
import dev.concord.simulator.scenario.DecisionExpectation;
import dev.concord.simulator.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The confirmations a scenario's operator gives: for each expectation with {@code confirm}, the first matching
 * decision that went PENDING_CONFIRMATION at or after the onset is confirmed {@code confirm.after} later, as
 * {@code concord confirm DECISION_ID --by NAME --at TIME} would.
 */
public final class ScriptedConfirmations {

    private ScriptedConfirmations() {}

    /** @param decisions the records of a run without confirmations */
    public static List<OperatorConfirmation> of(Scenario scenario, List<DecisionRecord> decisions) {
        List<OperatorConfirmation> confirmations = new ArrayList<>();
        for (DecisionExpectation expected : scenario.decisions()) {
            if (expected.confirm().isEmpty()) {
                continue;
            }
            DecisionExpectation.Confirmation confirm = expected.confirm().get();
            Instant onset = scenario.plan().start().plus(expected.onset());
            Optional<DecisionRecord> pending = decisions.stream()
                    .filter(r -> r.state() == DecisionState.PENDING_CONFIRMATION)
                    .filter(r -> expected.matches(
                            r.policy(),
                            r.action().name(),
                            r.scope().cloud(),
                            r.scope().region(),
                            r.scope().tenant()))
                    .filter(r -> !DecisionChecker.at(r).isBefore(onset))
                    .min(Comparator.comparing(DecisionChecker::at));
            pending.ifPresent(r -> confirmations.add(new OperatorConfirmation(
                    r.decisionId(),
                    confirm.by(),
                    "scenario " + scenario.name(),
                    DecisionChecker.at(r).plus(confirm.after()).toEpochMilli())));
        }
        return List.copyOf(confirmations);
    }
}
