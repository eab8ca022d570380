package dev.concord.rules.validate;

import dev.concord.rules.Conventions;
import dev.concord.rules.model.Budgeting;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.model.RuleSet;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.SloWindow;
import dev.concord.rules.model.WindowTable;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Numbers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

final class SloChecks {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SloChecks() {}

    static void check(Slo slo, RuleSet rules, Findings findings) {
        if (slo.transaction() != null && rules.transaction(slo.transaction()).isEmpty()) {
            findings.undefined(
                    slo,
                    "spec.transaction",
                    Conventions.KIND_BUSINESS_TRANSACTION,
                    slo.transaction(),
                    rules.transactions().stream().map(t -> t.name()).toList());
        }
        objective(slo, findings);
        if (slo.indicator() instanceof Indicator.Latency latency
                && latency.threshold().isZero()) {
            findings.error(slo, "spec.indicator.latency.threshold", "a latency threshold must be longer than 0");
        }
        Duration period = slo.window() == null ? null : slo.window().period();
        if (slo.window() instanceof SloWindow.Rolling rolling
                && rolling.length().isZero()) {
            findings.error(slo, "spec.window.rolling", "a rolling window must be longer than 0");
            period = null;
        }
        budgeting(slo, period, findings);
        alerting(slo, rules, period, findings);
    }

    private static void objective(Slo slo, Findings findings) {
        BigDecimal objective = slo.objectivePercent();
        if (objective == null) {
            return;
        }
        String text = Numbers.plain(objective);
        if (objective.signum() <= 0 || objective.compareTo(HUNDRED) >= 0) {
            String hint = objective.compareTo(HUNDRED) == 0
                    ? "; an objective of 100% leaves no error budget"
                    : nines(objective).map(n -> "; did you mean " + n + "?").orElse("");
            findings.error(slo, "spec.objective", text + " is outside (0, 100)" + hint);
        } else if (objective.compareTo(BigDecimal.ONE) < 0) {
            findings.warning(
                    slo,
                    "spec.objective",
                    text + " is a percentage, so this allows " + Numbers.plain(HUNDRED.subtract(objective))
                            + "% of events to fail; did you mean " + Numbers.plain(objective.movePointRight(2)) + "?");
        }
    }

    /** 999 was meant as 99.9 and 9995 as 99.95: a run of nines with the decimal point left out. */
    private static Optional<String> nines(BigDecimal objective) {
        String digits = Numbers.plain(objective);
        if (objective.compareTo(HUNDRED) <= 0 || !digits.matches("9\\d+")) {
            return Optional.empty();
        }
        return Optional.of(digits.substring(0, 2) + "." + digits.substring(2));
    }

    private static void budgeting(Slo slo, Duration period, Findings findings) {
        Duration slice = null;
        if (slo.budgeting() instanceof Budgeting.Timeslices timeslices) {
            slice = timeslices.slice();
            BigDecimal target = timeslices.target();
            if (target.signum() <= 0 || target.compareTo(BigDecimal.ONE) > 0) {
                String hint = target.compareTo(BigDecimal.ONE) > 0 && target.compareTo(HUNDRED) <= 0
                        ? "; did you mean " + Numbers.plain(target.movePointLeft(2)) + "?"
                        : "";
                findings.error(
                        slo,
                        "spec.budgeting.timeslices.target",
                        Numbers.plain(target) + " is outside (0, 1]: a slice target is a fraction" + hint);
            }
        } else if (slo.budgeting() instanceof Budgeting.RatioTimeslices ratio) {
            slice = ratio.slice();
        }
        if (slice == null) {
            return;
        }
        String path = slo.budgeting() instanceof Budgeting.Timeslices
                ? "spec.budgeting.timeslices.slice"
                : "spec.budgeting.ratioTimeslices.slice";
        if (slice.isZero()) {
            findings.error(slo, path, "a slice must be longer than 0");
        } else if (period != null && slice.compareTo(period) >= 0) {
            findings.error(
                    slo,
                    path,
                    "slice " + Durations.format(slice) + " is not shorter than the window " + Durations.format(period));
        }
    }

    private static void alerting(Slo slo, RuleSet rules, Duration period, Findings findings) {
        var alerting = slo.alerting();
        if (alerting.minEvents() < 0) {
            findings.error(slo, "spec.alerting.minEvents", "minEvents must be 0 or more");
        }
        if (alerting.windowTable() == null) {
            WindowChecks.pairs(slo, "spec.alerting.windows", alerting.windows(), period, findings);
            return;
        }
        Optional<WindowTable> table = rules.windowTable(alerting.windowTable());
        if (table.isEmpty()) {
            findings.undefined(
                    slo,
                    "spec.alerting.windows",
                    Conventions.KIND_WINDOW_TABLE,
                    alerting.windowTable(),
                    tableNames(rules).toList());
            return;
        }
        Duration designed = table.get().period();
        if (period != null && designed != null && !designed.equals(period)) {
            String hint = Stream.concat(rules.windowTables().stream(), rules.builtInWindowTables().stream())
                    .filter(t -> period.equals(t.period()))
                    .map(t -> "; did you mean " + t.name() + "?")
                    .findFirst()
                    .orElse("; the factors are computed with the SLO's period");
            findings.warning(
                    slo,
                    "spec.alerting.windows",
                    "window table " + table.get().name() + " is made for a " + Durations.format(designed)
                            + " period, but this SLO's is " + Durations.format(period) + hint);
        }
    }

    private static Stream<String> tableNames(RuleSet rules) {
        return Stream.concat(rules.windowTables().stream(), rules.builtInWindowTables().stream())
                .map(WindowTable::name)
                .distinct();
    }
}
