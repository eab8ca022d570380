package dev.concord.engine.decide;

/** What a decision recommends. */
public enum Action {
    SHIFT_TRAFFIC,
    PROMOTE_STANDBY,
    ROLLBACK_RELEASE,
    FAILBACK,
    /** A deferred layer: a ticket-level notice, no failover. */
    NONE
}
