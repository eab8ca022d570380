package dev.concord.engine.decide;

/**
 * The open decision of a policy, from its first record to a terminal one (WITHDRAWN, EXPIRED) or a failback.
 *
 * @param region null for a whole cloud
 * @param tenant null for every tenant
 * @param pendingSinceMillis when it last entered PENDING_CONFIRMATION, or {@link Long#MIN_VALUE}
 * @param healthySinceMillis since when the primary has been healthy again, or {@link Long#MIN_VALUE}
 */
public record Episode(
        String decisionId,
        Action action,
        DecisionState state,
        String cloud,
        String region,
        String tenant,
        String from,
        String to,
        long pendingSinceMillis,
        long healthySinceMillis,
        String confirmedBy,
        String confirmedAt,
        String confirmedReason) {

    Episode with(Action nextAction, DecisionState nextState, long pendingSince) {
        return new Episode(
                decisionId,
                nextAction,
                nextState,
                cloud,
                region,
                tenant,
                from,
                to,
                pendingSince,
                healthySinceMillis,
                confirmedBy,
                confirmedAt,
                confirmedReason);
    }

    Episode healthySince(long millis) {
        return new Episode(
                decisionId,
                action,
                state,
                cloud,
                region,
                tenant,
                from,
                to,
                pendingSinceMillis,
                millis,
                confirmedBy,
                confirmedAt,
                confirmedReason);
    }

    Episode confirmed(OperatorConfirmation confirmation, String at) {
        return new Episode(
                decisionId,
                action,
                DecisionState.CONFIRMED,
                cloud,
                region,
                tenant,
                from,
                to,
                pendingSinceMillis,
                healthySinceMillis,
                confirmation.by(),
                at,
                confirmation.reason());
    }

    DecisionRecord.DecisionScope scope() {
        return new DecisionRecord.DecisionScope(cloud, region, tenant);
    }

    /** A failover that is (or may be) in effect: the primary's recovery leads to a failback, not a withdrawal. */
    boolean inEffect() {
        return (action == Action.SHIFT_TRAFFIC || action == Action.PROMOTE_STANDBY)
                && (state == DecisionState.CONFIRMED || state == DecisionState.RECOMMENDED);
    }
}
