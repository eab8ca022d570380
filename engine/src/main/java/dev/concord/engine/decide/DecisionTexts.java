package dev.concord.engine.decide;

import dev.concord.engine.decide.DecisionRecord.Signal;
import dev.concord.engine.decide.DecisionRecord.Veto;
import dev.concord.engine.decide.signal.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A decision record in a sentence or two, the same wherever a person reads it: an alert's annotations, a document's
 * summary, a dashboard's table.
 */
public final class DecisionTexts {

    private DecisionTexts() {}

    /** {@code web-api: SHIFT_TRAFFIC aws/tenant:globex from aws to gcp, RECOMMENDED (quorum 3 of 2: ...)}. */
    public static String summary(DecisionRecord d) {
        StringBuilder text = new StringBuilder()
                .append(d.policy())
                .append(": ")
                .append(d.action())
                .append(' ')
                .append(scope(d.scope()))
                .append(" from ")
                .append(d.from())
                .append(" to ")
                .append(d.to())
                .append(", ")
                .append(d.state());
        text.append(" (")
                .append(d.quorum().agreeing())
                .append(" families failing, ")
                .append(d.quorum().required())
                .append(" needed");
        if (!d.quorum().counted().isEmpty()) {
            text.append("; counted: ").append(String.join(", ", d.quorum().counted()));
        }
        text.append(')');
        if (d.confirmation() != null) {
            text.append("; confirmed by ")
                    .append(d.confirmation().by())
                    .append(" at ")
                    .append(d.confirmation().at());
        }
        return text.toString();
    }

    /** Every family's verdict with what it measured, then every veto's message; one line each. */
    public static String evidence(DecisionRecord d) {
        List<String> lines = new ArrayList<>();
        for (Signal s : d.signals()) {
            lines.add(s.family() + " " + s.verdict() + measured(s.evidence()));
        }
        for (Veto v : d.vetoes()) {
            lines.add("veto " + v.kind() + ": " + v.message());
        }
        return String.join("\n", lines);
    }

    /** {@code aws}, {@code aws/us-east-1}, {@code aws/tenant:globex}. */
    public static String scope(DecisionRecord.DecisionScope scope) {
        StringBuilder label = new StringBuilder(scope.cloud());
        if (scope.region() != null) {
            label.append('/').append(scope.region());
        }
        if (scope.tenant() != null) {
            label.append("/tenant:").append(scope.tenant());
        }
        return label.toString();
    }

    private static String measured(Evidence e) {
        if (e == null || e.measure() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (e.threshold() != null) {
            parts.add("threshold " + number(e.threshold()));
        }
        if (e.window() != null) {
            parts.add("over " + e.window());
        }
        if (e.samples() != null) {
            parts.add(e.samples() + " samples");
        }
        if (e.vantagePoints() != null) {
            parts.add(e.vantagePoints() + " vantage points");
        }
        if (e.pValue() != null) {
            parts.add(String.format(Locale.ROOT, "p=%.3g", e.pValue()));
        }
        String value = e.value() == null ? "" : " " + number(e.value());
        return ": " + e.measure() + value + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
