package dev.concord.cli.demo;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.signal.Evidence;
import dev.concord.engine.slo.SloAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the demo says about alerts and decisions: one line as they happen, and the evidence in the summary. */
final class Narration {

    private static final String PAGE = "page";
    private static final String INDENT = "               ";

    private Narration() {}

    /** A page starting or ending, or any decision, as it happens; tickets are left to the summary. */
    static Optional<String> live(Object record, Timeline timeline) {
        if (record instanceof SloAlert alert && alert.severity().equals(PAGE)) {
            return Optional.of(when(alert.eventTimeMillis(), timeline)
                    + (alert.firing() ? "PAGE     " : "RESOLVED ")
                    + alertSubject(alert));
        }
        if (record instanceof DecisionRecord decision) {
            return Optional.of(when(millis(decision), timeline) + "DECISION " + decisionHeadline(decision));
        }
        return Optional.empty();
    }

    /** The closing summary: the fault, every alert that fired and every decision, each with when and why. */
    static List<String> summary(
            Timeline timeline, List<SloAlert> alerts, List<DecisionRecord> decisions, String outputs) {
        List<String> lines = new ArrayList<>();
        lines.add("Summary of " + timeline.scenario() + ": " + timeline.description());
        lines.add("Simulated " + timeline.day() + " "
                + Timeline.clock(timeline.start().toEpochMilli()) + " to "
                + Timeline.clock(timeline.end().toEpochMilli()) + " UTC.");
        if (timeline.faults().isEmpty()) {
            lines.add("Faults: none.");
        }
        for (String fault : timeline.faults()) {
            lines.add("Fault: " + fault + ".");
        }
        List<SloAlert> fired = alerts.stream()
                .filter(SloAlert::firing)
                .sorted(Comparator.comparing((SloAlert a) -> !a.severity().equals(PAGE))
                        .thenComparingLong(SloAlert::eventTimeMillis)
                        .thenComparing(Narration::alertSubject))
                .toList();
        long pages = fired.stream().filter(a -> a.severity().equals(PAGE)).count();
        lines.add("");
        lines.add("Alerts that fired: " + pages + " page, " + (fired.size() - pages) + " ticket (time, after onset).");
        for (SloAlert alert : fired) {
            boolean page = alert.severity().equals(PAGE);
            lines.add("  " + when(alert.eventTimeMillis(), timeline)
                    + alert.severity().toUpperCase(Locale.ROOT) + (page ? "   " : " ") + alertSubject(alert));
            String burn = "burn rate " + number(alert.longBurnRate()) + " over " + minutes(alert.longWindowMinutes())
                    + " and " + number(alert.shortBurnRate()) + " over " + minutes(alert.shortWindowMinutes())
                    + ", both at least " + number(alert.factor());
            lines.add(INDENT + "why: " + burn + (page ? "; " + budget(alert.budgetRemaining()) : "")
                    + resolved(alert, alerts, timeline));
        }
        lines.add("");
        lines.add("Decisions: " + decisions.size() + ".");
        for (DecisionRecord decision : decisions) {
            lines.add("  " + when(millis(decision), timeline) + decisionHeadline(decision));
            DecisionRecord.QuorumCount quorum = decision.quorum();
            lines.add(INDENT + "quorum: " + quorum.agreeing() + " of " + quorum.required() + " required, counted: "
                    + (quorum.counted().isEmpty() ? "none" : String.join(", ", quorum.counted())));
            for (DecisionRecord.Signal signal : decision.signals()) {
                lines.add(INDENT + signal.family() + " " + signal.verdict() + evidence(signal.evidence()));
            }
            if (decision.vetoes().isEmpty()) {
                lines.add(INDENT + "vetoes: none");
            }
            for (DecisionRecord.Veto veto : decision.vetoes()) {
                lines.add(INDENT + "veto " + veto.kind() + ": " + veto.message()
                        + (veto.value() == null ? "" : " (" + number(veto.value()) + ")")
                        + (veto.limit() == null ? "" : ", limit " + number(veto.limit())));
            }
            if (decision.confirmation() != null) {
                lines.add(INDENT + "confirmed by " + decision.confirmation().by() + " at "
                        + decision.confirmation().at() + ": "
                        + decision.confirmation().reason());
            }
        }
        lines.add("");
        lines.add(outputs);
        return lines;
    }

