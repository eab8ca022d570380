package dev.concord.rules.model;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A multiwindow burn-rate alert: it fires while the burn rate over both windows exceeds the factor. The factor is
 * given either directly as {@code burnRate} or as the {@code budgetShare} (a fraction) spent over the long window;
 * exactly one of the two is set.
 */
public record WindowPair(
        AlertSeverity severity,
        Duration longWindow,
        Duration shortWindow,
        BigDecimal budgetShare,
        BigDecimal burnRate) {}
