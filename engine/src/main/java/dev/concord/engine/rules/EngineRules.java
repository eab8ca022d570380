package dev.concord.engine.rules;

import dev.concord.engine.correlate.TransactionSpec;
import dev.concord.engine.decide.DecisionRules;
import dev.concord.engine.decide.PolicySpec;
import dev.concord.engine.slo.BurnWindow;
import dev.concord.engine.slo.SloSpec;
import dev.concord.rules.burn.BurnRates;
import dev.concord.rules.model.Alerting;
import dev.concord.rules.model.Budgeting;
import dev.concord.rules.model.BusinessTransaction;
import dev.concord.rules.model.GroupBy;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.model.RuleSet;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.SloWindow;
import dev.concord.rules.model.WindowPair;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules as the engine runs them: transactions for the correlator, SLOs with their window tables resolved to
 * burn-rate factors, and failover policies for the decision engine. An SLO the engine cannot evaluate yet is listed
 * with the reason, never silently dropped.
 *
 * @param skipped one line per SLO not evaluated: {@code name: reason}
 */
public record EngineRules(
        List<TransactionSpec> transactions, List<SloSpec> slos, List<String> skipped, List<PolicySpec> policies) {

    public EngineRules {
        transactions = List.copyOf(transactions);
        slos = List.copyOf(slos);
        skipped = List.copyOf(skipped);
        policies = List.copyOf(policies);
    }

    /** Rules without failover policies. */
    public EngineRules(List<TransactionSpec> transactions, List<SloSpec> slos, List<String> skipped) {
        this(transactions, slos, skipped, List.of());
    }

    /** Converts validated rules; call only on a rule set that passed {@code Rules.check}. */
    public static EngineRules from(RuleSet rules) {
        List<TransactionSpec> transactions = new ArrayList<>();
        for (BusinessTransaction transaction : rules.transactions()) {
            transactions.add(new TransactionSpec(
                    transaction.name(),
                    transaction.stages(),
                    transaction.completesAt(),
                    transaction.maxDuration(),
                    new TransactionSpec.Failure(
                            transaction.failure().onStageError(),
                            transaction.failure().retryWithin())));
        }
        List<SloSpec> slos = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Slo slo : rules.slos()) {
            String reason = unsupported(slo);
            if (reason != null) {
                skipped.add(slo.name() + ": " + reason);
                continue;
            }
            slos.add(sloSpec(slo, windows(rules, slo)));
        }
        return new EngineRules(transactions, slos, skipped, DecisionRules.from(rules));
    }

    private static String unsupported(Slo slo) {
        if (slo.indicator() instanceof Indicator.Probes) {
            return "probe indicators are not evaluated from transactions";
        }
        if (slo.budgeting() instanceof Budgeting.RatioTimeslices) {
            return "ratio-timeslices budgeting is not evaluated";
        }
        return null;
    }

    private static List<WindowPair> windows(RuleSet rules, Slo slo) {
        Alerting alerting = slo.alerting();
        if (alerting.windowTable() == null) {
            return alerting.windows();
        }
        return rules.windowTable(alerting.windowTable())
                .orElseThrow(() -> new IllegalArgumentException(
                        slo.name() + ": window table " + alerting.windowTable() + " is not defined"))
                .windows();
    }

    private static SloSpec sloSpec(Slo slo, List<WindowPair> pairs) {
        Duration period = slo.window().period();
        List<BurnWindow> windows = new ArrayList<>();
        for (WindowPair pair : pairs) {
            windows.add(new BurnWindow(
                    pair.severity().name().toLowerCase(Locale.ROOT),
                    minutes(pair.longWindow()),
                    minutes(pair.shortWindow()),
                    BurnRates.factor(pair, period).doubleValue()));
        }
        long latencyThreshold = slo.indicator() instanceof Indicator.Latency latency
                ? latency.threshold().toMillis()
                : 0;
        boolean calendar = slo.window() instanceof SloWindow.CalendarMonth;
        return new SloSpec(
                slo.name(),
                slo.transaction(),
                latencyThreshold,
                slo.objectivePercent().divide(BigDecimal.valueOf(100)).doubleValue(),
                calendar ? SloSpec.CALENDAR_MONTH_MINUTES : minutes(period),
                calendar ? ((SloWindow.CalendarMonth) slo.window()).timeZone().getId() : "",
                windows,
                slo.alerting().minEvents(),
                slo.groupBy().contains(GroupBy.CLOUD),
                slo.groupBy().contains(GroupBy.REGION),
                slo.groupBy().contains(GroupBy.TENANT),
                slo.alerting().labels(),
                slo.alerting().annotations(),
                slo.budgeting() instanceof Budgeting.Timeslices slices ? minutes(slices.slice()) : 0,
                slo.budgeting() instanceof Budgeting.Timeslices slices
                        ? slices.target().doubleValue()
                        : 0);
    }

    private static int minutes(Duration duration) {
        if (duration.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException(
                    "windows are evaluated per minute; " + duration + " is not whole minutes");
        }
        return Math.toIntExact(duration.toMinutes());
    }
}
