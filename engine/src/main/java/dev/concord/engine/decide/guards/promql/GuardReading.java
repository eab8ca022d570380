package dev.concord.engine.decide.guards.promql;

import java.util.Map;

/**
 * One series of a guard's instant query at one poll.
 *
 * @param timeMillis when the poll was made, by the poller's clock: the reading's event time
 * @param labels the series' labels as Prometheus returned them
 */
public record GuardReading(String guard, double value, long timeMillis, Map<String, String> labels) {

    public GuardReading {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
