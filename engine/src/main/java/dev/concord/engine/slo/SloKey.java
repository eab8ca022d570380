package dev.concord.engine.slo;

/** An SLO and one value of each dimension it is grouped by; {@link SloSpec#ALL} where it is not grouped. */
public record SloKey(String slo, String cloudProvider, String cloudRegion, String tenant) {}
