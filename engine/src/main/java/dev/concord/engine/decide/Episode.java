package dev.concord.engine.decide;

import dev.concord.engine.decide.DecisionRecord.DecisionScope;

/**
 * The open decision of a policy, from its first record to a terminal one (WITHDRAWN, EXPIRED) or a failback: what a
 * policy evaluator keeps of it between evaluations, and what each of its records says. Created with
 * {@link #opened}, moved on by the named transitions, each of which returns a new episode; {@link EpisodeMachine}
 * decides which applies when.
 *
 * <p>Invariants: an episode's id, action, scope and clouds never change; {@link #stateSinceMillis} is when it
 * entered its current state; the primary's recovery is followed only while a failover is {@link #inEffect()}; an
 * episode is confirmed at most once. A failback is never kept: its record closes the episode.
 *
 * <p>A Flink POJO: it is kept in keyed state as it is.
 *
 * @param scope where it applies: a whole cloud, one region or one tenant
 * @param from the cloud the decision moves away from
 * @param to the cloud it moves to
 * @param stateSinceMillis when it entered its current state
 * @param primaryHealthy whether the primary has been healthy again since {@code primaryHealthySinceMillis}
 * @param primaryHealthySinceMillis since when the primary has been healthy, read only while {@code primaryHealthy}
 * @param confirmation the operator's confirmation, null until one is given
 */
public record Episode(
        String decisionId,
        Action action,
        DecisionState state,
        DecisionScope scope,
        String from,
        String to,
        long stateSinceMillis,
        boolean primaryHealthy,
        long primaryHealthySinceMillis,
        DecisionRecord.Confirmation confirmation) {

    /** A decision opened at {@code now} to move {@code scope} from its cloud to the other one. */
    static Episode opened(
            String decisionId,
            Action action,
            DecisionState state,
            DecisionScope scope,
            PolicySpec.Clouds clouds,
            long now) {
        return new Episode(
                decisionId, action, state, scope, scope.cloud(), clouds.otherThan(scope.cloud()), now, false, 0, null);
    }

    /**
     * Moving {@code failover}'s scope back to the cloud it left, healthy since {@code healthySinceMillis}: a
     * recommendation.
     */
    static Episode failback(String decisionId, Episode failover, long healthySinceMillis, long now) {
        return new Episode(
                decisionId,
                Action.FAILBACK,
                DecisionState.RECOMMENDED,
                failover.scope(),
                failover.to(),
                failover.from(),
                now,
                true,
                healthySinceMillis,
                null);
    }

    /** The same decision in another state, from {@code now}. */
    Episode movedTo(DecisionState next, long now) {
        return new Episode(
                decisionId,
                action,
                next,
                scope,
                from,
                to,
                now,
                primaryHealthy,
                primaryHealthySinceMillis,
                confirmation);
    }

    /** The primary recovered before anyone acted. */
    Episode withdrawn(long now) {
        return movedTo(DecisionState.WITHDRAWN, now);
    }

    /** Nobody confirmed in time. */
    Episode expired(long now) {
        return movedTo(DecisionState.EXPIRED, now);
    }

    /** Confirmed at {@code now} by the operator's confirmation, which records when it was given. */
    Episode confirmed(OperatorConfirmation by, long now) {
        return new Episode(
                decisionId,
                action,
                DecisionState.CONFIRMED,
                scope,
                from,
                to,
                now,
                primaryHealthy,
                primaryHealthySinceMillis,
                new DecisionRecord.Confirmation(by.by(), DecisionIds.rfc3339(by.atMillis()), by.reason()));
    }

    /** The primary is healthy at {@code now}: healthy since then, or since earlier if it already was. */
    Episode primaryHealthyAt(long now) {
        return primaryHealthy
                ? this
                : new Episode(decisionId, action, state, scope, from, to, stateSinceMillis, true, now, confirmation);
    }

    /** The primary is not healthy (failing, degraded or silent): the stable period starts again when it is. */
    Episode primaryNotHealthy() {
        return primaryHealthy
                ? new Episode(decisionId, action, state, scope, from, to, stateSinceMillis, false, 0, confirmation)
                : this;
    }

    boolean isPending() {
        return state == DecisionState.PENDING_CONFIRMATION;
    }

    /** When it entered PENDING_CONFIRMATION, where it still is. */
    long pendingSinceMillis() {
        if (!isPending()) {
            throw new IllegalStateException(decisionId + " is " + state + ", not pending");
        }
        return stateSinceMillis;
    }

    /** It moves traffic or promotes the standby: not a rollback, and not a deferred layer's notice. */
    boolean failsOver() {
        return action == Action.SHIFT_TRAFFIC || action == Action.PROMOTE_STANDBY;
    }

    /** A failover that is (or may be) in effect: the primary's recovery leads to a failback, not a withdrawal. */
    boolean inEffect() {
        return failsOver() && (state == DecisionState.CONFIRMED || state == DecisionState.RECOMMENDED);
    }
}
