package dev.concord.rules.explain;

import dev.concord.rules.model.Slo;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * An SLO with its budget worked out: {@code errorRatio} is the share of events allowed to fail, and
 * {@code fullOutage} the time of total failure that spends the whole budget over {@code period}.
 */
public record SloExplanation(
        Slo slo,
        Duration period,
        BigDecimal errorRatio,
        Duration fullOutage,
        String windowSource,
        List<BurnWindow> windows) {

    public SloExplanation {
        windows = List.copyOf(windows);
    }
}
