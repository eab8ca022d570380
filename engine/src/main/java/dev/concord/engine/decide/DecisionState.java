package dev.concord.engine.decide;

/** Where a decision stands; every change is a new decision record. */
public enum DecisionState {
    RECOMMENDED,
    PENDING_CONFIRMATION,
    CONFIRMED,
    /** A veto forbids it: replication lag above the RPO. */
    VETOED,
    /** The target is failing or degraded too: failover would not help. */
    HELD,
    /** The primary recovered before anyone acted. */
    WITHDRAWN,
    /** Nobody confirmed in time. */
    EXPIRED
}
