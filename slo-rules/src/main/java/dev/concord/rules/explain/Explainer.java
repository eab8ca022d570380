package dev.concord.rules.explain;

import dev.concord.rules.burn.BurnRates;
import dev.concord.rules.model.RuleSet;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.WindowPair;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/** Works out each SLO's budget and burn-rate windows. Expects rules that passed validation. */
public final class Explainer {

    /** How a report names inline window pairs, where it would otherwise name a table. */
    public static final String INLINE = "inline";

    private Explainer() {}

    public static List<SloExplanation> explain(RuleSet rules) {
        return rules.slos().stream().map(slo -> explain(slo, rules)).toList();
    }

    static SloExplanation explain(Slo slo, RuleSet rules) {
        Duration period = slo.window().period();
        BigDecimal errorRatio =
                BigDecimal.ONE.subtract(slo.objectivePercent().movePointLeft(2)).stripTrailingZeros();
        long outageSeconds = new BigDecimal(period.toSeconds())
                .multiply(errorRatio)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        String tableName = slo.alerting().windowTable();
        List<WindowPair> pairs = tableName == null
                ? slo.alerting().windows()
                : rules.windowTable(tableName).orElseThrow().windows();
        List<BurnWindow> windows =
                pairs.stream().map(pair -> window(pair, slo, period)).toList();
        return new SloExplanation(
                slo,
                period,
                errorRatio,
                Duration.ofSeconds(outageSeconds),
                tableName == null ? INLINE : tableName,
                windows);
    }

    private static BurnWindow window(WindowPair pair, Slo slo, Duration period) {
        BigDecimal factor = BurnRates.factor(pair, period);
        return new BurnWindow(
                pair.severity(),
                pair.longWindow(),
                pair.shortWindow(),
                factor,
                BurnRates.errorRatioThreshold(factor, slo.objectivePercent()),
                BurnRates.budgetSpent(factor, period, pair.longWindow()).round(new MathContext(12)),
                BurnRates.timeToExhaust(factor, period));
    }
}
