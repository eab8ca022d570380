package dev.concord.rules.problem;

import java.util.Locale;

/** An error makes the rules invalid; a warning is printed and does not. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
