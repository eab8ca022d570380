package dev.concord.cli.scenarios;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** A scenario's result: every check, and whether any failed. */
public record Verdict(String scenario, List<Check> checks, Duration wallTime) {

    public Verdict {
        checks = List.copyOf(checks);
    }

    /** No check failed; known gaps do not fail a scenario, but keep it from reading as a plain pass. */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == Check.Status.FAILED);
    }

    public boolean knownGaps() {
        return checks.stream().anyMatch(c -> c.status() == Check.Status.KNOWN_GAP);
    }

    /** The one line {@code concord scenarios verify} prints for the scenario. */
    public String line() {
        return (!passed() ? "FAIL " : knownGaps() ? "KNOWN-GAP " : "PASS ") + scenario + ": "
                + checks.stream().map(Check::toString).collect(Collectors.joining("; "))
                + " (" + wallTime.toMillis() + " ms)";
    }
}
