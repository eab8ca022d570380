package dev.concord.rules.model;

import java.util.List;
import java.util.Map;

/**
 * How an SLO alerts: the named window table, or inline window pairs when {@code windowTable} is null; no page while
 * the long window saw fewer than {@code minEvents} events; labels and annotations go to every alert as they are.
 */
public record Alerting(
        String windowTable,
        List<WindowPair> windows,
        long minEvents,
        Map<String, String> labels,
        Map<String, String> annotations) {

    public Alerting {
        windows = List.copyOf(windows);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
