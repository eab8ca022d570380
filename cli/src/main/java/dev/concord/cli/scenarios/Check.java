package dev.concord.cli.scenarios;

import java.util.Objects;

/**
 * The result of checking one expectation of a scenario.
 *
 * @param text what was expected and what happened, for the report line
 */
public record Check(Status status, String text) {

    /** A scenario passes only when no check failed. */
    public enum Status {
        PASSED("ok"),
        FAILED("FAILED"),
        /** Missed as the scenario says Concord is known to miss it today: reported, not failed. */
        KNOWN_GAP("known gap");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Check {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "[" + status.label() + "] " + text;
    }
}
