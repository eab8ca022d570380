package dev.concord.rules.explain;

import dev.concord.rules.burn.BurnRates;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.WireName;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The explanation for people: one block per SLO, its windows as a table. */
public final class TextReport {

    private static final List<String> HEADER =
            List.of("severity", "long", "short", "burn rate", "error ratio", "budget spent", "exhausts budget in");

    private TextReport() {}

    public static String render(List<SloExplanation> explanations) {
        StringBuilder out = new StringBuilder();
        for (SloExplanation explanation : explanations) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            render(explanation, out);
        }
        return out.toString();
    }

    private static void render(SloExplanation e, StringBuilder out) {
        Slo slo = e.slo();
        out.append("SLO ")
                .append(slo.name())
                .append("  (")
                .append(slo.origin().document())
                .append(")\n");
        line(out, "transaction", slo.transaction());
        line(out, "indicator", Describe.indicator(slo.indicator()));
        line(
                out,
                "objective",
                Numbers.plain(slo.objectivePercent()) + "% over a " + Describe.window(slo.window()) + ", by "
                        + Describe.budgeting(slo.budgeting()));
        line(
                out,
                "budget",
                percent(e.errorRatio()) + Describe.budgetUnit(slo.budgeting()) + ": " + Durations.format(e.fullOutage())
                        + " of total failure per " + Durations.format(e.period()));
        if (!slo.groupBy().isEmpty()) {
            line(out, "per", slo.groupBy().stream().map(WireName::of).collect(Collectors.joining(", ")));
        }
        line(
                out,
                "alerting",
                "windows " + e.windowSource()
                        + (slo.alerting().minEvents() > 0
                                ? "; no page with fewer than " + slo.alerting().minEvents()
                                        + " events in the long window"
                                : ""));
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (BurnWindow w : e.windows()) {
            rows.add(List.of(
                    WireName.of(w.severity()),
                    Durations.format(w.longWindow()),
                    Durations.format(w.shortWindow()),
                    Numbers.plain(BurnRates.publishedFactor(w.burnRate())),
                    percent(w.errorRatioThreshold()),
                    percent(w.budgetSpent()),
                    Durations.format(w.timeToExhaust())));
        }
        table(rows, out);
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(String.format("%-13s", label)).append(value).append('\n');
    }

    private static void table(List<List<String>> rows, StringBuilder out) {
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("    ");
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** A ratio as a percentage with four significant digits: 0.0144 is 1.44%. */
    static String percent(BigDecimal ratio) {
        return Numbers.plain(BurnRates.significant(ratio.movePointRight(2))) + "%";
    }
}
