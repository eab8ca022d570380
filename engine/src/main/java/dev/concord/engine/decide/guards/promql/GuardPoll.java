package dev.concord.engine.decide.guards.promql;

import java.util.List;

/**
 * What one poll of a guard gave: its readings, empty when the query matched nothing or Prometheus could not be read
 * (the guard then reports no data, which vetoes a failover that needs it).
 *
 * @param failure why the poll gave nothing after its retries; empty when it succeeded
 */
public record GuardPoll(String guard, long timeMillis, List<GuardReading> readings, String failure) {

    public GuardPoll {
        readings = readings == null ? List.of() : List.copyOf(readings);
        failure = failure == null ? "" : failure;
    }
}
