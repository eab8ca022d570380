package dev.concord.rules.model;

/**
 * How a layer runs in two clouds. ASYNCHRONOUS layers move consumers and replay what the primary had not processed,
 * never writes; DEFERRED layers never fail over and only open tickets.
 */
public enum HaPattern {
    ACTIVE_ACTIVE,
    ACTIVE_PASSIVE,
    ASYNCHRONOUS,
    DEFERRED
}
