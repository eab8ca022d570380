package dev.concord.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A failover decision the decision engine must make after a fault, or must never make. The vocabulary is the
 * decision record's: actions {@link #ACTIONS}, states {@link #STATES}, a scope of a cloud and optionally one region or
 * one tenant. Empty selectors match anything.
 *
 * @param decides true: a matching decision must reach {@code states} in order, the first within {@code within} of the
 *     onset; false: no matching decision record may be written at any time of the run
 * @param policy a failover policy name, or {@code *} for any
 * @param action one of {@link #ACTIONS}, or empty for any (only when it must not decide)
 * @param scope the exact scope, or empty for any
 * @param states the states the decision goes through, in order; empty for any
 * @param within for a decision that must be made, the longest allowed time from onset to its first state
 * @param after the fault whose start is the onset
 * @param onset the start of that fault, from the simulation's start
 * @param confirm an operator's confirmation of the decision while it is pending, scripted
 * @param reason why, for the reader: for a veto, which guard
 * @param knownGap empty, or why Concord is known to miss this expectation today: a miss is then reported as a known
 *     gap instead of a failure
 */
public record DecisionExpectation(
        boolean decides,
        String policy,
        String action,
        Optional<Scope> scope,
        List<String> states,
        Duration within,
        String after,
        Duration onset,
        Optional<Confirmation> confirm,
        String reason,
        String knownGap) {

    public static final String ANY_POLICY = "*";
    public static final List<String> ACTIONS =
            List.of("SHIFT_TRAFFIC", "PROMOTE_STANDBY", "ROLLBACK_RELEASE", "FAILBACK", "NONE");
    public static final List<String> STATES =
            List.of("RECOMMENDED", "PENDING_CONFIRMATION", "CONFIRMED", "VETOED", "HELD", "WITHDRAWN", "EXPIRED");

    /**
     * A decision's scope as its record names it.
     *
     * @param region empty for every region of the cloud
     * @param tenant empty for every tenant
     */
    public record Scope(String cloud, String region, String tenant) {

        public Scope {
            Objects.requireNonNull(cloud, "cloud");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(tenant, "tenant");
        }

        /** The scope of a record, whose region and tenant are null when it covers them all. */
        public boolean matches(String recordCloud, String recordRegion, String recordTenant) {
            return cloud.equals(recordCloud)
                    && region.equals(recordRegion == null ? "" : recordRegion)
                    && tenant.equals(recordTenant == null ? "" : recordTenant);
        }

        @Override
        public String toString() {
            return cloud + (region.isEmpty() ? "" : "/" + region) + (tenant.isEmpty() ? "" : "/tenant " + tenant);
        }
    }

    /**
     * A scripted operator confirmation, given {@code after} the decision entered PENDING_CONFIRMATION.
     *
     * @param by who confirms, as {@code concord confirm --by} names them
     */
    public record Confirmation(Duration after, String by) {

        public Confirmation {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(by, "by");
        }
    }

    public DecisionExpectation {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(scope, "scope");
        states = List.copyOf(states);
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(onset, "onset");
        Objects.requireNonNull(confirm, "confirm");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(knownGap, "knownGap");
    }

    /** True for a record of this policy, action and scope (states are checked in order, not per record). */
    public boolean matches(String recordPolicy, String recordAction, String cloud, String region, String tenant) {
        return (policy.equals(ANY_POLICY) || policy.equals(recordPolicy))
                && (action.isEmpty() || action.equals(recordAction))
                && scope.map(s -> s.matches(cloud, region, tenant)).orElse(true);
    }

    /** How the expectation reads in a report: {@code web-api SHIFT_TRAFFIC aws/us-east-1 RECOMMENDED}. */
    public String describe() {
        String text = Stream.of(
                        policy.equals(ANY_POLICY) ? "" : policy,
                        action,
                        scope.map(Scope::toString).orElse(""),
                        String.join(decides ? " then " : " or ", states))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" "));
        return text.isEmpty() ? "anything" : text;
    }
}
