package dev.concord.rules.model;

import dev.concord.rules.Conventions;
import java.time.Duration;
import java.util.List;

/** Window pairs designed for SLOs whose period is {@code period}. */
public record WindowTable(
        Metadata metadata, String description, Duration period, List<WindowPair> windows, Origin origin)
        implements RuleDocument {

    public WindowTable {
        windows = List.copyOf(windows);
    }

    @Override
    public String kind() {
        return Conventions.KIND_WINDOW_TABLE;
    }
}
