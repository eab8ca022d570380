package dev.concord.rules.burn;

import dev.concord.rules.model.WindowPair;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Burn-rate arithmetic for multiwindow alerts. A burn rate of 1 spends the budget exactly over the SLO period; an
 * alert whose long window spends {@code share} of the budget therefore fires at {@code share × period / long}.
 * Computed in decimal so that the published figures come out exactly (14.4, not 14.399999999999999).
 */
public final class BurnRates {

    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private BurnRates() {}

    /** The pair's burn rate for an SLO of this period: given directly, or derived from its budget share. */
    public static BigDecimal factor(WindowPair pair, Duration period) {
        if (pair.burnRate() != null) {
            return pair.burnRate();
        }
        return factor(pair.budgetShare(), period, pair.longWindow());
    }

    public static BigDecimal factor(BigDecimal budgetShare, Duration period, Duration longWindow) {
        return budgetShare
                .multiply(seconds(period))
                .divide(seconds(longWindow), PRECISION)
                .stripTrailingZeros();
    }

    /** The share of the budget spent once the long window has burnt at {@code factor}. */
    public static BigDecimal budgetSpent(BigDecimal factor, Duration period, Duration longWindow) {
        return factor.multiply(seconds(longWindow))
                .divide(seconds(period), PRECISION)
                .stripTrailingZeros();
    }

    /** The error ratio at which the pair fires: factor × (1 − objective), the objective given in percent. */
    public static BigDecimal errorRatioThreshold(BigDecimal factor, BigDecimal objectivePercent) {
        BigDecimal allowed = BigDecimal.ONE.subtract(objectivePercent.divide(HUNDRED, PRECISION));
        return factor.multiply(allowed, PRECISION).stripTrailingZeros();
    }

    /** How long a full budget lasts at this burn rate. */
    public static Duration timeToExhaust(BigDecimal factor, Duration period) {
        BigDecimal seconds = seconds(period).divide(factor, PRECISION).setScale(0, RoundingMode.HALF_UP);
        return Duration.ofSeconds(seconds.longValueExact());
    }

    /** Factors as the SRE workbook publishes them: at most three decimals (13.44, 0.933). */
    public static BigDecimal publishedFactor(BigDecimal factor) {
        return factor.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** Ratios too small for fixed decimals keep four significant digits (0.0009333). */
    public static BigDecimal significant(BigDecimal ratio) {
        return ratio.round(new MathContext(4, RoundingMode.HALF_UP)).stripTrailingZeros();
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3);
    }
}
