package dev.concord.ingest.model;

/** How a metric sample's value is to be read. */
public enum MetricKind {
    /** A value at a point in time (replication lag, queue depth, health 0/1). */
    GAUGE,
    /** A running total that only grows; rates come from differences. */
    MONOTONIC_SUM,
    /** A running total that may go down. */
    NON_MONOTONIC_SUM
}
