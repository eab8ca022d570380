package dev.concord.rules.explain;

import dev.concord.rules.model.AlertSeverity;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * One window pair worked out for one SLO: it fires at {@code burnRate}, that is at an error ratio of
 * {@code errorRatioThreshold}; by then {@code budgetSpent} of the budget is gone, and at that rate all of it would
 * be in {@code timeToExhaust}. Figures are unrounded; reports round them.
 */
public record BurnWindow(
        AlertSeverity severity,
        Duration longWindow,
        Duration shortWindow,
        BigDecimal burnRate,
        BigDecimal errorRatioThreshold,
        BigDecimal budgetSpent,
        Duration timeToExhaust) {}
