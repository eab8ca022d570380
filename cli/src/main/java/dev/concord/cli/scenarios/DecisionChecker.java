package dev.concord.cli.scenarios;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.simulator.scenario.DecisionExpectation;
import dev.concord.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a scenario's decision expectations against the decision records the engine wrote. A decision that must be
 * made passes when one decision (one decision id) of the expected policy, action and scope goes through the expected
 * states in order, its first state at or after the onset and no later than the allowed detection time; a decision
 * that must not be made passes when no matching record was written at any time of the run.
 */
final class DecisionChecker {

    /** How many of the records actually written a failed check lists, so that the line stays readable. */
    private static final int SHOWN = 3;

    private DecisionChecker() {}

    static Check check(Scenario scenario, DecisionExpectation expected, List<DecisionRecord> decisions) {
        Check check = strictly(scenario, expected, decisions);
        if (expected.knownGap().isEmpty()) {
            return check;
        }
        if (check.status() == Check.Status.PASSED) {
            return new Check(Check.Status.PASSED, check.text() + " (known gap did not show this run)");
        }
        return new Check(Check.Status.KNOWN_GAP, check.text() + " (" + expected.knownGap() + ")");
    }

    private static Check strictly(Scenario scenario, DecisionExpectation expected, List<DecisionRecord> decisions) {
        Instant start = scenario.plan().start();
        List<DecisionRecord> matching = decisions.stream()
                .filter(r -> expected.matches(
                        r.policy(),
                        r.action().name(),
                        r.scope().cloud(),
                        r.scope().region(),
                        r.scope().tenant()))
                .sorted(Comparator.comparing(DecisionChecker::at))
                .toList();
        if (!expected.decides()) {
            List<DecisionRecord> violating = matching.stream()
                    .filter(r -> expected.states().isEmpty()
                            || expected.states().contains(r.state().name()))
                    .toList();
            String wanted = "never decides " + expected.describe();
            if (violating.isEmpty()) {
                return new Check(Check.Status.PASSED, wanted);
            }
            return new Check(Check.Status.FAILED, wanted + ": " + shown(violating, start));
        }
        Instant onset = start.plus(expected.onset());
        String wanted = "decides " + expected.describe() + " within " + Durations.text(expected.within()) + " of "
                + expected.after()
                + expected.confirm()
                        .map(c -> ", confirmed by " + c.by() + " " + Durations.text(c.after()) + " after pending")
                        .orElse("");
        Map<String, List<DecisionRecord>> byDecision = new LinkedHashMap<>();
        for (DecisionRecord r : matching) {
            if (!at(r).isBefore(onset)) {
                byDecision
                        .computeIfAbsent(r.decisionId(), id -> new ArrayList<>())
                        .add(r);
            }
        }
        for (List<DecisionRecord> one : byDecision.values()) {
            List<DecisionRecord> path = inOrder(one, expected.states());
            if (path != null) {
                Duration detection = Duration.between(onset, at(path.get(0)));
                String text =
                        wanted + ": " + path.get(0).decisionId() + " after " + Durations.text(detection) + later(path);
                return new Check(
                        detection.compareTo(expected.within()) <= 0 ? Check.Status.PASSED : Check.Status.FAILED, text);
            }
        }
        List<DecisionRecord> after = decisions.stream()
                .filter(r -> !at(r).isBefore(onset))
                .sorted(Comparator.comparing(DecisionChecker::at))
                .toList();
        return new Check(
                Check.Status.FAILED,
                wanted + ": " + (after.isEmpty() ? "no decision after the onset" : "decided " + shown(after, start)));
    }

    /** The records of one decision that reach the states in order (each the first of its state); null if not all. */
    private static List<DecisionRecord> inOrder(List<DecisionRecord> records, List<String> states) {
        if (states.isEmpty()) {
            return List.of(records.get(0));
        }
        List<DecisionRecord> path = new ArrayList<>();
        int next = 0;
        for (DecisionRecord r : records) {
            if (next < states.size() && r.state().name().equals(states.get(next))) {
                path.add(r);
                next++;
            }
        }
        return next == states.size() ? path : null;
    }

    private static String later(List<DecisionRecord> path) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < path.size(); i++) {
            text.append(", ")
                    .append(path.get(i).state())
                    .append(' ')
                    .append(Durations.text(Duration.between(at(path.get(0)), at(path.get(i)))))
                    .append(" later");
        }
        return text.toString();
    }

    private static String shown(List<DecisionRecord> records, Instant start) {
        String text = records.stream()
                .limit(SHOWN)
                .map(r -> r.policy() + " " + r.action() + " " + scope(r) + " " + r.state() + " at "
                        + Durations.text(Duration.between(start, at(r))) + " into the run")
                .collect(Collectors.joining(", "));
        return records.size() > SHOWN ? text + " and " + (records.size() - SHOWN) + " more" : text;
    }

    static String scope(DecisionRecord r) {
        DecisionRecord.DecisionScope s = r.scope();
        return s.cloud()
                + (s.region() == null ? "" : "/" + s.region())
                + (s.tenant() == null ? "" : "/tenant " + s.tenant());
    }

    static Instant at(DecisionRecord r) {
        return Instant.parse(r.eventTime());
    }
}