    private static String alertSubject(SloAlert alert) {
        return alert.slo() + " " + place(alert.cloudProvider(), alert.cloudRegion(), alert.tenant()) + " ("
                + minutes(alert.longWindowMinutes()) + "/" + minutes(alert.shortWindowMinutes()) + ")";
    }

    private static String decisionHeadline(DecisionRecord decision) {
        DecisionRecord.DecisionScope scope = decision.scope();
        return decision.policy() + ": " + decision.action() + " " + decision.state() + ", " + decision.from() + " -> "
                + decision.to() + ", scope " + place(scope.cloud(), scope.region(), scope.tenant())
                + (decision.weights() == null
                        ? ""
                        : ", weights " + decision.weights().from() + "/"
                                + decision.weights().to());
    }

    private static String place(String cloud, String region, String tenant) {
        StringBuilder text = new StringBuilder(cloud);
        if (region != null && !region.equals("*")) {
            text.append(' ').append(region);
        }
        if (tenant != null && !tenant.equals("*")) {
            text.append(" tenant ").append(tenant);
        }
        return text.toString();
    }

    private static String resolved(SloAlert fired, List<SloAlert> alerts, Timeline timeline) {
        return alerts.stream()
                .filter(a -> !a.firing()
                        && a.eventTimeMillis() > fired.eventTimeMillis()
                        && a.slo().equals(fired.slo())
                        && a.cloudProvider().equals(fired.cloudProvider())
                        && a.cloudRegion().equals(fired.cloudRegion())
                        && a.tenant().equals(fired.tenant())
                        && a.severity().equals(fired.severity())
                        && a.longWindowMinutes() == fired.longWindowMinutes())
                .mapToLong(SloAlert::eventTimeMillis)
                .min()
                .stream()
                .mapToObj(t -> "; resolved " + Timeline.clock(t) + " (" + timeline.sinceOnset(t) + ")")
                .findFirst()
                .orElse("; still firing at the end");
    }

    private static String evidence(Evidence evidence) {
        if (evidence == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String measured = evidence.measure() == null ? "" : evidence.measure();
        if (evidence.value() != null) {
            measured += " = " + number(evidence.value());
        }
        if (evidence.threshold() != null) {
            measured += " (threshold " + number(evidence.threshold()) + ")";
        }
        if (!measured.isEmpty()) {
            parts.add(measured);
        }
        if (evidence.window() != null) {
            parts.add("over " + evidence.window());
        }
        if (evidence.samples() != null) {
            parts.add(evidence.samples() + " samples");
        }
        if (evidence.pValue() != null) {
            parts.add(String.format(Locale.ROOT, "p = %.4f", evidence.pValue()));
        }
        if (evidence.vantagePoints() != null) {
            parts.add(evidence.vantagePoints() + " vantage points");
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static String when(long epochMillis, Timeline timeline) {
        String since = timeline.sinceOnset(epochMillis);
        return Timeline.clock(epochMillis) + " " + String.format(Locale.ROOT, "%-6s", since.isEmpty() ? "" : since);
    }

    static long millis(DecisionRecord decision) {
        return Instant.parse(decision.eventTime()).toEpochMilli();
    }

    private static String minutes(int minutes) {
        return dev.concord.outputs.Conventions.windowLabel(minutes);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String budget(double remaining) {
        return remaining < 0
                ? "spent " + number(1 - remaining) + " times the error budget"
                : String.format(Locale.ROOT, "%.1f%% of the error budget left", remaining * 100);
    }
}
