package dev.concord.simulator.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * The failover decision a scenario should lead to, for the decision engine to be judged on.
 *
 * @param action {@code failover}, {@code none}, {@code hold} (a veto stops a failover) or {@code rollback}
 * @param scope {@code tenant}, {@code region} or {@code cloud}; empty when no action is expected
 * @param state the decision's state, for example {@code executed}, {@code awaiting-confirmation}, {@code vetoed}
 * @param within the longest allowed time from onset to the decision
 * @param reason why: for a veto, which guard
 */
public record DecisionExpectation(String action, String scope, String state, Duration within, String reason) {

    public DecisionExpectation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(reason, "reason");
    }

    public String describe() {
        return action + (scope.isEmpty() ? "" : "/" + scope) + (state.isEmpty() ? "" : "/" + state);
    }
}
