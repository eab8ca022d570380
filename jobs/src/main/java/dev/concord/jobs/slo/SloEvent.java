package dev.concord.jobs.slo;

/**
 * One counted event of an SLO: a transaction outcome (or probe run) as good or bad, weighted by its adjusted count so
 * that sampled telemetry still counts every transaction it stands for.
 */
public record SloEvent(SloKey key, long eventTimeMillis, boolean good, double weight) {}
